"""course.sim.sms.verification: codes are single use, expire, and cannot be guessed by retrying."""

from __future__ import annotations

import logging
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.facts import policy
from course.i18n import LANGUAGES
from course.sim.core import codes as twofactor_core
from course.sim.core import errors
from course.sim.core.clock import SimulatedClock
from course.sim.numbers.fictional import fictional_example
from course.sim.numbers.number_checker import check_number
from course.sim.sms import verification as sms_module
from course.sim.sms.verification import (
    Purpose,
    SecretsCodeSource,
    SendOutcome,
    SmsPolicy,
    SmsVerifier,
    VerifyOutcome,
    normalize_code,
)
from tests.helpers import cited, examples

NUMBER = fictional_example("mobile")


def make(seed: int = 7, purpose: Purpose = Purpose.VERIFY_NUMBER):
    clock = SimulatedClock()
    return clock, SmsVerifier(clock, random.Random(seed), purpose=purpose)


def code_of(result) -> str:
    return result.message.code


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_the_limits_come_from_the_policy_file_with_their_status():
    limits = SmsPolicy.from_data()
    assert (limits.code_digits, limits.code_expiry_seconds) == (6, 600)
    assert policy.policy("sms.code_expiry_seconds").status == "assumed"  # NIST, not X
    assert "nist.gov" in cited(policy.policy("sms.code_expiry_seconds"))
    reset = policy.policy("sms.password_reset_code_expiry_seconds")
    assert reset.value == 3600 and reset.status == "reported"  # X Help seen as an excerpt only
    assert SmsPolicy.from_data(Purpose.PASSWORD_RESET).code_expiry_seconds == 3600
    for name in ("resend_cooldown_seconds", "max_wrong_attempts", "lockout_seconds"):
        assert policy.policy(f"sms.{name}").status == "assumed"


def test_a_sent_code_is_six_digits_and_the_phone_shows_it_in_both_languages():
    _, verifier = make()
    sent = verifier.start(NUMBER)
    assert sent.ok and sent.outcome is SendOutcome.SENT and sent.problem is None
    code = code_of(sent)
    assert len(code) == 6 and code.isdigit()
    texts = sent.message.both()
    assert code in texts["ja"] and code in texts["en"] and "10" in texts["ja"]
    assert sent.session.masked_number == "090-****-4567"
    assert sent.session.latest_message is sent.message


@pytest.mark.parametrize("kind, code", [("voip", "number_voip_usually_fails"),
                                        ("fixed_line", "number_fixed_line_no_sms"),
                                        ("pager_m2m", "number_m2m_no_sms")])
def test_x_sends_no_code_to_a_number_that_cannot_receive_one(kind, code):
    # Issue #15.5: whatever calls the verifier, a number the checker says cannot take
    # the SMS gets no code (and no session to count down).
    _, verifier = make()
    sent = verifier.start(fictional_example(kind))
    assert not sent.ok and sent.outcome is SendOutcome.INVALID_NUMBER
    assert sent.session is None and sent.problem.code == code
    assert sent.problem.text("message", "en")


def test_the_right_code_works_once():
    _, verifier = make()
    sent = verifier.start(NUMBER)
    assert verifier.verify(sent.session, code_of(sent)).ok
    again = verifier.verify(sent.session, code_of(sent))
    assert again.outcome is VerifyOutcome.USED and not again.checked
    assert verifier.resend(sent.session).outcome is SendOutcome.USED


@pytest.mark.parametrize("shape", [
    lambda c: c, lambda c: f" {c} ", lambda c: f"{c[:3]} {c[3:]}", lambda c: f"{c[:3]}-{c[3:]}",
    lambda c: c.translate({ord(str(d)): chr(0xFF10 + d) for d in range(10)}),
    lambda c: f"{c[:3]}\u3000{c[3:]}",
])
def test_the_typed_code_is_normalized(shape):
    _, verifier = make()
    sent = verifier.start(NUMBER)
    assert verifier.verify(sent.session, shape(code_of(sent))).ok


