"""The accounts-per-number explorer, driven headlessly as a learner would."""

from __future__ import annotations

import base64
import html
import re

import ipywidgets as widgets
import pytest

import course
from course.facts.policy import policy
from course.sim.core.errors import error_entry, render
from course.ui.accounts_explorer import AccountsExplorer
from tests.ui.widget_text import controls, images, markup, shown_text

TYPED = "090-0123-4567"  # fictional 090-0 block
LIMIT = policy("accounts.max_accounts_per_number").value


def start(lang: str, plots: bool = False) -> AccountsExplorer:
    sim = AccountsExplorer(lang, plots=plots)
    sim.handle.value = "hanako"
    sim.number.value = TYPED
    sim.press("create")
    return sim


@pytest.mark.parametrize("lang, created, slots, sms_to, reset_blocked", [
    ("ja", "✔ 問題なし: @hanako を作成しました。", f"1 / {LIMIT}個のアカウント",
     "最後にこの番号を登録した @sub_01 だけ", "番号ではパスワードの再設定を始められません"),
    ("en", "✔ OK: Created @hanako.", f"1 of {LIMIT} account slots",
     "Only @sub_01, the account that added this number last",
     "so it cannot start a password reset"),
])
def test_create_then_share_the_number_shows_slots_sms_routing_and_reset(
        lang, created, slots, sms_to, reset_blocked):
    sim = start(lang)
    assert created in sim.status.value and sim.last_error is None
    # The same words next to the buttons, but only one live region for screen readers.
    assert created in sim.feedback_html.value and "role=" not in sim.feedback_html.value
    assert sim.number.value == ""  # the typed number is gone from its box
    assert "090-****-4567" in sim.number_html.value and slots in sim.number_html.value
    sim.press("another")
    assert sim.result.outcome.account.handle == "sub_01"
    assert sms_to in sim.number_html.value and reset_blocked in sim.number_html.value
    assert "@sub_01" in sim.accounts_html.value and "090-****-4567" in sim.accounts_html.value


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_fill_meets_the_limit_with_the_reported_message_cause_and_fix(lang):
    sim = start(lang)
    step = sim.press("fill")
    assert step.problem.code == "number_limit_reached"
    entry = error_entry("number_limit_reached")
    shown = sim.refusal_html.value
    assert entry.message[lang] in shown
    assert render("number_limit_reached", "cause", lang, limit=LIMIT) in shown
    assert entry.fix[lang] in shown
    assert {"ja": "X の画面に出ると報告されている表示", "en": "What X is reported to show"}[
        lang] in shown
    assert course.t("sources.badge.news_guide", lang) in shown
    # Issue #15.13: filling up to the limit is what the button promises: a success.
    assert "✔" in sim.status.value and "✘" not in sim.status.value
    assert {"ja": f"{LIMIT - 1}個のアカウントを作りました",
            "en": f"Created {LIMIT - 1} accounts"}[lang] in sim.status.value


@pytest.mark.parametrize("lang, quoted", [
    ("ja", "「{}」"), ("en", "“{}”"),
])
def test_a_refusal_is_quoted_in_the_learners_language(lang, quoted):
    sim = start(lang)
    sim.press("fill")
    message = error_entry("number_limit_reached").message[lang]
    assert quoted.format(message) in sim.refusal_html.value
    if lang == "en":
        assert "「" not in sim.refusal_html.value and "」" not in sim.refusal_html.value


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_trunk_zero_after_81_is_read_as_the_same_number_with_a_masked_note(lang):
    sim = start(lang)
    sim.handle.value = "second"
    sim.number.value = "+81 " + TYPED
    sim.press("create")
    assert sim.result.ok
    assert {a.masked_number for a in sim.result.accounts} == {"090-****-4567"}
    shown = sim.refusal_html.value
    assert "+81 90-****-4567" in shown and "0123-4567" not in shown
    assert course.t("ui_phone.common.severity.warning", lang) in shown


@pytest.mark.parametrize("lang, waiting, after", [
    ("ja", "あと30日ほどで登録できるようになります", "31日目"),
    ("en", "It becomes available in about 30 days", "day 31"),
])
def test_remove_meet_the_cooldown_and_fast_forward_through_it(lang, waiting, after):
    sim = start(lang)
    sim.press("remove")
    assert sim.result.status.cooldown_until is not None
    assert course.t("accounts.status.cooldown", lang, days=30) in sim.number_html.value
    assert course.t("sources.badge.assumed", lang) in html.unescape(sim.number_html.value)
    sim.press("another")
    assert sim.result.problem.code == "number_in_cooldown"
    assert waiting in sim.refusal_html.value
    assert course.t("ui_accounts.refusal.simulator", lang) in sim.refusal_html.value
    sim.press("month")
    assert after in sim.clock_html.value.lower() or after in sim.clock_html.value
    sim.press("another")
    assert sim.result.ok and sim.refusal_html.value == ""
    events = sim.timeline_text.value
    assert course.t("accounts.event.cooldown_ends", lang) in events
    assert course.t("accounts.event.refused", lang, account="sub_01") in events


