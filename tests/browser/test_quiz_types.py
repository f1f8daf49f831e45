"""Every question type of the quiz widget, answered in JupyterLab in a real
browser with the mouse and the keyboard (no drag and drop), and checked with
axe-core."""

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
from tests.browser.scratch_notebook import write_notebook
from tests.helpers import REPO

pytestmark = pytest.mark.browser
BANK = REPO / "tests" / "fixtures" / "quizzes" / "all_types.yaml"


def test_every_question_type_is_answerable_in_the_browser(lab, page, tmp_path: Path):
    path = write_notebook(lab.root, "quiz_types", [
        'from course import setup\nsetup("en")',
        "from pathlib import Path\nfrom course.quiz.bank import load_bank_file\n"
        "from course.ui import Quiz\n"
        f"quiz = Quiz(load_bank_file(Path({str(BANK)!r})), store=None, shuffle=False)\n"
        "quiz.widget",
    ])
    open_notebook(page, lab.url, path)
    run_all_cells(page)
    assert error_outputs(page) == []
    quiz = page.locator(".course-quiz")
    expect(quiz).to_be_visible()

    def check(css: str, expected: str, index: int = 0) -> None:
        question = quiz.locator(css).nth(index)
        question.get_by_role("button", name="Check").click()
        expect(question.get_by_role("status")).to_contain_text(expected)

    # Multiple choice: two checkboxes with the mouse.
    multiple = quiz.locator(".course-question-multiple-choice").first
    multiple.get_by_label("Authenticator app").check()
    multiple.get_by_label("Security key").check()
    check(".course-question-multiple-choice", "✔ Correct")

    # Matching: one labelled dropdown per message, chosen with the keyboard.
    matching = quiz.locator(".course-question-matching")
    matching.get_by_label("This phone number is already in use").select_option(
        label="The account limit of the number")
    matching.get_by_label("Please enter a valid phone number").select_option(
        label="A typing mistake")
    check(".course-question-matching", "✔ Correct")

    # Ordering: keyboard only — focus "move step 1 down", press Enter, hear the move.
    ordering = quiz.locator(".course-question-ordering").first
    ordering.get_by_role("button", name="↓ Move step 1 down").focus()
    page.keyboard.press("Enter")
    expect(ordering.get_by_role("status").first).to_contain_text("Moved")
    ordering.get_by_role("button", name="Check").click()
    expect(ordering.get_by_role("status").last).to_contain_text(re.compile("[✔◐✘]"))

    # Numeric and short text typed in full-width characters, as a Japanese IME gives them.
    numeric = quiz.locator(".course-question-numeric")
    numeric.get_by_role("textbox").fill("６０")
    check(".course-question-numeric", "✔ Correct")
    short = quiz.locator(".course-question-short-text")
    short.get_by_role("textbox").fill("ＤＩＳＣＯＶＥＲＡＢＩＬＩＴＹ ａｎｄ ｃｏｎｔａｃｔｓ")
    check(".course-question-short-text", "✔ Correct")

    require_axe()
    assert axe_violations(page, ".course-quiz") == []
    keep_screenshot(page, "quiz_types.png")
