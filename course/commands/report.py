"""``python -m course report RESULTS... [--html FILE] [--quiz ID] [--bank FILE] [--lang ja|en]``.

The instructor's item analysis of the files learners exported (or the class
export of the hub's results service). Every answer is graded again from the
bank (``course.workshop.graded``): a forged score counts for nothing and is
flagged with its learner; answers to a quiz no bank covers are left out
(``--bank FILE`` adds a bank of your own). The renderers live in
``course.workshop.report_text`` / ``report_html``. Bad input prints what is
wrong with which file and exits with ``EXIT_BAD_INPUT``; no traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from course.commands import EXIT_BAD_INPUT, chosen_language
from course.i18n import t
from course.quiz.results_io import Problem, merge_results, safe_display


def add_parser(sub: argparse._SubParsersAction, lang: str) -> argparse.ArgumentParser:
    text = t("report.cli.help", lang)
    parser = sub.add_parser("report", help=text, description=text)
    parser.add_argument("results", nargs="+", metavar="RESULTS",
                        help=t("report.cli.results", lang))
    parser.add_argument("--html", type=Path, default=None, metavar="FILE",
                        help=t("report.cli.html", lang))
    parser.add_argument("--quiz", default=None, metavar="ID", help=t("report.cli.quiz", lang))
    parser.add_argument("--bank", action="append", default=[], type=Path, metavar="FILE",
                        help=t("report.cli.bank", lang))
    parser.add_argument("--lang", default=None, help=t("report.cli.lang", lang))
    return parser


def run(args: argparse.Namespace, lang: str) -> int:
    chosen = chosen_language(args.lang, lang)
    if chosen is None:
        return EXIT_BAD_INPUT
    lang = chosen
    from course.workshop.banks import bank_files
    from course.workshop.graded import grade_class
    from course.workshop.report_html import render_html
    from course.workshop.report_text import render_text

    extra, bank_problems = bank_files(args.bank)
    merged = merge_results(args.results)
    if merged.problems or bank_problems:
        return _refuse([*bank_problems, *merged.problems], lang)
    results = grade_class(merged, quiz=args.quiz, extra_banks=extra)
    if results.problems or results.analysis is None:
        return _refuse(results.problems, lang)
    if not _print(render_text(results, lang)):
        return 0
    if args.html is not None:
        shown = safe_display(args.html, 120)
        try:
            args.html.write_text(render_html(results, lang), encoding="utf-8")
        except (OSError, ValueError):
            print(t("report.cli.cannot_write", lang, path=shown), file=sys.stderr)
            return EXIT_BAD_INPUT
        _print(t("report.cli.written", lang, path=shown))
    return 0


def _print(text: str) -> bool:
    """Print; False when ``... | head`` closed the pipe (not an error of the input)."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)  # Python's exit flush must not fail again
        os.dup2(devnull, sys.stdout.fileno())
        return False
    return True


def _refuse(problems: Iterable[Problem], lang: str) -> int:
    for problem in problems:
        print(problem.message(lang), file=sys.stderr)
    print(t("report.cli.no_report", lang), file=sys.stderr)
    return EXIT_BAD_INPUT
