"""Authenticator-app codes: TOTP (RFC 6238) on top of HOTP (RFC 4226), via pyotp.

Enrolment draws a 160-bit secret from the injected random source and builds an
``otpauth://`` URI that a real authenticator app can scan. Its issuer is the
course's simulator, never "X", so nobody mistakes these codes for real ones.

The verifier follows RFC 6238 section 5.2: it accepts the current time step and at
most one step either side (clock drift, typing delay), and it never accepts a
code from a time step at or before the last accepted one, so a code works once.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field

import pyotp

from course.facts.policy import value
from course.sim.core.clock import Clock
from course.sim.core.codes import (
    AttemptLimiter,
    CodeCheck,
    check_code,
    clean_digit_code,
    codes_match,
    format_problem,
    is_random_source,
    random_bytes,
)
from course.sim.core.errors import Refusal

ALGORITHMS = {"SHA1": hashlib.sha1, "SHA256": hashlib.sha256, "SHA512": hashlib.sha512}
HANDLE = re.compile(r"@?[A-Za-z0-9_]{1,15}")  # X handles: letters, digits, underscore, <= 15
RECENT_STEPS = 10  # how far back a rejected code is recognised as "expired" rather than wrong


def base32_secret(secret: bytes) -> str:
    """The secret as authenticator apps expect it: base32 without padding."""
    return base64.b32encode(secret).decode("ascii").rstrip("=")


def time_step(unix_time: float, period: int = 30, t0: int = 0) -> int:
    """RFC 6238 section 4.2: T = floor((Unix time - T0) / X), in exact integer arithmetic."""
    return (int(unix_time // 1) - t0) // period


def _generator(secret: bytes, digits: int, algorithm: str) -> pyotp.HOTP:
    return pyotp.HOTP(base32_secret(secret), digits=digits, digest=ALGORITHMS[algorithm])


def hotp(secret: bytes, counter: int, *, digits: int = 6, algorithm: str = "SHA1") -> str:
    """RFC 4226 HOTP value for ``counter`` (pyotp does the HMAC and truncation)."""
    return _generator(secret, digits, algorithm).at(counter)


def totp_at(secret: bytes, unix_time: float, *, period: int = 30, t0: int = 0,
            digits: int = 6, algorithm: str = "SHA1") -> str:
    """RFC 6238 TOTP value at a moment: HOTP of the time step."""
    return hotp(secret, time_step(unix_time, period, t0), digits=digits, algorithm=algorithm)


@dataclass(frozen=True)
class TotpEnrolment:
    """What the "set up an authenticator app" screen produces.

    ``uri`` goes into the QR code; the secret stays with the verifier and the
    app. When ``problem`` is set, nothing was created and the other fields are
    empty.
    """

    label: str
    issuer: str
    uri: str
    digits: int
    period: int
    algorithm: str
    secret: bytes = field(repr=False, default=b"")
    problem: Refusal | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def secret_base32(self) -> str:
        return base32_secret(self.secret)


def _settings() -> tuple[int, int, str, str, int]:
    return (int(value("twofactor.totp_digits")), int(value("twofactor.totp_period_seconds")),
            str(value("twofactor.totp_algorithm")), str(value("twofactor.totp_issuer")),
            int(value("twofactor.totp_secret_bits")))


def enrol_totp(handle: object, rng: object) -> TotpEnrolment:
    """Create a secret and its otpauth URI for a (fictional) handle like ``@sakura_demo``.

    The issuer comes from policy (``X-course-simulator``) so the entry in a
    real authenticator app says plainly that it belongs to this course.
    """
    digits, period, algorithm, issuer, bits = _settings()
    if not isinstance(handle, str) or not HANDLE.fullmatch(handle.strip()):
        return TotpEnrolment("", issuer, "", digits, period, algorithm,
                             problem=Refusal("twofactor_label_invalid"))
    if not is_random_source(rng):
        return TotpEnrolment("", issuer, "", digits, period, algorithm,
                             problem=Refusal("twofactor_bad_argument", {"name": "rng"}))
    label = "@" + handle.strip().lstrip("@")
    secret = random_bytes(rng, bits // 8)  # type: ignore[arg-type]
    generator = pyotp.TOTP(base32_secret(secret), digits=digits,
                           digest=ALGORITHMS[algorithm], interval=period)
    uri = generator.provisioning_uri(name=label, issuer_name=issuer)
    return TotpEnrolment(label, issuer, uri, digits, period, algorithm, secret)


class TotpVerifier:
    """The site's side: checks typed codes against the shared secret.

    Accepts the current step and up to ``drift_steps`` steps either side, never
    a step at or before the last accepted one (RFC 6238 section 5.2), and counts wrong
    codes against an ``AttemptLimiter``.
    """

    def __init__(self, secret: bytes, clock: Clock, *, digits: int = 6, period: int = 30,
                 algorithm: str = "SHA1", drift_steps: int | None = None,
                 limiter: AttemptLimiter | None = None) -> None:
        self._generator = _generator(secret, digits, algorithm)
        self.clock = clock
        self.digits = digits
        self.period = period
        self.drift_steps = (int(value("twofactor.totp_drift_steps"))
                            if drift_steps is None else drift_steps)
        self.limiter = limiter or AttemptLimiter.from_policy(clock)
        self.last_accepted_step: int | None = None

    @classmethod
    def for_enrolment(cls, enrolment: TotpEnrolment, clock: Clock,
                      limiter: AttemptLimiter | None = None) -> TotpVerifier:
        return cls(enrolment.secret, clock, digits=enrolment.digits, period=enrolment.period,
                   algorithm=enrolment.algorithm, limiter=limiter)

    def _matches(self, code: str, step: int) -> bool:
        return step >= 0 and codes_match(code, self._generator.at(step))

    def verify(self, typed: object) -> CodeCheck:
        """Check one typed code now. Never raises; a refusal says why."""
        return check_code(self.limiter, typed, lambda text: clean_digit_code(text, self.digits),
                          format_problem(self.digits), self._judge)

    def _judge(self, code: str) -> CodeCheck:
        """A well-formed code against the steps around now: fresh, reused, expired or wrong."""
        now_step = time_step(self.clock.now(), self.period)
        offsets = [0] + [d * s for d in range(1, self.drift_steps + 1) for s in (-1, 1)]
        matched = next((o for o in offsets if self._matches(code, now_step + o)), None)
        if matched is not None and (self.last_accepted_step is None
                                    or now_step + matched > self.last_accepted_step):
            self.last_accepted_step = now_step + matched
            return CodeCheck(True, step_offset=matched)
        if matched is not None:
            problem = Refusal("twofactor_code_reused")
        elif any(self._matches(code, now_step - back)
                 for back in range(self.drift_steps + 1, RECENT_STEPS + 1)):
            problem = Refusal("twofactor_code_expired")
        else:
            problem = Refusal("twofactor_code_wrong")
        return CodeCheck(False, problem, counted=True)


@dataclass(frozen=True)
class AppEntry:
    label: str
    issuer: str
    secret: bytes = field(repr=False)
    digits: int = 6
    period: int = 30
    algorithm: str = "SHA1"


class AuthenticatorApp:
    """The authenticator app on the learner's (simulated) phone.

    It reads the otpauth URI the way a real app does and shows the code for
    the current moment of its own clock. The secret lives in the handset, not
    in the SIM card: a SIM swap does not move it.
    """

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._entries: dict[str, AppEntry] = {}

    def add(self, uri: object) -> Refusal | None:
        """Scan a URI; returns a refusal instead of raising when it is not a TOTP URI."""
        if not isinstance(uri, str) or len(uri) > 2048 or not uri.startswith("otpauth://totp/"):
            return Refusal("twofactor_uri_invalid")
        try:
            parsed = pyotp.parse_uri(uri)
            algorithm = parsed.digest().name.upper().replace("-", "")
            entry = AppEntry(str(parsed.name), str(parsed.issuer or ""), parsed.byte_secret(),
                             int(parsed.digits), int(parsed.interval), algorithm)
        except Exception:  # pyotp raises several types for malformed URIs
            return Refusal("twofactor_uri_invalid")
        if entry.algorithm not in ALGORITHMS or entry.period <= 0:
            return Refusal("twofactor_uri_invalid")
        self._entries[entry.label] = entry
        return None

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self._entries)

    def entry(self, label: object) -> AppEntry | None:
        return self._entries.get(label) if isinstance(label, str) else None

    def code(self, label: object) -> str | None:
        """The code the app shows right now for ``label`` (None if not added)."""
        entry = self.entry(label)
        if entry is None:
            return None
        return totp_at(entry.secret, self.clock.now(), period=entry.period,
                       digits=entry.digits, algorithm=entry.algorithm)