def test_what_if_limit_is_enforced_and_labelled_as_the_learners_assumption():
    sim = start("ja")
    sim.limit.value = 3
    assert "最大3個" in sim.rules_html.value
    assert "(あなたが変えた値です)" in sim.rules_html.value
    assert sim.result.rules[0].shown_status == "assumed"
    sim.press("fill")
    assert sim.result.created == ("sub_01", "sub_02")
    assert "3 / 3個" in sim.number_html.value
    sim.cooldown.value = 7
    assert "7日待つ" in sim.rules_html.value


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_password_reset_by_a_shared_number_is_refused_with_the_documented_reason(lang):
    sim = start(lang)
    sim.reset_id.value = TYPED
    sim.press("reset")
    assert sim.result.ok and "@hanako" in sim.status.value
    assert sim.reset_id.value == ""
    sim.press("another")
    sim.reset_id.value = "+81 90 0123 4567"
    sim.press("reset")
    entry = error_entry("reset_shared_number")
    assert entry.message[lang] in sim.refusal_html.value
    assert html.escape(course.t("sources.badge.x_official", lang)) in sim.refusal_html.value
    sim.reset_id.value = "hanako"
    sim.press("reset")
    assert sim.result.ok


def test_every_rule_shows_its_provenance_and_source():
    sim = AccountsExplorer("en", plots=False)
    rules = sim.rules_html.value
    for badge in ("x_official", "news_guide", "assumed", "unverified"):
        assert html.escape(course.t(f"sources.badge.{badge}", "en")) in rules
    assert "d-terminal.com" in rules  # where the reported limit of 10 comes from
    # The policies' own caveats are shown with the rules they qualify.
    for key in ("max_accounts_per_number", "number_cooldown_days"):
        assert html.escape(policy(f"accounts.{key}").note["en"]) in rules
    assert "<caption>" in rules and 'scope="col"' in rules


@pytest.mark.parametrize("typed", [
    "070-0456-7890", "+81 70 0456 7890", "０７０ー０４５６ー７８９０"])
def test_the_typed_number_is_never_shown_in_full_anywhere(typed):
    sim = AccountsExplorer("en", plots=True)
    sim.number.value = typed
    sim.press("create")
    for name in ("another", "remove", "inspect", "fill", "day", "link"):
        sim.number.value = typed if name in ("inspect", "link") else ""
        sim.press(name)
        sim.reset_id.value = typed
        sim.press("reset")
    text = shown_text(sim.widget)
    assert "070-****-7890" in text
    (svg,) = images(sim.widget)  # the timeline: its title carries the number, masked
    drawn = " ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S))
    assert "070-****-7890" in drawn and "0456" not in drawn
    # Neither the hidden middle nor the whole digit string shows anywhere.
    assert "0456" not in text and "704567890" not in re.sub(r"\D", "", text)
    assert sim.number.value == "" and sim.reset_id.value == ""


def test_the_timeline_is_an_svg_image_with_alt_text_and_a_text_list():
    sim = start("ja", plots=True)
    image = sim.timeline_image.value
    assert 'alt="番号 090-****-4567 の歴史の図' in image
    data = base64.b64decode(re.search(r"base64,([^\"]+)", image).group(1))
    assert data.startswith(b"<?xml")
    assert "1日目 00:00 — @hanako に登録" in sim.timeline_text.value
    sim.press("inspect")  # nothing typed: refused, timeline unchanged, not redrawn
    assert sim.timeline_image.value == image
    sim.press("remove")
    assert sim.timeline_image.value != image


def test_every_control_is_labelled_and_nothing_relies_on_colour():
    sim = AccountsExplorer("ja", plots=False)
    for control in controls(sim.widget):
        assert control.description.strip(), control
        if isinstance(control, widgets.Button):
            assert control.tooltip and control.description != control.tooltip
    assert not [w for w in controls(sim.widget) if isinstance(w, widgets.IntSlider)]
    assert "course-accounts" in sim.widget._dom_classes
    sim.number.value = TYPED
    sim.press("create")
    sim.press("fill")
    assert "✔" in sim.status.value
    sim.press("another")  # one more on the full number: refused
    assert "✘" in sim.status.value and 'role="status"' in sim.status.value
    all_markup = markup(sim.widget)
    assert "<img" not in all_markup or 'alt="' in all_markup


def test_language_follows_setup_when_not_given():
    course.setup("en")
    assert AccountsExplorer(plots=False).buttons["create"].description == "Create account"
    course.setup("ja")
    assert AccountsExplorer(plots=False).buttons["create"].description == "アカウントを作る"


def test_dropdowns_set_to_none_keep_the_current_rules():
    sim = start("en")
    sim.limit.value = None
    assert sim.result.ok and sim.lab.rules.max_accounts_per_number == LIMIT
    sim.cooldown.value = None
    assert sim.result.ok and sim.last_error is None


def test_an_unexpected_error_is_a_message_in_the_learners_language(monkeypatch):
    sim = start("ja")

    def broken(*_args):
        raise RuntimeError("boom")

    monkeypatch.setattr(sim.lab, "remove", broken)
    sim.press("remove")
    assert isinstance(sim.last_error, RuntimeError)
    assert "思わぬ問題" in sim.status.value
