"""SMS verification codes: send, resend, verify, with expiry and lockout.

``SmsVerifier(clock, code_source)`` plays X's side of a verification. Codes are
6 digits from ``secrets`` by default (inject a ``random.Random`` to make a test
or a demo repeatable). Every limit comes from ``data/policies/sms.yaml`` with
its source and status: the 10-minute expiry is NIST's figure (assumed for X),
the 60-minute password-reset expiry is X's documented one, and the resend
cooldown, attempt limit and lockout are the simulator's assumptions.

Security properties the tests hold the verifier to:

* a code works once; a resend replaces it;
* at most ``max_wrong_attempts`` wrong codes are compared for a number before
  it is locked out, whatever the sequence of sends, resends, new sessions and
  clock moves (so guessing a 6-digit code stays hopeless);
* codes are compared with ``hmac.compare_digest`` (constant time);
* the number and the code live only in memory, and ``repr`` never shows them.
"""

from __future__ import annotations

import itertools
import math
import random
import secrets
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol, runtime_checkable

from course.facts import policy as policies
from course.i18n import LANGUAGES, t
from course.sim.core.clock import Clock
from course.sim.core.codes import AttemptLimiter, codes_match
from course.sim.core.problems import Problem, error
from course.sim.numbers.masking import masked_problems
from course.sim.numbers.number_checker import NumberCheck, check_number


class Purpose(str, Enum):
    """Why the code is sent; it decides the expiry and the message text."""

    VERIFY_NUMBER = "verify_number"
    PASSWORD_RESET = "password_reset"


@dataclass(frozen=True)
class SmsPolicy:
    """The limits one verifier applies (defaults: data/policies/sms.yaml)."""

    code_digits: int
    code_expiry_seconds: float
    resend_cooldown_seconds: float
    max_sends_per_session: int
    max_wrong_attempts: int
    lockout_seconds: float

    @classmethod
    def from_data(cls, purpose: Purpose = Purpose.VERIFY_NUMBER) -> SmsPolicy:
        expiry_key = ("sms.password_reset_code_expiry_seconds"
                      if purpose is Purpose.PASSWORD_RESET else "sms.code_expiry_seconds")
        return cls(
            code_digits=int(policies.value("sms.code_digits")),
            code_expiry_seconds=float(policies.value(expiry_key)),
            resend_cooldown_seconds=float(policies.value("sms.resend_cooldown_seconds")),
            max_sends_per_session=int(policies.value("sms.max_sends_per_session")),
            max_wrong_attempts=int(policies.value("sms.max_wrong_attempts")),
            lockout_seconds=float(policies.value("sms.lockout_seconds")),
        )


@runtime_checkable
class CodeSource(Protocol):
    """Anything that makes a fresh numeric code of a given length."""

    def new_code(self, digits: int) -> str: ...


class SecretsCodeSource:
    """Codes from the operating system's cryptographic generator (the default)."""

    def new_code(self, digits: int) -> str:
        return f"{secrets.randbelow(10**digits):0{digits}d}"


@dataclass
class RandomCodeSource:
    """Codes from a seeded ``random.Random``: repeatable, for tests and demos only."""

    rng: random.Random

    def new_code(self, digits: int) -> str:
        return f"{self.rng.randrange(10**digits):0{digits}d}"


class SendOutcome(str, Enum):
    SENT = "sent"
    RESEND_TOO_SOON = "resend_too_soon"
    SEND_LIMIT_REACHED = "send_limit_reached"
    LOCKED_OUT = "locked_out"
    INVALID_NUMBER = "invalid_number"
    USED = "used"
    NO_SESSION = "no_session"


class VerifyOutcome(str, Enum):
    OK = "ok"
    WRONG_CODE = "wrong_code"
    REPLACED = "replaced"  # an older code of this session: a resend replaced it
    EXPIRED = "expired"
    USED = "used"
    LOCKED_OUT = "locked_out"
    MALFORMED = "malformed"
    NO_SESSION = "no_session"


_SEND_CODES = {
    SendOutcome.RESEND_TOO_SOON: "sms_resend_too_soon",
    SendOutcome.SEND_LIMIT_REACHED: "sms_send_limit_reached",
    SendOutcome.LOCKED_OUT: "sms_locked_out",
    SendOutcome.INVALID_NUMBER: "sms_invalid_number",
    SendOutcome.USED: "sms_code_used",
    SendOutcome.NO_SESSION: "sms_no_session",
}
_VERIFY_CODES = {
    VerifyOutcome.WRONG_CODE: "sms_wrong_code",
    VerifyOutcome.REPLACED: "sms_code_replaced",
    VerifyOutcome.EXPIRED: "sms_code_expired",
    VerifyOutcome.USED: "sms_code_used",
    VerifyOutcome.LOCKED_OUT: "sms_locked_out",
    VerifyOutcome.MALFORMED: "sms_malformed_code",
    VerifyOutcome.NO_SESSION: "sms_no_session",
}


