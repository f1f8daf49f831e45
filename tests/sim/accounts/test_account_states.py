"""The account-state machine and the recovery planner."""

from __future__ import annotations

import pytest

from course.facts.policy import policy
from course.i18n import LANGUAGES, catalog
from course.sim.accounts.account_states import (
    PATHS_FROM_ACTIVE,
    REASONS,
    TIMED_EVENTS,
    TRANSITIONS,
    AccountStateMachine,
    Event,
    Reason,
    State,
)
from course.sim.core.clock import SimulatedClock, days
from course.sim.recovery.recovery_graph import have_labels, load_graph, recovery_paths

ALL_HAVES = frozenset(load_graph().haves)


@pytest.fixture
def clock():
    return SimulatedClock()


# --- the machine ---------------------------------------------------------------

def test_every_state_event_and_reason_has_text_in_both_languages():
    for lang in LANGUAGES:
        for state in State:
            assert state.label(lang) and state.description(lang)
        for event in Event:
            assert event.label(lang)
        for reason in Reason:
            assert reason.label(lang)


def test_locked_and_suspended_use_the_japanese_terms_of_the_facts_file():
    assert "ロック" in State.LOCKED.label("ja")
    assert "凍結" in State.SUSPENDED.label("ja")
    assert "凍結" not in State.LOCKED.label("ja")


def test_every_state_but_deleted_can_be_left_and_every_reason_is_used():
    for state in State:
        leaving = [event for (source, event) in TRANSITIONS if source is state]
        assert bool(leaving) == (state is not State.DELETED), state
    assert {r for reasons in REASONS.values() for r in reasons} == set(Reason)
    assert set(REASONS) == set(Event)


def test_lock_then_unlock_by_phone_records_both_moves_with_reasons(clock):
    machine = AccountStateMachine(clock)
    locked = machine.apply("lock", "suspicious_activity")
    assert locked.ok and machine.state is State.LOCKED
    clock.advance(120)
    unlocked = machine.apply(Event.UNLOCK, Reason.PHONE_VERIFIED)
    assert unlocked.ok and machine.state is State.ACTIVE
    history = machine.history
    assert [(h.source, h.target, h.reason) for h in history] == [
        (State.ACTIVE, State.LOCKED, Reason.SUSPICIOUS_ACTIVITY),
        (State.LOCKED, State.ACTIVE, Reason.PHONE_VERIFIED)]
    assert history[1].at - history[0].at == 120
    assert "ロック" in history[0].texts()["ja"] and "Locked" in history[0].texts()["en"]


def test_a_limitation_ends_by_itself_when_the_clock_passes_it(clock):
    machine = AccountStateMachine(clock)
    started = clock.now()
    machine.apply("limit", duration_seconds=3600)
    assert machine.deadline == started + 3600
    clock.advance(3599)
    assert machine.state is State.LIMITED
    clock.advance(10)
    assert machine.state is State.ACTIVE and machine.deadline is None
    last = machine.history[-1]
    assert (last.event, last.at) == (Event.LIMIT_ENDS, started + 3600)


def test_the_default_limitation_length_is_the_assumed_policy(clock):
    machine = AccountStateMachine(clock)
    machine.apply("limit")
    hours = policy("states.limited_default_hours")
    assert hours.status == "assumed"
    assert machine.deadline == clock.now() + hours.value * 3600


def test_deactivation_can_be_undone_within_30_days_and_not_after(clock):
    window = policy("states.deactivation_window_days")
    assert window.value == 30 and window.status == "documented"
    machine = AccountStateMachine(clock)
    machine.apply("deactivate")
    clock.advance(days(29))
    assert machine.apply("reactivate").ok and machine.state is State.ACTIVE
    machine.apply("deactivate")
    clock.advance(days(30))
    assert machine.state is State.DELETED
    refused = machine.apply("reactivate")
    assert not refused.ok and refused.problem.code == "state_account_deleted"
    assert machine.history[-1].reason is Reason.WINDOW_CLOSED


def test_timed_events_cannot_be_fired_by_hand(clock):
    machine = AccountStateMachine(clock)
    machine.apply("limit")
    refused = machine.apply("limit_ends")
    assert refused.problem.code == "state_event_timed" and machine.state is State.LIMITED
    assert Event.LIMIT_ENDS not in machine.allowed_events()


