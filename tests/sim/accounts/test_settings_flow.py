"""course.sim.accounts.settings_flow: the settings screens, the password, the number, the
code and the account rules, driven as a learner would."""

from __future__ import annotations

import random

import pytest

from course.i18n import LANGUAGES
from course.sim.accounts.settings_flow import (
    MENUS,
    PATH,
    Screen,
    SettingsFlow,
    Situation,
    build_registry,
    countries,
    demo_account,
)
from course.sim.core.clock import SimulatedClock
from course.sim.numbers.fictional import fictional_example
from course.sim.sms.simulated_phone import PhoneLine, phone_number
from course.sim.sms.verification import VerifyOutcome

PASSWORD = demo_account()["password"]
TO_PHONE_SCREEN = ("settings_and_privacy", "your_account", "account_information", "phone")


def make_flow(situation: str | Situation = Situation.FRESH, seed: int = 1) -> SettingsFlow:
    line = PhoneLine(SimulatedClock(), random.Random(seed), random.Random(seed + 100))
    return SettingsFlow(line, situation)


def to_number_screen(flow: SettingsFlow) -> None:
    for item in (*TO_PHONE_SCREEN, "update_phone_number"):
        assert flow.open(item).ok
    assert flow.enter_password(PASSWORD).screen is Screen.NUMBER


def read_code(flow: SettingsFlow) -> str:
    """Let the text arrive and read the newest code on the phone, as a learner would."""
    flow.line.fast_forward(30)
    inbox = flow.line.view().inbox
    assert inbox, "the text should have arrived within 30 s"
    return inbox[0].message.code


def test_the_real_path_leads_to_the_password_screen_with_breadcrumbs():
    flow = make_flow()
    assert flow.screen is Screen.MENU
    steps = [flow.open(item) for item in (*TO_PHONE_SCREEN, "update_phone_number")]
    assert [s.screen for s in steps] == [Screen.SETTINGS, Screen.YOUR_ACCOUNT,
                                         Screen.ACCOUNT_INFO, Screen.PHONE, Screen.PASSWORD]
    assert steps[-1].breadcrumbs == PATH[:6] and steps[-1].breadcrumbs[0] is Screen.MENU
    assert all(s.ok and not s.problems for s in steps)


@pytest.mark.parametrize("screen, item", [
    (Screen.SETTINGS, "security_and_account_access"),
    (Screen.SETTINGS, "privacy_and_safety"),
    (Screen.ACCOUNT_INFO, "email"),
])
def test_a_wrong_turn_gives_a_hint_in_both_languages_and_does_not_move(screen, item):
    flow = make_flow()
    for step_item in TO_PHONE_SCREEN[:PATH.index(screen)]:
        flow.open(step_item)
    assert flow.screen is screen
    step = flow.open(item)
    assert not step.ok and step.screen is screen and not step.problems
    texts = step.notes[0].both()
    assert set(texts) == set(LANGUAGES) and texts["ja"] != texts["en"]
    assert "Your account" in texts["en"] or "Phone" in texts["en"]


def test_an_item_of_another_screen_is_refused_with_a_catalog_problem():
    flow = make_flow()
    step = flow.open("update_phone_number")  # it is on the Phone screen, not the first one
    assert step.codes == ("flow_unknown_item",) and flow.screen is Screen.MENU
    assert "update_phone_number" in step.problems[0].text("message", "en")


def test_back_walks_the_path_and_done_goes_back_to_the_phone_screen():
    flow = make_flow()
    assert flow.back().notes[0].key == "notes.at_top"
    to_number_screen(flow)
    assert flow.back().screen is Screen.PASSWORD
    assert flow.back().screen is Screen.PHONE
    assert flow.back().screen is Screen.ACCOUNT_INFO
    flow.open("phone")
    flow.open("update_phone_number")
    flow.enter_password(PASSWORD)
    flow.enter_number("JP", phone_number())
    assert flow.enter_code(read_code(flow)).screen is Screen.DONE
    assert flow.back().screen is Screen.PHONE


