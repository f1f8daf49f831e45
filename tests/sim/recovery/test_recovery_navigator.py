"""Situations mapped onto the recovery planner, walks on the state machine,
and the appeal checklist."""

from __future__ import annotations

from itertools import combinations

import pytest

from course.facts.policy import policy
from course.i18n import LANGUAGES, catalog
from course.sim.accounts.account_states import State
from course.sim.core.clock import SimulatedClock
from course.sim.recovery.recovery_graph import load_graph, recovery_paths
from course.sim.recovery.recovery_navigator import (
    appeal_checklist,
    navigate,
    situation,
    situations,
)
from course.sim.recovery.recovery_walk import RecoveryWalk

GRAPH = load_graph()


def walk_to_the_end(nav, answer="granted"):
    steps = []
    while not nav.walk.finished:
        step = nav.walk.advance(answer)
        assert step.ok, step.message("en")
        steps.append(step)
    return steps


# --- situations ----------------------------------------------------------------------------

def test_the_five_situations_of_the_issue_map_onto_states():
    assert {s.id: s.state for s in situations()} == {
        "locked": State.LOCKED, "limited": State.LIMITED, "suspended": State.SUSPENDED,
        "lost_phone_two_factor": State.SECOND_FACTOR_LOST,
        "number_changed": State.SECOND_FACTOR_LOST}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_situation_has_a_name_description_note_and_source(lang):
    for found in situations():
        assert found.name(lang) and found.description(lang) and found.note(lang)
        assert found.provenance.problems() == [] and found.provenance.sources
        assert set(found.default_haves) <= set(found.offered_haves)
        assert set(found.conditions) <= set(GRAPH.conditions)


def test_number_changed_takes_the_old_number_away_and_fixes_sms_two_factor():
    changed = situation("number_changed")
    assert changed.unavailable == {"phone", "id_documents"}
    assert "phone" not in changed.offered_haves and changed.fixed == {"sms_two_factor": True}
    nav = navigate("number_changed", ["password", "email_access"])
    assert not nav.reachable and nav.conditions["sms_two_factor"] is True
    # The planner alone would suggest the phone or a shop's SIM; the situation rules them out.
    assert {"phone", "id_documents"} <= set(nav.plan.dead_end.would_help)
    assert nav.would_help == ("authenticator_app", "backup_code", "security_key", "open_session")
    assert changed.provenance.sources == ("x-help-2fa-2019",)  # "... or change your phone number"


@pytest.mark.parametrize("has, actions", [
    (["password", "backup_code"], ["use_backup_code"]),
    (["open_session"], ["turn_off_in_open_session"]),
    (["password", "authenticator_app"], ["use_authenticator_app"]),
])
def test_number_changed_opens_with_a_second_factor_or_a_logged_in_device(has, actions):
    nav = navigate("number_changed", has)
    assert [s.action for s in nav.plan.steps] == actions


def test_lost_phone_with_sms_two_factor_can_go_through_the_shop():
    nav = navigate("lost_phone_two_factor", ["password", "id_documents"],
                   {"sms_two_factor": True})
    assert [s.action for s in nav.plan.steps] == ["get_replacement_sim", "sms_code_on_phone"]
    nav = navigate("number_changed", ["password"])
    assert not nav.reachable and "id_documents" not in nav.would_help


def test_navigate_matches_the_planner_for_every_have_set_of_a_situation():
    for found in situations():
        offered = found.offered_haves
        for size in range(len(offered) + 1):
            for has in combinations(offered, size):
                nav = navigate(found, has)
                conditions = {**{n: c.default for n, c in GRAPH.conditions.items()},
                              **found.fixed}
                plan = recovery_paths(found.state, has, conditions)
                assert nav.plan == plan and nav.conditions == conditions


@pytest.mark.parametrize("chosen, has, conditions, code", [
    ("asleep", (), None, "guide_bad_situation"),
    (None, (), None, "guide_bad_situation"),
    ("x" * 500, (), None, "guide_bad_situation"),
    ("number_changed", ["phone"], None, "guide_have_unavailable"),
    ("number_changed", (), {"sms_two_factor": False}, "guide_condition_fixed"),
    ("locked", ["passport"], None, "recovery_bad_have"),
    ("locked", 12, None, "recovery_bad_have"),
    ("locked", ["password"] * 100, None, "recovery_bad_have"),
    ("locked", (), ["challenge_offered"], "recovery_bad_condition"),
    ("locked", (), {"challenge_offered": "yes"}, "recovery_bad_condition"),
])
def test_bad_choices_are_problems_in_both_languages(chosen, has, conditions, code):
    nav = navigate(chosen, has, conditions)
    assert nav.problem.code == code and nav.walk is None and not nav.reachable
    assert all(nav.summaries().values()) and nav.summaries()["ja"] != nav.summaries()["en"]


def test_a_situation_name_is_read_case_blind():
    assert navigate(" Locked ", ["password", "phone"]).reachable


# --- walking -------------------------------------------------------------------------------

def test_walking_a_locked_account_back_fires_the_machine_and_says_so():
    nav = navigate("locked", ["email_access"])
    assert [s.action for s in nav.plan.steps] == ["reset_password_by_email", "unlock_by_email"]
    first, second = walk_to_the_end(nav)
    assert first.before is first.after is State.LOCKED and first.gained == ("password",)
    assert "パスワード" in first.message("ja") and "Password" in first.message("en")
    assert second.after is State.ACTIVE and second.back_to_active and second.finished
    assert second.transition.reason.value == "email_verified"
    assert [h.target for h in nav.walk.machine.history][-1] is State.ACTIVE
    assert "通常の状態に戻りました" in second.message("ja")


