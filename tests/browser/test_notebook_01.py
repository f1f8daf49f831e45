"""01_why_a_phone_number in JupyterLab, in headless Debian chromium.

The Japanese notebook runs from top to bottom without an error output. Then,
as a learner would: take a wrong turn in the settings simulator and read the
hint, walk on to the Phone screen and see that the account has no number yet,
and answer the "one account per number" claim check with the mouse. Every
assertion is on text that only that interaction produces; axe-core checks the
simulator and the quick checks.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import new_topics
from tests.browser.axe import axe_violations, require_axe
from tests.browser.notebook_page import (
    error_outputs,
    keep_screenshot,
    open_notebook,
    run_all_cells,
)

pytestmark = pytest.mark.browser
WAIT = 90_000  # the machine may be busy: wait generously for each rendered answer
NOTEBOOK = "ja/01_why_a_phone_number.ipynb"


@pytest.mark.runs_notebook(NOTEBOOK)
def test_why_a_phone_number_runs_and_its_simulator_and_checks_answer(lab, page,
                                                                      tmp_path: Path):
    open_notebook(page, lab.url, NOTEBOOK)
    run_all_cells(page)
    assert error_outputs(page) == []

    # The no-number planner (section 5), a topic of issue #13.
    new_topics.no_number_planner_shows_what_a_number_adds(page)

    # The settings flow: a wrong turn gets a hint and the learner stays put.
    flow = page.locator(".course-settings-flow").first
    expect(flow).to_be_visible(timeout=WAIT)
    flow.get_by_role("button", name="設定とプライバシー", exact=True).click()
    flow.get_by_role("button", name="セキュリティとアカウントアクセス", exact=True).click()
    expect(flow.get_by_role("status")).to_contain_text("2要素認証", timeout=WAIT)
    expect(flow.locator("nav")).not_to_contain_text("アカウント情報")

    # On along the real path to the Phone screen: no number on the account yet.
    for label in ("アカウント", "アカウント情報", "電話番号"):
        flow.get_by_role("button", name=label, exact=True).click()
        expect(flow.locator("nav")).to_contain_text(label, timeout=WAIT)
    expect(flow).to_contain_text("このアカウントには、まだ電話番号が登録されていません。",
                                 timeout=WAIT)

    # The claim check: "one account per number", answered right with the mouse.
    quiz = page.locator(".course-selfcheck", has_text="1つの電話番号で作れる").first
    question = quiz.locator(".course-question-single-choice",
                            has_text="1つの電話番号で作れる").first
    question.get_by_label(re.compile("誤り。1つの番号を複数のアカウントで使える")).check()
    question.get_by_role("button", name="答え合わせ").click()
    expect(question.get_by_role("status").first).to_contain_text("✔ 正解", timeout=WAIT)

    require_axe()
    assert axe_violations(page, ".course-settings-flow", ".course-phone",
                          ".course-selfcheck") == []
    keep_screenshot(page, "01_why_a_phone_number_ja.png")
