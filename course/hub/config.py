"""The course's JupyterHub set-up, shared by ``deploy/jupyterhub_config.py``, the trial
hub (``python -m course hub``) and the hub tests, so all three run the same thing.

``configure(c, settings)`` fills a JupyterHub config object: the results
service (hub-managed, ``course.hub.service``) with its custom read-all scope
for the ``instructors`` group, the token scopes a learner's kernel needs to
post its answers, the workshop mode and service URL in every learner's
environment, the course's notebooks copied into each home on first start,
the idle culler, memory limits, the proxy and the default URL (the app's home
page, ``DEFAULT_URL``, one value; the app's Voilà settings reach each server
through ``JUPYTER_CONFIG_PATH``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

SERVICE_NAME = "course-results"
READ_ALL_SCOPE = f"custom:{SERVICE_NAME}:read-all"
INSTRUCTORS = "instructors"
COURSE_FOLDER = "course"  # in each learner's home
# Where a learner lands: the app's home page (course map, progress, language switch),
# served by Voilà inside the learner's server (/user/NAME/voila/render/course/home.ipynb).
# JupyterLab stays one click away at /user/NAME/lab.
DEFAULT_URL = "/voila/render/course/home.ipynb"


@dataclass
class HubSettings:
    """What differs between the deployment, the trial hub and the tests."""

    ip: str = "127.0.0.1"
    port: int = 8000
    service_port: int = 10101
    hub_port: int = 8081
    proxy_api_port: int | None = None
    data_dir: Path = Path("/srv/course-hub")
    results_db: str | None = None  # None: data_dir/course-results.sqlite
    spawner: str = "localprocess"  # localprocess | systemd | simple (tests only)
    authenticator: str = "native"  # native | shared-password | dummy (tests only)
    shared_password: str | None = None
    admin_users: tuple[str, ...] = ()
    instructors: tuple[str, ...] = ()
    allowed_users: tuple[str, ...] = ()
    lang: str = "ja"
    default_url: str = DEFAULT_URL
    mem_limit: str = "1G"
    cpu_limit: float = 1.0
    cull_idle_seconds: int = 3600
    service_restart_seconds: int = 5  # how soon the hub restarts a results service that died
    python: str = sys.executable
    allow_root: bool = False
    create_system_users: bool = True  # localprocess: make the learner's Unix user on first start
    extra_env: dict[str, str] = field(default_factory=dict)


def results_url(settings: HubSettings) -> str:
    """The service as a learner's kernel reaches it (directly, not through the proxy)."""
    return f"http://127.0.0.1:{settings.service_port}/services/{SERVICE_NAME}/"


def _bin(settings: HubSettings, name: str) -> str:
    """A console script next to the hub's Python (a venv), else the one on PATH."""
    beside = Path(settings.python).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


SYSTEM_USER = re.compile(r"[a-z_][a-z0-9_-]{0,31}")


def ensure_system_user(name: str) -> None:
    """Create the learner's Unix user (home folder, no login shell) if it does not exist.

    Each learner is a separate Unix user, so one learner's kernel cannot read
    another's files. A hub name that is not a safe Unix name is refused.
    """
    import pwd

    if not SYSTEM_USER.fullmatch(name):
        raise ValueError(f"{name!r} cannot be a Unix user name: use a-z, 0-9, _ and -")
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--create-home", "--shell", "/usr/sbin/nologin", name],
                       check=True, capture_output=True, timeout=30)


def prepare_learner(spawner: Any) -> None:
    """pre_spawn_hook with system users: make the Unix user, then copy the course."""
    ensure_system_user(spawner.user.name)
    copy_course(spawner)


def copy_course(spawner: Any) -> None:
    """pre_spawn_hook: put the course's notebooks in the learner's home once.

    The learner's copy is theirs (answers and edits stay); a later start never
    overwrites it. With system users the copy belongs to the learner.
    """
    from course.paths import notebooks_dir

    home = _home(spawner)
    target = home / COURSE_FOLDER
    if target.exists():
        return
    home.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "instructor")
    shutil.copytree(notebooks_dir(), target, ignore=ignore)
    owner = _owner(spawner)
    if owner is not None and os.geteuid() == 0:
        for path in [target, *target.rglob("*")]:
            os.chown(path, *owner)


def _home(spawner: Any) -> Path:
    home_template = getattr(spawner, "home_dir", None)  # SimpleLocalProcessSpawner
    if home_template:
        return Path(home_template)
    import pwd

    return Path(pwd.getpwnam(spawner.user.name).pw_dir)


def _owner(spawner: Any) -> tuple[int, int] | None:
    if getattr(spawner, "home_dir", None):
        return None
    import pwd

    entry = pwd.getpwnam(spawner.user.name)
    return entry.pw_uid, entry.pw_gid


def quicker_service_restart(seconds: int) -> None:
    """Have the hub notice a dead managed service within ``seconds`` (default 30 s).

    JupyterHub restarts a managed service that exits, but only when it next polls
    it, and the service's spawner takes no configuration; a subclass with a
    shorter poll interval is the one way to tune it. Skipped when a JupyterHub
    version no longer has that class.
    """
    try:
        from jupyterhub.services import service as services
        from traitlets import Integer
    except ImportError:
        return
    base = getattr(services, "_ServiceSpawner", None)
    if base is None or getattr(base, "_course_quick", False):
        return

    class QuickRestart(base):  # type: ignore[misc, valid-type]
        _course_quick = True
        poll_interval = Integer(seconds)

    services._ServiceSpawner = QuickRestart


