"""Grade results again on the instructor's side: a score is never taken from a learner.

A results row carries the learner's own ``score``. Grading is pure and
deterministic (``course.quiz.grading``) and the bank is at hand, so every place
that reads results for an instructor (``python -m course report``, ``import``,
the class-results notebook, the hub's results service) passes the rows
through ``regrade`` first:

- the score, type and objective come from the bank; the answer is stored in
  its canonical form (``["c","a"]`` becomes ``["a","c"]``);
- a row whose claimed score differs from the course's grade is counted as
  *re-graded*, with its learner, so an instructor sees who sent what;
- an answer that is not an answer to its question (an option id the question
  does not have, markup, a wrong type) is *invalid*: it scores 0 and, in the
  rows handed to the analysis, becomes "no answer" so it can never show up as
  a new option of the question; the raw text stays in ``invalid`` for display
  (escape it);
- rows of a quiz or question the given banks do not have cannot be graded:
  they are left out and listed in ``ungraded``.

Distinct (quiz, question, answer) triples are graded once, so a class of
5,000 learners is re-graded in a fraction of a second.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from course.quiz.grading import grade
from course.quiz.model import Bank
from course.quiz.results_io import ResultRow, answer_json

SCORE_TOLERANCE = 1e-6
NO_ANSWER = "null"


@dataclass(frozen=True)
class Verdict:
    """The course's grade of one (quiz, question, answer): what a row becomes."""

    answer: str  # canonical JSON text; "null" when invalid or unanswered
    score: float
    type: str
    objective: str
    invalid: str | None = None  # the problem code when the answer is not valid


@dataclass(frozen=True)
class Regraded:
    """Rows graded by the course, and what differed from what the learners sent."""

    rows: tuple[ResultRow, ...]  # every gradable row, graded by the course
    changed: tuple[ResultRow, ...]  # rows as received whose claimed score was not the course's
    invalid: tuple[ResultRow, ...]  # rows as received whose answer is not valid for the question
    ungraded: tuple[ResultRow, ...]  # rows of a quiz or question the banks do not have

    @property
    def regraded_learners(self) -> tuple[str, ...]:
        """Learners who sent at least one score the course does not give (sorted)."""
        return tuple(sorted({row.learner for row in self.changed}))

    @property
    def ungraded_quizzes(self) -> tuple[str, ...]:
        return tuple(sorted({row.quiz for row in self.ungraded}))

    def invalid_count(self, quiz: str, question: str, attempt: int | None = 1) -> int:
        """Invalid answers to one question (first attempts by default; None: all)."""
        return sum(1 for r in self.invalid if r.quiz == quiz and r.question == question
                   and (attempt is None or r.attempt == attempt))


def verdict(bank: Bank, question_id: str, answer_text: str) -> Verdict | None:
    """Grade one stored answer (its JSON text); None when the bank has no such question."""
    question = bank.find(question_id)
    if question is None:
        return None
    try:
        value = json.loads(answer_text)
    except (TypeError, ValueError, RecursionError):
        return Verdict(NO_ANSWER, 0.0, question.type, question.objective, "bad_answer")
    result = grade(question, value)
    if result.answered:
        return Verdict(answer_json(result.answer), result.score, question.type,
                       question.objective)
    given = value is not None and value != "" and value != [] and value != {}
    code = (result.problem.code if result.problem else "bad_answer") if given else None
    return Verdict(NO_ANSWER, 0.0, question.type, question.objective, code)


def regrade(rows: Iterable[ResultRow], banks: Mapping[str, Bank],
            cache: dict[tuple[str, str, str], Verdict | None] | None = None) -> Regraded:
    """Grade every row with the bank of its quiz (see the module docstring).

    ``cache`` may be kept by a caller that grades the same banks again and again
    (the hub's dashboard): each distinct answer is then graded once in all.
    """
    graded: list[ResultRow] = []
    changed: list[ResultRow] = []
    invalid: list[ResultRow] = []
    ungraded: list[ResultRow] = []
    cache = {} if cache is None else cache
    for row in rows:
        key = (row.quiz, row.question, row.answer)
        try:
            found = cache[key]
        except KeyError:
            bank = banks.get(row.quiz)
            found = cache[key] = None if bank is None else verdict(bank, row.question,
                                                                    row.answer)
        if found is None:
            ungraded.append(row)
            continue
        if abs(found.score - row.score) > SCORE_TOLERANCE:
            changed.append(row)
        if found.invalid is not None:
            invalid.append(row)
        graded.append(row._replace(answer=found.answer, score=found.score, type=found.type,
                                   objective=found.objective))
    return Regraded(tuple(graded), tuple(changed), tuple(invalid), tuple(ungraded))


__all__ = ["Regraded", "Verdict", "regrade", "verdict"]
