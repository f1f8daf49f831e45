"""The four simulators of issue #13's topics in JupyterLab, in headless chromium:
a learner ticks "a phone number is on the account" in the no-number planner,
revokes the follower-booster app, picks X's first step after a takeover with
the keyboard, and registers an email before deleting the number. Each
assertion is on text only that interaction produces; axe-core checks each
widget."""

from __future__ import annotations

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
from tests.browser.test_sim_recovery import leave_lab_quiet

pytestmark = pytest.mark.browser
SLOW = 60_000
WIDGETS = (".course-without-number", ".course-access-review", ".course-first-hour",
           ".course-contact-change")


@pytest.fixture
def notebook(lab, page):
    """A scratch notebook with the four simulators; cleaned up after the test."""
    path = write_notebook(lab.root, "sim_new_topics", [
        'from course.lessons import setup\nsetup("ja")',
        "from course.lessons import NoNumberPlanner\nNoNumberPlanner().widget",
        "from course.lessons import AccessReviewLab\nAccessReviewLab().widget",
        "from course.lessons import FirstHourDrill\nFirstHourDrill().widget",
        "from course.lessons import ContactChangeLab\nContactChangeLab().widget",
    ])
    yield path
    leave_lab_quiet(page, lab.url, path)


def test_the_four_new_simulators_answer_a_learner(lab, page, notebook):
    open_notebook(page, lab.url, notebook)
    run_all_cells(page)
    assert error_outputs(page) == []

    # Without a number: the lost email is a dead end until a number is added.
    planner = page.locator(".course-without-number").first
    expect(planner).to_contain_text("行き止まりの場面が 1 つあります", timeout=SLOW)
    planner.get_by_label("電話番号を登録している").check()
    expect(planner).to_contain_text("✔ 行き止まりはありません。", timeout=SLOW)

    # Apps and sessions: revoking the booster app names its cues.
    review = page.locator(".course-access-review").first
    review.get_by_label("フォロワー爆増ツール を取り消す・ログアウトさせる").check()
    review.get_by_role("button", name="チェックしたものを取り消す・ログアウトさせる").click()
    expect(review).to_contain_text("✔ 取り消しました:フォロワー爆増ツール", timeout=SLOW)
    expect(review).to_contain_text("怪しい項目が 4 つ残っています")

    # The first hour, keyboard only: choose "change the password" and press Enter.
    drill = page.locator(".course-first-hour").first
    card = drill.get_by_label("パスワードを新しい強いものに変える")
    card.focus()
    page.keyboard.press("Space")
    expect(card).to_be_checked()
    button = drill.get_by_role("button", name="これをする")
    for _ in range(12):
        page.keyboard.press("Tab")
        if button.evaluate("b => b === document.activeElement"):
            break
    page.keyboard.press("Enter")
    expect(drill).to_contain_text("X のヘルプの 1 番目の手順です", timeout=SLOW)

    # Email before the number: add, confirm, then delete without a risky moment.
    lab_ = page.locator(".course-contact-change").first
    action = lab_.get_by_label("次の操作")
    do = lab_.get_by_role("button", name="この操作をする")
    for label in ("今使っているメールアドレスを登録する",
                  "届いたメールで新しいアドレスを確認する",
                  "2要素認証を認証アプリ(またはセキュリティキー)に切り替える",
                  "電話番号を削除する"):
        action.select_option(label=label)
        do.click()
    expect(lab_).to_contain_text("✔ 目標を達成しました。危ない状態を1度も通りませんでした。",
                                 timeout=SLOW)

    require_axe()
    for selector in WIDGETS:
        assert axe_violations(page, selector) == [], selector
    keep_screenshot(page, "sim_new_topics.png")