def configure(c: Any, settings: HubSettings) -> None:
    """Fill JupyterHub's config ``c`` (see the module docstring)."""
    quicker_service_restart(settings.service_restart_seconds)
    data = Path(settings.data_dir)
    db = settings.results_db or str(data / "course-results.sqlite")
    c.JupyterHub.ip = settings.ip
    c.JupyterHub.port = settings.port
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = settings.hub_port
    c.JupyterHub.db_url = f"sqlite:///{data / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(data / "jupyterhub_cookie_secret")
    c.JupyterHub.cleanup_servers = False  # a hub restart leaves learners' servers running
    c.ConfigurableHTTPProxy.command = [_bin(settings, "configurable-http-proxy")]
    c.ConfigurableHTTPProxy.should_start = True
    if settings.proxy_api_port:
        c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.proxy_api_port}"
    c.ConfigurableHTTPProxy.pid_file = str(data / "proxy.pid")

    c.JupyterHub.custom_scopes = {READ_ALL_SCOPE: {
        "description": "Read every learner's course results and use the class dashboard"}}
    c.JupyterHub.load_groups = {INSTRUCTORS: {"users": list(settings.instructors)}}
    access = f"access:services!service={SERVICE_NAME}"
    c.JupyterHub.load_roles = [
        {"name": "user", "scopes": ["self", access]},
        {"name": "course-instructor", "groups": [INSTRUCTORS],
         "scopes": [READ_ALL_SCOPE, access]},
        {"name": "idle-culler", "services": ["idle-culler"],
         "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]},
    ]
    service_env = {"COURSE_RESULTS_DB": db, "COURSE_LANG": settings.lang,
                   "PYTHONUNBUFFERED": "1"}
    c.JupyterHub.services = [
        {"name": SERVICE_NAME, "url": f"http://127.0.0.1:{settings.service_port}",
         "command": [settings.python, "-m", "course.hub.service"],
         "environment": service_env, "display": True,
         "oauth_client_allowed_scopes": [READ_ALL_SCOPE], "oauth_no_confirm": True},
        {"name": "idle-culler",
         "command": [settings.python, "-m", "jupyterhub_idle_culler",
                     f"--timeout={settings.cull_idle_seconds}"]},
    ]

    c.Spawner.cmd = [_bin(settings, "jupyterhub-singleuser")]
    c.Spawner.default_url = settings.default_url
    c.Spawner.server_token_scopes = ["users:activity!user", "access:servers!server", access,
                                     READ_ALL_SCOPE]
    from course.paths import app_server_config_dir

    c.Spawner.environment = {"COURSE_QUIZ_MODE": "workshop",
                             "COURSE_RESULTS_URL": results_url(settings),
                             "COURSE_LANG": settings.lang,
                             # the app's Voilà settings (template, no CDN, no check cells)
                             "JUPYTER_CONFIG_PATH": str(app_server_config_dir()),
                             **settings.extra_env}
    c.Spawner.mem_limit = settings.mem_limit
    c.Spawner.cpu_limit = settings.cpu_limit
    c.Spawner.pre_spawn_hook = copy_course
    c.Spawner.http_timeout = 60
    c.Spawner.start_timeout = 120
    if settings.allow_root:
        c.Spawner.args = ["--allow-root"]

    if settings.spawner == "systemd":
        c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
        c.SystemdSpawner.mem_limit = settings.mem_limit
        c.SystemdSpawner.isolate_tmp = True
        c.SystemdSpawner.isolate_devices = True
        c.SystemdSpawner.disable_user_sudo = True
        c.SystemdSpawner.dynamic_users = settings.create_system_users  # transient users
    elif settings.spawner == "simple":  # one Unix user for all: tests on loopback only
        c.JupyterHub.spawner_class = "simple"
        c.SimpleLocalProcessSpawner.home_dir_template = str(data / "homes" / "{username}")
    else:
        c.JupyterHub.spawner_class = "localprocess"
        if settings.create_system_users:
            c.Spawner.pre_spawn_hook = prepare_learner

    if settings.authenticator == "native":
        c.JupyterHub.authenticator_class = "nativeauthenticator.NativeAuthenticator"
        c.NativeAuthenticator.open_signup = False  # the instructor approves each sign-up
        c.NativeAuthenticator.minimum_password_length = 8
        c.Authenticator.allow_all = True  # anyone the instructor authorized
    elif settings.authenticator == "shared-password":
        c.JupyterHub.authenticator_class = "shared-password"
        c.SharedPasswordAuthenticator.user_password = settings.shared_password
        c.Authenticator.allowed_users = set(settings.allowed_users)
    else:
        c.JupyterHub.authenticator_class = "dummy"
        if settings.shared_password:
            c.DummyAuthenticator.password = settings.shared_password
        c.Authenticator.allow_all = True
    c.Authenticator.admin_users = set(settings.admin_users)


def config_text(settings: HubSettings, extra: str = "") -> str:
    """A ``jupyterhub_config.py`` that applies ``settings`` (the trial hub, the tests)."""
    values = []
    for item in fields(settings):
        value = getattr(settings, item.name)
        shown = f"Path({str(value)!r})" if isinstance(value, Path) else repr(value)
        values.append(f"    {item.name}={shown},")
    lines = "\n".join(values)
    return (
        "# Written by course.hub.config.config_text; see deploy/jupyterhub_config.py for a\n"
        "# deployment's own file.\n"
        "from pathlib import Path\n\n"
        "from course.hub.config import HubSettings, configure\n\n"
        f"settings = HubSettings(\n{lines}\n)\n"
        "c = get_config()  # noqa: F821\n"
        f"configure(c, settings)\n{extra}")
