"""06_two_factor_and_life_without_sms in JupyterLab, in headless Debian chromium.

The Japanese notebook runs from top to bottom without an error output. Then,
as a learner would: step through a relay attack against the authenticator app
in the attack lab, make a QR code in the set-up lab, and answer the first
quick check with the mouse. Every assertion is on text that only that
interaction produces; axe-core checks both simulators and the quizzes.
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
NOTEBOOK = "ja/06_two_factor_and_life_without_sms.ipynb"


@pytest.mark.runs_notebook(NOTEBOOK)
def test_two_factor_notebook_runs_and_its_labs_answer(lab, page, tmp_path: Path):
    open_notebook(page, lab.url, NOTEBOOK)
    run_all_cells(page)
    assert error_outputs(page) == []

    # The attack lab: a relay against the authenticator app is shown step by step.
    attacks = page.locator(".course-twofactor-attacks").first
    expect(attacks).to_be_visible(timeout=WAIT)
    attacks.get_by_label("リアルタイム中継型フィッシング").check()
    attacks.get_by_label("方式", exact=True).select_option(label="認証アプリ")
    expect(attacks.get_by_text("認証アプリに対するリアルタイム中継型フィッシング:全")).to_be_visible(
        timeout=WAIT)
    expect(attacks.get_by_text("結果:")).to_have_count(0)
    attacks.get_by_role("button", name="次の段階へ").click()
    expect(attacks.get_by_text("被害者が偽サイトにユーザー名とパスワードを入力しました。")
           ).to_be_visible(timeout=WAIT)
    attacks.get_by_role("button", name="すべての段階を表示").click()
    expect(attacks.get_by_text("結果:乗っ取られた。")).to_be_visible(timeout=WAIT)

    # The set-up lab: the QR code appears with its text alternative.
    setup = page.locator(".course-twofactor-setup").first
    expect(setup).to_be_visible(timeout=WAIT)
    setup.get_by_role("button", name="QR コードを作る").click()
    expect(setup.get_by_role("img", name=re.compile("X-course-simulator"))).to_be_visible(
        timeout=WAIT)

    # The first quick check: the claim "SMS verification became paid", answered right.
    quiz = page.locator(QUICK_CHECKS).first
    question = quiz.locator(".course-question-single-choice", has_text="有料化").first
    question.get_by_label(re.compile("2要素認証の方式としての SMS だけ")).check()
    question.get_by_role("button", name="答え合わせ").click()
    expect(question.get_by_role("status").first).to_contain_text("✔ 正解", timeout=WAIT)

    require_axe()
    assert axe_violations(page, ".course-twofactor-attacks", ".course-twofactor-setup",
                          ".course-selfcheck") == []
    keep_screenshot(page, "06_two_factor_ja.png")
