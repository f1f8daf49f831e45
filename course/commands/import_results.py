"""``python -m course import FILE``: read back an exported results file.

All or nothing: a file with any bad row (wrong format, a phone number or a
code in an answer, ...) imports nothing and exits with 2. The file is read
by ``course.quiz.results_io``, the same reader as ``python -m course report``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course.commands.progress import learner_store
from course.i18n import t
from course.quiz.results_io import read_results


def add_parser(sub: argparse._SubParsersAction, lang: str) -> argparse.ArgumentParser:
    text = t("progress.cli.import.help", lang)
    parser = sub.add_parser("import", help=text, description=text)
    parser.add_argument("file", type=Path, help=t("progress.cli.import.file", lang))
    return parser


def run(args: argparse.Namespace, lang: str) -> int:
    parsed = read_results(args.file)
    if not parsed.ok:
        print(t("progress.cli.import.refused", lang, path=parsed.path), file=sys.stderr)
        for why in parsed.problems:
            print(f"  {why.message(lang)}", file=sys.stderr)
        return 2
    store = learner_store(lang)
    outcome = store.import_rows(parsed.rows)
    if outcome.problem is not None:
        print(outcome.problem.message(lang), file=sys.stderr)
        return 1
    print(t("progress.cli.import.done", lang, added=outcome.added,
            duplicates=outcome.duplicates, conflicts=len(outcome.conflicts)))
    for row in outcome.conflicts[:20]:
        print(t("progress.cli.import.conflict", lang, quiz=row.quiz, question=row.question,
                mode=row.mode, attempt=row.attempt))
    if outcome.learner_adopted:
        print(t("progress.cli.import.adopted", lang, learner=parsed.learner))
    elif parsed.learner and parsed.learner != store.learner():
        print(t("progress.cli.import.other_learner", lang, learner=parsed.learner))
    return 0
