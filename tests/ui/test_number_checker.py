"""The phone-number checker widget, driven headlessly as a learner would, in
Japanese and English: usable numbers with masked forms, type and SMS; the
common typing mistakes with their cause and fix; bad input of every kind."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from traitlets import TraitError

from course.ui.number_checker import NumberChecker
from tests.helpers import examples
from tests.ui.phone_helpers import assert_labelled, text_of

MOBILE = "090-0123-4567"


def check(sim: NumberChecker, typed: str, country: str = "JP") -> NumberChecker:
    sim.country.value = country
    sim.number.value = typed
    sim.check.click()
    return sim


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_controls_are_labelled_and_japan_comes_first(lang):
    sim = NumberChecker(lang)
    assert_labelled(sim.widget)
    assert "course-number-checker" in sim.widget._dom_classes
    assert sim.country.value == "JP" and "+81" in sim.country.options[0][0]
    assert sim.result is None and sim.details.value == ""


@pytest.mark.parametrize("lang, kind, sms, said", [
    ("ja", "携帯電話", "SMS を受け取れます", "番号として使えます"),
    ("en", "Mobile", "Can receive SMS", "Usable as a number"),
])
def test_a_usable_mobile_shows_masked_forms_type_and_sms_then_leaves_the_box(
        lang, kind, sms, said):
    sim = check(NumberChecker(lang), MOBILE)
    assert sim.result.valid and sim.result.can_receive_sms
    shown = text_of(sim.widget)
    assert "090-****-4567" in shown and "+81900****567" in shown
    assert kind in shown and sms in shown and "jp_mobile_090_0" in shown
    assert said in sim.status.value and 'role="status"' in sim.status.value
    assert sim.number.value == ""  # the typed number leaves the page
    assert MOBILE not in shown and "9001234567" not in shown
    assert sim.last_error is None


@pytest.mark.parametrize("lang, typed, code, words", [
    ("ja", "+81 090-0123-4567", "number_trunk_zero_after_country_code", "0を外して"),
    ("en", "+81 090-0123-4567", "number_trunk_zero_after_country_code", "without the 0"),
    ("ja", "050-0123-4567", "number_voip_usually_fails", "現在、この電話番号を登録できません。"),
    ("en", "050-0123-4567", "number_voip_usually_fails", "cannot be registered at the moment"),
    ("ja", "010-81-90-0123-4567", "number_international_prefix_used", "010"),
])
def test_usable_numbers_still_show_their_warnings_with_fixes(lang, typed, code, words):
    sim = check(NumberChecker(lang), typed)
    assert sim.result.valid and code in sim.result.codes
    assert words in sim.problems.value
    assert "0123-4567" not in sim.problems.value  # suggestions are masked too


def _service(*groups: str) -> str:
    # 080-0… is dialled as 0800 (free dial): built at run time so that no real
    # service line is written out whole in the repository.
    return "-".join(groups)


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("typed, code", [
    ("050-0123-4567", "number_voip_usually_fails"),
    ("03-1234-5678", "number_fixed_line_no_sms"),
    (_service("080", "0" + "12" + "3", "45" + "67"), "number_service_number_no_sms"),
    (_service("0800", "12" + "3", "45" + "67"), "number_service_number_no_sms"),
])
def test_a_number_that_cannot_receive_a_code_gets_no_tick_above_its_warnings(
        lang, typed, code):
    sim = check(NumberChecker(lang), typed)
    assert sim.result.valid and not sim.result.can_receive_sms
    assert code in sim.result.codes and "⚠" in sim.problems.value  # the warning stays shown
    assert "✔" not in sim.verdict.value and "✘" in sim.verdict.value
    no_code = {"ja": "確認コードの SMS が届かない", "en": "verification code by SMS does not"}
    assert no_code[lang] in sim.verdict.value and no_code[lang] in sim.status.value
    assert "course-status-error" in sim.status.value
    assert "course-status-ok" not in sim.verdict.value
    assert sim.details.value != ""  # the forms and the type are still shown, masked


@pytest.mark.parametrize("lang, typed, code, words", [
    ("ja", "090-0123-456", "number_too_short", "有効な電話番号を入力してください"),
    ("en", "090-0123-456", "number_too_short", "Please enter a valid phone number"),
    ("ja", "81 90-0123-4567", "number_country_code_without_plus", "「+」がありません"),
    ("en", "81 90-0123-4567", "number_country_code_without_plus", "has no &quot;+&quot;"),
    ("en", "", "number_empty", "No phone number was entered"),
    ("ja", "090-0123-abcd", "number_contains_letters", "文字が含まれています"),
])
def test_a_mistake_is_refused_with_cause_and_fix_and_stays_for_correction(
        lang, typed, code, words):
    sim = check(NumberChecker(lang), typed)
    assert not sim.result.valid and code in sim.result.codes
    shown = sim.problems.value
    assert words in shown and ("対処" in shown or "What to do" in shown)
    assert "✘" in sim.verdict.value  # a symbol and words, not colour alone
    assert sim.details.value == "" and sim.number.value == typed
    assert sim.last_error is None


def test_a_foreign_fictional_number_under_its_own_country():
    sim = check(NumberChecker("en"), "07700 900123", country="GB")
    assert sim.result.valid and sim.result.region == "GB"
    assert "+44770****123" in text_of(sim.widget)


def test_a_wrong_type_on_the_control_is_refused_by_traitlets():
    sim = NumberChecker("en")
    with pytest.raises(TraitError):
        sim.number.value = 9001234567
    sim.check.click()
    assert sim.last_error is None and sim.result.codes == ("number_empty",)


TYPED = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["", " ", "\x00\x07\x1b[31m", "😀📱", "０９０－０１２３－４５６７",
                     "<script>alert(1)</script>", "x" * 10_000, "+", "0" * 300,
                     "+81 0 90 0123 4567"]),
)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed=TYPED, lang=st.sampled_from(["ja", "en"]),
       country=st.sampled_from(["JP", "US", "GB", "KR", "TW", "AU"]))
def test_fuzzed_text_never_breaks_the_checker(typed, lang, country):
    sim = check(NumberChecker(lang), typed, country)
    assert sim.last_error is None and sim.status.value
    assert "<script>" not in sim.problems.value and "<script>" not in sim.status.value
    assert sim.result.valid or sim.result.errors  # a verdict always comes with a reason
