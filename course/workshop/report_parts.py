"""Pieces the terminal and HTML item-analysis reports share: numbers, flags, summaries.

The reports (``report_text``, ``report_html``) show a ``ClassResults`` made by
``course.workshop.graded``: rows graded by the course, never the learners'
own scores. Keys come from the bank (``course.workshop.banks``), never from
who scored what.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from course.i18n import t
from course.quiz.results_io import safe_display
from course.workshop.banks import BankView
from course.workshop.graded import ClassResults, grading_lines

if TYPE_CHECKING:
    from course.quiz.analytics import Analysis, QuestionStats, QuizAnalysis

MISSING = "—"
STAT_KEYS = ("mean", "median", "sd", "skewness", "kurtosis", "cic", "error_ratio",
             "standard_error")
QUESTION_COLUMNS = ("number", "question", "learners", "answered", "facility", "sd", "di", "de",
                    "iw", "ew", "flags")


def pct(value: float | None) -> str:
    return MISSING if value is None else f"{value:.1f}%"


def number(value: float | None) -> str:
    return MISSING if value is None else f"{value:.2f}"


def display_width(text: str) -> int:
    """Columns a text takes in a terminal (Japanese characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]],
               right: Sequence[bool]) -> list[str]:
    """Columns aligned by display width; numbers right-aligned."""
    widths = [max(display_width(str(c)) for c in column) for column in zip(
        headers, *rows, strict=True)] if rows else [display_width(h) for h in headers]
    lines = []
    for cells in [headers, *rows]:
        padded = [_pad(str(c), w, r) for c, w, r in zip(cells, widths, right, strict=True)]
        lines.append("  ".join(padded).rstrip())
    return lines


def _thresholds_values(analysis: Analysis) -> dict[str, float]:
    th = analysis.thresholds
    if th is None:
        return {}
    return {"too_easy": th.facility_too_easy_from, "too_hard": th.facility_too_hard_up_to,
            "low_discrimination": th.discrimination_index_min,
            "low_efficiency": th.discriminative_efficiency_min, "negative_covariance": 0,
            "low_consistency": th.cic_unsatisfactory_below}


def flag_help(flag: str, analysis: Analysis, lang: str) -> str:
    value = _thresholds_values(analysis).get(flag, 0)
    return t(f"report.flag_help.{flag}", lang, value=f"{value:g}")


def flag_line(flag: str, analysis: Analysis, lang: str) -> str:
    """"too easy: facility 90% or more (...)" in the report's language."""
    return t("report.summary.labelled", lang, label=t(f"report.flag.{flag}", lang),
             text=flag_help(flag, analysis, lang))


def flag_names(flags: Iterable[str], lang: str) -> str:
    return t("report.summary.separator", lang).join(t(f"report.flag.{f}", lang) for f in flags)


def flags_in_order(seen: Iterable[str]) -> list[str]:
    """The flags that occur, quiz flag first, then in the order of QUESTION_FLAGS."""
    from course.quiz.analytics import LOW_CONSISTENCY, QUESTION_FLAGS

    present = set(seen)
    return [f for f in (LOW_CONSISTENCY, *QUESTION_FLAGS) if f in present]


def quiz_heading(quiz: QuizAnalysis, lang: str, banks: Mapping[str, BankView]) -> str:
    shown = safe_display(quiz.quiz, 60)
    title = banks.get(quiz.quiz, BankView()).title.get(lang)
    if title:
        return t("report.heading.quiz_titled", lang, quiz=shown, title=title)
    return t("report.heading.quiz", lang, quiz=shown)


def summary_lines(results: ClassResults, quiz: QuizAnalysis, lang: str) -> list[str]:
    """What was read and used for one quiz, and how the answers were graded."""
    analysis, merged = results.analysis, results.merged
    lines = [t("report.summary.data", lang, learners=quiz.learners, rows=quiz.answers_used,
               later=quiz.later_attempts)]
    files = results.sources
    if merged is not None and merged.duplicates:
        lines.append(t("report.summary.files", lang, files=files,
                       duplicates=merged.duplicates, conflicts=merged.conflicts))
    else:
        lines.append(t("report.summary.files_only", lang, files=files))
    if quiz.excluded_learners:
        lines.append(t("report.summary.excluded", lang, count=quiz.excluded_learners))
    lines += grading_lines(results.regraded, lang)
    lines.append(t("report.summary.first_attempts", lang))
    th = analysis.thresholds if analysis is not None else None
    if th is not None and th.missing_answer == "zero":
        lines.append(t("report.summary.missing_zero", lang))
    if th is not None and quiz.learners < th.small_group_below:
        lines.append(t("report.summary.small_group", lang))
    return lines


def stat_pairs(quiz: QuizAnalysis, lang: str) -> list[tuple[str, str]]:
    stats = quiz.statistics
    pairs = [(t("report.stat.learners", lang), str(stats.learners)),
             (t("report.stat.questions", lang), str(stats.questions))]
    for key in STAT_KEYS:
        value = getattr(stats, key)
        shown = number(value) if key in ("skewness", "kurtosis") else pct(value)
        pairs.append((t(f"report.stat.{key}", lang), shown))
    return pairs


def question_cells(index: int, q: QuestionStats, lang: str) -> list[str]:
    return [str(index), safe_display(q.question, 40), str(q.learners), str(q.answered),
            pct(q.facility), pct(q.sd), pct(q.discrimination_index),
            pct(q.discriminative_efficiency), pct(q.intended_weight), pct(q.effective_weight),
            flag_names(q.flags, lang)]


def invalid_first(results: ClassResults, q: QuestionStats) -> int:
    """First-attempt answers to ``q`` that were not valid answers (shown apart)."""
    if results.regraded is None:
        return 0
    return min(q.no_answer, results.regraded.invalid_count(q.quiz, q.question))
