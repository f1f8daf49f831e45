"""SMS codes and the phone network that carries them.

A text message goes to whoever holds the SIM for the number *now*. That one
rule is what a SIM swap exploits: once the carrier has moved the number to
the attacker's SIM, login and password-reset codes arrive on the attacker's
phone. Nothing here knows about attacks; ``course.sim.attacks.attack_runs`` only moves SIMs.
"""

from __future__ import annotations

from dataclasses import dataclass

from course.facts.policy import value
from course.i18n import t
from course.sim.core.clock import Clock
from course.sim.core.codes import (
    AttemptLimiter,
    CodeCheck,
    RandomSource,
    check_code,
    clean_digit_code,
    codes_match,
    format_problem,
    random_digits,
)
from course.sim.core.errors import Refusal

PURPOSES = ("login", "password_reset")


@dataclass(frozen=True)
class TextMessage:
    """One delivered SMS. ``holder`` is whose phone it reached."""

    to_number: str
    holder: str
    purpose: str
    code: str
    sent_at: float

    def text(self, lang: str | None = None) -> str:
        return t(f"twofactor.sms.{self.purpose}", lang, code=self.code)


class MobileNetwork:
    """Numbers, the SIM each is on, and each SIM holder's inbox."""

    def __init__(self) -> None:
        self._holders: dict[str, str] = {}
        self._inboxes: dict[str, list[TextMessage]] = {}

    def activate(self, number: str, holder: str) -> None:
        self._holders[number] = holder

    def holder_of(self, number: str) -> str | None:
        return self._holders.get(number)

    def sim_swap(self, number: str, new_holder: str) -> str | None:
        """Move a number to another SIM; returns who held it before."""
        before = self._holders.get(number)
        self._holders[number] = new_holder
        return before

    def deliver(self, number: str, purpose: str, code: str, sent_at: float) -> TextMessage | None:
        holder = self._holders.get(number)
        if holder is None:
            return None
        message = TextMessage(number, holder, purpose, code, sent_at)
        self._inboxes.setdefault(holder, []).append(message)
        return message

    def inbox(self, holder: str) -> tuple[TextMessage, ...]:
        return tuple(self._inboxes.get(holder, ()))

    def latest(self, holder: str, purpose: str | None = None) -> TextMessage | None:
        """The newest message a holder received (optionally for one purpose)."""
        for message in reversed(self._inboxes.get(holder, [])):
            if purpose is None or message.purpose == purpose:
                return message
        return None


class SmsCodeVerifier:
    """The site's side: send a fresh code, then accept it once within its lifetime.

    Sending again replaces the previous code. Wrong codes count against an
    ``AttemptLimiter``.
    """

    def __init__(self, network: MobileNetwork, number: str, rng: RandomSource, clock: Clock, *,
                 purpose: str = "login", lifetime_seconds: float | None = None,
                 limiter: AttemptLimiter | None = None) -> None:
        self.network = network
        self.number = number
        self.rng = rng
        self.clock = clock
        self.purpose = purpose
        self.digits = int(value("twofactor.sms_login_code_digits"))
        if lifetime_seconds is None:
            key = ("twofactor.password_reset_code_lifetime_seconds" if purpose == "password_reset"
                   else "twofactor.sms_login_code_lifetime_seconds")
            lifetime_seconds = float(value(key))
        self.lifetime_seconds = lifetime_seconds
        self.limiter = limiter or AttemptLimiter.from_policy(clock)
        self._code: str | None = None
        self._expires_at = 0.0
        self._used = False

    def send(self) -> TextMessage | None:
        """Text a new code to the number; returns the message as delivered (or None)."""
        self._code = random_digits(self.rng, self.digits)
        self._expires_at = self.clock.now() + self.lifetime_seconds
        self._used = False
        return self.network.deliver(self.number, self.purpose, self._code, self.clock.now())

    def verify(self, typed: object) -> CodeCheck:
        """Check one typed code now; never raises."""
        return check_code(self.limiter, typed, lambda text: clean_digit_code(text, self.digits),
                          format_problem(self.digits), self._judge)

    def _judge(self, code: str) -> CodeCheck:
        """A well-formed code against the one sent: fresh, reused, expired or wrong."""
        if self._code is None:
            return CodeCheck(False, Refusal("twofactor_no_code_sent"))
        matches = codes_match(code, self._code)
        if matches and not self._used and self.clock.now() <= self._expires_at:
            self._used = True
            return CodeCheck(True)
        if matches and self._used:
            problem = Refusal("twofactor_code_reused")
        elif matches:
            problem = Refusal("twofactor_code_expired")
        else:
            problem = Refusal("twofactor_code_wrong")
        return CodeCheck(False, problem, counted=True)
