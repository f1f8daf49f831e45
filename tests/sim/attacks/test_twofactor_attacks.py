"""Stepping through one attack: the same runs as the comparison table, one step at a time."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.sim.attacks.attack_runs import ATTACKS, METHODS
from course.sim.attacks.twofactor_attacks import (
    Walkthrough,
    attack_table,
    next_step,
    show_all,
    start_walkthrough,
)
from tests.helpers import examples

PAIRS = [(m, a) for m in METHODS for a in ATTACKS]
hostile = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=30), st.just("😀" * 300), st.just("\x00\x1b[2J"),
                    st.lists(st.integers(), max_size=2))


@pytest.mark.parametrize("method, attack", PAIRS)
def test_the_walkthrough_replays_exactly_the_run_in_the_table(method, attack):
    walk = show_all(start_walkthrough(method, attack))
    cell = attack_table().outcome(method, attack)
    assert cell is not None and walk.ok
    assert walk.outcome.steps == cell.steps
    assert walk.outcome.held == cell.held
    assert walk.outcome.reason("ja") == cell.reason("ja")


def test_next_step_shows_one_more_step_until_the_end():
    walk = start_walkthrough("sms", "sim_swap")
    assert walk.shown == 0 and walk.steps == () and not walk.finished and walk.verdict("en") == ""
    seen = []
    for expected in range(1, walk.total + 1):
        walk = next_step(walk)
        assert walk.shown == expected
        seen.append(walk.steps[-1].action)
    assert walk.finished
    assert next_step(walk).shown == walk.total  # stays on the last step
    assert seen[0] == "number_moved_to_attacker" and seen[-1] == "sms_code_accepted"
    assert "Taken over" in walk.verdict("en") and "乗っ取られた" in walk.verdict("ja")
    assert f"{walk.total} of {walk.total} steps" in walk.text("en")


@pytest.mark.parametrize("method, held", [("sms", False), ("totp", False),
                                          ("security_key", True), ("backup_code", False)])
def test_relay_verdicts_with_the_default_fast_relay(method, held):
    walk = show_all(start_walkthrough(method, "relay"))
    assert walk.outcome.held is held
    word = "Held" if held else "Taken over"
    assert walk.verdict("en").startswith(f"Result: {word}.")


def test_a_slow_relay_lets_the_app_code_expire_but_not_the_key_question():
    fast = show_all(start_walkthrough("totp", "relay", relay_delay_seconds=5))
    slow = show_all(start_walkthrough("totp", "relay", relay_delay_seconds=120))
    assert not fast.outcome.held and slow.outcome.held
    assert slow.outcome.decisive == "relayed_code_rejected"
    assert slow.steps[-1].problem is not None
    assert slow.steps[-1].problem.code == "twofactor_code_expired"
    assert slow.steps[-1].at == 240


def test_sim_swap_leaves_the_app_and_the_key_standing():
    for method in ("totp", "security_key", "backup_code"):
        assert show_all(start_walkthrough(method, "sim_swap")).outcome.held
    for method in ("none", "sms"):
        assert not show_all(start_walkthrough(method, "sim_swap")).outcome.held


def test_the_table_is_run_once_per_seed():
    assert attack_table(0) is attack_table(0)
    assert attack_table(0).problem is None and len(attack_table(0).outcomes) == len(PAIRS)


@pytest.mark.parametrize("kwargs, code", [
    ({"method": "email", "attack": "relay"}, "twofactor_attack_unknown_method"),
    ({"method": "sms", "attack": "shoulder_surfing"}, "twofactor_attack_unknown_attack"),
    ({"method": "sms", "attack": "relay", "relay_delay_seconds": -1}, "twofactor_attack_delay"),
    ({"method": "sms", "attack": "relay", "relay_delay_seconds": math.nan},
     "twofactor_attack_delay"),
    ({"method": "sms", "attack": "relay", "seed": "0"}, "twofactor_bad_argument"),
    ({"method": "sms", "attack": "relay", "seed": True}, "twofactor_bad_argument"),
])
def test_bad_choices_come_back_as_problems(kwargs, code):
    method, attack = kwargs.pop("method"), kwargs.pop("attack")
    walk = start_walkthrough(method, attack, **kwargs)
    assert walk.problem is not None and walk.problem.code == code
    assert not walk.finished and walk.steps == ()
    assert walk.text("ja") != walk.text("en")


@pytest.mark.parametrize("junk", [None, "walk", 3, object()])
def test_stepping_something_that_is_not_a_walkthrough_is_a_problem(junk):
    for step in (next_step, show_all):
        walk = step(junk)
        assert isinstance(walk, Walkthrough) and walk.problem.code == "twofactor_bad_argument"


@settings(max_examples=examples(60), deadline=None)
@given(method=hostile, attack=hostile, delay=hostile)
def test_property_never_raises_and_always_reads_in_both_languages(method, attack, delay):
    walk = start_walkthrough(method, attack, relay_delay_seconds=delay)
    for current in (walk, next_step(walk), show_all(walk)):
        assert current.text("ja").strip() and current.text("en").strip()
        assert 0 <= current.shown <= current.total
        if current.problem:
            assert current.problem.text("fix", "ja") and current.problem.text("fix", "en")


@settings(max_examples=examples(40), deadline=None)
@given(method=st.sampled_from(METHODS), attack=st.sampled_from(ATTACKS),
       clicks=st.integers(0, 12))
def test_property_steps_shown_are_a_prefix_of_the_run(method, attack, clicks):
    walk = start_walkthrough(method, attack)
    for _ in range(clicks):
        walk = next_step(walk)
    assert walk.steps == walk.outcome.steps[:min(clicks, walk.total)]
    assert walk.finished == (clicks >= walk.total)
    assert bool(walk.verdict("en")) == walk.finished