@pytest.mark.parametrize("typed", ["", "12345", "1234567", "12a456", "１２３４５", "123.456",
                                   "123456\x00", "💯💯💯", None, 123456, 12.5, ["123456"],
                                   "9" * 10_000])
def test_anything_but_six_digits_is_malformed_and_costs_no_attempt(typed):
    _, verifier = make()
    sent = verifier.start(NUMBER)
    for _ in range(10):
        result = verifier.verify(sent.session, typed)
        assert result.outcome is VerifyOutcome.MALFORMED and not result.checked
        assert result.remaining_attempts == 5
        assert "6" in result.problem.text("message", "en")
    assert verifier.verify(sent.session, code_of(sent)).ok


def test_wrong_codes_count_down_then_lock_the_number_out():
    clock, verifier = make()
    sent = verifier.start(NUMBER)
    code = code_of(sent)
    for remaining in (4, 3, 2, 1):
        result = verifier.verify(sent.session, wrong(code))
        assert result.outcome is VerifyOutcome.WRONG_CODE and result.checked
        assert result.remaining_attempts == remaining
        assert str(remaining) in result.problem.text("cause", "ja")
    locked = verifier.verify(sent.session, wrong(code))
    assert locked.outcome is VerifyOutcome.LOCKED_OUT and locked.checked
    assert locked.locked_until == clock.now() + 900
    assert "15" in locked.problem.text("message", "en")
    # Even the right code is refused (and not compared) while locked out ...
    during = verifier.verify(sent.session, code)
    assert during.outcome is VerifyOutcome.LOCKED_OUT and not during.checked
    assert verifier.resend(sent.session).outcome is SendOutcome.LOCKED_OUT
    assert verifier.start(NUMBER).outcome is SendOutcome.LOCKED_OUT
    assert verifier.locked_until(sent.session) == locked.locked_until
    # ... and the old code died with the lockout.
    clock.advance(900)
    assert verifier.locked_until(sent.session) is None
    assert verifier.verify(sent.session, code).outcome is VerifyOutcome.EXPIRED
    fresh = verifier.resend(sent.session)
    assert fresh.ok and verifier.verify(sent.session, code_of(fresh)).ok


def test_a_new_session_for_the_same_number_does_not_reset_the_attempts():
    clock, verifier = make()
    first = verifier.start(NUMBER)
    for _ in range(3):
        verifier.verify(first.session, wrong(code_of(first)))
    clock.advance(60)
    second = verifier.start(NUMBER)
    assert second.ok
    assert verifier.verify(first.session, code_of(first)).outcome is VerifyOutcome.REPLACED
    result = verifier.verify(second.session, wrong(code_of(second)))
    assert result.remaining_attempts == 1
    last = verifier.verify(second.session, wrong(code_of(second)))
    assert last.outcome is VerifyOutcome.LOCKED_OUT


def test_codes_expire_after_ten_minutes():
    clock, verifier = make()
    sent = verifier.start(NUMBER)
    clock.advance(599)
    assert verifier.seconds_left(sent.session) == 1
    clock.advance(1)
    expired = verifier.verify(sent.session, code_of(sent))
    assert expired.outcome is VerifyOutcome.EXPIRED and not expired.checked
    assert verifier.seconds_left(sent.session) == 0


def test_a_code_just_before_expiry_still_works():
    clock, verifier = make()
    sent = verifier.start(NUMBER)
    clock.advance(599.9)
    assert verifier.verify(sent.session, code_of(sent)).ok


def test_password_reset_codes_last_sixty_minutes():
    clock, verifier = make(purpose=Purpose.PASSWORD_RESET)
    sent = verifier.start(NUMBER)
    assert "60" in sent.message.text("en") and "60" in sent.message.text("ja")
    clock.advance(59 * 60)
    assert verifier.verify(sent.session, code_of(sent)).ok


