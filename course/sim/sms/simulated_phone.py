"""X's texts to the simulated phone: send, resend, verify, and move time on.

``PhoneLine`` joins the pieces a learner meets when a code is sent: the SMS
verifier (``course.sim.sms.verification``: expiry, resend wait, lockout), the delivery model
(``course.sim.sms.delivery``) and the phone (``course.sim.sms.phone_device``), all on
one injected clock and one injected random source. The settings flow sends
through it; the simulated phone reads it; fast-forwarding it is how a learner
lives through an expiry, a resend wait or a lockout in a few clicks.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from course.facts import policy as policies
from course.sim.core.clock import SimulatedClock
from course.sim.core.problems import Problem, error, notice
from course.sim.numbers.fictional import fictional_example
from course.sim.numbers.number_checker import NumberCheck
from course.sim.sms.delivery import DeliveryOutcome, deliver
from course.sim.sms.phone_device import (
    HOLDING,
    PHONE_CONDITIONS,
    ConditionChange,
    EntryState,
    InboxEntry,
    Phone,
)
from course.sim.sms.verification import (
    CodeSource,
    SendOutcome,
    SendResult,
    Session,
    SmsVerifier,
    VerifyResult,
)


def phone_number() -> str:
    """The simulated phone's own fictional number (policy settings_flow.phone_number)."""
    spec = policies.value("settings_flow.phone_number")
    return fictional_example(str(spec["kind"]), int(spec["index"]))


def fast_forward_steps() -> tuple[int, ...]:
    """The jumps the phone offers, in seconds (policy settings_flow.fast_forward_seconds)."""
    return tuple(int(s) for s in policies.value("settings_flow.fast_forward_seconds"))


