"""The accounts-per-number explorer's model: one call per learner action.

A learner links numbers and emails to accounts, runs into the per-number
limit, removes a number and meets the cooldown, and fast-forwards a simulated
clock to live through it. ``AccountsLab`` keeps a ``Registry``, a
``SimulatedClock`` and the number in focus (in memory only), and every
method returns a ``LabStep``: what happened, the refusal if any, and the
state the widget shows afterwards (the focused number masked, its slots,
cooldown and SMS routing, its timeline, every account, the rules with their
provenance). So a widget callback reads its controls, calls one method and
draws the step; all decisions live here, where tests reach them.

No method raises on bad input: it answers with a ``Refusal`` from
``data/errors/accounts.yaml`` or ``data/errors/accounts_explorer.yaml``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

from course.facts.policy import Policy, policy
from course.facts.sources import Provenance, Sourced
from course.i18n import LANGUAGES, t
from course.sim.accounts.number_history import DAY, Timeline, build_timeline
from course.sim.accounts.registry import (
    AccountRules,
    NumberStatus,
    Outcome,
    Registry,
    ResetLookup,
    rule_sources,
)
from course.sim.core.clock import SimulatedClock, days, tidy_amount
from course.sim.core.errors import Refusal
from course.sim.core.problems import Problem, Severity
from course.sim.numbers.masking import masked_problems
from course.sim.numbers.number_checker import check_number
from course.sim.numbers.number_display import masked

LIMIT_RANGE = (1, 50)  # what-if values of the per-number limit
COOLDOWN_DAYS_RANGE = (1, 365)  # what-if values of the cooldown (0 would hide the lesson)
MAX_ADVANCE_SECONDS = days(5 * 365)
HANDLE_PREFIX = "sub_"  # automatic names of extra accounts (サブアカウント)
_HANDLE_COUNT = 10_000

# The shared-number facts the number panel states, each with its own policy.
SHARED_NUMBER_FACTS = ("sms_notifications_to_latest_only", "security_sms_to_every_holder",
                       "reset_by_shared_number")


@dataclass(frozen=True)
class RuleRow(Sourced):
    """One rule as the explorer lists it: text parameters, provenance, and whether
    the learner's what-if replaced the value from the data."""

    name: str
    params: dict[str, Any]
    provenance: Provenance
    changed: bool = False
    note: dict[str, str] | None = None  # the policy's own caveat, in every language

    @property
    def shown_status(self) -> str:
        """A what-if value is the learner's own assumption, whatever the data said."""
        return "assumed" if self.changed else self.status

    @property
    def shown_provenance(self) -> Provenance:
        """The provenance to show: a what-if value is the learner's own assumption."""
        return Provenance("assumed") if self.changed else self.provenance


@dataclass(frozen=True)
class AccountRow:
    """One account for the table: its number only ever masked."""

    handle: str
    email: str | None
    masked_number: str | None
    suspended: bool


@dataclass(frozen=True)
class LabStep:
    """What one action did and everything the explorer shows afterwards."""

    action: str
    ok: bool
    problem: Refusal | None = None
    outcome: Outcome | None = None
    lookup: ResetLookup | None = None
    created: tuple[str, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)
    masked: str | None = None  # the number in focus, masked; never the number itself
    number_problems: tuple[Problem, ...] = ()  # what the checker said of a typed number
    status: NumberStatus | None = None
    timeline: Timeline | None = None
    accounts: tuple[AccountRow, ...] = ()
    rules: tuple[RuleRow, ...] = ()
    now: float = 0.0
    origin: float = 0.0

    def headline(self, lang: str | None = None) -> str:
        """One sentence on what happened, in ``lang``."""
        if self.action in _OWN_HEADLINES and self.params:
            return t(f"ui_accounts.step.{self.action}", lang, **self.params)
        if self.problem is not None:
            return self.problem.text("message", lang)
        if self.lookup is not None:
            return t("ui_accounts.step.reset_found", lang, account=self.lookup.account,
                     via=t(f"ui_accounts.reset.via.{self.lookup.via}", lang))
        if self.outcome is not None:
            return self.outcome.message(lang)
        return t(f"ui_accounts.step.{self.action}", lang, **self.params)

    def headlines(self) -> dict[str, str]:
        return {lang: self.headline(lang) for lang in LANGUAGES}

    def clock(self, at: float | None = None) -> tuple[int, str]:
        """(day number from 1, "HH:MM") of a moment on the simulated clock."""
        return clock_reading(self.now if at is None else at, self.origin)


