"""Registering a current email before removing or changing a number."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from course.sim.accounts.contact_change import ACTIONS, apply, rules, start
from course.sim.core.errors import Refusal


def _run(goal: str, *actions: str):
    state = start(goal)
    risks = []
    for action in actions:
        step = apply(state, action)
        assert not isinstance(step, Refusal), (action, step.code)
        state = step.state
        risks += step.new_risks
    return state, risks


def test_deleting_the_number_first_ends_two_factor_and_leaves_no_way_to_reset():
    state, risks = _run("remove", "delete_number")
    assert state.finished and not state.safe
    assert risks == ["twofa_off", "no_recovery_contact"]
    assert state.account.two_factor == "none"


def test_email_confirmed_and_app_two_factor_first_removes_the_number_safely():
    state, risks = _run("remove", "add_email", "confirm_email", "secure_email",
                        "app_two_factor", "save_backup_code", "delete_number")
    assert state.safe and risks == [] and state.advice() == ()
    assert state.account.can_receive_reset and state.account.two_factor == "app"


def test_an_email_entered_but_not_confirmed_does_not_count():
    state, risks = _run("remove", "add_email", "app_two_factor", "delete_number")
    assert risks == ["no_recovery_contact"]
    assert state.account.pending_email and state.account.email == "old_unreachable"


def test_changing_the_number_without_a_confirmed_email_rests_on_one_sms():
    state, risks = _run("change", "change_number")
    assert state.finished and risks == ["single_channel"]
    assert set(state.advice()) == {"secure_email", "save_backup_code", "check_discoverability"}
    safe, none = _run("change", "add_email", "confirm_email", "change_number")
    assert safe.safe and none == []


def test_actions_out_of_place_are_refused_with_a_reason():
    fresh = start("remove")
    assert apply(fresh, "confirm_email").code == "contact_nothing_to_confirm"
    assert apply(fresh, "secure_email").code == "contact_email_not_confirmed"
    assert apply(fresh, "change_number").code == "contact_wrong_goal"
    assert apply(fresh, "format_disk").code == "contact_unknown_action"
    done, _ = _run("remove", "delete_number")
    assert apply(done, "add_email").code == "contact_already_finished"
    assert start("keep").code == "contact_unknown_goal"
    assert apply(start("change"), "delete_number").code == "contact_wrong_goal"


def test_every_action_and_risk_has_a_source_and_a_status():
    data = rules()
    assert set(data.actions) == set(ACTIONS)
    assert all(e.provenance.status for e in (*data.actions.values(), *data.risks.values()))
    assert data.order_provenance.status == "assumed"


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["remove", "change"]),
       st.lists(st.sampled_from([*ACTIONS, "nope", None]), max_size=15))
def test_any_sequence_ends_in_a_consistent_account(goal, actions):
    state = start(goal)
    for action in actions:
        step = apply(state, action)
        if not isinstance(step, Refusal):
            state = step.state
    a = state.account
    assert not (a.two_factor == "none" and a.backup_code)
    if "no_recovery_contact" in state.risks:
        assert goal == "remove"
    if "single_channel" in state.risks:  # the number changed before an email was confirmed
        before = state.done[:state.done.index("change_number")]
        assert "confirm_email" not in before
    elif "change_number" in state.done:
        assert "confirm_email" in state.done[:state.done.index("change_number")]
