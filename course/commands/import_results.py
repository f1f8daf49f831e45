"""``python -m course import FILE``: read back an exported results file.

All or nothing: a file with any bad row (wrong format, a phone number or a
code in an answer, an answer that is not valid for its question, ...) imports
nothing and exits with 2. The file is read by ``course.quiz.results_io``, the
same reader as ``python -m course report``, and every answer to a quiz of the
course is graded again from its bank (``course.quiz.regrade``): the stored
score is the course's, never the file's. Records of quizzes the course does
not have are kept as they are (they are the learner's own; a report grades
them only with a bank).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course.commands import EXIT_BAD_INPUT, EXIT_FAILED
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
        return EXIT_BAD_INPUT
    from course.quiz.regrade import regrade
    from course.workshop.banks import course_banks

    graded = regrade(parsed.rows, course_banks({row.quiz for row in parsed.rows}))
    if graded.invalid:
        print(t("progress.cli.import.refused", lang, path=parsed.path), file=sys.stderr)
        for row in graded.invalid[:20]:
            print("  " + t("progress.cli.import.invalid", lang, quiz=row.quiz,
                           question=row.question, attempt=row.attempt), file=sys.stderr)
        return EXIT_BAD_INPUT
    store = learner_store(lang)
    outcome = store.import_rows(graded.rows + graded.ungraded)
    if outcome.problem is not None:
        print(outcome.problem.message(lang), file=sys.stderr)
        return EXIT_FAILED
    print(t("progress.cli.import.done", lang, added=outcome.added,
            duplicates=outcome.duplicates, conflicts=len(outcome.conflicts)))
    if graded.changed:
        print(t("progress.cli.import.regraded", lang, count=len(graded.changed)))
    if graded.ungraded:
        print(t("progress.cli.import.ungraded", lang, count=len(graded.ungraded)))
    for row in outcome.conflicts[:20]:
        print(t("progress.cli.import.conflict", lang, quiz=row.quiz, question=row.question,
                mode=row.mode, attempt=row.attempt))
    if outcome.learner_adopted:
        print(t("progress.cli.import.adopted", lang, learner=parsed.learner))
    elif parsed.learner and parsed.learner != store.learner():
        print(t("progress.cli.import.other_learner", lang, learner=parsed.learner))
    return 0
