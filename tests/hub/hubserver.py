"""A real JupyterHub on loopback for the hub tests and benchmarks: start, drive, stop.

The hub runs the course's own configuration (``course.hub.config``) with the
test-only choices: the built-in "simple" spawner (one Unix user, homes under
the temporary folder; works as root with ``--allow-root``), the "dummy"
authenticator with one password, and an admin service whose token the tests
use to create learners, start their servers and run code in their kernels.
Everything listens on 127.0.0.1 and is stopped by its pid.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from tests.browser.lab import free_port

PASSWORD = "course-trial-password"


@dataclass
class Hub:
    root: Path
    port: int
    service_port: int
    token: str
    hub_port: int = 0
    proxy_api_port: int = 0
    process: subprocess.Popen | None = None
    results_db: str | None = None
    log_path: Path = field(default=Path("/dev/null"))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def service_url(self) -> str:
        return f"http://127.0.0.1:{self.service_port}/services/course-results/"

    # ------------------------------------------------------------ process
    def write_config(self, instructors: tuple[str, ...]) -> Path:
        from course.hub.config import HubSettings, config_text

        settings = HubSettings(
            port=self.port, service_port=self.service_port, hub_port=self.hub_port,
            proxy_api_port=self.proxy_api_port, data_dir=self.root,
            results_db=self.results_db or str(self.root / "course-results.sqlite"),
            spawner="simple", authenticator="dummy", shared_password=PASSWORD,
            instructors=instructors, python=sys.executable, allow_root=True, lang="en",
            extra_env={"MPLBACKEND": "Agg"}, service_restart_seconds=1)
        extra = (f'c.JupyterHub.services.append({{"name": "test-admin", '
                 f'"api_token": {self.token!r}}})\n'
                 'c.JupyterHub.load_roles.append({"name": "admin", "services": ["test-admin"]})\n'
                 'c.JupyterHub.log_level = "WARN"\n')
        config = self.root / "jupyterhub_config.py"
        config.write_text(config_text(settings, extra))
        return config

    def start(self, instructors: tuple[str, ...] = ("teacher",), timeout: float = 60) -> None:
        config = self.write_config(instructors)
        env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTERHUB_")}
        env.pop("JUPYTER_PATH", None)
        self.log_path = self.root / f"hub-{int(time.time() * 1000)}.log"
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyterhub"), "-f", str(config)],
            cwd=self.root, env=env, stdout=self.log_path.open("wb"), stderr=subprocess.STDOUT,
            start_new_session=True, preexec_fn=as_from_a_terminal)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the hub exited:\n{self.log()}")
            try:
                self.api("GET", "/hub/api/")
                if self.service_up():
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"the hub did not start in {timeout} s:\n{self.log()}")

    def stop_hub(self) -> None:
        """Stop the hub process only (SIGTERM): learners' servers keep running."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)

    def stop(self) -> None:
        """Stop the hub, then every process it started for this folder (servers, kernels,
    services, proxy), by pid."""
        self.stop_hub()
        for pid_file in self.root.rglob("*.pid"):
            _kill_pid_file(pid_file)
        _kill_group_leftovers(self.root)

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-6000:]
        except OSError:
            return ""

    # ------------------------------------------------------------ REST
    def api(self, method: str, path: str, body: object = None, token: str | None = None,
            base: str | None = None) -> object:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request((base or self.url) + path, data=data, method=method,
                                         headers={"Authorization": f"token {token or self.token}",
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
            return json.loads(text) if text else None

    def service_up(self) -> bool:
        try:
            with urllib.request.urlopen(self.service_url + "health", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def add_users(self, names: list[str]) -> None:
        existing = {u["name"] for u in self.api("GET", "/hub/api/users")}
        new = [n for n in names if n not in existing]
        if new:
            self.api("POST", "/hub/api/users", {"usernames": new})

    def start_servers(self, names: list[str], timeout: float = 90) -> None:
        """Ask for every server at once (the hub answers each request only when its
        server is up or after 10 s, so one by one would queue them), then wait."""
        from concurrent.futures import ThreadPoolExecutor

        def start(name: str) -> None:
            try:
                self.api("POST", f"/hub/api/users/{name}/server")
            except urllib.error.HTTPError as exc:
                if exc.code != 400:  # 400: already running
                    raise

        with ThreadPoolExecutor(max(1, len(names))) as pool:
            list(pool.map(start, names))
        deadline = time.monotonic() + timeout
        waiting = set(names)
        while waiting and time.monotonic() < deadline:
            for name in list(waiting):
                server = self.api("GET", f"/hub/api/users/{name}").get("servers", {}).get("")
                if server and server.get("ready"):
                    waiting.discard(name)
            time.sleep(0.3)
        if waiting:
            raise RuntimeError(f"servers not ready: {sorted(waiting)}\n{self.log()}")

    def user_token(self, name: str, scopes: list[str] | None = None) -> str:
        body = {"note": "test", "expires_in": 3600}
        if scopes is not None:
            body["scopes"] = scopes
        return self.api("POST", f"/hub/api/users/{name}/tokens", body)["token"]

    # ------------------------------------------------------------ kernels
    def start_kernel(self, name: str) -> str:
        return self.api("POST", f"/user/{name}/api/kernels", {"name": "python3"})["id"]

    def execute(self, name: str, kernel: str, code: str, timeout: float = 60) -> str:
        """Run code in a learner's kernel through the proxy; its stdout, or raise its error."""
        return asyncio.run(_execute(self.url.replace("http", "ws", 1), self.token, name,
                                    kernel, code, timeout))


async def _execute(ws_base: str, token: str, name: str, kernel: str, code: str,
                   timeout: float) -> str:
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    url = f"{ws_base}/user/{name}/api/kernels/{kernel}/channels"
    request = HTTPRequest(url, headers={"Authorization": f"token {token}"},
                          connect_timeout=timeout, request_timeout=timeout)
    connection = await asyncio.wait_for(websocket_connect(request), timeout)
    msg_id = uuid.uuid4().hex
    connection.write_message(json.dumps({
        "header": {"msg_id": msg_id, "username": name, "session": uuid.uuid4().hex,
                   "msg_type": "execute_request", "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": False,
                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
    out, error, done, idle = [], None, False, False
    deadline = time.monotonic() + timeout
    try:
        while not (done and idle):
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no reply from {name}'s kernel in {timeout} s")
            raw = await asyncio.wait_for(connection.read_message(), left)
            if raw is None:
                raise ConnectionError(f"{name}'s kernel websocket closed")
            message = json.loads(raw)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream":
                out.append(content.get("text", ""))
            elif kind == "error":
                error = "\n".join(content.get("traceback", [])) or content.get("evalue")
            elif kind == "execute_reply":
                done = True
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
    finally:
        connection.close()
    if error:
        raise RuntimeError(f"{name}'s kernel raised:\n{error}")
    return "".join(out)


def as_from_a_terminal() -> None:
    """Ctrl+C (SIGINT) stops a process started from a terminal. A test run started
    where it is ignored (``nohup``, a background job) passes that on to the hub and
    its services, and then the hub's SIGINT to a service at shutdown is lost: it
    waits 10 s per service, overruns the stop's patience and is killed, leaving
    its proxy and services running. So a hub of the tests gets the default back."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _kill_pid_file(path: Path) -> None:
    try:
        pid = int(path.read_text().strip())
        os.kill(pid, signal.SIGTERM)
    except (OSError, ValueError):
        pass


def _started_for(root: Path) -> list[int]:
    """Processes started for this hub: their environment or command line names its
    folder (servers' homes, kernels, the service's database, the proxy's pid file)."""
    me, found = os.getpid(), []
    marker = str(root).encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == me:
            continue
        try:
            if marker in (entry / "environ").read_bytes() or \
                    marker in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _kill_group_leftovers(root: Path, grace: float = 5.0) -> None:
    """End them by pid: SIGTERM, then SIGKILL what is still there after ``grace``."""
    pids = _started_for(root)
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while pids and time.monotonic() < deadline:
        time.sleep(0.1)
        pids = [pid for pid in pids if Path(f"/proc/{pid}").exists()
                and "Z" not in _state(pid)]
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][:1]
    except (OSError, IndexError):
        return "Z"


def new_hub(root: Path, results_db: str | None = None) -> Hub:
    return Hub(root, free_port(), free_port(), secrets.token_hex(16), free_port(), free_port(),
               results_db=results_db)