def test_suspension_self_clear_only_when_the_suspension_allows_it(clock):
    machine = AccountStateMachine(clock)
    machine.apply("suspend", "spam")
    refused = machine.apply("self_clear", "phone_confirmed")
    assert refused.problem.code == "state_not_self_clearable"
    machine.apply("appeal")
    assert machine.state is State.APPEAL_PENDING
    machine.apply("appeal_denied")
    assert machine.state is State.SUSPENDED
    other = AccountStateMachine(clock)
    other.apply("suspend", "spam", self_clearable=True)
    assert other.apply("self_clear", "email_confirmed").ok
    assert other.state is State.ACTIVE and not other.self_clearable


def test_an_appeal_can_be_granted(clock):
    machine = AccountStateMachine.starting_in(State.APPEAL_PENDING, clock)
    assert machine.apply("appeal_granted").ok and machine.state is State.ACTIVE


def test_lost_second_factor_and_recovery_with_a_backup_code(clock):
    machine = AccountStateMachine(clock)
    machine.apply("lose_second_factor")
    assert machine.state is State.SECOND_FACTOR_LOST
    assert machine.allowed_events() == (Event.RECOVER_SECOND_FACTOR,)
    assert machine.apply("recover_second_factor", "backup_code").ok


@pytest.mark.parametrize("event, reason, code", [
    ("fly", None, "state_bad_event"),
    (7, None, "state_bad_event"),
    ("lock", "phone_verified", "state_bad_reason"),
    ("lock", ["spam"], "state_bad_reason"),
    ("unlock", None, "state_event_not_allowed"),
    ("appeal", None, "state_event_not_allowed"),
])
def test_refused_events_leave_the_state_alone(clock, event, reason, code):
    machine = AccountStateMachine(clock)
    result = machine.apply(event, reason)
    assert not result.ok and result.problem.code == code and result.state is State.ACTIVE
    assert machine.history == () and all(result.messages().values())


@pytest.mark.parametrize("duration", [0, -5, float("nan"), float("inf"), days(400), True, "1h"])
def test_a_bad_limitation_length_is_refused(clock, duration):
    result = AccountStateMachine(clock).apply("limit", duration_seconds=duration)
    assert result.problem.code == "state_bad_duration"


@pytest.mark.parametrize("state", list(State))
def test_starting_in_reaches_each_state_without_future_timestamps(clock, state):
    machine = AccountStateMachine.starting_in(state, clock)
    assert machine.state is state
    assert all(h.at <= clock.now() for h in machine.history)
    assert state is State.DELETED or len(machine.history) == len(PATHS_FROM_ACTIVE[state])


# --- recovery ------------------------------------------------------------------

def test_every_recovery_action_agrees_with_the_state_machine():
    """The graph in data/recovery.yaml and the machine's table tell the same story."""
    for action in load_graph().actions:
        if action.event is None:
            assert action.target is None or action.last_resort, action.id
            continue
        for source in action.sources:
            clock = SimulatedClock()
            machine = AccountStateMachine.starting_in(source, clock)
            if action.event is Event.SELF_CLEAR:
                machine = AccountStateMachine(clock)
                machine.apply("suspend", self_clearable=True)
            if action.event in TIMED_EVENTS.values():
                clock.advance(days(366))
                assert machine.state is action.target, action.id
                continue
            result = machine.apply(action.event, action.reason)
            assert result.ok and result.state is action.target, action.id


def test_every_action_have_and_condition_has_text_and_a_source():
    graph = load_graph()
    texts = {lang: catalog(lang) for lang in LANGUAGES}
    for action in graph.actions:
        assert action.status in ("documented", "reported", "assumed")
        assert action.provenance.problems() == [], action.id
        for lang in LANGUAGES:
            assert texts[lang][f"states.recovery.action.{action.id}"]
    for lang in LANGUAGES:
        assert all(have_labels(lang).values())
        for name in graph.conditions:
            assert texts[lang][f"states.recovery.condition.{name}"]


def test_locked_with_password_and_phone_is_one_step():
    plan = recovery_paths("locked", {"password", "phone"})
    assert plan.reachable and [s.action for s in plan.steps] == ["unlock_by_phone"]
    step = plan.steps[0]
    assert step.status == "documented" and step.provenance.sources == ("x-help-locked-limited",)
    assert step.text["ja"] and step.text["en"]
    assert (step.source_state, step.target_state) == (State.LOCKED, State.ACTIVE)


