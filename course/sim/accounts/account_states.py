"""Account states and the events that move an account between them.

Lesson 07 contrasts ロック (locked: temporary, cleared by verifying a phone
or email or passing a challenge), 制限 (limited: read-only-like for a set
time), 凍結 (suspended: appeal, or sometimes self-clear), deactivation with
its 30-day window, and the person who lost the phone that held their second
factor. The machine below keeps those states apart with one declared table of
transitions, so it can never reach a state the table does not name; timed
states end on their own when the injected clock passes their deadline.

Every event carries a reason (an enum whose ja/en text lives in
``data/i18n/<lang>/states.yaml``). ``apply`` never raises: a move the table
does not allow returns a result with a ``Refusal`` from ``data/errors/states.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from course.facts.policy import value as policy_value
from course.i18n import LANGUAGES, t
from course.sim.core.clock import Clock, days
from course.sim.core.errors import Refusal

MAX_LIMIT_SECONDS = days(365)


class State(str, Enum):
    """Where an account stands. ``DELETED`` is final."""

    ACTIVE = "active"
    LOCKED = "locked"
    LIMITED = "limited"
    SUSPENDED = "suspended"
    APPEAL_PENDING = "appeal_pending"
    DEACTIVATED = "deactivated"
    DELETED = "deleted"
    SECOND_FACTOR_LOST = "second_factor_lost"

    def label(self, lang: str | None = None) -> str:
        return t(f"states.state.{self.value}.name", lang)

    def description(self, lang: str | None = None) -> str:
        return t(f"states.state.{self.value}.description", lang)


class Event(str, Enum):
    """Something that happens to an account (by X, by the person, or by time)."""

    LOCK = "lock"
    UNLOCK = "unlock"
    LIMIT = "limit"
    LIMIT_ENDS = "limit_ends"
    SUSPEND = "suspend"
    SELF_CLEAR = "self_clear"
    APPEAL = "appeal"
    APPEAL_GRANTED = "appeal_granted"
    APPEAL_DENIED = "appeal_denied"
    DEACTIVATE = "deactivate"
    REACTIVATE = "reactivate"
    WINDOW_CLOSES = "window_closes"
    LOSE_SECOND_FACTOR = "lose_second_factor"
    RECOVER_SECOND_FACTOR = "recover_second_factor"

    def label(self, lang: str | None = None) -> str:
        return t(f"states.event.{self.value}", lang)


class Reason(str, Enum):
    """Why an event happened; each event accepts the reasons listed in ``REASONS``."""

    SUSPICIOUS_ACTIVITY = "suspicious_activity"
    AUTOMATED_ACTIVITY = "automated_activity"
    PHONE_VERIFIED = "phone_verified"
    EMAIL_VERIFIED = "email_verified"
    CHALLENGE_PASSED = "challenge_passed"
    RULE_VIOLATION = "rule_violation"
    REPEATED_VIOLATIONS = "repeated_violations"
    TIME_SERVED = "time_served"
    SPAM = "spam"
    FAKE_ACCOUNT = "fake_account"
    COMPROMISED = "compromised"
    ABUSIVE_BEHAVIOUR = "abusive_behaviour"
    FAILED_CHALLENGE = "failed_challenge"
    PHONE_CONFIRMED = "phone_confirmed"
    EMAIL_CONFIRMED = "email_confirmed"
    APPEAL_FILED = "appeal_filed"
    APPEAL_ACCEPTED = "appeal_accepted"
    APPEAL_REJECTED = "appeal_rejected"
    OWNER_CHOICE = "owner_choice"
    OWNER_LOGGED_IN = "owner_logged_in"
    WINDOW_CLOSED = "window_closed"
    PHONE_LOST = "phone_lost"
    BACKUP_CODE = "backup_code"
    AUTHENTICATOR_APP = "authenticator_app"
    SECURITY_KEY = "security_key"
    OPEN_SESSION = "open_session"
    SMS_CODE = "sms_code"

    def label(self, lang: str | None = None) -> str:
        return t(f"states.reason.{self.value}", lang)


S, E, R = State, Event, Reason

# The whole machine: (state, event) -> next state. Anything absent is refused.
TRANSITIONS: dict[tuple[State, Event], State] = {
    (S.ACTIVE, E.LOCK): S.LOCKED,
    (S.ACTIVE, E.LIMIT): S.LIMITED,
    (S.ACTIVE, E.SUSPEND): S.SUSPENDED,
    (S.ACTIVE, E.DEACTIVATE): S.DEACTIVATED,
    (S.ACTIVE, E.LOSE_SECOND_FACTOR): S.SECOND_FACTOR_LOST,
    (S.LOCKED, E.UNLOCK): S.ACTIVE,
    (S.LOCKED, E.LIMIT): S.LIMITED,
    (S.LOCKED, E.SUSPEND): S.SUSPENDED,
    (S.LIMITED, E.LIMIT_ENDS): S.ACTIVE,
    (S.LIMITED, E.SUSPEND): S.SUSPENDED,
    (S.LIMITED, E.DEACTIVATE): S.DEACTIVATED,
    (S.SUSPENDED, E.SELF_CLEAR): S.ACTIVE,
    (S.SUSPENDED, E.APPEAL): S.APPEAL_PENDING,
    (S.APPEAL_PENDING, E.APPEAL_GRANTED): S.ACTIVE,
    (S.APPEAL_PENDING, E.APPEAL_DENIED): S.SUSPENDED,
    (S.DEACTIVATED, E.REACTIVATE): S.ACTIVE,
    (S.DEACTIVATED, E.WINDOW_CLOSES): S.DELETED,
    (S.SECOND_FACTOR_LOST, E.RECOVER_SECOND_FACTOR): S.ACTIVE,
}

# Reasons each event accepts; the first is the default.
REASONS: dict[Event, tuple[Reason, ...]] = {
    E.LOCK: (R.SUSPICIOUS_ACTIVITY, R.AUTOMATED_ACTIVITY),
    E.UNLOCK: (R.PHONE_VERIFIED, R.EMAIL_VERIFIED, R.CHALLENGE_PASSED),
    E.LIMIT: (R.RULE_VIOLATION, R.REPEATED_VIOLATIONS),
    E.LIMIT_ENDS: (R.TIME_SERVED,),
    E.SUSPEND: (R.SPAM, R.FAKE_ACCOUNT, R.COMPROMISED, R.ABUSIVE_BEHAVIOUR,
                R.FAILED_CHALLENGE),
    E.SELF_CLEAR: (R.PHONE_CONFIRMED, R.EMAIL_CONFIRMED),
    E.APPEAL: (R.APPEAL_FILED,),
    E.APPEAL_GRANTED: (R.APPEAL_ACCEPTED,),
    E.APPEAL_DENIED: (R.APPEAL_REJECTED,),
    E.DEACTIVATE: (R.OWNER_CHOICE,),
    E.REACTIVATE: (R.OWNER_LOGGED_IN,),
    E.WINDOW_CLOSES: (R.WINDOW_CLOSED,),
    E.LOSE_SECOND_FACTOR: (R.PHONE_LOST,),
    E.RECOVER_SECOND_FACTOR: (R.BACKUP_CODE, R.AUTHENTICATOR_APP, R.SECURITY_KEY,
                              R.OPEN_SESSION, R.SMS_CODE),
}

# Events only the clock may fire: the end of a limitation and of the window.
TIMED_EVENTS: dict[State, Event] = {S.LIMITED: E.LIMIT_ENDS, S.DEACTIVATED: E.WINDOW_CLOSES}

# A shortest way from ACTIVE into each state, for widgets and tests that start there.
PATHS_FROM_ACTIVE: dict[State, tuple[tuple[Event, Reason | None], ...]] = {
    S.ACTIVE: (),
    S.LOCKED: ((E.LOCK, None),),
    S.LIMITED: ((E.LIMIT, None),),
    S.SUSPENDED: ((E.SUSPEND, None),),
    S.APPEAL_PENDING: ((E.SUSPEND, None), (E.APPEAL, None)),
    S.DEACTIVATED: ((E.DEACTIVATE, None),),
    S.SECOND_FACTOR_LOST: ((E.LOSE_SECOND_FACTOR, None),),
}


@dataclass(frozen=True)
class Transition:
    """One move, with when it happened and why (for the history timeline)."""

    at: float
    source: State
    target: State
    event: Event
    reason: Reason

    def text(self, lang: str | None = None) -> str:
        return t("states.transition", lang, source=self.source.label(lang),
                 target=self.target.label(lang), reason=self.reason.label(lang))

    def texts(self) -> dict[str, str]:
        return {lang: self.text(lang) for lang in LANGUAGES}


@dataclass(frozen=True)
class StepResult:
    """What ``apply`` did: the state afterwards and the move, or the refusal."""

    ok: bool
    state: State
    transition: Transition | None = None
    problem: Refusal | None = None

    def message(self, lang: str | None = None) -> str:
        if self.problem is not None:
            return self.problem.text("message", lang)
        assert self.transition is not None
        return self.transition.text(lang)

    def messages(self) -> dict[str, str]:
        return {lang: self.message(lang) for lang in LANGUAGES}


def _parse(enum: type[Enum], raw: object) -> Enum | None:
    if isinstance(raw, enum):
        return raw
    if isinstance(raw, str) and len(raw) <= 64:
        try:
            return enum(raw.strip().lower())
        except ValueError:
            return None
    return None


def parse_state(raw: object) -> State | None:
    """A ``State`` from itself or its name ("locked"); None when unknown."""
    return _parse(State, raw)  # type: ignore[return-value]


class AccountStateMachine:
    """One account's state, moved by events; timed states end with the clock.

    Defaults come from ``data/policies/states.yaml`` (the limitation length is
    an assumption; the 30-day window is reported). The history is a list of
    ``Transition`` values that a plot can draw.
    """

    def __init__(self, clock: Clock, *, limited_seconds: float | None = None,
                 deactivation_window_seconds: float | None = None) -> None:
        self._clock = clock
        self.limited_seconds = (float(limited_seconds) if limited_seconds is not None
                                else policy_value("states.limited_default_hours") * 3600.0)
        self.deactivation_window_seconds = (
            float(deactivation_window_seconds) if deactivation_window_seconds is not None
            else days(policy_value("states.deactivation_window_days")))
        self._state = State.ACTIVE
        self._deadline: float | None = None
        self.self_clearable = False
        self._history: list[Transition] = []

    @classmethod
    def starting_in(cls, state: State, clock: Clock, **kwargs: float) -> AccountStateMachine:
        """A machine driven from ACTIVE into ``state`` along ``PATHS_FROM_ACTIVE``.
        DELETED is a deactivation whose window closed just now."""
        machine = cls(clock, **kwargs)
        if state is State.DELETED:
            # Deactivated one full window ago, so the deletion is "now", not in the future.
            now = clock.now()
            machine._move(now - machine.deactivation_window_seconds, State.DEACTIVATED,
                          Event.DEACTIVATE, Reason.OWNER_CHOICE, now)
            machine._expire(at=now)
            return machine
        for event, reason in PATHS_FROM_ACTIVE[state]:
            machine.apply(event, reason)
        return machine

    # -- reading ----------------------------------------------------------------

    @property
    def state(self) -> State:
        """The state now (a passed deadline is applied first)."""
        self._tick()
        return self._state

    @property
    def deadline(self) -> float | None:
        """When the current timed state ends (limitation or deactivation window)."""
        self._tick()
        return self._deadline

    @property
    def history(self) -> tuple[Transition, ...]:
        self._tick()
        return tuple(self._history)

    def allowed_events(self) -> tuple[Event, ...]:
        """Events a person or X can trigger now (timed ones are left to the clock)."""
        state = self.state
        return tuple(event for (source, event) in TRANSITIONS
                     if source is state and event not in TIMED_EVENTS.values())

    # -- moving -----------------------------------------------------------------

    def apply(self, event: object, reason: object = None, *,
              duration_seconds: object = None, self_clearable: object = False) -> StepResult:
        """Fire one event. ``duration_seconds`` sets a limitation's length;
        ``self_clearable`` marks a suspension that confirming a phone/email lifts."""
        current = self.state
        parsed = _parse(Event, event)
        if parsed is None:
            return StepResult(False, current, problem=Refusal("state_bad_event"))
        ev: Event = parsed  # type: ignore[assignment]
        allowed = REASONS[ev]
        why = allowed[0] if reason is None else _parse(Reason, reason)
        if why not in allowed:
            return StepResult(False, current, problem=Refusal("state_bad_reason"))
        if current is State.DELETED:
            return StepResult(False, current, problem=Refusal("state_account_deleted"))
        if ev in TIMED_EVENTS.values():
            return StepResult(False, current, problem=Refusal("state_event_timed"))
        target = TRANSITIONS.get((current, ev))
        if target is None:
            return StepResult(False, current, problem=Refusal("state_event_not_allowed"))
        if ev is Event.SELF_CLEAR and not self.self_clearable:
            return StepResult(False, current, problem=Refusal("state_not_self_clearable"))
        deadline = None
        now = self._clock.now()
        if target is State.LIMITED:
            length = self.limited_seconds if duration_seconds is None else duration_seconds
            if (not isinstance(length, (int, float)) or isinstance(length, bool)
                    or not 0 < length <= MAX_LIMIT_SECONDS):
                return StepResult(False, current, problem=Refusal("state_bad_duration"))
            deadline = now + float(length)
        elif target is State.DEACTIVATED:
            deadline = now + self.deactivation_window_seconds
        if ev is Event.SUSPEND:
            self.self_clearable = self_clearable is True
        transition = self._move(now, target, ev, why, deadline)  # type: ignore[arg-type]
        return StepResult(True, target, transition)

    # -- internals --------------------------------------------------------------

    def _move(self, at: float, target: State, event: Event, reason: Reason,
              deadline: float | None) -> Transition:
        transition = Transition(at, self._state, target, event, reason)
        self._history.append(transition)
        self._state, self._deadline = target, deadline
        if target is not State.SUSPENDED and target is not State.APPEAL_PENDING:
            self.self_clearable = False
        return transition

    def _expire(self, at: float) -> None:
        event = TIMED_EVENTS[self._state]
        self._move(at, TRANSITIONS[(self._state, event)], event, REASONS[event][0], None)

    def _tick(self) -> None:
        # Each timed state leads to an untimed one, so one step is enough.
        if self._deadline is not None and self._clock.now() >= self._deadline:
            self._expire(at=self._deadline)
