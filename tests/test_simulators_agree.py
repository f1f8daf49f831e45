"""Every simulator that reads a number, or a link, says the same thing about it.

One set of numbers (trunk 0 after +81, free-dial, IP phone, the course's
fictional ranges, foreign numbers, landlines and service numbers) goes
through the number checker, the phone settings flow with its simulated
phone, the accounts explorer and the SMS verifier, each driven as a learner
would. They must agree on what the number is (its E.164 form, its masked
form) and on whether a verification code can be sent to it (issue #15: the
flow sent codes to numbers the checker called unable to receive them; the
explorer kept a trunk 0 the others dropped and masked differently).

One set of links goes through every link check: the scam spotter's
``check_contact`` and the browser's origin check of the WebAuthn simulator.
They must agree on the host a link opens and on whether it is X's own.
"""

from __future__ import annotations

import random

import pytest

from course.facts.policy import value
from course.sim.accounts.accounts_explorer import AccountsLab
from course.sim.core.clock import SimulatedClock
from course.sim.numbers.fictional import fictional_example, ranges
from course.sim.numbers.number_checker import NumberCheck, check_number
from course.sim.scams.scam_spotter import check_contact, load_deck
from course.sim.sms.delivery import Condition, Fate, deliver
from course.sim.sms.simulated_phone import phone_number
from course.sim.sms.verification import SmsVerifier
from course.sim.twofactor.webauthn import origin_host, rp_id_allowed
from course.ui.accounts_explorer import AccountsExplorer
from course.ui.number_checker import NumberChecker
from course.ui.settings_flow import PhoneSettingsFlow
from tests.ui.phone_helpers import seeded


def _joined(*groups: str, sep: str = "-") -> str:
    # Real-looking service and foreign numbers are assembled at run time, so that no
    # shipped file holds a number that could be someone's (tests/test_shipped_numbers.py).
    return sep.join(groups)


NUMBERS: dict[str, str] = {
    "mobile": fictional_example("jp_mobile_090_0", 7),
    "trunk 0 after +81": "+81 " + fictional_example("jp_mobile_090_0", 7),
    "trunk 0 after +81, 070": "+81 " + fictional_example("jp_mobile_070_0", 3),
    "full-width digits": "０９０－０１２３－４５７４",
    "free-dial 0120": _joined("0120", "12" + "3", "45" + "6"),
    "free-dial 0800": _joined("0800", "12" + "3", "45" + "67"),
    "080-0 read as 0800": _joined("080", "01" + "23", "45" + "67"),
    "IP phone 050": fictional_example("jp_ip_050_0", 2),
    "landline 03-1": fictional_example("jp_fixed_tokyo_1", 2),
    "M2M 020": fictional_example("jp_m2m_020_0", 2),
    "navi-dial 0570": _joined("0570", "00" + "0", "00" + "0"),
    "premium 0990": _joined("0990", "12" + "3", "45" + "6"),
    "UK mobile": "+44 7700 900123",
    "UK mobile, trunk 0 kept": "+44 07700 900124",
    "US 555": "+1 202-555-0143",
    "Taiwan mobile": _joined("+886 912", "34" + "5", "67" + "8", sep=" "),
    "Australia mobile": _joined("+61 491", "57" + "0", "15" + "6", sep=" "),
    "too short": "090-0123-456",
    "010 before a domestic number": "010-" + fictional_example("jp_mobile_090_0", 9),
    **{f"fictional {r.id}": r.example for r in ranges()},
}
PHONE = phone_number()  # the simulated phone's own number


def _flow_to_number_screen(sim: PhoneSettingsFlow) -> None:
    for item in ("settings_and_privacy", "your_account", "account_information", "phone",
                 "update_phone_number"):
        sim.items[item].click()
    sim.password.value = sim.flow.account["password"]
    sim.password_next.click()


@pytest.fixture(scope="module")
def checked() -> dict[str, NumberCheck]:
    out = {}
    for name, typed in NUMBERS.items():
        sim = NumberChecker("en")
        sim.number.value = typed
        sim.check.click()
        assert sim.last_error is None
        out[name] = sim.result
    return out


def test_the_set_covers_every_kind_the_issue_names(checked):
    kinds = {c.number_type.value for c in checked.values() if c.valid}
    assert {"mobile", "voip", "fixed_line", "toll_free", "pager_m2m", "uan", "premium_rate",
            "fixed_line_or_mobile"} <= kinds
    assert any(not c.valid for c in checked.values())
    assert {c.region for c in checked.values() if c.valid} >= {"JP", "GB", "US", "TW", "AU"}
    sendable = [n for n, c in checked.items() if c.can_receive_sms]
    refused = [n for n, c in checked.items() if c.valid and not c.can_receive_sms]
    assert len(sendable) >= 6 and len(refused) >= 8


