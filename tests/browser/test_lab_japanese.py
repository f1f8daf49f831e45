"""JupyterLab in Japanese (``make lab`` in ja): every menu path a notebook or a
quiz tells the learner to use is on the page with that exact wording.

The paths come from the same extraction as tests/test_jupyterlab_wording.py,
which checks them against the language pack's catalog; here the real menus of
the running JupyterLab are opened and the items looked for.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.notebook_page import dismiss_dialogs, open_notebook
from tests.test_jupyterlab_wording import PAIRED, menu_paths

pytestmark = pytest.mark.browser
WAIT = 90_000
JAPANESE_PATHS = sorted({tuple(path) for _, ja, _ in PAIRED for path in menu_paths(ja)})


def test_the_menus_the_japanese_notebooks_name_are_on_the_page(lab, page):
    assert JAPANESE_PATHS, "no menu path found in the Japanese notebooks"
    # The Kernel menu's items depend on the open document: open a notebook first.
    open_notebook(page, lab.url, "ja/00_start_here.ipynb")
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").first.click()
    bar = page.locator(".lm-MenuBar-itemLabel")
    expect(bar.filter(has_text="ファイル").first).to_be_visible(timeout=WAIT)
    assert "File" not in bar.all_inner_texts()  # the interface is Japanese, not English
    for title, *items in JAPANESE_PATHS:
        dismiss_dialogs(page)
        menu = bar.get_by_text(title, exact=True)
        expect(menu).to_have_count(1)
        menu.click()
        for item in items:
            entry = page.locator(".lm-Menu:visible .lm-Menu-itemLabel").get_by_text(
                item, exact=True)
            expect(entry).to_be_visible(timeout=WAIT)
        page.keyboard.press("Escape")
