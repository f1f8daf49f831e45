"""Does the SMS reach the phone? A small model of why codes go missing.

``deliver(number, conditions, clock=..., rng=...)`` takes a checked number and
the conditions in force on the learner's side (airplane mode, a blocking
setting, a typo in the number ...) and says what happens to one text: it
arrives (and when), arrives but is sorted as junk, waits in the network until
the phone is reachable, or never arrives, with the condition responsible and
its fix from ``data/errors/sms.yaml``.

The conditions are the causes the seed article lists that hold up, plus the
type of number (IP phone, landline, M2M) and X not texting some carriers. The
article's "inbox full" is left out: modern phones do not refuse texts for it.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from course.facts import policy as policies
from course.sim.core.clock import Clock
from course.sim.core.problems import Problem, error
from course.sim.numbers.number_checker import NumberCheck, check_number


class Condition(str, Enum):
    """Something that stops, holds, delays or hides a text, in the order it acts."""

    INVALID_NUMBER = "invalid_number"  # X sends nothing
    NUMBER_CANNOT_RECEIVE = "number_cannot_receive"  # IP phone, landline, M2M ...
    X_NOT_SENDING = "x_not_sending"  # X does not text this country or carrier
    WRONG_NUMBER = "wrong_number"  # a typo: the text goes to a number one slip away
    OTHER_NUMBER = "other_number"  # not this phone's number at all: it goes to that phone
    CARRIER_OUTAGE = "carrier_outage"
    DATA_ONLY_SIM = "data_only_sim"
    SMS_REJECTED = "sms_rejected"  # a blocking setting on the phone or at the carrier
    AIRPLANE_MODE = "airplane_mode"  # held by the network until the radio is back
    NO_SIGNAL = "no_signal"  # held by the network until the phone is reachable
    INTERNATIONAL_DELAY = "international_delay"  # arrives late, maybe after expiry
    SPAM_FILTERED = "spam_filtered"  # arrives, but in the junk / unknown-senders list

    @property
    def code(self) -> str:
        """Its entry in the error catalog."""
        return f"delivery_{self.value}"


_LOST = frozenset({Condition.WRONG_NUMBER, Condition.OTHER_NUMBER, Condition.CARRIER_OUTAGE,
                   Condition.DATA_ONLY_SIM, Condition.SMS_REJECTED})
_NOT_SENT = frozenset({Condition.INVALID_NUMBER, Condition.NUMBER_CANNOT_RECEIVE,
                       Condition.X_NOT_SENDING})
_HELD = frozenset({Condition.AIRPLANE_MODE, Condition.NO_SIGNAL})
_ORDER = {condition: rank for rank, condition in enumerate(Condition)}


class Fate(str, Enum):
    """What happens to the text."""

    ARRIVED = "arrived"  # in the inbox
    HIDDEN = "hidden"  # on the phone, but sorted as junk
    HELD = "held"  # waiting in the network; arrives once the phone is reachable
    LOST = "lost"  # never reaches this phone
    NOT_SENT = "not_sent"  # X does not send it


@dataclass(frozen=True)
class DeliveryOutcome:
    """The fate of one text and the reason for it."""

    fate: Fate
    sent_at: float | None = None
    arrives_at: float | None = None  # when it lands on the phone (arrived or hidden)
    stopped_by: Condition | None = None  # the first condition that acts on it
    causes: tuple[Condition, ...] = ()  # every condition in force, in the order they act
    late: bool = False  # it lands after the code's expiry
    problem: Problem | None = None  # the catalog entry for stopped_by (or for bad input)

    @property
    def arrives(self) -> bool:
        return self.fate in (Fate.ARRIVED, Fate.HIDDEN)

    @property
    def visible(self) -> bool:
        """True when the learner sees it in the inbox without searching."""
        return self.fate is Fate.ARRIVED

    @property
    def delay_seconds(self) -> float | None:
        if self.arrives_at is None or self.sent_at is None:
            return None
        return self.arrives_at - self.sent_at

    def fixes(self) -> tuple[Problem, ...]:
        """One catalog entry per cause, each with its fix in both languages."""
        return tuple(error(cause.code) for cause in self.causes)


@dataclass(frozen=True)
class DeliveryPolicy:
    """Delay ranges in seconds (defaults: data/policies/sms.yaml, all assumed)."""

    delay: tuple[float, float]
    international_delay: tuple[float, float]

    @classmethod
    def from_data(cls) -> DeliveryPolicy:
        low, high = policies.value("sms.delivery_delay_seconds")
        ilow, ihigh = policies.value("sms.delivery_international_delay_seconds")
        return cls((float(low), float(high)), (float(ilow), float(ihigh)))


def parse_conditions(conditions: object) -> tuple[tuple[Condition, ...], str | None]:
    """Read conditions given as members or names; also name what was not understood."""
    if conditions is None:
        return (), None
    if isinstance(conditions, (str, Condition)):
        conditions = (conditions,)
    if not isinstance(conditions, Iterable):
        return (), f"conditions: {type(conditions).__name__}"
    found: set[Condition] = set()
    for item in conditions:
        if isinstance(item, Condition):
            found.add(item)
            continue
        if isinstance(item, str) and item.strip() in Condition._value2member_map_:
            found.add(Condition(item.strip()))
            continue
        return (), f"condition: {str(item)[:30]!r}"
    return tuple(sorted(found, key=_ORDER.__getitem__)), None


def deliver(number: object, conditions: object = (), *, clock: Clock, rng: random.Random,
            expires_at: float | None = None, policy: DeliveryPolicy | None = None
            ) -> DeliveryOutcome:
    """Send one text to ``number`` (text or ``NumberCheck``) under ``conditions``.

    Never raises on a bad number or bad conditions: the outcome then carries a
    ``delivery_bad_input`` or ``delivery_invalid_number`` problem.
    """
    if isinstance(number, NumberCheck):
        checked = number
    elif isinstance(number, str):
        checked = check_number(number)
    else:
        return DeliveryOutcome(Fate.NOT_SENT, problem=error(
            "delivery_bad_input", detail=f"number: {type(number).__name__}"))
    parsed, bad = parse_conditions(conditions)
    if bad is not None:
        return DeliveryOutcome(Fate.NOT_SENT, problem=error("delivery_bad_input", detail=bad))
    derived: set[Condition] = set(parsed)
    if not checked.valid:
        derived.add(Condition.INVALID_NUMBER)
    elif not checked.can_receive_sms:
        derived.add(Condition.NUMBER_CANNOT_RECEIVE)
    causes = tuple(sorted(derived, key=_ORDER.__getitem__))
    now = clock.now()
    if not causes:
        return _arrival(Fate.ARRIVED, now, causes, None, rng, policy, expires_at)
    first = causes[0]
    if first in _NOT_SENT:
        return DeliveryOutcome(Fate.NOT_SENT, None, None, first, causes, False, error(first.code))
    if first in _LOST:
        return DeliveryOutcome(Fate.LOST, now, None, first, causes, False, error(first.code))
    if first in _HELD:
        return DeliveryOutcome(Fate.HELD, now, None, first, causes, False, error(first.code))
    fate = Fate.HIDDEN if Condition.SPAM_FILTERED in causes else Fate.ARRIVED
    return _arrival(fate, now, causes, first, rng, policy, expires_at)


def _arrival(fate: Fate, now: float, causes: tuple[Condition, ...], first: Condition | None,
             rng: random.Random, policy: DeliveryPolicy | None,
             expires_at: float | None) -> DeliveryOutcome:
    rules = policy or DeliveryPolicy.from_data()
    delay = rng.uniform(*rules.delay)
    if Condition.INTERNATIONAL_DELAY in causes:
        delay += rng.uniform(*rules.international_delay)
    arrives_at = now + delay
    late = expires_at is not None and arrives_at >= expires_at
    return DeliveryOutcome(fate, now, arrives_at, first, causes, late,
                           error(first.code) if first is not None else None)
