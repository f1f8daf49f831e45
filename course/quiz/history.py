"""What one learner has done with each question, read from stored answer rows.

The spaced review, the final assessment and the mastery view all start from
the same facts per question: the first attempt's score, the latest score and
when it was last answered. Rows come from the progress store or an export
(``ResultRow``); nothing here reads files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from course.quiz.results_io import ResultRow


@dataclass(frozen=True)
class QuestionHistory:
    """One learner's answers to one question, over every mode."""

    question: str
    quiz: str
    objective: str
    first_score: float | None  # the very first attempt (None if only retries were kept)
    latest_score: float
    last_answered: str  # ISO 8601 UTC of the latest answer
    answers: int

    @property
    def still_wrong(self) -> bool:
        """The latest answer did not earn the full mark."""
        return self.latest_score < 1.0 - 1e-9


def _order(row: ResultRow) -> tuple[str, int]:
    return (row.answered_at, row.attempt)


def histories(rows: Iterable[ResultRow], learner: str | None = None,
              include: Callable[[ResultRow], bool] = lambda _row: True
              ) -> dict[str, QuestionHistory]:
    """Question id -> its history, for ``learner`` (or every row when None).

    ``include`` drops rows the learner may not see yet (workshop answers before
    the release). The first attempt is the earliest row with ``attempt == 1``
    (question ids are unique course-wide, so the question's own bank).
    """
    grouped: dict[str, list[ResultRow]] = {}
    for row in rows:
        if (learner is None or row.learner == learner) and include(row):
            grouped.setdefault(row.question, []).append(row)
    out = {}
    for question, answers in grouped.items():
        answers.sort(key=_order)
        firsts = [r for r in answers if r.attempt == 1]
        latest = answers[-1]
        out[question] = QuestionHistory(
            question=question, quiz=latest.quiz, objective=latest.objective,
            first_score=firsts[0].score if firsts else None, latest_score=latest.score,
            last_answered=latest.answered_at, answers=len(answers))
    return out


__all__ = ["QuestionHistory", "histories"]
