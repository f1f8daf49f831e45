"""02_adding_a_number in JupyterLab, in headless Debian chromium.

The Japanese notebook runs from top to bottom without an error output. Then,
as a learner would: walk the settings simulator to the number screen, type a
number with a digit missing and read the reported message with its fix, type
the simulated phone's number, read the code on the phone and verify it, and
answer the E.164 question with the mouse. Every assertion is on text that only
that interaction produces; axe-core checks the simulators and the quick checks.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from course.sim.accounts.settings_flow import demo_account
from course.sim.sms.simulated_phone import phone_number
from tests.browser.axe import axe_violations, require_axe
from tests.browser.notebook_page import (
    QUICK_CHECKS,
    error_outputs,
    keep_screenshot,
    open_notebook,
    run_all_cells,
)

pytestmark = pytest.mark.browser
WAIT = 90_000  # the machine may be busy: wait generously for each rendered answer
NOTEBOOK = "ja/02_adding_a_number.ipynb"
CODE = re.compile(r"\b(\d{6})\b")


@pytest.mark.runs_notebook(NOTEBOOK)
def test_adding_a_number_runs_and_its_simulator_and_checks_answer(lab, page,
                                                                   tmp_path: Path):
    open_notebook(page, lab.url, NOTEBOOK)
    run_all_cells(page)
    assert error_outputs(page) == []

    flow = page.locator(".course-settings-flow").first
    phone = page.locator(".course-phone").first
    expect(flow).to_be_visible(timeout=WAIT)
    for label in ("設定とプライバシー", "アカウント", "アカウント情報", "電話番号",
                  "電話番号を更新"):
        flow.get_by_role("button", name=label, exact=True).click()
    flow.get_by_label("パスワード:").fill(demo_account()["password"])
    flow.get_by_role("button", name="次へ", exact=True).click()

    # A digit missing: the reported message, its cause and its fix; still on the form.
    number = flow.get_by_label("電話番号:")
    expect(number).to_be_visible(timeout=WAIT)
    number.fill("090-0123-456")
    number.press("Tab")  # the field sends its value when it loses focus
    flow.get_by_role("button", name="OK", exact=True).click()
    expect(flow.get_by_role("status")).to_contain_text("有効な電話番号を入力してください",
                                                       timeout=WAIT)
    expect(flow).to_contain_text("抜けている数字がないか確かめてください。")

    # The phone's own number: the code is read on the phone and verified.
    number.fill(phone_number())
    number.press("Tab")
    expect(number).to_have_value(phone_number())
    flow.get_by_role("button", name="OK", exact=True).click()
    expect(flow.get_by_role("status")).to_contain_text(
        "090-****-4568 に SMS で認証コードを送りました", timeout=WAIT)
    phone.get_by_role("button", name="+30秒進める").click()
    inbox = phone.get_by_role("list", name="受信一覧")
    expect(inbox).to_contain_text("X の認証コードは", timeout=WAIT)
    code = CODE.search(inbox.inner_text()).group(1)
    flow.get_by_label("認証コード:").fill(code)
    flow.get_by_label("認証コード:").press("Tab")
    flow.get_by_role("button", name="認証", exact=True).click()
    expect(flow.get_by_role("status")).to_contain_text(
        "アカウントの電話番号が 090-****-4568 になりました。", timeout=WAIT)

    # The formats check: E.164 answered right with the mouse.
    quiz = page.locator(QUICK_CHECKS, has_text="E.164 形式").first
    question = quiz.locator(".course-question-single-choice", has_text="E.164 形式").first
    question.get_by_label("+819001234567", exact=True).check()
    question.get_by_role("button", name="答え合わせ").click()
    expect(question.get_by_role("status").first).to_contain_text("✔ 正解", timeout=WAIT)

    require_axe()
    assert axe_violations(page, ".course-settings-flow", ".course-phone", ".course-number-checker",
                          ".course-selfcheck") == []
    keep_screenshot(page, "02_adding_a_number_ja.png")
