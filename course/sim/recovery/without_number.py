"""Using X without a phone number: which moments still have a way through.

A learner describes an account (``Setup``): signed up with email or phone,
a confirmed email, a number or not, the two-factor method, a saved backup
code. ``plan(setup)`` goes through the moments of ``data/without_number.yaml``
(X asks for a check at login, X Premium, a lock, a forgotten password, a lost
two-factor device, a lost email) and says, for each, which ways are open, and
what adding a phone number would change (``with_number``): the cost of
having no number, moment by moment.

Bad settings never raise: ``setup_from`` returns a ``Refusal`` naming what
was wrong (an unknown value, SMS two-factor without a number, signing up
with an email that was never confirmed).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from course.facts.sources import STATUSES, Provenance, Sourced
from course.paths import data_path
from course.sim.core.data_text import Fact, bilingual_text, provenance
from course.sim.core.errors import Refusal
from course.yaml_safe import safe_load

READY, ONE_WAY, DEAD_END, NUMBER_NEEDED, NOT_APPLICABLE = (
    "ready", "one_way", "dead_end", "number_needed", "not_applicable")
VERDICTS = (READY, ONE_WAY, DEAD_END, NUMBER_NEEDED, NOT_APPLICABLE)


class PlannerDataError(ValueError):
    """data/without_number.yaml is malformed (a defect in the course, caught by tests)."""


@dataclass(frozen=True)
class Setup:
    """The account a learner describes."""

    signup: str = "email"  # email | phone
    email: str = "confirmed"  # none | confirmed
    email_secure: bool = False  # the email account has its own two-factor
    phone: bool = False
    two_factor: str = "none"  # none | sms | app | key
    backup_code: bool = False

    def value(self, name: str) -> Any:
        return getattr(self, name)


@dataclass(frozen=True)
class Way:
    id: str
    name: dict[str, str]
    needs: dict[str, tuple[Any, ...]]
    last_resort: bool
    status: str

    def open_for(self, setup: Setup) -> bool:
        return all(setup.value(name) in allowed for name, allowed in self.needs.items())


@dataclass(frozen=True)
class Moment(Sourced):
    id: str
    name: dict[str, str]
    text: dict[str, str]
    ways: tuple[Way, ...]
    applies: dict[str, tuple[Any, ...]]
    number_required: bool
    provenance: Provenance


@dataclass(frozen=True)
class Planner:
    settings: dict[str, tuple[Any, ...]]
    facts: tuple[Fact, ...]
    moments: tuple[Moment, ...]


_text = partial(bilingual_text, error=PlannerDataError)


def _needs(raw: Any, settings: Mapping[str, tuple[Any, ...]], where: str
           ) -> dict[str, tuple[Any, ...]]:
    raw = raw or {}
    if not isinstance(raw, dict):
        raise PlannerDataError(f"{where}: needs must be a mapping")
    out = {}
    for name, allowed in raw.items():
        if name not in settings or not set(allowed) <= set(settings[name]):
            raise PlannerDataError(f"{where}: unknown setting or value in {name}: {allowed}")
        out[name] = tuple(allowed)
    return out


def _status(raw: Mapping[str, Any], where: str, default: str | None = None) -> str:
    status = raw.get("status", default)
    if status not in STATUSES:
        raise PlannerDataError(f"{where}: status must be one of {STATUSES}")
    return status


_provenance = partial(provenance, error=PlannerDataError)


@lru_cache(maxsize=2)
def _load(path: str) -> Planner:
    raw = safe_load(Path(path).read_text(encoding="utf-8"))
    settings = {name: tuple(values) for name, values in raw["settings"].items()}
    if set(settings) != set(Setup.__dataclass_fields__):
        names = sorted(Setup.__dataclass_fields__)
        raise PlannerDataError(f"{path}: settings must be exactly {names}")
    facts = []
    for fid, entry in raw["facts"].items():
        facts.append(Fact(fid, _text(entry["text"], f"fact {fid}"),
                          _provenance(entry, f"fact {fid}")))
    moments = []
    for entry in raw["moments"]:
        mid = entry["id"]
        provenance = _provenance(entry, mid)
        status = provenance.status
        ways = tuple(Way(w["id"], _text(w["name"], f"{mid}.{w['id']}"),
                         _needs(w.get("needs"), settings, f"{mid}.{w['id']}"),
                         bool(w.get("last_resort", False)), _status(w, w["id"], status))
                     for w in entry["ways"])
        moments.append(Moment(mid, _text(entry["name"], mid), _text(entry["text"], mid), ways,
                              _needs(entry.get("applies"), settings, f"{mid}.applies"),
                              bool(entry.get("number_required", False)), provenance))
    ids = [m.id for m in moments] + [w.id for m in moments for w in m.ways]
    if len(set(ids)) != len(ids):
        raise PlannerDataError(f"{path}: ids must be unique")
    return Planner(settings, tuple(facts), tuple(moments))


def planner(path: Path | None = None) -> Planner:
    """The planner's data (``data/without_number.yaml``)."""
    return _load(str(path or data_path("without_number.yaml")))


