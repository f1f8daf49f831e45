"""SMS codes: delivered to whoever holds the SIM, single use, expiring, attempt-limited."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from course.facts.policy import value
from course.sim.core.clock import SimulatedClock
from course.sim.core.codes import AttemptLimiter
from course.sim.twofactor.sms_codes import MobileNetwork, SmsCodeVerifier
from tests.helpers import examples

NUMBER = "+81 90-0123-4567"  # data/fictional_numbers.yaml, jp_mobile_090_0


def world(seed=1, purpose="login"):
    clock = SimulatedClock()
    network = MobileNetwork()
    network.activate(NUMBER, "victim")
    verifier = SmsCodeVerifier(network, NUMBER, random.Random(seed), clock, purpose=purpose)
    return clock, network, verifier


def test_a_code_goes_to_the_sim_holder_and_after_a_swap_to_the_new_holder():
    _clock, network, verifier = world()
    first = verifier.send()
    assert first.holder == "victim" and network.latest("victim").code == first.code
    assert network.sim_swap(NUMBER, "attacker") == "victim"
    second = verifier.send()
    assert second.holder == "attacker" and network.inbox("victim") == (first,)
    assert network.latest("attacker", "login") == second
    assert len(second.code) == value("twofactor.sms_login_code_digits") == 6


def test_the_text_says_it_is_the_course_simulator_in_both_languages():
    _, _, verifier = world()
    message = verifier.send()
    assert message.code in message.text("ja") and "X-course-simulator" in message.text("ja")
    assert message.code in message.text("en") and "not a code from the real X" in message.text(
        "en")


def test_codes_are_single_use_and_a_new_send_replaces_the_old_code():
    _clock, _network, verifier = world()
    old = verifier.send().code
    new = verifier.send().code
    if old != new:
        assert verifier.verify(old).code == "twofactor_code_wrong"
    assert verifier.verify(new).accepted
    assert verifier.verify(new).code == "twofactor_code_reused"


def test_login_codes_expire_after_the_policy_lifetime_and_reset_codes_after_an_hour():
    clock, _, verifier = world()
    code = verifier.send().code
    clock.advance(value("twofactor.sms_login_code_lifetime_seconds") + 1)
    assert verifier.verify(code).code == "twofactor_code_expired"
    clock, _, reset = world(purpose="password_reset")
    code = reset.send().code
    clock.advance(3600)
    assert reset.lifetime_seconds == 3600 and reset.verify(code).accepted


def test_checking_before_any_code_was_sent_is_a_problem():
    _, _, verifier = world()
    assert verifier.verify("123456").code == "twofactor_no_code_sent"


def test_no_delivery_to_a_number_nobody_holds():
    clock = SimulatedClock()
    verifier = SmsCodeVerifier(MobileNetwork(), NUMBER, random.Random(1), clock)
    assert verifier.send() is None


def test_codes_are_uniform_over_all_six_digit_values_including_leading_zeros():
    _, _, verifier = world(seed=3)
    codes = [verifier.send().code for _ in range(3000)]
    assert all(len(c) == 6 and c.isdigit() for c in codes)
    first_digits = [int(c[0]) for c in codes]
    assert first_digits.count(0) > 200  # ~300 expected; leading zeros are kept


@settings(max_examples=examples(40), deadline=None)
@given(schedule=st.lists(st.tuples(st.integers(0, 500),
                                   st.one_of(st.text(max_size=12), st.integers(), st.none())),
                         min_size=1, max_size=40))
def test_property_never_raises_and_wrong_attempts_stay_within_the_lockout_bound(schedule):
    clock, _, verifier = world()
    verifier.limiter = AttemptLimiter(clock, max_failures=4, lockout_seconds=300)
    right = verifier.send().code
    start = clock.now()
    wrong = 0
    for seconds, typed in schedule:
        clock.advance(seconds)
        if typed == right:
            continue  # keep the run about wrong attempts
        check = verifier.verify(typed)
        assert not check.accepted and check.problem is not None
        wrong += check.counted
    assert wrong <= 4 * (1 + (clock.now() - start) // 300)
