"""The SMS troubleshooting lab widget, headless, in Japanese and English:
cards, one button per check, the log, the verdict against the shortest
diagnosis, what was wasted, the fix, a new card."""

from __future__ import annotations

import random
from html import unescape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from traitlets import TraitError

from course.sim.sms.sms_lab import LabReport
from course.sim.sms.troubleshooting import Check, scenarios
from course.ui.sms_lab import SmsLab
from tests.helpers import examples
from tests.ui.phone_helpers import assert_labelled, text_of

CARDS = scenarios()


def make(lang: str, card: str | None = "ip_phone_050", seed: int = 1) -> SmsLab:
    return SmsLab(lang, card=card, rng=random.Random(seed))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_lab_shows_the_card_and_one_labelled_button_per_check(lang):
    lab = make(lang)
    assert_labelled(lab.widget)
    assert set(lab.checks) == set(Check)
    card = CARDS[0]
    shown = text_of(lab.widget)
    assert card.title[lang] in shown and card.story[lang] in shown
    assert "050-****-4567" in shown and "050-0123-4567" not in shown
    assert isinstance(lab.result, LabReport) and lab.result.checks == ()
    assert "course-sms-lab" in lab.widget._dom_classes


@pytest.mark.parametrize("lang, nothing, verdict, wasted", [
    ("ja", "原因は見つかりませんでした", "✔ 問題なし: 3回かかりました。最短なら1回で足ります。",
     "何も見つからなかった確認(2回)"),
    ("en", "did not find a cause", "✔ OK: You needed 3 checks; 1 would have been enough.",
     "Checks that found nothing (2)"),
])
def test_a_long_route_is_logged_counted_and_fixed(lang, nothing, verdict, wasted):
    lab = make(lang)
    lab.checks[Check.RESTART_PHONE].click()
    assert nothing in lab.status.value and "<ol>" in lab.log.value
    assert lab.checks[Check.RESTART_PHONE].disabled  # done once, not twice
    lab.checks[Check.RESEND_CODE].click()
    lab.checks[Check.CHECK_NUMBER_TYPE].click()
    report = lab.result
    assert report.found and report.diagnosis.found_at == 3 and report.extra == 2
    summary = unescape(lab.summary.value)
    assert verdict in summary and wasted in summary
    assert Check.RESTART_PHONE.label(lang) in summary
    assert Check.CHECK_NUMBER_TYPE.label(lang) in summary  # the shortest diagnosis
    assert lab.t("ui_phone.lab.fix_heading") in summary
    assert report.fixes[0].text("fix", lang) in summary
    assert all(button.disabled for button in lab.checks.values())
    assert lab.log.value.count("<li>") == 3


@pytest.mark.parametrize("lang, verdict", [("ja", "✔ 問題なし:"), ("en", "✔ OK:")])
def test_the_shortest_route_is_praised(lang, verdict):
    lab = make(lang, card="typo_in_number")
    lab.checks[Check.REREAD_NUMBER].click()
    assert lab.result.found and lab.result.extra == 0
    summary = unescape(lab.summary.value)
    assert verdict in summary and lab.t("ui_phone.lab.no_waste") in summary


def test_a_two_cause_card_needs_both_causes():
    lab = make("en", card="new_phone_two_causes")
    lab.checks[Check.CHECK_SIGNAL].click()
    assert not lab.result.found and "still hidden (1 left)" in lab.summary.value
    assert "no service" in lab.status.value
    lab.checks[Check.CHECK_FILTERED_FOLDER].click()
    assert lab.result.found and lab.result.extra == 0


def test_new_card_and_again_start_clean():
    lab = make("en")
    lab.checks[Check.CHECK_SIGNAL].click()
    lab.new_card.click()
    assert lab.card.value != "ip_phone_050" and lab.result.checks == ()
    assert lab.result.card.id == lab.card.value
    assert not any(button.disabled for button in lab.checks.values())
    lab.checks[Check.RESTART_PHONE].click()
    lab.again.click()
    assert lab.result.checks == () and lab.t("ui_phone.lab.log_empty") in lab.log.value
    assert lab.last_error is None


def test_choosing_a_card_in_the_dropdown_starts_it():
    lab = make("ja")
    lab.card.value = "carrier_outage"
    assert lab.result.card.id == "carrier_outage"
    assert CARDS[6].story["ja"] in lab.story.value


def test_an_unknown_card_in_the_constructor_falls_back_to_the_first():
    lab = SmsLab("en", card="no such card", rng=random.Random(1))
    assert lab.card.value == CARDS[0].id and lab.last_error is None


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(presses=st.lists(st.one_of(st.sampled_from(list(Check)),
                                  st.sampled_from(["new", "again", *[c.id for c in CARDS]])),
                        max_size=30))
def test_any_presses_keep_the_lab_consistent(presses):
    lab = make("ja", seed=3)
    for press in presses:
        if isinstance(press, Check):
            lab.checks[press].click()  # a disabled button's click() still runs headless
        elif press == "new":
            lab.new_card.click()
        elif press == "again":
            lab.again.click()
        else:
            lab.card.value = press
        report = lab.result
        assert report.card.id == lab.card.value
        assert lab.log.value.count("<li>") == len(report.checks)
        assert report.found == all(b.disabled for b in lab.checks.values())
    assert lab.last_error is None


def test_a_wrong_type_on_the_dropdown_is_refused_by_traitlets():
    lab = make("en")
    with pytest.raises(TraitError):
        lab.card.value = "not a card"
    assert lab.card.value == "ip_phone_050" and lab.last_error is None
