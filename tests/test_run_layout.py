"""How a test run is laid out (root conftest.py): nbval leaves a notebook to the
browser test that runs it whole only when that test is selected and the browser
can run, so `make check` (-m "not browser") still runs every notebook."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.browser.lab import browser_problem
from tests.helpers import REPO

COVERED = "notebooks/ja/01_why_a_phone_number.ipynb"
OTHER = "notebooks/en/01_why_a_phone_number.ipynb"
BROWSER_TEST = "tests/browser/test_notebook_01.py"


def test_this_run_leaves_no_notebook_to_both(request: pytest.FixtureRequest):
    items = request.session.items
    files = {item.nodeid.split("::", 1)[0] for item in items}
    covered = {f"notebooks/{mark.args[0]}" for item in items
               for mark in item.iter_markers("runs_notebook")}
    if browser_problem() is not None:
        pytest.skip("the browser cannot run here, so nbval runs every notebook")
    assert not covered & files  # each of those notebooks runs once: in the browser


@pytest.mark.slow
def test_without_the_browser_tests_nbval_runs_every_notebook():
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0", "-m", "not browser",
         COVERED, OTHER, BROWSER_TEST], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    files = {line.split("::", 1)[0] for line in result.stdout.splitlines() if "::" in line}
    assert files == {COVERED, OTHER}