def test_the_password_is_checked_and_never_kept_in_the_step():
    flow = make_flow()
    for item in (*TO_PHONE_SCREEN, "update_phone_number"):
        flow.open(item)
    wrong = flow.enter_password("tulip")
    assert wrong.codes == ("flow_wrong_password",) and flow.screen is Screen.PASSWORD
    assert wrong.problems[0].text("fix", "ja") and "password" in wrong.problems[0].text(
        "message", "en").lower()
    right = flow.enter_password(PASSWORD)
    assert right.ok and right.screen is Screen.NUMBER
    assert PASSWORD not in repr(right) and PASSWORD not in repr(wrong)


def test_forms_refuse_to_run_on_the_wrong_screen():
    flow = make_flow()
    assert flow.enter_password(PASSWORD).codes == ("flow_wrong_screen",)
    assert flow.enter_number("JP", phone_number()).codes == ("flow_wrong_screen",)
    assert flow.enter_code("123456").codes == ("flow_wrong_screen",)
    assert flow.resend().codes == ("flow_wrong_screen",)
    assert flow.screen is Screen.MENU


def test_countries_start_with_japan_and_carry_their_calling_codes():
    listed = countries()
    assert listed[0].region == "JP" and listed[0].calling_code == 81
    assert {("US", 1), ("GB", 44)} <= {(c.region, c.calling_code) for c in listed}
    assert listed[0].label("ja") == "日本 (+81)" and listed[0].label("en") == "Japan (+81)"


def test_the_whole_update_links_the_number_and_shows_it_masked():
    flow = make_flow()
    to_number_screen(flow)
    sent = flow.enter_number("JP", phone_number(), True)
    assert sent.ok and sent.screen is Screen.CODE
    assert sent.masked == "090-****-4568" and sent.send.own_number
    assert "090-****-4568" in sent.notes[0].text("ja")
    assert flow.current_number() is None
    done = flow.enter_code(read_code(flow))
    assert done.ok and done.screen is Screen.DONE and done.link.ok
    assert done.current == "090-****-4568" == flow.current_number()
    assert [n.key for n in done.notes] == ["notes.updated", "notes.ads_on"]
    assert flow.ads_use is True
    assert flow.registry.accounts_on(flow.line.phone.number.e164) == (demo_account()["handle"],)


def test_the_number_is_read_for_the_chosen_country():
    flow = make_flow()
    to_number_screen(flow)
    # The phone's number written without its trunk 0, after choosing Japan (+81).
    national = phone_number().replace("-", "")[1:]
    step = flow.enter_number("JP", national)
    assert step.ok and step.send.own_number
    flow2 = make_flow()
    to_number_screen(flow2)
    # The same digits with the UK chosen read as a UK premium-rate number: the checker
    # warns that it may be the Japanese number, and no code is sent to it at all.
    step2 = flow2.enter_number("GB", phone_number())
    assert "number_maybe_foreign" in step2.codes and not step2.ok and step2.send is None
    warning = next(p for p in step2.problems if p.code == "number_maybe_foreign")
    assert "+81 90-****-4568" in warning.text("fix", "en")  # masked, even in the hint
    assert all(p.text("fix", lang) for p in step2.problems for lang in LANGUAGES)


@pytest.mark.parametrize("typed, code", [
    ("", "number_empty"),
    ("090-0123-456", "number_too_short"),
    ("abc", "number_contains_letters"),
    ("0123", "number_too_short"),
])
def test_an_unusable_number_stays_on_the_form_with_every_problem_and_its_fix(typed, code):
    flow = make_flow()
    to_number_screen(flow)
    step = flow.enter_number("JP", typed)
    assert not step.ok and flow.screen is Screen.NUMBER and code in step.codes
    assert step.send is None  # nothing was sent
    for problem in step.errors:
        assert problem.text("message", "ja") != problem.text("message", "en")
        assert problem.text("fix", "ja") and problem.text("fix", "en")


def _joined(*groups: str) -> str:
    # Service numbers are assembled at run time: written whole they could be a real line.
    return "-".join(groups)


