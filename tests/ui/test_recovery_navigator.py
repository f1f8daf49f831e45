"""The recovery navigator, headless: choose, tick, press, and read what is shown."""

from __future__ import annotations

import re
from html import escape

import ipywidgets as widgets
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.i18n import LANGUAGES, t
from course.sim.accounts.account_states import State
from course.sim.recovery.recovery_navigator import Navigation, appeal_checklist, situations
from course.sim.recovery.recovery_walk import WalkStep
from course.ui.recovery_navigator import RecoveryNavigator
from tests.helpers import examples


def tick(sim: RecoveryNavigator, **values: bool) -> None:
    for name, value in values.items():
        box = sim.have_boxes.get(name) or sim.condition_boxes[name]
        box.value = value


def shown(sim: RecoveryNavigator) -> str:
    """Every HTML text the simulator shows, in one string."""
    out = []
    stack = [sim.widget]
    while stack:
        item = stack.pop()
        if isinstance(item, widgets.HTML):
            out.append(item.value)
        stack.extend(getattr(item, "children", ()))
    return " ".join(out)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_it_opens_on_a_locked_account_with_a_one_step_plan(lang):
    sim = RecoveryNavigator(lang)
    assert isinstance(sim.result, Navigation) and sim.result.reachable
    assert [s.action for s in sim.result.plan.steps] == ["unlock_by_phone"]
    assert t("ui_recovery.title", lang) in shown(sim)
    assert t("states.recovery.summary.steps", lang, count=1) in sim.status.value
    assert State.LOCKED.label(lang) in sim.state_view.value
    assert sim.situation_choice.description and sim.x_answer.layout.display == "none"
    assert sim.last_error is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_walking_the_plan_reaches_active_and_says_so_in_words(lang):
    sim = RecoveryNavigator(lang)
    sim.next_button.click()
    assert isinstance(sim.result, WalkStep) and sim.result.back_to_active
    assert State.ACTIVE.label(lang) in sim.state_view.value
    assert "✔" in sim.walk_log.value and sim.next_button.disabled
    assert t("ui_recovery.mark.done", lang) in sim.plan_view.value
    sim.restart_button.click()
    assert State.LOCKED.label(lang) in sim.state_view.value and not sim.next_button.disabled
    assert sim.walk_log.value == "" and sim.last_error is None


def test_every_step_shows_its_provenance_and_a_source_link():
    sim = RecoveryNavigator("en")
    sim.situation_choice.value = "suspended"
    html = sim.plan_view.value
    assert html.count('class="course-badge') >= 2 and html.count("<details") == 2
    assert "X&#x27;s own page" in html and "[X decides]" in html
    assert '<a href="https://help.twitter.com/forms/general?subtopic=suspended"' in html
    assert escape(t("states.recovery.summary.with_decision", "en", count=2)) in sim.status.value


def test_an_appeal_can_be_refused_and_the_account_stays_suspended():
    sim = RecoveryNavigator("ja")
    sim.situation_choice.value = "suspended"
    sim.next_button.click()
    assert State.APPEAL_PENDING.label("ja") in sim.state_view.value
    assert sim.x_answer.layout.display is None  # X's answer is asked for now
    sim.x_answer.value = "refused"
    sim.next_button.click()
    assert sim.result.refused and "✘" in sim.status.value
    assert "認めませんでした" in sim.status.value
    assert State.SUSPENDED.label("ja") in sim.state_view.value and sim.next_button.disabled


def test_a_dead_end_shows_why_what_would_have_helped_and_the_last_resort():
    sim = RecoveryNavigator("en")
    sim.situation_choice.value = "lost_phone_two_factor"
    html = sim.plan_view.value
    assert "✘" in html and "Why it is a dead end" in html
    assert t("states.recovery.have.backup_code", "en") in html
    assert "contact X through a Help Center form" in html.replace("Contact", "contact")
    assert "UNVERIFIED" in html  # the last resort's outcome is unverified
    assert "phone line" in html and sim.next_button.disabled
    tick(sim, backup_code=True)
    assert [s.action for s in sim.result.plan.steps] == ["use_backup_code"]
    assert "✘" not in sim.plan_view.value


