"""``python -m course export``: the learner's answers as JSON or CSV (results
exchange format, see ``course.quiz.results_io``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course.commands import EXIT_BAD_INPUT
from course.commands.progress import learner_store
from course.i18n import t
from course.quiz.results_io import iso_utc, to_csv, to_json

FORMATS = ("json", "csv")


def add_parser(sub: argparse._SubParsersAction, lang: str) -> argparse.ArgumentParser:
    text = t("progress.cli.export.help", lang)
    parser = sub.add_parser("export", help=text, description=text)
    parser.add_argument("--format", default=None, help=t("progress.cli.export.format", lang))
    parser.add_argument("--output", "-o", type=Path, default=None,
                        help=t("progress.cli.export.output", lang))
    return parser


def run(args: argparse.Namespace, lang: str) -> int:
    chosen = args.format
    if chosen is None:
        suffix = args.output.suffix.lower().lstrip(".") if args.output else ""
        chosen = suffix if suffix in FORMATS else "json"
    chosen = chosen.lower()
    if chosen not in FORMATS:
        print(t("progress.cli.export.bad_format", lang, format=args.format[:20]),
              file=sys.stderr)
        return EXIT_BAD_INPUT
    store = learner_store(lang)
    learner = store.learner()
    rows = store.rows(learner)
    text = (to_json(rows, learner, iso_utc(store.clock.now())) if chosen == "json"
            else to_csv(rows))
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(t("progress.cli.export.cannot_write", lang, path=str(args.output),
                error=exc.strerror or str(exc)), file=sys.stderr)
        return EXIT_BAD_INPUT
    print(t("progress.cli.export.done", lang, count=len(rows), path=str(args.output)))
    return 0
