"""Authenticator-app codes: RFC vectors, enrolment, drift window, single use, lockout."""

from __future__ import annotations

import random
import secrets
import string
from urllib.parse import parse_qs, unquote, urlsplit

import pyotp
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from course.facts.policy import value
from course.sim.core.clock import SimulatedClock
from course.sim.core.codes import AttemptLimiter
from course.sim.twofactor.totp import (
    AuthenticatorApp,
    TotpVerifier,
    base32_secret,
    enrol_totp,
    hotp,
    time_step,
    totp_at,
)
from tests.helpers import examples

RFC4226_KEY = b"12345678901234567890"
RFC4226_APPENDIX_D = ["755224", "287082", "359152", "969429", "338314",
                      "254676", "287922", "162583", "399871", "520489"]
RFC6238_KEYS = {"SHA1": RFC4226_KEY, "SHA256": b"12345678901234567890123456789012",
                "SHA512": b"1234567890123456789012345678901234567890123456789012345678901234"}
# RFC 6238 Appendix B, every row of the table.
RFC6238_APPENDIX_B = [
    (59, "SHA1", "94287082"), (59, "SHA256", "46119246"), (59, "SHA512", "90693936"),
    (1111111109, "SHA1", "07081804"), (1111111109, "SHA256", "68084774"),
    (1111111109, "SHA512", "25091201"),
    (1111111111, "SHA1", "14050471"), (1111111111, "SHA256", "67062674"),
    (1111111111, "SHA512", "99943326"),
    (1234567890, "SHA1", "89005924"), (1234567890, "SHA256", "91819424"),
    (1234567890, "SHA512", "93441116"),
    (2000000000, "SHA1", "69279037"), (2000000000, "SHA256", "90698825"),
    (2000000000, "SHA512", "38618901"),
    (20000000000, "SHA1", "65353130"), (20000000000, "SHA256", "77737706"),
    (20000000000, "SHA512", "47863826"),
]
START = 1_767_225_600  # 2026-01-01T00:00:00Z, a multiple of 30


def wide_limiter(clock):
    return AttemptLimiter(clock, max_failures=10**9, lockout_seconds=0)


@pytest.mark.parametrize("counter, expected", list(enumerate(RFC4226_APPENDIX_D)))
def test_hotp_reproduces_rfc4226_appendix_d(counter, expected):
    assert hotp(RFC4226_KEY, counter) == expected


@pytest.mark.parametrize("unix_time, algorithm, expected", RFC6238_APPENDIX_B)
def test_totp_reproduces_rfc6238_appendix_b(unix_time, algorithm, expected):
    assert totp_at(RFC6238_KEYS[algorithm], unix_time, digits=8, algorithm=algorithm) == expected


@pytest.mark.parametrize("unix_time, algorithm, expected", RFC6238_APPENDIX_B)
def test_verifier_accepts_the_rfc6238_code_at_its_time_and_not_a_neighbour(
        unix_time, algorithm, expected):
    clock = SimulatedClock(float(unix_time))
    verifier = TotpVerifier(RFC6238_KEYS[algorithm], clock, digits=8, algorithm=algorithm,
                            drift_steps=0, limiter=wide_limiter(clock))
    wrong = str((int(expected) + 1) % 10**8).zfill(8)
    assert not verifier.verify(wrong).accepted
    check = verifier.verify(expected)
    assert check.accepted and check.step_offset == 0


def test_time_step_is_rfc6238_floor_division():
    assert time_step(59) == 1 and time_step(60) == 2 and time_step(29.999) == 0
    assert time_step(1111111109) == 0x23523EC and time_step(20000000000) == 0x27BC86AA


def test_enrolment_uses_the_injected_source_for_a_160_bit_secret():
    first = enrol_totp("@sakura_demo", random.Random(7))
    again = enrol_totp("@sakura_demo", random.Random(7))
    other = enrol_totp("@sakura_demo", random.Random(8))
    assert first.ok and len(first.secret) * 8 == 160 == value("twofactor.totp_secret_bits")
    assert first.secret == again.secret and first.uri == again.uri
    assert first.secret != other.secret
    assert enrol_totp("sakura_demo", secrets.SystemRandom()).ok  # the real-use source works too


