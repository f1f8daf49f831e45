"""``python -m course release``: workshop results.

Instructors: ``python -m course release --new`` prints a fresh code and the
salted hash to add to the bank's ``workshop.release_hashes``. Learners:
``python -m course release BANK CODE`` does what the quiz widget's release box
does (the widget is the usual way).
"""

from __future__ import annotations

import argparse
import sys

from course.commands import EXIT_BAD_INPUT, EXIT_FAILED
from course.i18n import t
from course.progress.session import QuizSession
from course.progress.store import ProgressStore
from course.quiz.bank import BankError, load_bank
from course.quiz.release import hash_release_code, new_release_code, new_salt


def add_parser(sub: argparse._SubParsersAction, lang: str) -> argparse.ArgumentParser:
    text = t("progress.cli.release.help", lang)
    parser = sub.add_parser("release", help=text, description=text)
    parser.add_argument("bank", nargs="?", default=None, help=t("progress.cli.release.bank", lang))
    parser.add_argument("code", nargs="?", default=None, help=t("progress.cli.release.code", lang))
    parser.add_argument("--new", action="store_true", help=t("progress.cli.release.new", lang))
    return parser


def run(args: argparse.Namespace, lang: str) -> int:
    if args.new:
        code = new_release_code()
        print(t("progress.cli.release.new_code", lang, code=code))
        print(t("progress.cli.release.new_hash", lang))
        print(f'    - "{hash_release_code(code, new_salt())}"')
        return 0
    if not args.bank or not args.code:
        print(t("progress.cli.release.usage", lang), file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        bank = load_bank(args.bank)
    except BankError as exc:
        print(t("progress.cli.gift.bad_bank", lang, error=str(exc)), file=sys.stderr)
        return EXIT_BAD_INPUT
    store = ProgressStore.default()
    outcome = QuizSession(bank, mode="workshop", store=store).release(args.code)
    if not outcome.ok:
        print(outcome.problem.text[lang] if outcome.problem else "", file=sys.stderr)
        return EXIT_FAILED
    print(t("progress.cli.release.ok", lang))
    return 0
