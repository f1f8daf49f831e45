"""course.sim.sms.delivery: what happens to one text under the learner's conditions."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.i18n import LANGUAGES
from course.sim.core import errors
from course.sim.core.clock import SimulatedClock
from course.sim.numbers.fictional import fictional_example
from course.sim.numbers.number_checker import check_number
from course.sim.sms.delivery import Condition, DeliveryPolicy, Fate, deliver, parse_conditions
from tests.helpers import examples

MOBILE = fictional_example("mobile")


def send(number=MOBILE, conditions=(), seed=3, expires_at=None):
    clock = SimulatedClock()
    return clock, deliver(number, conditions, clock=clock, rng=random.Random(seed),
                          expires_at=expires_at)


def test_with_nothing_wrong_the_text_arrives_within_seconds():
    clock, outcome = send()
    assert outcome.fate is Fate.ARRIVED and outcome.arrives and outcome.visible
    low, high = DeliveryPolicy.from_data().delay
    assert low <= outcome.delay_seconds <= high
    assert outcome.stopped_by is None and outcome.causes == () and outcome.problem is None
    assert outcome.sent_at == clock.now()


@pytest.mark.parametrize("condition, fate", [
    (Condition.WRONG_NUMBER, Fate.LOST),
    (Condition.CARRIER_OUTAGE, Fate.LOST),
    (Condition.DATA_ONLY_SIM, Fate.LOST),
    (Condition.SMS_REJECTED, Fate.LOST),
    (Condition.AIRPLANE_MODE, Fate.HELD),
    (Condition.NO_SIGNAL, Fate.HELD),
    (Condition.X_NOT_SENDING, Fate.NOT_SENT),
    (Condition.SPAM_FILTERED, Fate.HIDDEN),
    (Condition.INTERNATIONAL_DELAY, Fate.ARRIVED),
])
def test_each_condition_has_its_effect_and_its_explanation(condition, fate):
    _, outcome = send(conditions=[condition])
    assert outcome.fate is fate and outcome.stopped_by is condition
    assert outcome.causes == (condition,)
    assert outcome.problem.code == f"delivery_{condition.value}"
    assert all(outcome.problem.text("fix", lang) for lang in LANGUAGES)
    assert outcome.arrives is (fate in (Fate.ARRIVED, Fate.HIDDEN))


@pytest.mark.parametrize("kind", ["voip", "fixed_line", "pager_m2m"])
def test_numbers_that_cannot_receive_sms_get_nothing(kind):
    _, outcome = send(fictional_example(kind))
    assert outcome.fate is Fate.NOT_SENT
    assert outcome.stopped_by is Condition.NUMBER_CANNOT_RECEIVE


@settings(max_examples=examples(20), deadline=None)
@given(st.from_regex(r"\A0200[0-9]{10}\Z"))
def test_14_digit_m2m_numbers_get_nothing(typed):
    _, outcome = send(typed)
    assert outcome.stopped_by is Condition.NUMBER_CANNOT_RECEIVE


def test_an_invalid_number_gets_nothing_sent():
    _, outcome = send("090-0123-456")
    assert outcome.fate is Fate.NOT_SENT and outcome.stopped_by is Condition.INVALID_NUMBER


def test_foreign_fictional_numbers_receive_texts():
    for number in (fictional_example("uk_mobile_7700_900"), fictional_example("us_555_01")):
        _, outcome = send(number)
        assert outcome.fate is Fate.ARRIVED, number


def test_a_checked_number_is_accepted_as_is():
    _, outcome = send(check_number(MOBILE))
    assert outcome.fate is Fate.ARRIVED


def test_the_first_condition_in_the_chain_decides_and_all_are_listed():
    _, outcome = send(conditions=["spam_filtered", "airplane_mode", "sms_rejected"])
    assert outcome.fate is Fate.LOST and outcome.stopped_by is Condition.SMS_REJECTED
    assert outcome.causes == (Condition.SMS_REJECTED, Condition.AIRPLANE_MODE,
                              Condition.SPAM_FILTERED)
    assert [p.code for p in outcome.fixes()] == ["delivery_sms_rejected",
                                                 "delivery_airplane_mode",
                                                 "delivery_spam_filtered"]


@settings(max_examples=examples(100), deadline=None)
@given(st.integers(0, 2**32))
def test_an_international_text_is_late_and_may_miss_the_expiry(seed):
    clock = SimulatedClock()
    expires_at = clock.now() + 600
    outcome = deliver(MOBILE, ["international_delay"], clock=clock, rng=random.Random(seed),
                      expires_at=expires_at)
    rules = DeliveryPolicy.from_data()
    assert rules.delay[0] + rules.international_delay[0] <= outcome.delay_seconds
    assert outcome.delay_seconds <= rules.delay[1] + rules.international_delay[1]
    assert outcome.late is (outcome.arrives_at >= expires_at)


def test_some_international_texts_arrive_after_the_code_expired():
    lates = [send(conditions=["international_delay"], seed=s, expires_at=SimulatedClock().now()
                  + 600)[1].late for s in range(200)]
    assert any(lates) and not all(lates)


def test_junk_sorting_and_delay_combine():
    _, outcome = send(conditions=["spam_filtered", "international_delay"])
    assert outcome.fate is Fate.HIDDEN and not outcome.visible and outcome.arrives
    assert outcome.stopped_by is Condition.INTERNATIONAL_DELAY


def test_the_same_seed_gives_the_same_outcome():
    assert send(seed=11)[1] == send(seed=11)[1]


def test_conditions_can_be_names_a_single_name_or_nothing():
    assert parse_conditions("airplane_mode") == ((Condition.AIRPLANE_MODE,), None)
    assert parse_conditions([" no_signal ", Condition.NO_SIGNAL]) == ((Condition.NO_SIGNAL,), None)
    assert parse_conditions(None) == ((), None)


@pytest.mark.parametrize("number, conditions, detail", [
    (None, (), "number"), (42, (), "number"), (MOBILE, ["inbox_full"], "inbox_full"),
    (MOBILE, 5, "conditions"), (MOBILE, [None], "None"),
])
def test_bad_input_is_an_outcome_not_an_exception(number, conditions, detail):
    _, outcome = send(number, conditions)
    assert outcome.fate is Fate.NOT_SENT and outcome.problem.code == "delivery_bad_input"
    assert detail in outcome.problem.text("cause", "en")


def test_inbox_full_is_not_a_modelled_condition():
    # The seed article's "inbox full" is not a real cause on modern phones.
    assert "inbox_full" not in Condition._value2member_map_


def test_every_condition_has_a_catalog_entry_and_i18n_labels():
    from course.i18n import t
    for condition in Condition:
        entry = errors.error_entry(condition.code)
        assert not entry.shown_by_x
        for lang in LANGUAGES:
            assert t(f"sms.conditions.{condition.value}.label", lang)
            assert t(f"sms.conditions.{condition.value}.found", lang)


@settings(max_examples=examples(200), deadline=None)
@given(st.one_of(st.text(max_size=30), st.none(), st.integers(), st.sampled_from(
           [fictional_example(k) for k in ("mobile", "voip", "fixed_line", "us_555_01")])),
       st.one_of(st.none(), st.integers(), st.text(max_size=20),
                 st.lists(st.one_of(st.sampled_from(list(Condition)), st.text(max_size=15),
                                    st.integers()), max_size=5)))
def test_deliver_never_raises(number, conditions):
    _, outcome = send(number, conditions)
    assert outcome.fate in Fate
    if not outcome.arrives:
        assert outcome.problem is not None
    if outcome.problem is not None:
        assert all(outcome.problem.text(part, lang) for part in errors.FIELDS
                   for lang in LANGUAGES)
