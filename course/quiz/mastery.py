"""Mastery per learning objective, from first attempts only.

A first attempt is what the learner knew before the feedback told them;
retries and reviews show that they can learn from feedback, not what they
knew, so they do not count (the same rule as the item analysis).

- For one learner (the final notebook): per objective, the mean first-attempt
  score of its questions; ``mastered`` at ``mastery_from`` or more, else
  ``revisit``; ``not_started`` when none of its questions was answered.
- For a class (the instructor's view): per objective, each learner's mean as
  above, then the class mean, the share of learners who mastered it, and
  ``revisit`` when the class mean is below ``class_revisit_below`` (with at
  least ``class_min_learners`` learners).

Thresholds come from data/policies/learning.yaml (all marked assumed).
Pure: rows in, records out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from course.facts.policy import policy
from course.quiz.history import histories
from course.quiz.results_io import ResultRow

MASTERED, REVISIT, NOT_STARTED, TOO_FEW = "mastered", "revisit", "not_started", "too_few"


@dataclass(frozen=True)
class MasterySettings:
    mastery_from: float = 0.8
    class_revisit_below: float = 0.7
    class_min_learners: int = 2

    @classmethod
    def from_policies(cls) -> MasterySettings:
        return cls(float(policy("learning.mastery_from").value),
                   float(policy("learning.class_revisit_below").value),
                   int(policy("learning.class_min_learners").value))


@dataclass(frozen=True)
class ObjectiveMastery:
    """One objective for one learner."""

    objective: str
    answered: int  # questions of the objective with a first attempt
    score: float | None  # mean first-attempt score, 0..1; None when nothing was answered
    level: str  # mastered | revisit | not_started


def _first_scores(rows: Iterable[ResultRow], learner: str | None,
                  include: Callable[[ResultRow], bool]) -> dict[str, list[float]]:
    """Objective -> the learner's first-attempt scores."""
    out: dict[str, list[float]] = {}
    for history in histories(rows, learner, include).values():
        if history.first_score is not None:
            out.setdefault(history.objective, []).append(history.first_score)
    return out


def learner_mastery(rows: Iterable[ResultRow], objectives: Sequence[str],
                    learner: str | None = None,
                    settings: MasterySettings | None = None,
                    include: Callable[[ResultRow], bool] = lambda _row: True
                    ) -> tuple[ObjectiveMastery, ...]:
    """Per objective (in the order given), the learner's mastery."""
    settings = settings or MasterySettings()
    scores = _first_scores(rows, learner, include)
    out = []
    for objective in objectives:
        found = scores.get(objective, [])
        if not found:
            out.append(ObjectiveMastery(objective, 0, None, NOT_STARTED))
            continue
        mean = sum(found) / len(found)
        level = MASTERED if mean >= settings.mastery_from - 1e-9 else REVISIT
        out.append(ObjectiveMastery(objective, len(found), round(mean, 6), level))
    return tuple(out)


def to_revisit(mastery: Iterable[ObjectiveMastery]) -> tuple[ObjectiveMastery, ...]:
    """The objectives to go back to, weakest first (ties keep course order)."""
    weak = [m for m in mastery if m.level == REVISIT]
    return tuple(sorted(weak, key=lambda m: m.score if m.score is not None else 0.0))


@dataclass(frozen=True)
class ClassObjective:
    """One objective over a class."""

    objective: str
    learners: int  # learners with at least one first attempt on it
    mean: float | None  # mean of the learners' means, 0..1
    mastered_share: float | None  # share of those learners who mastered it, 0..1
    level: str  # mastered | revisit | too_few | not_started


def class_mastery(rows: Iterable[ResultRow], objectives: Sequence[str] | None = None,
                  settings: MasterySettings | None = None) -> tuple[ClassObjective, ...]:
    """Per objective, the class's first-attempt mastery.

    ``objectives`` fixes the order and adds objectives nobody answered; by
    default, every objective found in the rows, sorted.
    """
    settings = settings or MasterySettings()
    by_learner: dict[str, list[ResultRow]] = {}
    for row in rows:
        by_learner.setdefault(row.learner, []).append(row)
    means: dict[str, list[float]] = {}
    for learner, own in by_learner.items():
        for objective, scores in _first_scores(own, learner, lambda _r: True).items():
            means.setdefault(objective, []).append(sum(scores) / len(scores))
    order = list(objectives) if objectives is not None else sorted(means)
    out = []
    for objective in order:
        found = means.get(objective, [])
        if not found:
            out.append(ClassObjective(objective, 0, None, None, NOT_STARTED))
            continue
        mean = sum(found) / len(found)
        share = sum(m >= settings.mastery_from - 1e-9 for m in found) / len(found)
        if len(found) < settings.class_min_learners:
            level = TOO_FEW
        elif mean < settings.class_revisit_below - 1e-9:
            level = REVISIT
        else:
            level = MASTERED
        out.append(ClassObjective(objective, len(found), round(mean, 6), round(share, 6), level))
    return tuple(out)


def class_revisit(mastery: Iterable[ClassObjective]) -> tuple[ClassObjective, ...]:
    """The objectives the class should revisit, weakest first."""
    weak = [m for m in mastery if m.level == REVISIT]
    return tuple(sorted(weak, key=lambda m: m.mean if m.mean is not None else 0.0))


__all__ = ["MASTERED", "NOT_STARTED", "REVISIT", "TOO_FEW", "ClassObjective",
           "MasterySettings", "ObjectiveMastery", "class_mastery", "class_revisit",
           "learner_mastery", "to_revisit"]
