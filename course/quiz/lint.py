"""Lints over every bank of the course, run as tests (tests/quiz/test_lints.py).

The loader already refuses a broken bank; these rules look across banks and
at the notebooks: ids unique course-wide, every objective a notebook declares
tested by at least two questions, every question's objective declared by a
notebook, and complete ja/en text. They take plain data, so a test can feed
them deliberately broken banks and see each rule fire.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from course.i18n import LANGUAGES
from course.quiz.model import Bank

MIN_QUESTIONS_PER_OBJECTIVE = 2


@dataclass(frozen=True)
class LintProblem:
    rule: str
    bank: str
    question: str | None
    detail: str

    def __str__(self) -> str:
        where = f"{self.bank}/{self.question}" if self.question else self.bank
        return f"[{self.rule}] {where}: {self.detail}"


def lint_banks(banks: Sequence[Bank],
               notebook_objectives: Mapping[str, Sequence[str]]) -> list[LintProblem]:
    """Every problem found; an empty list means the banks pass.

    ``notebook_objectives`` maps a notebook stem to the objectives its
    metadata declares (``course.objectives``).
    """
    out: list[LintProblem] = []
    declared = {o for objectives in notebook_objectives.values() for o in objectives}
    ids = Counter(q.id for b in banks for q in b.questions)
    tested = Counter(q.objective for b in banks for q in b.questions)
    for bank in banks:
        for q in bank.questions:
            if ids[q.id] > 1:
                out.append(LintProblem("unique_ids", bank.id, q.id,
                                       "the same question id is used more than once"))
            if q.type == "single_choice" and sum(o.correct for o in q.options) != 1:
                out.append(LintProblem("one_correct", bank.id, q.id,
                                       "single choice needs exactly one correct option"))
            for o in q.options:
                if not o.correct and not all(o.feedback.get(lang, "").strip()
                                             for lang in LANGUAGES):
                    out.append(LintProblem("wrong_option_feedback", bank.id, q.id,
                                           f"wrong option {o.id!r} has no feedback"))
            for field, text in q.texts():
                missing = [lang for lang in LANGUAGES if not str(text.get(lang, "")).strip()]
                if missing:
                    out.append(LintProblem("both_languages", bank.id, q.id,
                                           f"{field} has no {', '.join(missing)} text"))
            if q.objective not in declared:
                out.append(LintProblem("objective_declared", bank.id, q.id,
                                       f"objective {q.objective!r} is declared by no notebook"))
        for lang in LANGUAGES:
            if not bank.title.get(lang, "").strip():
                out.append(LintProblem("both_languages", bank.id, None, f"title has no {lang}"))
    for stem, objectives in sorted(notebook_objectives.items()):
        for objective in objectives:
            if tested[objective] < MIN_QUESTIONS_PER_OBJECTIVE:
                out.append(LintProblem(
                    "objective_coverage", stem, None,
                    f"objective {objective!r} is tested by {tested[objective]} question(s), "
                    f"needs {MIN_QUESTIONS_PER_OBJECTIVE}"))
    return out
