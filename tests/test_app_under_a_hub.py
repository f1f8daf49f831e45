"""The app's pages served the way a JupyterHub serves them: Voilà as an extension
of a learner's Jupyter server under ``/user/NAME/``, set up the way a hub's
spawner sets it up (``JUPYTER_CONFIG_PATH`` = ``course.paths.app_server_config_dir()``).
The page asks nothing of the internet and every link of the lesson navigation
is relative, so it stays under the learner's prefix. (A real browser walks these
pages in the stand-alone app: tests/browser/test_app_lessons.py.)"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest

from course.app.voila_config import no_remote_mathjax
from course.paths import app_server_config_dir, notebooks_dir
from tests.browser.lab import free_port

PREFIX = "/user/learner/"


def test_the_page_config_hook_turns_remote_mathjax_off():
    config = no_remote_mathjax({"fullMathjaxUrl": "https://cdnjs.example/m.js",
                                "mathjaxConfig": "TeX", "baseUrl": "/"})
    assert config == {"fullMathjaxUrl": None, "mathjaxConfig": None, "baseUrl": "/"}


@pytest.fixture(scope="module")
def hub_like_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hub")
    root = tmp / "notebooks"
    shutil.copytree(notebooks_dir(), root)
    env = {"JUPYTER_CONFIG_PATH": str(app_server_config_dir())}  # as a hub's spawner sets it
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        (tmp / var).mkdir()
        env[var] = str(tmp / var)
    port = free_port()
    log = (tmp / "server.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyter_server",
         f"--ServerApp.base_url={PREFIX}", f"--ServerApp.root_dir={root}",
         f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0",
         "--IdentityProvider.token=", "--ServerApp.open_browser=False", "--allow-root"],
        env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}{PREFIX}"
    deadline = time.monotonic() + 90
    try:
        while True:
            try:
                urllib.request.urlopen(f"{url}api/status", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError((tmp / "server.log").read_text(errors="replace")) from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_a_lesson_under_a_learner_prefix_has_relative_links_and_nothing_remote(
        hub_like_server):
    with urllib.request.urlopen(f"{hub_like_server}voila/render/ja/03_sms_codes.ipynb",
                                timeout=120) as response:
        page = response.read().decode("utf-8")
    nav = re.search(r'<nav class="course-app-nav course-app-nav-top".*?</nav>', page, re.S)
    assert nav, "the course template was not used"
    links = re.findall(r'href="([^"]+)"', nav.group(0))
    assert links == ["../home.ipynb", "02_adding_a_number.ipynb",
                     "04_errors_and_accounts_per_number.ipynb", "../en/03_sms_codes.ipynb"]
    config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">'
                                  r"(.*?)</script>", page, re.S).group(1))
    assert config["baseUrl"] == PREFIX and config["fullMathjaxUrl"] is None
    assert config["progressiveRendering"] is True
    loaded = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?://[^"]+)"', page)
    assert loaded == []  # no stylesheet or script from the internet
    assert "course-check" not in page and "assert " not in page