def test_resending_waits_for_the_cooldown_and_replaces_the_code():
    clock, verifier = make()
    sent = verifier.start(NUMBER)
    clock.advance(30)
    early = verifier.resend(sent.session)
    assert early.outcome is SendOutcome.RESEND_TOO_SOON and early.retry_at == clock.now() + 30
    assert "30" in early.problem.text("message", "ja")
    clock.advance(30)
    again = verifier.resend(sent.session)
    assert again.ok and sent.session.sends == 2 and len(sent.session.messages) == 2
    old = verifier.verify(sent.session, code_of(sent))
    if code_of(sent) != code_of(again):
        assert old.outcome is VerifyOutcome.REPLACED and old.checked
        assert old.remaining_attempts == 4
    assert verifier.verify(sent.session, code_of(again)).ok


def test_resends_are_limited_per_session():
    clock, verifier = make()
    sent = verifier.start(NUMBER)
    for _ in range(4):
        clock.advance(60)
        assert verifier.resend(sent.session).ok
    clock.advance(60)
    limited = verifier.resend(sent.session)
    assert limited.outcome is SendOutcome.SEND_LIMIT_REACHED
    assert "5" in limited.problem.text("cause", "en")


def test_starting_again_too_soon_is_refused():
    _, verifier = make()
    assert verifier.start(NUMBER).ok
    assert verifier.start(check_number(NUMBER)).outcome is SendOutcome.RESEND_TOO_SOON


@pytest.mark.parametrize("number", ["", "090-0123-ABCD", None, 42, "03-0123-4567"])
def test_no_code_goes_to_an_invalid_number(number):
    _, verifier = make()
    result = verifier.start(number)
    assert result.outcome is SendOutcome.INVALID_NUMBER and result.session is None
    assert result.problem.code == "sms_invalid_number"


@pytest.mark.parametrize("session", [None, "session", 1, object()])
def test_a_missing_or_foreign_session_is_a_result_not_an_exception(session):
    _, verifier = make()
    assert verifier.verify(session, "123456").outcome is VerifyOutcome.NO_SESSION
    assert verifier.resend(session).outcome is SendOutcome.NO_SESSION
    assert verifier.locked_until(session) is None and verifier.seconds_left(session) == 0


def test_a_session_only_works_with_its_own_verifier():
    _, one = make(1)
    _, other = make(2)
    sent = one.start(NUMBER)
    assert other.verify(sent.session, code_of(sent)).outcome is VerifyOutcome.NO_SESSION


def test_codes_are_compared_in_constant_time(monkeypatch):
    calls = []
    real = twofactor_core.hmac.compare_digest  # the shared comparison sms uses

    def spy(a, b):
        calls.append((len(a), len(b)))
        return real(a, b)

    monkeypatch.setattr(twofactor_core.hmac, "compare_digest", spy)
    _, verifier = make()
    sent = verifier.start(NUMBER)
    verifier.verify(sent.session, wrong(code_of(sent)))
    verifier.verify(sent.session, code_of(sent))
    assert calls and all(pair == (6, 6) for pair in calls)


def test_the_default_code_source_is_secrets_and_pads_with_zeros(monkeypatch):
    monkeypatch.setattr(sms_module.secrets, "randbelow", lambda n: 42 if n == 10**6 else 0)
    verifier = SmsVerifier(SimulatedClock())
    assert isinstance(verifier.code_source, SecretsCodeSource)
    assert code_of(verifier.start(NUMBER)) == "000042"


