"""The Run All helper catches what nbval would: a failing hidden check.

The browser test of a course notebook runs every cell with Run All, the hidden
``course-check`` assert cells included, and asserts there is no error output.
That is why nbval need not run those notebooks again in the same test run
(see ``tests/browser/README.md``). This test shows the premise holds: a hidden
assert that fails ends the wait at once and shows up in ``error_outputs``.

The kernel wait trusts the server when the page's indicator sticks at "busy"
after the last cell, and only then: a cell that really runs keeps it waiting.

The JupyterLab tests share one page; the second test shows what each of them
starts from: no document open and no kernel left running by the test before,
and a notebook opened from the app without loading JupyterLab again.
"""

from __future__ import annotations

import pytest

from tests.browser.notebook_page import (
    OPEN_PATH_JS,
    TEST_WORKSPACE,
    close_everything,
    error_outputs,
    open_notebook,
    run_all_cells,
    shows_lab,
    wait_for_kernel,
)
from tests.browser.scratch_notebook import write_notebook

pytestmark = pytest.mark.browser


def test_a_failing_hidden_check_cell_shows_as_an_error_output(lab, page):
    path = write_notebook(lab.root, "failing_check", [
        "answer = 41",
        "# for the automatic tests\nassert answer == 42, 'the hidden check caught it'",
        "import time\ntime.sleep(4)\nprint('never reached')",
    ], check_cells={1})
    open_notebook(page, lab.url, path)
    run_all_cells(page)
    errors = error_outputs(page)
    assert any("AssertionError" in text and "the hidden check caught it" in text
               for text in errors), errors
    # Run All stopped at the failing check: the cell after it never ran.
    outputs = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output")
    assert "never reached" not in " ".join(outputs.all_inner_texts())
    last_prompt = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-InputPrompt").last
    assert last_prompt.inner_text().strip() == "[ ]:"

    # The page's indicator stuck at "busy" while the server reports the kernel idle:
    # ready all the same, once the page has had its chance.
    panel = ".jp-NotebookPanel:not(.lm-mod-hidden)"
    page.locator(f"{panel} .jp-Notebook-ExecutionIndicator").evaluate(
        "indicator => { indicator.dataset.status = 'busy'; }")
    wait_for_kernel(page, timeout=20_000, trust_page_for=0.5)

    # A cell that really runs (the last one, run by hand) is never taken for ready.
    page.locator(f"{panel} .jp-CodeCell").last.click()
    page.keyboard.press("Shift+Enter")
    with pytest.raises(AssertionError, match="was not ready in 2 s"):
        wait_for_kernel(page, timeout=2_000, trust_page_for=0.5)
    wait_for_kernel(page)
    assert "never reached" in " ".join(outputs.all_inner_texts())


OPEN_DOCUMENTS_JS = """() => [...window.jupyterapp.shell.widgets('main')]
  .filter(w => w.context).map(w => w.title.label)"""  # the launcher is no document


def test_the_shared_page_is_left_with_nothing_open_and_reopens_without_a_reload(lab, page):
    first = write_notebook(lab.root, "shared_page_a", ["a = 1"])
    second = write_notebook(lab.root, "shared_page_b", ["b = 2"])
    open_notebook(page, lab.url, first)
    run_all_cells(page)
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").first.click()
    page.keyboard.type("x = 3")  # an unsaved change: closing must not ask about it
    assert page.request.get(f"{lab.url}/api/sessions").json() != []

    assert close_everything(page, lab.url)  # what the ``page`` fixture does
    assert page.evaluate(OPEN_DOCUMENTS_JS) == []
    assert page.request.get(f"{lab.url}/api/sessions").json() == []
    assert page.locator(".jp-Dialog").count() == 0
    assert "x = 3" not in (lab.root / first).read_text(encoding="utf-8")  # nothing saved

    page.evaluate("() => { window.courseMarker = 'still the same page'; }")
    open_notebook(page, lab.url, second)
    assert page.evaluate("() => window.courseMarker") == "still the same page"
    assert shows_lab(page, lab.url) and f"/lab/workspaces/{TEST_WORKSPACE}/" in page.url
    assert page.evaluate(OPEN_DOCUMENTS_JS) == ["shared_page_b.ipynb"]
    assert page.evaluate(OPEN_PATH_JS) == second  # what the kernel wait asks the server about
    sessions = page.request.get(f"{lab.url}/api/sessions").json()
    assert [s["path"] for s in sessions] == [second]
