"""A mock of X's "update phone number" screens, beside the simulated phone.

The learner walks the real path (web: More → Settings and privacy → Your
account → Account information → Phone → Update phone number; Japanese app:
設定とサポート → 設定とプライバシー → アカウント → アカウント情報 → 電話番号),
types the simulated account's password shown on screen, picks a country and
types a number, reads the code on the simulated phone, and verifies it. Every
problem comes back with its cause and fix in the learner's language; numbers
are shown masked once typed. Each callback reads the controls, calls one
method of the pure ``SettingsFlow`` and draws the ``FlowStep`` it returns.
"""

from __future__ import annotations

import random

import ipywidgets as widgets

from course.facts import policy as policies
from course.sim.accounts.settings_flow import (
    MENUS,
    REMOVED_DAYS_AGO,
    FlowStep,
    Screen,
    SettingsFlow,
    Situation,
    breadcrumbs,
    countries,
    demo_account,
)
from course.sim.core.clock import SimulatedClock
from course.sim.numbers.fictional import fictional_example
from course.sim.sms.simulated_phone import clock_label
from course.sim.sms.verification import CodeSource
from course.ui import lean
from course.ui.base import Simulator, button, heading, text_field
from course.ui.phone_parts import STYLE_RULES, paragraphs, problems_html
from course.ui.simulated_phone import SimulatedPhone
from course.ui.sources_view import provenance_html
from course.ui.text import escape

_FORMS = (Screen.PASSWORD, Screen.NUMBER, Screen.CODE)
# Problems whose text counts down ("about 15 more minutes"): once the clock moves on they
# are out of date, and the countdown on screen says the rest.
_TIME_BOUND = frozenset({"sms_locked_out", "sms_resend_too_soon"})


