"""Question pools per objective, and the draws a learner gets from them.

Each objective's questions fall into parts:

- **inline**: the questions a notebook's quick checks show, right after the
  simulator that teaches them (``self_checks`` in the bank);
- **closing**: every other question of the notebook's bank; the closing quiz
  draws ``closing_per_objective`` of them per objective, so it never repeats
  an inline check;
- **final**: questions on the objective that live in another bank (the final
  assessment's); the final assessment is the final bank's closing quiz.

A draw follows from the learner's pseudonym, the bank and the objective alone
(``seed_for``), exactly like shuffling: an instructor who wants to know what a
learner was asked calls ``draw_closing`` with the same pseudonym and gets the
same questions. Each objective has its own seed, so adding a question to one
objective never changes what another objective draws.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from course.quiz.model import Bank
from course.quiz.shuffle import seed_for

# Question ids never contain ":", so these labels cannot collide with the
# question ids ``seed_for`` also takes (used for option shuffling).
CLOSING_DRAW = "draw:closing"


def _by_objective(bank: Bank, keep: Collection[str] | None = None,
                  drop: Collection[str] = ()) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {objective: [] for objective in bank.objectives}
    for q in bank.questions:
        if (keep is None or q.id in keep) and q.id not in drop:
            out.setdefault(q.objective, []).append(q.id)
    return {objective: tuple(ids) for objective, ids in out.items()}


def inline_part(bank: Bank) -> dict[str, tuple[str, ...]]:
    """Objective -> the questions the notebook's inline checks show (bank order)."""
    return _by_objective(bank, keep=bank.inline_ids)


def closing_part(bank: Bank) -> dict[str, tuple[str, ...]]:
    """Objective -> the questions no inline check shows (bank order)."""
    return _by_objective(bank, drop=bank.inline_ids)


@dataclass(frozen=True)
class Shortfall:
    """An objective whose closing part has fewer questions than the draw wants."""

    objective: str
    wanted: int
    available: int


@dataclass(frozen=True)
class Draw:
    """The questions one learner gets in a closing quiz (or the final assessment)."""

    learner: str
    quiz: str
    questions: tuple[str, ...]
    shortfalls: tuple[Shortfall, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.shortfalls


def draw_closing(bank: Bank, learner: str, exclude: Collection[str] = (),
                 per_objective: int | None = None) -> Draw:
    """The closing quiz of ``bank`` for ``learner``: per objective (in the bank's
    order), ``per_objective`` questions (default: the bank's
    ``closing_per_objective``) drawn from its closing part.

    ``exclude`` takes out questions the learner must not get again (the final
    assessment passes what the learner answered elsewhere). The draw of an
    objective depends only on the learner, the bank, the objective and its
    candidates, so it can be replayed.
    """
    wanted = bank.closing_per_objective if per_objective is None else per_objective
    chosen: list[str] = []
    short: list[Shortfall] = []
    if wanted <= 0:
        return Draw(learner, bank.id, ())
    for objective, ids in closing_part(bank).items():
        candidates = [q for q in ids if q not in exclude]
        rng = random.Random(seed_for(learner, bank.id, f"{CLOSING_DRAW}:{objective}"))
        if len(candidates) < wanted:
            if ids:  # an objective with no closing part at all is not drawn from here
                short.append(Shortfall(objective, wanted, len(candidates)))
            picked = candidates[:]
            rng.shuffle(picked)
        else:
            picked = rng.sample(candidates, wanted)
        chosen += picked
    return Draw(learner, bank.id, tuple(chosen), tuple(short))


def lesson_questions(bank: Bank, learner: str) -> tuple[str, ...]:
    """Every question ``learner`` is asked in the notebook: the inline checks in
    notebook order, then the closing quiz's draw (what "finished" counts)."""
    inline = tuple(q for ids in bank.self_checks for q in ids)
    return inline + draw_closing(bank, learner).questions


def asked_count(bank: Bank) -> int:
    """How many questions every learner is asked in the notebook (the same for all:
    only which closing questions differs). A bank without inline checks or a
    closing draw is asked whole."""
    if not bank.self_checks and bank.closing_per_objective <= 0:
        return len(bank.questions)
    drawn = sum(min(len(ids), bank.closing_per_objective)
                for ids in closing_part(bank).values())
    return len(bank.inline_ids) + drawn


@dataclass(frozen=True)
class PoolSize:
    """How many questions one objective has, per part."""

    objective: str
    inline: int = 0
    closing: int = 0
    final: int = 0

    @property
    def total(self) -> int:
        return self.inline + self.closing + self.final


def pool_sizes(banks: Iterable[Bank], owners: Mapping[str, str]) -> dict[str, PoolSize]:
    """Objective -> its pool, over every bank.

    ``owners`` maps an objective to the notebook that teaches it; a question in
    another notebook's bank (the final assessment's) counts as its final part.
    """
    counts: dict[str, dict[str, int]] = {}
    for bank in banks:
        inline = bank.inline_ids
        for q in bank.questions:
            part = ("final" if owners.get(q.objective, bank.id) != bank.id
                    else "inline" if q.id in inline else "closing")
            entry = counts.setdefault(q.objective, {"inline": 0, "closing": 0, "final": 0})
            entry[part] += 1
    return {objective: PoolSize(objective, **parts)
            for objective, parts in sorted(counts.items())}


__all__ = ["CLOSING_DRAW", "Draw", "PoolSize", "Shortfall", "asked_count", "closing_part",
           "draw_closing",
           "inline_part", "lesson_questions", "pool_sizes"]
