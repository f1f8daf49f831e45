"""The 2023 SMS rule, turning methods on and off, email, and the Nov 2025 key move."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from course.facts.policy import policy
from course.sim.twofactor.methods import (
    TWO_FACTOR_METHODS,
    TwoFactorSetup,
    apply_sms_rule,
    is_two_factor_method,
    method_summary,
    parse_day,
    security_key_status,
    sms_two_factor_available,
    turn_off,
    turn_on,
)
from tests.helpers import cited


def test_the_dates_come_from_policy_with_sources():
    enrol = policy("twofactor.sms_enrolment_subscribers_only_from")
    use = policy("twofactor.sms_use_subscribers_only_from")
    assert (enrol.value, use.value) == ("2023-02-15", "2023-03-20")
    assert "siliconrepublic" in cited(enrol) and "financialexpress" in cited(use)
    assert enrol.status == use.status == "reported"


@pytest.mark.parametrize("subscriber, day, enrol, keep, reason", [
    (False, "2023-02-14", True, True, "open_to_all"),
    (True, "2023-02-14", True, True, "open_to_all"),
    (False, "2023-02-15", False, True, "grace_period"),
    (False, "2023-03-19", False, True, "grace_period"),
    (False, "2023-03-20", False, False, "subscribers_only"),
    (False, "2026-01-01", False, False, "subscribers_only"),
    (True, "2023-02-15", True, True, "subscriber"),
    (True, "2026-01-01", True, True, "subscriber"),
])
def test_sms_rule_on_each_side_of_the_two_dates(subscriber, day, enrol, keep, reason):
    rule = sms_two_factor_available(subscriber, day)
    assert (rule.can_enrol, rule.can_keep_using, rule.reason) == (enrol, keep, reason)
    assert rule.ok and rule.text("ja") and rule.text("en")


def test_dates_may_be_date_datetime_or_iso_text():
    expected = date(2023, 3, 20)
    assert parse_day(expected) == parse_day("2023-03-20") == expected
    assert parse_day(datetime(2023, 3, 20, 23, 59, tzinfo=timezone.utc)) == expected
    assert parse_day(" 2023-03-20 ") == expected


@pytest.mark.parametrize("subscriber, day, code", [
    ("yes", "2023-03-20", "twofactor_subscriber_flag_invalid"),
    (1, "2023-03-20", "twofactor_subscriber_flag_invalid"),
    (None, "2023-03-20", "twofactor_subscriber_flag_invalid"),
    (True, "20/03/2023", "twofactor_date_invalid"),
    (True, "", "twofactor_date_invalid"),
    (True, None, "twofactor_date_invalid"),
    (True, 20230320, "twofactor_date_invalid"),
    (True, "2023-03-20" * 10, "twofactor_date_invalid"),
    (True, "2023-02-30", "twofactor_date_invalid"),
])
def test_bad_input_to_the_sms_rule_is_a_problem(subscriber, day, code):
    rule = sms_two_factor_available(subscriber, day)
    assert rule.problem.code == code and not rule.can_enrol and not rule.can_keep_using
    assert rule.text("ja") and rule.text("en")


def test_turning_sms_off_keeps_the_phone_number():
    on = turn_on(TwoFactorSetup(), "sms", is_subscriber=True, on_date="2024-05-01")
    assert on.ok and on.setup == TwoFactorSetup(True, frozenset({"sms"}))
    off = turn_off(on.setup, "sms")
    assert off.setup == TwoFactorSetup(True, frozenset())
    assert off.notice == "number_kept" and "電話番号" in off.text("ja")
    assert policy("twofactor.sms_disable_keeps_phone_number").value is True


def test_a_non_subscriber_cannot_turn_sms_on_after_the_enrolment_cutoff():
    refused = turn_on(TwoFactorSetup(), "sms", is_subscriber=False, on_date="2023-02-15")
    assert refused.problem.code == "twofactor_sms_subscribers_only"
    assert refused.setup == TwoFactorSetup()
    allowed = turn_on(TwoFactorSetup(), "sms", is_subscriber=False, on_date="2023-02-14")
    assert allowed.ok


def test_on_20_march_2023_a_non_subscribers_sms_is_switched_off_but_the_number_stays():
    setup = TwoFactorSetup(True, frozenset({"sms", "totp"}))
    grace = apply_sms_rule(setup, False, "2023-03-19")
    assert grace.setup == setup and grace.notice == "unchanged"
    after = apply_sms_rule(setup, False, "2023-03-20")
    assert after.setup == TwoFactorSetup(True, frozenset({"totp"}))
    assert after.notice == "sms_turned_off_by_x"
    assert apply_sms_rule(setup, True, "2023-03-20").setup == setup


def test_authenticator_app_and_security_key_are_free_to_turn_on():
    for method in ("totp", "security_key"):
        change = turn_on(TwoFactorSetup(), method, is_subscriber=False, on_date="2026-01-01")
        assert change.ok and change.setup.methods == {method}
        assert not change.setup.phone_number_on_file
        assert policy(f"twofactor.method_{method}").value["subscribers_only"] is False


def test_email_is_not_a_two_factor_method_and_the_data_says_so_with_a_source():
    facts = policy("twofactor.method_email")
    assert facts.value["two_factor"] is False and facts.status == "documented"
    assert set(facts.value["used_for"]) == {"login_challenge", "recovery"}
    assert "nist.gov" in cited(facts) and "x-help-2fa-2019" in facts.sources
    assert not is_two_factor_method("email")
    change = turn_on(TwoFactorSetup(), "email")
    assert change.problem.code == "twofactor_email_not_a_method"
    assert "メール" in change.text("ja")
    assert [m for m in TWO_FACTOR_METHODS if is_two_factor_method(m)] == list(TWO_FACTOR_METHODS)


@pytest.mark.parametrize("method, code", [
    ("passkey", "twofactor_passkey_is_a_login_method"), ("fax", "twofactor_method_unknown"),
    (None, "twofactor_method_unknown"), (3, "twofactor_method_unknown"),
    ("", "twofactor_method_unknown"),
])
def test_unknown_methods_are_problems(method, code):
    assert turn_on(TwoFactorSetup(), method).problem.code == code
    assert turn_off(TwoFactorSetup(), method).problem.code == code


def test_setup_functions_refuse_a_setup_that_is_not_one():
    for call in (lambda: turn_on("setup", "totp"), lambda: turn_off({}, "sms"),
                 lambda: apply_sms_rule(None, False, "2023-03-20")):
        assert call().problem.code == "twofactor_bad_argument"


@pytest.mark.parametrize("rp_id, day, status", [
    ("x.com", "2025-11-11", "ok"),
    ("twitter.com", "2025-11-09", "reenrol_before_deadline"),
    ("twitter.com", "2025-11-10", "locked_until_reenrolled"),
])
def test_keys_tied_to_twitter_com_had_to_be_re_enrolled_by_10_november_2025(rp_id, day, status):
    result = security_key_status(rp_id, day)
    assert result.status == status and result.deadline == date(2025, 11, 10)
    assert result.text("ja") and result.text("en")
    if status != "ok":
        assert "2025-11-10" in result.text("en")


def test_key_status_refuses_unknown_rp_ids_and_bad_dates():
    assert security_key_status("x-com-login.example", "2025-12-01").problem.code == \
        "twofactor_rp_id_unknown"
    assert security_key_status("x.com", "soon").problem.code == "twofactor_date_invalid"


def test_method_summary_lists_methods_and_channels_with_sources():
    rows = {r["method"]: r for r in method_summary()}
    assert set(rows) == {"sms", "totp", "security_key", "email", "passkey"}
    assert rows["sms"]["two_factor"] and not rows["email"]["two_factor"]
    assert all(r["sources"] for r in rows.values())
