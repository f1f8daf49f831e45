"""The two-factor lab's set-up part, headless: make the QR code, type the app's
code, see the backup codes once, practise logging in, in Japanese and English."""

from __future__ import annotations

import base64
import html
import random
import re
from urllib.parse import parse_qs, unquote, urlsplit

import ipywidgets as widgets
import pyotp
import pytest

from course.facts.policy import value
from course.sim.core.clock import SimulatedClock
from course.sim.twofactor.twofactor_setup import SetupStep
from course.ui.twofactor_lab import AppSetupLab, AttackLab, TwoFactorLab
from course.ui.twofactor_render import QR_BORDER, QR_SCALE

WORDS = {  # text only the named outcome produces, per language
    "ja": {"ok": "✔ 問題なし", "wrong": "✘ 問題あり", "on": "2要素認証がオンになりました",
           "expired": "有効期限が切れています", "reused": "すでに使われています",
           "format": "6桁の数字を入力してください", "not_x": "X ではありません",
           "hidden": "もう表示されません", "backup_ok": "バックアップコードでログインできました",
           "used_up": "使えるバックアップコードが残っていません", "why": "理由:",
           "not_ticked": "チェックが入っていません", "logged_in": "ログインできました"},
    "en": {"ok": "✔ OK", "wrong": "✘ Not OK", "on": "Two-factor authentication with the app is on",
           "expired": "This code has expired", "reused": "This code has already been used",
           "format": "Enter a 6-digit number", "not_x": "It is not X",
           "hidden": "hidden for good", "backup_ok": "The backup code worked",
           "used_up": "There are no unused backup codes left", "why": "Why:",
           "not_ticked": "is not ticked", "logged_in": "you are logged in"},
}
LANGS = ["ja", "en"]


def shown_text(widget: widgets.Widget) -> str:
    """Everything a learner can read in a widget tree: HTML, labels, options."""
    parts: list[str] = []

    def walk(node: widgets.Widget) -> None:
        for name in ("value", "description", "placeholder", "tooltip"):
            text = getattr(node, name, None)
            if isinstance(text, str):
                parts.append(text)
        parts.extend(str(label) for label in getattr(node, "_options_labels", ()))
        for child in getattr(node, "children", ()):
            walk(child)

    walk(widget)
    return "\n".join(parts)


def make(lang: str, cls=AppSetupLab, **kwargs):
    clock = SimulatedClock()
    sim = cls(lang, rng=random.Random(7), clock=clock, backup_code_iterations=10, **kwargs)
    return sim, clock


def app_code(sim: AppSetupLab) -> str:
    sim.look.click()
    assert isinstance(sim.result, SetupStep) and sim.result.app_code, sim.app_feedback.value
    return sim.result.app_code


def switch_on(sim: AppSetupLab) -> tuple[str, ...]:
    sim.make_qr.click()
    sim.scan.click()
    sim.code.value = app_code(sim)
    sim.check.click()
    assert sim.result.accepted, sim.verify_feedback.value
    return sim.result.backup_codes


@pytest.mark.parametrize("lang", LANGS)
def test_the_qr_code_says_it_is_the_course_simulator_with_a_text_alternative(lang):
    sim, _ = make(lang)
    assert WORDS[lang]["not_x"] in shown_text(sim.widget)
    sim.handle.value = "@hana_demo"
    sim.make_qr.click()
    step = sim.result
    assert step.accepted and step.label == "@hana_demo"
    html = sim.qr.value
    image = re.search(r'<img src="([^"]+)" alt="([^"]+)"', html)
    assert image, html
    assert image.group(1).startswith("data:image/svg+xml")
    svg = unquote(image.group(1).split(",", 1)[1])
    assert "<svg" in svg and re.search(r"fill=['\"]#fff", svg)  # opaque white, even in dark mode
    alt = image.group(2)
    assert "X-course-simulator" in alt and "@hana_demo" in alt
    # The manual-entry key in groups of four is the secret of the URI in the QR code.
    secret = parse_qs(urlsplit(step.uri).query)["secret"][0]
    groups = re.search(r'<span class="course-code">([A-Z2-7 ]+)</span>', html).group(1)
    assert groups.replace(" ", "") == secret and groups.split(" ")[0] == secret[:4]
    assert WORDS[lang]["ok"] in sim.qr_feedback.value


