"""Troubleshooting cards: find why the code does not arrive, in few checks.

A card (``data/sms_scenarios.yaml``) hides delivery conditions behind a short
story. The learner performs checks one by one; ``diagnose(card, checks)``
replays them and says whether every hidden condition was found, after how
many checks, and how short the best diagnosis could have been, so the lab can
praise a direct route and point out wasted steps.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path

from course.i18n import LANGUAGES, t
from course.paths import data_dir
from course.sim.core.clock import Clock
from course.sim.core.problems import Problem, error
from course.sim.numbers.fictional import fictional_example
from course.sim.sms.delivery import Condition, DeliveryOutcome, deliver
from course.yaml_safe import safe_load


class Check(str, Enum):
    """Something a learner can look at when a code does not arrive."""

    REREAD_NUMBER = "reread_number"
    CHECK_NUMBER_TYPE = "check_number_type"
    CHECK_SIGNAL = "check_signal"
    CHECK_AIRPLANE_MODE = "check_airplane_mode"
    CHECK_BLOCK_SETTINGS = "check_block_settings"
    CHECK_FILTERED_FOLDER = "check_filtered_folder"
    CHECK_CARRIER_STATUS = "check_carrier_status"
    CHECK_PLAN = "check_plan"
    CHECK_LOCATION = "check_location"
    CHECK_X_HELP = "check_x_help"
    RESTART_PHONE = "restart_phone"  # a popular tip; it uncovers none of the modelled causes
    RESEND_CODE = "resend_code"  # resending alone does not tell why the first text failed

    def label(self, lang: str | None = None) -> str:
        return t(f"sms.checks.{self.value}.label", lang)


@dataclass(frozen=True)
class ScenarioCard:
    """One story with hidden conditions and the checks that reveal each."""

    id: str
    title: dict[str, str]
    story: dict[str, str]
    number_kind: str
    number_index: int
    revealed_by: Mapping[Condition, frozenset[Check]]

    @property
    def conditions(self) -> tuple[Condition, ...]:
        return tuple(self.revealed_by)

    def number(self) -> str:
        """The card's fictional phone number, written as a learner would type it."""
        return fictional_example(self.number_kind, self.number_index)

    def reveals(self, check: Check) -> tuple[Condition, ...]:
        """What one check uncovers in this story (often nothing)."""
        return tuple(c for c, checks in self.revealed_by.items() if check in checks)

    def simulate(self, *, clock: Clock, rng: random.Random,
                 expires_at: float | None = None) -> DeliveryOutcome:
        """Send one text under the card's conditions."""
        return deliver(self.number(), self.conditions, clock=clock, rng=rng,
                       expires_at=expires_at)


class ScenarioError(ValueError):
    """The scenario file is malformed (a defect in the course data)."""


def _card(raw: object, path: Path) -> ScenarioCard:
    if not isinstance(raw, dict):
        raise ScenarioError(f"{path}: a card must be a mapping")
    card_id = str(raw.get("id", ""))
    try:
        title = {lang: str(raw["title"][lang]) for lang in LANGUAGES}
        story = {lang: str(raw["story"][lang]) for lang in LANGUAGES}
        number = raw["number"]
        revealed = {Condition(item["condition"]): frozenset(Check(c) for c in item["revealed_by"])
                    for item in raw["conditions"]}
        card = ScenarioCard(card_id, title, story, str(number["kind"]), int(number["index"]),
                            revealed)
    except (KeyError, TypeError, ValueError) as exc:
        raise ScenarioError(f"{path}: card {card_id!r}: {exc}") from exc
    if not card_id or not card.revealed_by or any(not c for c in revealed.values()):
        raise ScenarioError(
            f"{path}: card {card_id!r} needs an id and a check for every condition")
    return card


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[ScenarioCard, ...]:
    raw = safe_load(Path(path).read_text(encoding="utf-8")) or {}
    cards = tuple(_card(item, Path(path)) for item in raw.get("cards", []))
    ids = [card.id for card in cards]
    if len(ids) != len(set(ids)):
        raise ScenarioError(f"{path}: duplicate card ids")
    return cards


def scenarios() -> tuple[ScenarioCard, ...]:
    """Every troubleshooting card, in file order."""
    return _load(str(data_dir() / "sms_scenarios.yaml"))


def scenario(card_id: object) -> ScenarioCard | None:
    return next((card for card in scenarios() if card.id == card_id), None)


@dataclass(frozen=True)
class Step:
    """One performed check and what it newly uncovered."""

    check: Check
    revealed: tuple[Condition, ...]


@dataclass(frozen=True)
class Diagnosis:
    """How a learner's sequence of checks went."""

    found: bool  # every hidden condition uncovered
    found_at: int | None  # how many checks it took (1-based), when found
    steps: tuple[Step, ...]
    missing: tuple[Condition, ...]
    shortest: int  # the fewest checks that uncover everything
    shortest_checks: tuple[Check, ...]
    wasted: int  # checks (up to finding everything) that uncovered nothing new
    ignored: tuple[str, ...] = ()  # entries that were not known checks
    problem: Problem | None = None

    @property
    def revealed(self) -> tuple[Condition, ...]:
        return tuple(c for step in self.steps for c in step.revealed)

    def summary(self, lang: str | None = None) -> str:
        if self.found:
            return t("sms.diagnosis.found", lang, steps=self.found_at, shortest=self.shortest)
        return t("sms.diagnosis.not_found", lang, missing=len(self.missing))


def shortest_diagnosis(card: ScenarioCard) -> tuple[Check, ...]:
    """A smallest set of checks that uncovers every hidden condition (in Check order)."""
    useful = [check for check in Check if card.reveals(check)]
    hidden = set(card.conditions)
    for size in range(1, len(useful) + 1):
        for combo in itertools.combinations(useful, size):
            if hidden <= {c for check in combo for c in card.reveals(check)}:
                return combo
    return ()


def _as_check(item: object) -> Check | None:
    if isinstance(item, Check):
        return item
    if isinstance(item, str) and item.strip() in Check._value2member_map_:
        return Check(item.strip())
    return None


def diagnose(card: object, checks: object) -> Diagnosis:
    """Replay a learner's checks on a card (a ``ScenarioCard`` or its id); never raises."""
    chosen = card if isinstance(card, ScenarioCard) else scenario(card)
    if chosen is None:
        return Diagnosis(False, None, (), (), 0, (), 0,
                         problem=error("delivery_bad_input", detail="card"))
    best = shortest_diagnosis(chosen)
    if isinstance(checks, (str, Check)):
        checks = (checks,)
    if not isinstance(checks, Iterable):
        checks = ()
    hidden = set(chosen.conditions)
    seen: set[Condition] = set()
    steps: list[Step] = []
    ignored: list[str] = []
    found_at = None
    wasted = 0
    for item in itertools.islice(checks, 1000):
        check = _as_check(item)
        if check is None:
            ignored.append(str(item)[:30])
            continue
        new = tuple(c for c in chosen.reveals(check) if c not in seen)
        seen.update(new)
        steps.append(Step(check, new))
        if found_at is None:
            if not new:
                wasted += 1
            if hidden <= seen:
                found_at = len(steps)
    missing = tuple(c for c in chosen.conditions if c not in seen)
    return Diagnosis(found_at is not None, found_at, tuple(steps), missing, len(best), best,
                     wasted, tuple(ignored))
