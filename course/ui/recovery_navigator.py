"""The recovery navigator: pick a situation and what you still have, get the
steps, walk them one by one, and see where the paths dead-end.

Every callback reads the controls, calls one pure function
(``course.sim.recovery.recovery_navigator.situation`` / ``navigate`` or
``RecoveryWalk.advance``), shows what came back and keeps it on ``result``.
"""

from __future__ import annotations

import ipywidgets as widgets

from course.facts.sources import Provenance
from course.sim.accounts.account_states import State
from course.sim.core.clock import SimulatedClock
from course.sim.recovery.recovery_graph import RecoveryStep
from course.sim.recovery.recovery_navigator import (
    Navigation,
    appeal_checklist,
    navigate,
    situation,
    situations,
)
from course.sim.recovery.recovery_walk import X_ANSWERS, WalkStep
from course.ui import lean
from course.ui.base import Simulator, button, heading, verdict
from course.ui.sources_view import provenance_html
from course.ui.text import escape

# Underlined links: a link must not stand out by colour alone.
_STYLE = lean.HTML(
    "<style>.course-recovery a{text-decoration:underline}"
    ".course-recovery details{margin:.2em 0 .4em}"
    ".course-recovery li{margin:.3em 0}</style>"
)


def _checkbox(label: str, value: bool) -> widgets.Checkbox:
    return lean.Checkbox(value=value, description=label, indent=False,
                         layout=widgets.Layout(width="auto"))


