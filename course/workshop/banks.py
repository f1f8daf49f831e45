"""The question banks an instructor's tools grade and label results with.

Every reader of class results (``python -m course report``, the class-results
notebook, the hub's results service) grades answers again from a bank
(``course.quiz.regrade``) and shows the bank's titles, question order, option
texts and keys. This module finds those banks, the course's own
(``data/quizzes``) and any extra bank files an instructor wrote, and turns
each into a ``BankView``: the plain facts the renderers need.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from course.quiz.model import Bank
from course.quiz.problems import Problem
from course.quiz.results_io import BANK_ID, safe_display


@dataclass(frozen=True)
class BankView:
    """What a bank adds to a results table: texts, the bank's orders and the keys."""

    title: Mapping[str, str] = field(default_factory=dict)
    texts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # question -> lang
    order: tuple[str, ...] = ()
    options: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    keys: Mapping[str, frozenset[str]] = field(default_factory=dict)  # right option ids
    option_texts: Mapping[str, Mapping[str, Mapping[str, str]]] = field(
        default_factory=dict)  # question -> option -> lang -> text


def bank_view(bank: Bank) -> BankView:
    """The view of one bank."""
    questions = bank.questions
    return BankView(dict(bank.title), {q.id: dict(q.text) for q in questions},
                    tuple(q.id for q in questions),
                    {q.id: tuple(o.id for o in q.options) for q in questions},
                    {q.id: frozenset(o.id for o in q.options if o.correct) for q in questions},
                    {q.id: {o.id: dict(o.text) for o in q.options} for q in questions})


def course_banks(quiz_ids: Iterable[object]) -> dict[str, Bank]:
    """The course's own banks (data/quizzes) for the quiz ids it has; others are skipped."""
    from course.quiz.bank import BankError, load_bank

    out: dict[str, Bank] = {}
    for quiz in quiz_ids:
        if not isinstance(quiz, str) or not BANK_ID.fullmatch(quiz) or quiz in out:
            continue
        try:
            out[quiz] = load_bank(quiz)
        except (BankError, OSError, ValueError, KeyError):
            continue
    return out


def bank_files(paths: Iterable[object]) -> tuple[dict[str, Bank], tuple[Problem, ...]]:
    """Banks an instructor wrote (``--bank FILE``), by their id; problems name bad files."""
    from course.quiz.bank import BankError, load_bank_file

    out: dict[str, Bank] = {}
    problems: list[Problem] = []
    for path in paths:
        shown = safe_display(path, 120)
        try:
            bank = load_bank_file(Path(str(path)))
        except (BankError, OSError, ValueError, TypeError) as exc:
            problems.append(Problem("bad_bank", params={"path": shown,
                                                        "error": safe_display(exc, 300)},
                                    area="workshop.results.problem"))
            continue
        out[bank.id] = bank
    return out, tuple(problems)


def banks_for(quiz_ids: Iterable[object], extra: Mapping[str, Bank] | None = None
              ) -> dict[str, Bank]:
    """The bank of every quiz id: an extra bank file wins over the course's own."""
    extra = dict(extra or {})
    ids = [q for q in quiz_ids if q not in extra]
    return {**course_banks(ids), **extra}


def bank_views(banks: Mapping[str, Bank] | Iterable[object]) -> dict[str, BankView]:
    """Views of banks (a mapping of id -> Bank), or of the course's banks for quiz ids."""
    if not isinstance(banks, Mapping):
        banks = course_banks(banks if isinstance(banks, set | list | tuple | frozenset) else ())
    return {quiz: bank_view(bank) for quiz, bank in banks.items()}


def is_key(views: Mapping[str, BankView], quiz: str, question: str, option: str) -> bool:
    """Whether an option is (part of) the right answer, as the bank says; never guessed
    from scores, so a question without a bank has no key."""
    keys = views.get(quiz, BankView()).keys.get(question)
    return keys is not None and option in keys
