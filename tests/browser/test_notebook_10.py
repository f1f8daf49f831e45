"""10_sources (the appendix) in JupyterLab, in headless Debian chromium.

The Japanese notebook runs from top to bottom without an error output. Then,
as a learner would: narrow the sources browser to the sources seen only as a
search excerpt, read the honest wording, follow the link target, and answer
the first quick check. axe-core checks the browser and the quizzes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from course.facts.sources import select_sources
from tests.browser.axe import axe_violations, require_axe
from tests.browser.notebook_page import (
    error_outputs,
    keep_screenshot,
    open_notebook,
    run_all_cells,
)

pytestmark = pytest.mark.browser
WAIT = 90_000
NOTEBOOK = "ja/10_sources.ipynb"


@pytest.mark.runs_notebook(NOTEBOOK)
def test_sources_notebook_runs_and_its_browser_filters(lab, page, tmp_path: Path):
    open_notebook(page, lab.url, NOTEBOOK)
    run_all_cells(page)
    assert error_outputs(page) == []

    browser = page.locator(".course-sources-browser").first
    expect(browser).to_be_visible(timeout=WAIT)
    browser.get_by_label("見た形").select_option(label="検索結果の抜粋だけ")
    excerpts = select_sources(how="excerpt")
    expect(browser).to_contain_text(f"{len(excerpts)}件の出典", timeout=WAIT)
    expect(browser).to_contain_text("検索結果の抜粋だけで確認")
    link = browser.locator("a", has_text="How to reset a lost or forgotten password").first
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("href").startswith("https://help.x.com/")

    quiz = page.locator(".course-selfcheck").first
    question = quiz.locator(".course-question-true-false").first
    question.get_by_label("正しくない").check()
    question.get_by_role("button", name="答え合わせ").click()
    expect(question.get_by_role("status").first).to_contain_text("✔ 正解", timeout=WAIT)

    require_axe()
    assert axe_violations(page, ".course-sources-browser", ".course-selfcheck") == []
    keep_screenshot(page, "10_sources_ja.png")