def test_a_forgotten_password_adds_a_reset_step_first():
    plan = recovery_paths(State.LOCKED, ["email_access"])
    assert [s.action for s in plan.steps] == ["reset_password_by_email", "unlock_by_email"]
    assert plan.steps[0].grants == ("password",)


def test_a_shared_number_cannot_reset_the_password():
    alone = recovery_paths("deactivated", {"phone"})
    assert [s.action for s in alone.steps] == ["reset_password_by_phone", "reactivate_by_login"]
    shared = recovery_paths("deactivated", {"phone"}, {"number_shared": True})
    assert not shared.reachable and shared.dead_end is not None


def test_lost_second_factor_without_a_backup_code_is_a_dead_end_that_says_why():
    plan = recovery_paths("second_factor_lost", {"password", "email_access"})
    assert not plan.reachable and plan.steps == ()
    dead = plan.dead_end
    assert dead.would_help == ("authenticator_app", "backup_code", "security_key", "open_session")
    assert "バックアップコード" in dead.reason["ja"] and "backup code" in dead.prevention["en"]
    assert [s.action for s in dead.last_resorts] == ["contact_support_form"]
    assert dead.last_resorts[0].unverified
    assert "電話" in dead.note["ja"] and "phone line" in dead.note["en"]
    assert policy("states.phone_support").value is False
    assert plan.summary("en") == (
        "With what you still have, there is no way back to an active account.")


def test_a_saved_backup_code_opens_the_way():
    plan = recovery_paths("second_factor_lost", {"password", "backup_code"})
    assert [s.action for s in plan.steps] == ["use_backup_code"]


def test_sms_two_factor_and_a_replacement_sim_need_the_premium_condition():
    has = {"password", "id_documents"}
    assert not recovery_paths("second_factor_lost", has).reachable
    plan = recovery_paths("second_factor_lost", has, {"sms_two_factor": True})
    assert [s.action for s in plan.steps] == ["get_replacement_sim", "sms_code_on_phone"]


def test_suspension_goes_through_an_appeal_that_x_decides():
    plan = recovery_paths("suspended", set())
    assert [s.action for s in plan.steps] == ["file_appeal", "appeal_granted"]
    assert plan.decided_by_x and plan.steps[-1].kind == "x_decides"
    assert "X" in plan.summary("en") and "判断" in plan.summary("ja")
    quick = recovery_paths("suspended", {"password", "phone"}, {"self_clear_offered": True})
    assert [s.action for s in quick.steps] == ["self_clear_by_phone"] and not quick.decided_by_x


def test_locked_without_phone_verification_falls_back_to_limited_use():
    plan = recovery_paths("locked", {"password"}, {"phone_verification_offered": False})
    assert [s.action for s in plan.steps] == ["accept_limited_use", "wait_out_limit"]
    assert plan.steps[1].kind == "wait"


def test_a_deleted_account_has_no_way_back_even_with_everything():
    plan = recovery_paths("deleted", ALL_HAVES)
    assert not plan.reachable and plan.dead_end.would_help == ()
    assert "30" in plan.dead_end.reason["ja"]


def test_active_needs_no_steps():
    plan = recovery_paths("active")
    assert plan.already_active and plan.summary("ja") == "アカウントはすでに通常の状態です。"


@pytest.mark.parametrize("state, has, conditions, code", [
    ("asleep", (), None, "recovery_bad_state"),
    (None, (), None, "recovery_bad_state"),
    ("locked", {"passport"}, None, "recovery_bad_have"),
    ("locked", 12, None, "recovery_bad_have"),
    ("locked", {"password": True}, None, "recovery_bad_have"),
    ("locked", (), {"phone_verification_offered": "yes"}, "recovery_bad_condition"),
    ("locked", (), {"mood": True}, "recovery_bad_condition"),
    ("locked", (), ["challenge_offered"], "recovery_bad_condition"),
])
def test_bad_planner_input_is_a_problem_not_an_exception(state, has, conditions, code):
    plan = recovery_paths(state, has, conditions)
    assert plan.problem.code == code and not plan.reachable
    assert all(plan.summaries().values())


def test_a_single_have_name_as_text_is_understood():
    assert recovery_paths("deactivated", "password").reachable
