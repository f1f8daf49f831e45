"""The Run All helper catches what nbval would: a failing hidden check.

The browser test of a course notebook runs every cell with Run All, the hidden
``course-check`` assert cells included, and asserts there is no error output.
That is why nbval need not run those notebooks again in the same test run
(see ``tests/browser/README.md``). This test shows the premise holds: a hidden
assert that fails ends the wait at once and shows up in ``error_outputs``.

The kernel wait trusts the server when the page's indicator sticks at "busy"
after the last cell, and only then: a cell that really runs keeps it waiting.
"""

from __future__ import annotations

import pytest

from tests.browser.notebook_page import (
    error_outputs,
    open_notebook,
    run_all_cells,
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
