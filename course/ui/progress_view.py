"""The learner's progress across the course, as a table (notebooks 00 and 09).

The Refresh button reads the stores again through the pure
``course.progress.overview.course_overview`` and redraws; ``.result`` is
the ``CourseOverview`` shown. States are words with symbols (✔ / … / ○),
never colour alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from course.i18n import t
from course.progress.checklist import ChecklistStore
from course.progress.overview import CourseOverview, NotebookProgress, course_overview
from course.progress.store import ProgressStore
from course.ui import lean
from course.ui.base import Simulator, button, heading
from course.ui.text import escape, status_html

ProgressChoice = ProgressStore | Literal["default"] | str | Path
ChecklistChoice = ChecklistStore | Literal["default"] | str | Path | None


def state_text(n: NotebookProgress, lang: str) -> str:
    """A notebook's state in words with a symbol (✔ / … / ○), never colour alone."""
    if n.status != "available":
        return t("ui_progress.state.planned", lang)
    if n.hidden:
        return t("ui_progress.state.hidden", lang)
    if n.finished:
        return t("ui_progress.state.finished", lang)
    return t(f"ui_progress.state.{'started' if n.answered else 'not_started'}", lang)


def _score(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


class ProgressView(Simulator):
    """A table of every notebook: answered, first and current score, checklist, state."""

    def __init__(self, lang: str | None = None, *, store: ProgressChoice = "default",
                 checklist: ChecklistChoice = "default"):
        super().__init__(lang)
        if isinstance(store, (str, Path)) and store != "default":
            store = ProgressStore(Path(store))
        self.progress_store = (store if isinstance(store, ProgressStore)
                               else ProgressStore.default())
        if isinstance(checklist, ChecklistStore):
            self.checklist_store = checklist
        elif checklist == "default":
            self.checklist_store = ChecklistStore.default()
        else:
            self.checklist_store = ChecklistStore(
                Path(checklist) if isinstance(checklist, (str, Path)) else None)
        self.table = lean.HTML()
        self.next_step = lean.HTML()
        self.notice = lean.HTML()
        self.refresh_button = button(self.t("ui_progress.refresh"),
                                     self.t("ui_progress.refresh_tooltip"), icon="refresh")
        self.on_click(self.refresh_button, self._on_refresh)
        self.result: CourseOverview = self.refresh()
        self.widget = self.frame(
            heading(self.t("ui_progress.title")),
            lean.HTML(f"<p>{escape(self.t('ui_progress.intro'))}</p>"),
            self.notice, self.table, self.next_step, self.refresh_button,
            css_class="course-progress-view")

    # ------------------------------------------------------------ showing
    def _row(self, n: NotebookProgress) -> str:
        none = self.t("ui_progress.none")
        total = n.total if n.total is not None else none
        answered = f"{n.answered}/{total}"
        first = (f"{_score(n.first_score)}/{total}"
                 if n.first_score is not None else none)
        current = (f"{_score(n.current_score)}/{total}"
                   if n.current_score is not None else none)
        checklist = (f"{n.checklist_done}/{n.checklist_total}"
                     if n.checklist_total else none)
        cells = [f"{n.stem}<br>{n.title[self.lang]}", answered, first, current, checklist,
                 state_text(n, self.lang)]
        head, *rest = (escape(c).replace("&lt;br&gt;", "<br>") for c in cells)
        data = "".join(f"<td>{c}</td>" for c in rest)
        return f'<tr><th scope="row">{head}</th>{data}</tr>'

    def _draw(self, overview: CourseOverview) -> None:
        columns = ("notebook", "questions", "first", "current", "checklist", "state")
        header = "".join(f'<th scope="col">{escape(self.t(f"ui_progress.column.{c}"))}</th>'
                         for c in columns)
        body = "".join(self._row(n) for n in overview.notebooks)
        totals = self.t("ui_progress.totals", answered=overview.answered, total=overview.total,
                        done=overview.checklist_done, checklist=overview.checklist_total)
        self.table.value = (
            '<table class="course-progress-table" style="border-collapse:collapse">'
            f"<caption>{escape(self.t('ui_progress.caption'))}</caption>"
            f"<thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"
            f"<p>{escape(totals)}</p>")
        if overview.next_stem is None:
            self.next_step.value = status_html(self.t("ui_progress.all_done"), kind="ok")
        else:
            entry = next(n for n in overview.notebooks if n.stem == overview.next_stem)
            self.next_step.value = status_html(self.t(
                "ui_progress.next", stem=entry.stem, title=entry.title[self.lang]), kind="info")
        self.notice.value = "".join(status_html(p.text[self.lang], kind="notice")
                                    for p in overview.problems)

    # ------------------------------------------------------------ callbacks
    def refresh(self) -> CourseOverview:
        """Read the stores again and redraw the table."""
        self.result = course_overview(self.progress_store, self.checklist_store)
        self._draw(self.result)
        return self.result

    def _on_refresh(self) -> None:
        self.refresh()
        self.say(self.t("ui_progress.updated"), kind="ok")


__all__ = ["ProgressView", "state_text"]
