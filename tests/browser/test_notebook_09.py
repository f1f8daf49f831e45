"""09_checklist_and_final_quiz in JupyterLab, in headless Debian chromium.

The Japanese notebook runs from top to bottom without an error output. Then,
as a learner would: tick the first checklist item as done, see it saved and
counted, refresh the progress view and see the tick there, answer one
question of the final assessment with the mouse and refresh the mastery view.
Every assertion is on text that only that interaction produces; axe-core
checks the checklist, the progress view, the review, the quizzes and the
mastery view. The lab runs with its own progress folder.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.axe import axe_violations, require_axe
from tests.browser.notebook_page import (
    error_outputs,
    keep_screenshot,
    open_notebook,
    run_all_cells,
)

pytestmark = pytest.mark.browser
WAIT = 90_000  # the machine may be busy: wait generously for each rendered answer
NOTEBOOK = "ja/09_checklist_and_final_quiz.ipynb"


@pytest.mark.runs_notebook(NOTEBOOK)
def test_checklist_notebook_runs_saves_a_tick_and_shows_progress(lab, page, tmp_path: Path):
    open_notebook(page, lab.url, NOTEBOOK)
    run_all_cells(page)
    assert error_outputs(page) == []

    # The checklist: the first item ticked as done is saved and counted.
    checklist = page.locator(".course-checklist").first
    expect(checklist).to_be_visible(timeout=WAIT)
    expect(checklist.get_by_text("14項目のうち、済み 0・まだ 0・該当しない 0・未回答 14")
           ).to_be_visible(timeout=WAIT)
    checklist.locator(".course-checklist-choice").first.get_by_label("✔ 済み").check()
    expect(checklist.get_by_text("✔ 保存しました。")).to_be_visible(timeout=WAIT)
    expect(checklist.get_by_text("14項目のうち、済み 1・まだ 0・該当しない 0・未回答 13")
           ).to_be_visible(timeout=WAIT)

    # The progress view reads the saved tick after Refresh.
    progress = page.locator(".course-progress-view").first
    expect(progress).to_be_visible(timeout=WAIT)
    expect(progress.get_by_text(re.compile("チェックリスト 済み 0/14項目"))).to_be_visible(
        timeout=WAIT)
    progress.get_by_role("button", name="表示を更新").click()
    expect(progress.get_by_text("✔ 表示を更新しました。")).to_be_visible(timeout=WAIT)
    expect(progress.get_by_text(re.compile("チェックリスト 済み 1/14項目"))).to_be_visible(
        timeout=WAIT)

    # The final assessment (drawn for this learner, so any of its questions): the first
    # single-choice question, answered with the mouse, is marked with a symbol and words.
    quiz = page.locator(".course-quiz").last
    question = quiz.locator(".course-question-single-choice").first
    question.locator("input[type=radio]").first.check()
    question.get_by_role("button", name="答え合わせ").click()
    expect(question.get_by_role("status").first).to_contain_text(
        re.compile("✔ 正解|✘ 不正解"), timeout=WAIT)

    # The mastery view reads that first answer after Refresh.
    mastery = page.locator(".course-mastery-view").first
    expect(mastery.get_by_text("学習目標ごとの身につき具合").first).to_be_visible(timeout=WAIT)
    mastery.get_by_role("button", name="更新").click()
    expect(mastery.get_by_text("✔ 更新しました。")).to_be_visible(timeout=WAIT)

    require_axe()
    assert axe_violations(page, ".course-checklist", ".course-progress-view", ".course-selfcheck",
                          ".course-review", ".course-mastery-view") == []
    keep_screenshot(page, "09_checklist_ja.png")
