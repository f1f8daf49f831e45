"""Root pytest plugin: one summary line per kind of test, so a `make test`
run shows that unit, widget, notebook and browser tests all ran."""

from __future__ import annotations

import os
import tempfile
from collections import Counter

import pytest

KINDS = (("notebooks/", "notebooks (nbval)"), ("tests/browser/", "real browser"),
         ("tests/hub/", "hub and results service"),
         ("tests/ui/", "widgets (headless)"), ("", "unit and property"))
_counts: Counter[tuple[str, str]] = Counter()


def _kind(nodeid: str) -> str:
    return next(label for prefix, label in KINDS if nodeid.startswith(prefix))


def pytest_configure(config) -> None:
    # Notebook kernels (nbval) and subprocesses inherit this, so no test run ever
    # reads or writes the learner's real progress file (tests/conftest.py also
    # gives every unit test its own folder).
    os.environ.setdefault("COURSE_PROGRESS_DIR", tempfile.mkdtemp(prefix="course-progress-"))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" or (report.when == "setup" and not report.passed):
        _counts[(_kind(report.nodeid), report.outcome)] += 1


def pytest_terminal_summary(terminalreporter) -> None:
    if not _counts:
        return
    terminalreporter.section("tests by kind")
    for _, label in reversed(KINDS):
        outcomes = {o: n for (k, o), n in _counts.items() if k == label}
        if outcomes:
            text = ", ".join(f"{n} {o}" for o, n in sorted(outcomes.items()))
            terminalreporter.write_line(f"{label:<20} {text}")
