"""Per-quiz totals from stored rows: what ``python -m course progress`` prints."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from course.quiz.results_io import ResultRow


@dataclass(frozen=True)
class QuizProgress:
    """One quiz in one mode for one learner."""

    quiz: str
    mode: str
    answered: int  # distinct questions answered
    total: int | None  # questions in the bank (None when the bank is unknown here)
    first_score: float  # sum of first-attempt scores
    current_score: float  # sum of latest-attempt scores
    attempts: int  # rows


def summarize(rows: Iterable[ResultRow],
              bank_size: Callable[[str], int | None] = lambda _quiz: None
              ) -> list[QuizProgress]:
    """Group rows by quiz and mode (sorted), with first and latest scores per question."""
    groups: dict[tuple[str, str], dict[str, list[ResultRow]]] = {}
    for row in rows:
        groups.setdefault((row.quiz, row.mode), {}).setdefault(row.question, []).append(row)
    out = []
    for (quiz, mode), questions in sorted(groups.items()):
        first = latest = 0.0
        attempts = 0
        for answers in questions.values():
            ordered = sorted(answers, key=lambda r: r.attempt)
            attempts += len(ordered)
            first += next((r.score for r in ordered if r.attempt == 1), 0.0)
            latest += ordered[-1].score
        out.append(QuizProgress(quiz, mode, len(questions), bank_size(quiz), round(first, 6),
                                round(latest, 6), attempts))
    return out
