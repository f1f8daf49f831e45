"""Using X without a phone number: which moments keep a way through, and what a
number would add."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.sim.core.errors import Refusal
from course.sim.recovery.without_number import (
    DEAD_END,
    NOT_APPLICABLE,
    NUMBER_NEEDED,
    ONE_WAY,
    READY,
    VERDICTS,
    Setup,
    plan,
    planner,
    setup_from,
)


def _verdicts(setup: Setup) -> dict[str, str]:
    result = plan(setup)
    assert not isinstance(result, Refusal)
    return {o.moment.id: o.verdict for o in result.outcomes}


def test_email_only_leaves_a_lost_email_as_a_dead_end_and_premium_needs_a_number():
    verdicts = _verdicts(Setup())
    assert verdicts == {"asked_at_login": ONE_WAY, "premium": NUMBER_NEEDED,
                        "locked_challenge": READY, "forgot_password": ONE_WAY,
                        "lost_second_factor": NOT_APPLICABLE, "lost_email": DEAD_END}


def test_the_cost_of_no_number_is_the_ways_a_number_would_open():
    result = plan(Setup())
    added = {o.moment.id: [w.id for w in o.number_would_add] for o in result.outcomes}
    assert added["forgot_password"] == ["reset_by_sms"]
    assert added["lost_email"] == ["reset_by_sms_email_lost"]
    assert added["lost_second_factor"] == []
    with_number = plan(Setup(phone=True))
    assert all(o.number_would_add == () for o in with_number.outcomes)
    assert with_number.dead_ends == () and with_number.number_needed == ()
    assert not with_number.rests_on_email and plan(Setup()).rests_on_email


def test_a_saved_backup_code_is_the_way_back_after_losing_the_two_factor_device():
    assert _verdicts(Setup(two_factor="app"))["lost_second_factor"] == DEAD_END
    assert _verdicts(Setup(two_factor="app", backup_code=True))["lost_second_factor"] == ONE_WAY
    both = _verdicts(Setup(two_factor="sms", phone=True, backup_code=True))
    assert both["lost_second_factor"] == READY


def test_writing_to_support_is_shown_but_never_counts_as_a_way_through():
    outcome = plan(Setup(two_factor="key")).outcome("lost_second_factor")
    assert [w.id for w in outcome.open_ways] == ["support_form_2fa"]
    assert outcome.verdict == DEAD_END


@pytest.mark.parametrize("values, code", [
    ({"two_factor": "sms"}, "no_number_sms_without_number"),
    ({"email": "none"}, "no_number_email_unconfirmed"),
    ({"signup": "phone"}, "no_number_signed_up_with_phone"),
    ({"two_factor": "email"}, "no_number_bad_setting"),
    ({"phone": 1}, "no_number_bad_setting"),
])
def test_settings_that_do_not_fit_are_refused_with_a_reason(values, code):
    result = setup_from(values)
    assert isinstance(result, Refusal) and result.code == code
    assert result.text("message", "ja") and result.text("fix", "en")


def test_every_moment_and_fact_has_a_source_and_unverified_ones_are_marked():
    data = planner()
    assert all(m.provenance.status and m.ways for m in data.moments)
    assert {f.id for f in data.facts if f.provenance.unverified} == {"email_signup"}
    assert next(m for m in data.moments if m.id == "asked_at_login").unverified


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({}, optional={
    "signup": st.sampled_from(["email", "phone", "fax", None]),
    "email": st.sampled_from(["none", "confirmed", 3]),
    "email_secure": st.booleans(), "phone": st.one_of(st.booleans(), st.integers(0, 2)),
    "two_factor": st.sampled_from(["none", "sms", "app", "key", ""]),
    "backup_code": st.booleans()}))
def test_any_widget_values_give_a_plan_or_a_refusal(values):
    result = plan(values)
    if isinstance(result, Refusal):
        assert result.text("message", "en")
        return
    assert len(result.outcomes) == len(planner().moments)
    assert all(o.verdict in VERDICTS for o in result.outcomes)
    if result.setup.phone:
        assert DEAD_END not in {o.verdict for o in result.outcomes
                                if o.moment.id in ("forgot_password", "lost_email")}
