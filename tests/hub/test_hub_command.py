"""``python -m course hub``: a trial hub on 127.0.0.1, or a clear message when it cannot."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from course.commands.hub import wait_for_hub
from tests.browser.lab import free_port
from tests.helpers import run_course
from tests.hub.conftest import require_hub
from tests.hub.hubserver import (
    _kill_group_leftovers,
    _started_for,
    _state,
    as_from_a_terminal,
)


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
        start_new_session=True, preexec_fn=as_from_a_terminal)
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
        proxy = int((folder / "proxy.pid").read_text())
        assert _state(proxy) != "Z"  # running

        # Stopped with SIGTERM (as a service manager or `kill` does), the command passes
        # it on and waits: the hub stops its proxy and services, so nothing is left
        # holding the ports the next trial hub needs.
        os.kill(process.pid, signal.SIGTERM)
        assert process.wait(timeout=90) == 0, log.read_text()
        assert _state(proxy) == "Z", "the hub's proxy outlived the hub"  # gone
        assert _started_for(folder) == [], "processes of the trial hub outlived it"
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGTERM)
            process.wait(timeout=90)
        _kill_group_leftovers(folder)


# A stand-in for jupyterhub: on SIGINT it "cleans up" for a moment and exits 0; it
# ignores SIGINT with IGNORE_INT=1; SIGTERM ends it.
FAKE_HUB = """
import os, signal, sys, time
def tidy(signum, frame):
    time.sleep(0.5)
    sys.exit(0)
signal.signal(signal.SIGINT, signal.SIG_IGN if os.environ.get("IGNORE_INT") else tidy)
print("up", flush=True)
while True:
    time.sleep(0.1)
"""


@pytest.fixture
def fake_hub():
    """Start stand-ins for jupyterhub; whatever is left is killed after the test."""
    started = []

    def start(ignore_int: bool = False) -> subprocess.Popen:
        env = {**os.environ, "IGNORE_INT": "1" if ignore_int else ""}
        hub = subprocess.Popen([sys.executable, "-c", FAKE_HUB], stdout=subprocess.PIPE,
                               env=env, start_new_session=True)
        started.append(hub)
        assert hub.stdout.readline().strip() == b"up"
        return hub

    yield start
    for hub in started:
        if hub.poll() is None:
            hub.kill()
        hub.wait()
        hub.stdout.close()


def _soon(*signals: tuple[int, int]) -> threading.Timer:
    timer = threading.Timer(0.3, lambda: [os.kill(pid, sig) for pid, sig in signals])
    timer.start()
    return timer


@pytest.fixture
def ctrl_c_interrupts():
    """Ctrl+C raises KeyboardInterrupt here, even in a run started where it is ignored."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def _wait_after_ctrl_c(hub: subprocess.Popen, **kwargs) -> tuple[int, bool]:
    try:
        return wait_for_hub(hub, **kwargs)
    except KeyboardInterrupt:  # would end the whole test run, not just this test
        pytest.fail("Ctrl+C escaped wait_for_hub instead of waiting for the hub")


def test_sigterm_to_the_command_is_passed_on_to_the_hub(fake_hub):
    hub = fake_hub()
    previous = signal.getsignal(signal.SIGTERM)
    _soon((os.getpid(), signal.SIGTERM))
    assert wait_for_hub(hub) == (-signal.SIGTERM, True)
    assert signal.getsignal(signal.SIGTERM) == previous  # this process's own handler is back


def test_after_ctrl_c_the_command_waits_for_the_hub_to_tidy_up(fake_hub, ctrl_c_interrupts):
    hub = fake_hub()
    _soon((hub.pid, signal.SIGINT), (os.getpid(), signal.SIGINT))  # the terminal's Ctrl+C
    assert _wait_after_ctrl_c(hub) == (0, True)  # it exited by itself, after tidying up


def test_a_hub_still_there_after_ctrl_c_gets_sigterm_after_the_grace(fake_hub,
                                                                      ctrl_c_interrupts):
    hub = fake_hub(ignore_int=True)
    _soon((hub.pid, signal.SIGINT), (os.getpid(), signal.SIGINT))
    assert _wait_after_ctrl_c(hub, grace=1.0) == (-signal.SIGTERM, True)