class PhoneSettingsFlow(Simulator):
    """The settings flow; with no ``phone`` given it makes one and shows both side by side."""

    SHOWS = ("policies/settings_flow", "errors/settings_flow", "policies/accounts",
             "errors/accounts", "policies/sms", "errors/sms")

    def __init__(self, lang: str | None = None, *, phone: SimulatedPhone | None = None,
                 situation: str = "fresh", clock: SimulatedClock | None = None,
                 rng: random.Random | None = None,
                 code_source: CodeSource | random.Random | None = None) -> None:
        super().__init__(lang)
        own_phone = phone is None
        self.phone = phone if phone is not None else SimulatedPhone(
            self.lang, clock=clock, rng=rng, code_source=code_source, standalone=False)
        self.flow = SettingsFlow(self.phone.line, situation)
        self.result: FlowStep | None = None
        self._said_at = self.flow.line.clock.now()  # when the messages on screen were said

        self.situation = lean.Dropdown(
            options=[(self._situation_label(s), s.value) for s in Situation],
            value=self.flow.situation.value, description=self.t("ui_phone.flow.situation"),
            style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
        self.situation_note = lean.HTML()
        self.on_change(self.situation, lambda: self._apply(
            self.flow.start_over(self.situation.value)))

        self.crumbs = lean.HTML()
        self.title = lean.HTML()
        self.messages = lean.HTML()
        self.items: dict[str, widgets.Button] = {}
        for screen_items in MENUS.values():
            for item, _target in screen_items:
                self.items[item] = button(self.t(f"settings_flow.items.{item}"),
                                          self.t("ui_phone.flow.open_tooltip",
                                                 item=self.t(f"settings_flow.items.{item}")))
                self.on_click(self.items[item], lambda i=item: self._apply(self.flow.open(i)))
        self.current = lean.HTML()

        account = demo_account()
        self.password_hint = lean.HTML(paragraphs([self.t(
            "ui_phone.flow.password_hint", handle=account["handle"],
            password=account["password"])]))
        self.password = lean.Password(description=self.t("ui_phone.flow.password_label"),
                                      style={"description_width": "initial"},
                                      layout=widgets.Layout(width="auto"))
        self.password_next = button(self.t("ui_phone.flow.next"),
                                    self.t("ui_phone.flow.password_tooltip"))
        self.on_click(self.password_next, lambda: self._apply(
            self.flow.enter_password(self.password.value)))

        self.country = lean.Dropdown(
            options=[(c.label(self.lang), c.region) for c in countries()],
            description=self.t("ui_phone.flow.country_label"),
            style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
        self.number = text_field(self.t("ui_phone.flow.number_label"), self.t(
            "ui_phone.flow.number_placeholder", example=fictional_example("jp_mobile_090_0")))
        self.ads = lean.Checkbox(value=self.flow.ads_use, indent=False,
                                 description=self.t("ui_phone.flow.ads_label"),
                                 layout=widgets.Layout(width="auto"))
        self.ads_note = lean.HTML(self._ads_note())
        self.send = button(self.t("ui_phone.flow.send"), self.t("ui_phone.flow.send_tooltip"))
        self.on_click(self.send, lambda: self._apply(self.flow.enter_number(
            self.country.value, self.number.value, self.ads.value)))

        self.sent_to = lean.HTML()
        self.code = text_field(self.t("ui_phone.flow.code_label"),
                               self.t("ui_phone.flow.code_placeholder"))
        self.verify = button(self.t("ui_phone.flow.verify"),
                             self.t("ui_phone.flow.verify_tooltip"))
        self.on_click(self.verify, lambda: self._apply(self.flow.enter_code(self.code.value)))
        self.resend = button(self.t("ui_phone.flow.resend"),
                             self.t("ui_phone.flow.resend_tooltip"))
        self.on_click(self.resend, lambda: self._apply(self.flow.resend()))
        self.timer = lean.HTML()

        self.back = button(self.t("ui_phone.flow.back"), self.t("ui_phone.flow.back_tooltip"))
        self.on_click(self.back, lambda: self._apply(self.flow.back()))
        self.restart = button(self.t("ui_phone.flow.start_over"),
                              self.t("ui_phone.flow.start_over_tooltip"))
        self.on_click(self.restart, lambda: self._apply(self.flow.start_over()))

        self.screen_box = lean.VBox()
        self.screen_box.add_class("course-phone-screen")
        labels = policies.policy(f"settings_flow.screen_labels_{self.lang}")
        self.flow_box = self.frame(
            lean.HTML(f"<style>{STYLE_RULES}</style>"),
            heading(self.t("ui_phone.flow.title")),
            lean.HTML(paragraphs([self.t("ui_phone.flow.intro")])),
            self.situation, self.situation_note,
            lean.HTML(f"<p>{escape(self.t('ui_phone.flow.labels_note'))} "
                      f"{provenance_html(labels.provenance, self.lang)}</p>"),
            self.crumbs, self.screen_box,
            lean.HBox([self.back, self.restart], layout=widgets.Layout(flex_flow="row wrap")),
            css_class="course-settings-flow")
        self.flow_box.layout.flex = "1 1 26rem"
        self.flow_box.layout.max_width = "40rem"
        self.phone.listeners.append(self._refresh_timer)
        if own_phone:
            self.phone.widget.layout.flex = "0 1 20rem"
            self.widget: widgets.Box = lean.HBox(
                [self.flow_box, self.phone.widget],
                layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start"))
            self.widget.add_class("course-phone-pair")
        else:
            self.widget = self.flow_box
        self._draw(None)

    # --- callbacks -------------------------------------------------------------

    def _apply(self, step: FlowStep) -> None:
        """Keep the pure step, redraw the screen, and let the phone show its inbox."""
        self.result = step
        if step.action == "number" and step.number is not None and step.number.valid:
            # A usable number, sent to or refused: from now on it is shown masked only.
            # (A mistyped one stays in the box so the learner can correct it.)
            self.number.value = ""
        if step.action == "password":
            self.password.value = ""  # typed passwords never linger in the page
        if step.ok and step.action == "code":
            self.code.value = ""
        self._draw(step)
        self.phone.refresh()

    def _refresh_timer(self) -> None:
        """The phone moved the clock or sent a code: update the countdown on the code screen,
        and drop the messages whose countdown is out of date."""
        self.timer.value = self._timer_html()
        if self.flow.line.clock.now() != self._said_at:
            self.messages.value = self._messages_html(self.result, current=False)

    # --- drawing ---------------------------------------------------------------

    def _draw(self, step: FlowStep | None) -> None:
        screen = self.flow.screen
        self.crumbs.value = self._crumbs_html(breadcrumbs(screen))
        self.title.value = f"<h4>{escape(self.t(f'settings_flow.screens.{screen.value}'))}</h4>"
        self.situation_note.value = self._situation_note()
        children: list[widgets.Widget] = [self.title]
        if screen in MENUS and screen is not Screen.PHONE:
            children += [self.items[i] for i in self.flow.items()]
        elif screen is Screen.PHONE:
            self.current.value = self._current_html()
            children += [self.current] + [self.items[i] for i in self.flow.items()]
        elif screen is Screen.PASSWORD:
            children += [self.password_hint, self.password, self.password_next]
        elif screen is Screen.NUMBER:
            children += [self.country, self.number, self.ads, self.ads_note, self.send]
        elif screen is Screen.CODE:
            masked = step.masked if step is not None and step.masked else "-"
            self.sent_to.value = paragraphs([self.t("ui_phone.flow.sent_to", masked=masked)])
            self.timer.value = self._timer_html()
            children += [self.sent_to, self.code, lean.HBox(
                [self.verify, self.resend], layout=widgets.Layout(flex_flow="row wrap")),
                self.timer]
        else:
            self.current.value = self._current_html()
            children += [self.current]
        children.append(self.messages)
        self.screen_box.children = children
        self.back.disabled = screen is Screen.MENU
        self.messages.value = self._messages_html(step)
        if step is not None:
            self._announce(step)

    def _crumbs_html(self, crumbs: tuple[Screen, ...]) -> str:
        items = []
        for index, screen in enumerate(crumbs):
            label = escape(self.t(f"settings_flow.screens.{screen.value}"))
            current = ' aria-current="page"' if index == len(crumbs) - 1 else ""
            items.append(f"<li{current}>{label}</li>")
        nav = escape(self.t("ui_phone.flow.breadcrumbs"))
        return (f'<nav class="course-phone-crumbs" aria-label="{nav}"><ol>{"".join(items)}'
                "</ol></nav>")

    def _messages_html(self, step: FlowStep | None, current: bool = True) -> str:
        if step is None:
            return ""
        if current:
            self._said_at = self.flow.line.clock.now()
        problems = step.problems if current else tuple(
            p for p in step.problems if p.code not in _TIME_BOUND)
        return (paragraphs(n.text(self.lang) for n in step.notes)
                + problems_html(problems, self.lang))

    def _announce(self, step: FlowStep) -> None:
        """One line for the live region: the first error, else the first note."""
        errors = step.errors
        if errors:
            self.say(self.t("ui_phone.flow.problem", message=errors[0].text("message", self.lang)),
                     kind="error")
        elif step.notes:
            self.say(step.notes[0].text(self.lang), kind="ok" if step.ok else "notice")
        else:
            screen = self.t(f"settings_flow.screens.{step.screen.value}")
            self.say(self.t("ui_phone.flow.now_on", screen=screen))

    def _current_html(self) -> str:
        current = self.flow.current_number()
        text = (self.t("ui_phone.flow.current", masked=current) if current
                else self.t("ui_phone.flow.current_none"))
        return paragraphs([text])

    def _timer_html(self) -> str:
        timer = self.flow.timer()
        if timer is None or timer.used:
            return ""
        if timer.locked_for > 0:  # the code died with the lockout; nothing to ask for yet
            return paragraphs([self.t("ui_phone.flow.locked",
                                      time=clock_label(timer.locked_for))])
        if timer.expires_in > 0:
            line = self.t("ui_phone.flow.expires_in", time=clock_label(timer.expires_in))
        elif timer.sends_left == 0:
            line = self.t("ui_phone.phone.timer.no_sends_left", limit=timer.max_sends)
        else:
            line = self.t("ui_phone.flow.expired")
        return paragraphs([line])

    def _situation_label(self, situation: Situation) -> str:
        limit = self.flow.registry.rules.max_accounts_per_number
        return self.t(f"settings_flow.situations.{situation.value}", limit=limit,
                      days=REMOVED_DAYS_AGO)

    def _situation_note(self) -> str:
        rule = self.flow.situation.rule
        if rule is None:
            return paragraphs([self.t("ui_phone.flow.situation_plain")])
        entry = policies.policy(rule)
        note = (entry.note or {}).get(self.lang, "")
        return (f"<p>{escape(self.t('ui_phone.flow.situation_rule'))} {escape(note)} "
                f"{provenance_html(entry.provenance, self.lang)}</p>")

    def _ads_note(self) -> str:
        toggle = policies.policy("settings_flow.ads_toggle_on_number_screen")
        default = policies.policy("settings_flow.ads_toggle_default")
        ftc = policies.policy("settings_flow.ftc_penalty_2022")
        return (f"<p>{escape(self.t('ui_phone.flow.ads_reported'))} "
                f"{provenance_html(toggle.provenance, self.lang)}</p>"
                f"<p>{escape(self.t('ui_phone.flow.ads_default'))} "
                f"{provenance_html(default.provenance, self.lang)}</p>"
                f"<p>{escape(self.t('ui_phone.flow.ads_ftc'))} "
                f"{provenance_html(ftc.provenance, self.lang)}</p>")
