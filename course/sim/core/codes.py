"""Pieces every one-time-code verifier shares: the random source it is given,
how a typed code is cleaned up, the constant-time comparison, the result of
checking one code, the limit on wrong attempts and ``check_code``, the order in
which a typed code meets them.

Keeping them in one place means the SMS, authenticator-app and backup-code
verifiers refuse bad input, count attempts and lock out in exactly the same
way, the registration SMS verifier (``course.sim.sms.verification``) counts wrong codes with
the same limiter, and the code-guessing model (``course.sim.attacks.code_guessing``)
describes the same rules it is tested against.
"""

from __future__ import annotations

import hmac
import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from course.facts.policy import value
from course.sim.core.clock import Clock
from course.sim.core.errors import Refusal

MAX_TYPED_LENGTH = 64  # longer input is never a code; refuse it before any work


@runtime_checkable
class RandomSource(Protocol):
    """``random.Random(seed)`` under test, ``secrets.SystemRandom()`` for real use."""

    def getrandbits(self, k: int, /) -> int: ...


def random_bytes(rng: RandomSource, count: int) -> bytes:
    """``count`` bytes from the injected source (works for Random and SystemRandom)."""
    return rng.getrandbits(8 * count).to_bytes(count, "big")


def random_below(rng: RandomSource, limit: int) -> int:
    """A uniform integer in ``[0, limit)``; rejection sampling keeps it unbiased."""
    bits = max(1, (limit - 1).bit_length())
    while True:
        candidate = rng.getrandbits(bits)
        if candidate < limit:
            return candidate


def random_digits(rng: RandomSource, digits: int) -> str:
    """A uniformly random code of ``digits`` decimal digits, leading zeros kept."""
    return str(random_below(rng, 10**digits)).zfill(digits)


def is_random_source(rng: object) -> bool:
    return isinstance(rng, RandomSource) and not isinstance(rng, type)


def clean_typed_code(typed: object, *, separators: str = " -") -> str | None:
    """Fold what a person typed into plain ASCII, or None if it cannot be a code.

    NFKC turns full-width digits from a Japanese keyboard (１２３) into 123;
    spaces and hyphens people add for readability are dropped.
    """
    if not isinstance(typed, str) or len(typed) > MAX_TYPED_LENGTH:
        return None
    text = unicodedata.normalize("NFKC", typed)
    for separator in separators:
        text = text.replace(separator, "")
    return text.strip()


def clean_digit_code(typed: object, digits: int) -> str | None:
    """The code as ``digits`` ASCII digits, or None when it has another shape."""
    text = clean_typed_code(typed)
    if text is None or len(text) != digits or not all("0" <= c <= "9" for c in text):
        return None
    return text


@dataclass(frozen=True)
class CodeCheck:
    """The answer to one submitted code.

    ``counted`` tells whether the attempt used up one of the allowed wrong
    attempts (a malformed or locked-out submission does not).
    ``step_offset`` is set for authenticator-app codes: -1, 0 or +1 time steps.
    """

    accepted: bool
    problem: Refusal | None = None
    counted: bool = False
    step_offset: int | None = None

    @property
    def code(self) -> str | None:
        """The catalog code of the problem, if any."""
        return self.problem.code if self.problem else None


def format_problem(digits: int) -> CodeCheck:
    return CodeCheck(False, Refusal("twofactor_code_format", {"digits": digits}))


def codes_match(typed: str, expected: str) -> bool:
    """Compare in constant time, so the time taken does not tell how much was right."""
    return hmac.compare_digest(typed.encode(), expected.encode())


@dataclass
class AttemptLimiter:
    """At most ``max_failures`` wrong codes in a row, then a lockout.

    After the last allowed failure the verifier refuses everything, even the
    right code, for ``lockout_seconds``; then the count starts again. A
    success also starts the count again.
    """

    clock: Clock
    max_failures: int
    lockout_seconds: float
    failures: int = 0
    locked_until: float = -math.inf
    evaluated: int = 0  # submissions actually compared with the secret

    @classmethod
    def from_policy(cls, clock: Clock) -> AttemptLimiter:
        return cls(clock, int(value("twofactor.code_max_wrong_attempts")),
                   float(value("twofactor.code_lockout_seconds")))

    def seconds_locked(self) -> float:
        """How long the lockout still lasts (0 when open)."""
        return max(0.0, self.locked_until - self.clock.now())

    def refusal(self) -> Refusal | None:
        """A ``twofactor_locked`` refusal while locked, else None."""
        remaining = self.seconds_locked()
        if remaining <= 0:
            return None
        return Refusal("twofactor_locked", {"minutes": max(1, math.ceil(remaining / 60))})

    def record(self, success: bool) -> bool:
        """Count one compared submission; True when this failure started a lockout."""
        self.evaluated += 1
        if success:
            self.failures = 0
            return False
        self.failures += 1
        if self.failures >= self.max_failures:
            self.failures = 0
            self.locked_until = self.clock.now() + self.lockout_seconds
            return True
        return False


def check_code(limiter: AttemptLimiter, typed: object, clean: Callable[[object], str | None],
               malformed: CodeCheck, judge: Callable[[str], CodeCheck]) -> CodeCheck:
    """Check one typed code: the lockout first, then its shape, then the secret.

    The one skeleton of the SMS, authenticator-app and backup-code verifiers,
    so a locked-out or malformed submission never reaches the secret and every
    compared code counts against the same limit. ``judge`` compares the clean
    code with the verifier's secret and updates the verifier's own state; a
    check it returns with ``accepted`` or ``counted`` set is recorded on the
    limiter, any other (say, no code was ever sent) is not.
    """
    locked = limiter.refusal()
    if locked:
        return CodeCheck(False, locked)
    code = clean(typed)
    if code is None:
        return malformed
    check = judge(code)
    if check.accepted or check.counted:
        limiter.record(check.accepted)
    return check
