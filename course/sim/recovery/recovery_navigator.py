"""Situations a learner recognises, mapped onto the recovery planner.

People do not say "my account is in state second_factor_lost"; they say "I
lost my phone" or "I changed my number". ``data/recovery_navigator.yaml`` maps
each situation onto the planner's terms (an account state, the things the
person may still have, the conditions they can tick and the ones the
situation decides). "Number changed" is the case that needs this layer: it
is a lost second factor where the old number cannot come back, so the phone
and the shop's re-issued SIM are taken off the list and SMS two-factor is
fixed on.

``navigate`` checks the learner's choices against the situation, asks
``course.sim.recovery.recovery_graph.recovery_paths`` for the plan and sets up a
``RecoveryWalk`` to take its steps one by one. ``appeal_checklist`` returns
what to put in an appeal, and what to keep out of it, with sources.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from course.facts.policy import policy
from course.facts.sources import Provenance
from course.i18n import LANGUAGES, both, resolve_language, t
from course.paths import data_path
from course.sim.accounts.account_states import State, parse_state
from course.sim.core.clock import SimulatedClock
from course.sim.core.data_text import provenance
from course.sim.core.errors import Refusal
from course.sim.recovery.recovery_graph import RecoveryPlan, load_graph, recovery_paths
from course.sim.recovery.recovery_walk import RecoveryWalk
from course.yaml_safe import safe_load

MAX_ITEMS = 64
MAX_SHOWN_CHARS = 30
CHECKLIST_KINDS = ("include", "avoid")


class RecoveryGuideError(ValueError):
    """data/recovery_navigator.yaml is malformed (a defect in the course, caught by tests)."""


@dataclass(frozen=True)
class Situation:
    """One situation to pick, in the planner's terms."""

    id: str
    state: State
    default_haves: frozenset[str]
    unavailable: frozenset[str]
    fixed: dict[str, bool]
    conditions: tuple[str, ...]  # offered as checkboxes
    provenance: Provenance

    @property
    def status(self) -> str:
        return self.provenance.status

    @property
    def offered_haves(self) -> tuple[str, ...]:
        """What the learner may tick, in the graph's order."""
        return tuple(h for h in load_graph().haves if h not in self.unavailable)

    def name(self, lang: str | None = None) -> str:
        return t(f"recovery_navigator.situation.{self.id}.name", lang)

    def description(self, lang: str | None = None) -> str:
        return t(f"recovery_navigator.situation.{self.id}.description", lang)

    def note(self, lang: str | None = None) -> str:
        return t(f"recovery_navigator.situation.{self.id}.note", lang)


@dataclass(frozen=True)
class ChecklistItem:
    """One line of the appeal checklist: include it, or keep it out."""

    id: str
    kind: str  # include | avoid
    text: dict[str, str]
    provenance: Provenance

    @property
    def status(self) -> str:
        return self.provenance.status


@dataclass(frozen=True)
class Guide:
    situations: tuple[Situation, ...]
    checklist: tuple[ChecklistItem, ...]


# --- loading ---------------------------------------------------------------------

