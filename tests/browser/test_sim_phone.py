"""The phone simulators in JupyterLab in headless chromium, used as a learner
would: the settings flow with the phone beside it (the password typed and sent
with the keyboard only), the phone on its own (airplane mode switched with the
space bar), and the troubleshooting lab (a check pressed with Enter). Each is
checked with axe-core and photographed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from course.sim.accounts.settings_flow import demo_account
from course.sim.sms.simulated_phone import phone_number
from tests.browser.axe import axe_violations, require_axe
from tests.browser.notebook_page import (
    error_outputs,
    keep_screenshot,
    open_notebook,
    press_until_focused,
    run_all_cells,
)
from tests.browser.scratch_notebook import write_notebook

pytestmark = pytest.mark.browser
SLOW = 60_000
CODE = re.compile(r"\b(\d{6})\b")


def start(page: Page, lab, name: str, lang: str, code: str) -> None:
    path = write_notebook(lab.root, name, [f'from course import setup\nsetup("{lang}")', code])
    open_notebook(page, lab.url, path)
    run_all_cells(page)
    assert error_outputs(page) == []


def test_settings_flow_updates_the_number_with_the_code_read_on_the_phone(lab, page,
                                                                          tmp_path: Path):
    start(page, lab, "sim_phone_flow", "ja",
          "from course.ui.settings_flow import PhoneSettingsFlow\n"
          "sim = PhoneSettingsFlow()\nsim.widget")
    flow = page.locator(".course-settings-flow").first
    phone = page.locator(".course-phone").first
    expect(flow).to_be_visible(timeout=SLOW)  # a live widget view, not stored text
    expect(phone).to_be_visible(timeout=SLOW)

    for label in ("設定とプライバシー", "アカウント", "アカウント情報", "電話番号",
                  "電話番号を更新"):
        flow.get_by_role("button", name=label, exact=True).click()
        expect(flow.locator("nav")).to_contain_text(label if label != "電話番号を更新"
                                                    else "パスワード", timeout=SLOW)
    expect(flow).to_contain_text(demo_account()["password"])

    # Keyboard only: type the password, Tab to 次へ, press Enter.
    password = flow.get_by_label("パスワード:")
    password.focus()
    page.keyboard.type(demo_account()["password"])
    press_until_focused(page, flow.get_by_role("button", name="次へ", exact=True))
    page.keyboard.press("Enter")
    expect(flow.get_by_label("電話番号:")).to_be_visible(timeout=SLOW)

    flow.get_by_label("国・地域:").select_option(label="日本 (+81)")
    flow.get_by_label("電話番号:").fill(phone_number())
    flow.get_by_role("button", name="OK", exact=True).click()
    expect(flow.get_by_role("status")).to_contain_text(
        "090-****-4568 に SMS で認証コードを送りました", timeout=SLOW)

    phone.get_by_role("button", name="+30秒進める").click()
    inbox = phone.get_by_role("list", name="受信一覧")
    expect(inbox).to_contain_text("X の認証コードは", timeout=SLOW)
    code = CODE.search(inbox.inner_text()).group(1)

    flow.get_by_label("認証コード:").fill(code)
    flow.get_by_role("button", name="認証", exact=True).click()
    expect(flow.get_by_role("status")).to_contain_text(
        "アカウントの電話番号が 090-****-4568 になりました。", timeout=SLOW)
    assert phone_number() not in flow.inner_text()

    require_axe()
    assert axe_violations(page, ".course-settings-flow", ".course-phone") == []
    flow.get_by_role("status").scroll_into_view_if_needed()
    keep_screenshot(page, "settings_flow.png")


def test_simulated_phone_holds_the_code_in_airplane_mode(lab, page, tmp_path: Path):
    start(page, lab, "sim_phone_alone", "en",
          "from course.ui.simulated_phone import SimulatedPhone\n"
          "phone = SimulatedPhone()\nphone.widget")
    phone = page.locator(".course-phone").first
    expect(phone).to_be_visible(timeout=SLOW)
    expect(phone).to_contain_text("This phone's number (fictional): 090-0123-4568")

    # Keyboard only: focus the airplane-mode checkbox and press the space bar.
    airplane = phone.get_by_label("Airplane mode")
    airplane.focus()
    page.keyboard.press("Space")
    expect(airplane).to_be_checked()
    expect(phone).to_contain_text("Signal: off (airplane mode)", timeout=SLOW)

    phone.get_by_role("button", name="Ask for a code").click()
    expect(phone.get_by_role("status")).to_contain_text("X sent a code to 090-****-4568",
                                                        timeout=SLOW)
    phone.get_by_role("button", name="+10 min").click()
    expect(phone.get_by_role("status")).to_contain_text("Time moved on by 10 min",
                                                        timeout=SLOW)
    phone.get_by_role("button", name="Why no text?").click()
    expect(phone).to_contain_text("The network is holding the last text", timeout=SLOW)
    expect(phone).to_contain_text("Turn airplane mode off, then resend.")

    airplane.uncheck()
    expect(phone).to_contain_text("the network sends the texts it held (1)", timeout=SLOW)
    phone.get_by_role("button", name="+30 s").click()
    expect(phone.get_by_role("list", name="Inbox")).to_contain_text(
        "Your X verification code is", timeout=SLOW)

    require_axe()
    assert axe_violations(page, ".course-phone") == []
    phone.get_by_role("list", name="Inbox").scroll_into_view_if_needed()
    keep_screenshot(page, "simulated_phone.png")


def test_sms_lab_finds_the_cause_and_compares_with_the_shortest(lab, page, tmp_path: Path):
    start(page, lab, "sim_sms_lab", "ja",
          "from course.ui.sms_lab import SmsLab\nlab_widget = SmsLab()\nlab_widget.widget")
    lab_box = page.locator(".course-sms-lab").first
    expect(lab_box).to_be_visible(timeout=SLOW)
    lab_box.get_by_label("カード:").select_option(label="迷惑 SMS 対策をした後で")
    expect(lab_box).to_contain_text("けんさん", timeout=SLOW)

    lab_box.get_by_role("button", name="電話を再起動する").click()
    expect(lab_box.get_by_role("status")).to_contain_text("原因は見つかりませんでした",
                                                          timeout=SLOW)
    # Keyboard only: focus the right check and press Enter.
    check = lab_box.get_by_role("button", name="SMS の受信拒否設定を確かめる")
    check.focus()
    page.keyboard.press("Enter")
    expect(lab_box).to_contain_text("2回かかりました。最短なら1回で足ります。", timeout=SLOW)
    expect(lab_box).to_contain_text("何も見つからなかった確認(1回):電話を再起動する")
    expect(lab_box).to_contain_text("受信拒否の設定を見直し")
    expect(check).to_be_disabled()

    require_axe()
    assert axe_violations(page, ".course-sms-lab") == []
    lab_box.get_by_text("受信拒否の設定を見直し").scroll_into_view_if_needed()
    keep_screenshot(page, "sms_lab.png")

    lab_box.get_by_role("button", name="別のカード").click()
    expect(lab_box).to_contain_text("まだ何も確かめていません。", timeout=SLOW)
    assert axe_violations(page, ".course-sms-lab") == []
