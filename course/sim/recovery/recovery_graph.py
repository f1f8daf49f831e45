"""The shortest way back to an active account, from what the person still has.

Support trainers are asked "I'm locked out, what now?" in many variants. The
answer depends on two things: the account's state and what the person still
has (password, email access, the phone/SIM, an authenticator app, a backup
code ...). ``data/recovery.yaml`` declares every recovery action with its
preconditions and source; ``recovery_paths`` searches that graph breadth-first
over (state, what the person has), so the plan is the fewest steps, each with
ja/en text and where the step is documented.

When no path exists the plan says so plainly: a ``DeadEnd`` with the reason,
what would have prevented it (the single items that would have opened a
path, e.g. a saved backup code) and the last resorts whose outcome nobody can
promise (X has no phone line; the Help Center form is all there is).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from course.facts.sources import Provenance, Sourced
from course.i18n import LANGUAGES, both, has_text, t
from course.paths import data_path
from course.sim.accounts.account_states import Event, Reason, State, parse_state
from course.sim.core.choices import clean_choices
from course.sim.core.data_text import provenance
from course.sim.core.errors import Refusal
from course.yaml_safe import safe_load

KINDS = ("do", "wait", "x_decides")
MAX_ITEMS = 64


class RecoveryGraphError(ValueError):
    """data/recovery.yaml is malformed (a defect in the course, caught by tests)."""


@dataclass(frozen=True)
class Condition(Sourced):
    """A fact about the case that X decides, not the person (e.g. a self-clearable suspension)."""

    id: str
    default: bool
    provenance: Provenance


@dataclass(frozen=True)
class Action(Sourced):
    """One edge of the recovery graph."""

    id: str
    sources: frozenset[State]
    target: State | None  # None: the state stays, the person gains ``grants``
    requires: frozenset[str]
    grants: frozenset[str]
    when: tuple[tuple[str, bool], ...]
    kind: str
    provenance: Provenance
    event: Event | None = None
    reason: Reason | None = None
    last_resort: bool = False

    def possible(self, state: State, has: frozenset[str], conditions: Mapping[str, bool]
                 ) -> bool:
        return (state in self.sources and self.requires <= has
                and all(conditions[name] == wanted for name, wanted in self.when))


@dataclass(frozen=True)
class RecoveryGraph:
    haves: tuple[str, ...]
    conditions: dict[str, Condition]
    actions: tuple[Action, ...]


@dataclass(frozen=True)
class RecoveryStep(Sourced):
    """One step of a plan, ready to show: text in both languages and its source."""

    action: str
    source_state: State
    target_state: State
    kind: str
    text: dict[str, str]
    provenance: Provenance
    grants: tuple[str, ...]


@dataclass(frozen=True)
class DeadEnd:
    """No way back: why, what would have prevented it, and what is left to try."""

    state: State
    reason: dict[str, str]
    prevention: dict[str, str]
    would_help: tuple[str, ...]
    last_resorts: tuple[RecoveryStep, ...]
    note: dict[str, str]  # X has no phone line: the forms are all there is


@dataclass(frozen=True)
class RecoveryPlan:
    """The answer of ``recovery_paths``."""

    state: State | None
    has: frozenset[str]
    steps: tuple[RecoveryStep, ...] = ()
    reachable: bool = False
    dead_end: DeadEnd | None = None
    problem: Refusal | None = None

    @property
    def already_active(self) -> bool:
        return self.reachable and not self.steps

    @property
    def decided_by_x(self) -> bool:
        """True when the plan waits for X's answer, which may be no (an appeal)."""
        return any(step.kind == "x_decides" for step in self.steps)

    def summary(self, lang: str | None = None) -> str:
        if self.problem is not None:
            return self.problem.text("message", lang)
        if self.already_active:
            return t("states.recovery.summary.active", lang)
        if not self.reachable:
            return t("states.recovery.summary.dead_end", lang)
        key = "with_decision" if self.decided_by_x else "steps"
        return t(f"states.recovery.summary.{key}", lang, count=len(self.steps))

    def summaries(self) -> dict[str, str]:
        return {lang: self.summary(lang) for lang in LANGUAGES}