NO_SMS_NUMBERS = [
    (fictional_example("jp_ip_050_0", 5), "number_voip_usually_fails"),
    (fictional_example("jp_fixed_tokyo_1", 5), "number_fixed_line_no_sms"),
    (fictional_example("jp_m2m_020_0", 5), "number_m2m_no_sms"),
    (_joined("0120", "12" + "3", "45" + "6"), "number_service_number_no_sms"),
    (_joined("0800", "12" + "3", "45" + "67"), "number_service_number_no_sms"),
    (_joined("080", "01" + "23", "45" + "67"), "number_service_number_no_sms"),
    (_joined("0570", "00" + "0", "00" + "0"), "number_service_number_no_sms"),
    (_joined("0990", "12" + "3", "45" + "6"), "number_service_number_no_sms"),
]


@pytest.mark.parametrize("typed, code", NO_SMS_NUMBERS)
def test_a_number_that_cannot_take_the_code_stops_the_flow(typed, code):
    # Issue #15.5: these reached the code screen ("A code was sent ...") beside the
    # warning that no code can be sent to them.
    flow = make_flow()
    to_number_screen(flow)
    step = flow.enter_number("JP", typed)
    assert not step.ok and flow.screen is Screen.NUMBER
    assert step.send is None and flow.timer() is None and flow.line.last_send is None
    assert code in [p.code for p in step.errors]
    assert not any(n.key == "notes.code_sent" for n in step.notes)


def test_a_typo_sends_the_code_to_someone_else():
    flow = make_flow()
    to_number_screen(flow)
    typo = fictional_example("jp_mobile_090_0", 2)  # one digit off the phone's number
    step = flow.enter_number("JP", typo)
    assert step.ok and not step.send.own_number
    flow.line.fast_forward(60)
    assert flow.line.view().inbox == ()
    assert flow.line.explain().problems[0].code == "delivery_wrong_number"


def test_wrong_codes_count_down_then_lock_and_the_lockout_passes_with_time():
    flow = make_flow()
    to_number_screen(flow)
    flow.enter_number("JP", phone_number())
    code = read_code(flow)
    wrong = "000000" if code != "000000" else "111111"
    limit = flow.line.verifier.policy.max_wrong_attempts
    steps = [flow.enter_code(wrong) for _ in range(limit)]
    assert [s.verify.outcome for s in steps[:-1]] == [VerifyOutcome.WRONG_CODE] * (limit - 1)
    assert steps[-1].verify.outcome is VerifyOutcome.LOCKED_OUT
    assert steps[-1].codes == ("sms_locked_out",) and flow.screen is Screen.CODE
    assert flow.enter_code(code).verify.outcome is VerifyOutcome.LOCKED_OUT
    jump = flow.line.fast_forward(flow.line.verifier.policy.lockout_seconds)
    assert jump.lockout_ended
    assert flow.resend().ok
    assert flow.enter_code(read_code(flow)).ok


def test_a_code_typed_after_expiry_is_refused_and_a_resend_works_after_the_wait():
    flow = make_flow()
    to_number_screen(flow)
    flow.enter_number("JP", phone_number())
    code = read_code(flow)
    jump = flow.line.fast_forward(600)
    assert jump.code_expired and jump.resend_ready and not jump.lockout_ended
    step = flow.enter_code(code)
    assert step.verify.outcome is VerifyOutcome.EXPIRED and step.codes == ("sms_code_expired",)
    resent = flow.resend()
    assert resent.ok and resent.notes[0].key == "notes.code_resent"
    too_soon = flow.resend()
    assert too_soon.codes == ("sms_resend_too_soon",)
    assert flow.enter_code(code).verify.outcome is VerifyOutcome.REPLACED
    assert flow.enter_code(read_code(flow)).ok


