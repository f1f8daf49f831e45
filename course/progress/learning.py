"""The draws that depend on what a learner has done, read from their progress store.

- ``closing_questions``: the closing quiz of a notebook (seeded per learner);
- ``final_questions``: the final assessment, leaving out every question the
  learner has answered in any other bank;
- ``review_draw``: the spaced review that opens a lesson, over the lessons
  before it (the course map's first notebook, the orientation, is not reviewed);
- ``mastery``: the learner's per-objective mastery from first attempts, with
  workshop answers counted only once the instructor released them.

Each takes rows or a store and returns plain records; the widgets show them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from course.progress.overview import course_map
from course.progress.store import ProgressStore
from course.quiz.bank import BankError, load_bank
from course.quiz.history import histories
from course.quiz.mastery import MasterySettings, ObjectiveMastery, learner_mastery
from course.quiz.model import Bank
from course.quiz.objectives import objectives
from course.quiz.pools import Draw, draw_closing
from course.quiz.results_io import ResultRow
from course.quiz.review import ReviewDraw, ReviewSettings, candidates, draw_review

ANONYMOUS = "learner-anonymous"


def learner_of(store: ProgressStore | None, learner: str | None = None) -> str:
    """The pseudonym a draw is seeded with (the same one the quiz session uses)."""
    if learner is not None:
        return learner
    return store.learner() if store is not None else ANONYMOUS


def closing_questions(bank: Bank, learner: str) -> tuple[str, ...]:
    """The closing quiz's questions for ``learner`` (no store needed: a pure draw)."""
    return draw_closing(bank, learner).questions


def answered_elsewhere(rows: Iterable[ResultRow], bank: Bank, learner: str) -> set[str]:
    """Questions ``learner`` answered anywhere but in ``bank``'s closing part."""
    inline = bank.inline_ids
    return {r.question for r in rows
            if r.learner == learner and (r.quiz != bank.id or r.question in inline)}


def final_questions(bank: Bank, rows: Iterable[ResultRow], learner: str) -> Draw:
    """The final assessment for ``learner``: the final bank's closing draw, with
    every question the learner met elsewhere (a lesson, a review, the final
    notebook's own inline checks) left out."""
    return draw_closing(bank, learner, exclude=answered_elsewhere(rows, bank, learner))


def lessons_before(lesson: str) -> list[str]:
    """The stems a review at the start of ``lesson`` draws from: every available
    notebook after the first and before ``lesson`` in the course map."""
    stems = [entry.stem for entry in course_map() if entry.status == "available"]
    if lesson not in stems:
        return []
    return stems[1:stems.index(lesson)]


def _banks(stems: Sequence[str]) -> list[Bank]:
    out = []
    for stem in stems:
        try:
            out.append(load_bank(stem))
        except BankError:
            continue  # a notebook without a bank has nothing to review
    return out


def review_draw(lesson: str, rows: Iterable[ResultRow], learner: str,
                settings: ReviewSettings | None = None) -> ReviewDraw:
    """The review that opens ``lesson`` for ``learner``, from their stored rows."""
    pool = candidates(_banks(lessons_before(lesson)))
    seen = histories(rows, learner)
    return draw_review(pool, seen, learner, lesson, settings or ReviewSettings.from_policies())


def mastery(store: ProgressStore, learner: str | None = None,
            settings: MasterySettings | None = None) -> tuple[ObjectiveMastery, ...]:
    """The learner's mastery of every objective of the course, in course order.

    Workshop answers count only after the instructor released their quiz (before
    that the learner may not see whether they were right).
    """
    who = learner_of(store, learner)
    released: dict[str, bool] = {}

    def visible(row: ResultRow) -> bool:
        if row.mode != "workshop":
            return True
        if row.quiz not in released:
            released[row.quiz] = store.released(row.quiz, who)
        return released[row.quiz]

    order = [o.id for o in objectives()]
    return learner_mastery(store.rows(who), order, who,
                           settings or MasterySettings.from_policies(), visible)


__all__ = ["answered_elsewhere", "closing_questions", "final_questions", "learner_of",
           "lessons_before", "mastery", "review_draw"]
