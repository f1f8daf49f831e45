"""``python -m course progress``: the learner's results per quiz, and reset."""

from __future__ import annotations

import argparse
import sys

from course.commands import EXIT_FAILED
from course.i18n import t
from course.progress.store import ProgressStore
from course.progress.summary import summarize
from course.quiz.bank import BankError, load_bank
from course.quiz.pools import asked_count


def add_parser(sub: argparse._SubParsersAction, lang: str) -> argparse.ArgumentParser:
    text = t("progress.cli.progress.help", lang)
    parser = sub.add_parser("progress", help=text, description=text)
    parser.add_argument("--reset", metavar="QUIZ", default=None,
                        help=t("progress.cli.progress.reset", lang))
    parser.add_argument("--yes", action="store_true",
                        help=t("progress.cli.progress.assume_yes", lang))
    return parser


def learner_store(lang: str) -> ProgressStore:
    """The learner's own store; says so on stderr when its file had to be moved
    aside or answers can only be kept in memory (the learner commands share it)."""
    store = ProgressStore.default()
    if store.notice is not None:
        print(store.notice.message(lang), file=sys.stderr)
    return store


def _bank_info(quiz: str, lang: str) -> tuple[str, int | None]:
    try:
        bank = load_bank(quiz)
    except BankError:
        return quiz, None
    return f"{bank.title[lang]} ({quiz})", asked_count(bank)


def _score(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def run(args: argparse.Namespace, lang: str) -> int:
    store = learner_store(lang)
    learner = store.learner()
    if args.reset is not None:
        quiz = None if args.reset == "all" else args.reset
        count = sum(1 for r in store.rows(learner) if quiz is None or r.quiz == quiz)
        if not args.yes:
            print(t("progress.cli.progress.reset_confirm", lang, count=count))
            return EXIT_FAILED
        erased = store.reset(quiz, learner)
        print(t("progress.cli.progress.reset_done", lang, count=erased))
        return 0
    print(t("progress.cli.progress.header", lang, learner=learner, path=str(store.path)))
    rows = store.rows(learner)
    if not rows:
        print(t("progress.cli.progress.none", lang))
        return 0
    info = {q: _bank_info(q, lang) for q in {r.quiz for r in rows}}
    for entry in summarize(rows, lambda quiz: info[quiz][1]):
        title = info[entry.quiz][0]
        total = entry.total if entry.total is not None else entry.answered
        mode = t(f"progress.cli.progress.mode_{entry.mode}", lang)
        hidden = entry.mode == "workshop" and not store.released(entry.quiz, learner)
        key = "line_hidden" if hidden else "line"
        print(t(f"progress.cli.progress.{key}", lang, title=title, mode=mode,
                answered=entry.answered, total=total, first=f"{_score(entry.first_score)}/{total}",
                current=f"{_score(entry.current_score)}/{total}"))
    return 0
