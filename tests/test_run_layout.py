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


def collected(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0", *args,
         COVERED, OTHER, BROWSER_TEST], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return {line.split("::", 1)[0] for line in result.stdout.splitlines() if "::" in line}


@pytest.mark.slow
def test_nbval_leaves_a_notebook_to_its_browser_test_only_when_that_test_runs():
    files = collected()
    assert BROWSER_TEST in files and OTHER in files
    assert (COVERED in files) == (browser_problem() is not None)
    assert collected("-m", "not browser") == {COVERED, OTHER}
