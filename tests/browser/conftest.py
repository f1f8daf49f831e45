"""Fixtures for the real-browser tests.

On a learner's machine without chromium these tests are skipped with a
visible reason; in CI (``COURSE_REQUIRE_BROWSER=1``) a missing browser fails.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.browser.lab import CHROMIUM, CHROMIUM_ARGS, LabServer, browser_problem, start_lab
from tests.browser.notebook_page import SELECT_KERNEL, close_everything

pytestmark = pytest.mark.browser


def _require_browser() -> None:
    problem = browser_problem()
    if problem:
        if os.environ.get("COURSE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests are required here, but {problem}")
        pytest.skip(f"real-browser test skipped: {problem}")


# Package scope: every test here runs on one worker, one after another (see
# ONE_WORKER_UNITS in the root conftest.py), so one JupyterLab and one chromium
# serve them all, and both stop as soon as the last of them has run instead of
# idling (with every kernel the tests opened) until the worker's other tests end.
@pytest.fixture(scope="package")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    _require_browser()
    server = start_lab(tmp_path_factory.mktemp("lab"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="package")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test (``page`` tells a failed test)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


# One page for every JupyterLab test of the run (the unit runs on one worker, one
# test after another). Starting JupyterLab in a fresh page costs about 5 s of
# chromium's CPU, which the tests paid 25 times; now the first test pays it, and
# the others open their notebook from the app (notebook_page.open_notebook).
@pytest.fixture(scope="package")
def lab_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    page = context.new_page()
    page.set_default_timeout(30_000)
    # On a loaded machine JupyterLab sometimes asks "Select Kernel" for a notebook
    # whose kernel it is already starting: press Select, as a learner would.
    prompt = page.locator(".jp-Dialog", has_text=SELECT_KERNEL)
    page.add_locator_handler(prompt, lambda dialog: dialog.locator(".jp-mod-accept").click())
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def page(request, lab_page, lab: LabServer):
    """The shared page, as a fresh one would be: no document open and no kernel
    running on the server, before the test and after it. A test that failed, or
    left the page elsewhere, leaves it blank: the next test loads JupyterLab anew."""
    close_everything(lab_page, lab.url)
    yield lab_page
    failed = any(getattr(request.node, f"report_{when}", None) is not None
                 and getattr(request.node, f"report_{when}").failed
                 for when in ("setup", "call"))
    if not close_everything(lab_page, lab.url) or failed:
        lab_page.goto("about:blank")
