"""The learner's simulated phone: its number, its settings and its inbox.

The phone owns one fictional number (``data/policies/settings_flow.yaml``) and the
conditions a learner can switch on it (airplane mode, no signal, blocking
settings ...). A text addressed to it is judged by ``course.sim.sms.delivery`` under
those conditions and then waits on the phone's side: in transit until its
arrival time, held by the network while the radio is off, lost, or landed in
the inbox or the junk list. Nothing moves by itself: the caller passes the
clock's time, so fast-forwarding a simulated clock is what delivers the texts.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field, replace
from enum import Enum

from course.sim.core.clock import Clock
from course.sim.core.problems import Problem, error
from course.sim.numbers.number_checker import NumberCheck, check_number
from course.sim.sms.delivery import Condition, DeliveryOutcome, Fate, deliver
from course.sim.sms.verification import SmsMessage

# The conditions a learner can switch on the phone, in the order the phone shows them.
PHONE_CONDITIONS: tuple[Condition, ...] = (
    Condition.AIRPLANE_MODE,
    Condition.NO_SIGNAL,
    Condition.SMS_REJECTED,
    Condition.SPAM_FILTERED,
    Condition.DATA_ONLY_SIM,
    Condition.CARRIER_OUTAGE,
    Condition.INTERNATIONAL_DELAY,
)
# While one of these is on, the network keeps texts for the phone instead of handing them over.
HOLDING: frozenset[Condition] = frozenset({Condition.AIRPLANE_MODE, Condition.NO_SIGNAL})


class EntryState(str, Enum):
    """Where one text addressed to this phone is now."""

    IN_TRANSIT = "in_transit"  # on its way; lands at ``arrives_at``
    ARRIVED = "arrived"  # in the inbox
    JUNK = "junk"  # on the phone, sorted into the unknown-senders / junk list
    HELD = "held"  # kept by the network until the phone is reachable
    LOST = "lost"  # will never reach this phone
    NOT_SENT = "not_sent"  # X sent nothing

    @property
    def on_phone(self) -> bool:
        return self in (EntryState.ARRIVED, EntryState.JUNK)


@dataclass(frozen=True)
class InboxEntry:
    """One text addressed to this phone. The code stays out of ``repr``."""

    id: int
    message: SmsMessage = field(repr=False)
    state: EntryState
    outcome: DeliveryOutcome  # the latest delivery decision for it
    expires_at: float | None  # when the code in it stops working (as sent)
    arrives_at: float | None = None  # while in transit
    arrived_at: float | None = None  # once on the phone

    @property
    def sent_at(self) -> float:
        return self.message.sent_at


@dataclass(frozen=True)
class ConditionChange:
    """The answer to switching a condition: the phone's conditions now, and any
    texts the network hands over because the phone became reachable."""

    condition: Condition | None
    on: bool
    conditions: frozenset[Condition]
    released: tuple[InboxEntry, ...] = ()
    problem: Problem | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def one_slip_apart(typed: str, own: str) -> bool:
    """True when ``typed`` is ``own`` with one typing slip: a digit changed, left out or
    added, or two neighbouring digits swapped (compared in E.164)."""
    if typed == own:
        return False
    if len(typed) == len(own):
        diffs = [i for i, (a, b) in enumerate(zip(typed, own, strict=True)) if a != b]
        if len(diffs) == 1:
            return True
        return (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                and typed[diffs[0]] == own[diffs[1]] and typed[diffs[1]] == own[diffs[0]])
    if abs(len(typed) - len(own)) != 1:
        return False
    longer, shorter = (typed, own) if len(typed) > len(own) else (own, typed)
    return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


def _as_condition(value: object) -> Condition | None:
    if isinstance(value, Condition):
        return value if value in PHONE_CONDITIONS else None
    if isinstance(value, str) and value.strip() in Condition._value2member_map_:
        found = Condition(value.strip())
        return found if found in PHONE_CONDITIONS else None
    return None


class Phone:
    """A phone with one number, switchable conditions and an inbox (all in memory)."""

    def __init__(self, number: str) -> None:
        checked = check_number(number)
        if not checked.valid or not checked.is_fictional:
            # The course's own data is wrong: a defect, not learner input.
            raise ValueError("the simulated phone needs one of the course's fictional numbers")
        self.number = checked
        self._conditions: set[Condition] = set()
        self._entries: list[InboxEntry] = []
        self._ids = itertools.count(1)

    # --- reading ---------------------------------------------------------------

    @property
    def conditions(self) -> frozenset[Condition]:
        return frozenset(self._conditions)

    @property
    def entries(self) -> tuple[InboxEntry, ...]:
        return tuple(self._entries)

    @property
    def reachable(self) -> bool:
        """False while the radio is off or there is no signal."""
        return not (self._conditions & HOLDING)

    def is_own(self, number: NumberCheck) -> bool:
        """True when a checked number is this phone's number, however it was written."""
        return number.e164 is not None and number.e164 == self.number.e164

    def conditions_for(self, number: NumberCheck) -> tuple[Condition, ...]:
        """The conditions a text to ``number`` meets: this phone's own, or, for any
        other number, that it goes to someone else (a typo when it is one slip away)."""
        if self.is_own(number):
            return tuple(c for c in PHONE_CONDITIONS if c in self._conditions)
        own = self.number.e164 or ""
        if number.e164 is not None and one_slip_apart(number.e164, own):
            return (Condition.WRONG_NUMBER,)
        return (Condition.OTHER_NUMBER,)

    # --- texts -------------------------------------------------------------------

    def accept(self, message: SmsMessage, outcome: DeliveryOutcome,
               expires_at: float | None) -> InboxEntry:
        """Record a text addressed to this phone with its delivery decision."""
        entry = InboxEntry(next(self._ids), message, _state_of(outcome), outcome, expires_at,
                           arrives_at=outcome.arrives_at)
        self._entries.append(entry)
        return entry

    def land(self, now: float) -> tuple[InboxEntry, ...]:
        """Texts whose arrival time has come: into the inbox or junk list if the phone
        is reachable, otherwise held by the network. Returns the texts that landed."""
        landed = []
        for index, entry in enumerate(self._entries):
            if entry.state is not EntryState.IN_TRANSIT or entry.arrives_at is None \
                    or entry.arrives_at > now:
                continue
            if not self.reachable:
                self._entries[index] = replace(entry, state=EntryState.HELD, arrives_at=None)
                continue
            state = EntryState.JUNK if entry.outcome.fate is Fate.HIDDEN else EntryState.ARRIVED
            self._entries[index] = replace(entry, state=state, arrived_at=entry.arrives_at)
            landed.append(self._entries[index])
        return tuple(landed)

    def next_arrival(self) -> float | None:
        """When the next text in transit lands (None when none is on its way)."""
        times = [e.arrives_at for e in self._entries
                 if e.state is EntryState.IN_TRANSIT and e.arrives_at is not None]
        return min(times) if times else None

    # --- settings ------------------------------------------------------------

    def set_condition(self, condition: object, on: object, *, clock: Clock,
                      rng: random.Random) -> ConditionChange:
        """Switch a condition; never raises. When the phone becomes reachable again,
        the network sends the held texts, which meet the conditions in force now."""
        chosen = _as_condition(condition)
        if chosen is None or not isinstance(on, bool):
            detail = f"{str(condition)[:30]!r}={str(on)[:10]}"
            return ConditionChange(None, False, self.conditions,
                                   problem=error("phone_bad_condition", detail=detail))
        was_reachable = self.reachable
        if on:
            self._conditions.add(chosen)
        else:
            self._conditions.discard(chosen)
        released: tuple[InboxEntry, ...] = ()
        if self.reachable and not was_reachable:
            released = self._release(clock, rng)
        return ConditionChange(chosen, on, self.conditions, released)

    def _release(self, clock: Clock, rng: random.Random) -> tuple[InboxEntry, ...]:
        conditions = self.conditions_for(self.number)
        out = []
        for index, entry in enumerate(self._entries):
            if entry.state is not EntryState.HELD:
                continue
            outcome = deliver(self.number, conditions, clock=clock, rng=rng,
                              expires_at=entry.expires_at)
            self._entries[index] = replace(entry, state=_state_of(outcome), outcome=outcome,
                                           arrives_at=outcome.arrives_at)
            out.append(self._entries[index])
        return tuple(out)


def _state_of(outcome: DeliveryOutcome) -> EntryState:
    if outcome.arrives:
        return EntryState.IN_TRANSIT
    return {Fate.HELD: EntryState.HELD, Fate.LOST: EntryState.LOST}.get(
        outcome.fate, EntryState.NOT_SENT)
