"""The recovery graph (data/recovery.yaml) against the facts: which steps need which
conditions. The planner's general behaviour is tested with the state machine in
tests/sim/accounts/test_account_states.py."""

from __future__ import annotations

import pytest

from course.sim.recovery.recovery_graph import load_graph, recovery_paths

GRAPH = load_graph()


@pytest.mark.parametrize("sms", [False, True])
def test_a_logged_in_device_changes_two_factor_whatever_the_method(sms):
    # Issue #15.2: with app or key two-factor, a device still logged in gave "no way
    # back", although X's Help sends you to Support only when logged out with no
    # backup code (X's Japanese Help on two-factor authentication).
    plan = recovery_paths("second_factor_lost", {"password", "open_session"},
                          {"sms_two_factor": sms})
    assert plan.reachable and [s.action for s in plan.steps] == ["turn_off_in_open_session"]
    assert plan.steps[0].provenance.sources == ("x-help-2fa-help-ja",)


def test_logged_out_without_any_second_factor_is_left_with_support():
    plan = recovery_paths("second_factor_lost", {"password", "email_access"})
    assert not plan.reachable
    assert "open_session" in plan.dead_end.would_help
    assert [s.action for s in plan.dead_end.last_resorts] == ["contact_support_form"]


@pytest.mark.parametrize("has", [{"password"}, {"password", "email_access"},
                                 {"password", "phone"}, {"password", "email_access", "phone"}])
def test_without_the_phone_check_only_the_limited_state_remains(has):
    # Issue #15.3: "phone verification not offered" led straight back to Active through
    # the email check; X's Help: "you will only be able to use X in a limited state for
    # the specified time listed" (domain_facts.md §3.1).
    plan = recovery_paths("locked", has, {"phone_verification_offered": False,
                                          "challenge_offered": True})
    assert [s.action for s in plan.steps] == ["accept_limited_use", "wait_out_limit"]


def test_every_unlock_step_needs_the_check_to_be_offered():
    unlocks = [a for a in GRAPH.actions if a.id.startswith("unlock_by_")]
    assert {a.id for a in unlocks} == {"unlock_by_phone", "unlock_by_email", "unlock_by_challenge"}
    for action in unlocks:
        assert ("phone_verification_offered", True) in action.when, action.id


def test_the_milder_lock_without_phone_or_email_says_the_dead_end_is_an_assumption():
    # The check is offered but neither code can be received: X's Help names no other
    # way (the limited state is described for accounts not offered the phone check).
    plan = recovery_paths("locked", {"password"})
    assert not plan.reachable
    assert {"phone", "email_access"} <= set(plan.dead_end.would_help)
    assert "assum" in plan.dead_end.reason["en"] and "仮定" in plan.dead_end.reason["ja"]