_OWN_HEADLINES = {"fill", "advanced_days", "advanced_hours", "rules"}


def clock_reading(at: float, origin: float) -> tuple[int, str]:
    """Day 1 is the day the lab started; the time is the simulated clock's (UTC)."""
    elapsed = max(0.0, at - origin)
    day = int(elapsed // DAY) + 1
    seconds = int(elapsed % DAY)
    return day, f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _whole(value: object, low: int, high: int) -> int | None:
    """An integer in [low, high] (bools and fractions refused), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if not math.isfinite(value) or value != int(value) or not low <= value <= high:
        return None
    return int(value)


class AccountsLab:
    """A registry with a simulated clock and the number in focus."""

    def __init__(self, rules: AccountRules | None = None, clock: SimulatedClock | None = None
                 ) -> None:
        self.clock = clock or SimulatedClock()
        self.origin = self.clock.now()
        self.data_rules = AccountRules.from_policies()
        self.registry = Registry(self.clock, rules or self.data_rules)
        self._focus: str | None = None
        self._next_handle = 1
        # Provenance is read once: the policy files do not change while the lab runs.
        self._sources = rule_sources()
        self._facts = {name: policy(f"accounts.{name}") for name in SHARED_NUMBER_FACTS}
        self._said: tuple[Problem, ...] = ()  # the checker's notes on the last typed number

    @property
    def rules(self) -> AccountRules:
        return self.registry.rules

    # -- reading input --------------------------------------------------------

    def _number(self, value: object) -> str | Refusal | None:
        """E.164 of a typed number, None when left empty, a refusal when it is not a
        number or no code can reach it.

        The number is read by ``check_number``, as in the settings flow, and refused
        where the flow stops: X links a number only after a code sent to it.
        """
        self._said = ()
        if _blank(value):
            return None
        checked = check_number(value)
        self._said = masked_problems(tuple(
            p for p in checked.problems if p.severity is Severity.WARNING))
        stop = checked.no_code_problem
        if stop is not None:
            self._said = tuple(p for p in self._said if p.code != stop.code)
            return masked_problems((stop,))[0].refusal()
        assert checked.e164 is not None  # a usable number has its E.164 form
        return checked.e164

    # -- actions --------------------------------------------------------------

    def view(self) -> LabStep:
        """The current state, with nothing done (the explorer's first drawing)."""
        return self._step("view", True)

    def create(self, handle: object, email: object = None, number: object = None) -> LabStep:
        """Open an account with an email, a number or both."""
        phone = self._number(number)
        if isinstance(phone, Refusal):
            return self._step("create", False, problem=phone)
        outcome = self.registry.create_account(handle, email, phone)
        return self._outcome("create", outcome, phone)

    def link(self, handle: object, number: object) -> LabStep:
        """Add a number to an account, or replace its number."""
        phone = self._number(number)
        if not isinstance(phone, str):
            return self._step("link", False, problem=phone or Refusal("lab_bad_number"))
        return self._outcome("link", self.registry.link_number(handle, phone), phone)

    def remove(self, handle: object) -> LabStep:
        """Delete the number from an account: its cooldown starts."""
        account = self.registry.account(handle)
        number = account.number if account else None
        return self._outcome("remove", self.registry.remove_number(handle), number)

    def change_email(self, handle: object, email: object) -> LabStep:
        """Put another address on an account (one address, one account)."""
        return self._outcome("change_email", self.registry.change_email(handle, email), None)

    def delete(self, handle: object) -> LabStep:
        """Delete an account: its number goes into the cooldown."""
        account = self.registry.account(handle)
        number = account.number if account else None
        return self._outcome("delete", self.registry.delete_account(handle), number)

    def suspend(self, handle: object) -> LabStep:
        """Suspend an account (凍結), to see its number refused elsewhere."""
        account = self.registry.account(handle)
        number = account.number if account else None
        return self._outcome("suspend", self.registry.suspend(handle), number)

    def reinstate(self, handle: object) -> LabStep:
        """Lift a suspension."""
        account = self.registry.account(handle)
        number = account.number if account else None
        return self._outcome("reinstate", self.registry.reinstate(handle), number)

    def inspect(self, number: object) -> LabStep:
        """Put a typed number in focus to read its state and history."""
        phone = self._number(number)
        if not isinstance(phone, str):
            return self._step("inspect", False, problem=phone or Refusal("lab_bad_number"))
        self._focus = phone
        return self._step("inspect", True)

    def another(self, number: object = None) -> LabStep:
        """One more account on the number in focus (or on ``number``), with a
        made-up user name: one attempt, now."""
        phone = self._target(number)
        if isinstance(phone, Refusal):
            return self._step("another", False, problem=phone)
        handle = self._free_handle()
        if handle is None:
            return self._step("another", False, problem=Refusal("lab_no_free_handle"))
        return self._outcome("another", self.registry.create_account(handle, None, phone), phone)

    def fill(self, number: object = None) -> LabStep:
        """Add accounts to the number until X refuses one, one per attempt window
        so the temporary block is not what stops them; the clock moves on."""
        phone = self._target(number)
        if isinstance(phone, Refusal):
            return self._step("fill", False, problem=phone)
        self._focus = phone
        created: list[str] = []
        started = self.clock.now()
        last: Outcome | None = None
        for _ in range(self.rules.max_accounts_per_number + 1):
            handle = self._free_handle()
            if handle is None:
                break
            if created:
                self.clock.advance(self.rules.attempts_window_seconds)
            last = self.registry.create_account(handle, None, phone)
            if not last.ok:
                break
            created.append(handle)
        problem = last.problem if last is not None and not last.ok else None
        if last is None:
            problem = Refusal("lab_no_free_handle")
        # Filling up to the limit is what was asked: the limit's refusal ends a success.
        full = problem is not None and problem.code == "number_limit_reached" and created
        hours = tidy_amount((self.clock.now() - started) / 3600)
        return self._step("fill", problem is None or bool(full), problem=problem, outcome=last,
                          created=tuple(created),
                          params={"created": len(created), "hours": hours})

    def advance(self, seconds: object) -> LabStep:
        """Move the simulated clock forward (fast-forward through a cooldown)."""
        if (isinstance(seconds, bool) or not isinstance(seconds, (int, float))
                or not math.isfinite(seconds) or not 0 < seconds <= MAX_ADVANCE_SECONDS):
            return self._step("advance", False, problem=Refusal("lab_bad_duration"))
        self.clock.advance(float(seconds))
        day, time = clock_reading(self.clock.now(), self.origin)
        if seconds < DAY:
            return self._step("advanced_hours", True, params={
                "hours": tidy_amount(seconds / 3600), "day": day, "time": time})
        return self._step("advanced_days", True, params={
            "days": tidy_amount(seconds / DAY), "day": day, "time": time})

    def set_rules(self, limit: object = None, cooldown_days: object = None) -> LabStep:
        """What if the limit were ``limit`` and the cooldown ``cooldown_days`` days?
        None keeps the current value. Links already made stay."""
        overrides: dict[str, object] = {}
        if limit is not None:
            value = _whole(limit, *LIMIT_RANGE)
            if value is None:
                return self._step("rules", False, problem=Refusal(
                    "lab_bad_limit", {"low": LIMIT_RANGE[0], "high": LIMIT_RANGE[1]}))
            overrides["max_accounts_per_number"] = value
        if cooldown_days is not None:
            value = _whole(cooldown_days, *COOLDOWN_DAYS_RANGE)
            if value is None:
                return self._step("rules", False, problem=Refusal(
                    "lab_bad_cooldown",
                    {"low": COOLDOWN_DAYS_RANGE[0], "high": COOLDOWN_DAYS_RANGE[1]}))
            overrides["cooldown_seconds"] = days(value)
        self.registry.rules = replace(self.rules, **overrides)  # type: ignore[arg-type]
        return self._step("rules", True, params={
            "limit": self.rules.max_accounts_per_number,
            "days": round(self.rules.cooldown_seconds / DAY)})

    def reset_lookup(self, identifier: object) -> LabStep:
        """Start a password reset from a user name, an email or a number."""
        checked = None if _blank(identifier) else check_number(identifier)
        number = checked.e164 if checked is not None and checked.valid else None
        lookup = self.registry.password_reset_lookup(number or identifier)
        if number is not None:
            self._focus = number
        return self._step("reset", lookup.ok, problem=lookup.problem, lookup=lookup)

    # -- building steps -------------------------------------------------------

    def _target(self, number: object) -> str | Refusal:
        phone = self._number(number)
        if isinstance(phone, Refusal):
            return phone
        phone = phone or self._focus
        return phone if phone is not None else Refusal("lab_no_number")

    def _free_handle(self) -> str | None:
        """The next unused sub_NN name (deleted ones are reused after a full round)."""
        for offset in range(_HANDLE_COUNT - 1):
            n = (self._next_handle - 1 + offset) % (_HANDLE_COUNT - 1) + 1
            handle = f"{HANDLE_PREFIX}{n:02d}"
            if self.registry.account(handle) is None:
                self._next_handle = n
                return handle
        return None

    def _outcome(self, action: str, outcome: Outcome, number: str | None) -> LabStep:
        if number is not None:
            self._focus = number
        return self._step(action, outcome.ok, problem=outcome.problem, outcome=outcome)

    def _step(self, action: str, ok: bool, **parts: Any) -> LabStep:
        focus = self._focus
        said, self._said = self._said, ()  # the notes belong to this step only
        status = self.registry.number_status(focus) if focus else None
        return LabStep(
            action, ok, masked=masked(focus), number_problems=said, status=status,
            timeline=build_timeline(status.history, self.clock.now()) if status else None,
            accounts=self._accounts(), rules=self._rules(), now=self.clock.now(),
            origin=self.origin, **parts)

    def _accounts(self) -> tuple[AccountRow, ...]:
        return tuple(AccountRow(a.handle, a.email, masked(a.number), a.suspended)
                     for a in self.registry.accounts())

    def _rules(self) -> tuple[RuleRow, ...]:
        rules, data, sources = self.rules, self.data_rules, self._sources

        def row(name: str, params: dict[str, Any], source: Policy, changed: bool = False
                ) -> RuleRow:
            return RuleRow(name, params, source.provenance, changed, source.note)

        return (
            row("max_accounts_per_number", {"limit": rules.max_accounts_per_number},
                sources["max_accounts_per_number"],
                rules.max_accounts_per_number != data.max_accounts_per_number),
            row("max_accounts_per_email", {"limit": rules.max_accounts_per_email},
                sources["max_accounts_per_email"]),
            row("cooldown", {"days": round(rules.cooldown_seconds / DAY)},
                sources["cooldown_seconds"], rules.cooldown_seconds != data.cooldown_seconds),
            row("block", {"attempts": rules.attempts_max,
                          "minutes": round(rules.attempts_window_seconds / 60),
                          "hours": tidy_amount(rules.block_seconds / 3600)},
                sources["attempts_max"]),
            *(row(name, {}, fact) for name, fact in self._facts.items()),
        )
