"""Register a current email before removing or changing a number: act step by step.

"Do this action" reads the chosen action, calls the pure
``course.sim.accounts.contact_change.apply`` once, shows what happened (✔ or
⚠ with words and the source) and keeps the ``Step`` (or ``Refusal``) on
``.result``; the account is on ``.state``. Changing the goal or "Start over"
calls ``start``.
"""

from __future__ import annotations

import ipywidgets as widgets

from course.sim.accounts.contact_change import (
    ACTIONS,
    GOALS,
    ChangeState,
    Step,
    apply,
    rules,
    start,
)
from course.sim.core.errors import Refusal
from course.ui import lean
from course.ui.base import Simulator, button, heading
from course.ui.sources_view import provenance_html
from course.ui.text import escape, status_html

_WIDE = {"description_width": "initial"}


class ContactChangeLab(Simulator):
    """Goal, next action, the account's state and a log of what happened."""

    SHOWS = ("contact_change", "errors/contact_change")

    def __init__(self, lang: str | None = None, *, goal: str = "remove"):
        super().__init__(lang)
        self.goal = lean.RadioButtons(
            options=[(self.t(f"ui_contact_change.goal.{g}"), g) for g in GOALS],
            value=goal if goal in GOALS else GOALS[0],
            description=self.t("ui_contact_change.goal_label"), style=_WIDE,
            layout=widgets.Layout(width="auto"))
        self.action = lean.Dropdown(
            options=[(rules().actions[a].text[self.lang], a) for a in ACTIONS],
            value=ACTIONS[0], description=self.t("ui_contact_change.action_label"),
            style=_WIDE, layout=widgets.Layout(width="auto"))
        self.do_button = button(self.t("ui_contact_change.do"),
                                self.t("ui_contact_change.do_tooltip"), icon="check")
        self.restart_button = button(self.t("ui_contact_change.restart"),
                                     self.t("ui_contact_change.restart_tooltip"), icon="undo")
        self.account = lean.HTML()
        self.log = lean.HTML()
        self.verdict = lean.HTML()
        self.state: ChangeState | None = None
        self._lines: list[tuple[str, str]] = []
        self.on_change(self.goal, self._restart)
        self.on_click(self.restart_button, self._restart)
        self.on_click(self.do_button, self._do)
        self.widget = self.frame(
            heading(self.t("ui_contact_change.title")),
            lean.HTML(f"<p>{escape(self.t('ui_contact_change.intro'))}</p>"),
            self.goal, self.action, lean.HBox([self.do_button, self.restart_button]),
            heading(self.t("ui_contact_change.status_heading"), level=4), self.account,
            self.log, self.verdict, css_class="course-contact-change")
        self.guarded(self._restart)()

    # ------------------------------------------------------------ callbacks
    def _restart(self) -> None:
        fresh = start(self.goal.value)
        self.result = fresh
        if isinstance(fresh, Refusal):
            self.say(fresh.text("message", self.lang), kind="notice")
            return
        self.state = fresh
        self._lines = []
        self.say("")
        self._show()

    def _do(self) -> None:
        if self.state is None:
            return
        step = apply(self.state, self.action.value)
        self.result = step
        if isinstance(step, Refusal):
            self.say(f"{step.text('message', self.lang)} {step.text('fix', self.lang)}",
                     kind="notice")
            return
        self.say("")
        self.state = step.state
        self._record(step)
        self._show()

    def do(self, *actions: str) -> Step | Refusal:
        """Choose and do actions in turn, as a learner would; the last result."""
        for action in actions:
            self.action.value = action
            self.do_button.click()
        return self.result

    # ------------------------------------------------------------ showing
    def _record(self, step: Step) -> None:
        entry = rules().actions[step.action]
        self._lines.append((self.t("ui_contact_change.done", text=entry.done[self.lang]), "ok"))
        for risk in step.new_risks:
            found = rules().risks[risk]
            self._lines.append((self.t("ui_contact_change.risk", text=found.text[self.lang]),
                                f"notice:{risk}"))

    def _risk_source(self, risk: str) -> str:
        found = rules().risks[risk]
        return provenance_html(found.provenance, self.lang, self.t("ui_contact_change.source"))

    def _show(self) -> None:
        state, lang = self.state, self.lang
        a = state.account
        parts = [self.t(f"ui_contact_change.status.email.{a.email}")
                 + (self.t("ui_contact_change.status.pending") if a.pending_email else ""),
                 self.t(f"ui_contact_change.status.phone.{a.phone}"),
                 self.t(f"ui_contact_change.status.two_factor.{a.two_factor}")]
        if a.email_secure:
            parts.append(self.t("ui_contact_change.status.email_secure"))
        if a.backup_code:
            parts.append(self.t("ui_contact_change.status.backup_code"))
        self.account.value = "<ul>" + "".join(f"<li>{escape(p)}</li>" for p in parts) + "</ul>"
        log = []
        for text, kind in self._lines:
            if kind.startswith("notice:"):
                log.append(status_html(text, kind="notice") + self._risk_source(kind[7:]))
            else:
                log.append(f"<p>{escape(text)}</p>")
        self.log.value = "".join(log)
        self.do_button.disabled = state.finished
        if not state.finished:
            self.verdict.value = ""
            return
        if state.safe:
            head = status_html(self.t("ui_contact_change.finished_safe"), kind="ok")
        else:
            head = status_html(self.t("ui_contact_change.finished_risky",
                                      count=len(state.risks)), kind="notice")
        advice = [rules().advice[a][lang] for a in state.advice()]
        advice_html = (f"<p>{escape(self.t('ui_contact_change.advice_heading'))}</p><ul>"
                       + "".join(f"<li>{escape(x)}</li>" for x in advice) + "</ul>"
                       if advice else "")
        order = [self.t(f"ui_contact_change.goal.{state.goal}") if step == "remove_or_change"
                 else rules().actions[step].text[lang] for step in rules().order
                 if step != "check_discoverability" or state.goal == "change"]
        order_html = (f"<p>{escape(self.t('ui_contact_change.order_heading'))}</p><ol>"
                      + "".join(f"<li>{escape(x)}</li>" for x in order) + "</ol>")
        self.verdict.value = head + advice_html + order_html


__all__ = ["ContactChangeLab"]
