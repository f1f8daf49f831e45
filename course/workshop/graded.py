"""Class results as an instructor reads them: merged, graded by the course, analysed.

``grade_class`` is the one path from rows learners sent to the figures an
instructor sees. It re-grades every row from the bank (``course.quiz.regrade``),
so a forged score in a file counts for nothing, keeps the rows of quizzes no
bank covers out of the analysis (and says so), and runs the item analysis of
``course.quiz.analytics`` on the graded first attempts. ``python -m course
report``, the class-results notebook and the hub's dashboard all use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from course.i18n import t
from course.quiz.model import Bank
from course.quiz.problems import Problem
from course.quiz.regrade import Regraded, regrade
from course.quiz.results_io import MergedResults, ResultRow, safe_display
from course.workshop.banks import BankView, bank_views, banks_for

if TYPE_CHECKING:
    from course.quiz.analytics import Analysis, QuizAnalysis

MAX_NAMES_SHOWN = 12


@dataclass(frozen=True)
class ClassResults:
    """Rows read, graded and analysed; ``problems`` explains an empty result."""

    folder: str
    merged: MergedResults | None
    analysis: Analysis | None
    banks: Mapping[str, BankView]
    problems: tuple[Problem, ...] = ()
    regraded: Regraded | None = None
    sources: int = 0  # files (or learners' streams) read
    notes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems and self.analysis is not None and bool(self.analysis.quizzes)

    @property
    def quizzes(self) -> tuple[QuizAnalysis, ...]:
        return self.analysis.quizzes if self.analysis is not None else ()

    @property
    def rows(self) -> tuple[ResultRow, ...]:
        """The graded rows (what the analysis used)."""
        return self.regraded.rows if self.regraded is not None else ()


def _nothing_graded(regraded: Regraded) -> Problem:
    quizzes = ", ".join(safe_display(q, 60) for q in regraded.ungraded_quizzes[:5])
    return Problem("nothing_graded", params={"quizzes": quizzes},
                   area="workshop.results.problem")


def grade_class(merged: MergedResults, *, quiz: str | None = None,
                extra_banks: Mapping[str, Bank] | None = None, folder: str = "",
                problems: Iterable[Problem] = (), grade_cache: dict | None = None
                ) -> ClassResults:
    """Re-grade ``merged`` from the banks and analyse first attempts (never raises).

    ``grade_cache`` (see ``course.quiz.regrade.regrade``) is for callers that grade
    a growing class again and again with the same banks, such as the dashboard.
    """
    from course.quiz.analytics import analyse

    problems = tuple(problems)
    banks = banks_for({row.quiz for row in merged.rows}, extra_banks)
    regraded = regrade(merged.rows, banks, grade_cache)
    views = bank_views({q: b for q, b in banks.items()
                        if q in {row.quiz for row in regraded.rows}})
    if not regraded.rows:
        found = (_nothing_graded(regraded),) if regraded.ungraded else (Problem("no_rows"),)
        return ClassResults(folder, merged, None, views, problems + found, regraded,
                            len(merged.files))
    analysis = analyse(regraded.rows, quiz=quiz,
                       question_order={q: v.order for q, v in views.items()},
                       options={q: dict(v.options) for q, v in views.items()})
    return ClassResults(folder, merged, analysis, views, problems + analysis.problems,
                        regraded, len(merged.files))


def _names(learners: Iterable[str]) -> str:
    names = [safe_display(name, 40) for name in learners]
    shown = ", ".join(names[:MAX_NAMES_SHOWN])
    return shown + (f", … (+{len(names) - MAX_NAMES_SHOWN})" if len(names) > MAX_NAMES_SHOWN
                     else "")


def grading_lines(regraded: Regraded | None, lang: str) -> list[str]:
    """What grading again found: re-graded scores (with whom), invalid answers, rows
    left out for want of a bank. One line saying all is well otherwise."""
    if regraded is None:
        return []
    lines = []
    if regraded.changed:
        lines.append(t("report.grading.regraded", lang, count=len(regraded.changed),
                       learners=len(regraded.regraded_learners),
                       names=_names(regraded.regraded_learners)))
    if regraded.invalid:
        invalid_learners = sorted({row.learner for row in regraded.invalid})
        lines.append(t("report.grading.invalid", lang, count=len(regraded.invalid),
                       learners=len(invalid_learners), names=_names(invalid_learners)))
    if regraded.ungraded:
        quizzes = ", ".join(safe_display(q, 60) for q in regraded.ungraded_quizzes)
        lines.append(t("report.grading.ungraded", lang, count=len(regraded.ungraded),
                       quizzes=quizzes))
    if not lines:
        lines.append(t("report.grading.all_graded", lang))
    return lines
