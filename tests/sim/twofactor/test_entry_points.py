"""No public entry point of the two-factor and attack simulators raises on bad input,
and every problem they report renders in both languages."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.sim.attacks.attack_runs import attack_matrix, run_attack
from course.sim.attacks.code_guessing import guessing_odds, simulate_guessing
from course.sim.core import errors
from course.sim.core.clock import SimulatedClock
from course.sim.core.errors import Refusal
from course.sim.twofactor.backup_codes import issue_backup_codes
from course.sim.twofactor.login import SimulatedSite
from course.sim.twofactor.methods import (
    TwoFactorSetup,
    apply_sms_rule,
    security_key_status,
    sms_two_factor_available,
    turn_off,
    turn_on,
)
from course.sim.twofactor.sms_codes import MobileNetwork, SmsCodeVerifier
from course.sim.twofactor.totp import AuthenticatorApp, TotpVerifier, enrol_totp
from course.sim.twofactor.webauthn import Authenticator, Browser, RelyingParty
from tests.helpers import examples

MODULES = ["twofactor/methods", "core/codes", "twofactor/sms_codes", "twofactor/login",
           "twofactor/totp", "twofactor/backup_codes", "twofactor/webauthn",
           "attacks/code_guessing", "attacks/attack_runs", "attacks/attack_figures"]
SIM = Path(__file__).resolve().parents[3] / "course" / "sim"

# Everything a learner (or a careless caller) might hand over.
hostile = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40), st.text(alphabet=st.characters(categories=["Cc", "Cf", "So"]),
                                  max_size=20),
    st.just("😀" * 500), st.just("9" * 100_000), st.just("１２３４５６"), st.just("\x00" * 6),
    st.binary(max_size=40), st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def renders(problem: Refusal | None) -> None:
    """A problem must render message, cause and fix in both languages."""
    if problem is None:
        return
    for part in errors.FIELDS:
        for lang in ("ja", "en"):
            assert problem.text(part, lang).strip()


def test_every_code_the_modules_can_report_is_in_the_catalog():
    used = set()
    for name in MODULES:
        source = (SIM / f"{name}.py").read_text(encoding="utf-8")
        used |= set(re.findall(r'Refusal\(\s*"([a-z_]+)"', source))
        used |= {f"twofactor_webauthn_{c}" for c in re.findall(r'_refuse\("([a-z_]+)"', source)}
    assert len(used) > 30
    assert sorted(used - set(errors.catalog())) == []
    mine = {c for c in errors.catalog() if c.startswith("twofactor_")}
    assert sorted(mine - used) == []  # no dead entries either


@settings(max_examples=examples(120), deadline=None)
@given(a=hostile, b=hostile)
def test_property_settings_entry_points(a, b):
    for result in (sms_two_factor_available(a, b), security_key_status(a, b),
                   turn_on(TwoFactorSetup(), a, is_subscriber=b, on_date=a),
                   turn_off(TwoFactorSetup(True, frozenset({"sms"})), a),
                   apply_sms_rule(TwoFactorSetup(), a, b), turn_on(a, "totp")):
        renders(result.problem)
        assert result.text("ja") and result.text("en")


@settings(max_examples=examples(120), deadline=None)
@given(typed=hostile)
def test_property_code_verifiers(typed):
    clock = SimulatedClock()
    enrolment = enrol_totp("sakura_demo", random.Random(1))
    network = MobileNetwork()
    network.activate("+81 50-0123-4567", "owner")  # fictional 050-0 range
    sms = SmsCodeVerifier(network, "+81 50-0123-4567", random.Random(2), clock)
    sms.send()
    backup = issue_backup_codes(random.Random(3), clock, 2, iterations=5).store
    for verifier in (TotpVerifier.for_enrolment(enrolment, clock), sms, backup):
        check = verifier.verify(typed)
        assert not check.accepted or isinstance(typed, str)
        renders(check.problem)
    renders(enrol_totp(typed, random.Random(1)).problem)
    renders(AuthenticatorApp(clock).add(typed))
    renders(issue_backup_codes(random.Random(1), clock, typed, iterations=5).problem)


@settings(max_examples=examples(80), deadline=None)
@given(a=hostile, b=hostile)
def test_property_webauthn_parties(a, b):
    rng = random.Random(4)
    rp = RelyingParty("x.com", "https://x.com", rng, SimulatedClock())
    browser = Browser(Authenticator(rng))
    renders(rp.finish_login(a).problem)
    renders(rp.finish_registration(a, b).problem)
    for result in (browser.sign_in(a, b), browser.register(a, b),
                   browser.sign_in(a, rp.login_options())):
        renders(result if isinstance(result, Refusal) else None)


@settings(max_examples=examples(80), deadline=None)
@given(a=hostile, b=hostile, c=hostile)
def test_property_guessing_and_attacks(a, b, c):
    renders(guessing_odds(digits=a, wrong_per_session=b, budget_seconds=c).problem)
    renders(simulate_guessing(a, b, digits=c).problem)
    renders(simulate_guessing(1, 20, lockout_seconds=a, seconds_per_attempt=b).problem)
    outcome = run_attack(a, b, relay_delay_seconds=c, backup_code_iterations=5)
    renders(outcome.problem)
    assert outcome.reason("ja") and outcome.reason("en")
    renders(attack_matrix(seed=a, relay_delay_seconds=b).problem)


@settings(max_examples=examples(60), deadline=None)
@given(a=hostile, b=hostile)
def test_property_the_simulated_site(a, b):
    network = MobileNetwork()
    site = SimulatedSite(random.Random(5), SimulatedClock(), network, handle="@sakura_demo",
                         password="correct horse", phone_number=None)
    for step in (site.start_login(a, b), site.submit_code(a, b), site.submit_assertion(a)):
        renders(step.problem)
    renders(site.reset_password(a, b).problem)
    assert site.request_password_reset(a) is False
    clock = SimulatedClock()
    app = AuthenticatorApp(clock)
    waiting = SimulatedSite(random.Random(6), clock, network, handle="@sakura_demo",
                            password="correct horse", phone_number=None)
    waiting.enable_totp(app)
    assert waiting.start_login("@sakura_demo", "correct horse").factor == "totp"
    renders(waiting.submit_code(a, b).problem)
    renders(waiting.submit_assertion(a).problem)
    assert app.code(a) is None or a == "@sakura_demo"


@pytest.mark.parametrize("code", sorted(c for c in errors.catalog() if c.startswith("twofactor_")))
def test_catalog_entries_are_the_courses_own_words_with_sources(code):
    entry = errors.error_entry(code)
    assert not entry.shown_by_x and entry.provenance.problems() == []
    assert entry.message["ja"] != entry.message["en"]
