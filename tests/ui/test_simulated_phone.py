"""The simulated phone widget on its own, headless, in Japanese and English:
conditions, inbox with simulated times, fast-forward, "Why no text?"."""

from __future__ import annotations

from html import unescape

import ipywidgets as widgets
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from traitlets import TraitError

import course
from course.sim.sms.delivery import Condition
from course.sim.sms.simulated_phone import ConditionChange, Explanation, SendReport, TimeJump
from course.ui.simulated_phone import SimulatedPhone
from tests.helpers import examples
from tests.ui.phone_helpers import assert_labelled, seeded, text_of, walk


def make(lang: str, seed: int = 1) -> SimulatedPhone:
    return SimulatedPhone(lang, **seeded(seed))


@pytest.mark.parametrize("lang, number_line, sender", [
    ("ja", "この電話の番号(架空):090-0123-4568", "コースの仮定"),
    ("en", "This phone's number (fictional): 090-0123-4568", "course's assumption"),
])
def test_the_phone_shows_its_fictional_number_and_labels_the_sender_as_assumed(
        lang, number_line, sender):
    phone = make(lang)
    shown = text_of(phone.widget)
    assert number_line in shown and sender in shown
    assert_labelled(phone.widget)
    assert len(phone.toggles) == 7 and set(phone.forward) == {30, 60, 600}
    assert "course-phone" in phone.widget._dom_classes


@pytest.mark.parametrize("lang, arrived, clock", [
    ("ja", "SMS が1通届きました。", "シミュレーター内の経過時間:0:30"),
    ("en", "Texts arrived: 1.", "Simulated time since the start: 0:30"),
])
def test_ask_then_fast_forward_brings_the_code_into_the_inbox(lang, arrived, clock):
    phone = make(lang)
    phone.ask.click()
    assert isinstance(phone.result, SendReport) and phone.result.ok
    assert "090-****-4568" in phone.report.value
    inbox = phone.line.view().inbox
    assert inbox == () and phone.t("ui_phone.phone.inbox_empty") in phone.inbox.value
    phone.forward[30].click()
    assert isinstance(phone.result, TimeJump) and phone.result.events == ("landed",)
    assert arrived in phone.report.value and arrived in phone.status.value
    assert clock in phone.clock_line.value
    entry = phone.line.view().inbox[0]
    assert entry.message.code in phone.inbox.value
    seconds = int(entry.arrived_at - phone.line.started_at)
    when = phone.t("ui_phone.phone.arrived_at", time=f"0:{seconds:02d}")
    assert when in unescape(phone.inbox.value)  # the simulated time the text landed


@pytest.mark.parametrize("lang, held, released", [
    ("ja", "通信網で止まっています", "通信網が止めていた SMS(1通)"),
    ("en", "The network is holding the last text", "the network sends the texts it held (1)"),
])
def test_airplane_mode_holds_the_text_and_why_explains_it(lang, held, released):
    phone = make(lang)
    phone.toggles[Condition.AIRPLANE_MODE].value = True
    assert isinstance(phone.result, ConditionChange)
    assert phone.t("ui_phone.phone.signal.airplane") in phone.signal.value
    phone.ask.click()
    phone.forward[600].click()
    assert phone.line.view().inbox == ()
    phone.why.click()
    assert isinstance(phone.result, Explanation) and phone.result.state == "held"
    assert held in phone.report.value
    assert phone.t("ui_phone.common.fix") in phone.report.value  # the fix is shown
    phone.toggles[Condition.AIRPLANE_MODE].value = False
    assert released in unescape(phone.report.value)
    phone.forward[30].click()
    assert len(phone.line.view().inbox) == 1


def test_the_junk_list_is_shown_on_request_from_the_keyboard_checkbox():
    phone = make("en")
    phone.toggles[Condition.SPAM_FILTERED].value = True
    phone.ask.click()
    phone.forward[30].click()
    code = phone.line.view().junk[0].message.code
    assert code not in phone.inbox.value and phone.junk.value == ""
    phone.show_junk.value = True
    assert code in phone.junk.value and "Unknown senders" in phone.junk.value
    phone.why.click()
    assert "unknown senders list" in phone.report.value


