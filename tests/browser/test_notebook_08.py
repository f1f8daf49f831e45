"""08_scams_and_official_support in JupyterLab, in headless Debian chromium.

The Japanese notebook runs from top to bottom without an error output. Then,
as a learner would: judge the first card of the scam spotter with the mouse
(scam, with the "phone number as X support" sign ticked), check a look-alike
link in the contact checker, and answer the first quick check. Every
assertion is on text that only that interaction produces; axe-core checks the
spotter and the quizzes.
"""

from __future__ import annotations

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
NOTEBOOK = "ja/08_scams_and_official_support.ipynb"


@pytest.mark.runs_notebook(NOTEBOOK)
def test_scams_notebook_runs_and_its_spotter_answers(lab, page, tmp_path: Path):
    open_notebook(page, lab.url, NOTEBOOK)
    run_all_cells(page)
    assert error_outputs(page) == []

    # The first-hour drill (section 4), a topic of issue #13.
    new_topics.first_hour_starts_with_the_password_from_the_keyboard(page)

    # The spotter: the fake support number in a search ad, judged a scam.
    spotter = page.locator(".course-scams").first
    expect(spotter).to_be_visible(timeout=WAIT)
    expect(spotter).to_contain_text("24時間 電話受付", timeout=WAIT)
    spotter.get_by_label("「X のサポート」として電話番号が出てくる").check()
    spotter.locator(".widget-radio-box").first.get_by_label("詐欺", exact=True).check()
    spotter.get_by_role("button", name="答え合わせ").click()
    expect(spotter).to_contain_text("✔ 正解です。 このカードは「詐欺」です。", timeout=WAIT)
    expect(spotter).to_contain_text("1枚中1枚正解")

    # The contact checker: a look-alike link is named, the box is emptied.
    box = spotter.get_by_label("番号・リンク・アドレス")
    box.fill("https://x-com-support.example/login")
    spotter.get_by_role("button", name="確かめる").click()
    expect(spotter).to_contain_text("x-com-support.example は X に似せた名前", timeout=WAIT)
    expect(box).to_have_value("")

    # The first quick check: "X has a phone line", answered right.
    quiz = page.locator(QUICK_CHECKS).first
    question = quiz.locator(".course-question-true-false", has_text="電話で相談できる").first
    question.get_by_label("正しくない").check()
    question.get_by_role("button", name="答え合わせ").click()
    expect(question.get_by_role("status").first).to_contain_text("✔ 正解", timeout=WAIT)

    require_axe()
    assert axe_violations(page, ".course-scams", ".course-selfcheck") == []
    keep_screenshot(page, "08_scams_ja.png")
