"""``python -m course hub [--port 8000] [--users NAME...]``: a trial JupyterHub on 127.0.0.1.

The single-machine set-up of ``deploy/`` (``course.hub.config``) for one
person to try on their own computer: every learner runs as the current Unix
user (the "simple" spawner; a real class needs system users, see
``deploy/README.md``), one shared password, an instructor called ``teacher``.
Without jupyterhub or the proxy it says what to install and exits with
``EXIT_FAILED``; it never shows a traceback.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from course.commands import EXIT_FAILED, EXIT_OK, chosen_language
from course.i18n import t

INSTALL = 'pip install -e ".[hub]"'
INSTRUCTOR = "teacher"


def add_parser(sub: argparse._SubParsersAction, lang: str) -> argparse.ArgumentParser:
    text = t("hub.cli.help", lang)
    parser = sub.add_parser("hub", help=text, description=text)
    parser.add_argument("--port", type=int, default=8000, help=t("hub.cli.port", lang))
    parser.add_argument("--users", nargs="*", default=["learner1", "learner2", "learner3"],
                        metavar="NAME", help=t("hub.cli.users", lang))
    parser.add_argument("--lang", default=None, help=t("report.cli.lang", lang))
    parser.add_argument("--folder", type=Path, default=Path(".course-hub"),
                        help=argparse.SUPPRESS)
    return parser


def _binary(name: str) -> str | None:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def missing_piece() -> tuple[str, str] | None:
    """(what, how to install) for the first piece the hub needs that is missing."""
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        return "jupyterhub", INSTALL
    for name in ("jupyterhub", "jupyterhub-singleuser", "configurable-http-proxy"):
        if _binary(name) is None:
            return name, INSTALL
    return None


def run(args: argparse.Namespace, lang: str) -> int:
    chosen = chosen_language(args.lang, lang)
    if chosen is None:
        return EXIT_FAILED
    lang = chosen
    missing = missing_piece()
    if missing is not None:
        print(t("hub.cli.missing", lang, what=missing[0], how=missing[1]), file=sys.stderr)
        return EXIT_FAILED
    from course.hub.config import HubSettings, config_text

    folder = args.folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    password = os.environ.get("COURSE_HUB_PASSWORD") or secrets.token_urlsafe(9)
    users = tuple(args.users) or ("learner1",)
    settings = HubSettings(port=args.port, data_dir=folder, spawner="simple",
                           authenticator="shared-password", shared_password=password,
                           allowed_users=(*users, INSTRUCTOR), instructors=(INSTRUCTOR,),
                           admin_users=(INSTRUCTOR,), lang=lang,
                           allow_root=os.geteuid() == 0, python=sys.executable)
    config = folder / "jupyterhub_config.py"
    config.write_text(config_text(settings), encoding="utf-8")
    print(t("hub.cli.starting", lang, port=args.port, users=", ".join(users),
            instructor=INSTRUCTOR, password=password), flush=True)
    try:
        hub = subprocess.Popen([_binary("jupyterhub") or "jupyterhub", "-f", str(config)],
                               cwd=folder)
    except OSError as exc:
        print(t("hub.cli.missing", lang, what=f"jupyterhub ({exc})", how=INSTALL),
              file=sys.stderr)
        return EXIT_FAILED
    status, asked_to_stop = wait_for_hub(hub)
    if not asked_to_stop and status not in (0, -2, 130):
        print(t("hub.cli.failed", lang, status=status), file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def wait_for_hub(hub: subprocess.Popen, grace: float = 30.0) -> tuple[int, bool]:
    """Wait until the hub has stopped; return its exit status and whether it was asked to.

    The hub has to stop its proxy and services itself: killing it leaves them
    running, and the next start finds the proxy's port taken. So a SIGTERM sent
    to this command is passed on to the hub, and after Ctrl+C (which the hub gets
    from the terminal too) this command waits for it, sending SIGTERM if it is
    still there after ``grace`` seconds. A second Ctrl+C stops waiting.
    """
    asked = False

    def stop(signum: int, frame: object) -> None:
        nonlocal asked
        asked = True
        hub.send_signal(signal.SIGTERM)

    previous = signal.signal(signal.SIGTERM, stop)
    interrupted = False
    try:
        while True:
            try:
                return hub.wait(timeout=grace if interrupted else None), asked
            except subprocess.TimeoutExpired:
                hub.send_signal(signal.SIGTERM)
                interrupted = False
            except KeyboardInterrupt:
                if interrupted:
                    return (hub.poll() or 0), True
                asked = interrupted = True
    finally:
        signal.signal(signal.SIGTERM, previous)
