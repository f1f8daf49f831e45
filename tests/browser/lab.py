"""Start the course's JupyterLab (``python -m course lab``) for a real-browser test.

The server runs in a temporary folder on a free loopback port, with every
Jupyter, IPython and matplotlib settings folder isolated, so a test never
reads or writes the maintainer's own settings or the committed notebooks.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from course.paths import notebooks_dir

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def browser_problem() -> str | None:
    """Why the real-browser tests cannot run here, or None when they can."""
    if not os.path.exists(CHROMIUM):
        return f"{CHROMIUM} is missing (Debian: apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing (make test installs it)"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LabServer:
    process: subprocess.Popen
    port: int
    root: Path
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        """Stop the server by its pid (``course lab`` execs into JupyterLab)."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)


def start_lab(tmp: Path, lang: str = "ja", timeout: float = 90.0) -> LabServer:
    """Copy the notebooks into ``tmp`` and start the course's JupyterLab there."""
    root = tmp / "notebooks"
    shutil.copytree(notebooks_dir(), root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    env = dict(os.environ)
    for var, name in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                      ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython"),
                      ("MPLCONFIGDIR", "mpl"), ("COURSE_PROGRESS_DIR", "progress")):
        path = tmp / "settings" / name
        path.mkdir(parents=True, exist_ok=True)
        env[var] = str(path)
    env.pop("JUPYTER_PATH", None)
    port = free_port()
    log = tmp / "lab.log"
    command = [
        sys.executable, "-m", "course", "lab", "--lang", lang, "--port", str(port),
        "--root", str(root), "--no-browser", "--",
        "--IdentityProvider.token=", "--ServerApp.password=",
        # window.jupyterapp: the tests' one page opens each notebook from the app
        # (notebook_page.open_notebook) instead of starting JupyterLab again.
        "--LabApp.expose_app_in_browser=True",
    ]
    process = subprocess.Popen(command, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    server = LabServer(process, port, root, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited early:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{server.url}/api/status", timeout=2) as response:
                json.load(response)
                return server
        except OSError:
            time.sleep(0.3)
    server.stop()
    output = log.read_text(errors="replace")
    raise RuntimeError(f"JupyterLab did not answer in {timeout} s:\n{output}")
