"""course.sim.sms.troubleshooting: the scenario cards and the diagnosis of a learner's checks."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.i18n import LANGUAGES, t
from course.sim.core.clock import SimulatedClock
from course.sim.numbers.number_checker import check_number
from course.sim.sms.delivery import Condition, Fate
from course.sim.sms.troubleshooting import (
    Check,
    ScenarioError,
    diagnose,
    scenario,
    scenarios,
    shortest_diagnosis,
)
from tests.helpers import examples

CARDS = scenarios()


def test_there_are_five_to_eight_cards_with_unique_ids():
    assert 5 <= len(CARDS) <= 8
    assert len({card.id for card in CARDS}) == len(CARDS)


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.id)
def test_each_card_is_complete_in_both_languages(card):
    for field in (card.title, card.story):
        assert all(field[lang].strip() for lang in LANGUAGES)
        assert field["ja"] != field["en"]
    assert card.conditions and all(card.revealed_by[c] for c in card.conditions)


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.id)
def test_each_card_uses_a_fictional_number(card):
    result = check_number(card.number())
    assert result.is_fictional and result.valid


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.id)
def test_each_card_really_goes_wrong_because_of_its_hidden_conditions(card):
    clock = SimulatedClock()
    outcome = card.simulate(clock=clock, rng=random.Random(1), expires_at=clock.now() + 600)
    assert outcome.stopped_by in card.conditions
    assert outcome.fate is not Fate.ARRIVED or outcome.delay_seconds > 60


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.id)
def test_the_shortest_diagnosis_finds_everything_with_no_waste(card):
    best = shortest_diagnosis(card)
    result = diagnose(card, best)
    assert result.found and result.found_at == len(best) == result.shortest
    assert result.wasted == 0 and result.missing == ()
    assert set(result.revealed) == set(card.conditions)


def test_the_two_cause_card_needs_two_checks():
    card = scenario("new_phone_two_causes")
    assert shortest_diagnosis(card) == (Check.CHECK_SIGNAL, Check.CHECK_FILTERED_FOLDER)
    half = diagnose(card, ["check_signal"])
    assert not half.found and half.missing == (Condition.SPAM_FILTERED,)


def test_a_detour_is_counted_and_the_order_is_kept():
    card = scenario("airplane_after_flight")
    result = diagnose(card, ["restart_phone", "resend_code", Check.CHECK_AIRPLANE_MODE,
                             "check_signal"])
    assert result.found and result.found_at == 3 and result.wasted == 2 and result.shortest == 1
    assert [step.check for step in result.steps][:3] == [Check.RESTART_PHONE, Check.RESEND_CODE,
                                                        Check.CHECK_AIRPLANE_MODE]
    assert result.steps[2].revealed == (Condition.AIRPLANE_MODE,)
    assert result.steps[3].revealed == ()  # already known: nothing new
    assert "3" in result.summary("ja") and "1" in result.summary("en")


def test_checks_that_miss_the_cause_do_not_find_it():
    result = diagnose("ip_phone_050", ["check_signal", "check_airplane_mode", "restart_phone"])
    assert not result.found and result.found_at is None
    assert result.missing == (Condition.NUMBER_CANNOT_RECEIVE,) and result.wasted == 3
    assert "1" in result.summary("en")


def test_unknown_checks_are_ignored_and_reported():
    result = diagnose("typo_in_number", ["look_at_the_sky", 42, "reread_number"])
    assert result.found and result.found_at == 1 and result.ignored == ("look_at_the_sky", "42")


@pytest.mark.parametrize("card", [None, "no_such_card", 3, object()])
def test_an_unknown_card_is_a_problem_not_an_exception(card):
    result = diagnose(card, ["reread_number"])
    assert not result.found and result.problem.code == "delivery_bad_input"


def test_every_check_has_a_label_in_both_languages():
    for check in Check:
        assert all(check.label(lang) for lang in LANGUAGES)
    assert t("sms.nothing_found", "ja") != t("sms.nothing_found", "en")


def test_a_card_without_a_revealing_check_is_refused(tmp_path, monkeypatch):
    (tmp_path / "sms_scenarios.yaml").write_text(
        "cards:\n  - id: broken\n    number: {kind: mobile, index: 0}\n"
        "    title: {ja: あ, en: a}\n    story: {ja: い, en: b}\n"
        "    conditions:\n      - {condition: no_signal, revealed_by: []}\n", encoding="utf-8")
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path))
    with pytest.raises(ScenarioError, match="broken"):
        scenarios()


@settings(max_examples=examples(200), deadline=None)
@given(st.sampled_from(CARDS),
       st.one_of(st.none(), st.integers(), st.text(max_size=20),
                 st.lists(st.one_of(st.sampled_from(list(Check)), st.text(max_size=12)),
                          max_size=15)))
def test_diagnose_never_raises_and_never_beats_the_shortest(card, checks):
    result = diagnose(card, checks)
    assert result.found is (not result.missing)
    if result.found:
        # The checks that uncovered something new form a cover, so never fewer than the best.
        assert result.found_at - result.wasted >= result.shortest
