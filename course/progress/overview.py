"""The learner's progress across the whole course, notebook by notebook.

Pure Python. Built on ``course.progress.summary.summarize`` (the same totals
``python -m course progress`` prints) and on ``data/course.yaml`` (the course
map), plus the checklist ticks, so the widget only has to draw a table.
Workshop scores stay hidden until the instructor releases them, exactly as
in the quiz widget.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from course.i18n import LANGUAGES
from course.paths import data_path
from course.progress.checklist import ChecklistItem, ChecklistStore, load_items, make_plan
from course.progress.store import ProgressStore
from course.progress.summary import QuizProgress, summarize
from course.quiz.problems import Problem
from course.quiz.results_io import ResultRow
from course.yaml_safe import safe_load


@dataclass(frozen=True)
class CourseEntry:
    """One notebook of the course map."""

    stem: str
    status: str  # available | planned
    title: Mapping[str, str]
    summary: Mapping[str, str] = field(default_factory=dict)
    minutes: int = 0  # teaching and exercise minutes together

    def neighbours(self, entries: Sequence[CourseEntry]) -> tuple[str | None, str | None]:
        """The stems of the available notebooks before and after this one."""
        available = [e.stem for e in entries if e.status == "available"]
        if self.stem not in available:
            return None, None
        index = available.index(self.stem)
        before = available[index - 1] if index > 0 else None
        after = available[index + 1] if index + 1 < len(available) else None
        return before, after


@lru_cache(maxsize=4)
def _course_map(path: str) -> tuple[CourseEntry, ...]:
    with open(path, encoding="utf-8") as handle:
        notebooks = safe_load(handle)["notebooks"]
    return tuple(CourseEntry(n["stem"], n["status"],
                             {lang: n["title"][lang] for lang in LANGUAGES},
                             {lang: n.get("summary", {}).get(lang, "") for lang in LANGUAGES},
                             int(n.get("teaching_minutes", 0)) + int(n.get("exercise_minutes", 0)))
                 for n in notebooks)


def course_map(path: Path | None = None) -> tuple[CourseEntry, ...]:
    """The notebooks of ``data/course.yaml`` in course order."""
    return _course_map(str(path or data_path("course.yaml")))


@dataclass(frozen=True)
class NotebookProgress:
    """One notebook: questions answered, scores (None while hidden), checklist ticks."""

    stem: str
    title: Mapping[str, str]
    status: str
    answered: int
    total: int | None  # questions a learner is asked; None when the notebook has no bank yet
    first_score: float | None  # None: nothing answered, or workshop results not released
    current_score: float | None
    hidden: bool  # workshop answers whose results the instructor has not released
    checklist_done: int
    checklist_total: int  # items of this notebook that apply to the learner

    @property
    def finished(self) -> bool:
        """Every question of the bank has been answered at least once."""
        return self.total is not None and self.total > 0 and self.answered >= self.total


@dataclass(frozen=True)
class CourseOverview:
    """Every notebook in course order, the totals and the notebook to do next."""

    notebooks: tuple[NotebookProgress, ...]
    next_stem: str | None  # the first available notebook not finished; None when all are
    answered: int
    total: int
    checklist_done: int
    checklist_total: int
    problems: tuple[Problem, ...] = ()  # e.g. a progress file that had to be moved aside


def _pick(entries: Sequence[QuizProgress], released: bool) -> tuple[QuizProgress | None, bool]:
    """Self-check results when there are any, else workshop results (hidden until released)."""
    by_mode = {e.mode: e for e in entries}
    if "self_check" in by_mode:
        return by_mode["self_check"], False
    if "workshop" in by_mode:
        return by_mode["workshop"], not released
    return None, False


def build_overview(rows: Iterable[ResultRow], entries: Sequence[CourseEntry],
                   bank_size: Callable[[str], int | None],
                   ticks: Mapping[str, str] | None = None,
                   items: Sequence[ChecklistItem] | None = None,
                   released: Callable[[str], bool] = lambda _quiz: False,
                   problems: Sequence[Problem] = ()) -> CourseOverview:
    """Combine stored answers, bank sizes and checklist ticks into one overview.

    Rows of quizzes that are not notebooks of the map (a test bank, an old
    quiz) are ignored. Never raises for any rows the store can hold.
    """
    summary: dict[str, list[QuizProgress]] = {}
    for entry in summarize(rows, bank_size):
        summary.setdefault(entry.quiz, []).append(entry)
    plan = make_plan(ticks or {}, items if items is not None else load_items())
    out = []
    for course_entry in entries:
        stem = course_entry.stem
        chosen, hidden = _pick(summary.get(stem, []), released(stem))
        shown = chosen is not None and not hidden
        total = bank_size(stem)
        done, applicable = plan.by_notebook.get(stem, (0, 0))
        answered = chosen.answered if chosen else 0
        first = chosen.first_score if shown and chosen else None
        current = chosen.current_score if shown and chosen else None
        if total is not None:  # a bank that lost questions since: never show 5/4
            answered = min(answered, total)
            first = None if first is None else min(first, answered)
            current = None if current is None else min(current, answered)
        out.append(NotebookProgress(
            stem=stem, title=course_entry.title, status=course_entry.status,
            answered=answered, total=total,
            first_score=first, current_score=current,
            hidden=hidden, checklist_done=done, checklist_total=applicable))
    next_stem = next((n.stem for n in out if n.status == "available" and n.total
                      and not n.finished), None)
    return CourseOverview(
        notebooks=tuple(out), next_stem=next_stem,
        answered=sum(n.answered for n in out), total=sum(n.total or 0 for n in out),
        checklist_done=plan.done,
        checklist_total=plan.total - plan.not_applicable, problems=tuple(problems))


def bank_size(stem: str) -> int | None:
    """How many questions a learner is asked in a notebook: its inline checks and
    its closing draw (``course.quiz.pools.asked_count``); None when it has no bank."""
    from course.quiz.bank import BankError, load_bank
    from course.quiz.pools import asked_count

    try:
        return asked_count(load_bank(stem))
    except BankError:
        return None


def course_overview(store: ProgressStore | None = None,
                    checklist: ChecklistStore | None = None) -> CourseOverview:
    """The overview of the learner's own files (or of the stores given)."""
    store = store or ProgressStore.default()
    checklist = checklist or ChecklistStore.default()
    learner = store.learner()
    loaded = checklist.load()
    problems = [p for p in (store.notice, loaded.problem) if p is not None]
    return build_overview(store.rows(learner), course_map(), bank_size, loaded.ticks,
                          checklist.items, lambda quiz: store.released(quiz, learner), problems)


__all__ = ["CourseEntry", "CourseOverview", "NotebookProgress", "bank_size", "build_overview",
           "course_map", "course_overview"]
