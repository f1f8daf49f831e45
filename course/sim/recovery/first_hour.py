"""The first hour after a takeover or a leaked code, practised as a walk-through.

``data/first_hour.yaml`` gives each scenario X's steps in the order X's Help
gives them (``x_steps``), the steps X's list leaves out (``added``, each
marked as the course's, the police's or IPA's advice) and a few panic moves
(``distractors``). The learner picks one card at a time:

- X's next step: accepted;
- one of X's steps too early (its turn has not come): refused, with X's order;
- an added step: accepted at any time (X gives no order for those);
- a distractor: refused, with why it makes things worse.

The drill is finished when every X step and every added step is done.
Cards are offered in a fixed order that does not give X's order away.
Pure: a ``Drill`` goes in, a ``Pick`` with the next ``Drill`` comes out.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from course.facts.sources import Provenance, SourceError, read_provenance
from course.paths import data_path
from course.sim.core.data_text import bilingual_text
from course.sim.core.errors import Refusal
from course.yaml_safe import safe_load

X, ADDED, DISTRACTOR = "x", "added", "distractor"
IN_ORDER, ADDED_OK, TOO_EARLY, PANIC, ALREADY_DONE = (
    "in_order", "added", "too_early", "distractor", "already_done")


class FirstHourDataError(ValueError):
    """data/first_hour.yaml is malformed (a defect in the course, caught by tests)."""


@dataclass(frozen=True)
class Card:
    id: str
    text: dict[str, str]
    why: dict[str, str]
    provenance: Provenance
    by: str | None = None  # x | course | npa | police | ipa; None for distractors


@dataclass(frozen=True)
class Scenario:
    id: str
    name: dict[str, str]
    text: dict[str, str]
    x_steps: tuple[str, ...]
    added: tuple[str, ...]
    distractors: tuple[str, ...]


@dataclass(frozen=True)
class Guide:
    cards: dict[str, Card]
    scenarios: tuple[Scenario, ...]

    def scenario(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)


_text = partial(bilingual_text, error=FirstHourDataError)


def _card(raw: dict[str, Any], advice_by: list[str], distractor: bool) -> Card:
    cid = raw["id"]
    try:
        provenance = read_provenance(raw, cid)
    except SourceError as error:
        raise FirstHourDataError(str(error)) from None
    by = None if distractor else raw.get("by")
    if not distractor and by not in advice_by:
        raise FirstHourDataError(f"{cid}: 'by' must be one of {advice_by}")
    if by == "course" and provenance.status != "assumed":
        raise FirstHourDataError(f"{cid}: the course's own advice is marked assumed")
    return Card(cid, _text(raw["text"], cid), _text(raw["why"], cid), provenance, by)


@lru_cache(maxsize=2)
def _load(path: str) -> Guide:
    raw = safe_load(Path(path).read_text(encoding="utf-8"))
    cards = {c["id"]: _card(c, raw["advice_by"], False) for c in raw["steps"]}
    distractors = {c["id"]: _card(c, raw["advice_by"], True) for c in raw["distractors"]}
    if set(cards) & set(distractors):
        raise FirstHourDataError(f"{path}: a card is both a step and a distractor")
    scenarios = []
    for s in raw["scenarios"]:
        x_steps, added = tuple(s["x_steps"]), tuple(s["added"])
        if any(cards[c].by != "x" for c in x_steps) or any(cards[c].by == "x" for c in added):
            raise FirstHourDataError(f"{s['id']}: x_steps must be X's, added must not be")
        if not set(s["distractors"]) <= set(distractors):
            raise FirstHourDataError(f"{s['id']}: unknown distractor")
        scenarios.append(Scenario(s["id"], _text(s["name"], s["id"]), _text(s["text"], s["id"]),
                                  x_steps, added,
                                  tuple(s["distractors"])))
    return Guide({**cards, **distractors}, tuple(scenarios))


def guide(path: Path | None = None) -> Guide:
    """The steps, distractors and scenarios (``data/first_hour.yaml``)."""
    return _load(str(path or data_path("first_hour.yaml")))


@dataclass(frozen=True)
class Drill:
    """Where a learner is in one scenario."""

    scenario: Scenario
    done: tuple[str, ...] = ()
    mistakes: tuple[tuple[str, str], ...] = ()  # (card id, reason)

    @property
    def next_x_step(self) -> str | None:
        return next((c for c in self.scenario.x_steps if c not in self.done), None)

    @property
    def finished(self) -> bool:
        return set(self.scenario.x_steps + self.scenario.added) <= set(self.done)

    def kind(self, card_id: str) -> str | None:
        if card_id in self.scenario.x_steps:
            return X
        if card_id in self.scenario.added:
            return ADDED
        if card_id in self.scenario.distractors:
            return DISTRACTOR
        return None

    def cards(self) -> tuple[Card, ...]:
        """Every card of the scenario, in an order that does not give X's order away."""
        ids = self.scenario.x_steps + self.scenario.added + self.scenario.distractors
        ordered = sorted(ids, key=lambda c: hashlib.sha256(
            f"{self.scenario.id}:{c}".encode()).hexdigest())
        return tuple(guide().cards[c] for c in ordered)

    def remaining(self) -> tuple[Card, ...]:
        """The cards still on the table (done steps are taken off)."""
        return tuple(c for c in self.cards() if c.id not in self.done)


@dataclass(frozen=True)
class Pick:
    """One card picked: accepted or not, why, and the drill afterwards."""

    card: Card
    accepted: bool
    reason: str  # in_order | added | too_early | distractor | already_done
    drill: Drill
    expected: str | None = None  # X's step whose turn it was (too_early)


def start(scenario_id: str) -> Drill | Refusal:
    """A fresh drill for one scenario."""
    found = guide().scenario(scenario_id) if isinstance(scenario_id, str) else None
    if found is None:
        return Refusal("first_hour_unknown_scenario", {"given": str(scenario_id)[:40]})
    return Drill(found)


def pick(drill: Drill, card_id: object) -> Pick | Refusal:
    """Pick a card as the next thing to do."""
    kind = drill.kind(card_id) if isinstance(card_id, str) else None
    if kind is None:
        return Refusal("first_hour_unknown_card", {"given": str(card_id)[:40]})
    card = guide().cards[str(card_id)]
    if card.id in drill.done:
        return Pick(card, False, ALREADY_DONE, drill)
    if kind == DISTRACTOR:
        after = replace(drill, mistakes=(*drill.mistakes, (card.id, PANIC)))
        return Pick(card, False, PANIC, after)
    if kind == X and card.id != drill.next_x_step:
        after = replace(drill, mistakes=(*drill.mistakes, (card.id, TOO_EARLY)))
        return Pick(card, False, TOO_EARLY, after, expected=drill.next_x_step)
    reason = IN_ORDER if kind == X else ADDED_OK
    return Pick(card, True, reason, replace(drill, done=(*drill.done, card.id)))


__all__ = [
    "ADDED",
    "ADDED_OK",
    "ALREADY_DONE",
    "DISTRACTOR",
    "IN_ORDER",
    "PANIC",
    "TOO_EARLY",
    "Card",
    "Drill",
    "Guide",
    "Pick",
    "Scenario",
    "X",
    "guide",
    "pick",
    "start",
]