def clock_label(seconds: float) -> str:
    """Elapsed simulated time as m:ss or h:mm:ss (digits only: the same in every language)."""
    whole = max(0, math.floor(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@dataclass(frozen=True)
class SendReport:
    """X's answer to "send me a code", and what became of the text."""

    send: SendResult
    delivery: DeliveryOutcome | None = None  # None when X sent nothing
    entry: InboxEntry | None = None  # the text on the phone's side, when it is this phone's
    to_masked: str | None = None  # where X says it sent the code
    own_number: bool = False

    @property
    def ok(self) -> bool:
        return self.send.ok

    @property
    def problem(self) -> Problem | None:
        return self.send.problem


@dataclass(frozen=True)
class TimeJump:
    """What a fast-forward lived through."""

    seconds: float
    now: float
    landed: tuple[InboxEntry, ...] = ()
    code_expired: bool = False
    resend_ready: bool = False
    lockout_ended: bool = False
    problem: Problem | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def events(self) -> tuple[str, ...]:
        """Names of what happened, in the order a learner should read them."""
        names = []
        if self.landed:
            names.append("landed")
        if self.code_expired:
            names.append("code_expired")
        if self.lockout_ended:
            names.append("lockout_ended")
        if self.resend_ready:
            names.append("resend_ready")
        return tuple(names)


@dataclass(frozen=True)
class CodeTimer:
    """The state of the current code, for the countdowns on screen."""

    to_masked: str | None
    expires_in: float  # 0 when expired (or used)
    resend_in: float  # 0 when the resend wait and any lockout are over
    locked_for: float  # 0 when not locked out
    used: bool
    sends: int
    max_sends: int

    @property
    def sends_left(self) -> int:
        return max(0, self.max_sends - self.sends)

    @property
    def can_resend_now(self) -> bool:
        """True only when a resend would go out now (no wait, no lockout, texts left)."""
        return not self.used and self.resend_in <= 0 and self.sends_left > 0


@dataclass(frozen=True)
class Explanation:
    """Why the last text did (not) show up: a state name and catalog problems."""

    state: str  # none | refused | arrived | junk | in_transit | held | lost | not_sent
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class LineView:
    """A snapshot of the phone and the code, for drawing the phone's screen."""

    now: float
    elapsed: float
    conditions: frozenset
    reachable: bool
    inbox: tuple[InboxEntry, ...]  # newest first
    junk: tuple[InboxEntry, ...]  # newest first
    timer: CodeTimer | None


class PhoneLine:
    """X's texts to one simulated phone, on an injected clock and random source.

    The clock is a ``SimulatedClock``: fast-forwarding is the point of the phone.
    """

    def __init__(self, clock: SimulatedClock | None = None, rng: random.Random | None = None,
                 code_source: CodeSource | random.Random | None = None,
                 phone: Phone | None = None) -> None:
        self.clock = clock if clock is not None else SimulatedClock()
        self.rng = rng if rng is not None else random.Random()
        self.verifier = SmsVerifier(self.clock, code_source)
        self.phone = phone if phone is not None else Phone(phone_number())
        self.started_at = self.clock.now()
        self.session: Session | None = None
        self.last_send: SendReport | None = None
        self._number: NumberCheck | None = None
        self._max_jump = float(policies.value("settings_flow.max_fast_forward_seconds"))

    # --- sending -------------------------------------------------------------------

    def send(self, number: NumberCheck) -> SendReport:
        """Start a new verification for a checked number and send its first text."""
        if not isinstance(number, NumberCheck):
            return self._remember(SendReport(SendResult(
                SendOutcome.INVALID_NUMBER, problem=error("sms_invalid_number"))))
        result = self.verifier.start(number)
        if result.ok:
            self.session, self._number = result.session, number
        return self._remember(self._deliver(result, number))

    def resend(self) -> SendReport:
        """Send a new code in the current verification (the older code stops working)."""
        result = self.verifier.resend(self.session)
        number = self._number
        if number is None:
            return self._remember(SendReport(result))
        return self._remember(self._deliver(result, number))

    def request_code(self) -> SendReport:
        """Ask for a code to this phone's own number (the phone used on its own)."""
        return self.send(self.phone.number)

    def _deliver(self, result: SendResult, number: NumberCheck) -> SendReport:
        own = self.phone.is_own(number)
        if not result.ok or result.message is None or result.session is None:
            return SendReport(result, to_masked=number.masked, own_number=own)
        expires_at = result.session.expires_at
        outcome = deliver(number, self.phone.conditions_for(number), clock=self.clock,
                          rng=self.rng, expires_at=expires_at)
        entry = self.phone.accept(result.message, outcome, expires_at) if own else None
        return SendReport(result, outcome, entry, number.masked, own)

    def _remember(self, report: SendReport) -> SendReport:
        self.last_send = report
        return report

    # --- checking a typed code -----------------------------------------------------

    def verify(self, typed: object) -> VerifyResult:
        """Check a typed code against the current verification; never raises."""
        return self.verifier.verify(self.session, typed)

    # --- the phone and the clock ---------------------------------------------------

    def set_condition(self, condition: object, on: object) -> ConditionChange:
        """Switch a condition on the phone (held texts go out when it is reachable again)."""
        return self.phone.set_condition(condition, on, clock=self.clock, rng=self.rng)

    def fast_forward(self, seconds: object) -> TimeJump:
        """Move the shared clock on and report what expired, unlocked or arrived."""
        now = self.clock.now()
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) \
                or not math.isfinite(seconds) or not 0 < seconds <= self._max_jump:
            return TimeJump(0.0, now, problem=error(
                "phone_bad_time_step", limit=round(self._max_jump / 3600)))
        before = self._timer_marks()
        now = self.clock.advance(float(seconds))
        landed = self.phone.land(now)
        expires_at, resend_at, locked_until = before
        return TimeJump(
            float(seconds), now, landed,
            code_expired=expires_at is not None and expires_at <= now,
            resend_ready=resend_at is not None and resend_at <= now,
            lockout_ended=locked_until is not None and locked_until <= now,
        )

    def _timer_marks(self) -> tuple[float | None, float | None, float | None]:
        """Future moments the next jump may cross: expiry, end of resend wait, end of lockout."""
        session, now = self.session, self.clock.now()
        if session is None:
            return None, None, None
        expires_at = session.expires_at if not session.used and session.expires_at > now \
            else None
        locked_until = self.verifier.locked_until(session)
        resend_at = self._resend_at(session, locked_until)
        return (expires_at, resend_at if resend_at is not None and resend_at > now else None,
                locked_until)

    def _resend_at(self, session: Session, locked_until: float | None) -> float | None:
        """When a resend would go out: after the wait and any lockout; None when it never
        will in this verification (the code was used, or every text was sent)."""
        policy = self.verifier.policy
        if session.used or session.sends >= policy.max_sends_per_session:
            return None
        return max(session.sent_at + policy.resend_cooldown_seconds, locked_until or 0.0)

    # --- reading -------------------------------------------------------------------

    def timer(self) -> CodeTimer | None:
        session = self.session
        if session is None:
            return None
        now = self.clock.now()
        locked = self.verifier.locked_until(session)
        resend_at = self._resend_at(session, locked)
        return CodeTimer(
            to_masked=session.masked_number,
            expires_in=0.0 if session.used else self.verifier.seconds_left(session),
            resend_in=max(0.0, resend_at - now) if resend_at is not None else 0.0,
            locked_for=max(0.0, locked - now) if locked is not None else 0.0,
            used=session.used,
            sends=session.sends,
            max_sends=self.verifier.policy.max_sends_per_session,
        )

    def view(self) -> LineView:
        """Everything the phone's screen shows, at this moment."""
        entries = self.phone.entries[::-1]
        now = self.clock.now()
        return LineView(
            now=now, elapsed=now - self.started_at, conditions=self.phone.conditions,
            reachable=self.phone.reachable,
            inbox=tuple(e for e in entries if e.state is EntryState.ARRIVED),
            junk=tuple(e for e in entries if e.state is EntryState.JUNK),
            timer=self.timer(),
        )

    def explain(self) -> Explanation:
        """Why the last text did or did not show up in the inbox ("Why no text?")."""
        report = self.last_send
        if report is None:
            return Explanation("none", (notice("phone_no_code_requested"),))
        if not report.ok or report.delivery is None:
            return Explanation("refused", (report.problem,) if report.problem else ())
        entry = self._current(report.entry)
        if entry is None:  # another number: the text never comes near this phone
            return Explanation(report.delivery.fate.value, report.delivery.fixes())
        if entry.state is EntryState.ARRIVED:
            return Explanation("arrived")
        if entry.state is EntryState.HELD:  # the radio is off or out of reach right now
            holding = [c for c in PHONE_CONDITIONS if c in HOLDING & self.phone.conditions]
            return Explanation("held", tuple(error(c.code) for c in holding))
        return Explanation(entry.state.value, entry.outcome.fixes())

    def _current(self, entry: InboxEntry | None) -> InboxEntry | None:
        if entry is None:
            return None
        return next((e for e in self.phone.entries if e.id == entry.id), entry)

