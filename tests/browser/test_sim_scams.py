"""The scam spotter in JupyterLab in headless chromium: a learner judges the
fake support number from the keyboard, ticks a sign with the mouse, reads the
feedback, moves on, and checks a pasted number without seeing it again."""

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
    """The scratch notebook holding the spotter (the ``page`` fixture shuts its
    kernel down after the test)."""
    path = write_notebook(lab.root, "sim_scams", [
        'from course import setup\nsetup("ja")',
        "from course.ui.scam_spotter import ScamSpotter\nsim = ScamSpotter()\nsim.widget",
    ])
    return path


def test_scam_spotter_grades_a_card_and_checks_a_number(lab, page, notebook, tmp_path: Path):
    path = notebook
    open_notebook(page, lab.url, path)
    run_all_cells(page)
    assert error_outputs(page) == []
    spotter = page.locator(".course-scams").first
    expect(spotter).to_be_visible(timeout=SLOW)
    expect(spotter).to_contain_text("カード 1/13", timeout=SLOW)
    expect(spotter).to_contain_text("24時間 電話受付")

    # Mouse: tick the sign "a phone number presented as X support".
    spotter.get_by_label("「X のサポート」として電話番号が出てくる").check()

    # Keyboard only: choose 詐欺 with Space, then Tab to 答え合わせ and press Enter.
    judgement = spotter.locator(".widget-radio-box").first.locator("input")
    judgement.first.focus()
    page.keyboard.press("Space")
    expect(judgement.first).to_be_checked()
    check = spotter.get_by_role("button", name="答え合わせ")
    press_until_focused(page, check, limit=20)
    page.keyboard.press("Enter")
    expect(spotter).to_contain_text("✔ 正解です。 このカードは「詐欺」です。", timeout=SLOW)
    expect(spotter).to_contain_text("✔ 気づいた: 「X のサポート」として電話番号が出てくる")
    expect(spotter).to_contain_text("✘ 見落とし:")
    expect(spotter).to_contain_text("1枚中1枚正解")

    spotter.get_by_role("button", name="次のカードへ").click()
    expect(spotter).to_contain_text("カード 2/13", timeout=SLOW)
    expect(spotter).to_contain_text("【X運営】")

    # The checker: a pasted number is counted, never shown back, and the box is emptied.
    box = spotter.get_by_label("番号・リンク・アドレス")
    box.fill("サポート窓口 090-0274-3391 https://x-com-support.example/help")
    spotter.get_by_role("button", name="確かめる").click()
    expect(spotter).to_contain_text("警告のしるしが2個見つかりました", timeout=SLOW)
    expect(spotter).to_contain_text("x-com-support.example は X に似せた名前")
    expect(box).to_have_value("")
    assert "3391" not in spotter.inner_text()

    require_axe()
    assert axe_violations(page, ".course-scams") == []
    spotter.get_by_text("警告のしるしが2個見つかりました").first.scroll_into_view_if_needed()
    keep_screenshot(page, "scam_spotter.png")
