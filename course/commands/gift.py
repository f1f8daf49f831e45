"""``python -m course gift BANK``: a question bank in Moodle's GIFT format."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course.commands import EXIT_BAD_INPUT, chosen_language
from course.i18n import t
from course.quiz.bank import BankError, load_bank, load_bank_file
from course.quiz.gift import to_gift


def add_parser(sub: argparse._SubParsersAction, lang: str) -> argparse.ArgumentParser:
    text = t("progress.cli.gift.help", lang)
    parser = sub.add_parser("gift", help=text, description=text)
    parser.add_argument("bank", help=t("progress.cli.gift.bank", lang))
    parser.add_argument("--lang", default=lang, help=t("progress.cli.gift.lang", lang))
    parser.add_argument("--output", "-o", type=Path, default=None,
                        help=t("progress.cli.gift.output", lang))
    return parser


def run(args: argparse.Namespace, lang: str) -> int:
    bank_lang = chosen_language(args.lang, lang)
    if bank_lang is None:
        return EXIT_BAD_INPUT
    try:
        looks_like_path = args.bank.endswith((".yaml", ".yml")) or "/" in args.bank
        bank = load_bank_file(Path(args.bank)) if looks_like_path else load_bank(args.bank)
    except BankError as exc:
        print(t("progress.cli.gift.bad_bank", lang, error=str(exc)), file=sys.stderr)
        return EXIT_BAD_INPUT
    export = to_gift(bank, bank_lang)
    for qid, why in export.skipped:
        print(t("progress.cli.gift.skipped", lang, question=qid, why=why[lang]), file=sys.stderr)
    for qid, note in export.notes:
        print(t("progress.cli.gift.note", lang, question=qid, note=note[lang]), file=sys.stderr)
    if args.output is None:
        sys.stdout.write(export.text)
    else:
        try:
            args.output.write_text(export.text, encoding="utf-8")
        except OSError as exc:
            print(t("progress.cli.export.cannot_write", lang, path=str(args.output),
                    error=exc.strerror or str(exc)), file=sys.stderr)
            return EXIT_BAD_INPUT
    print(t("progress.cli.gift.done", lang, count=len(export.exported)), file=sys.stderr)
    return 0
