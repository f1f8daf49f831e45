"""The instructor notebooks in JupyterLab, in headless Debian chromium.

The class-results notebook runs from top to bottom on its fictional class
without an error output, and shows what only a successful run produces: the
summary of the files read, the question table with its advice column and the
charts. The workshop guide runs too and shows the computed schedule and the
notes for every notebook.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from course.progress.overview import course_map
from course.quiz.bank import load_bank
from course.workshop.class_results import DEMO_QUIZ
from tests.browser.axe import axe_violations, require_axe
from tests.browser.notebook_page import (
    error_outputs,
    keep_screenshot,
    open_notebook,
    run_all_cells,
)

pytestmark = pytest.mark.browser
WAIT = 90_000  # the machine may be busy: wait generously for each output


@pytest.mark.runs_notebook("instructor/class_results.ipynb")
def test_class_results_notebook_runs_and_shows_the_item_analysis(lab, page, tmp_path: Path):
    open_notebook(page, lab.url, "instructor/class_results.ipynb")
    run_all_cells(page)
    assert error_outputs(page) == []

    outputs = page.locator(".jp-OutputArea-output")
    summary = outputs.get_by_text("24件のファイルを読み込みました", exact=False).first
    expect(summary).to_be_visible(timeout=WAIT)
    table = page.locator(".jp-RenderedHTMLCommon table", has_text="対応").first
    expect(table).to_be_visible(timeout=WAIT)
    demo_bank = load_bank(DEMO_QUIZ)  # the fictional class answers every question of it
    expect(table.locator("tbody tr")).to_have_count(len(demo_bank.questions))
    expect(table.get_by_text("twofa-methods-free")).to_be_visible()
    # The scatter plot and at least one option chart, as SVG images with alt text.
    charts = page.locator(".jp-OutputArea-output img[src^='data:image/svg+xml'][alt]")
    expect(charts.first).to_be_visible(timeout=WAIT)
    assert charts.count() >= 2
    expect(outputs.get_by_text("なぜまちがいかを話し合いましょう", exact=False).first
           ).to_be_visible(timeout=WAIT)
    require_axe()
    assert axe_violations(page, ".jp-OutputArea-output") == []
    keep_screenshot(page, "class_results.png")


@pytest.mark.runs_notebook("instructor/workshop_guide.ipynb")
def test_workshop_guide_runs_and_shows_the_schedule_and_the_notes(lab, page, tmp_path: Path):
    open_notebook(page, lab.url, "instructor/workshop_guide.ipynb")
    run_all_cells(page)
    assert error_outputs(page) == []

    schedule = page.locator(".jp-RenderedHTMLCommon table", has_text="開始").first
    expect(schedule).to_be_visible(timeout=WAIT)
    expect(schedule.get_by_text("はじめに:このコースの使い方")).to_be_visible()
    expect(schedule.get_by_text("休憩").first).to_be_visible()
    lessons = len(course_map())  # every notebook of the course map has notes
    notes = page.locator(".jp-OutputArea-output h3")
    expect(notes).to_have_count(lessons, timeout=WAIT)
    # Scoped to outputs: the hidden check cell's source holds the same words.
    misconceptions = page.locator(".jp-OutputArea-output").get_by_text("よくある思い込み")
    expect(misconceptions.first).to_be_visible(timeout=WAIT)
    expect(misconceptions).to_have_count(lessons)
    require_axe()
    assert axe_violations(page, ".jp-OutputArea-output") == []
    keep_screenshot(page, "workshop_guide.png")
