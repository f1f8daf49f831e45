"""SIM swap and phishing relay against each method: the table comes out of the runs."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.facts.policy import value
from course.i18n import has_text
from course.sim.attacks.attack_runs import ATTACKS, METHODS, attack_matrix, run_attack
from course.sim.core.clock import SimulatedClock
from course.sim.twofactor import webauthn
from tests.helpers import examples


@pytest.fixture(scope="module")
def matrix():
    return attack_matrix()


def test_sim_swap_takes_what_arrives_by_sms_and_nothing_else(matrix):
    taken = {m for m in METHODS if matrix.outcome(m, "sim_swap").account_taken}
    assert taken == {"none", "sms", "passkey"}


def test_a_passkey_is_a_way_to_log_in_not_a_second_factor(matrix):
    # Issue #15.4: the table showed "Security key / passkey" holding against a SIM swap.
    # A passkey-only account still has a password: the SMS reset and a password login
    # take it, and a fake site simply asks for the password.
    assert "passkey" in METHODS and not matrix.holds("passkey")
    swap = matrix.outcome("passkey", "sim_swap")
    assert [s.action for s in swap.steps] == [
        "number_moved_to_attacker", "reset_code_received", "password_reset",
        "logged_in_with_password_beside_passkey"]
    relay = matrix.outcome("passkey", "relay")
    assert [s.action for s in relay.steps] == [
        "typed_password_instead_of_passkey", "password_relayed_passkey_unused"]
    assert relay.account_taken
    for outcome in (swap, relay):
        assert "passkey" in outcome.reason("en").lower() and "パスキー" in outcome.reason("ja")
    # What protects is named: a second factor, and (for synced passkeys) the platform account.
    assert "second factor" in swap.reason("en") and "Apple or Google" in swap.reason("en")
    labels = {row["method"]: row["label"] for row in matrix.rows("en")}
    assert "passkey" not in labels["security_key"].lower()


def test_a_relay_takes_every_typed_secret_but_not_a_security_key(matrix):
    held = {m for m in METHODS if matrix.outcome(m, "relay").held}
    assert held == {"security_key"}
    assert matrix.holds("security_key") and not matrix.holds("totp")


def test_the_steps_show_how_each_run_went(matrix):
    sms = matrix.outcome("sms", "sim_swap")
    assert [s.action for s in sms.steps] == [
        "number_moved_to_attacker", "reset_code_received", "password_reset",
        "asked_for_second_factor", "login_code_received", "sms_code_accepted"]
    totp = matrix.outcome("totp", "sim_swap")
    assert totp.decisive == "totp_code_rejected"
    assert totp.steps[-1].problem.code == "twofactor_code_wrong"
    key = matrix.outcome("security_key", "relay")
    assert [(s.action, s.problem.code) for s in key.steps if s.problem] == [
        ("key_has_no_credential_for_fake_site", "twofactor_webauthn_no_credential"),
        ("browser_refused_rp_id", "twofactor_webauthn_rp_id_not_allowed")]
    relay = matrix.outcome("totp", "relay")
    assert [s.actor for s in relay.steps] == ["victim", "attacker", "victim", "attacker"]
    assert relay.steps[-1].at == 2 * value("attacks.relay_delay_seconds")


def test_every_cell_has_a_reason_in_both_languages_from_the_deciding_step(matrix):
    for outcome in matrix.outcomes:
        for lang in ("ja", "en"):
            assert has_text(f"attacks.why.{outcome.attack}.{outcome.decisive}", lang), outcome
            assert outcome.reason(lang)
            assert all(step.text(lang) for step in outcome.steps)
    rows = matrix.rows("ja")
    assert [r["method"] for r in rows] == list(METHODS)
    assert rows[1]["label"].startswith("SMS") and rows[3]["sim_swap"] is True
    assert "SIM" in rows[2]["sim_swap_reason"]


def test_a_slow_relay_loses_the_app_code_first_and_the_sms_code_later():
    sms_life = value("twofactor.sms_login_code_lifetime_seconds")
    minute = {m: run_attack(m, "relay", relay_delay_seconds=120) for m in METHODS}
    assert not minute["totp"].account_taken and minute["sms"].account_taken
    assert minute["totp"].steps[-1].problem.code == "twofactor_code_expired"
    assert minute["backup_code"].account_taken  # backup codes do not expire
    slow = run_attack("sms", "relay", relay_delay_seconds=sms_life + 1)
    assert slow.held and slow.decisive == "relayed_code_rejected"


def test_a_relay_inside_the_drift_window_still_works():
    assert run_attack("totp", "relay", relay_delay_seconds=29).account_taken


def test_without_a_number_on_the_account_a_sim_swap_gets_nothing():
    outcome = run_attack("none", "sim_swap", phone_on_file=False)
    assert outcome.held and outcome.decisive == "no_number_on_account"
    assert run_attack("sms", "sim_swap", phone_on_file=False).problem.code == \
        "twofactor_sms_needs_number"


def test_with_a_browser_that_skips_origin_binding_the_site_still_refuses():
    outcome = run_attack("security_key", "relay", victim_browser_checks_rp_id=False)
    assert outcome.held
    codes = [s.problem.code for s in outcome.steps if s.problem]
    assert codes == ["twofactor_webauthn_no_credential", "twofactor_webauthn_origin_mismatch",
                     "twofactor_webauthn_bad_signature"]
    assert outcome.decisive == "site_rejected_rewritten_origin"


def test_the_security_key_holds_because_of_the_checks_not_a_rule(monkeypatch):
    # Break the cryptography and the relay through a careless browser succeeds:
    # the protection is the signature check, not a "phishing" flag.
    monkeypatch.setattr(webauthn, "signature_valid", lambda *args: True)
    outcome = run_attack("security_key", "relay", victim_browser_checks_rp_id=False)
    assert outcome.account_taken and outcome.decisive == "rewritten_assertion_accepted"


def test_the_origin_binding_alone_also_stops_the_relay(monkeypatch):
    # With origin binding switched off in the browser's rule, the key signs for x.com;
    # the site's origin check then stops it.
    monkeypatch.setattr(webauthn, "rp_id_allowed", lambda origin, rp_id: True)
    outcome = run_attack("security_key", "relay")
    assert outcome.held
    assert "twofactor_webauthn_origin_mismatch" in [s.problem.code for s in outcome.steps
                                                     if s.problem]


def test_runs_are_reproducible_from_the_injected_source_and_clock():
    one = run_attack("backup_code", "relay", rng=random.Random(3), clock=SimulatedClock(),
                     backup_code_iterations=10)
    two = run_attack("backup_code", "relay", rng=random.Random(3), clock=SimulatedClock(),
                     backup_code_iterations=10)
    assert one == two and one.account_taken
    assert attack_matrix(seed=4).outcomes == attack_matrix(seed=4).outcomes


@pytest.mark.parametrize("kwargs, code", [
    (dict(method="email", attack="relay"), "twofactor_attack_unknown_method"),
    (dict(method=None, attack="relay"), "twofactor_attack_unknown_method"),
    (dict(method="sms", attack="shoulder_surfing"), "twofactor_attack_unknown_attack"),
    (dict(method="sms", attack="relay", relay_delay_seconds=-1), "twofactor_attack_delay"),
    (dict(method="sms", attack="relay", relay_delay_seconds=float("nan")),
     "twofactor_attack_delay"),
    (dict(method="sms", attack="relay", relay_delay_seconds="5"), "twofactor_attack_delay"),
    (dict(method="sms", attack="relay", phone_on_file="yes"), "twofactor_bad_argument"),
    (dict(method="sms", attack="relay", rng=42), "twofactor_bad_argument"),
    (dict(method="sms", attack="relay", clock="now"), "twofactor_bad_argument"),
])
def test_bad_input_is_a_problem_not_a_crash(kwargs, code):
    outcome = run_attack(**kwargs)
    assert outcome.problem.code == code and not outcome.held and not outcome.account_taken
    assert outcome.reason("ja") and outcome.reason("en")


def test_a_bad_matrix_request_is_a_problem():
    assert attack_matrix(seed="0").problem.code == "twofactor_bad_argument"
    assert attack_matrix(relay_delay_seconds=10**9).problem.code == "twofactor_attack_delay"


anything = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12),
                     st.sampled_from(METHODS + ATTACKS))


@settings(max_examples=examples(40), deadline=None)
@given(method=anything, attack=anything, delay=anything, phone=anything)
def test_property_run_attack_never_raises(method, attack, delay, phone):
    outcome = run_attack(method, attack, relay_delay_seconds=delay, phone_on_file=phone,
                         backup_code_iterations=10)
    assert outcome.ok != (outcome.problem is not None)
    assert outcome.reason("ja") and outcome.reason("en")
    if outcome.ok:
        assert outcome.account_taken != outcome.held
