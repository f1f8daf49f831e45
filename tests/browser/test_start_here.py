"""The learner's first path, in JupyterLab in headless Debian chromium.

``python -m course lab`` (what ``make lab`` runs) starts the server; the test
checks that it opens 00_start_here by itself, runs every cell, answers the
self-check with the mouse and with the keyboard, and reads the feedback that
only those interactions produce.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.axe import axe_violations, require_axe
from tests.browser.notebook_page import (
    error_outputs,
    keep_screenshot,
    open_notebook,
    press_until_focused,
    run_all_cells,
    wait_for_kernel,
)

pytestmark = pytest.mark.browser


@pytest.mark.runs_notebook("ja/00_start_here.ipynb")
def test_make_lab_opens_start_notebook_and_widgets_answer(lab, page, tmp_path: Path):
    # What a learner's browser opens after `make lab`: the server's default URL.
    page.goto(f"{lab.url}/")
    tab = page.locator(".lm-TabBar-tab.lm-mod-current", has_text="00_start_here.ipynb")
    expect(tab).to_be_visible(timeout=60_000)
    wait_for_kernel(page)
    run_all_cells(page)
    assert error_outputs(page) == []

    quiz = page.locator(".course-selfcheck").first
    expect(quiz).to_be_visible()  # a live widget view, not stored text
    # Mouse: choose the right answer to question 1 and press 答え合わせ (Check).
    quiz.get_by_label("Shift + Enter").check()
    quiz.get_by_role("button", name="答え合わせ").first.click()
    expect(quiz.get_by_role("status").first).to_contain_text("✔ 正解")

    # Keyboard only: from question 2's first option, Tab to the second one (a
    # wrong answer), select it with Space, Tab on to its Check button, Enter.
    question2 = quiz.locator(".widget-radio-box").nth(1)
    question2.locator("input").first.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(question2.locator("input").nth(1)).to_be_checked()
    check2 = quiz.get_by_role("button", name="答え合わせ").nth(1)
    press_until_focused(page, check2, limit=6)
    page.keyboard.press("Enter")
    expect(quiz.get_by_text("✘ 不正解")).to_be_visible()
    expect(quiz.get_by_text("2問中 1問 正解")).to_be_visible()

    require_axe()
    assert axe_violations(page, ".course-selfcheck") == []
    keep_screenshot(page, "00_start_here_ja.png")


@pytest.mark.runs_notebook("en/00_start_here.ipynb")
def test_english_start_notebook_runs_without_errors(lab, page, tmp_path: Path):
    open_notebook(page, lab.url, "en/00_start_here.ipynb")
    run_all_cells(page)
    assert error_outputs(page) == []
    quiz = page.locator(".course-selfcheck").nth(1)
    quiz.get_by_label(
        "Choose 日本語 under “Language / 言語” and open the Japanese version from the link shown"
    ).check()
    quiz.get_by_role("button", name="Check").first.click()
    expect(quiz.get_by_role("status").first).to_contain_text("✔ Correct")
    keep_screenshot(page, "00_start_here_en.png")
