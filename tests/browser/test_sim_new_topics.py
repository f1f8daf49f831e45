"""The four simulators of issue #13's topics, in the real lessons that teach them,
in JupyterLab and headless chromium: each Japanese lesson runs from top to
bottom without an error output; then, in its new section, a learner ticks "a
phone number is on the account" in the no-number planner (01), registers an
email before deleting the number (04), revokes the follower-booster app (07),
and picks X's first step after a takeover with the keyboard (08). Each
assertion is on text only that interaction produces; axe-core checks each
widget."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import axe_violations, require_axe
from tests.browser.notebook_page import (
    error_outputs,
    keep_screenshot,
    open_notebook,
    run_all_cells,
)
from tests.browser.test_sim_recovery import leave_lab_quiet

pytestmark = pytest.mark.browser
SLOW = 90_000  # the machine may be busy: wait generously for each rendered answer


def _open_lesson(lab, page: Page, path: str) -> None:
    open_notebook(page, lab.url, path)
    run_all_cells(page)
    assert error_outputs(page) == []


def _check_accessibility(page: Page, selector: str, screenshot: str) -> None:
    require_axe()
    assert axe_violations(page, selector) == [], selector
    keep_screenshot(page, screenshot)


def test_01_the_no_number_planner_shows_what_a_number_adds(lab, page):
    path = "ja/01_why_a_phone_number.ipynb"
    _open_lesson(lab, page, path)
    planner = page.locator(".course-without-number").first
    expect(planner).to_contain_text("行き止まりの場面が 1 つあります", timeout=SLOW)
    planner.get_by_label("電話番号を登録している").check()
    expect(planner).to_contain_text("✔ 行き止まりはありません。", timeout=SLOW)
    _check_accessibility(page, ".course-without-number", "new_topic_01_no_number.png")
    leave_lab_quiet(page, lab.url, path)


def test_04_email_first_reaches_the_goal_without_a_risky_moment(lab, page):
    path = "ja/04_errors_and_accounts_per_number.ipynb"
    _open_lesson(lab, page, path)
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
    _check_accessibility(page, ".course-contact-change", "new_topic_04_email_first.png")
    leave_lab_quiet(page, lab.url, path)


def test_07_revoking_the_booster_app_names_its_cues(lab, page):
    path = "ja/07_locked_limited_suspended.ipynb"
    _open_lesson(lab, page, path)
    review = page.locator(".course-access-review").first
    review.get_by_label("フォロワー爆増ツール を取り消す・ログアウトさせる").check()
    review.get_by_role("button", name="チェックしたものを取り消す・ログアウトさせる").click()
    expect(review).to_contain_text("✔ 取り消しました:フォロワー爆増ツール", timeout=SLOW)
    expect(review).to_contain_text("怪しい項目が 4 つ残っています")
    _check_accessibility(page, ".course-access-review", "new_topic_07_apps_sessions.png")
    leave_lab_quiet(page, lab.url, path)


def test_08_the_first_hour_starts_with_the_password_from_the_keyboard(lab, page):
    path = "ja/08_scams_and_official_support.ipynb"
    _open_lesson(lab, page, path)
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
    _check_accessibility(page, ".course-first-hour", "new_topic_08_first_hour.png")
    leave_lab_quiet(page, lab.url, path)
