"""Accounts, email addresses and phone links: a pure registry with X's rules.

Lesson 04 ("accounts per number") needs every rule a learner may run into to
act on the same data at once: the per-number account limit, one account per
email, the wait before a removed number can be reused, numbers held by a
suspended account, and the temporary "can't add this number now" block after
too many attempts. Each rule's value comes from ``data/policies/accounts.yaml``
with its source and status, so a widget can say which rules X documents and
which the simulator assumes.

Numbers are E.164 strings ("+819001234567"), emails lower-cased strings and
accounts their user name; the number checker built elsewhere sits in front of
this module. Every public method returns a result instead of raising: a "no"
is a ``Refusal`` naming a code in ``data/errors/accounts.yaml``. Nothing here
is written to disk, so numbers a learner types stay in memory.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field, replace
from enum import Enum

from course.facts.policy import Policy, policy
from course.i18n import LANGUAGES, t
from course.sim.core.clock import Clock, days, minutes, tidy_amount
from course.sim.core.errors import Refusal
from course.sim.core.identifiers import clean_email, clean_handle, clean_number


def refusal_texts(refusal: Refusal, part: str = "message") -> dict[str, str]:
    """One part of a refusal in every course language, for results that carry both."""
    return {lang: refusal.text(part, lang) for lang in LANGUAGES}


# --- rules -------------------------------------------------------------------

RULE_POLICIES: dict[str, str] = {
    "max_accounts_per_number": "accounts.max_accounts_per_number",
    "max_accounts_per_email": "accounts.max_accounts_per_email",
    "cooldown_seconds": "accounts.number_cooldown_days",
    "cooldown_spares_previous_holder": "accounts.cooldown_spares_previous_holder",
    "suspended_holder_blocks_number": "accounts.suspended_holder_blocks_number",
    "attempts_max": "accounts.add_attempts_max",
    "attempts_window_seconds": "accounts.add_attempts_window_minutes",
    "block_seconds": "accounts.add_block_hours",
    "needs_email_or_phone": "accounts.account_needs_email_or_phone",
}


@dataclass(frozen=True)
class AccountRules:
    """The values the registry enforces; ``from_policies`` reads them from data."""

    max_accounts_per_number: int
    max_accounts_per_email: int
    cooldown_seconds: float
    cooldown_spares_previous_holder: bool
    suspended_holder_blocks_number: bool
    attempts_max: int
    attempts_window_seconds: float
    block_seconds: float
    needs_email_or_phone: bool

    @classmethod
    def from_policies(cls, **overrides: object) -> AccountRules:
        """The rules as declared in data/policies/accounts.yaml, with optional overrides
        (a notebook's "what if the limit were 3?" slider)."""
        value = {name: policy(key).value for name, key in RULE_POLICIES.items()}
        value["cooldown_seconds"] = days(value["cooldown_seconds"])
        value["attempts_window_seconds"] = minutes(value["attempts_window_seconds"])
        value["block_seconds"] = value["block_seconds"] * 3600.0
        value.update(overrides)
        return cls(**value)  # type: ignore[arg-type]


def rule_sources() -> dict[str, Policy]:
    """Each rule's policy (value, status, source, note) for "where does this come from?"."""
    return {name: policy(key) for name, key in RULE_POLICIES.items()}


# --- values ------------------------------------------------------------------

@dataclass(frozen=True)
class Account:
    """One account as the registry sees it."""

    handle: str
    email: str | None
    number: str | None = field(repr=False)  # E.164, kept in memory only; shown masked
    created_at: float
    number_linked_at: float | None = None
    suspended: bool = False


class NumberEventKind(str, Enum):
    """What can happen to a number; a timeline plot draws one mark per kind."""

    LINKED = "linked"
    REMOVED = "removed"
    REFUSED = "refused"
    COOLDOWN_ENDS = "cooldown_ends"
    BLOCKED = "blocked"
    BLOCK_ENDS = "block_ends"
    HOLDER_SUSPENDED = "holder_suspended"
    HOLDER_REINSTATED = "holder_reinstated"


@dataclass(frozen=True)
class NumberEvent:
    """One entry of a number's history. ``at`` may lie in the future for the
    scheduled ends of a cooldown or a block."""

    at: float
    seq: int
    kind: NumberEventKind
    number: str = field(repr=False)  # E.164: never in a repr, so never in a saved output
    account: str | None = None
    code: str | None = None

    def label(self, lang: str | None = None) -> str:
        return t(f"accounts.event.{self.kind.value}", lang, account=self.account or "-")


@dataclass(frozen=True)
class Outcome:
    """The result of one registry operation: done, or refused with a catalog code."""

    action: str
    ok: bool
    account: Account | None = None
    problem: Refusal | None = None
    events: tuple[NumberEvent, ...] = ()

    def message(self, lang: str | None = None) -> str:
        if self.problem is not None:
            return self.problem.text("message", lang)
        handle = self.account.handle if self.account else "-"
        return t(f"accounts.outcome.{self.action}", lang, account=handle)

    def messages(self) -> dict[str, str]:
        return {lang: self.message(lang) for lang in LANGUAGES}


@dataclass(frozen=True)
class NumberStatus:
    """Everything about one number at this moment, including what X's Help says
    about shared numbers (who gets SMS, whether reset works)."""

    number: str | None = field(repr=False)  # E.164: never in a repr, never in an output
    accounts: tuple[str, ...] = ()
    limit: int = 0
    free_slots: int = 0
    cooldown_until: float | None = None
    cooldown_exempt: tuple[str, ...] = ()
    blocked_until: float | None = None
    notifications_to: str | None = None
    security_sms_to: tuple[str, ...] = ()
    reset_by_number: bool = False
    history: tuple[NumberEvent, ...] = ()
    problem: Refusal | None = None


@dataclass(frozen=True)
class ResetLookup:
    """Which account a password reset would start for, or why it cannot start."""

    identifier: str | None = field(repr=False)  # may be a typed number
    account: str | None = None
    via: str | None = None  # "handle" | "email" | "number"
    problem: Refusal | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


@dataclass
class _Hold:
    until: float
    exempt: set[str]
    end_event: NumberEvent


@dataclass
class _NumberState:
    links: dict[str, float] = field(default_factory=dict)  # handle -> linked_at, link order
    hold: _Hold | None = None
    attempts: deque[float] = field(default_factory=deque)
    blocked_until: float = -math.inf
    history: list[NumberEvent] = field(default_factory=list)


def _blank(value: object) -> bool:
    """None or an empty text field: the person left it out."""
    return value is None or (isinstance(value, str) and not value.strip())


def _refused(action: str, code: str, events: tuple[NumberEvent, ...] = (), **params: object
             ) -> Outcome:
    return Outcome(action, False, None, Refusal(code, dict(params)), events)


# --- the registry ------------------------------------------------------------

class Registry:
    """Accounts and their links, with time from an injected clock.

    Invariants (checked by the property tests): no number is linked to more
    than ``max_accounts_per_number`` accounts and no email to more than
    ``max_accounts_per_email``, whatever sequence of operations ran.
    """

    def __init__(self, clock: Clock, rules: AccountRules | None = None) -> None:
        self._clock = clock
        self.rules = rules or AccountRules.from_policies()
        self._accounts: dict[str, Account] = {}
        self._emails: dict[str, list[str]] = {}
        self._numbers: dict[str, _NumberState] = {}
        self._seq = 0

    # -- queries --------------------------------------------------------------

    def account(self, handle: object) -> Account | None:
        """The account with this user name, or None."""
        key = clean_handle(handle)
        return self._accounts.get(key) if key else None

    def accounts(self) -> tuple[Account, ...]:
        return tuple(self._accounts.values())

    def accounts_on(self, number: object) -> tuple[str, ...]:
        """User names linked to a number, oldest link first."""
        key = clean_number(number)
        state = self._numbers.get(key) if key else None
        return tuple(state.links) if state else ()

    def accounts_with_email(self, email: object) -> tuple[str, ...]:
        key = clean_email(email)
        return tuple(self._emails.get(key, ())) if key else ()

    def history(self, number: object) -> tuple[NumberEvent, ...]:
        """The number's events in time order (scheduled ends included)."""
        key = clean_number(number)
        state = self._numbers.get(key) if key else None
        if not state:
            return ()
        return tuple(sorted(state.history, key=lambda e: (e.at, e.seq)))

    def number_status(self, number: object) -> NumberStatus:
        """Links, free slots, cooldown, block and SMS routing of one number."""
        key = clean_number(number)
        if key is None:
            return NumberStatus(None, problem=Refusal("account_bad_number"))
        now = self._clock.now()
        state = self._numbers.get(key) or _NumberState()
        links = tuple(state.links)
        hold = state.hold if state.hold and state.hold.until > now else None
        limit = self.rules.max_accounts_per_number
        return NumberStatus(
            number=key,
            accounts=links,
            limit=limit,
            free_slots=max(0, limit - len(links)),
            cooldown_until=hold.until if hold else None,
            cooldown_exempt=tuple(sorted(hold.exempt)) if hold else (),
            blocked_until=state.blocked_until if state.blocked_until > now else None,
            notifications_to=self._latest_link(state),
            security_sms_to=links,
            reset_by_number=len(links) == 1,
            history=self.history(key),
        )

    def sms_notification_recipient(self, number: object) -> str | None:
        """The one account that gets SMS account notifications: the most recently
        linked (2018 Help; policy accounts.sms_notifications_to_latest_only).
        Security codes still go to all."""
        key = clean_number(number)
        state = self._numbers.get(key) if key else None
        return self._latest_link(state) if state else None

    def password_reset_lookup(self, identifier: object) -> ResetLookup:
        """Find the account a reset would start for, from a user name, an email or a
        number. A number shared by several accounts cannot be used (X Help)."""
        number, email = clean_number(identifier), clean_email(identifier)
        handle = clean_handle(identifier)
        shown = number or email or handle
        if number:
            links = self.accounts_on(number)
            if len(links) > 1:
                return ResetLookup(number, problem=Refusal("reset_shared_number",
                                                           {"count": len(links)}))
            if links:
                return ResetLookup(number, links[0], "number")
        elif email:
            owners = self.accounts_with_email(email)
            if owners:
                return ResetLookup(email, owners[0], "email")
        elif handle and handle in self._accounts:
            return ResetLookup(handle, handle, "handle")
        return ResetLookup(shown, problem=Refusal("reset_identifier_unknown"))

    # -- operations -----------------------------------------------------------

    def create_account(self, handle: object, email: object = None, number: object = None
                       ) -> Outcome:
        """Open an account with an email, a number or both. All-or-nothing: when the
        number or email is refused, no account is created."""
        key = clean_handle(handle)
        if key is None:
            return _refused("created", "account_bad_handle")
        if key in self._accounts:
            return _refused("created", "account_handle_taken")
        mail = None
        if not _blank(email):
            mail = clean_email(email)
            if mail is None:
                return _refused("created", "account_bad_email")
        phone = None
        if not _blank(number):
            phone = clean_number(number)
            if phone is None:
                return _refused("created", "account_bad_number")
        if self.rules.needs_email_or_phone and mail is None and phone is None:
            return _refused("created", "account_needs_email_or_phone")
        if mail is not None and (refusal := self._email_refusal(mail, key)):
            return Outcome("created", False, None, refusal)
        now = self._clock.now()
        if phone is not None:
            refused = self._check_link(key, phone, now)
            if refused is not None:
                return replace(refused, action="created")
        account = Account(key, mail, None, now)
        self._accounts[key] = account
        if mail is not None:
            self._emails.setdefault(mail, []).append(key)
        events: tuple[NumberEvent, ...] = ()
        if phone is not None:
            events = self._link(key, phone, now)
        return Outcome("created", True, self._accounts[key], None, events)

    def link_number(self, handle: object, number: object) -> Outcome:
        """Add or change an account's number ("Update phone number"). A previous
        number is removed, which starts its cooldown."""
        phone = clean_number(number)
        found = self._find("linked", handle,
                           bad_field="account_bad_number" if phone is None else None)
        if isinstance(found, Outcome):
            return found
        key, account = found
        assert phone is not None  # _find refused it otherwise
        now = self._clock.now()
        refused = self._check_link(key, phone, now)
        if refused is not None:
            return refused
        events = self._unlink(key, now) if account.number else ()
        events += self._link(key, phone, now)
        return Outcome("linked", True, self._accounts[key], None, events)

    def remove_number(self, handle: object) -> Outcome:
        """Delete the number from an account ("Delete number"); its cooldown starts."""
        found = self._find("removed", handle)
        if isinstance(found, Outcome):
            return found
        key, account = found
        if account.number is None:
            return _refused("removed", "account_has_no_number")
        events = self._unlink(key, self._clock.now())
        return Outcome("removed", True, self._accounts[key], None, events)

    def change_email(self, handle: object, email: object) -> Outcome:
        """Put a new address on an account; one address belongs to one account."""
        mail = clean_email(email)
        found = self._find("email_changed", handle,
                           bad_field="account_bad_email" if mail is None else None)
        if isinstance(found, Outcome):
            return found
        key, account = found
        assert mail is not None  # _find refused it otherwise
        if account.email == mail:
            return Outcome("email_changed", True, account)
        if refusal := self._email_refusal(mail, key):
            return Outcome("email_changed", False, None, refusal)
        self._drop_email(account)
        self._emails.setdefault(mail, []).append(key)
        self._accounts[key] = replace(account, email=mail)
        return Outcome("email_changed", True, self._accounts[key])

    def delete_account(self, handle: object) -> Outcome:
        """Remove an account for good (after the deactivation window): its email and
        user name are free again; its number goes into the cooldown with no exemption."""
        found = self._find("deleted", handle, changing=False)
        if isinstance(found, Outcome):
            return found
        key, account = found
        events = self._unlink(key, self._clock.now(), exempt=False) if account.number else ()
        self._drop_email(account)
        del self._accounts[key]
        return Outcome("deleted", True, replace(account, number=None, email=None), None, events)

    def suspend(self, handle: object) -> Outcome:
        """Mark an account suspended (凍結); its number is then refused elsewhere."""
        return self._set_suspended(handle, True)

    def reinstate(self, handle: object) -> Outcome:
        """Lift a suspension (an appeal was granted)."""
        return self._set_suspended(handle, False)

    # -- internals ------------------------------------------------------------

    def _find(self, action: str, handle: object, *, bad_field: str | None = None,
              changing: bool = True) -> tuple[str, Account] | Outcome:
        """The account an operation names, or the first refusal a person meets.

        The order is the form's: the user name, then the other field
        (``bad_field`` is its refusal code when it did not clean up), then
        whether the account exists and, for a change, whether it is suspended.
        """
        key = clean_handle(handle)
        if key is None:
            return _refused(action, "account_bad_handle")
        if bad_field is not None:
            return _refused(action, bad_field)
        account = self._accounts.get(key)
        if account is None:
            return _refused(action, "account_unknown")
        if changing and account.suspended:
            return _refused(action, "account_suspended_cannot_change")
        return key, account

    def _record(self, state: _NumberState, at: float, kind: NumberEventKind, number: str,
                account: str | None = None, code: str | None = None) -> NumberEvent:
        self._seq += 1
        event = NumberEvent(at, self._seq, kind, number, account, code)
        state.history.append(event)
        return event

    @staticmethod
    def _latest_link(state: _NumberState | None) -> str | None:
        if not state or not state.links:
            return None
        return next(reversed(state.links))

    def _email_refusal(self, mail: str, handle: str) -> Refusal | None:
        owners = [h for h in self._emails.get(mail, ()) if h != handle]
        if len(owners) >= self.rules.max_accounts_per_email:
            return Refusal("email_in_use")
        return None

    def _drop_email(self, account: Account) -> None:
        if account.email is None:
            return
        owners = self._emails.get(account.email, [])
        if account.handle in owners:
            owners.remove(account.handle)
        if not owners:
            self._emails.pop(account.email, None)

    def _check_link(self, handle: str, number: str, now: float) -> Outcome | None:
        """Apply the number rules in the order a person meets them; None means allowed.
        Every attempt counts toward the temporary block, whatever its outcome."""
        rules = self.rules
        state = self._numbers.setdefault(number, _NumberState())

        def refuse(code: str, **params: object) -> Outcome:
            event = self._record(state, now, NumberEventKind.REFUSED, number, handle, code)
            return _refused("linked", code, (event,), **params)

        block_params = {"attempts": rules.attempts_max,
                        "minutes": round(rules.attempts_window_seconds / 60),
                        "hours": tidy_amount(rules.block_seconds / 3600)}
        if state.blocked_until > now:
            return refuse("number_temporarily_unavailable", **block_params)
        while state.attempts and state.attempts[0] <= now - rules.attempts_window_seconds:
            state.attempts.popleft()
        state.attempts.append(now)
        if len(state.attempts) > rules.attempts_max:
            state.attempts.clear()
            state.blocked_until = now + rules.block_seconds
            self._record(state, now, NumberEventKind.BLOCKED, number, handle)
            self._record(state, state.blocked_until, NumberEventKind.BLOCK_ENDS, number)
            return refuse("number_temporarily_unavailable", **block_params)
        if handle in state.links:
            return refuse("number_already_on_account")
        if rules.suspended_holder_blocks_number and any(
                self._accounts[h].suspended for h in state.links):
            return refuse("number_on_suspended_account")
        hold = state.hold
        if hold and hold.until > now and handle not in hold.exempt:
            return refuse("number_in_cooldown", days=math.ceil((hold.until - now) / 86400))
        if len(state.links) >= rules.max_accounts_per_number:
            return refuse("number_limit_reached", limit=rules.max_accounts_per_number)
        return None

    def _link(self, handle: str, number: str, now: float) -> tuple[NumberEvent, ...]:
        state = self._numbers.setdefault(number, _NumberState())
        state.links[handle] = now
        self._accounts[handle] = replace(self._accounts[handle], number=number,
                                         number_linked_at=now)
        return (self._record(state, now, NumberEventKind.LINKED, number, handle),)

    def _unlink(self, handle: str, now: float, exempt: bool = True
                ) -> tuple[NumberEvent, ...]:
        account = self._accounts[handle]
        number = account.number
        if number is None:
            return ()
        state = self._numbers[number]
        state.links.pop(handle, None)
        self._accounts[handle] = replace(account, number=None, number_linked_at=None)
        events = [self._record(state, now, NumberEventKind.REMOVED, number, handle)]
        if self.rules.cooldown_seconds > 0:
            until = now + self.rules.cooldown_seconds
            spared = {handle} if exempt and self.rules.cooldown_spares_previous_holder else set()
            old = state.hold
            if old is not None and old.until > now:
                # A later removal extends the running cooldown: its old scheduled
                # end never happens, so it leaves the history.
                state.history.remove(old.end_event)
                spared |= old.exempt
            end = self._record(state, until, NumberEventKind.COOLDOWN_ENDS, number)
            state.hold = _Hold(until, spared, end)
            events.append(end)
        return tuple(events)

    def _set_suspended(self, handle: object, suspended: bool) -> Outcome:
        action = "suspended" if suspended else "reinstated"
        found = self._find(action, handle, changing=False)
        if isinstance(found, Outcome):
            return found
        key, account = found
        if account.suspended == suspended:
            return Outcome(action, True, account)
        self._accounts[key] = replace(account, suspended=suspended)
        events: tuple[NumberEvent, ...] = ()
        if account.number:
            kind = (NumberEventKind.HOLDER_SUSPENDED if suspended
                    else NumberEventKind.HOLDER_REINSTATED)
            state = self._numbers[account.number]
            events = (self._record(state, self._clock.now(), kind, account.number, key),)
        return Outcome(action, True, self._accounts[key], None, events)
