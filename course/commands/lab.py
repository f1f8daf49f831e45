"""``python -m course lab``: open JupyterLab on the course's start notebook,
with JupyterLab's own menus in the course language.

``make lab`` runs this, and the real-browser test runs it too (with a free
port and a temporary folder), so what learners get is what the test checks.
"""

from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys
from pathlib import Path

from course.commands import EXIT_BAD_INPUT, EXIT_FAILED, chosen_language, port_is_free
from course.doctor import LANGUAGE_PACK
from course.i18n import t
from course.paths import PACKAGE_DIR, notebooks_dir

START_NOTEBOOK = "00_start_here.ipynb"


def language_pack_installed() -> bool:
    """Whether JupyterLab can show its menus in Japanese (the ja_JP language pack)."""
    try:
        importlib.import_module(LANGUAGE_PACK)
    except Exception:  # missing, or broken on import
        return False
    return True


def lab_settings_dir(lang: str) -> Path:
    """JupyterLab's settings overrides for a course language: the course's own
    settings plus the interface language (Japanese menus with ``ja``, English with
    ``en``, whatever the computer's locale). A language the learner picks in
    JupyterLab's own Settings → Language menu is saved as theirs and wins."""
    return PACKAGE_DIR / "jupyter" / "lab-settings" / lang


def lab_command(
    root: Path, lang: str, port: int | None = None, open_browser: bool = True,
    extra: list[str] | None = None,
) -> list[str]:
    """Return the JupyterLab command line for the course (loopback only)."""
    command = [
        sys.executable, "-m", "jupyterlab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.default_url=/lab/tree/{lang}/{START_NOTEBOOK}",
        f"--LabApp.app_settings_dir={lab_settings_dir(lang)}",
        f"--ServerApp.open_browser={open_browser}",
    ]
    if port is not None:
        command += [f"--ServerApp.port={port}", "--ServerApp.port_retries=0"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI run as root
    return command + list(extra or [])


def add_parser(sub: argparse._SubParsersAction, lang: str) -> argparse.ArgumentParser:
    text = t("cli.lab.help", lang)
    parser = sub.add_parser("lab", help=text, description=text)
    parser.add_argument("--lang", default=os.environ.get("COURSE_LANG", "ja"),
                        help=t("cli.lab.lang", lang))
    parser.add_argument("--port", type=int, default=None, help=t("cli.lab.port", lang))
    parser.add_argument("--root", type=Path, default=None, help=t("cli.lab.root", lang))
    parser.add_argument("--no-browser", action="store_true", help=t("cli.lab.no_browser", lang))
    parser.add_argument("jupyter_args", nargs=argparse.REMAINDER, help=t("cli.lab.extra", lang))
    return parser


def run(args: argparse.Namespace, lang: str) -> int:
    course_lang = chosen_language(args.lang, lang)
    if course_lang is None:
        return EXIT_BAD_INPUT
    root = (args.root or notebooks_dir()).resolve()
    if not (root / course_lang / START_NOTEBOOK).is_file():
        print(t("cli.lab.missing", lang, path=str(root / course_lang / START_NOTEBOOK)),
              file=sys.stderr)
        return EXIT_BAD_INPUT
    if course_lang == "ja" and not language_pack_installed():
        print(t("cli.lab.no_language_pack", lang), file=sys.stderr)
        return EXIT_FAILED
    if args.port is not None and not port_is_free(args.port):
        print(t("cli.lab.port_in_use", lang, port=args.port), file=sys.stderr)
        return EXIT_FAILED
    extra = [a for a in args.jupyter_args if a != "--"]
    command = lab_command(root, course_lang, args.port, not args.no_browser, extra)
    print(t("cli.lab.starting", lang, path=f"{course_lang}/{START_NOTEBOOK}"), flush=True)
    if os.name == "posix":
        # Become the server: its pid is ours, so stopping this process stops JupyterLab.
        os.execv(command[0], command)
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return 0
