"""The first hour after a takeover or a leaked code: pick the next step, card by card.

"Do this" reads the chosen card, calls the pure
``course.sim.recovery.first_hour.pick`` once, shows the verdict (✔/✘ with
words, whose advice it is, and the source) and keeps the ``Pick`` on
``.result``; the drill itself is on ``.drill``. Choosing another situation or
"Start over" calls ``start``.
"""

from __future__ import annotations

import ipywidgets as widgets

from course.sim.core.errors import Refusal
from course.sim.recovery.first_hour import (
    ADDED_OK,
    IN_ORDER,
    Drill,
    Pick,
    guide,
    pick,
    start,
)
from course.ui import lean
from course.ui.base import Simulator, button, heading
from course.ui.sources_view import provenance_html
from course.ui.text import escape, status_html

_WIDE = {"description_width": "initial"}


class FirstHourDrill(Simulator):
    """A situation, the cards still on the table, and what was done so far."""

    SHOWS = ("first_hour", "errors/first_hour")

    def __init__(self, lang: str | None = None, *, scenario: str = "logged_in"):
        super().__init__(lang)
        scenarios = guide().scenarios
        first = scenario if guide().scenario(scenario) else scenarios[0].id
        self.scenario = lean.Dropdown(
            options=[(s.name[self.lang], s.id) for s in scenarios], value=first,
            description=self.t("ui_first_hour.scenario_label"), style=_WIDE,
            layout=widgets.Layout(width="auto"))
        self.situation = lean.HTML()
        self.cards = lean.RadioButtons(options=[], value=None,
                                       description=self.t("ui_first_hour.card_label"),
                                       style=_WIDE, layout=widgets.Layout(width="auto"))
        self.do_button = button(self.t("ui_first_hour.do"), self.t("ui_first_hour.do_tooltip"),
                                icon="check")
        self.restart_button = button(self.t("ui_first_hour.restart"),
                                     self.t("ui_first_hour.restart_tooltip"), icon="undo")
        self.feedback = lean.HTML()
        self.progress = lean.HTML()
        self.done_list = lean.HTML()
        self.drill: Drill | None = None
        self.on_change(self.scenario, self._restart)
        self.on_click(self.restart_button, self._restart)
        self.on_click(self.do_button, self._do)
        self.widget = self.frame(
            heading(self.t("ui_first_hour.title")),
            lean.HTML(f"<p>{escape(self.t('ui_first_hour.intro'))}</p>"
                      f"<p><small>{escape(self.t('ui_first_hour.x_steps_seen'))}</small></p>"),
            self.scenario, self.situation, self.cards,
            lean.HBox([self.do_button, self.restart_button]),
            self.feedback, self.progress,
            heading(self.t("ui_first_hour.done_heading"), level=4), self.done_list,
            css_class="course-first-hour")
        self.guarded(self._restart)()

    # ------------------------------------------------------------ callbacks
    def _restart(self) -> None:
        drill = start(self.scenario.value)
        self.result = drill
        if isinstance(drill, Refusal):
            self.say(drill.text("message", self.lang), kind="notice")
            return
        self.drill = drill
        self.feedback.value = ""
        self.situation.value = f"<p>{escape(drill.scenario.text[self.lang])}</p>"
        self._show()

    def _do(self) -> None:
        if self.drill is None:
            return
        outcome = pick(self.drill, self.cards.value)
        self.result = outcome
        if isinstance(outcome, Refusal):
            self.say(outcome.text("message", self.lang), kind="notice")
            return
        self.say("")
        self.drill = outcome.drill
        self.feedback.value = status_html(self._verdict(outcome),
                                          kind="ok" if outcome.accepted else "notice")
        self._show()

    def choose(self, card_id: str) -> Pick | Refusal:
        """Pick a card and press "Do this", as a learner would."""
        self.cards.value = card_id
        self.do_button.click()
        return self.result

    # ------------------------------------------------------------ showing
    def _by(self, card_id: str) -> str:
        card = guide().cards[card_id]
        return self.t(f"ui_first_hour.by.{card.by}") if card.by else ""

    def _verdict(self, outcome: Pick) -> str:
        card, lang = outcome.card, self.lang
        values = {"step": card.text[lang], "why": card.why[lang]}
        if outcome.reason == IN_ORDER:
            values["number"] = str(outcome.drill.scenario.x_steps.index(card.id) + 1)
        if outcome.reason == ADDED_OK:
            values["by"] = self._by(card.id)
        if outcome.expected:
            values["expected"] = guide().cards[outcome.expected].text[lang]
        return self.t(f"ui_first_hour.pick.{outcome.reason}", **values)

    def _show(self) -> None:
        drill, lang = self.drill, self.lang
        remaining = drill.remaining()
        self.cards.options = [(c.text[lang], c.id) for c in remaining]
        self.cards.value = None
        self.do_button.disabled = drill.finished
        scenario = drill.scenario
        x_done = sum(c in drill.done for c in scenario.x_steps)
        added_done = sum(c in drill.done for c in scenario.added)
        key = "finished" if drill.finished else "progress"
        self.progress.value = status_html(self.t(
            f"ui_first_hour.{key}", x_done=x_done, x_total=len(scenario.x_steps),
            added_done=added_done, added_total=len(scenario.added),
            mistakes=len(drill.mistakes)), kind="ok" if drill.finished else "info")
        items = []
        for card_id in drill.done:
            card = guide().cards[card_id]
            sources = provenance_html(card.provenance, lang, self.t("ui_first_hour.source"))
            items.append(
                f"<li>{escape(card.text[lang])} — <em>{escape(self._by(card_id))}</em>"
                f"<br>{sources}</li>")
        self.done_list.value = f"<ol>{''.join(items)}</ol>" if items else ""


__all__ = ["FirstHourDrill"]
