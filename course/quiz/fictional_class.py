"""A fictional class that answered one of the course's quizzes: demo data for instructors.

The class-results notebook and its tests need exported results without real
learners. This module makes them from a real question bank: every learner
is a pseudonym (``learner-fic-007``), every answer is graded by the course's
own ``grade`` function, so the rows are exactly what ``python -m course
export`` would write, and the item analysis has something to find.

The model is a small item-response model: a learner of ability θ answers a
question of difficulty b and discrimination a correctly with probability
1 / (1 + exp(-a (θ - b))). A wrong choice answer falls on one *tempting*
distractor half of the time, so the distractor table shows a pattern.
Three questions are *planted* so the reading guidance has examples (the
first three choice questions of the bank, in order):

* the first is made very easy (nearly everybody right),
* the second very hard (most people miss it: reteach or fix it),
* the third is answered right more often by weaker learners (a < 0), the
  signature of an ambiguous or miskeyed question.

All randomness comes from the ``random.Random`` passed in: the same seed
gives the same class. No phone number, code or name appears in the rows.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from course.quiz.grading import grade
from course.quiz.model import Bank, Question
from course.quiz.results_io import ResultRow, answer_json, iso_utc, to_json

START = 1_795_600_800.0  # 2026-11-25T10:00:00Z, a fictional workshop (UTC)
PLANTED = ("easy", "hard", "reversed")  # on the first three choice questions, in order
CHOICE = ("single_choice", "true_false", "multiple_choice")


@dataclass(frozen=True)
class ClassSettings:
    """What fictional class to make. ``learners`` 1..2000; ``retry_share`` of the
    wrong first answers get a right second attempt (ignored by the analysis)."""

    learners: int = 24
    mode: str = "workshop"
    retry_share: float = 0.3
    skip_share: float = 0.03  # answers left out entirely
    planted: bool = True


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, x))))


def right_answer(question: Question) -> object:
    """The answer that earns full marks, in the form ``grade`` takes."""
    kind = question.type
    if kind in ("single_choice", "true_false"):
        return max(question.options, key=lambda o: o.fraction).id
    if kind == "multiple_choice":
        return [o.id for o in question.options if o.correct]
    if kind == "ordering":
        return [item.id for item in question.items]
    if kind == "matching":
        return {p.id: p.match for p in question.prompts}
    if kind == "numeric":
        best = max(question.rules, key=lambda r: r.fraction)
        return best.value
    if kind == "short_text":
        return max(question.accept, key=lambda a: a.fraction).text
    raise ValueError(f"unknown question type {kind!r}")


def wrong_answer(question: Question, rng: random.Random, tempting: int) -> object:
    """A plausible wrong answer: half the time the question's *tempting* distractor."""
    kind = question.type
    if kind in ("single_choice", "true_false", "multiple_choice"):
        wrong = [o for o in question.options if not o.correct] or list(question.options)
        pick = wrong[tempting % len(wrong)] if rng.random() < 0.5 else rng.choice(wrong)
        if kind != "multiple_choice":
            return pick.id
        keys = [o.id for o in question.options if o.correct]
        kept = keys[: max(0, len(keys) - 1)]  # miss one key, add a distractor
        return sorted({*kept, pick.id})
    if kind == "ordering":
        order = [item.id for item in question.items]
        i = rng.randrange(len(order) - 1) if len(order) > 1 else 0
        order[i:i + 2] = order[i:i + 2][::-1]
        return order
    if kind == "matching":
        pairs = {p.id: p.match for p in question.prompts}
        # swap two prompts whose matches differ (two prompts may share a match,
        # and swapping those would still be right); else point one elsewhere
        swappable = [(a, b) for a in pairs for b in pairs if a < b and pairs[a] != pairs[b]]
        if swappable:
            a, b = rng.choice(swappable)
            pairs[a], pairs[b] = pairs[b], pairs[a]
        elif pairs:
            first = next(iter(pairs))
            other = [c.id for c in question.choices if c.id != pairs[first]]
            pairs[first] = rng.choice(other) if other else pairs[first]
        return pairs
    if kind == "numeric":
        best = max(question.rules, key=lambda r: r.fraction)
        return best.value + rng.choice((-1, 1)) * (abs(best.tolerance) + 2 + rng.randrange(3))
    if kind == "short_text":
        return "わからない" if rng.random() < 0.5 else "not sure"
    raise ValueError(f"unknown question type {kind!r}")


def _parameters(bank: Bank, rng: random.Random, planted: bool) -> list[tuple[float, float]]:
    """(discrimination a, difficulty b) per question, with the planted ones."""
    params = [(rng.uniform(0.8, 2.0), rng.gauss(-0.4, 0.8)) for _ in bank.questions]
    # Planted on choice questions: their marks are all or nothing, so "hard" is
    # really hard (an ordering question gives partial marks for a near miss).
    choice = [i for i, q in enumerate(bank.questions) if q.type in CHOICE]
    if planted and len(choice) >= 3:
        params[choice[0]] = (1.0, -4.0)  # easy
        params[choice[1]] = (1.2, 2.2)  # hard
        params[choice[2]] = (-1.5, 0.0)  # reversed
    return params


def fictional_rows(bank: Bank, rng: random.Random, settings: ClassSettings = ClassSettings()
                   ) -> list[ResultRow]:
    """The rows a fictional class would export for ``bank`` (first attempts and retries)."""
    count = max(1, min(2000, int(settings.learners)))
    params = _parameters(bank, rng, settings.planted)
    tempting = [rng.randrange(8) for _ in bank.questions]
    rows: list[ResultRow] = []
    for n in range(count):
        learner = f"learner-fic-{n + 1:03d}"
        ability = rng.gauss(0.0, 1.0)
        clock = START + n * 7.0
        for index, question in enumerate(bank.questions):
            if rng.random() < settings.skip_share:
                continue
            a, b = params[index]
            correct = rng.random() < _sigmoid(a * (ability - b))
            answer = right_answer(question) if correct else wrong_answer(
                question, rng, tempting[index])
            clock += rng.uniform(20.0, 90.0)
            rows.append(_row(learner, bank, question, answer, 1, clock, settings.mode))
            if not correct and rng.random() < settings.retry_share:
                clock += 15.0
                rows.append(_row(learner, bank, question, right_answer(question), 2, clock,
                                 settings.mode))
    return rows


def _row(learner: str, bank: Bank, question: Question, answer: object, attempt: int,
         when: float, mode: str) -> ResultRow:
    result = grade(question, answer)
    return ResultRow(learner, bank.id, question.id, question.objective, question.type,
                     answer_json(result.answer), float(result.score), 1.0, attempt,
                     iso_utc(when), mode)


def write_class(folder: Path, rows: Sequence[ResultRow]) -> list[Path]:
    """One JSON export per learner in ``folder``, as each learner's ``export`` would write."""
    by_learner: dict[str, list[ResultRow]] = {}
    for row in rows:
        by_learner.setdefault(row.learner, []).append(row)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for learner, own in sorted(by_learner.items()):
        path = folder / f"{learner}.json"
        latest = max(row.answered_at for row in own)
        path.write_text(to_json(own, learner, latest), encoding="utf-8")
        paths.append(path)
    return paths
