"""04_errors_and_accounts_per_number in JupyterLab, in headless Debian chromium.

The Japanese notebook runs from top to bottom without an error output. Then,
as a learner would: create an account with a fictional number in the accounts
simulator, add accounts until the number is refused, and answer the "error
997" claim check with the mouse. Every assertion is on text that only that
interaction produces; axe-core checks the simulators and the quizzes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import new_topics
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
NOTEBOOK = "ja/04_errors_and_accounts_per_number.ipynb"


@pytest.mark.runs_notebook(NOTEBOOK)
def test_errors_notebook_runs_and_its_simulators_answer(lab, page, tmp_path: Path):
    open_notebook(page, lab.url, NOTEBOOK)
    run_all_cells(page)
    assert error_outputs(page) == []

    # The email-first lab (section 5), a topic of issue #13.
    new_topics.email_first_reaches_the_goal_safely(page)

    # The accounts simulator: one account, then accounts until the number is refused.
    accounts = page.locator(".course-accounts").first
    expect(accounts).to_be_visible(timeout=WAIT)
    status = accounts.get_by_role("status").last
    accounts.get_by_label("電話番号", exact=True).fill("090-0123-4567")
    accounts.get_by_role("button", name="アカウントを作る").click()
    expect(status).to_contain_text("@hanako を作成しました", timeout=WAIT)
    accounts.get_by_label("電話番号", exact=True).fill("090-0123-4567")
    accounts.get_by_role("button", name="断られるまで追加").click()
    expect(accounts.locator(".course-refusal")).to_contain_text(
        "この電話番号は既に使われています", timeout=WAIT)
    expect(accounts.get_by_text("10 / 10個のアカウントがこの番号を使っています。")
           ).to_be_visible()

    # The claim check: "error 997" answered with the tempting wrong option first.
    quiz = page.locator(QUICK_CHECKS).nth(1)
    question = quiz.locator(".course-question-single-choice", has_text="997").first
    question.get_by_label(re.compile("X の公式なエラーコード")).check()
    question.get_by_role("button", name="答え合わせ").click()
    expect(question.get_by_role("status").first).to_contain_text("✘ 不正解", timeout=WAIT)
    expect(question).to_contain_text("997 というコードの記録はどこにもありません")

    require_axe()
    assert axe_violations(page, ".course-settings-flow", ".course-accounts",
                          ".course-selfcheck") == []
    keep_screenshot(page, "04_errors_ja.png")