# --- loading ---------------------------------------------------------------

def _names(raw: Any, where: str) -> frozenset[str]:
    if raw is None:
        return frozenset()
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise RecoveryGraphError(f"{where}: must be a list of names")
    return frozenset(raw)


def _state(raw: Any, where: str) -> State:
    state = parse_state(raw)
    if state is None:
        raise RecoveryGraphError(f"{where}: unknown state {raw!r}")
    return state


_provenance = partial(provenance, error=RecoveryGraphError)


def _action(raw: Any, haves: tuple[str, ...], conditions: Mapping[str, Condition]) -> Action:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise RecoveryGraphError(f"recovery action without an id: {raw!r}")
    where = f"data/recovery.yaml: {raw['id']}"
    sources = frozenset(_state(s, where) for s in raw.get("from") or ())
    if not sources:
        raise RecoveryGraphError(f"{where}: needs at least one 'from' state")
    target = None if raw.get("to") is None else _state(raw["to"], where)
    requires, grants = _names(raw.get("requires"), where), _names(raw.get("grants"), where)
    unknown = (requires | grants) - set(haves)
    if unknown:
        raise RecoveryGraphError(f"{where}: unknown haves {sorted(unknown)}")
    when = raw.get("when") or {}
    if not isinstance(when, dict) or not set(when) <= set(conditions) or not all(
            isinstance(v, bool) for v in when.values()):
        raise RecoveryGraphError(f"{where}: 'when' must map declared conditions to true/false")
    if raw.get("kind") not in KINDS:
        raise RecoveryGraphError(f"{where}: needs kind {KINDS}")
    provenance = _provenance(raw, where)
    if target is None and not grants:
        raise RecoveryGraphError(f"{where}: an action that keeps the state must grant something")
    event = reason = None
    if "event" in raw:
        try:
            event, reason = Event(raw["event"]), Reason(raw["reason"])
        except (ValueError, KeyError) as exc:
            raise RecoveryGraphError(f"{where}: bad event or reason ({exc})") from None
    return Action(raw["id"], sources, target, requires, grants, tuple(sorted(when.items())),
                  raw["kind"], provenance, event, reason, bool(raw.get("last_resort", False)))


@lru_cache(maxsize=4)
def _load(path: str) -> RecoveryGraph:
    raw = safe_load(Path(path).read_text(encoding="utf-8")) or {}
    haves = tuple(raw.get("haves") or ())
    if not haves or not all(isinstance(h, str) for h in haves):
        raise RecoveryGraphError("data/recovery.yaml: 'haves' must list names")
    conditions = {}
    for name, entry in (raw.get("conditions") or {}).items():
        where = f"data/recovery.yaml: condition {name}"
        if not isinstance(entry, dict) or not isinstance(entry.get("default"), bool):
            raise RecoveryGraphError(f"{where}: needs default, status and sources")
        conditions[name] = Condition(name, entry["default"], _provenance(entry, where))
    actions = tuple(_action(a, haves, conditions) for a in raw.get("actions") or ())
    ids = [a.id for a in actions]
    if len(set(ids)) != len(ids):
        raise RecoveryGraphError("data/recovery.yaml: duplicate action ids")
    return RecoveryGraph(haves, conditions, actions)


def load_graph() -> RecoveryGraph:
    """The recovery graph declared in data/recovery.yaml."""
    return _load(str(data_path("recovery.yaml")))


# --- planning ----------------------------------------------------------------

def _step(action: Action, state: State) -> RecoveryStep:
    return RecoveryStep(action.id, state, action.target or state, action.kind,
                        both(f"states.recovery.action.{action.id}"), action.provenance,
                        tuple(sorted(action.grants)))