@dataclass(frozen=True)
class SmsMessage:
    """One text as the simulated phone shows it (the code is kept out of ``repr``)."""

    purpose: Purpose
    sender: str
    sent_at: float
    valid_minutes: int
    code: str = field(repr=False)

    def text(self, lang: str | None = None) -> str:
        return t(f"sms.message.{self.purpose.value}", lang, code=self.code,
                 minutes=self.valid_minutes)

    def both(self) -> dict[str, str]:
        return {lang: self.text(lang) for lang in LANGUAGES}


@dataclass(eq=False)
class Session:
    """One verification in progress. Only its verifier can change it."""

    id: int
    purpose: Purpose
    masked_number: str | None
    sent_at: float
    expires_at: float
    sends: int = 1
    used: bool = False
    superseded: bool = False  # a newer session for the same number took over
    messages: list[SmsMessage] = field(default_factory=list, repr=False)
    _code: str = field(default="", repr=False)
    _old_codes: list[str] = field(default_factory=list, repr=False)
    _key: str = field(default="", repr=False)
    _owner: object = field(default=None, repr=False)

    @property
    def latest_message(self) -> SmsMessage | None:
        return self.messages[-1] if self.messages else None


@dataclass(frozen=True)
class SendResult:
    """What happened when a code was (or was not) sent."""

    outcome: SendOutcome
    session: Session | None = None
    message: SmsMessage | None = None
    retry_at: float | None = None  # when sending becomes possible again
    problem: Problem | None = None

    @property
    def ok(self) -> bool:
        return self.outcome is SendOutcome.SENT


@dataclass(frozen=True)
class VerifyResult:
    """The verdict on one typed code."""

    outcome: VerifyOutcome
    remaining_attempts: int
    locked_until: float | None = None
    checked: bool = False  # True when the typed code was compared with the real one
    problem: Problem | None = None

    @property
    def ok(self) -> bool:
        return self.outcome is VerifyOutcome.OK


@dataclass
class _NumberState:
    """What a number carries across its sessions: the wrong-code limit and the last send."""

    limiter: AttemptLimiter
    last_sent_at: float | None = None
    active: Session | None = None


_CODE_SEPARATORS = frozenset(" \u3000\u00a0-‐‑‒–—―−ー－")
_FULL_WIDTH_DIGITS = {chr(0xFF10 + d): str(d) for d in range(10)}


def normalize_code(typed: object, digits: int = 6) -> str | None:
    """The typed code as plain digits, or None when it is not ``digits`` digits.

    Full-width digits count as digits; spaces and hyphens between them are
    dropped (people copy "123 456" or "123-456"). Anything else is refused.
    """
    if not isinstance(typed, str) or len(typed) > 4 * digits + 16:
        return None
    out = []
    for ch in typed.strip():
        if "0" <= ch <= "9":
            out.append(ch)
        elif ch in _FULL_WIDTH_DIGITS:
            out.append(_FULL_WIDTH_DIGITS[ch])
        elif ch not in _CODE_SEPARATORS:
            return None
    code = "".join(out)
    return code if len(code) == digits else None


