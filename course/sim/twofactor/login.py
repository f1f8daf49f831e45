"""A simulated x.com login for one account: password first, then the second factor.

It wires the real verifiers together (SMS codes over ``MobileNetwork``,
``TotpVerifier``, ``BackupCodes``, the WebAuthn ``RelyingParty``) so that the
attack simulations in ``course.sim.attacks.attack_runs`` go through exactly the checks a
learner meets in the two-factor lab. Whoever calls ``start_login`` and then
answers the second factor correctly is logged in; the site cannot tell a
victim from an attacker who has what the victim has.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from course.facts.policy import value
from course.sim.core.clock import Clock
from course.sim.core.codes import AttemptLimiter, CodeCheck, RandomSource, random_bytes
from course.sim.core.errors import Refusal
from course.sim.twofactor.backup_codes import BackupCodes, IssuedBackupCodes, issue_backup_codes
from course.sim.twofactor.sms_codes import MobileNetwork, SmsCodeVerifier
from course.sim.twofactor.totp import AuthenticatorApp, TotpEnrolment, TotpVerifier, enrol_totp
from course.sim.twofactor.webauthn import Browser, RelyingParty, RequestOptions, WebAuthnCheck

PASSWORD_ITERATIONS = 1000  # a simulation: the hash only has to keep the password out of memory


def _hash_password(password: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode("utf-8", "surrogatepass"), salt,
                               PASSWORD_ITERATIONS)


@dataclass(frozen=True)
class LoginStep:
    """Where a login stands after one request.

    ``stage`` is ``done`` (logged in), ``second_factor`` (waiting for
    ``factor``) or ``refused`` (see ``problem``).
    """

    stage: str
    factor: str | None = None
    webauthn_options: RequestOptions | None = None
    problem: Refusal | None = None

    @property
    def logged_in(self) -> bool:
        return self.stage == "done"


class SimulatedSite:
    """x.com for one account, in a world with one phone network and one clock."""

    def __init__(self, rng: RandomSource, clock: Clock, network: MobileNetwork, *,
                 handle: str, password: str, phone_number: str | None) -> None:
        self.rng = rng
        self.clock = clock
        self.network = network
        self.handle = handle
        self.phone_number = phone_number
        self._salt = random_bytes(rng, 16)
        self._password_hash = _hash_password(password, self._salt)
        origin = str(value("attacks.real_origin"))
        self.relying_party = RelyingParty(str(value("twofactor.security_key_rp_id")), origin,
                                          rng, clock)
        self.origin = origin
        self.user_handle = random_bytes(rng, 16)
        self.second_factor: str | None = None  # sms | totp | security_key
        self.passkey = False  # a passkey registered as a way to log in (not a second factor)
        self.totp: TotpVerifier | None = None
        self.backup_codes: BackupCodes | None = None
        self._sms: SmsCodeVerifier | None = None
        self._reset: SmsCodeVerifier | None = None
        self._password_limiter = AttemptLimiter.from_policy(clock)
        self._pending = False
        self._options: RequestOptions | None = None

    # --- settings ---------------------------------------------------------------
    def enable_sms(self) -> Refusal | None:
        if self.phone_number is None:
            return Refusal("twofactor_sms_needs_number")
        self.second_factor = "sms"
        self._sms = SmsCodeVerifier(self.network, self.phone_number, self.rng, self.clock)
        return None

    def enable_totp(self, app: AuthenticatorApp) -> TotpEnrolment:
        """Create the secret; the learner's app scans the URI."""
        enrolment = enrol_totp(self.handle, self.rng)
        self.totp = TotpVerifier.for_enrolment(enrolment, self.clock)
        self.second_factor = "totp"
        app.add(enrolment.uri)
        return enrolment

    def enable_security_key(self, browser: Browser) -> WebAuthnCheck:
        """Register the learner's key from a browser on the real origin."""
        options = self.relying_party.registration_options(self.user_handle, self.handle)
        response = browser.register(self.origin, options)
        check = self.relying_party.finish_registration(self.user_handle, response)
        if check.accepted:
            self.second_factor = "security_key"
        return check

    def enable_passkey(self, browser: Browser) -> WebAuthnCheck:
        """Register a passkey from a browser on the real origin: another way to log in.

        It is not a second factor (data/policies/twofactor.yaml method_passkey): the
        password keeps working, so ``start_login`` is unchanged.
        """
        options = self.relying_party.registration_options(self.user_handle, self.handle)
        check = self.relying_party.finish_registration(
            self.user_handle, browser.register(self.origin, options))
        self.passkey = check.accepted
        return check

    def issue_backup_codes(self, count: int | None = None,
                           iterations: int | None = None) -> IssuedBackupCodes:
        issued = issue_backup_codes(self.rng, self.clock, count, iterations=iterations)
        self.backup_codes = issued.store
        return issued

    # --- login ----------------------------------------------------------------------
    def start_login(self, handle: object, password: object) -> LoginStep:
        """Check the password; then either log in or ask for the second factor."""
        locked = self._password_limiter.refusal()
        if locked:
            return LoginStep("refused", problem=locked)
        if not isinstance(handle, str) or not isinstance(password, str) or len(password) > 1024:
            return LoginStep("refused", problem=Refusal("twofactor_login_failed"))
        right = handle == self.handle and hmac.compare_digest(
            _hash_password(password, self._salt), self._password_hash)
        self._password_limiter.record(right)
        if not right:
            return LoginStep("refused", problem=Refusal("twofactor_login_failed"))
        if self.second_factor is None:
            return LoginStep("done")
        self._pending = True
        if self.second_factor == "sms" and self._sms:
            self._sms.send()
        if self.second_factor == "security_key":
            self._options = self.relying_party.login_options(self.user_handle)
        return LoginStep("second_factor", self.second_factor, self._options)

    def _finish(self, accepted: bool, problem: Refusal | None) -> LoginStep:
        if accepted:
            self._pending = False
            return LoginStep("done")
        return LoginStep("second_factor", self.second_factor, self._options, problem)

    def submit_code(self, factor: object, typed: object) -> LoginStep:
        """Answer the second factor with an SMS, app or backup code."""
        if not self._pending:
            return LoginStep("refused", problem=Refusal("twofactor_no_login_pending"))
        verifiers = {"sms": self._sms if self.second_factor == "sms" else None,
                     "totp": self.totp if self.second_factor == "totp" else None,
                     "backup_code": self.backup_codes}
        verifier = verifiers.get(factor) if isinstance(factor, str) else None
        if verifier is None:
            return self._finish(False, Refusal("twofactor_method_unknown"))
        check: CodeCheck = verifier.verify(typed)
        return self._finish(check.accepted, check.problem)

    def submit_assertion(self, response: object) -> LoginStep:
        """Answer the second factor with a security-key assertion."""
        if not self._pending or self.second_factor != "security_key":
            return LoginStep("refused", problem=Refusal("twofactor_no_login_pending"))
        check = self.relying_party.finish_login(response)
        if check.accepted and check.user_handle != self.user_handle:
            return self._finish(False, Refusal("twofactor_webauthn_unknown_credential"))
        return self._finish(check.accepted, check.problem)

    def fresh_key_options(self) -> RequestOptions | None:
        """New challenge for a pending security-key login (the page can ask again)."""
        if not self._pending or self.second_factor != "security_key":
            return None
        self._options = self.relying_party.login_options(self.user_handle)
        return self._options

    # --- password reset by SMS --------------------------------------------------------
    def request_password_reset(self, handle: object) -> bool:
        """Text a reset code to the number on file; False when there is none."""
        if handle != self.handle or self.phone_number is None:
            return False
        self._reset = SmsCodeVerifier(self.network, self.phone_number, self.rng, self.clock,
                                      purpose="password_reset")
        return self._reset.send() is not None

    def reset_password(self, typed: object, new_password: object) -> CodeCheck:
        if self._reset is None:
            return CodeCheck(False, Refusal("twofactor_no_code_sent"))
        if not isinstance(new_password, str) or not 8 <= len(new_password) <= 1024:
            return CodeCheck(False, Refusal("twofactor_bad_argument", {"name": "new_password"}))
        check = self._reset.verify(typed)
        if check.accepted:
            self._password_hash = _hash_password(new_password, self._salt)
            # Policy: a reset changes the password but keeps the second factor.
            if not value("attacks.password_reset_needs_second_factor"):
                self.second_factor = None
        return check
