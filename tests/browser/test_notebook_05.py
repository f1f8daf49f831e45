"""05_privacy_and_discoverability in JupyterLab, in headless Debian chromium.

The Japanese notebook runs from top to bottom without an error output. Then,
as a learner would: in the discoverability explorer, turn off "find me by
phone" on the anonymous account with the mouse and read that nobody can find
it any more (while the 2022 panel still lists it), then answer the first
quick check. Every assertion is on text that only that interaction
produces; axe-core checks the explorer and the quizzes.
"""

from __future__ import annotations

import re

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
NOTEBOOK = "ja/05_privacy_and_discoverability.ipynb"


@pytest.mark.runs_notebook(NOTEBOOK)
def test_privacy_notebook_runs_and_its_explorer_answers(lab, page):
    open_notebook(page, lab.url, NOTEBOOK)
    run_all_cells(page)
    assert error_outputs(page) == []

    # The explorer opens on Mika's anonymous account, which Kenji can find.
    explorer = page.locator(".course-discoverability").first
    expect(explorer).to_be_visible(timeout=WAIT)
    expect(explorer.get_by_label("設定を変えるアカウント")).to_have_value("@yoru_no_memo(匿名)",
                                                                   timeout=WAIT)
    nobody = "このコミュニティには、@yoru_no_memo を見つけられる人はいません。"
    expect(explorer.get_by_text(nobody)).to_have_count(0)

    # Mouse: switch off "find me by phone" on the anonymous account.
    switch = explorer.get_by_label("電話番号の照合と通知を許可する")
    expect(switch).to_be_checked(timeout=WAIT)
    switch.click()
    expect(switch).not_to_be_checked(timeout=WAIT)
    expect(explorer.get_by_role("status").last).to_contain_text("9通り減ります", timeout=WAIT)
    expect(explorer.get_by_text(nobody)).to_be_visible(timeout=WAIT)
    expect(explorer.get_by_text("今の変更でなくなった方法")).to_be_visible(timeout=WAIT)
    incident_2022 = explorer.locator(".course-incident", has_text="2022年")
    expect(incident_2022.get_by_text("@yoru_no_memo(電話番号)")).to_be_visible(timeout=WAIT)

    # The first quick check: which setting decides being found by phone, answered right.
    quiz = page.locator(QUICK_CHECKS).first
    question = quiz.locator(".course-question-single-choice",
                            has_text="見つけられるかどうかを決める設定").first
    question.get_by_label(re.compile("^電話番号の照合と通知を許可する")).check()
    question.get_by_role("button", name="答え合わせ").click()
    expect(question.get_by_role("status").first).to_contain_text("✔ 正解", timeout=WAIT)

    require_axe()
    assert axe_violations(page, ".course-discoverability", ".course-selfcheck") == []
    keep_screenshot(page, "05_privacy_ja.png")