def test_a_limitation_is_waited_out_on_the_simulated_clock():
    clock = SimulatedClock()
    start = clock.now()
    nav = navigate("limited", [], clock=clock)
    (step,) = walk_to_the_end(nav)
    hours = policy("states.limited_default_hours")
    assert policy("states.limited_default_hours").status == "assumed"
    assert step.waited_seconds == hours.value * 3600 == clock.now() - start
    assert step.after is State.ACTIVE
    assert f"{hours.value}時間" in step.message("ja") and "assumption" in step.message("en")


def test_locked_without_phone_verification_goes_through_the_limited_state():
    nav = navigate("locked", ["password"], {"phone_verification_offered": False})
    steps = walk_to_the_end(nav)
    assert [(s.before, s.after) for s in steps] == [
        (State.LOCKED, State.LIMITED), (State.LIMITED, State.ACTIVE)]


def test_an_appeal_can_be_refused_and_the_walk_ends_suspended():
    nav = navigate("suspended", [])
    walk = nav.walk
    filed = walk.advance()
    assert filed.after is State.APPEAL_PENDING and walk.waits_for_x
    bad = walk.advance("maybe")
    assert bad.problem.code == "walk_bad_answer" and walk.state is State.APPEAL_PENDING
    refused = walk.advance("refused")
    assert refused.ok and refused.refused and refused.finished and not refused.back_to_active
    assert walk.state is State.SUSPENDED and walk.finished
    assert "約束" in refused.message("ja") and "refused" in refused.message("en")
    assert walk.advance().problem.code == "walk_refused"


def test_a_self_clearable_suspension_is_walked_on_a_clearable_machine():
    nav = navigate("suspended", ["password", "phone"], {"self_clear_offered": True})
    (step,) = walk_to_the_end(nav)
    assert step.transition.event.value == "self_clear" and step.after is State.ACTIVE


def test_a_dead_end_has_nothing_to_walk():
    nav = navigate("lost_phone_two_factor", ["password"])
    assert nav.walk.total == 0 and nav.walk.finished and not nav.walk.waits_for_x
    step = nav.walk.advance()
    assert not step.ok and step.problem.code == "walk_no_steps"
    assert step.before is step.after is State.SECOND_FACTOR_LOST


def test_every_plan_of_every_situation_walks_back_to_active():
    """The planner's graph and the machine tell the same story for each step."""
    walked = 0
    for found in situations():
        offered = found.offered_haves
        condition_sets = [{}] + [{c: not GRAPH.conditions[c].default} for c in found.conditions]
        for size in range(len(offered) + 1):
            for has in combinations(offered, size):
                for conditions in condition_sets:
                    nav = navigate(found, has, conditions)
                    if not nav.reachable:
                        continue
                    steps = walk_to_the_end(nav)
                    assert len(steps) == len(nav.plan.steps)
                    assert steps[-1].after is State.ACTIVE and nav.walk.state is State.ACTIVE
                    walked += 1
    assert walked > 500


def test_a_walk_past_its_end_is_refused():
    nav = navigate("locked", ["password", "phone"])
    walk_to_the_end(nav)
    after = nav.walk.advance()
    assert after.problem.code == "walk_finished" and all(after.messages().values())


def test_a_walk_that_disagrees_with_the_machine_stops_with_a_problem():
    plan = recovery_paths("locked", ["password", "phone"])
    walk = RecoveryWalk(plan, SimulatedClock())
    walk.machine.apply("unlock")  # someone moved the account behind the walk's back
    step = walk.advance()
    assert not step.ok and step.problem.code == "walk_out_of_step"
    assert "locked" in step.problem.text("cause", "en") and walk.done == 0


# --- the appeal checklist ---------------------------------------------------------------------

def test_the_appeal_checklist_says_what_to_include_and_what_to_keep_out():
    items = appeal_checklist()
    kinds = {item.kind for item in items}
    assert kinds == {"include", "avoid"} and 5 <= len(items) <= 9
    for item in items:
        assert item.text["ja"] and item.text["en"] and item.provenance.problems() == []
        assert item.status in ("documented", "reported", "assumed")
    ids = {item.id for item in items}
    assert {"official_form_only", "facts_only", "no_secrets", "no_promised_outcome"} <= ids


def test_the_appeal_checklist_promises_no_outcome():
    promises = ("必ず", "確実", "保証します", "guarantee", "will be restored", "will be lifted")
    for item in appeal_checklist():
        for word in promises:
            assert word not in item.text["ja"] and word not in item.text["en"], item.id
    outcome = next(i for i in appeal_checklist() if i.id == "no_promised_outcome")
    assert outcome.kind == "avoid" and "認められないこと" in outcome.text["ja"]
    assert "may refuse" in outcome.text["en"]


def test_the_form_item_takes_its_source_from_the_policy():
    form = next(i for i in appeal_checklist() if i.id == "official_form_only")
    url = policy("states.appeal_form_url")
    assert form.provenance == url.provenance and form.status == "reported"
    assert "電話" in catalog("ja")["recovery_navigator.appeal.official_form_only"]
