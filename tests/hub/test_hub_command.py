"""``python -m course hub``: a trial hub on 127.0.0.1, or a clear message when it cannot."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

from tests.browser.lab import free_port
from tests.helpers import run_course
from tests.hub.conftest import require_hub
from tests.hub.hubserver import _kill_group_leftovers


def test_without_jupyterhub_it_says_what_to_install_and_exits_non_zero(tmp_path):
    fake = tmp_path / "site" / "jupyterhub"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('not installed here')\n")
    env = {"PYTHONPATH": str(tmp_path / "site"), "COURSE_LANG": "ja"}
    result = run_course("hub", "--folder", str(tmp_path / "hub"), env=env)
    assert result.returncode == 1
    assert "jupyterhub がインストールされていない" in result.stderr
    assert 'pip install -e ".[hub]"' in result.stderr and "Traceback" not in result.stderr
    result = run_course("hub", "--folder", str(tmp_path / "hub"), env={**env, "COURSE_LANG": "en"})
    assert "jupyterhub is not installed" in result.stderr


def test_the_trial_hub_starts_on_loopback_with_the_results_service(tmp_path):
    require_hub()
    port = free_port()
    folder = tmp_path / "trial"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("JUPYTERHUB_")},
           "COURSE_LANG": "en", "COURSE_HUB_PASSWORD": "trial-password-1"}
    log = tmp_path / "hub.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "course", "hub", "--port", str(port), "--folder", str(folder),
         "--users", "ann"], env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
        start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/hub/api/",
                                            timeout=2) as response:
                    assert "version" in json.load(response)
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/services/course-results/"
                                            "health", timeout=2) as response:
                    assert json.load(response) == {"ok": True}
                break
            except OSError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.3)
        text = log.read_text()
        assert f"http://127.0.0.1:{port}/" in text and "trial-password-1" in text
        config = (folder / "jupyterhub_config.py").read_text()
        assert "ip='127.0.0.1'" in config and "instructors=('teacher',)" in config
    finally:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        _kill_group_leftovers(folder)