def test_neither_the_number_nor_the_code_leaks_into_reprs_or_logs(caplog, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    caplog.set_level(logging.DEBUG)
    number = fictional_example("mobile", 1111)  # 090-0123-5678
    _, verifier = make()
    sent = verifier.start(number)
    code = code_of(sent)
    results = [sent, verifier.verify(sent.session, wrong(code)),
               verifier.verify(sent.session, code)]
    shown = " ".join(repr(x) for x in [*results, sent.session, sent.message, verifier])
    assert code not in shown and "0123" not in shown and "5678" in shown  # masked form only
    assert code not in caplog.text and "0123" not in caplog.text
    assert list(tmp_path.iterdir()) == []


def test_every_outcome_has_a_catalog_entry_in_both_languages():
    codes = set(sms_module._SEND_CODES.values()) | set(sms_module._VERIFY_CODES.values())
    for code in codes:
        entry = errors.error_entry(code)
        assert not entry.shown_by_x
        assert all(entry.message[lang] for lang in LANGUAGES)


@given(st.one_of(st.text(max_size=40), st.integers(), st.none(), st.binary(max_size=8)))
def test_normalize_code_accepts_only_six_digits(typed):
    code = normalize_code(typed)
    assert code is None or (len(code) == 6 and code.isascii() and code.isdigit())


# --- properties over any sequence of actions ------------------------------------

ACTIONS = st.lists(st.one_of(
    st.tuples(st.just("start"), st.integers(0, 1)),
    st.tuples(st.just("resend"), st.integers(0, 1)),
    st.tuples(st.just("right"), st.integers(0, 1)),
    st.tuples(st.just("old"), st.integers(0, 1)),
    st.tuples(st.just("guess"), st.integers(0, 999_999)),
    st.tuples(st.just("junk"), st.text(max_size=8)),
    st.tuples(st.just("wait"), st.floats(0, 2000, allow_nan=False)),
), max_size=60)


@settings(max_examples=examples(300), deadline=None)
@given(ACTIONS, st.integers(0, 2**32))
def test_attempts_are_bounded_and_codes_single_use_whatever_happens(actions, seed):
    clock = SimulatedClock()
    verifier = SmsVerifier(clock, random.Random(seed))
    limit = verifier.policy.max_wrong_attempts
    numbers = [fictional_example("mobile", 0), fictional_example("mobile", 1)]
    sessions: dict[int, object] = {}
    wrong_in_a_row = {0: 0, 1: 0}  # compared-and-wrong codes since the last lockout or success
    locked_until = {0: float("-inf"), 1: float("-inf")}
    accepted_codes: set[tuple[int, str]] = set()
    for action, arg in actions:
        if action == "wait":
            clock.advance(arg)
            continue
        if action == "junk":
            who = 0
            typed = arg
        else:
            who = arg if action in ("start", "resend", "right", "old") else arg % 2
        session = sessions.get(who)
        if action == "start":
            result = verifier.start(numbers[who])
            if result.ok:
                sessions[who] = result.session
            assert not (result.ok and clock.now() < locked_until[who])
            continue
        if action == "resend":
            result = verifier.resend(session)
            assert not (result.ok and clock.now() < locked_until[who])
            continue
        if session is None:
            assert verifier.verify(session, "000000").outcome is VerifyOutcome.NO_SESSION
            continue
        if action == "right":
            typed = session.latest_message.code
        elif action == "old":
            typed = session.messages[0].code
        elif action == "guess":
            typed = f"{arg:06d}"
        result = verifier.verify(session, typed)
        if result.checked:
            assert clock.now() >= locked_until[who], "a code was compared during a lockout"
        if result.ok:
            key = (session.id, session.latest_message.code)
            assert key not in accepted_codes, "a code was accepted twice"
            accepted_codes.add(key)
            wrong_in_a_row[who] = 0
        elif result.checked:
            wrong_in_a_row[who] += 1
            assert wrong_in_a_row[who] <= limit
            if result.outcome is VerifyOutcome.LOCKED_OUT:
                assert wrong_in_a_row[who] == limit
                wrong_in_a_row[who] = 0
                locked_until[who] = result.locked_until
            else:
                assert result.remaining_attempts == limit - wrong_in_a_row[who]


@settings(max_examples=examples(200), deadline=None)
@given(st.one_of(st.text(max_size=30), st.none(), st.integers(), st.binary(max_size=10),
                 st.sampled_from([fictional_example(k) for k in ("mobile", "voip", "us_555_01")])),
       st.one_of(st.text(max_size=30), st.none(), st.integers(), st.floats(),
                 st.binary(max_size=8)))
def test_no_input_makes_the_verifier_raise(number, typed):
    _, verifier = make()
    sent = verifier.start(number)
    assert sent.outcome in (SendOutcome.SENT, SendOutcome.INVALID_NUMBER)
    assert sent.ok or sent.problem.text("message", "ja")
    result = verifier.verify(sent.session, typed)
    assert result.outcome in VerifyOutcome
    assert result.ok or result.problem.text("cause", "en")
    if result.ok:
        assert normalize_code(typed) == sent.message.code
