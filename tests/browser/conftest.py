"""Fixtures for the real-browser tests.

On a learner's machine without chromium these tests are skipped with a
visible reason; in CI (``COURSE_REQUIRE_BROWSER=1``) a missing browser fails.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.lab import CHROMIUM, CHROMIUM_ARGS, LabServer, browser_problem, start_lab

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


@pytest.fixture
def page(browser, tmp_path: Path):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        context.close()
