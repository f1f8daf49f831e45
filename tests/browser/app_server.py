"""The course's app (``python -m course app``) for the real-browser tests.

One server serves every app test of a worker: a copy of the notebooks in a
temporary folder (plus one notebook that fails on purpose), a free loopback
port, and every Jupyter, IPython, matplotlib and course settings folder
isolated, so a test never touches the maintainer's files. It is started the
way a learner starts it, and stopped by its pid.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from course.paths import notebooks_dir
from tests.browser.lab import free_port

BROKEN = "zz_broken"  # ja/zz_broken.ipynb: a lesson whose second cell fails
# In the page: every cell has run (the page is there and no cell still shows the
# placeholder Voilà puts where an output will come when it renders progressively).
ALL_RAN = ("() => document.querySelector('.course-app-nav-bottom') !== null"
           " && !document.querySelector('#loading, .voila-skeleton-container')")


def _broken_notebook() -> dict:
    cells = [
        {"cell_type": "markdown", "id": "md", "metadata": {}, "source": ["# 壊れた回(テスト用)"]},
        {"cell_type": "code", "id": "setup", "metadata": {}, "execution_count": None,
         "outputs": [], "source": ['from course.lessons import setup\n', '\n', 'setup("ja")']},
        {"cell_type": "code", "id": "boom", "metadata": {}, "execution_count": None,
         "outputs": [], "source": ['raise RuntimeError("boom: the test notebook fails")']},
    ]
    return {"cells": cells, "nbformat": 4, "nbformat_minor": 5, "metadata": {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                       "name": "python3"},
        "course": {"stem": BROKEN, "lang": "ja"}}}


@dataclass
class AppServer:
    process: subprocess.Popen
    port: int
    root: Path
    progress: Path
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def lesson_url(self, lang: str, stem: str) -> str:
        return f"{self.url}voila/render/{lang}/{stem}.ipynb"

    def kernels(self) -> int:
        """How many kernels the server runs now (its ipykernel child processes)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        count = 0
        for pid in children.read_text().split():
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            count += b"ipykernel" in command
        return count

    def stop(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)  # Voilà shuts its kernels down
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)


def poll(condition, seconds: float = 30.0, every: float = 0.05) -> bool:
    """Check ``condition()`` until it holds or ``seconds`` pass; return the last answer."""
    deadline = time.monotonic() + seconds
    while True:
        if condition():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(every)


def _answers(server: AppServer) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=2)
    try:
        connection.request("GET", "/")
        return connection.getresponse().status == 302  # to the home page
    finally:
        connection.close()


def start_app(tmp: Path, lang: str = "ja", timeout: float = 90.0,
              voila_args: tuple[str, ...] = ()) -> AppServer:
    """Copy the notebooks into ``tmp`` and start the course's app on them
    (``voila_args`` go to Voilà as given; the benchmarks compare settings so)."""
    root = tmp / "notebooks"
    shutil.copytree(notebooks_dir(), root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    (root / "ja" / f"{BROKEN}.ipynb").write_text(json.dumps(_broken_notebook()),
                                                  encoding="utf-8")
    env = dict(os.environ)
    for var, name in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                      ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython"),
                      ("MPLCONFIGDIR", "mpl"), ("COURSE_PROGRESS_DIR", "progress")):
        path = tmp / "settings" / name
        path.mkdir(parents=True, exist_ok=True)
        env[var] = str(path)
    env.pop("JUPYTER_PATH", None)
    port = free_port()
    log = tmp / "app.log"
    command = [sys.executable, "-m", "course", "app", "--lang", lang, "--port", str(port),
               "--root", str(root), "--no-browser", "--", *voila_args]
    process = subprocess.Popen(command, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    server = AppServer(process, port, root, tmp / "settings" / "progress", log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app exited early:\n{log.read_text(errors='replace')}")
        try:
            if _answers(server):
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.stop()
    output = log.read_text(errors="replace")
    raise RuntimeError(f"the app did not answer in {timeout} s:\n{output}")
