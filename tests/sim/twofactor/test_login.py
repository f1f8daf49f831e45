"""The simulated x.com login the attack runs go through."""

from __future__ import annotations

import random

import pytest

from course.facts.policy import value
from course.sim.core.clock import SimulatedClock
from course.sim.twofactor.login import SimulatedSite
from course.sim.twofactor.sms_codes import MobileNetwork
from course.sim.twofactor.totp import AuthenticatorApp
from course.sim.twofactor.webauthn import Authenticator, Browser

NUMBER = "+81 70-0123-4567"  # data/fictional_numbers.yaml, jp_mobile_070_0
HANDLE, PASSWORD = "@sakura_demo", "correct horse battery"


def site(phone=NUMBER):
    rng, clock, network = random.Random(1), SimulatedClock(), MobileNetwork()
    network.activate(NUMBER, "owner")
    return SimulatedSite(rng, clock, network, handle=HANDLE, password=PASSWORD,
                         phone_number=phone), network, clock


def test_without_two_factor_the_password_logs_in():
    s, _, _ = site()
    assert s.start_login(HANDLE, PASSWORD).logged_in
    assert s.start_login(HANDLE, "wrong").problem.code == "twofactor_login_failed"


def test_sms_second_factor():
    s, network, _ = site()
    assert s.enable_sms() is None
    step = s.start_login(HANDLE, PASSWORD)
    assert step.stage == "second_factor" and step.factor == "sms"
    code = network.latest("owner", "login").code
    assert s.submit_code("sms", "000000" if code != "000000" else "111111").stage == \
        "second_factor"
    assert s.submit_code("sms", code).logged_in
    assert s.submit_code("sms", code).problem.code == "twofactor_no_login_pending"


def test_app_second_factor_and_backup_code_as_the_alternative():
    s, _, clock = site()
    app = AuthenticatorApp(clock)
    s.enable_totp(app)
    codes = s.issue_backup_codes(count=2, iterations=10).reveal()
    assert s.start_login(HANDLE, PASSWORD).factor == "totp"
    assert s.submit_code("totp", app.code(HANDLE)).logged_in
    s.start_login(HANDLE, PASSWORD)
    assert s.submit_code("backup_code", codes[0]).logged_in
    s.start_login(HANDLE, PASSWORD)
    assert s.submit_code("backup_code", codes[0]).problem.code == "twofactor_backup_code_wrong"
    assert s.submit_code("sms", "123456").problem.code == "twofactor_method_unknown"


def test_security_key_second_factor():
    s, _, _ = site()
    browser = Browser(Authenticator(random.Random(2)))
    assert s.enable_security_key(browser).accepted
    step = s.start_login(HANDLE, PASSWORD)
    assert step.factor == "security_key" and step.webauthn_options.rp_id == "x.com"
    assert s.submit_assertion(browser.sign_in(s.origin, step.webauthn_options)).logged_in
    assert s.submit_assertion(None).problem.code == "twofactor_no_login_pending"


def test_sms_without_a_number_is_a_problem():
    s, _, _ = site(phone=None)
    assert s.enable_sms().code == "twofactor_sms_needs_number"
    assert not s.request_password_reset(HANDLE)


def test_a_reset_changes_the_password_but_the_second_factor_stays():
    s, network, clock = site()
    s.enable_totp(AuthenticatorApp(clock))
    assert s.reset_password("123456", "new password 1").code == "twofactor_no_code_sent"
    assert s.request_password_reset(HANDLE)
    code = network.latest("owner", "password_reset").code
    assert s.reset_password(code, "short").code == "twofactor_bad_argument"
    assert s.reset_password(code, "new password 1").accepted
    assert s.start_login(HANDLE, PASSWORD).stage == "refused"
    assert value("attacks.password_reset_needs_second_factor") is True
    assert s.start_login(HANDLE, "new password 1").factor == "totp"


def test_wrong_passwords_lock_the_login():
    s, _, _ = site()
    for _ in range(value("twofactor.code_max_wrong_attempts")):
        s.start_login(HANDLE, "guess")
    assert s.start_login(HANDLE, PASSWORD).problem.code == "twofactor_locked"


@pytest.mark.parametrize("handle, password", [(None, PASSWORD), (HANDLE, None), (HANDLE, 3),
                                              (HANDLE, "x" * 5000), ("", "")])
def test_odd_credentials_are_refused_not_raised(handle, password):
    s, _, _ = site()
    assert s.start_login(handle, password).stage == "refused"
