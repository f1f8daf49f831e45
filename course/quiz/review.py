"""The spaced review that opens a lesson: a few questions from earlier lessons.

Which questions, in order of preference:

1. ``wrong``: questions whose latest answer was not fully right, the oldest first;
2. ``oldest``: questions answered right, the longest ago first;
3. ``new``: inline-check questions of earlier lessons never answered (a
   learner who skipped a lesson, or a fresh progress file).

At most one question per objective while other objectives are left, so the
review spreads over what was taught. How many: one per question still
wrong, at least ``min_questions`` and at most ``max_questions`` (2 and 4,
data/policies/learning.yaml). Closing-quiz and final-assessment questions a
learner has not answered are never offered, so a review never spoils them.

Ties are broken by a number seeded with the learner and the lesson, so the
same history gives the same review (replayable); a review answered changes
the history, and the next review moves on.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from course.facts.policy import policy
from course.quiz.history import QuestionHistory
from course.quiz.model import Bank
from course.quiz.shuffle import seed_for

REVIEW_DRAW = "draw:review"
REASONS = ("wrong", "oldest", "new")


@dataclass(frozen=True)
class ReviewSettings:
    """How many questions a review asks (values from data/policies/learning.yaml)."""

    min_questions: int = 2
    max_questions: int = 4

    @classmethod
    def from_policies(cls) -> ReviewSettings:
        return cls(int(policy("learning.review_min_questions").value),
                   int(policy("learning.review_max_questions").value))


@dataclass(frozen=True)
class Candidate:
    """A question an earlier lesson asked, with the bank it belongs to."""

    question: str
    bank: str
    objective: str
    inline: bool  # shown by an inline check (only those are offered unanswered)


@dataclass(frozen=True)
class ReviewItem:
    """One question of the review and why it was chosen."""

    question: str
    bank: str
    objective: str
    reason: str  # wrong | oldest | new
    last_answered: str | None = None


@dataclass(frozen=True)
class ReviewDraw:
    learner: str
    lesson: str
    items: tuple[ReviewItem, ...]

    @property
    def questions(self) -> tuple[str, ...]:
        return tuple(i.question for i in self.items)


def candidates(banks: Iterable[Bank]) -> list[Candidate]:
    """The questions of earlier lessons' banks (inline and closing parts), in order."""
    out = []
    for bank in banks:
        inline = bank.inline_ids
        out += [Candidate(q.id, bank.id, q.objective, q.id in inline) for q in bank.questions]
    return out


def draw_review(pool: Sequence[Candidate], seen: Mapping[str, QuestionHistory],
                learner: str, lesson: str,
                settings: ReviewSettings | None = None) -> ReviewDraw:
    """Choose the review questions for ``learner`` at the start of ``lesson``."""
    settings = settings or ReviewSettings()
    rng = random.Random(seed_for(learner, lesson, REVIEW_DRAW))
    ranked = []
    for candidate in pool:
        tie = rng.random()  # drawn for every candidate, so one's tie never shifts another's
        history = seen.get(candidate.question)
        if history is not None:
            reason = "wrong" if history.still_wrong else "oldest"
            key = (REASONS.index(reason), history.last_answered, tie)
        elif candidate.inline:
            reason, key = "new", (REASONS.index("new"), "", tie)
        else:
            continue
        ranked.append((key, ReviewItem(candidate.question, candidate.bank, candidate.objective,
                                       reason, history.last_answered if history else None)))
    ranked.sort(key=lambda pair: pair[0])
    order = [item for _key, item in ranked]
    wrong = sum(item.reason == "wrong" for item in order)
    count = max(settings.min_questions, min(settings.max_questions, wrong))
    chosen: list[ReviewItem] = []
    objectives: set[str] = set()
    for item in order:  # one per objective first ...
        if len(chosen) < count and item.objective not in objectives:
            chosen.append(item)
            objectives.add(item.objective)
    for item in order:  # ... then fill up if there are fewer objectives than questions
        if len(chosen) < count and item not in chosen:
            chosen.append(item)
    return ReviewDraw(learner, lesson, tuple(chosen))


__all__ = ["REASONS", "Candidate", "ReviewDraw", "ReviewItem", "ReviewSettings", "candidates",
           "draw_review"]