@pytest.mark.parametrize("name", list(NUMBERS))
def test_the_settings_flow_and_its_phone_agree_with_the_checker(name, checked):
    number = checked[name]
    sim = PhoneSettingsFlow("en", **seeded(3))
    _flow_to_number_screen(sim)
    sim.number.value = NUMBERS[name]
    sim.send.click()
    step = sim.result
    assert sim.last_error is None
    assert step.ok is number.can_receive_sms  # a code goes out exactly when it can
    assert step.masked == number.masked
    line = sim.phone.line
    if number.can_receive_sms:
        assert line.last_send.ok and line.last_send.to_masked == number.masked
        assert line.timer().to_masked == number.masked
        assert line.last_send.own_number is (number.e164 == check_number(PHONE).e164)
        assert number.masked in sim.sent_to.value
    else:
        assert line.last_send is None and line.timer() is None  # nothing was sent
        assert step.errors  # and the flow says why, as an error
        assert number.no_code_problem.code in [p.code for p in step.errors]
        assert sim.phone.line.explain().state == "none"


@pytest.mark.parametrize("name", list(NUMBERS))
def test_the_accounts_explorer_agrees_with_the_checker(name, checked):
    number = checked[name]
    sim = AccountsExplorer("en", plots=False)
    sim.handle.value = "hanako"
    sim.number.value = NUMBERS[name]
    step = sim.press("create")
    assert sim.last_error is None
    assert step.ok is number.can_receive_sms  # X links a number only after a code
    if number.can_receive_sms:
        assert sim.lab.registry.account("hanako").number == number.e164
        assert step.masked == step.accounts[0].masked_number == number.masked
        assert number.masked in sim.number_html.value
    else:
        assert step.problem.code == number.no_code_problem.code
        assert sim.lab.registry.accounts() == ()


@pytest.mark.parametrize("name", list(NUMBERS))
def test_the_verifier_and_the_delivery_model_agree_with_the_checker(name, checked):
    number = checked[name]
    verifier = SmsVerifier(SimulatedClock(), random.Random(1))
    sent = verifier.start(NUMBERS[name])
    assert sent.ok is number.can_receive_sms
    if sent.ok:
        assert sent.session.masked_number == number.masked
    delivery = deliver(NUMBERS[name], clock=SimulatedClock(), rng=random.Random(1))
    assert (delivery.fate is not Fate.NOT_SENT) is number.can_receive_sms
    if number.valid and not number.can_receive_sms:
        assert delivery.stopped_by is Condition.NUMBER_CANNOT_RECEIVE


@pytest.mark.parametrize("name", list(NUMBERS))
def test_the_accounts_lab_reads_the_number_the_checker_reads(name, checked):
    # The same typed text, the same E.164 number: "+81 090..." is not a different number.
    number = checked[name]
    lab = AccountsLab()
    step = lab.inspect(NUMBERS[name])
    if number.can_receive_sms:
        assert step.ok and step.status.accounts == () and step.masked == number.masked
        lab.create("a", None, NUMBERS[name])
        assert lab.registry.accounts_on(number.e164) == ("a",)
    else:
        assert not step.ok


LINKS: dict[str, tuple[str, bool]] = {  # link: (the host a browser opens, is it X's own)
    "https://x.com/home": ("x.com", True),
    "https://help.x.com/ja/forms": ("help.x.com", True),
    "https://twitter.com/settings": ("twitter.com", True),
    "https://x.com:443/login": ("x.com", True),
    "https://user@x.com/": ("x.com", True),
    "https://x.com@x-com-login.example/": ("x-com-login.example", False),
    "https://evil.example/@x.com": ("evil.example", False),
    "https://x-support.example/reset?email=sakura@x.com": ("x-support.example", False),
    "https://x-support.example/login#@x.com": ("x-support.example", False),
    "https://x.com.verify.example/": ("x.com.verify.example", False),
    "https://x-com-support.example/login": ("x-com-support.example", False),
    "https://xcom.example/": ("xcom.example", False),
    "https://help.x.com.evil.example/": ("help.x.com.evil.example", False),
    "HTTPS://X.COM/": ("x.com", True),
    "https://192.0.2.10/login": ("192.0.2.10", False),
    "https://x.com/sakura_demo/status/1234567890123": ("x.com", True),
}


@pytest.mark.parametrize("link", list(LINKS))
def test_every_link_check_agrees_on_the_host_and_whether_it_is_x(link):
    host, official = LINKS[link]
    contact = check_contact(link)
    assert contact.problem is None
    assert [h.host for h in contact.hosts] == [host]
    assert (contact.hosts[0].kind == "official") is official
    assert ("lookalike_domain" in contact.cues) is not official
    assert contact.numbers == 0  # digits inside a link are not a phone number
    # The browser of the WebAuthn simulator: which site's keys may this page use?
    assert origin_host(link) == host
    allowed = any(rp_id_allowed(link, h) for h in load_deck().official_hosts)
    assert allowed is official
    real = str(value("twofactor.security_key_rp_id"))
    assert rp_id_allowed(link, real) is (host == real or host.endswith("." + real))
