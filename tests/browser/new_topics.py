"""A learner's steps through the sections of issue #13's four topics, in the real
lessons that teach them (01, 04, 07, 08, Japanese). Each lesson's browser test
calls its step after running the whole notebook, so the notebook runs once.
Each assertion is on text only that interaction produces; axe-core checks the
widget."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.axe import axe_violations, require_axe
from tests.browser.notebook_page import press_until_focused

WAIT = 90_000  # the machine may be busy: wait generously for each rendered answer


def _accessible(page: Page, selector: str) -> None:
    require_axe()
    assert axe_violations(page, selector) == [], selector


def no_number_planner_shows_what_a_number_adds(page: Page) -> None:
    """01: email only has one dead end; ticking the phone number clears it."""
    planner = page.locator(".course-without-number").first
    expect(planner).to_contain_text("行き止まりの場面が 1 つあります", timeout=WAIT)
    planner.get_by_label("電話番号を登録している").check()
    expect(planner).to_contain_text("✔ 行き止まりはありません。", timeout=WAIT)
    _accessible(page, ".course-without-number")


def email_first_reaches_the_goal_safely(page: Page) -> None:
    """04: add and confirm the email and move two-factor before deleting the number."""
    lab = page.locator(".course-contact-change").first
    action = lab.get_by_label("次の操作")
    do = lab.get_by_role("button", name="この操作をする")
    # As a learner does, each step's result is read before the next is chosen. Chosen
    # at once, the next choice may reach the kernel after the click: ipywidgets holds a
    # control's update back until the kernel has answered its last one (CI saw it).
    for label, result in (
            ("今使っているメールアドレスを登録する", "新しいメールアドレスを入力しました"),
            ("届いたメールで新しいアドレスを確認する", "新しいメールアドレスが確認されました"),
            ("2要素認証を認証アプリ(またはセキュリティキー)に切り替える",
             "2要素認証は認証アプリになりました"),
            ("電話番号を削除する", "✔ 目標を達成しました。危ない状態を1度も通りませんでした。")):
        action.select_option(label=label)
        do.click()
        expect(lab).to_contain_text(result, timeout=WAIT)
    _accessible(page, ".course-contact-change")


def revoking_the_booster_app_names_its_cues(page: Page) -> None:
    """07: the follower-booster app is revoked and the signs that gave it away are named."""
    review = page.locator(".course-access-review").first
    review.get_by_label("フォロワー爆増ツール を取り消す・ログアウトさせる").check()
    review.get_by_role("button", name="チェックしたものを取り消す・ログアウトさせる").click()
    expect(review).to_contain_text("✔ 取り消しました:フォロワー爆増ツール", timeout=WAIT)
    expect(review).to_contain_text("怪しい項目が 4 つ残っています")
    _accessible(page, ".course-access-review")


def first_hour_starts_with_the_password_from_the_keyboard(page: Page) -> None:
    """08: keyboard only, the password card is chosen and done as X's step 1."""
    drill = page.locator(".course-first-hour").first
    card = drill.get_by_label("パスワードを新しい強いものに変える")
    card.focus()
    page.keyboard.press("Space")
    expect(card).to_be_checked()
    button = drill.get_by_role("button", name="これをする")
    press_until_focused(page, button, limit=12)
    page.keyboard.press("Enter")
    expect(drill).to_contain_text("X のヘルプの 1 番目の手順です", timeout=WAIT)
    _accessible(page, ".course-first-hour")