class SmsVerifier:
    """X's side of SMS verification, with an injected clock and code source."""

    def __init__(self, clock: Clock, code_source: CodeSource | random.Random | None = None,
                 policy: SmsPolicy | None = None,
                 purpose: Purpose = Purpose.VERIFY_NUMBER) -> None:
        self.clock = clock
        self.purpose = Purpose(purpose)
        self.policy = policy or SmsPolicy.from_data(self.purpose)
        if code_source is None:
            code_source = SecretsCodeSource()
        elif isinstance(code_source, random.Random):
            code_source = RandomCodeSource(code_source)
        self.code_source: CodeSource = code_source
        self.sender = str(policies.value("sms.sender_label"))
        self._states: dict[str, _NumberState] = {}
        self._ids = itertools.count(1)

    # --- sending ---------------------------------------------------------------

    def start(self, number: object) -> SendResult:
        """Send a first code to a number (text or a ``NumberCheck``)."""
        checked = number if isinstance(number, NumberCheck) else check_number(number)
        if not checked.valid or not checked.e164:
            return SendResult(SendOutcome.INVALID_NUMBER, problem=error("sms_invalid_number"))
        refusal = checked.no_code_problem
        if refusal is not None:  # a landline, an IP phone, a service number: no text goes
            return SendResult(SendOutcome.INVALID_NUMBER, problem=masked_problems((refusal,))[0])
        now = self.clock.now()
        state = self._states.get(checked.e164)
        if state is None:
            state = self._states[checked.e164] = _NumberState(AttemptLimiter(
                self.clock, self.policy.max_wrong_attempts, self.policy.lockout_seconds))
        refusal = self._send_refusal(state, now)
        if refusal is not None:
            return refusal
        if state.active is not None:
            state.active.superseded = True
        session = Session(id=next(self._ids), purpose=self.purpose,
                          masked_number=checked.masked, sent_at=now, expires_at=now,
                          sends=0, _key=checked.e164, _owner=self)
        state.active = session
        return self._send(session, state, now)

    def resend(self, session: object) -> SendResult:
        """Send a new code in the same session; the previous code stops working."""
        state = self._state_of(session)
        if state is None or not isinstance(session, Session) or session.superseded:
            return SendResult(SendOutcome.NO_SESSION, problem=error("sms_no_session"))
        if session.used:
            return SendResult(SendOutcome.USED, session, problem=error("sms_code_used"))
        now = self.clock.now()
        refusal = self._send_refusal(state, now, session)
        if refusal is not None:
            return refusal
        return self._send(session, state, now)

    def _send_refusal(self, state: _NumberState, now: float,
                      session: Session | None = None) -> SendResult | None:
        locked_until = state.limiter.locked_until
        if now < locked_until:
            return SendResult(SendOutcome.LOCKED_OUT, session, retry_at=locked_until,
                              problem=error("sms_locked_out",
                                            minutes=_minutes(locked_until - now)))
        cooldown = self.policy.resend_cooldown_seconds
        if state.last_sent_at is not None and now < state.last_sent_at + cooldown:
            retry_at = state.last_sent_at + cooldown
            return SendResult(SendOutcome.RESEND_TOO_SOON, session, retry_at=retry_at,
                              problem=error("sms_resend_too_soon",
                                            seconds=math.ceil(retry_at - now)))
        if session is not None and session.sends >= self.policy.max_sends_per_session:
            return SendResult(SendOutcome.SEND_LIMIT_REACHED, session,
                              problem=error("sms_send_limit_reached",
                                            limit=self.policy.max_sends_per_session))
        return None

    def _send(self, session: Session, state: _NumberState, now: float) -> SendResult:
        if session._code:
            session._old_codes.append(session._code)
        session._code = self.code_source.new_code(self.policy.code_digits)
        session.sends += 1
        session.sent_at = now
        session.expires_at = now + self.policy.code_expiry_seconds
        state.last_sent_at = now
        message = SmsMessage(self.purpose, self.sender, now,
                             round(self.policy.code_expiry_seconds / 60), session._code)
        session.messages.append(message)
        return SendResult(SendOutcome.SENT, session, message)

    # --- verifying -----------------------------------------------------------------

    def verify(self, session: object, typed: object) -> VerifyResult:
        """Check a typed code; never raises, whatever ``typed`` is."""
        state = self._state_of(session)
        if state is None or not isinstance(session, Session):
            return self._result(VerifyOutcome.NO_SESSION, 0)
        now = self.clock.now()
        limiter = state.limiter
        remaining = limiter.max_failures - limiter.failures
        if session.used:
            return self._result(VerifyOutcome.USED, remaining)
        if session.superseded:
            return self._result(VerifyOutcome.REPLACED, remaining)
        if now < limiter.locked_until:
            return self._result(VerifyOutcome.LOCKED_OUT, 0, limiter.locked_until, now=now)
        if now >= session.expires_at:
            return self._result(VerifyOutcome.EXPIRED, remaining)
        code = normalize_code(typed, self.policy.code_digits)
        if code is None:
            return self._result(VerifyOutcome.MALFORMED, remaining)
        if codes_match(code, session._code):
            session.used = True
            limiter.record(True)
            return VerifyResult(VerifyOutcome.OK, remaining, checked=True)
        old = any(codes_match(code, c) for c in session._old_codes)
        if limiter.record(False):
            session.expires_at = min(session.expires_at, now)  # the code dies with the lockout
            return self._result(VerifyOutcome.LOCKED_OUT, 0, limiter.locked_until, checked=True,
                                now=now)
        remaining = limiter.max_failures - limiter.failures
        outcome = VerifyOutcome.REPLACED if old else VerifyOutcome.WRONG_CODE
        return self._result(outcome, remaining, checked=True)

    def _result(self, outcome: VerifyOutcome, remaining: int, locked_until: float | None = None,
                checked: bool = False, now: float | None = None) -> VerifyResult:
        params: dict[str, object] = {}
        if outcome in (VerifyOutcome.WRONG_CODE, VerifyOutcome.REPLACED):
            params["remaining"] = remaining
        elif outcome is VerifyOutcome.LOCKED_OUT and locked_until is not None and now is not None:
            params["minutes"] = _minutes(locked_until - now)
        elif outcome is VerifyOutcome.MALFORMED:
            params["digits"] = self.policy.code_digits
        return VerifyResult(outcome, remaining, locked_until, checked,
                            error(_VERIFY_CODES[outcome], **params))

    # --- reading state -----------------------------------------------------------

    def _state_of(self, session: object) -> _NumberState | None:
        if not isinstance(session, Session) or session._owner is not self:
            return None
        return self._states.get(session._key)

    def locked_until(self, session: object) -> float | None:
        """When the session's number may try again, or None when it is not locked."""
        state = self._state_of(session)
        if state is None or self.clock.now() >= state.limiter.locked_until:
            return None
        return state.limiter.locked_until

    def seconds_left(self, session: object) -> float:
        """Seconds until the session's current code expires (0 when it has)."""
        if self._state_of(session) is None or not isinstance(session, Session):
            return 0.0
        return max(0.0, session.expires_at - self.clock.now())


def _minutes(seconds: float) -> int:
    return max(1, math.ceil(seconds / 60))
