"""Two-factor lab, part 2: SMS, authenticator app and security key under attack.

The table is ``attack_table()`` (actual runs of ``course.sim.attacks.attack_runs``), with
the reason for each cell in the learner's language. Below it the learner
steps through one attack against one method, checks X's 2023 SMS rule for an
account and a day, and reads Google's 2019 figures with their caveat.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import ipywidgets as widgets

from course.facts.policy import policy, value
from course.sim.attacks.attack_figures import compare_with_google_2019, google_2019
from course.sim.attacks.attack_runs import ATTACKS, METHODS
from course.sim.attacks.twofactor_attacks import (
    Walkthrough,
    attack_table,
    next_step,
    show_all,
    start_walkthrough,
)
from course.sim.twofactor.methods import SMS_POLICIES, sms_two_factor_available
from course.ui import lean
from course.ui.base import Simulator, button, heading
from course.ui.sources_view import badge_html
from course.ui.text import escape
from course.ui.twofactor_render import (
    STYLE,
    attack_table_html,
    google_html,
    policy_line,
    sms_rule_html,
    walkthrough_html,
)

RELAY_DELAYS = (5, 60, 120, 900)  # seconds: a relay tool, then slower and slower by hand
FIRST_SMS_CHECK_DAY = date(2023, 3, 1)  # inside the grace period: the rule's middle case


class AttackLab(Simulator):
    """The comparison table, a step-by-step attack, the SMS rule and Google's figures."""

    SHOWS = ("policies/attacks", "policies/twofactor", "errors/twofactor", "google_2019")

    def __init__(self, lang: str | None = None, *, seed: int = 0,
                 on_result: Callable[[Any], None] | None = None):
        super().__init__(lang)
        self.on_result = on_result
        t = self.t
        self.seed = seed
        self.matrix = attack_table(seed)
        self.result: Any = self.matrix
        default_delay = int(value("attacks.relay_delay_seconds"))

        self.table = lean.HTML(attack_table_html(self.matrix, self.lang))
        self.attack = lean.RadioButtons(
            options=[(t(f"attacks.attack.{a}"), a) for a in ATTACKS], value="sim_swap",
            description=t("ui_twofactor.walk.attack_label"),
            style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
        self.method = lean.Dropdown(
            options=[(t(f"attacks.method.{m}"), m) for m in METHODS], value="sms",
            description=t("ui_twofactor.walk.method_label"),
            style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
        self.delay = lean.Dropdown(
            options=[(self._delay_label(s), s) for s in sorted({*RELAY_DELAYS, default_delay})],
            value=default_delay, description=t("ui_twofactor.walk.delay_label"),
            style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
        self.next = button(t("ui_twofactor.walk.next"), t("ui_twofactor.walk.next_tooltip"))
        self.all = button(t("ui_twofactor.walk.all"), t("ui_twofactor.walk.all_tooltip"))
        self.again = button(t("ui_twofactor.walk.again"), t("ui_twofactor.walk.again_tooltip"))
        self.steps = lean.HTML()

        self.subscriber = lean.Checkbox(value=False, indent=False,
                                        description=t("ui_twofactor.sms.subscriber_label"),
                                        layout=widgets.Layout(width="auto"))
        self.day = widgets.DatePicker(value=FIRST_SMS_CHECK_DAY,
                                      description=t("ui_twofactor.sms.day_label"))
        self.check_rule = button(t("ui_twofactor.sms.check"), t("ui_twofactor.sms.check_tooltip"))
        self.rule = lean.HTML(layout=widgets.Layout(min_height="1.5em"))

        self.walk = self._start()
        for control in (self.attack, self.method, self.delay):
            self.on_change(control, self._start)
        self.on_click(self.again, self._start)
        self.on_click(self.next, lambda: self._show_walk(next_step(self.walk)))
        self.on_click(self.all, lambda: self._show_walk(show_all(self.walk)))
        self.on_click(self.check_rule, self._check_rule)

        policies = "".join(policy_line(policy(key), self.lang) for key in SMS_POLICIES)
        google = google_html(google_2019(), compare_with_google_2019(self.matrix), self.lang)
        self.widget = self.frame(
            lean.HTML(STYLE), heading(t("ui_twofactor.compare.title")),
            lean.HTML(f'<p class="course-note">{escape(t("ui_twofactor.compare.intro"))}</p>'),
            self.table,
            lean.HTML(f'<p class="course-note">{badge_html("assumed", self.lang)} '
                      f'{escape(t("ui_twofactor.compare.assumptions"))}</p>'),
            heading(t("ui_twofactor.walk.heading"), 4),
            self.attack, self.method, self.delay,
            lean.HTML(f'<p class="course-note">'
                      f'{escape(t("ui_twofactor.walk.delay_note", seconds=default_delay))}'
                      "</p>"),
            lean.HBox([self.next, self.all, self.again],
                      layout=widgets.Layout(flex_flow="row wrap")),
            self.steps,
            heading(t("ui_twofactor.sms.heading"), 4),
            lean.HTML(f"<ul>{policies}</ul>"),
            self.subscriber, self.day, self.check_rule, self.rule,
            heading(t("ui_twofactor.google.heading"), 4),
            lean.HTML(google),
            css_class="course-twofactor-attacks",
        )
        self.widget.add_class("course-twofactor")

    def _delay_label(self, seconds: int) -> str:
        if seconds < 60:
            return self.t("ui_twofactor.walk.delay_seconds", seconds=seconds)
        return self.t("ui_twofactor.walk.delay_minutes", minutes=seconds // 60)

    def _start(self) -> Walkthrough:
        walk = start_walkthrough(self.method.value, self.attack.value,
                                 relay_delay_seconds=self.delay.value, seed=self.seed)
        self._show_walk(walk)
        return walk

    def _keep(self, result: Any) -> None:
        self.result = result
        if self.on_result:
            self.on_result(result)

    def _show_walk(self, walk: Walkthrough) -> None:
        self.walk = walk
        self._keep(walk)
        self.steps.value = walkthrough_html(walk, self.lang)

    def _check_rule(self) -> None:
        subscriber, day = self.subscriber.value, self.day.value
        rule = sms_two_factor_available(subscriber, day)
        self._keep(rule)
        self.rule.value = sms_rule_html(rule, subscriber, day, self.lang)
