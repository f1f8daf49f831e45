"""``python -m course schedule [--start HH:MM] [--break-every N] [--break-minutes N]``.

Prints the workshop agenda computed by ``course.workshop.schedule`` as an
aligned table. A bad start time or interval prints the problem in the
chosen language and exits with 2; no traceback reaches the instructor.
"""

from __future__ import annotations

import argparse
import sys

from course.commands import EXIT_BAD_INPUT, chosen_language
from course.i18n import t
from course.workshop.report_parts import text_table
from course.workshop.schedule import build_schedule, schedule_rows, summary_lines


def add_parser(sub: argparse._SubParsersAction, lang: str) -> argparse.ArgumentParser:
    text = t("workshop.cli.help", lang)
    parser = sub.add_parser("schedule", help=text, description=text)
    parser.add_argument("--start", default="13:00", metavar="HH:MM",
                        help=t("workshop.cli.start", lang))
    parser.add_argument("--break-every", default="60", metavar="MIN",
                        help=t("workshop.cli.break_every", lang))
    parser.add_argument("--break-minutes", default="10", metavar="MIN",
                        help=t("workshop.cli.break_minutes", lang))
    parser.add_argument("--available-only", action="store_true",
                        help=t("workshop.cli.available_only", lang))
    parser.add_argument("--lang", default=None, help=t("workshop.cli.lang", lang))
    return parser


def _int_or_text(value: str) -> int | str:
    """argparse gives text; whole numbers become ints, anything else is left for the
    schedule to refuse with a message in the right language."""
    stripped = value.strip()
    return int(stripped) if stripped.lstrip("-").isdigit() and len(stripped) < 10 else value


def run(args: argparse.Namespace, lang: str) -> int:
    chosen = chosen_language(args.lang, lang)
    if chosen is None:
        return EXIT_BAD_INPUT
    lang = chosen
    schedule = build_schedule(args.start, break_every=_int_or_text(args.break_every),
                              break_minutes=_int_or_text(args.break_minutes),
                              include_planned=not args.available_only)
    if not schedule.blocks:
        for problem in schedule.problems:
            print(problem.message(lang), file=sys.stderr)
        return EXIT_BAD_INPUT
    rows = schedule_rows(schedule, lang)
    headers = list(rows[0])
    numeric = {t(f"workshop.column.{c}", lang) for c in ("minutes", "teaching", "exercise")}
    print(t("workshop.cli.title", lang))
    print("\n".join(text_table(headers, [list(r.values()) for r in rows],
                               [h in numeric for h in headers])))
    print()
    print("\n".join(summary_lines(schedule, lang)))
    return 0 if schedule.ok else 1
