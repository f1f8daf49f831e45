"""The recovery navigator in JupyterLab in headless chromium: a learner picks
"suspended", files the appeal with a click, lets X refuse it with the
keyboard only, and then finds the way out of a lost-phone dead end."""

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
)
from tests.browser.scratch_notebook import write_notebook

pytestmark = pytest.mark.browser
SLOW = 60_000


@pytest.fixture
def notebook(lab):
    """The scratch notebook holding the navigator (the ``page`` fixture shuts its
    kernel down after the test)."""
    path = write_notebook(lab.root, "sim_recovery", [
        'from course import setup\nsetup("ja")',
        "from course.ui.recovery_navigator import RecoveryNavigator\n"
        "sim = RecoveryNavigator()\nsim.widget",
    ])
    return path


def test_recovery_navigator_walks_an_appeal_and_a_dead_end(lab, page, notebook,
                                                            tmp_path: Path):
    path = notebook
    open_notebook(page, lab.url, path)
    run_all_cells(page)
    assert error_outputs(page) == []
    nav = page.locator(".course-recovery").first
    expect(nav).to_be_visible(timeout=SLOW)  # a live widget view, not stored text
    expect(nav.get_by_role("status").last).to_contain_text("1つの手順", timeout=SLOW)

    situation = nav.get_by_label("今の状況")
    situation.select_option(label="凍結された")
    expect(nav).to_contain_text("X の判断で、認められないこともあります", timeout=SLOW)

    # Mouse: file the appeal.
    nav.get_by_role("button", name="次の手順を行う").click()
    expect(nav).to_contain_text("今の状態: 異議申し立ての審査待ち", timeout=SLOW)

    # Keyboard only: X's answer appears now; Tab from 認める to 認めない, Space, then
    # Tab on to the button and press Enter.
    answers = nav.locator(".widget-radio-box").first.locator("input")
    expect(answers.first).to_be_visible(timeout=SLOW)
    answers.first.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(answers.nth(1)).to_be_checked()
    step = nav.get_by_role("button", name="次の手順を行う")
    press_until_focused(page, step, limit=4)
    page.keyboard.press("Enter")
    expect(nav).to_contain_text("✘ 問題あり: X は異議申し立てを認めませんでした", timeout=SLOW)
    expect(nav).to_contain_text("今の状態: 凍結(サスペンド)")
    expect(step).to_be_disabled()

    # A dead end: the lost phone without a backup code, then the saved code opens the way.
    situation.select_option(label="2要素認証をオンにしたまま電話をなくした")
    # Only this situation offers the SMS two-factor box: the new boxes are in place.
    expect(nav.get_by_label("2要素認証の方法が SMS(X Premium のみ)")).to_be_visible(timeout=SLOW)
    expect(nav).to_contain_text("行き止まりの理由", timeout=SLOW)
    nav.get_by_label("保存しておいたバックアップコード").check()
    expect(nav).to_contain_text("バックアップコードを入力", timeout=SLOW)
    step.click()
    expect(nav).to_contain_text("✔ 問題なし: 通常の状態に戻りました。", timeout=SLOW)

    require_axe()
    assert axe_violations(page, ".course-recovery") == []
    keep_screenshot(page, "recovery_navigator.png")
