"""The accounts-per-number explorer in JupyterLab, in headless chromium.

A learner creates an account with a fictional number, adds accounts until X
refuses one (pressing the button from the keyboard), removes a number, meets
the cooldown, fast-forwards through it and reads the timeline.
"""

from __future__ import annotations

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

pytestmark = pytest.mark.browser
WAIT = 60_000


def test_link_fill_to_the_limit_remove_and_wait_out_the_cooldown(lab, page, tmp_path: Path):
    path = write_notebook(lab.root, "sim_accounts", [
        'from course import setup\nsetup("ja")',
        "from course.ui.accounts_explorer import AccountsExplorer\n"
        "sim = AccountsExplorer()\nsim.widget",
    ])
    open_notebook(page, lab.url, path)
    run_all_cells(page)
    assert error_outputs(page) == []
    sim = page.locator(".course-accounts").first
    expect(sim).to_be_visible(timeout=WAIT)  # a live widget view, not stored text
    status = sim.get_by_role("status").last

    # Mouse and typing: a fictional number, then "アカウントを作る".
    number = sim.get_by_label("電話番号", exact=True)
    number.click()
    page.keyboard.type("090-0123-4567")
    sim.get_by_role("button", name="アカウントを作る").click()
    expect(status).to_contain_text("@hanako を作成しました", timeout=WAIT)
    expect(number).to_have_value("")  # the typed number left its box, shown masked:
    expect(sim.get_by_text("番号 090-****-4567", exact=True)).to_be_visible()

    # Keyboard only: from "この番号でアカウントを1つ追加", Tab to "断られるまで追加", Enter.
    sim.get_by_role("button", name="この番号でアカウントを1つ追加").focus()
    page.keyboard.press("Tab")
    fill = sim.get_by_role("button", name="断られるまで追加")
    expect(fill).to_be_focused()
    page.keyboard.press("Enter")
    expect(sim.locator(".course-refusal")).to_contain_text("この電話番号は既に使われています",
                                                           timeout=WAIT)
    expect(sim.get_by_text("10 / 10個のアカウントがこの番号を使っています。")).to_be_visible()

    # Remove the number from sub_03, meet the cooldown, live through it.
    handle = sim.get_by_label("ユーザー名", exact=True)
    handle.fill("sub_03")
    sim.get_by_role("button", name="番号を削除").click()
    expect(status).to_contain_text("@sub_03 から電話番号を削除しました", timeout=WAIT)
    sim.get_by_role("button", name="この番号でアカウントを1つ追加").click()
    expect(sim.locator(".course-refusal")).to_contain_text("あと30日ほどで", timeout=WAIT)
    sim.get_by_role("button", name="+30日").click()
    expect(status).to_contain_text("31日目", timeout=WAIT)
    sim.get_by_role("button", name="この番号でアカウントを1つ追加").click()
    expect(status).to_contain_text("@sub_10 を作成しました", timeout=WAIT)
    timeline = sim.locator("img[alt^='番号 090-****-4567 の歴史の図']")
    expect(timeline).to_be_visible(timeout=WAIT)
    expect(sim.get_by_text("待ち時間が終わり、ほかのアカウントでも登録できるようになる").first
           ).to_be_visible()

    require_axe()
    assert axe_violations(page, ".course-accounts") == []
    sim.locator("img").first.scroll_into_view_if_needed()
    keep_screenshot(page, "accounts.png")
