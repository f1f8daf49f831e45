"""course.sim.sms.sms_lab: the bookkeeping of the SMS troubleshooting lab."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from course.i18n import LANGUAGES
from course.sim.sms.sms_lab import lab_report, pick_card
from course.sim.sms.troubleshooting import Check, scenario, scenarios, shortest_diagnosis

CARDS = scenarios()


def test_a_fresh_card_has_no_steps_and_a_masked_fictional_number():
    report = lab_report("ip_phone_050")
    assert report.card.id == "ip_phone_050" and report.checks == () and report.latest is None
    assert not report.found and report.fixes == () and report.wasted == ()
    assert report.masked_number == "050-****-4567"


def test_wasted_checks_are_those_before_the_cause_that_found_nothing():
    report = lab_report("ip_phone_050", [Check.RESTART_PHONE, Check.RESEND_CODE,
                                         Check.CHECK_NUMBER_TYPE])
    assert report.found and report.diagnosis.found_at == 3
    assert report.wasted == (Check.RESTART_PHONE, Check.RESEND_CODE)
    assert report.extra == 2 and report.latest.check is Check.CHECK_NUMBER_TYPE
    assert [p.code for p in report.fixes] == ["delivery_number_cannot_receive"]
    assert all(report.fixes[0].text("fix", lang) for lang in LANGUAGES)


def test_checks_after_everything_was_found_are_not_counted_as_waste():
    report = lab_report("typo_in_number", ["reread_number", "restart_phone"])
    assert report.found and report.wasted == () and report.extra == 0


def test_a_two_cause_card_is_found_only_when_both_are_uncovered():
    half = lab_report("new_phone_two_causes", [Check.CHECK_SIGNAL])
    assert not half.found and half.fixes == ()
    assert half.diagnosis.missing and half.latest.revealed
    whole = lab_report("new_phone_two_causes", [Check.CHECK_SIGNAL, Check.CHECK_PLAN,
                                                Check.CHECK_FILTERED_FOLDER])
    assert whole.found and whole.wasted == (Check.CHECK_PLAN,) and len(whole.fixes) == 2
    assert whole.diagnosis.shortest == 2


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.id)
def test_the_shortest_route_is_recognised_on_every_card(card):
    report = lab_report(card, shortest_diagnosis(card))
    assert report.found and report.extra == 0 and report.wasted == ()
    assert len(report.fixes) == len(card.conditions)


@pytest.mark.parametrize("card, checks", [
    ("no_such_card", ["reread_number"]), (None, ()), (42, None), (["x"], "y"),
])
def test_bad_cards_give_a_problem_not_an_exception(card, checks):
    report = lab_report(card, checks)
    assert report.card is None and report.problem.code == "delivery_bad_input"
    assert report.problem.text("message", "ja") and report.problem.text("message", "en")


def test_unknown_checks_are_ignored_and_reported():
    report = lab_report("carrier_outage", ["look_at_the_moon", 7, "check_carrier_status"])
    assert report.found and report.checks == (Check.CHECK_CARRIER_STATUS,)
    assert report.diagnosis.ignored == ("look_at_the_moon", "7")


def test_pick_card_never_repeats_the_current_card_and_is_seeded():
    rng = random.Random(5)
    current = CARDS[0]
    seen = Counter()
    for _ in range(200):
        nxt = pick_card(rng, current)
        assert nxt.id != current.id
        seen[nxt.id] += 1
        current = nxt
    assert len(seen) == len(CARDS)  # every card comes up
    assert pick_card(random.Random(9), "ip_phone_050") == pick_card(random.Random(9),
                                                                    scenario("ip_phone_050"))
    assert pick_card(random.Random(1), "unknown").id in {c.id for c in CARDS}