def test_number_changed_offers_neither_the_old_phone_nor_the_shop():
    sim = RecoveryNavigator("ja")
    sim.situation_choice.value = "number_changed"
    assert "phone" not in sim.have_boxes and "id_documents" not in sim.have_boxes
    assert sim.condition_boxes == {}
    assert "解約" in sim.situation_text.value and "仮定" in sim.situation_text.value
    html = sim.plan_view.value
    assert t("states.recovery.have.backup_code", "ja") in html
    assert t("states.recovery.have.phone", "ja") not in html
    tick(sim, open_session=True)
    assert [s.action for s in sim.result.plan.steps] == ["turn_off_in_open_session"]


def test_a_ticked_condition_changes_the_plan():
    sim = RecoveryNavigator("en")
    tick(sim, phone=False, email_access=False, phone_verification_offered=False)
    assert [s.action for s in sim.result.plan.steps] == ["accept_limited_use", "wait_out_limit"]
    sim.next_button.click()
    sim.next_button.click()
    assert "12 hours" in sim.walk_log.value and "assumption" in sim.walk_log.value


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_appeal_checklist_is_shown_with_symbols_and_words(lang):
    html = shown(RecoveryNavigator(lang))
    for item in appeal_checklist():
        assert escape(item.text[lang]) in html
    assert escape(t("ui_recovery.checklist.include", lang)) in html
    assert escape(t("ui_recovery.checklist.avoid", lang)) in html


def test_every_control_has_a_visible_label():
    sim = RecoveryNavigator("ja")
    for name in ("situation_choice", "x_answer"):
        assert getattr(sim, name).description
    for box in (*sim.have_boxes.values(), *sim.condition_boxes.values()):
        assert box.description
    assert sim.next_button.description and sim.restart_button.description


def test_wrong_values_become_messages_not_tracebacks():
    sim = RecoveryNavigator("en")
    sim.situation_choice.value = "suspended"
    sim.next_button.click()
    sim.x_answer.value = None  # a radio group may be left empty
    sim.next_button.click()
    assert sim.result.problem.code == "walk_bad_answer"
    assert "granted" in sim.status.value and sim.last_error is None
    sim.x_answer.value = "granted"
    sim.next_button.click()
    assert sim.result.back_to_active


ACTIONS = st.lists(st.one_of(
    st.tuples(st.just("situation"), st.sampled_from([s.id for s in situations()])),
    st.tuples(st.just("tick"), st.integers(0, 20), st.booleans()),
    st.tuples(st.just("answer"), st.sampled_from(["granted", "refused", None])),
    st.tuples(st.just("next")), st.tuples(st.just("restart")),
), max_size=25)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ACTIONS, st.sampled_from(LANGUAGES))
def test_any_sequence_of_learner_actions_never_raises(actions, lang):
    sim = RecoveryNavigator(lang)
    for action in actions:
        if action[0] == "situation":
            sim.situation_choice.value = action[1]
        elif action[0] == "tick":
            boxes = [*sim.have_boxes.values(), *sim.condition_boxes.values()]
            boxes[action[1] % len(boxes)].value = action[2]
        elif action[0] == "answer":
            sim.x_answer.value = action[1]
        elif action[0] == "next":
            sim.next_button.click()
        else:
            sim.restart_button.click()
        assert sim.last_error is None
        assert sim.status.value  # something is always said
    walk = sim.navigation.walk
    if walk is not None:
        assert walk.state.label(lang) in sim.state_view.value
        assert sim.next_button.disabled == walk.finished
    assert not re.search(r"\{[a-z_]+\}", shown(sim))  # no unfilled placeholder


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_device_still_logged_in_is_a_way_back_after_losing_app_or_key(lang):
    # Issue #15.2, as a learner sees it: not "no way back".
    sim = RecoveryNavigator(lang, start="lost_phone_two_factor")
    assert not sim.result.reachable
    tick(sim, open_session=True)
    assert sim.result.reachable
    assert [s.action for s in sim.result.plan.steps] == ["turn_off_in_open_session"]
    assert t("states.recovery.action.turn_off_in_open_session", lang) in shown(sim)
    sim.next_button.click()
    assert sim.result.back_to_active and sim.last_error is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_lock_without_the_phone_check_only_leads_through_the_limited_state(lang):
    # Issue #15.3, as a learner sees it.
    sim = RecoveryNavigator(lang, start="locked")
    tick(sim, phone_verification_offered=False)
    assert [s.action for s in sim.result.plan.steps] == ["accept_limited_use", "wait_out_limit"]
    sim.next_button.click()
    assert sim.result.after is State.LIMITED
