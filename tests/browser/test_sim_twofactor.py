"""The two-factor lab in JupyterLab, in headless Debian chromium, as a learner uses it.

One path through the lab: make the QR code, let the simulated phone app read
it, move the clock forward and watch the code change, type the code and press
Check from the keyboard, read the backup code once, hide it, log in with it
(twice: the second time is refused), then step through a SIM swap against the
authenticator app. Every assertion is on text that only that interaction
produces; axe-core checks the rendered lab.
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
    press_until_focused,
    run_all_cells,
)
from tests.browser.scratch_notebook import write_notebook

pytestmark = pytest.mark.browser
# confirm_accepted, confirm_accepted_previous and confirm_accepted_next (ui_twofactor.yaml)
TURNED_ON = re.compile(r"✔ 問題なし: .*2要素認証がオンにな(りました|り、)")
WAIT = 60_000  # the machine may be busy: wait generously for each rendered answer


def test_learner_sets_up_the_app_and_steps_through_an_attack(lab, page, tmp_path: Path):
    path = write_notebook(lab.root, "twofactor_lab", [
        'from course import setup\nsetup("ja")',
        "from course.ui.twofactor_lab import TwoFactorLab\nlab = TwoFactorLab()\nlab.widget",
    ])
    open_notebook(page, lab.url, path)
    run_all_cells(page)
    assert error_outputs(page) == []
    root = page.locator(".course-twofactor-lab")
    expect(root).to_be_visible(timeout=WAIT)
    expect(root.get_by_text("X ではありません").first).to_be_visible()

    # 1. Make the QR code (mouse): an image with a text alternative and the key by hand.
    root.get_by_role("button", name="QR コードを作る").click()
    qr = root.get_by_role("img", name=re.compile("X-course-simulator"))
    expect(qr).to_be_visible(timeout=WAIT)
    expect(root.get_by_text("@sakura_demo 用の新しい秘密の鍵を作りました")).to_be_visible()

    # 2. The simulated phone app reads it; +30 s on its clock shows a new code.
    root.get_by_role("button", name="シミュレーションのアプリで読み取る").click()
    expect(root.get_by_text("シミュレーションのアプリに追加されました")).to_be_visible(timeout=WAIT)
    screen_code = root.locator("p:has-text('シミュレーションのアプリ、') .course-code")
    first = screen_code.inner_text()
    root.get_by_role("button", name="時計を30秒進める").click()
    expect(root.get_by_text("実際の時刻より30秒進んでいます")).to_be_visible(timeout=WAIT)
    expect(screen_code).not_to_have_text(first, timeout=WAIT)
    code = screen_code.inner_text()
    assert re.fullmatch(r"\d{3} \d{3}", code)

    # 3. Keyboard only: type the code, Tab to 確認 (Check) and press Enter.
    field = root.get_by_label("アプリの6桁のコード")
    field.click()
    page.keyboard.type(code)
    press_until_focused(page, root.get_by_role("button", name="確認", exact=True), limit=8)
    page.keyboard.press("Enter")
    # Read with a second or two left, the code may reach the check in the next 30 s
    # window: the lab then accepts it as the previous window's code, in other words.
    expect(root.get_by_role("status").filter(has_text=TURNED_ON)).to_be_visible(timeout=WAIT)

    # 4. The backup code is shown once; tick "saved" with Space, hide it for good.
    backup = root.locator("li > .course-code").first
    expect(backup).to_be_visible(timeout=WAIT)
    backup_code = backup.inner_text()
    saved = root.get_by_label("書き留めて、安全な場所に保管しました")
    saved.focus()
    page.keyboard.press("Space")
    expect(saved).to_be_checked()
    root.get_by_role("button", name="コードを隠す(二度と表示されません)").click()
    expect(root.get_by_text("バックアップコードを隠しました")).to_be_visible(timeout=WAIT)
    expect(root.get_by_text(backup_code)).to_have_count(0)

    # 5. Log in with the backup code: it works once, the second use is refused.
    root.get_by_label("バックアップコード", exact=True).check()
    root.get_by_label("コード", exact=True).fill(backup_code.upper())
    login = root.get_by_role("button", name="ログイン", exact=True)
    login.click()
    expect(root.get_by_text("バックアップコードでログインできました")).to_be_visible(timeout=WAIT)
    login.click()
    expect(root.get_by_text("使えるバックアップコードが残っていません")).to_be_visible(timeout=WAIT)

    # 6. Step through a SIM swap against the authenticator app.
    root.get_by_label("方式", exact=True).select_option(label="認証アプリ")
    expect(root.get_by_text("認証アプリに対するSIMスワップ:全5段階のうち0段階")).to_be_visible(
        timeout=WAIT)
    root.get_by_role("button", name="次の段階へ").click()
    expect(root.get_by_text("携帯電話会社が、被害者の電話番号を攻撃者の SIM に移しました。")
           ).to_be_visible(timeout=WAIT)
    root.get_by_role("button", name="すべての段階を表示").click()
    expect(root.get_by_text("結果:守れた。")).to_be_visible(timeout=WAIT)

    require_axe()
    assert axe_violations(page, ".course-twofactor-lab") == []
    keep_screenshot(page, "twofactor.png")
