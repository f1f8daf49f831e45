"""The command line: ``python -m course <command>``.

Each command lives in ``course/commands/<name>.py`` with ``add_parser`` and
``run``; adding a command means adding a module to ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import importlib
import os
from collections.abc import Sequence

from course import __version__
from course.i18n import UnknownLanguageError, normalize_language, t

COMMANDS: tuple[str, ...] = ("doctor", "lab", "app", "progress", "export", "import_results",
                             "gift", "release", "report", "schedule", "hub", "sources")


def cli_language() -> str:
    """``COURSE_LANG`` if set, else Japanese when the system locale is Japanese,
    else English (a terminal that cannot show Japanese is usually not Japanese)."""
    value = os.environ.get("COURSE_LANG")
    if value:
        try:
            return normalize_language(value)
        except UnknownLanguageError:
            pass
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


def build_parser(lang: str) -> argparse.ArgumentParser:
    """Build the parser with every command's help in the learner's language."""
    parser = argparse.ArgumentParser(
        prog="python -m course", description=t("cli.description", lang),
        epilog=t("cli.epilog", lang),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"course.commands.{name}")
        command = module.add_parser(sub, lang)
        command.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command and return its exit code."""
    lang = cli_language()
    parser = build_parser(lang)
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 0
    return int(args.run(args, lang) or 0)
