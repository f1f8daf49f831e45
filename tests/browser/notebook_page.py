"""What a learner does in JupyterLab, as Playwright steps."""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
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
# The execution indicator says "idle" by default, before the notebook has a
# kernel at all ("No Kernel | Initializing" in the status bar); a Run All
# pressed then is dropped. Ready means idle *with* a kernel behind it: the
# toolbar names one (JupyterLab's "No Kernel" label in English or Japanese).
NO_KERNEL = ("No Kernel", "カーネルがありません")
KERNEL_READY_JS = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const status = panel?.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status;
  const kernel = panel?.querySelector('.jp-KernelName')?.textContent.trim();
  return status === 'idle' && !!kernel && !NO_KERNEL.includes(kernel);
}""".replace("NO_KERNEL", json.dumps(NO_KERNEL))


# The tests' own JupyterLab workspace: what they open never shows in the default
# workspace, the one `make lab` restores (test_start_here checks it).
TEST_WORKSPACE = "course-tests"
OPEN_JS = """async (path) => {
  const app = window.jupyterapp;
  const widget = await app.commands.execute('docmanager:open', {path});
  app.shell.activateById(widget.id);
}"""
# Close every document without a "save your changes?" question (the tests' outputs
# are never kept); true when nothing is left open. JupyterLab then opens its
# launcher in the empty main area, a moment later on a loaded machine: wait for it
# (up to 5 s), or it opens after the next notebook and takes the focus and the
# front tab from it.
CLOSE_ALL_JS = """async () => {
  const app = window.jupyterapp;
  if (!app) return false;
  const main = () => [...app.shell.widgets('main')];
  for (const widget of main()) {
    if (widget.context?.model) widget.context.model.dirty = false;
    widget.close();
  }
  for (let waited = 0; waited < 5000 && !main().some(w => !w.context); waited += 50) {
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  return main().every(widget => !widget.context);
}"""


def shows_lab(page: Page, base_url: str) -> bool:
    """The page shows this server's JupyterLab in the tests' workspace, ready to open
    another notebook from the app."""
    if not page.url.startswith(f"{base_url}/lab/workspaces/{TEST_WORKSPACE}"):
        return False
    try:
        return bool(page.evaluate("() => !!window.jupyterapp?.commands"))
    except PlaywrightError:
        return False


def open_notebook(page: Page, base_url: str, path: str) -> None:
    """Open a notebook by its path under the server root and wait for the kernel.

    A page that already shows this JupyterLab (the tests' shared page, tidied by
    ``close_everything`` after the test before) opens it from the app, as the file
    browser does; starting JupyterLab in a page costs about 5 s of CPU. Any other
    page loads JupyterLab at the notebook's address.
    """
    if shows_lab(page, base_url):
        page.evaluate(OPEN_JS, path)
    else:
        page.goto(f"{base_url}/lab/workspaces/{TEST_WORKSPACE}/tree/{path}?reset")
    wait_for_kernel(page)


# What the page shows about the open notebook and its kernel, for a failure message.
KERNEL_STATE_JS = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  return {
    panels: document.querySelectorAll('.jp-NotebookPanel').length,
    tab: document.querySelector('.lm-DockPanel-tabBar .lm-mod-current')?.textContent.trim(),
    indicator: panel?.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status,
    kernelName: panel?.querySelector('.jp-KernelName')?.textContent.trim(),
    statusBar: document.querySelector('#jp-main-statusbar')?.innerText.replace(/\\s+/g, ' '),
    running: [...(panel?.querySelectorAll('.jp-CodeCell .jp-InputPrompt') ?? [])]
      .filter(p => p.textContent.includes('*')).length,
    dialogs: [...document.querySelectorAll('.jp-Dialog')].map(d => d.innerText.slice(0, 160)),
  };
}"""


def _origin(page: Page) -> str:
    return re.match(r"https?://[^/]+", page.url).group(0)


# The path of the document in the front tab, from the app (the tests' JupyterLab
# exposes it); null on a page without it.
OPEN_PATH_JS = "() => window.jupyterapp?.shell.currentWidget?.context?.path ?? null"


def server_kernel_state(page: Page) -> str | None:
    """The execution state the server reports for the notebook in the front tab
    (its path from the app), or None if there is none or the server has no
    session for it."""
    path = page.evaluate(OPEN_PATH_JS)
    if path is None:
        return None
    sessions = page.request.get(f"{_origin(page)}/api/sessions", timeout=5_000).json()
    states = [s["kernel"]["execution_state"] for s in sessions
              if s.get("path") == path and s.get("kernel")]
    return states[0] if len(states) == 1 else None


def _stuck_busy(state: dict) -> bool:
    """The page (``KERNEL_STATE_JS``) says the kernel is busy and names it, but shows
    no cell queued or running."""
    return (state["indicator"] == "busy" and bool(state["kernelName"])
            and state["kernelName"] not in NO_KERNEL and state["running"] == 0)


def wait_for_kernel(page: Page, timeout: float = 60_000, trust_page_for: float = 5.0) -> None:
    """Wait until the open notebook's kernel is connected and idle.

    Ready is what the page shows: the execution indicator idle with a kernel
    named. On a loaded machine JupyterLab's indicator sometimes stays "busy"
    (実行中) after the last cell while the server reports the kernel idle, for
    as long as the page is open (seen after notebook 09's Run All). So once
    ``trust_page_for`` seconds have passed, a page that says "busy" with no
    cell queued or running is checked against the server every second, and a
    kernel the server reports idle is ready as well. Any other state (no kernel
    yet, starting, unknown) is left to the page. If neither says ready in
    ``timeout`` ms, fail with what the page showed (and keep a screenshot of it).
    """
    deadline = time.monotonic() + timeout / 1000
    wait = trust_page_for
    while True:
        wait = min(wait, deadline - time.monotonic())
        try:  # the page polls itself: no round trip to this process every 100 ms
            page.wait_for_function(KERNEL_READY_JS, timeout=max(wait, 0.1) * 1000, polling=100)
            return
        except PlaywrightTimeoutError:
            pass
        if _stuck_busy(page.evaluate(KERNEL_STATE_JS)) and server_kernel_state(page) == "idle":
            return
        if time.monotonic() >= deadline:
            break
        wait = 1.0
    state = page.evaluate(KERNEL_STATE_JS)
    with contextlib.suppress(PlaywrightError):  # and what the server says
        state["server"] = [(k["name"], k["execution_state"], k["connections"]) for k in
                           page.request.get(f"{_origin(page)}/api/kernels", timeout=5_000).json()]
    shot = keep_screenshot(page, f"kernel-not-ready-{time.strftime('%H%M%S')}.png")
    raise AssertionError(f"the notebook's kernel was not ready in {timeout / 1000:.0f} s: "
                         f"{state} (screenshot: {shot})")


def close_everything(page: Page, base_url: str) -> bool:
    """Leave the shared page as a fresh one would be: menus and dialogs closed,
    no document open (nothing saved), and no kernel left running on the server.
    False when the page no longer shows this JupyterLab in the tests' workspace."""
    shown = shows_lab(page, base_url)
    if shown:
        try:
            for _ in range(2):
                page.keyboard.press("Escape")
            shown = bool(page.evaluate(CLOSE_ALL_JS))
        except PlaywrightError:
            shown = False
    shut_down_kernels(page, base_url)
    return shown


def _xsrf_cookie(page: Page) -> str:
    return next((c["value"] for c in page.context.cookies() if c["name"] == "_xsrf"), "")


def shut_down_kernels(page: Page, base_url: str) -> None:
    """Delete every session on the server, and so its kernel. The server wants its
    XSRF cookie echoed in a header for a DELETE."""
    if not _xsrf_cookie(page):  # no page of this server loaded yet: take its cookie
        page.request.get(f"{base_url}/lab/workspaces/{TEST_WORKSPACE}")
    xsrf = _xsrf_cookie(page)
    for session in page.request.get(f"{base_url}/api/sessions").json():
        response = page.request.delete(f"{base_url}/api/sessions/{session['id']}",
                                       headers={"X-XSRFToken": xsrf})
        assert response.ok or response.status == 404, response.status


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


_STATE_JS = f"""() => ({{
  prompts: ({PROMPTS_JS})(),
  idle: ({KERNEL_READY_JS})(),
  dialog: [...document.querySelectorAll('.jp-Dialog')].some(d => d.offsetParent !== null),
}})"""


def _executed(prompt: str) -> bool:
    return re.match(r"^\[\d+\]", prompt) is not None


def run_all_cells(page: Page, timeout_ms: float = 240_000, quiet_ms: float = 2_000) -> None:
    """Menu Run → Run All Cells, then poll until every cell has an execution count.

    JupyterLab drops the command while a freshly opened notebook is still
    connecting its kernel session (no cell is even queued), and a kernel that
    settles late can cancel the cells queued behind the first one. Both leave
    the notebook quiet: kernel idle, nothing queued or running ([*]), cells
    still unexecuted ([ ]). After ``quiet_ms`` of that, Run All is pressed
    again, as a learner would. An error output ends the wait at once (with
    Run All, JupyterLab stops at the first error), so the test reports the
    error itself; ``timeout_ms`` only guards against a hung kernel.
    """
    dismiss_dialogs(page)
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").first.click()
    _click_run_all(page)
    deadline = time.monotonic() + timeout_ms / 1000
    quiet_since: float | None = None
    presses = 1
    while True:
        state = page.evaluate(_STATE_JS)
        prompts = state["prompts"]
        if prompts and all(_executed(text) for text in prompts):
            break
        busy = any(text.startswith("[*]") for text in prompts) or not state["idle"]
        if state["dialog"]:
            dismiss_dialogs(page)
            quiet_since = None
        elif busy:
            quiet_since = None
        elif error_outputs(page):
            return
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= quiet_ms / 1000:
            page.keyboard.press("Escape")
            _click_run_all(page)
            presses += 1
            quiet_since = None
        if time.monotonic() > deadline:
            raise AssertionError(f"cells still unexecuted after {timeout_ms / 1000:.0f} s "
                                 f"and {presses} presses of Run All: {prompts}")
        page.wait_for_timeout(200)
    wait_for_kernel(page)


def press_until_focused(page: Page, target, key: str = "Tab", limit: int = 6) -> None:
    """Move the keyboard focus with ``key`` (as a keyboard-only learner does) until
    ``target`` has it, at most ``limit`` presses."""
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press(key)
    assert target.evaluate("element => element === document.activeElement")


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
