"""Keep a scratch notebook's test from leaving traces for the tests after it.

Every test in a worker shares one JupyterLab server. A scratch notebook is
opened in a workspace of its own (so the default workspace, which the start
notebook's test restores, never lists it) and its kernel is shut down at the
end, pass or fail.
"""

from __future__ import annotations

import http.cookiejar
import json
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Page

from tests.browser.lab import LabServer
from tests.browser.notebook_page import SELECT_KERNEL, wait_for_kernel


def open_in_workspace(page: Page, lab: LabServer, path: str, workspace: str) -> None:
    """Open ``path`` in the named JupyterLab workspace and wait for its kernel.

    On a heavily loaded machine JupyterLab sometimes asks "Select Kernel" for a
    notebook whose kernel it is already starting; a learner would press
    Select, so the test does the same whenever that dialog covers the page.
    """
    prompt = page.locator(".jp-Dialog", has_text=SELECT_KERNEL)
    page.add_locator_handler(prompt, lambda dialog: dialog.locator(".jp-mod-accept").click())
    page.goto(f"{lab.url}/lab/workspaces/{workspace}/tree/{path}?reset")
    wait_for_kernel(page)


def shut_down(lab: LabServer, notebook: str) -> None:
    """Delete every session (and so its kernel) opened on ``notebook``.

    The server wants its XSRF cookie echoed in a header for a DELETE, so the
    cookie is fetched first, as a browser would."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{lab.url}/lab", timeout=30).read()
    xsrf = next((c.value for c in jar if c.name == "_xsrf"), "")
    with opener.open(f"{lab.url}/api/sessions", timeout=30) as response:
        sessions = json.load(response)
    for session in sessions:
        if session.get("path", "").endswith(notebook):
            request = urllib.request.Request(f"{lab.url}/api/sessions/{session['id']}",
                                             method="DELETE", headers={"X-XSRFToken": xsrf})
            opener.open(request, timeout=30).read()


@contextmanager
def scratch_session(lab: LabServer, notebook: str) -> Iterator[str]:
    """Yield ``notebook`` and shut its kernel down afterwards, pass or fail."""
    try:
        yield notebook
    finally:
        shut_down(lab, notebook)