def test_enrolment_uri_names_the_course_simulator_not_x():
    enrolment = enrol_totp("sakura_demo", random.Random(1))
    parts = urlsplit(enrolment.uri)
    query = parse_qs(parts.query)
    assert parts.scheme == "otpauth" and parts.netloc == "totp"
    assert unquote(parts.path) == "/X-course-simulator:@sakura_demo"
    assert query["issuer"] == ["X-course-simulator"]
    assert query["secret"] == [enrolment.secret_base32] == [base32_secret(enrolment.secret)]
    parsed = pyotp.parse_uri(enrolment.uri)  # what a real authenticator app reads
    assert parsed.issuer == "X-course-simulator" and parsed.digits == 6 and parsed.interval == 30


def test_a_scanned_uri_gives_the_app_the_codes_the_site_accepts():
    clock = SimulatedClock(START + 12.0)
    enrolment = enrol_totp("sakura_demo", random.Random(3))
    app = AuthenticatorApp(clock)
    assert app.add(enrolment.uri) is None and app.labels == ("@sakura_demo",)
    verifier = TotpVerifier.for_enrolment(enrolment, clock)
    code = app.code("@sakura_demo")
    assert code == pyotp.TOTP(enrolment.secret_base32).at(int(clock.now()))
    assert verifier.verify(code).accepted


@pytest.mark.parametrize("handle", ["", "@", "a" * 16, "sakura demo", "さくら", "x\x00y", "😀",
                                    None, 42, b"sakura"])
def test_enrolment_refuses_labels_a_handle_cannot_be(handle):
    enrolment = enrol_totp(handle, random.Random(1))
    assert not enrolment.ok and enrolment.problem.code == "twofactor_label_invalid"
    assert enrolment.uri == "" and enrolment.secret == b""


def test_enrolment_without_a_random_source_is_a_problem_not_a_crash():
    for rng in (None, 3, random.Random):
        assert enrol_totp("sakura_demo", rng).problem.code == "twofactor_bad_argument"


def _setup(at: float = START + 5.0, drift_steps: int | None = None):
    clock = SimulatedClock(at)
    enrolment = enrol_totp("sakura_demo", random.Random(11))
    verifier = TotpVerifier(enrolment.secret, clock, drift_steps=drift_steps,
                            limiter=wide_limiter(clock))
    return clock, enrolment.secret, verifier


@pytest.mark.parametrize("offset, accepted", [(-2, False), (-1, True), (0, True), (1, True),
                                              (2, False)])
def test_at_most_one_time_step_of_drift_is_accepted(offset, accepted):
    clock, secret, verifier = _setup()
    code = totp_at(secret, clock.now() + 30 * offset)
    check = verifier.verify(code)
    assert check.accepted is accepted
    assert check.step_offset == (offset if accepted else None)


def test_an_accepted_code_is_never_accepted_again_even_inside_the_window():
    clock, secret, verifier = _setup()
    code = totp_at(secret, clock.now())
    assert verifier.verify(code).accepted
    assert verifier.verify(code).code == "twofactor_code_reused"
    clock.advance(30)  # the same code is still inside the drift window
    assert verifier.verify(code).code == "twofactor_code_reused"


def test_after_accepting_a_later_step_an_earlier_unused_code_is_refused():
    clock, secret, verifier = _setup()
    ahead = totp_at(secret, clock.now() + 30)
    behind = totp_at(secret, clock.now() - 30)
    assert verifier.verify(ahead).accepted
    assert not verifier.verify(behind).accepted
    assert verifier.verify(totp_at(secret, clock.now())).code == "twofactor_code_reused"


def test_an_old_code_is_reported_as_expired_and_a_random_one_as_wrong():
    clock, secret, verifier = _setup()
    old = totp_at(secret, clock.now() - 90)
    assert verifier.verify(old).code == "twofactor_code_expired"
    candidates = (str(n).zfill(6) for n in range(10**6))
    recent = {totp_at(secret, clock.now() - 30 * k) for k in range(-1, 11)}
    wrong = next(c for c in candidates if c not in recent)
    assert verifier.verify(wrong).code == "twofactor_code_wrong"


def test_full_width_digits_and_spaces_from_a_japanese_keyboard_are_understood():
    clock, secret, verifier = _setup()
    code = totp_at(secret, clock.now())
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in code)
    typed = f" {full_width[:3]}\u3000{full_width[3:]} "
    assert verifier.verify(typed).accepted


