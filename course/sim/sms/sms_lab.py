"""The SMS troubleshooting lab's bookkeeping, on top of ``course.sim.sms.troubleshooting``.

A learner works one card at a time and presses checks in any order. After
every check the lab replays the whole sequence with ``diagnose`` and adds
what the screen needs: what the newest check uncovered, which checks were
wasted before every cause was found, and, once found, the fix for each cause
from the error catalog. ``pick_card`` chooses the next card with an injected
random source, never the one just played when there is another.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from course.sim.core.problems import Problem, error
from course.sim.numbers.number_checker import check_number
from course.sim.sms.troubleshooting import (
    Check,
    Diagnosis,
    ScenarioCard,
    Step,
    diagnose,
    scenario,
    scenarios,
)

MAX_CHECKS = 200  # a sequence longer than this is cut (the lab offers 12 checks)


@dataclass(frozen=True)
class LabReport:
    """One card and the checks done on it so far."""

    card: ScenarioCard | None
    diagnosis: Diagnosis
    latest: Step | None = None  # the newest check and what it newly uncovered
    wasted: tuple[Check, ...] = ()  # checks before everything was found that found nothing new
    fixes: tuple[Problem, ...] = ()  # one per hidden cause, once all are found
    masked_number: str | None = None  # the card's (fictional) number, masked
    problem: Problem | None = None

    @property
    def found(self) -> bool:
        return self.diagnosis.found

    @property
    def checks(self) -> tuple[Check, ...]:
        return tuple(step.check for step in self.diagnosis.steps)

    @property
    def extra(self) -> int:
        """How many more checks than the shortest diagnosis the learner needed."""
        if not self.found or self.diagnosis.found_at is None:
            return 0
        return max(0, self.diagnosis.found_at - self.diagnosis.shortest)


def _card(card: object) -> ScenarioCard | None:
    return card if isinstance(card, ScenarioCard) else scenario(card)


def lab_report(card: object, checks: object = ()) -> LabReport:
    """Replay ``checks`` on ``card`` (a card or its id); never raises."""
    chosen = _card(card)
    if isinstance(checks, (list, tuple)):
        checks = tuple(checks[:MAX_CHECKS])
    diagnosis = diagnose(chosen, checks) if chosen is not None else diagnose(None, ())
    if chosen is None:
        return LabReport(None, diagnosis, problem=diagnosis.problem or error(
            "delivery_bad_input", detail="card"))
    steps = diagnosis.steps
    until = diagnosis.found_at if diagnosis.found_at is not None else len(steps)
    wasted = tuple(step.check for step in steps[:until] if not step.revealed)
    fixes = tuple(error(c.code) for c in chosen.conditions) if diagnosis.found else ()
    return LabReport(chosen, diagnosis, steps[-1] if steps else None, wasted, fixes,
                     check_number(chosen.number()).masked)


def pick_card(rng: random.Random, current: object = None) -> ScenarioCard:
    """Another card at random (the same one only when it is the only card)."""
    cards = scenarios()
    chosen = _card(current)
    others = [c for c in cards if chosen is None or c.id != chosen.id] or list(cards)
    return rng.choice(others)
