"""Per-call cost of the two-factor verifiers: TOTP, WebAuthn signatures, backup codes."""

from __future__ import annotations

import hashlib
import random

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from benchmarks.timing import report, time_calls
from course.sim.core.clock import SimulatedClock
from course.sim.core.codes import AttemptLimiter
from course.sim.twofactor.backup_codes import issue_backup_codes
from course.sim.twofactor.totp import TotpVerifier, enrol_totp, totp_at
from course.sim.twofactor.webauthn import Authenticator, Browser, RelyingParty

ORIGIN = "https://x.com"


def _totp() -> None:
    clock = SimulatedClock()
    enrolment = enrol_totp("sakura_demo", random.Random(1))
    verifier = TotpVerifier(enrolment.secret, clock,
                            limiter=AttemptLimiter(clock, 10**12, 0))

    def accept() -> None:
        clock.advance(30)  # a fresh time step, so the code is not a reuse
        verifier.verify(totp_at(enrolment.secret, clock.now()))

    report("TOTP verify, right code", time_calls(accept, 2000))
    report("TOTP verify, wrong code (checks the window and 10 old steps)",
           time_calls(lambda: verifier.verify("000001"), 2000))
    report("TOTP enrolment (secret + otpauth URI)",
           time_calls(lambda: enrol_totp("sakura_demo", random.Random(2)), 2000))


def _webauthn() -> None:
    rng = random.Random(3)
    rp = RelyingParty("x.com", ORIGIN, rng, SimulatedClock())
    browser = Browser(Authenticator(rng))
    rp.finish_registration(b"user", browser.register(
        ORIGIN, rp.registration_options(b"user", "@sakura_demo")))
    responses = [browser.sign_in(ORIGIN, rp.login_options(b"user")) for _ in range(1003)]
    pending = iter(responses)
    report("WebAuthn finish_login (parse, checks, ECDSA P-256 verify)",
           time_calls(lambda: rp.finish_login(next(pending)), 1000))
    sample = responses[0]
    public = ec.EllipticCurvePublicKey.from_encoded_point(
        ec.SECP256R1(), rp.credentials()[0].public_key)
    signed = sample.authenticator_data + hashlib.sha256(sample.client_data_json).digest()
    report("ECDSA P-256 signature verify alone",
           time_calls(lambda: public.verify(sample.signature, signed,
                                            ec.ECDSA(hashes.SHA256())), 2000))
    report("Authenticator sign (browser.sign_in)",
           time_calls(lambda: browser.sign_in(ORIGIN, rp.login_options(b"user")), 1000))


def _backup() -> None:
    clock = SimulatedClock()
    for count in (1, 5):
        issued = issue_backup_codes(random.Random(4), clock, count)
        store = issued.store
        store.limiter = AttemptLimiter(clock, 10**12, 0)
        report(f"Backup code verify, wrong code, {count} stored (PBKDF2 x{count})",
               time_calls(lambda store=store: store.verify("a" * 12), 50))
    report("Issue 1 backup code", time_calls(
        lambda: issue_backup_codes(random.Random(5), clock, 1), 50))


def main() -> None:
    _totp()
    _webauthn()
    _backup()