@pytest.mark.parametrize("typed", ["", "12345", "1234567", "12a456", "١٢٣٤٥٦", "😀" * 6,
                                   "1" * 10_000, None, 123456, 12.0, ["123456"], b"123456"])
def test_malformed_input_is_refused_without_counting_an_attempt(typed):
    _clock, _, verifier = _setup()
    check = verifier.verify(typed)
    assert check.code == "twofactor_code_format" and not check.counted
    assert verifier.limiter.evaluated == 0


def test_lockout_after_the_policy_number_of_wrong_codes_refuses_even_the_right_code():
    clock = SimulatedClock(START + 3.0)
    enrolment = enrol_totp("sakura_demo", random.Random(5))
    verifier = TotpVerifier.for_enrolment(enrolment, clock)
    limit = value("twofactor.code_max_wrong_attempts")
    lockout = value("twofactor.code_lockout_seconds")
    right = totp_at(enrolment.secret, clock.now())
    wrong = next(str(n).zfill(6) for n in range(10**6)
                 if all(str(n).zfill(6) != totp_at(enrolment.secret, clock.now() - 30 * k)
                        for k in range(-1, 11)))
    for _ in range(limit):
        assert verifier.verify(wrong).counted
    locked = verifier.verify(right)
    assert locked.code == "twofactor_locked" and not locked.counted
    assert locked.problem.params["minutes"] == lockout // 60
    clock.advance(lockout)
    assert verifier.verify(totp_at(enrolment.secret, clock.now())).accepted


@settings(max_examples=examples(60), deadline=None)
@given(moves=st.lists(st.tuples(st.integers(0, 100), st.sampled_from(["now", "prev", "next",
                                                                       "again", "junk"])),
                      min_size=1, max_size=25))
def test_property_each_time_step_is_accepted_at_most_once_and_in_increasing_order(moves):
    clock, secret, verifier = _setup()
    accepted_steps, last_code = [], "000000"
    for seconds, choice in moves:
        clock.advance(seconds)
        offsets = {"now": 0, "prev": -30, "next": 30}
        code = (last_code if choice == "again" else "12x" if choice == "junk"
                else totp_at(secret, clock.now() + offsets[choice]))
        check = verifier.verify(code)
        if check.accepted:
            accepted_steps.append(verifier.last_accepted_step)
            last_code = code
    assert accepted_steps == sorted(set(accepted_steps))


@settings(max_examples=examples(60), deadline=None)
@given(typed=st.one_of(st.text(max_size=80), st.binary(max_size=20), st.integers(),
                       st.floats(allow_nan=True), st.none(), st.lists(st.text(max_size=3))))
def test_property_verify_never_raises_and_always_explains_a_refusal(typed):
    _clock, _, verifier = _setup()
    check = verifier.verify(typed)
    assert check.accepted or (check.problem and check.problem.text("message", "ja")
                              and check.problem.text("message", "en"))


@settings(max_examples=examples(40), deadline=None)
@given(schedule=st.lists(st.tuples(st.integers(0, 400), st.text(string.digits, min_size=6,
                                                                  max_size=6)),
                         min_size=1, max_size=60))
def test_property_wrong_attempts_are_bounded_by_the_lockout(schedule):
    clock = SimulatedClock(START)
    limiter = AttemptLimiter(clock, max_failures=3, lockout_seconds=600)
    verifier = TotpVerifier(RFC4226_KEY, clock, limiter=limiter)
    checks = []
    for seconds, code in schedule:
        clock.advance(seconds)
        checks.append(verifier.verify(code))
    assume(not any(c.accepted for c in checks))  # a lucky hit resets the count, as it should
    wrong = sum(c.counted for c in checks)
    elapsed = clock.now() - START
    assert wrong == limiter.evaluated <= 3 * (1 + elapsed // 600)  # at most m per lockout


def test_the_app_refuses_what_is_not_an_otpauth_totp_uri():
    app = AuthenticatorApp(SimulatedClock())
    for uri in ["", "https://x.com", "otpauth://hotp/a?secret=AAAA", "otpauth://totp/a",
                "otpauth://totp/a?secret=!!!", None, 5, "otpauth://totp/" + "a" * 5000]:
        assert app.add(uri).code == "twofactor_uri_invalid"
    assert app.labels == () and app.code("@nobody") is None
