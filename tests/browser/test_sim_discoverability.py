"""The discoverability explorer in JupyterLab, in headless chromium.

A learner turns off "find me by phone" on the anonymous account from the
keyboard, reads that nobody can find it any more, then picks another person
with the mouse and sees the controls follow.
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


def test_switch_off_find_by_phone_from_the_keyboard_and_pick_another_person(
        lab, page, tmp_path: Path):
    path = write_notebook(lab.root, "sim_discoverability", [
        'from course import setup\nsetup("ja")',
        "from course.ui.discoverability_explorer import DiscoverabilityExplorer\n"
        "sim = DiscoverabilityExplorer()\nsim.widget",
    ])
    open_notebook(page, lab.url, path)
    run_all_cells(page)
    assert error_outputs(page) == []
    sim = page.locator(".course-discoverability").first
    expect(sim).to_be_visible(timeout=WAIT)
    graph = sim.locator("img[alt^='山田 美香さんのアカウントを見つけられる人を示す図']")
    expect(graph).to_be_visible(timeout=WAIT)
    before = graph.get_attribute("src")

    # Keyboard only: focus the switch and press Space.
    switch = sim.get_by_label("電話番号の照合と通知を許可する")
    expect(switch).to_be_checked()
    switch.focus()
    page.keyboard.press("Space")
    expect(switch).not_to_be_checked()
    status = sim.get_by_role("status").last
    expect(status).to_contain_text("9通り減ります", timeout=WAIT)
    expect(sim.get_by_text("このコミュニティには、@yoru_no_memo を見つけられる人はいません。")
           ).to_be_visible(timeout=WAIT)
    expect(graph).not_to_have_attribute("src", before, timeout=WAIT)  # the graph was redrawn

    # Mouse: another person; the account list and switches follow.
    sim.get_by_label("人を選ぶ").select_option(label="佐藤 健二")
    account = sim.get_by_label("設定を変えるアカウント")
    expect(account).to_have_value("@kenji_sato", timeout=WAIT)
    expect(sim.get_by_label("アドレス帳の連絡先を同期")).to_be_checked(timeout=WAIT)
    expect(sim.locator("table caption")).to_contain_text("見つけられる人と方法の一覧")

    require_axe()
    assert axe_violations(page, ".course-discoverability") == []
    sim.locator("img").first.scroll_into_view_if_needed()
    keep_screenshot(page, "discoverability.png")
