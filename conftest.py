"""Root pytest plugin: how a test run is laid out, and what it reports.

* One summary line per kind of test (count, outcome, time), so a `make test`
  run shows that unit, widget, notebook and browser tests all ran.
* With xdist, the test files under each of ``ONE_WORKER_UNITS`` form one work
  unit: they run on one worker, one after another, so they share its session
  fixtures (one JupyterLab and one chromium for tests/browser/, see
  tests/browser/README.md). These units are handed out first, in that order;
  every other file is a work unit of its own, as with ``--dist loadfile``.
* A notebook that a selected real-browser test runs whole (marked
  ``runs_notebook``) is not run a second time by nbval, when the browser can
  run; without chromium or playwright nbval covers it as before.
"""

from __future__ import annotations

import os
import tempfile
import textwrap
import time
from collections import Counter, defaultdict

import pytest

KINDS = (("notebooks/", "notebooks (nbval)"), ("tests/browser/", "real browser"),
         ("tests/hub/", "hub and results service"),
         ("tests/ui/", "widgets (headless)"), ("", "unit and property"))
# Path prefixes, each one work unit (the longest prefix that matches a test file
# names its unit), handed out in this order: JupyterLab in the browser, the app
# (Voilà) in the browser, the JupyterHub tests. Two units run in parallel on
# two workers; each starts its servers once.
ONE_WORKER_UNITS = ("tests/browser/", "tests/browser/test_app_", "tests/hub/")
_counts: Counter[tuple[str, str]] = Counter()
_seconds: defaultdict[str, float] = defaultdict(float)
_spans: dict[str, list[float]] = {}
_left_to_browser: dict[str, int] = {}  # notebook path -> its nbval items not run
_session_start = time.time()


def _kind(nodeid: str) -> str:
    return next(label for prefix, label in KINDS if nodeid.startswith(prefix))


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "runs_notebook(path): this browser test runs every cell of notebooks/<path> "
        "(hidden checks included) and fails on any error output, so nbval does not run that "
        "notebook again while the browser can run")
    # Notebook kernels (nbval) and subprocesses inherit this, so no test run ever
    # reads or writes the learner's real progress file (tests/conftest.py also
    # gives every unit test its own folder).
    os.environ.setdefault("COURSE_PROGRESS_DIR", tempfile.mkdtemp(prefix="course-progress-"))
    # Banks that passed the schema (course.quiz.schema_cache): one folder for every
    # worker and kernel of every run, never the user's own cache.
    os.environ.setdefault("COURSE_CACHE_DIR", os.path.join(tempfile.gettempdir(),
                                                           "course-test-cache"))


# ----- scheduling: the browser tests on one worker ---------------------------------------

@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class OneWorkerForSharedServers(LoadFileScheduling):
        """``--dist loadfile``, except that each of ``ONE_WORKER_UNITS`` is one
        work unit, handed out before any other (they are the longest)."""

        def _split_scope(self, nodeid: str) -> str:
            units = [u for u in ONE_WORKER_UNITS if nodeid.startswith(u)]
            return max(units, key=len) if units else super()._split_scope(nodeid)

        def _assign_work_unit(self, node) -> None:
            for shared in reversed(ONE_WORKER_UNITS):
                if shared in self.workqueue:
                    self.workqueue.move_to_end(shared, last=False)
            super()._assign_work_unit(node)

    return OneWorkerForSharedServers(config, log)


# ----- each notebook run once ------------------------------------------------------------

@pytest.hookimpl(trylast=True)  # after -m / -k have deselected what they deselect
def pytest_collection_modifyitems(config, items) -> None:
    from tests.browser.lab import browser_problem

    covered = {f"notebooks/{mark.args[0]}" for item in items
               for mark in item.iter_markers("runs_notebook")}
    missing = sorted(p for p in covered if not (config.rootpath / p).is_file())
    if missing:
        raise pytest.UsageError(f"runs_notebook names notebooks that do not exist: {missing}")
    if not covered or browser_problem() is not None:
        return
    keep, left = [], []
    for item in items:
        (left if item.nodeid.split("::", 1)[0] in covered else keep).append(item)
    if not left:
        return
    config.hook.pytest_deselected(items=left)
    items[:] = keep
    counts = Counter(item.nodeid.split("::", 1)[0] for item in left)
    _left_to_browser.update(counts)
    if hasattr(config, "workeroutput"):  # an xdist worker: tell the controller
        config.workeroutput["left_to_browser"] = dict(counts)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    _left_to_browser.update(getattr(node, "workeroutput", {}).get("left_to_browser", {}))


# ----- the summary -----------------------------------------------------------------------

def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    kind = _kind(report.nodeid)
    _seconds[kind] += report.duration
    span = _spans.setdefault(kind, [report.start, report.stop])
    span[0], span[1] = min(span[0], report.start), max(span[1], report.stop)
    if report.when == "call" or (report.when == "setup" and not report.passed):
        _counts[(kind, report.outcome)] += 1


def pytest_terminal_summary(terminalreporter) -> None:
    if not _counts:
        return
    terminalreporter.section("tests by kind")
    for _, label in reversed(KINDS):
        outcomes = {o: n for (k, o), n in _counts.items() if k == label}
        if not outcomes:
            continue
        text = ", ".join(f"{n} {o}" for o, n in sorted(outcomes.items()))
        first, last = (t - _session_start for t in _spans[label])
        timing = f"{_seconds[label]:5.0f} s of tests, from {first:.0f} s to {last:.0f} s"
        width = max(len(label) for _, label in KINDS)
        terminalreporter.write_line(f"{label:<{width}} {text:<24} {timing}")
    if _left_to_browser:
        cells = sum(_left_to_browser.values())
        names = ", ".join(sorted(p.removeprefix("notebooks/").removesuffix(".ipynb")
                                 for p in _left_to_browser))
        text = (f"nbval left {len(_left_to_browser)} notebooks ({cells} cells) to the "
                f"real-browser tests, which run every cell: {names}")
        for line in textwrap.wrap(text, 78):
            terminalreporter.write_line(f"  {line}")