def test_the_qr_code_is_a_full_size_qr_code_of_the_uri():
    import segno

    sim, _ = make("en")
    sim.make_qr.click()
    uri = sim.result.uri
    qr = segno.make_qr(uri, error="m", boost_error=False)
    assert not qr.is_micro and qr.error == "M"
    # The widget shows exactly this symbol (same SVG as segno draws for the URI).
    expected = qr.svg_data_uri(scale=QR_SCALE, border=QR_BORDER, dark="#000000",
                               light="#ffffff")
    source = re.search(r'<img src="([^"]+)"', sim.qr.value).group(1)
    assert html.unescape(source) == expected


def test_a_code_from_a_standard_app_reading_the_uri_turns_two_factor_on():
    sim, clock = make("en")
    sim.make_qr.click()
    phone = pyotp.parse_uri(sim.result.uri)  # what any authenticator app does with the QR
    sim.code.value = phone.at(clock.now())
    sim.check.click()
    assert sim.result.accepted and WORDS["en"]["on"] in sim.verify_feedback.value


@pytest.mark.parametrize("lang", LANGS)
def test_full_path_backup_codes_once_and_second_use_refused(lang):
    sim, _ = make(lang)
    codes = switch_on(sim)
    words = WORDS[lang]
    assert len(codes) == value("twofactor.backup_code_count")
    assert WORDS[lang]["on"] in sim.verify_feedback.value
    assert all(code in sim.backup_codes.value for code in codes)
    # Set-up is over: the QR code and the key are no longer on screen.
    secret = parse_qs(urlsplit(sim.flow.enrolment.uri).query)["secret"][0]
    assert "<img" not in sim.qr.value and secret[:8] not in shown_text(sim.widget)

    sim.hide_codes.click()  # box not ticked: nothing is hidden yet
    assert words["not_ticked"] in sim.backup_feedback.value
    assert all(code in sim.backup_codes.value for code in codes)
    sim.saved.value = True
    sim.hide_codes.click()
    assert words["hidden"] in sim.backup_feedback.value
    assert sim.backup_codes.value == "" and sim.saved.value is False
    assert not any(code in shown_text(sim.widget) for code in codes)
    assert not any(code in repr(sim.result) for code in codes)

    sim.login_method.value = "backup_code"
    sim.login_code.value = codes[0]
    sim.log_in.click()
    assert words["backup_ok"] in sim.login_feedback.value and sim.result.accepted
    sim.log_in.click()
    assert words["used_up"] in sim.login_feedback.value and not sim.result.accepted
    assert words["wrong"] in sim.login_feedback.value and words["why"] in sim.login_feedback.value
    assert sim.last_error is None


@pytest.mark.parametrize("lang", LANGS)
def test_app_codes_expired_reused_and_malformed_are_explained(lang):
    sim, _ = make(lang)
    words = WORDS[lang]
    sim.make_qr.click()
    sim.scan.click()
    old = sim.result.app_code
    sim.forward[120].click()
    sim.code.value = old
    sim.check.click()
    assert sim.result.code == "twofactor_code_expired"
    assert words["expired"] in sim.verify_feedback.value
    sim.code.value = "12 34"
    sim.check.click()
    assert words["format"] in sim.verify_feedback.value
    fresh = app_code(sim)
    sim.code.value = " ".join(chr(ord(c) + 0xFEE0) for c in fresh)  # full-width, spaced
    sim.check.click()
    assert sim.result.accepted
    sim.saved.value = True
    sim.hide_codes.click()
    sim.login_code.value = fresh
    sim.log_in.click()
    assert words["reused"] in sim.login_feedback.value
    sim.forward[30].click()
    sim.login_code.value = sim.result.app_code
    sim.log_in.click()
    assert words["logged_in"] in sim.login_feedback.value