def _search(graph: RecoveryGraph, state: State, has: frozenset[str],
            conditions: Mapping[str, bool]) -> tuple[RecoveryStep, ...] | None:
    """Breadth-first over (state, haves); None when ACTIVE cannot be reached.
    Ties go to the action declared first in the data file."""
    start = (state, has)
    parents: dict[tuple[State, frozenset[str]], tuple[Any, Action] | None] = {start: None}
    queue = deque([start])
    actions = [a for a in graph.actions if not a.last_resort]
    while queue:
        node = queue.popleft()
        if node[0] is State.ACTIVE:
            steps = []
            while parents[node] is not None:
                previous, action = parents[node]  # type: ignore[misc]
                steps.append(_step(action, previous[0]))
                node = previous
            return tuple(reversed(steps))
        for action in actions:
            if action.possible(node[0], node[1], conditions):
                following = (action.target or node[0], node[1] | action.grants)
                if following not in parents:
                    parents[following] = (node, action)
                    queue.append(following)
    return None


def _text_or_generic(key: str, generic: str) -> dict[str, str]:
    return both(key) if has_text(key, "ja") else both(generic)


def _dead_end(graph: RecoveryGraph, state: State, has: frozenset[str],
              conditions: Mapping[str, bool]) -> DeadEnd:
    would_help = tuple(h for h in graph.haves if h not in has
                       and _search(graph, state, has | {h}, conditions) is not None)
    last = tuple(_step(a, state) for a in graph.actions
                 if a.last_resort and a.possible(state, has, conditions))
    base, generic = f"states.recovery.dead_end.{state.value}", "states.recovery.dead_end.generic"
    return DeadEnd(state, _text_or_generic(f"{base}.reason", f"{generic}.reason"),
                   _text_or_generic(f"{base}.prevent", f"{generic}.prevent"), would_help, last,
                   both("states.recovery.no_phone_support"))


def _shown(items: Iterable[object]) -> str:
    return ", ".join(repr(x)[:30] for x in list(items)[:5])


def _clean_has(raw: object, graph: RecoveryGraph) -> frozenset[str] | Refusal:
    return clean_choices(raw, graph.haves, MAX_ITEMS, "recovery_bad_have", _shown)


def _clean_conditions(raw: object, graph: RecoveryGraph) -> dict[str, bool] | Refusal:
    chosen = {name: c.default for name, c in graph.conditions.items()}
    if raw is None:
        return chosen
    if not isinstance(raw, Mapping):
        return Refusal("recovery_bad_condition", {"items": _shown([raw])})
    if len(raw) > MAX_ITEMS:
        return Refusal("recovery_bad_condition", {"items": "…"})
    bad = [k for k, v in raw.items() if k not in graph.conditions or not isinstance(v, bool)]
    if bad:
        return Refusal("recovery_bad_condition", {"items": _shown(bad)})
    chosen.update(raw)
    return chosen


def recovery_paths(state: object, has: object = (), conditions: object = None
                   ) -> RecoveryPlan:
    """Plan the fewest steps from ``state`` back to active.

    ``has``: what the person still has (names from data/recovery.yaml
    ``haves``, e.g. ``{"password", "email_access"}``). ``conditions``: facts
    X decides (``{"self_clear_offered": True}``); missing ones take their
    declared defaults. Never raises: bad input gives a plan with a problem.
    """
    graph = load_graph()
    parsed = parse_state(state)
    if parsed is None:
        return RecoveryPlan(None, frozenset(), problem=Refusal("recovery_bad_state"))
    owned = _clean_has(has, graph)
    if isinstance(owned, Refusal):
        return RecoveryPlan(parsed, frozenset(), problem=owned)
    case = _clean_conditions(conditions, graph)
    if isinstance(case, Refusal):
        return RecoveryPlan(parsed, owned, problem=case)
    steps = _search(graph, parsed, owned, case)
    if steps is None:
        return RecoveryPlan(parsed, owned, dead_end=_dead_end(graph, parsed, owned, case))
    return RecoveryPlan(parsed, owned, steps, reachable=True)


def have_labels(lang: str | None = None) -> dict[str, str]:
    """Display names of everything a person may still have, in declaration order."""
    return {h: t(f"states.recovery.have.{h}", lang) for h in load_graph().haves}


def condition_labels(lang: str | None = None) -> dict[str, str]:
    return {c: t(f"states.recovery.condition.{c}", lang) for c in load_graph().conditions}
