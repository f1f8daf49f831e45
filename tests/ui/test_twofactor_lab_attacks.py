"""The two-factor lab's attack part, headless: the table from actual runs, one
attack step by step, the 2023 SMS rule and Google's 2019 figures, in ja and en."""

from __future__ import annotations

import re
from datetime import date

import pytest

from course.sim.attacks.attack_runs import ATTACKS, METHODS
from course.sim.attacks.twofactor_attacks import Walkthrough, attack_table
from course.sim.twofactor.methods import SmsRule
from course.ui.twofactor_lab import AttackLab
from tests.ui.test_twofactor_lab import shown_text

LANGS = ["ja", "en"]
HELD = {"ja": "✔ 守れた", "en": "✔ Held"}
TAKEN = {"ja": "✘ 乗っ取られた", "en": "✘ Taken over"}


def table_cells(html: str) -> dict[str, list[str]]:
    """Row header -> cell texts of the comparison table."""
    rows = {}
    for row in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", html):
        header, rest = row.split("</th>", 1)
        rows[header] = re.findall(r"<td>(.*?)</td>", rest)
    return rows


@pytest.mark.parametrize("lang", LANGS)
def test_the_table_shows_every_run_with_its_verdict_and_reason(lang):
    sim = AttackLab(lang)
    matrix = attack_table()
    assert sim.result is not None
    rows = table_cells(sim.table.value)
    assert len(rows) == len(METHODS)
    for row in matrix.rows(lang):
        cells = rows[str(row["label"])]
        for cell, attack in zip(cells, ATTACKS, strict=True):
            outcome = matrix.outcome(str(row["method"]), attack)
            word = HELD[lang] if outcome.held else TAKEN[lang]
            assert word in cell
            assert outcome.reason(lang).replace("'", "&#x27;") in cell
    assert "<caption>" in sim.table.value and 'scope="col"' in sim.table.value


def test_the_table_tells_sms_from_app_from_key():
    rows = table_cells(AttackLab("en").table.value)
    sim_swap = {label: cells[0].startswith("<strong>✔") for label, cells in rows.items()}
    relay = {label: cells[1].startswith("<strong>✔") for label, cells in rows.items()}
    passkey = "Passkey only (a way to log in, no second factor)"  # issue #15.4: its own row
    assert sim_swap == {"No two-factor": False, "SMS (text message)": False,
                        "Authentication app": True, "Security key": True, passkey: False,
                        "Backup code": True}
    assert relay == {"No two-factor": False, "SMS (text message)": False,
                     "Authentication app": False, "Security key": True, passkey: False,
                     "Backup code": False}


@pytest.mark.parametrize("lang", LANGS)
def test_stepping_through_a_sim_swap_against_sms_one_step_at_a_time(lang):
    sim = AttackLab(lang)
    sim.attack.value = "sim_swap"
    sim.method.value = "sms"
    assert isinstance(sim.result, Walkthrough) and sim.result.shown == 0
    assert "<ol>" not in sim.steps.value
    sim.next.click()
    first = sim.result.outcome.steps[0]
    assert sim.result.shown == 1 and first.text(lang).replace("'", "&#x27;") in sim.steps.value
    assert sim.steps.value.count("<li>") == 1
    sim.next.click()
    assert sim.steps.value.count("<li>") == 2 and TAKEN[lang][2:] not in sim.steps.value
    sim.all.click()
    assert sim.result.finished
    assert sim.steps.value.count("<li>") == sim.result.total
    assert TAKEN[lang][2:] in sim.steps.value  # the verdict appears only at the end
    sim.again.click()
    assert sim.result.shown == 0 and "<li>" not in sim.steps.value


@pytest.mark.parametrize("lang, held_word", [("ja", "守れた"), ("en", "Held")])
def test_a_relay_against_a_security_key_is_refused_by_the_browser(lang, held_word):
    sim = AttackLab(lang)
    sim.attack.value = "relay"
    sim.method.value = "security_key"
    sim.all.click()
    assert sim.result.outcome.held and held_word in sim.steps.value
    assert sim.result.outcome.decisive == "browser_refused_rp_id"


def test_a_slow_relay_changes_the_walkthrough_not_the_table():
    sim = AttackLab("en")
    table = sim.table.value
    sim.attack.value = "relay"
    sim.method.value = "totp"
    sim.delay.value = 120
    sim.all.click()
    assert sim.result.outcome.held and "This code has expired" in sim.steps.value
    assert "+240 s" in sim.steps.value
    assert sim.table.value == table
    assert "2 min (copied by hand)" in shown_text(sim.widget)


@pytest.mark.parametrize("lang, subscriber, day, words", [
    ("en", False, date(2023, 2, 1), "may turn SMS two-factor authentication on"),
    ("en", False, date(2023, 3, 1), "may not newly turn"),
    ("en", False, date(2023, 3, 20), "may neither"),
    ("en", True, date(2024, 6, 1), "a subscriber may turn"),
    ("ja", False, date(2023, 3, 1), "すでに設定していれば使い続けられます"),
    ("ja", False, date(2025, 1, 1), "設定することも、使い続けることもできません"),
])
def test_the_sms_rule_for_an_account_and_a_day(lang, subscriber, day, words):
    sim = AttackLab(lang)
    sim.subscriber.value = subscriber
    sim.day.value = day
    sim.check_rule.click()
    assert isinstance(sim.result, SmsRule) and sim.result.on_date == day
    assert words in sim.rule.value and day.isoformat() in sim.rule.value


def test_an_empty_day_is_explained_not_raised():
    sim = AttackLab("ja")
    sim.day.value = None
    sim.check_rule.click()
    assert sim.result.problem.code == "twofactor_date_invalid"
    assert "✘" in sim.rule.value and sim.last_error is None


@pytest.mark.parametrize("lang, caveat, figure", [
    ("ja", "X についての数字ではありません", "76％"),
    ("en", "not X", "76%"),
])
def test_google_figures_sit_beside_the_simulation_with_their_caveat(lang, caveat, figure):
    text = shown_text(AttackLab(lang).widget)
    assert caveat in text and figure in text
    assert "2019-05-17" in text and "350,000" in text
    policy_dates = ("2023年2月15日", "2023年3月20日") if lang == "ja" else (
        "15 February 2023", "20 March 2023")
    assert all(d in text for d in policy_dates)


def test_every_control_has_a_visible_label():
    sim = AttackLab("ja")
    for control in (sim.attack, sim.method, sim.delay, sim.subscriber, sim.day):
        assert control.description.strip()
    for control in (sim.next, sim.all, sim.again, sim.check_rule):
        assert control.description.strip() and control.tooltip.strip()
