"""03_sms_codes in JupyterLab, in headless Debian chromium.

The Japanese notebook runs from top to bottom without an error output. Then,
as a learner would: ask the standalone phone for a code and ask again at once
(the resend wait answers), find the cause on a troubleshooting card, and
answer the first quick check with the mouse. Every assertion is on text that
only that interaction produces; axe-core checks the simulators and the quizzes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

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
NOTEBOOK = "ja/03_sms_codes.ipynb"


@pytest.mark.runs_notebook(NOTEBOOK)
def test_sms_codes_notebook_runs_and_its_simulators_answer(lab, page, tmp_path: Path):
    open_notebook(page, lab.url, NOTEBOOK)
    run_all_cells(page)
    assert error_outputs(page) == []

    # The phone on its own: a code is asked for, then asked for again too soon.
    phone = page.locator(".course-phone").first
    expect(phone).to_be_visible(timeout=WAIT)
    phone.get_by_role("button", name="コードを頼む").click()
    expect(phone.get_by_role("status")).to_contain_text(
        "X が 090-****-4568 に認証コードを送りました", timeout=WAIT)
    phone.get_by_role("button", name="コードを頼む").click()
    expect(phone.get_by_role("status")).to_contain_text("再送信はあと", timeout=WAIT)

    # The troubleshooting lab: the first card (a 050 number) found in one check.
    lab_box = page.locator(".course-sms-lab").first
    expect(lab_box).to_be_visible(timeout=WAIT)
    lab_box.get_by_role("button", name="番号の種類を番号チェッカーで調べる").click()
    expect(lab_box).to_contain_text("最短の順番で見つけました(1回)。", timeout=WAIT)

    # The first quick check: the six-digit login code, answered right.
    quiz = page.locator(QUICK_CHECKS).first
    question = quiz.locator(".course-question-single-choice", has_text="何桁").first
    question.get_by_label(re.compile("^6桁$")).check()
    question.get_by_role("button", name="答え合わせ").click()
    expect(question.get_by_role("status").first).to_contain_text("✔ 正解", timeout=WAIT)

    require_axe()
    assert axe_violations(page, ".course-phone", ".course-settings-flow", ".course-sms-lab",
                          ".course-selfcheck") == []
    keep_screenshot(page, "03_sms_codes_ja.png")
