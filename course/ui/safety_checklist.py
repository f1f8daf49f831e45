"""The personal safety checklist widget of notebook 09.

One radio group per item (done / not yet / does not apply). A change calls
``ChecklistStore.set`` (which saves at once), then ``make_plan``; the widget
shows what is left, with the notebook that teaches each item, and the next
three actions. ``.result`` is the latest ``ChecklistPlan``; ``.saved`` the
latest ``SaveResult``. There is no text field: nothing typed is stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import ipywidgets as widgets

from course.progress.checklist import (
    STATES,
    ChecklistItem,
    ChecklistPlan,
    ChecklistStore,
    SaveResult,
    make_plan,
)
from course.progress.overview import course_map
from course.quiz.problems import Problem
from course.ui import lean
from course.ui.base import Simulator, button, heading
from course.ui.sources_view import sources_details_html
from course.ui.text import escape, status_html

StoreChoice = ChecklistStore | None | Literal["default"] | str | Path


def _store(choice: StoreChoice) -> ChecklistStore:
    if isinstance(choice, ChecklistStore):
        return choice
    if choice == "default":
        return ChecklistStore.default()
    if isinstance(choice, (str, Path)):
        return ChecklistStore(Path(choice))
    return ChecklistStore(None)  # None (or anything else): kept in memory only


class SafetyChecklist(Simulator):
    """The checklist, saved in the learner's progress folder (``store="default"``).

    ``store=None`` keeps ticks in memory only (the notebooks' automatic checks);
    a path or a ``ChecklistStore`` saves there.
    """

    SHOWS = ("checklist",)

    def __init__(self, lang: str | None = None, *, store: StoreChoice = "default"):
        super().__init__(lang)
        self.store = _store(store)
        self.titles = {entry.stem: entry for entry in course_map()}
        loaded = self.store.load()
        self.ticks = dict(loaded.ticks)
        self.saved: SaveResult | None = None
        self.notice = lean.HTML()
        if loaded.problem is not None:
            self._show_problem(loaded.problem, self.notice)
        self.choices: dict[str, widgets.RadioButtons] = {}
        rows = []
        for number, item in enumerate(self.store.items, 1):
            choice = lean.RadioButtons(
                options=[(self.t(f"ui_checklist.state.{s}"), s) for s in STATES],
                value=self.ticks.get(item.id),
                description=f"{number}. {self.t('ui_checklist.state_label')}",
                style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
            choice.add_class("course-checklist-choice")
            self.on_change(choice, lambda item_id=item.id: self.choose(item_id))
            self.choices[item.id] = choice
            rows.append(lean.VBox([lean.HTML(self._item_html(number, item)), choice]))
        self.summary = lean.HTML()
        self.remaining = lean.HTML()
        self.plan = lean.HTML()
        self.clear_button = button(self.t("ui_checklist.clear.button"),
                                   self.t("ui_checklist.clear.tooltip"), icon="eraser")
        self.clear_confirm = lean.Button(description=self.t("ui_checklist.clear.confirm"),
                                         button_style="danger", icon="trash")
        self.clear_cancel = lean.Button(description=self.t("ui_checklist.clear.cancel"))
        self.clear_question = lean.HBox([self.clear_confirm, self.clear_cancel],
                                        layout=widgets.Layout(display="none"))
        self.on_click(self.clear_button, self._ask_clear)
        self.on_click(self.clear_confirm, self._clear)
        self.on_click(self.clear_cancel, self._cancel_clear)
        self.result: ChecklistPlan = make_plan(self.ticks, self.store.items)
        self._show_plan()
        self.widget = self.frame(
            heading(self.t("ui_checklist.title")),
            lean.HTML(f"<p>{escape(self.t('ui_checklist.intro'))}</p>"),
            self.notice, *rows, self.summary, self.remaining, self.plan,
            self.clear_button, self.clear_question, css_class="course-checklist")

    # ------------------------------------------------------------ text
    def _notebook(self, stem: str) -> str:
        """A notebook's stem and title; a link when the notebook exists."""
        entry = self.titles.get(stem)
        title = entry.title[self.lang] if entry else stem
        text = escape(self.t("ui_checklist.teaches", stem=stem, title=title))
        if entry is not None and entry.status == "available":
            return f'<a href="{escape(stem)}.ipynb">{text}</a>'
        return text

    def _item_html(self, number: int, item: ChecklistItem) -> str:
        if item.sources:
            origin = sources_details_html(item.sources, self.lang, self.t("ui_checklist.source"))
        else:
            origin = f"<small>{escape(self.t('ui_checklist.advice'))}</small>"
        return (f"<p><b>{number}. {escape(item.text[self.lang])}</b><br>"
                f"{escape(item.why[self.lang])}<br>"
                f"<small>{self._notebook(item.notebook)}</small></p>{origin}")

    def _show_problem(self, found: Problem, target: widgets.HTML) -> None:
        target.value = status_html(found.text[self.lang], kind="notice")

    def _show_plan(self) -> None:
        plan = self.result
        self.summary.value = status_html(self.t(
            "ui_checklist.summary", total=plan.total, done=plan.done, not_yet=plan.not_yet,
            not_applicable=plan.not_applicable, open=plan.open), kind="info")
        if plan.complete:
            self.remaining.value = f"<p>{escape(self.t('ui_checklist.none_left'))}</p>"
        else:
            lines = "".join(f"<li>{escape(item.text[self.lang])}<br><small>"
                            f"{self._notebook(item.notebook)}</small></li>"
                            for item in plan.remaining)
            self.remaining.value = (f"<h4>{escape(self.t('ui_checklist.remaining'))}</h4>"
                                    f"<ul>{lines}</ul>")
        if plan.next_actions:
            steps = "".join(f"<li>{escape(item.text[self.lang])}</li>"
                            for item in plan.next_actions)
            self.plan.value = f"<h4>{escape(self.t('ui_checklist.plan'))}</h4><ol>{steps}</ol>"
        else:
            self.plan.value = f"<p>{escape(self.t('ui_checklist.plan_empty'))}</p>"

    # ------------------------------------------------------------ callbacks
    def choose(self, item_id: str) -> ChecklistPlan:
        """A radio group changed: save that one tick, then show the new plan."""
        saved = self.store.set(item_id, self.choices[item_id].value)
        self.saved = saved
        self.ticks = dict(saved.ticks)
        self.result = make_plan(self.ticks, self.store.items)
        self._show_plan()
        if saved.problem is not None:
            kind = "notice" if saved.saved else "error"
            prefix = "" if saved.saved else self.t("ui_checklist.not_saved") + " "
            self.say(prefix + saved.problem.text[self.lang], kind=kind)
        else:
            self.say(self.t("ui_checklist.saved"), kind="ok")
        return self.result

    def _ask_clear(self) -> None:
        self.say(self.t("ui_checklist.clear.confirm_text"), kind="notice")
        self.clear_question.layout.display = "flex"

    def _clear(self) -> None:
        saved = self.store.clear()
        self.saved = saved
        self.ticks = {}
        self._set_quietly({})
        self.clear_question.layout.display = "none"
        self.result = make_plan(self.ticks, self.store.items)
        self._show_plan()
        self.say(self.t("ui_checklist.clear.done"), kind="info")

    def _cancel_clear(self) -> None:
        self.clear_question.layout.display = "none"
        self.say(self.t("ui_checklist.clear.cancelled"), kind="info")

    def _set_quietly(self, ticks: dict[str, str]) -> None:
        """Show ``ticks`` in the radio groups without saving each change again."""
        self._quiet = True
        try:
            for item_id, choice in self.choices.items():
                choice.value = ticks.get(item_id)
        finally:
            self._quiet = False

    _quiet = False

    def on_change(self, control: widgets.ValueWidget, callback) -> None:  # type: ignore[override]
        """Like ``Simulator.on_change``, but silent while the widget itself sets values."""
        super().on_change(control, lambda: None if self._quiet else callback())

    # ------------------------------------------------------------ driving
    def tick(self, item_id: str, state: str | None) -> ChecklistPlan:
        """Choose a state for one item, as a learner would (tests and check cells)."""
        self.choices[item_id].value = state
        return self.result

    def clear(self) -> ChecklistPlan:
        """Press "clear every tick", then confirm."""
        self.clear_button.click()
        self.clear_confirm.click()
        return self.result


__all__ = ["SafetyChecklist"]