def _names(raw: Any, allowed: Iterable[str], where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise RecoveryGuideError(f"{where}: must be a list of names")
    unknown = set(raw) - set(allowed)
    if unknown:
        raise RecoveryGuideError(f"{where}: unknown names {sorted(unknown)}")
    return tuple(raw)


def _situation(raw: Any) -> Situation:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise RecoveryGuideError(f"situation without an id: {raw!r}")
    where = f"data/recovery_navigator.yaml: {raw['id']}"
    graph = load_graph()
    state = parse_state(raw.get("state"))
    if state is None:
        raise RecoveryGuideError(f"{where}: unknown state {raw.get('state')!r}")
    fixed = raw.get("fixed") or {}
    if not isinstance(fixed, dict) or not set(fixed) <= set(graph.conditions) or not all(
            isinstance(v, bool) for v in fixed.values()):
        raise RecoveryGuideError(f"{where}: 'fixed' must map declared conditions to true/false")
    provenance = _provenance(raw, where)
    unavailable = frozenset(_names(raw.get("unavailable"), graph.haves, f"{where} unavailable"))
    defaults = frozenset(_names(raw.get("default_haves"), graph.haves, f"{where} default_haves"))
    if defaults & unavailable:
        raise RecoveryGuideError(f"{where}: a default have is unavailable")
    conditions = _names(raw.get("conditions"), graph.conditions, f"{where} conditions")
    if set(conditions) & set(fixed):
        raise RecoveryGuideError(f"{where}: a fixed condition cannot also be offered")
    return Situation(raw["id"], state, defaults, unavailable, dict(fixed), conditions,
                     provenance)


def _item(raw: Any) -> ChecklistItem:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise RecoveryGuideError(f"checklist item without an id: {raw!r}")
    where = f"data/recovery_navigator.yaml: appeal_checklist {raw['id']}"
    if raw.get("kind") not in CHECKLIST_KINDS:
        raise RecoveryGuideError(f"{where}: kind must be one of {CHECKLIST_KINDS}")
    provenance = policy(str(raw["policy"])).provenance if "policy" in raw else _provenance(
        raw, where)
    return ChecklistItem(raw["id"], raw["kind"], both(f"recovery_navigator.appeal.{raw['id']}"),
                         provenance)


_provenance = partial(provenance, error=RecoveryGuideError)


@lru_cache(maxsize=4)
def _load(path: str) -> Guide:
    raw = safe_load(Path(path).read_text(encoding="utf-8")) or {}
    situations = tuple(_situation(s) for s in raw.get("situations") or ())
    checklist = tuple(_item(i) for i in raw.get("appeal_checklist") or ())
    for name, items in (("situations", situations), ("appeal_checklist", checklist)):
        ids = [i.id for i in items]
        if not ids or len(set(ids)) != len(ids):
            raise RecoveryGuideError(f"data/recovery_navigator.yaml: {name} need distinct ids")
    return Guide(situations, checklist)


def load_guide() -> Guide:
    """The situations and the appeal checklist declared in data/recovery_navigator.yaml."""
    return _load(str(data_path("recovery_navigator.yaml")))


def situations() -> tuple[Situation, ...]:
    return load_guide().situations


def situation(situation_id: object) -> Situation | None:
    """A situation by id (or itself); None when unknown."""
    if isinstance(situation_id, Situation):
        return situation_id
    if not isinstance(situation_id, str) or len(situation_id) > 64:
        return None
    wanted = situation_id.strip().lower()
    return next((s for s in situations() if s.id == wanted), None)


def appeal_checklist() -> tuple[ChecklistItem, ...]:
    """What to put in an appeal or a Help Center form, and what to keep out."""
    return load_guide().checklist


# --- navigating --------------------------------------------------------------------

@dataclass(frozen=True)
class Navigation:
    """The plan for one situation and what the person still has, ready to walk."""

    situation: Situation | None
    has: frozenset[str] = frozenset()
    conditions: dict[str, bool] = field(default_factory=dict)
    plan: RecoveryPlan | None = None
    walk: RecoveryWalk | None = None
    problem: Refusal | None = None

    @property
    def reachable(self) -> bool:
        return self.plan is not None and self.plan.reachable

    @property
    def would_help(self) -> tuple[str, ...]:
        """At a dead end: the single things that would have opened a way, among
        those this situation leaves possible (a cancelled number cannot help)."""
        if self.plan is None or self.plan.dead_end is None or self.situation is None:
            return ()
        return tuple(h for h in self.plan.dead_end.would_help
                     if h not in self.situation.unavailable)

    def summary(self, lang: str | None = None) -> str:
        if self.problem is not None:
            return self.problem.text("message", resolve_language(lang))
        assert self.plan is not None
        return self.plan.summary(lang)

    def summaries(self) -> dict[str, str]:
        return {lang: self.summary(lang) for lang in LANGUAGES}


def _shown(items: Iterable[object]) -> str:
    return ", ".join(repr(x)[:MAX_SHOWN_CHARS] for x in list(items)[:5])


def _as_list(raw: object) -> list[object] | None:
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else raw
    if isinstance(items, Mapping) or not isinstance(items, Iterable):
        return None
    out: list[object] = []
    for item in items:
        out.append(item)
        if len(out) > MAX_ITEMS:
            return None
    return out


def navigate(chosen: object, has: object = None, conditions: object = None, *,
             clock: SimulatedClock | None = None) -> Navigation:
    """Plan the way back for situation ``chosen`` with what the person ``has``.

    ``has``: names of what the person still has (None: the situation's
    defaults, e.g. for a situation just picked). ``conditions``: the
    situation's offered conditions the learner ticked (missing ones keep
    their defaults; the situation's fixed ones always apply). The result
    carries a ``RecoveryWalk`` on ``clock`` (a fresh simulated clock by
    default) when there is a plan to walk. Never raises.
    """
    found = situation(chosen)
    if found is None:
        return Navigation(None, problem=Refusal("guide_bad_situation",
                                                {"given": _shown([chosen])}))
    owned = _as_list(sorted(found.default_haves) if has is None else has)
    if owned is None:
        return Navigation(found, problem=Refusal("recovery_bad_have", {"items": _shown([has])}))
    ruled_out = [h for h in owned if isinstance(h, str) and h in found.unavailable]
    if ruled_out:
        return Navigation(found, problem=Refusal("guide_have_unavailable",
                                                 {"items": _shown(ruled_out)}))
    if conditions is not None and not isinstance(conditions, Mapping):
        return Navigation(found, problem=Refusal("recovery_bad_condition",
                                                 {"items": _shown([conditions])}))
    chosen_conditions = dict(conditions or {})
    clash = [k for k, v in chosen_conditions.items() if k in found.fixed and found.fixed[k] != v]
    if clash:
        return Navigation(found, problem=Refusal("guide_condition_fixed",
                                                 {"items": _shown(clash)}))
    merged = {**chosen_conditions, **found.fixed}
    plan = recovery_paths(found.state, owned, merged)
    if plan.problem is not None:
        return Navigation(found, plan=plan, problem=plan.problem)
    used = {name: c.default for name, c in load_graph().conditions.items()}
    used.update(merged)
    walk = RecoveryWalk(plan, clock if clock is not None else SimulatedClock(),
                        self_clearable=used.get("self_clear_offered", False))
    return Navigation(found, plan.has, used, plan, walk)