@pytest.mark.parametrize("lang", LANGS)
def test_the_simulated_app_shows_codes_changing_every_thirty_seconds(lang):
    sim, _ = make(lang)
    sim.make_qr.click()
    sim.scan.click()
    first = sim.result.app_code
    sim.forward[10].click()
    assert sim.result.app_code == first
    sim.forward[30].click()
    second = sim.result.app_code
    assert second != first
    screen = sim.app_screen.value
    assert f"{second[:3]} {second[3:]}" in screen  # the app's screen shows the current code
    # The history lists each reading with the clock offset it was taken at.
    assert next(line for line in sim.history if first in line).endswith(first)
    assert "+40" in sim.history[-1] and second in sim.history[-1]
    assert "40" in sim.app_feedback.value  # seconds ahead of real time
    assert "20" in sim.app_feedback.value  # seconds until the code changes


def test_the_timeline_image_has_words_and_can_be_switched_off():
    sim, _ = make("en")
    assert sim.timeline.value == ""  # nothing to draw before a key exists
    sim.make_qr.click()
    html = sim.timeline.value
    image = re.search(r'<img src="data:image/png;base64,([^"]+)" alt="([^"]+)"', html)
    assert image and base64.b64decode(image.group(1)).startswith(b"\x89PNG")
    assert "Step -1: accepted now." in image.group(2)
    assert "Step -3: expired." in image.group(2)
    assert "accepted now" in html and "not valid yet" in html
    sim.show_timeline.value = False
    assert sim.timeline.value == ""
    sim.show_timeline.value = True
    assert "data:image/png" in sim.timeline.value


@pytest.mark.parametrize("lang", LANGS)
def test_start_again_forgets_the_key_and_everything_shown(lang):
    sim, _ = make(lang)
    sim.make_qr.click()
    secret = parse_qs(urlsplit(sim.result.uri).query)["secret"][0]
    assert secret[:8] in sim.qr.value.replace(" ", "")
    sim.scan.click()
    sim.code.value = app_code(sim)
    sim.check.click()
    codes = sim.result.backup_codes
    assert codes and codes[0] in sim.backup_codes.value
    sim.forward[30].click()
    sim.restart.click()
    assert sim.result.stage == "new" and sim.result.clock_offset == 0
    text = shown_text(sim.widget)
    assert not any(code in text for code in codes)
    assert secret[:8] not in text.replace(" ", "")
    assert sim.qr.value == sim.app_screen.value == sim.timeline.value == ""
    sim.code.value = "123456"
    sim.check.click()
    assert sim.result.code == "app_setup_not_started"


def test_steps_out_of_order_are_explained_in_the_learners_language():
    sim, _ = make("ja")
    sim.check.click()
    assert "まだ QR コードを作っていません" in sim.verify_feedback.value
    sim.log_in.click()
    assert "2要素認証はまだオンになっていません" in sim.login_feedback.value
    sim.look.click()
    assert "QR コード" in sim.app_feedback.value
    assert sim.last_error is None


def test_the_whole_lab_keeps_the_result_of_the_part_used_last():
    lab, _ = make("en", TwoFactorLab)
    assert lab.result is lab.attacks.result  # the walk-through's starting point
    lab.setup.make_qr.click()
    assert isinstance(lab.result, SetupStep) and lab.result.action == "start"
    lab.attacks.next.click()
    assert lab.result is lab.attacks.walk and lab.result.shown == 1
    assert lab.last_error is None
    assert "course-twofactor-lab" in lab.widget._dom_classes
    assert isinstance(lab.setup, AppSetupLab) and isinstance(lab.attacks, AttackLab)


def test_the_whole_lab_reports_an_error_caught_in_either_part():
    lab, _ = make("en", TwoFactorLab)
    lab.setup.flow = None  # sabotage: the next click cannot reach the flow
    lab.setup.check.click()
    assert isinstance(lab.last_error, AttributeError)
    assert "Something unexpected went wrong" in lab.setup.status.value