class RecoveryNavigator(Simulator):
    """Situation → plan → walk, with provenance on every step."""

    SHOWS = ("recovery", "recovery_navigator", "policies/states", "errors/states",
             "errors/recovery_navigator")

    def __init__(self, lang: str | None = None, *, start: str = "locked") -> None:
        super().__init__(lang)
        self.navigation: Navigation | None = None
        self.last_step: WalkStep | None = None
        self._log: list[str] = []
        choices = [(s.name(self.lang), s.id) for s in situations()]
        first = situation(start) or situations()[0]
        self.situation_choice = lean.Dropdown(
            options=choices, value=first.id, description=self.t("ui_recovery.situation_label"),
            style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
        self.situation_text = lean.HTML()
        self.haves_box = lean.VBox()
        self.conditions_box = lean.VBox()
        self.have_boxes: dict[str, widgets.Checkbox] = {}
        self.condition_boxes: dict[str, widgets.Checkbox] = {}
        self.plan_view = lean.HTML()
        self.state_view = lean.HTML()
        self.x_answer = lean.RadioButtons(
            options=[(self.t(f"ui_recovery.x_answer.{a}"), a) for a in X_ANSWERS],
            value=X_ANSWERS[0], description=self.t("ui_recovery.x_answer_label"),
            style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
        self.next_button = button(self.t("ui_recovery.next_step"),
                                  self.t("ui_recovery.next_step_tooltip"), icon="step-forward")
        self.restart_button = button(self.t("ui_recovery.restart"),
                                     self.t("ui_recovery.restart_tooltip"), icon="undo")
        self.walk_log = lean.HTML()
        self.on_change(self.situation_choice, self._choose_situation)
        self.on_click(self.next_button, self._next_step)
        self.on_click(self.restart_button, self._plan)
        self.widget = self.frame(
            _STYLE,
            heading(self.t("ui_recovery.title")),
            lean.HTML(f"<p>{escape(self.t('ui_recovery.intro'))}</p>"),
            self.situation_choice, self.situation_text,
            lean.HTML(f"<p><strong>{escape(self.t('ui_recovery.haves_label'))}</strong></p>"),
            self.haves_box, self.conditions_box,
            heading(self.t("ui_recovery.plan_heading"), level=4), self.plan_view,
            heading(self.t("ui_recovery.walk_heading"), level=4), self.state_view,
            self.x_answer, lean.HBox([self.next_button, self.restart_button]),
            self.walk_log,
            heading(self.t("ui_recovery.appeal_heading"), level=4),
            lean.HTML(self._checklist_html()),
            css_class="course-recovery",
        )
        self.guarded(self._choose_situation)()

    # -- callbacks ------------------------------------------------------------------

    def _choose_situation(self) -> None:
        """A new situation: plan with its defaults and offer its boxes ticked to match."""
        navigation = navigate(self.situation_choice.value, clock=SimulatedClock())
        if navigation.situation is not None:
            self._build_controls(navigation)
        self._show_navigation(navigation)

    def _plan(self) -> None:
        """Read the situation and the ticked boxes, plan, and reset the walk."""
        ticked = [h for h, box in self.have_boxes.items() if box.value is True]
        conditions = {c: box.value is True for c, box in self.condition_boxes.items()}
        self._show_navigation(navigate(self.situation_choice.value, ticked, conditions,
                                       clock=SimulatedClock()))

    def _show_navigation(self, navigation: Navigation) -> None:
        self.navigation = self.result = navigation
        self.last_step = None
        self._log = []
        self._show_plan()

    def _next_step(self) -> None:
        walk = self.navigation.walk if self.navigation is not None else None
        if walk is None:
            self.say(self.t("ui_recovery.no_walk"), kind="notice")
            return
        step = walk.advance(self.x_answer.value)
        self.result = self.last_step = step
        if step.ok:
            self._log.append(self._log_line(step))
        self._show_plan()
        self._show_walk(step)

    # -- building and showing ---------------------------------------------------------

    def _build_controls(self, navigation: Navigation) -> None:
        """Replace the checkboxes with the situation's; the old ones are closed so a
        late click on them (or their front-end views) cannot linger."""
        found = navigation.situation
        assert found is not None
        for old in (*self.have_boxes.values(), *self.condition_boxes.values()):
            old.close()
        self.situation_text.value = (
            f"<p>{escape(found.description(self.lang))}</p>"
            f"<p><em>{escape(found.note(self.lang))}</em> "
            f"{provenance_html(found.provenance, self.lang)}</p>")
        self.have_boxes = {h: _checkbox(self.t(f"states.recovery.have.{h}"), h in navigation.has)
                           for h in found.offered_haves}
        self.condition_boxes = {
            c: _checkbox(self.t(f"states.recovery.condition.{c}"),
                         navigation.conditions.get(c, False) is True)
            for c in found.conditions}
        for box in (*self.have_boxes.values(), *self.condition_boxes.values()):
            self.on_change(box, self._plan)
        self.haves_box.children = tuple(self.have_boxes.values())
        if self.condition_boxes:
            label = lean.HTML(
                f"<p><strong>{escape(self.t('ui_recovery.conditions_label'))}</strong></p>")
            self.conditions_box.children = (label, *self.condition_boxes.values())
        else:
            self.conditions_box.children = ()

    def _provenance(self, provenance: Provenance) -> str:
        return provenance_html(provenance, self.lang, self.t("ui_recovery.source"))

    def _step_html(self, step: RecoveryStep, mark: str = "") -> str:
        kind = self.t(f"states.recovery.kind.{step.kind}")
        prefix = f"{escape(mark)} " if mark else ""
        return (f"<li>{prefix}<strong>[{escape(kind)}]</strong> {escape(step.text[self.lang])} "
                f"{self._provenance(step.provenance)}</li>")

    def _show_plan(self) -> None:
        nav = self.navigation
        assert nav is not None
        if nav.problem is not None:
            self.plan_view.value = ""
            self.say(nav.summary(self.lang), kind="error")
            self._show_walk(None)
            return
        plan = nav.plan
        assert plan is not None
        if plan.reachable:
            done = nav.walk.done if nav.walk is not None else 0
            marks = [self.t("ui_recovery.mark.done") if i < done else
                     self.t("ui_recovery.mark.next") if i == done else ""
                     for i in range(len(plan.steps))]
            items = "".join(self._step_html(s, marks[i]) for i, s in enumerate(plan.steps))
            self.plan_view.value = f"<ol>{items}</ol>"
            self.say(nav.summary(self.lang), kind="ok")
        else:
            self.plan_view.value = self._dead_end_html(nav)
            self.say(nav.summary(self.lang), kind="error")
        if self.last_step is None:
            self._show_walk(None)

    def _dead_end_html(self, nav: Navigation) -> str:
        dead = nav.plan.dead_end if nav.plan is not None else None
        assert dead is not None
        lang = self.lang
        parts = [verdict(False, nav.summary(lang), lang),
                 f"<p><strong>{escape(self.t('ui_recovery.dead_end.reason'))}</strong> "
                 f"{escape(dead.reason[lang])}</p>"]
        if nav.would_help:
            helps = "".join(f"<li>{escape(self.t(f'states.recovery.have.{h}'))}</li>"
                            for h in nav.would_help)
            parts.append(f"<p><strong>{escape(self.t('ui_recovery.dead_end.would_help'))}"
                         f"</strong></p><ul>{helps}</ul>")
        parts.append(f"<p><strong>{escape(self.t('ui_recovery.dead_end.prevent'))}</strong> "
                     f"{escape(dead.prevention[lang])}</p>")
        if dead.last_resorts:
            items = "".join(self._step_html(s) for s in dead.last_resorts)
            parts.append(f"<p><strong>{escape(self.t('ui_recovery.dead_end.last_resorts'))}"
                         f"</strong></p><ul>{items}</ul>")
        parts.append(f"<p>{escape(dead.note[lang])}</p>")
        return "".join(parts)

    def _state_html(self, state: State) -> str:
        return (f"<p><strong>{escape(self.t('ui_recovery.state_now'))}</strong> "
                f"{escape(state.label(self.lang))} — {escape(state.description(self.lang))}</p>")

    def _log_line(self, step: WalkStep) -> str:
        progress = self.t("recovery_navigator.walk.progress", done=step.done, total=step.total)
        if step.refused:
            progress = self.t("ui_recovery.x_refused_progress")
        return f"<li>{escape(progress)}: {escape(step.message(self.lang))}</li>"

    def _show_walk(self, step: WalkStep | None) -> None:
        walk = self.navigation.walk if self.navigation is not None else None
        if walk is None:
            self.state_view.value = ""
            self.walk_log.value = ""
            self.next_button.disabled = True
            self.x_answer.layout.display = "none"
            return
        self.state_view.value = self._state_html(walk.state)
        self.next_button.disabled = walk.finished
        self.x_answer.layout.display = None if walk.waits_for_x else "none"
        log = f"<ol>{''.join(self._log)}</ol>" if self._log else ""
        if step is None:
            self.walk_log.value = log
            if walk.total == 0:
                self.walk_log.value = f"<p>{escape(self.t('ui_recovery.no_walk'))}</p>"
            return
        if not step.ok:
            self.walk_log.value = log
            self.say(step.message(self.lang), kind="error")
            return
        if step.back_to_active:
            log += verdict(True, self.t("recovery_navigator.walk.back_to_active"), self.lang)
        self.walk_log.value = log
        if step.refused:
            self.status.value = verdict(False, step.message(self.lang), self.lang)
        else:
            self.say(step.message(self.lang), kind="ok")

    def _checklist_html(self) -> str:
        rows = []
        for item in appeal_checklist():
            mark = self.t(f"ui_recovery.checklist.{item.kind}")
            rows.append(f"<li><strong>{escape(mark)}</strong> {escape(item.text[self.lang])} "
                        f"{self._provenance(item.provenance)}</li>")
        return f"<ul>{''.join(rows)}</ul>"
