"""Guessing a k-digit code under attempt limits: exact odds, brute force, Monte Carlo."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from course.sim.attacks.code_guessing import guessing_odds, make_scenario, simulate_guessing
from course.sim.core.clock import SimulatedClock
from course.sim.core.codes import AttemptLimiter
from tests.helpers import examples


def play_against_the_limiter(scenario, secrets, budget=math.inf):
    """Drive the real AttemptLimiter with a simulated clock; return the success time.

    ``secrets`` is one secret (the code never changes) or a list with the
    secret of each session. The attacker tries 0, 1, 2 ... in order.
    """
    clock = SimulatedClock(0.0)
    m = scenario.wrong_per_session
    limiter = AttemptLimiter(clock, m if m is not None else 10**12, scenario.lockout_seconds)
    session, in_session, overall = 0, 0, 0
    while True:
        if limiter.refusal() is not None:
            clock.advance_to(limiter.locked_until)
            session, in_session = session + 1, 0
            continue
        clock.advance(scenario.seconds_per_attempt)
        if clock.now() > budget:
            return None
        secret = secrets[session] if isinstance(secrets, list) else secrets
        guess = in_session if isinstance(secrets, list) else overall
        right = guess == secret
        limiter.record(right)
        if right:
            return clock.now()
        in_session, overall = in_session + 1, overall + 1


@pytest.mark.parametrize("digits, m, lockout, per_attempt, budget", [
    (1, 3, 60, 2, 100), (1, 3, 60, 2, 200), (2, 7, 300, 1.5, 2000), (2, 30, 10, 1, 80),
    (1, None, 0, 5, 33), (2, 1, 30, 1, 500), (1, 12, 60, 2, 10),
])
def test_exact_odds_for_one_fixed_code_match_brute_force_over_every_secret(
        digits, m, lockout, per_attempt, budget):
    odds = guessing_odds(digits=digits, wrong_per_session=m, lockout_seconds=lockout,
                         seconds_per_attempt=per_attempt, budget_seconds=budget,
                         new_code_each_session=False)
    scenario = odds.scenario
    times = [play_against_the_limiter(scenario, secret) for secret in range(10**digits)]
    found = sum(t <= budget for t in times)
    assert odds.probability == pytest.approx(found / 10**digits, abs=1e-12)
    assert odds.expected_seconds == pytest.approx(sum(times) / len(times), rel=1e-12)


@pytest.mark.parametrize("m, lockout, per_attempt, budget", [
    (3, 60, 2, 100), (3, 60, 2, 140), (4, 20, 1, 75), (2, 5, 3, 40),
])
def test_exact_odds_with_a_new_code_each_session_match_enumerating_every_secret_sequence(
        m, lockout, per_attempt, budget):
    odds = guessing_odds(digits=1, wrong_per_session=m, lockout_seconds=lockout,
                         seconds_per_attempt=per_attempt, budget_seconds=budget,
                         new_code_each_session=True)
    sessions = math.ceil(budget / (m * per_attempt + lockout)) + 1
    hits = sum(play_against_the_limiter(odds.scenario, list(sequence), budget) is not None
               for sequence in itertools.product(range(10), repeat=sessions))
    assert odds.probability == pytest.approx(hits / 10**sessions, abs=1e-12)


def test_the_default_scenario_a_day_of_guessing_six_digits_at_five_tries_per_15_minutes():
    odds = guessing_odds()
    scenario = odds.scenario
    assert (scenario.digits, scenario.wrong_per_session, scenario.lockout_seconds,
            scenario.budget_seconds) == (6, 5, 900, 86400)
    # 86400 s hold 94 full sessions of 910 s plus a partial one with all 5 attempts.
    assert odds.attempts_in_budget == 95 * 5
    assert odds.probability == pytest.approx(1 - (1 - 5e-6) ** 95, rel=1e-12)
    assert odds.probability < 0.0005
    unlimited = guessing_odds(wrong_per_session=None, new_code_each_session=False)
    assert unlimited.probability == pytest.approx(43200 / 10**6)
    assert unlimited.expected_seconds == pytest.approx(2 * (10**6 + 1) / 2)


def test_tiny_probabilities_keep_their_precision():
    odds = guessing_odds(digits=10, wrong_per_session=1, lockout_seconds=86399,
                         seconds_per_attempt=1, budget_seconds=3 * 86400)
    assert odds.attempts_in_budget == 3
    assert odds.probability == pytest.approx(3e-10, rel=1e-9)


def test_expected_time_with_renewal_is_sessions_until_success_plus_position():
    odds = guessing_odds(digits=2, wrong_per_session=4, lockout_seconds=60,
                         seconds_per_attempt=2, new_code_each_session=True)
    d, q = Fraction(4 * 2 + 60), Fraction(4, 100)
    assert odds.expected_seconds == pytest.approx(float(d * (1 - q) / q + 2 * Fraction(5, 2)))


MC_SCENARIOS = [
    dict(digits=4, wrong_per_session=5, lockout_seconds=900, seconds_per_attempt=2,
         budget_seconds=86400, new_code_each_session=True),
    dict(digits=4, wrong_per_session=5, lockout_seconds=900, seconds_per_attempt=2,
         budget_seconds=86400, new_code_each_session=False),
    dict(digits=3, wrong_per_session=None, lockout_seconds=0, seconds_per_attempt=2,
         budget_seconds=700, new_code_each_session=False),
    dict(digits=6, wrong_per_session=10, lockout_seconds=60, seconds_per_attempt=1,
         budget_seconds=30 * 86400, new_code_each_session=True),
    dict(digits=2, wrong_per_session=150, lockout_seconds=60, seconds_per_attempt=1,
         budget_seconds=40, new_code_each_session=True),
]


@pytest.mark.parametrize("params", MC_SCENARIOS)
def test_monte_carlo_agrees_with_the_exact_result_within_four_standard_errors(params):
    exact = guessing_odds(**params)
    simulated = simulate_guessing(np.random.default_rng(20260101), 1_000_000, **params)
    sigma = math.sqrt(exact.probability * (1 - exact.probability) / simulated.attackers)
    assert abs(simulated.probability - exact.probability) <= 4 * sigma
    assert 0 < exact.probability < 1  # the check has teeth: sigma is not zero
    assert abs(simulated.mean_seconds - exact.expected_seconds) <= 4 * simulated.mean_seconds_error


def test_monte_carlo_catches_a_wrong_formula():
    # The same check rejects a result that is off by a few percent.
    params = MC_SCENARIOS[0]
    exact = guessing_odds(**params).probability
    simulated = simulate_guessing(np.random.default_rng(1), 1_000_000, **params)
    sigma = math.sqrt(exact * (1 - exact) / 1_000_000)
    assert abs(simulated.probability - exact * 1.05) > 4 * sigma


def test_monte_carlo_is_reproducible_from_its_seed():
    a = simulate_guessing(7, 10_000, digits=3)
    b = simulate_guessing(np.random.default_rng(7), 10_000, digits=3)
    c = simulate_guessing(8, 10_000, digits=3)
    assert a == b and a.probability_error > 0 and a.mean_seconds != c.mean_seconds


@pytest.mark.parametrize("params, code", [
    (dict(digits=0), "twofactor_guess_digits"), (dict(digits=11), "twofactor_guess_digits"),
    (dict(digits=6.0), "twofactor_guess_digits"), (dict(digits=True), "twofactor_guess_digits"),
    (dict(digits="6"), "twofactor_guess_digits"),
    (dict(wrong_per_session=0), "twofactor_guess_attempts"),
    (dict(wrong_per_session=2.5), "twofactor_guess_attempts"),
    (dict(lockout_seconds=-1), "twofactor_guess_seconds"),
    (dict(lockout_seconds=float("nan")), "twofactor_guess_seconds"),
    (dict(budget_seconds=float("inf")), "twofactor_guess_seconds"),
    (dict(budget_seconds=1e30), "twofactor_guess_seconds"),
    (dict(seconds_per_attempt=0), "twofactor_guess_seconds"),
    (dict(seconds_per_attempt="2"), "twofactor_guess_seconds"),
    (dict(new_code_each_session="yes"), "twofactor_bad_argument"),
    (dict(colour="red"), "twofactor_bad_argument"),
])
def test_bad_parameters_are_problems_with_text_in_both_languages(params, code):
    for result in (guessing_odds(**params), simulate_guessing(1, 100, **params)):
        assert not result.ok and result.problem.code == code
        assert result.problem.text("message", "ja") and result.problem.text("fix", "en")


@pytest.mark.parametrize("rng, attackers, code", [
    (None, 10, "twofactor_bad_argument"), ("seed", 10, "twofactor_bad_argument"),
    (-1, 10, "twofactor_bad_argument"), (1, 0, "twofactor_guess_attackers"),
    (1, 10**8, "twofactor_guess_attackers"), (1, 2.0, "twofactor_guess_attackers"),
])
def test_simulation_refuses_a_bad_generator_or_attacker_count(rng, attackers, code):
    assert simulate_guessing(rng, attackers).problem.code == code


values = st.one_of(st.none(), st.booleans(), st.integers(-10, 10**12), st.floats(),
                   st.text(max_size=5), st.lists(st.integers(), max_size=2))


@settings(max_examples=examples(150), deadline=None)
@given(digits=values, m=values, lockout=values, per_attempt=values, budget=values, renew=values)
def test_property_odds_never_raise_and_stay_probabilities(digits, m, lockout, per_attempt,
                                                          budget, renew):
    odds = guessing_odds(digits=digits, wrong_per_session=m, lockout_seconds=lockout,
                         seconds_per_attempt=per_attempt, budget_seconds=budget,
                         new_code_each_session=renew)
    if odds.ok:
        assert 0.0 <= odds.probability <= 1.0 and odds.expected_seconds > 0
    else:
        assert odds.problem.text("message", "en")
    simulated = simulate_guessing(0, 50, digits=digits, wrong_per_session=m,
                                  lockout_seconds=lockout, seconds_per_attempt=per_attempt,
                                  budget_seconds=budget, new_code_each_session=renew)
    assert simulated.ok == odds.ok


@settings(max_examples=examples(80), deadline=None)
@given(digits=st.integers(1, 8), m=st.integers(1, 50), lockout=st.integers(0, 3600),
       budget=st.integers(0, 10**6), extra=st.integers(0, 10**6), renew=st.booleans())
@example(digits=7, m=7, lockout=6, budget=19314, extra=6, renew=True)  # same tries, two paths
def test_property_more_time_never_lowers_the_odds_and_a_longer_lockout_never_raises_them(
        digits, m, lockout, budget, extra, renew):
    base = dict(digits=digits, wrong_per_session=m, seconds_per_attempt=2,
                new_code_each_session=renew)
    short = guessing_odds(lockout_seconds=lockout, budget_seconds=budget, **base)
    longer = guessing_odds(lockout_seconds=lockout, budget_seconds=budget + extra, **base)
    stricter = guessing_odds(lockout_seconds=lockout + extra, budget_seconds=budget, **base)
    assert short.probability <= longer.probability
    assert stricter.probability <= short.probability
    assert short.attempts_in_budget <= longer.attempts_in_budget


def test_scenario_defaults_come_from_policy():
    scenario, problem = make_scenario()
    assert problem is None and scenario.seconds_per_attempt == 2.0
    assert scenario.session_seconds == 5 * 2 + 900 and scenario.guesses_per_session == 5
