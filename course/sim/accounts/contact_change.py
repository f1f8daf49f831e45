"""Register a current email before removing or changing a phone number.

The account starts as many real ones do: an old email address its owner can
no longer read, the phone number, and SMS two-factor. The learner applies
actions one at a time toward a goal (``remove`` the number or ``change``
it); ``apply`` follows the rules of ``data/contact_change.yaml`` (a new email
counts only once confirmed; deleting the number ends SMS-only two-factor)
and records every risky moment passed through (no way to receive a reset
code, two-factor switched off, a change that rested on one SMS).

``finished`` says whether the goal is reached; ``risks`` and ``advice`` say
how safely. Pure and deterministic: a ``ChangeState`` goes in, a ``Step``
comes out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from course.facts.sources import Provenance, Sourced
from course.paths import data_path
from course.sim.core.data_text import bilingual_text, provenance
from course.sim.core.errors import Refusal
from course.yaml_safe import safe_load

GOALS = ("remove", "change")
ACTIONS = ("add_email", "confirm_email", "secure_email", "app_two_factor", "save_backup_code",
           "delete_number", "change_number", "check_discoverability")
RISKS = ("no_recovery_contact", "twofa_off", "single_channel")


class ContactDataError(ValueError):
    """data/contact_change.yaml is malformed (a defect in the course, caught by tests)."""


@dataclass(frozen=True)
class Entry(Sourced):
    """An action or a risk: its text and what it rests on."""

    id: str
    text: dict[str, str]
    provenance: Provenance
    done: dict[str, str] | None = None


@dataclass(frozen=True)
class Rules:
    actions: dict[str, Entry]
    risks: dict[str, Entry]
    advice: dict[str, dict[str, str]]
    order: tuple[str, ...]
    order_provenance: Provenance


_text = partial(bilingual_text, error=ContactDataError)


def _entry(eid: str, raw: dict[str, Any], with_done: bool) -> Entry:
    return Entry(eid, _text(raw["text"], eid), _provenance(raw, eid),
                 _text(raw["done"], eid) if with_done else None)


_provenance = partial(provenance, error=ContactDataError)


@lru_cache(maxsize=2)
def _load(path: str) -> Rules:
    raw = safe_load(Path(path).read_text(encoding="utf-8"))
    actions = {a: _entry(a, raw["actions"][a], True) for a in ACTIONS}
    risks = {r: _entry(r, raw["risks"][r], False) for r in RISKS}
    if set(raw["actions"]) != set(ACTIONS) or set(raw["risks"]) != set(RISKS):
        raise ContactDataError(f"{path}: actions and risks must be exactly {ACTIONS} {RISKS}")
    advice = {a: _text(text, f"advice {a}") for a, text in raw["advice"].items()}
    order = raw["order"]
    return Rules(actions, risks, advice, tuple(order["steps"]), _provenance(order, "order"))


def rules(path: Path | None = None) -> Rules:
    """The actions, risks and advice (``data/contact_change.yaml``)."""
    return _load(str(path or data_path("contact_change.yaml")))


@dataclass(frozen=True)
class Account:
    """What the account holds right now."""

    email: str = "old_unreachable"  # old_unreachable | confirmed
    pending_email: bool = False  # a new address entered, not yet confirmed
    email_secure: bool = False
    phone: str = "old"  # old | new | none
    two_factor: str = "sms"  # sms | app | none
    backup_code: bool = False
    discoverability_checked: bool = False

    @property
    def can_receive_reset(self) -> bool:
        return self.email == "confirmed" or self.phone != "none"


@dataclass(frozen=True)
class ChangeState:
    goal: str
    account: Account = Account()
    done: tuple[str, ...] = ()
    risks: tuple[str, ...] = ()

    @property
    def finished(self) -> bool:
        return self.account.phone == ("none" if self.goal == "remove" else "new")

    @property
    def safe(self) -> bool:
        """The goal reached without passing through any risky moment."""
        return self.finished and not self.risks

    def advice(self) -> tuple[str, ...]:
        """Recommended actions not done (shown once the goal is reached)."""
        wanted = ["secure_email", "save_backup_code"]
        if self.goal == "change":
            wanted.append("check_discoverability")
        return tuple(a for a in wanted if a not in self.done)


@dataclass(frozen=True)
class Step:
    action: str
    state: ChangeState
    new_risks: tuple[str, ...] = ()


def start(goal: str) -> ChangeState | Refusal:
    """The starting account, aiming at ``remove`` or ``change``."""
    if goal not in GOALS:
        return Refusal("contact_unknown_goal", {"given": str(goal)[:30]})
    return ChangeState(goal)


def _refuse(code: str) -> Refusal:
    return Refusal(code)


def apply(state: ChangeState, action: object) -> Step | Refusal:
    """Apply one action; a refusal says why it cannot be done now."""
    if action not in ACTIONS:
        return Refusal("contact_unknown_action", {"given": str(action)[:30]})
    if state.finished:
        return _refuse("contact_already_finished")
    a = state.account
    risks: list[str] = []
    if action == "add_email":
        a = replace(a, pending_email=True)
    elif action == "confirm_email":
        if not a.pending_email:
            return _refuse("contact_nothing_to_confirm")
        a = replace(a, email="confirmed", pending_email=False)
    elif action == "secure_email":
        if a.email != "confirmed":
            return _refuse("contact_email_not_confirmed")
        a = replace(a, email_secure=True)
    elif action == "app_two_factor":
        a = replace(a, two_factor="app", backup_code=False)
    elif action == "save_backup_code":
        if a.two_factor == "none":
            return _refuse("contact_no_two_factor")
        a = replace(a, backup_code=True)
    elif action == "delete_number":
        if state.goal != "remove":
            return _refuse("contact_wrong_goal")
        if a.two_factor == "sms":
            risks.append("twofa_off")
            a = replace(a, two_factor="none", backup_code=False)
        a = replace(a, phone="none")
        if not a.can_receive_reset:
            risks.append("no_recovery_contact")
    elif action == "change_number":
        if state.goal != "change":
            return _refuse("contact_wrong_goal")
        if a.email != "confirmed":
            risks.append("single_channel")
        a = replace(a, phone="new")
    elif action == "check_discoverability":
        a = replace(a, discoverability_checked=True)
    after = replace(state, account=a, done=(*state.done, str(action)),
                    risks=(*state.risks, *[r for r in risks if r not in state.risks]))
    return Step(str(action), after, tuple(risks))


__all__ = ["ACTIONS", "GOALS", "RISKS", "Account", "ChangeState", "Rules", "Step", "apply",
           "rules", "start"]
