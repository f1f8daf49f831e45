"""Shared pieces: random source helpers, code clean-up, the attempt limiter."""

from __future__ import annotations

import random
import secrets

import pytest
from hypothesis import given
from hypothesis import strategies as st

from course.sim.core.clock import SimulatedClock
from course.sim.core.codes import (
    AttemptLimiter,
    CodeCheck,
    check_code,
    clean_digit_code,
    is_random_source,
    random_below,
    random_bytes,
    random_digits,
)
from course.sim.core.errors import Refusal


def test_random_helpers_are_deterministic_under_a_seed_and_work_with_system_random():
    assert random_bytes(random.Random(1), 20) == random_bytes(random.Random(1), 20)
    assert len(random_bytes(secrets.SystemRandom(), 20)) == 20
    assert random_digits(random.Random(2), 6) == random_digits(random.Random(2), 6)
    assert is_random_source(random.Random()) and is_random_source(secrets.SystemRandom())
    assert not is_random_source(random.Random) and not is_random_source(None)


@given(limit=st.integers(1, 10**12), seed=st.integers(0, 2**32))
def test_random_below_stays_in_range(limit, seed):
    assert 0 <= random_below(random.Random(seed), limit) < limit


def test_random_below_is_unbiased_for_a_limit_that_is_not_a_power_of_two():
    rng = random.Random(9)
    counts = [0] * 3
    for _ in range(30_000):
        counts[random_below(rng, 3)] += 1
    assert all(abs(c - 10_000) < 400 for c in counts)  # 4 sigma is about 326


@pytest.mark.parametrize("typed, expected", [
    ("123456", "123456"), (" 123 456 ", "123456"), ("123-456", "123456"),
    ("１２３４５６", "123456"), ("123\u3000456", "123456"),
    ("12345", None), ("1234567", None), ("12345a", None), ("١٢٣٤٥٦", None), ("", None),
    ("1" * 65, None), (123456, None), (None, None), (b"123456", None),
])
def test_clean_digit_code(typed, expected):
    assert clean_digit_code(typed, 6) == expected


def test_limiter_locks_after_m_failures_in_a_row_and_a_success_resets_the_count():
    clock = SimulatedClock(1000.0)
    limiter = AttemptLimiter(clock, max_failures=3, lockout_seconds=60)
    limiter.record(False)
    limiter.record(False)
    limiter.record(True)
    limiter.record(False)
    limiter.record(False)
    assert limiter.refusal() is None
    limiter.record(False)
    refusal = limiter.refusal()
    assert refusal.code == "twofactor_locked" and refusal.params == {"minutes": 1}
    assert "1" in refusal.text("message", "ja") and "about 1 min" in refusal.text("message", "en")
    clock.advance(59.5)
    assert limiter.seconds_locked() == 0.5
    clock.advance(0.5)
    assert limiter.refusal() is None and limiter.failures == 0


def test_limiter_record_says_which_failure_started_the_lockout():
    limiter = AttemptLimiter(SimulatedClock(0.0), max_failures=2, lockout_seconds=60)
    assert [limiter.record(False), limiter.record(False), limiter.record(True)] == [
        False, True, False]


def test_check_code_asks_the_judge_only_for_a_well_formed_code_while_open():
    clock = SimulatedClock(0.0)
    limiter = AttemptLimiter(clock, max_failures=1, lockout_seconds=60)
    judged: list[str] = []

    def judge(code: str) -> CodeCheck:
        judged.append(code)
        if code == "000000":
            return CodeCheck(False, Refusal("twofactor_no_code_sent"))  # not counted
        return CodeCheck(code == "123456", None if code == "123456" else
                         Refusal("twofactor_code_wrong"), counted=code != "123456")

    def check(typed: object) -> CodeCheck:
        return check_code(limiter, typed, lambda text: clean_digit_code(text, 6),
                          CodeCheck(False, Refusal("twofactor_code_format", {"digits": 6})), judge)

    assert check("12").code == "twofactor_code_format" and judged == []
    assert check("000000").code == "twofactor_no_code_sent" and limiter.evaluated == 0
    assert check("１２３ ４５６").accepted and limiter.evaluated == 1
    assert check("111111").counted and limiter.evaluated == 2
    assert check("123456").code == "twofactor_locked"  # the right code, but locked out
    assert judged == ["000000", "123456", "111111"]
