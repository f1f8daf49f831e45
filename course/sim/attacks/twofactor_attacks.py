"""Step through one attack against one method, one event at a time.

The two-factor lab lets a learner pick SIM swap or the phishing relay and a
method, then press "next step" to read what happened in order. Each step is
one ``AttackStep`` of a real ``run_attack`` run, so the walk-through and the
comparison table (``attack_table``) can never disagree.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from functools import lru_cache

from course.i18n import t
from course.sim.attacks.attack_runs import (
    AttackMatrix,
    AttackOutcome,
    AttackStep,
    attack_matrix,
    run_attack,
)
from course.sim.core.errors import Refusal

# PBKDF2 rounds for the victim's backup codes in a walk-through. Who wins does
# not depend on the hash cost (the same random draws happen either way); a
# lighter hash only keeps the "next step" button quick.
WALKTHROUGH_BACKUP_ITERATIONS = 1000


@lru_cache(maxsize=4)
def attack_table(seed: int = 0) -> AttackMatrix:
    """Every method against every attack, run once per seed (the runs are deterministic)."""
    return attack_matrix(seed)


@dataclass(frozen=True)
class Walkthrough:
    """An attack run and how many of its steps the learner has seen so far."""

    method: str
    attack: str
    outcome: AttackOutcome
    shown: int = 0

    @property
    def problem(self) -> Refusal | None:
        return self.outcome.problem

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def total(self) -> int:
        return len(self.outcome.steps)

    @property
    def steps(self) -> tuple[AttackStep, ...]:
        """The steps shown so far, oldest first."""
        return self.outcome.steps[:self.shown]

    @property
    def finished(self) -> bool:
        return self.ok and self.shown >= self.total

    def verdict(self, lang: str | None = None) -> str:
        """Held or taken over, with the reason; only once every step is shown."""
        if not self.finished:
            return ""
        word = t(f"attacks.verdict.{'held' if self.outcome.held else 'taken'}", lang)
        return t("ui_twofactor.walk.verdict", lang, verdict=word,
                 reason=self.outcome.reason(lang))

    def text(self, lang: str | None = None) -> str:
        """Progress in words, or the problem's message."""
        if self.problem:
            return self.problem.text("message", lang)
        return t("ui_twofactor.walk.progress", lang, shown=self.shown, total=self.total,
                 attack=t(f"attacks.attack.{self.attack}", lang),
                 method=t(f"attacks.method.{self.method}", lang))


def _broken(code: str, **params: object) -> Walkthrough:
    return Walkthrough("?", "?", AttackOutcome("?", "?", problem=Refusal(code, params)))


def start_walkthrough(method: object, attack: object, *, relay_delay_seconds: object = None,
                      seed: object = 0) -> Walkthrough:
    """Run ``attack`` against ``method`` in a seeded world; no step is shown yet."""
    if isinstance(seed, bool) or not isinstance(seed, int):
        return _broken("twofactor_bad_argument", name="seed")
    outcome = run_attack(method, attack, rng=random.Random(f"{seed}/{method}/{attack}"),
                         relay_delay_seconds=relay_delay_seconds,
                         backup_code_iterations=WALKTHROUGH_BACKUP_ITERATIONS)
    return Walkthrough(outcome.method, outcome.attack, outcome)


def next_step(walk: object) -> Walkthrough:
    """Show one more step (stays on the last one at the end)."""
    if not isinstance(walk, Walkthrough):
        return _broken("twofactor_bad_argument", name="walkthrough")
    return replace(walk, shown=min(walk.total, walk.shown + 1))


def show_all(walk: object) -> Walkthrough:
    """Show every step at once."""
    if not isinstance(walk, Walkthrough):
        return _broken("twofactor_bad_argument", name="walkthrough")
    return replace(walk, shown=walk.total)