def setup_from(values: Mapping[str, Any]) -> Setup | Refusal:
    """A ``Setup`` from widget values, or a refusal saying what does not fit."""
    known = planner().settings
    fields = {}
    for name, allowed in known.items():
        if name in values:
            value = values[name]
            if value not in allowed or type(value) is not type(allowed[0]):
                return Refusal("no_number_bad_setting",
                               {"setting": name, "given": str(value)[:30]})
            fields[name] = value
    setup = Setup(**fields)
    if setup.two_factor == "sms" and not setup.phone:
        return Refusal("no_number_sms_without_number")
    if setup.signup == "email" and setup.email == "none":
        return Refusal("no_number_email_unconfirmed")
    if setup.signup == "phone" and not setup.phone:
        return Refusal("no_number_signed_up_with_phone")
    return setup


@dataclass(frozen=True)
class MomentOutcome:
    """One moment for one setup: the open ways, the verdict, and what a number adds."""

    moment: Moment
    open_ways: tuple[Way, ...]
    closed_ways: tuple[Way, ...]
    verdict: str
    number_would_add: tuple[Way, ...]  # ways a phone number would open


def _verdict(moment: Moment, open_ways: tuple[Way, ...]) -> str:
    usable = [w for w in open_ways if not w.last_resort]
    if moment.number_required and not usable:
        return NUMBER_NEEDED
    if not usable:
        return DEAD_END
    return ONE_WAY if len(usable) == 1 else READY


def assess(setup: Setup, moment: Moment) -> MomentOutcome:
    """Which ways through ``moment`` are open for ``setup``."""
    if not all(setup.value(n) in allowed for n, allowed in moment.applies.items()):
        return MomentOutcome(moment, (), (), NOT_APPLICABLE, ())
    open_ways = tuple(w for w in moment.ways if w.open_for(setup))
    closed = tuple(w for w in moment.ways if w not in open_ways)
    added: tuple[Way, ...] = ()
    if not setup.phone:
        with_phone = replace(setup, phone=True)
        added = tuple(w for w in closed if w.open_for(with_phone) and not w.last_resort)
    return MomentOutcome(moment, open_ways, closed, _verdict(moment, open_ways), added)


@dataclass(frozen=True)
class Plan:
    """Every moment for one setup, and the summary the widget shows."""

    setup: Setup
    outcomes: tuple[MomentOutcome, ...]

    @property
    def dead_ends(self) -> tuple[str, ...]:
        return tuple(o.moment.id for o in self.outcomes if o.verdict == DEAD_END)

    @property
    def number_needed(self) -> tuple[str, ...]:
        return tuple(o.moment.id for o in self.outcomes if o.verdict == NUMBER_NEEDED)

    @property
    def rests_on_email(self) -> bool:
        """No number: the email is the only way back in (X Help's warning applies)."""
        return not self.setup.phone

    def outcome(self, moment_id: str) -> MomentOutcome:
        return next(o for o in self.outcomes if o.moment.id == moment_id)


def plan(setup: Setup | Mapping[str, Any]) -> Plan | Refusal:
    """Assess every moment for a setup (or for widget values)."""
    checked = setup if isinstance(setup, Setup) else setup_from(setup)
    if isinstance(checked, Refusal):
        return checked
    return Plan(checked, tuple(assess(checked, m) for m in planner().moments))


__all__ = ["DEAD_END", "NOT_APPLICABLE", "NUMBER_NEEDED", "ONE_WAY", "READY", "VERDICTS",
           "Fact", "Moment", "MomentOutcome", "Plan", "Planner", "PlannerDataError", "Setup",
           "Way", "assess", "plan", "planner", "setup_from"]