@pytest.mark.parametrize("situation, code", [
    (Situation.SHARED_LIMIT, "number_limit_reached"),
    (Situation.SUSPENDED_HOLDER, "number_on_suspended_account"),
    (Situation.RECENTLY_REMOVED, "number_in_cooldown"),
])
def test_account_rules_refuse_a_verified_number_with_their_catalog_message(situation, code):
    flow = make_flow(situation)
    to_number_screen(flow)
    assert flow.enter_number("JP", phone_number()).ok
    step = flow.enter_code(read_code(flow))
    assert not step.ok and step.codes == (code,) and step.screen is Screen.NUMBER
    assert step.verify.ok and not step.link.ok
    assert step.notes[0].key == "notes.verified_but_refused"
    assert all(step.problems[0].text(part, lang)
               for part in ("message", "cause", "fix") for lang in LANGUAGES)


def test_the_account_s_own_number_is_answered_before_any_code_is_sent():
    # Issue #15.7: "already yours" promised that the update would go through, sent a
    # code, then refused. The simulator now says so at once (an assumption it labels).
    flow = make_flow(Situation.ALREADY_YOURS)
    assert Situation.ALREADY_YOURS.rule == "settings_flow.same_number_answer"
    to_number_screen(flow)
    step = flow.enter_number("JP", "+81 " + phone_number()[1:])
    assert not step.ok and step.codes[-1] == "number_already_on_account"
    assert step.screen is Screen.NUMBER and step.send is None and flow.timer() is None
    assert flow.current_number() == "090-****-4568"


def test_the_limit_message_is_the_reported_x_wording():
    flow = make_flow(Situation.SHARED_LIMIT)
    to_number_screen(flow)
    flow.enter_number("JP", phone_number())
    problem = flow.enter_code(read_code(flow)).problems[0]
    assert problem.shown_by_x
    assert problem.text("message", "ja") == "この電話番号は既に使われています"
    assert "10" in problem.text("cause", "en")


def test_the_situations_build_the_history_they_promise():
    clock = SimulatedClock()
    e164 = "+819001234568"
    account = demo_account()
    assert build_registry(Situation.FRESH, clock, e164, account).accounts_on(e164) == ()
    shared = build_registry(Situation.SHARED_LIMIT, clock, e164, account)
    assert len(shared.accounts_on(e164)) == shared.rules.max_accounts_per_number
    status = build_registry(Situation.RECENTLY_REMOVED, clock, e164, account).number_status(e164)
    assert status.accounts == () and status.cooldown_until is not None
    assert 26 * 86400 < status.cooldown_until - clock.now() < 28 * 86400
    mine = build_registry(Situation.ALREADY_YOURS, clock, e164, account)
    assert mine.accounts_on(e164) == (account["handle"],)
    assert clock.now() == SimulatedClock().now()  # setting up never moves the learner's clock


def test_start_over_keeps_or_changes_the_situation_and_refuses_unknown_ones():
    flow = make_flow()
    to_number_screen(flow)
    assert flow.start_over().screen is Screen.MENU and flow.situation is Situation.FRESH
    step = flow.start_over("shared_limit")
    assert step.ok and flow.situation is Situation.SHARED_LIMIT
    bad = flow.start_over("nope")
    assert bad.codes == ("flow_unknown_situation",) and flow.situation is Situation.SHARED_LIMIT


def test_bad_country_and_bad_ads_value_are_problems_not_exceptions():
    flow = make_flow()
    to_number_screen(flow)
    assert flow.enter_number("FR", phone_number()).codes == ("flow_unknown_country",)
    assert flow.enter_number(None, phone_number()).codes == ("flow_unknown_country",)
    assert flow.enter_number("JP", phone_number(), "yes").codes == ("flow_bad_input",)
    assert flow.screen is Screen.NUMBER


def test_every_menu_item_has_a_label_and_every_wrong_turn_a_hint_in_both_languages():
    from course.i18n import t

    for screen, entries in MENUS.items():
        assert t(f"settings_flow.screens.{screen.value}", "ja")
        for item, target in entries:
            assert t(f"settings_flow.items.{item}", "ja") != t(f"settings_flow.items.{item}", "en")
            if target is None:
                hint = f"settings_flow.hints.{item}"
                assert t(hint, "ja") and t(hint, "en")
