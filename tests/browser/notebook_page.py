"""What a learner does in JupyterLab, as Playwright steps."""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

# JupyterLab shows its menus in the course language (English, or Japanese from
# the language pack): the helpers accept either label.
RUN_MENU = re.compile(r"^(Run|実行)$")
RUN_ALL_CELLS = re.compile(r"^(Run All Cells|すべてのセルを実行)$")
SELECT_KERNEL = re.compile("Select Kernel|カーネルを選択")

# A lesson's own quick checks and closing quiz, not the review of earlier lessons
# that opens it (a review is a quiz too, inside ``.course-review``).
QUICK_CHECKS = ".course-selfcheck:not(.course-review *)"
IDLE = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator[data-status='idle']"


def open_notebook(page: Page, base_url: str, path: str) -> None:
    """Open a notebook by its path under the server root and wait for the kernel."""
    page.goto(f"{base_url}/lab/tree/{path}?reset")
    wait_for_kernel(page)


def wait_for_kernel(page: Page, timeout: float = 60_000) -> None:
    page.locator(IDLE).first.wait_for(timeout=timeout)


PROMPTS_JS = """() => [...document.querySelectorAll(
  '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')]
  .map(p => p.textContent.trim()).filter(text => text !== '')"""


def _prompts(page: Page) -> list[str]:
    return page.evaluate(PROMPTS_JS)


def dismiss_dialogs(page: Page) -> list[str]:
    """Close any JupyterLab dialog (e.g. a kernel chooser shown while a loaded
    machine is slow to start the kernel) with its default button; return their texts."""
    seen = []
    dialog = page.locator(".jp-Dialog")
    for _ in range(3):
        if not dialog.count() or not dialog.first.is_visible():
            break
        seen.append(dialog.first.inner_text()[:200])
        choice = dialog.first.locator("select")
        if choice.count():  # "Select Kernel": choose the course's Python kernel first
            with contextlib.suppress(PlaywrightError):
                choice.first.select_option(label="Python 3 (ipykernel)", timeout=5_000)
        accept = dialog.first.locator(".jp-mod-accept")
        with contextlib.suppress(PlaywrightError):
            if accept.count():
                accept.first.click(timeout=5_000)
        page.wait_for_timeout(500)
        if dialog.count() and dialog.first.is_visible():
            page.keyboard.press("Escape")
            page.wait_for_timeout(300)
    return seen


def _click_run_all(page: Page) -> None:
    seen = dismiss_dialogs(page)
    menu = page.locator(".lm-MenuBar-itemLabel", has_text=RUN_MENU).first
    for _ in range(5):  # a dialog may pop up between the check and the click
        try:
            menu.click(timeout=5_000)
            break
        except PlaywrightTimeoutError:
            seen += dismiss_dialogs(page)
    else:
        raise AssertionError(f"a JupyterLab dialog kept covering the page: {seen}")
    item = page.locator(".lm-Menu-item:not(.lm-mod-disabled) .lm-Menu-itemLabel",
                        has_text=RUN_ALL_CELLS).first
    item.wait_for(state="visible")
    item.click()


_ALL_DONE_JS = (f"() => {{ const p = ({PROMPTS_JS})(); "
                "return p.length > 0 && p.every(text => /^\\[\\d+\\]/.test(text)); }")


def run_all_cells(page: Page, attempts: int = 4, round_ms: float = 60_000) -> None:
    """Menu Run → Run All Cells, then wait until every cell has an execution count.

    On a loaded machine JupyterLab can ignore the command while a freshly opened
    notebook is still connecting its session, or stop after the first cell while
    the kernel settles. So the wait goes in rounds: while a cell is queued or
    running ([*]) the wait goes on; when nothing runs and cells are still
    unexecuted ([ ]), Run All is pressed again, as a learner would. An error
    output ends the wait at once, so the test reports the error itself.
    """
    dismiss_dialogs(page)
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").first.click()
    _click_run_all(page)
    for _ in range(attempts):
        try:
            page.wait_for_function(_ALL_DONE_JS, timeout=round_ms)
            break
        except PlaywrightTimeoutError:
            if error_outputs(page):
                return
            if not any(text.startswith("[*]") for text in _prompts(page)):
                page.keyboard.press("Escape")
                _click_run_all(page)
    else:
        page.wait_for_function(_ALL_DONE_JS, timeout=round_ms)
    wait_for_kernel(page)


def error_outputs(page: Page) -> list[str]:
    """Text of every error output in the open notebook (tracebacks, stderr)."""
    selector = (
        ".jp-NotebookPanel:not(.lm-mod-hidden) "
        ":is(.jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'],"
        " .jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr'])"
    )
    return [text for text in page.locator(selector).all_inner_texts() if text.strip()]


def screenshot_dir() -> Path:
    """Where a test run keeps its screenshots: ``COURSE_SCREENSHOT_DIR``, or
    ``test-results/screenshots`` in the repository (ignored by git)."""
    folder = os.environ.get("COURSE_SCREENSHOT_DIR")
    repo = Path(__file__).resolve().parents[2]
    path = Path(folder) if folder else repo / "test-results" / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


def keep_screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot that outlives the test's temporary folder."""
    path = screenshot_dir() / name
    page.screenshot(path=str(path), full_page=True)
    return path