@pytest.mark.parametrize("lang, expired, ready", [
    ("ja", "認証コードの有効期限が切れました", "新しいコードを頼めます"),
    ("en", "The code has expired", "A new code can be asked for"),
])
def test_fast_forward_lives_through_the_resend_wait_and_the_expiry(lang, expired, ready):
    phone = make(lang)
    phone.ask.click()
    phone.ask.click()
    assert phone.result.problem.code == "sms_resend_too_soon"
    assert "✘" in phone.report.value
    phone.forward[60].click()
    assert ready in phone.report.value
    phone.forward[600].click()
    assert expired in phone.report.value and expired in phone.status.value


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_lockout_never_shows_a_new_code_as_available(lang):
    # Issue #15.8: "The wait is over. A new code can be asked for" beside
    # "Locked after wrong codes: 14:00 left".
    phone = make(lang)
    phone.ask.click()
    phone.forward[30].click()
    code = phone.line.view().inbox[0].message.code
    for _ in range(phone.line.verifier.policy.max_wrong_attempts):
        phone.line.verify("999999" if code != "999999" else "888888")
    phone.forward[60].click()
    ready = course.t("ui_phone.phone.timer.resend_ready", lang)
    assert ready not in phone.timer.value
    assert course.t("settings_flow.events.resend_ready", lang) not in phone.report.value
    assert course.t("ui_phone.phone.timer.locked", lang, time="14:00") in phone.timer.value
    assert course.t("ui_phone.phone.timer.resend_in", lang, time="14:00") in phone.timer.value
    phone.forward[600].click()
    phone.forward[600].click()
    assert ready in phone.timer.value
    assert course.t("settings_flow.events.lockout_ended", lang) in phone.report.value
    assert course.t("settings_flow.events.resend_ready", lang) in phone.report.value


def test_a_standalone_phone_can_ask_while_a_paired_one_cannot():
    alone = make("en")
    paired = SimulatedPhone("en", standalone=False, **seeded(2))
    assert alone.ask in list(_buttons(alone.widget))
    assert paired.ask not in list(_buttons(paired.widget))


def _buttons(widget):
    return (w for w in walk(widget) if isinstance(w, widgets.Button))


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(presses=st.lists(st.one_of(
    st.sampled_from(["ask", "why", "junk", 30, 60, 600]),
    st.sampled_from(list(Condition.__members__.values()))), max_size=25))
def test_any_presses_never_raise_and_keep_the_clock_moving_forward(presses):
    phone = make("ja", seed=5)
    last = phone.line.clock.now()
    for press in presses:
        if press == "ask":
            phone.ask.click()
        elif press == "why":
            phone.why.click()
        elif press == "junk":
            phone.show_junk.value = not phone.show_junk.value
        elif isinstance(press, int):
            phone.forward[press].click()
        elif press in phone.toggles:
            phone.toggles[press].value = not phone.toggles[press].value
        assert phone.line.clock.now() >= last
        last = phone.line.clock.now()
    assert phone.last_error is None
    assert phone.status.value == "" or 'role="status"' in phone.status.value


def test_wrong_types_on_the_checkboxes_are_refused_by_traitlets():
    phone = make("en")
    box = phone.toggles[Condition.NO_SIGNAL]
    with pytest.raises(TraitError):
        box.value = "yes please"
    assert box.value is False and phone.last_error is None
    assert phone.line.phone.conditions == frozenset()


@pytest.mark.parametrize("lang, older", [("ja", "表示していない古いメッセージ:2通"),
                                         ("en", "Older messages not shown: 2.")])
def test_a_long_inbox_shows_the_newest_texts_and_counts_the_rest(lang, older):
    phone = make(lang)
    for _ in range(12):
        phone.ask.click()
        phone.forward[60].click()
    inbox = phone.line.view().inbox
    assert len(inbox) == 12
    assert phone.inbox.value.count("<li>") == 10 and older in phone.inbox.value
    assert inbox[0].message.code in phone.inbox.value  # the newest is always shown
