"""The class results an instructor reads after a workshop: load, analyse, advise.

The learners hand in the files ``python -m course export`` wrote (or the
hub's results service exports the class); this module reads a whole folder of
them with ``course.quiz.results_io``, grades every answer again from the bank
and runs the item analysis through ``course.workshop.graded`` (the same path
as ``python -m course report``), and turns each question's statistics into one
piece of advice an instructor can act on ("most people missed it: reteach
the point or fix the question"). The class-results notebook only displays
what these functions return.

``write_demo_class`` makes a fictional class (``course.quiz.fictional_class``)
so the notebook and its tests work without real learners. Nothing here
raises on a bad folder: ``ClassResults.problems`` says what is wrong, in
Japanese and English. pandas is loaded only when an analysis is made.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from course.i18n import resolve_language, t
from course.quiz.model import Bank
from course.quiz.problems import Problem
from course.quiz.results_io import merge_results, safe_display
from course.workshop.banks import BankView, bank_views
from course.workshop.banks import is_key as bank_is_key
from course.workshop.graded import ClassResults, grade_class, grading_lines

if TYPE_CHECKING:
    from course.quiz.analytics import OptionCount, QuestionStats, QuizAnalysis

DEMO_QUIZ = "06_two_factor_and_life_without_sms"
DEMO_SEED = 2026
__all__ = ["ADVICE", "BankView", "ClassResults", "advice", "bank_views", "distractor_rows",
           "is_key", "load_class_results", "question_rows", "summary_lines", "tempting_lines",
           "tempting_options", "write_demo_class"]
ADVICE = ("check_key", "reteach_or_fix", "weak", "easy", "ok", "no_data")
MOST_MISSED_BELOW = 50.0  # facility under 50 %: most of the class missed it
TEMPTING_SHARE = 30.0  # a wrong option chosen by this % of the class is worth discussing


def write_demo_class(folder: Path, *, seed: int = DEMO_SEED, learners: int = 24,
                     quiz: str = DEMO_QUIZ) -> list[Path]:
    """Write a fictional class's exports (one JSON per pseudonym) into ``folder``."""
    from course.quiz.bank import load_bank
    from course.quiz.fictional_class import ClassSettings, fictional_rows, write_class

    rows = fictional_rows(load_bank(quiz), random.Random(seed), ClassSettings(learners))
    return write_class(Path(folder), rows)


def load_class_results(folder: object, quiz: str | None = None,
                       extra_banks: Mapping[str, Bank] | None = None) -> ClassResults:
    """Read every ``.json``/``.csv`` export in ``folder``, grade every answer again
    from the bank and analyse first attempts.

    Files with a problem are reported (the good files are still analysed, as
    ``merge_results`` allows), so one broken hand-in does not hide the class.
    ``extra_banks`` grades quizzes the course does not ship (by bank id).
    """
    shown = safe_display(folder, 120)
    if not isinstance(folder, str | Path) or not str(folder).strip():
        return ClassResults(shown, None, None, {}, (Problem("no_files"),))
    try:
        path = Path(folder).expanduser()
        is_folder = path.is_dir()
    except (OSError, ValueError, RuntimeError):  # a name too long, a NUL, no home folder
        is_folder = False
    if not is_folder:
        return ClassResults(shown, None, None, {},
                            (Problem("not_a_folder", params={"path": shown},
                                     area="workshop.results.problem"),))
    merged = merge_results([path])
    if not merged.rows:
        return ClassResults(shown, merged, None, {}, merged.problems or (Problem("no_rows"),))
    return grade_class(merged, quiz=quiz, extra_banks=extra_banks, folder=shown,
                       problems=merged.problems)


# ---------------------------------------------------------------------------
# Reading the numbers


def advice(question: QuestionStats) -> str:
    """One code of ``ADVICE`` for a question, most urgent first.

    A question that works against the total (stronger learners miss it more)
    is checked first: its key or wording is the likely fault, and reteaching
    would not help. Then a question most people miss (flagged too hard by
    the policy threshold, or under MOST_MISSED_BELOW %), one that hardly
    separates learners, and one nearly everybody gets right.
    """
    flags = set(question.flags)
    if question.facility is None:
        return "no_data"
    di = question.discrimination_index
    if "negative_covariance" in flags or (di is not None and di < 0):
        return "check_key"
    if "too_hard" in flags or question.facility < MOST_MISSED_BELOW:
        return "reteach_or_fix"
    if "low_discrimination" in flags or "low_efficiency" in flags:
        return "weak"
    if "too_easy" in flags:
        return "easy"
    return "ok"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


def _question_text(banks: Mapping[str, BankView], quiz: str, question: str, lang: str,
                   limit: int = 60) -> str:
    text = banks.get(quiz, BankView()).texts.get(question, {}).get(lang)
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def question_rows(quiz: QuizAnalysis, lang: str | None = None,
                  banks: Mapping[str, BankView] | None = None) -> list[dict[str, str]]:
    """Per question: id, text, facility, discrimination, flags in words, advice."""
    lang = resolve_language(lang)
    banks = banks or {}
    head = {c: t(f"workshop.results.column.{c}", lang) for c in (
        "question", "text", "answered", "facility", "discrimination", "flags", "advice")}
    rows = []
    for q in quiz.questions:
        rows.append({
            head["question"]: safe_display(q.question, 40),
            head["text"]: _question_text(banks, quiz.quiz, q.question, lang),
            head["answered"]: f"{q.answered}/{q.learners}",
            head["facility"]: _pct(q.facility),
            head["discrimination"]: _pct(q.discrimination_index),
            head["flags"]: t("report.summary.separator", lang).join(
                t(f"report.flag.{f}", lang) for f in q.flags),
            head["advice"]: t(f"workshop.results.advice.{advice(q)}", lang),
        })
    return rows


def is_key(quiz: QuizAnalysis, question: QuestionStats, option: OptionCount,
           banks: Mapping[str, BankView] | None = None) -> bool:
    """Whether an option is (part of) the right answer, as the bank says."""
    return bank_is_key(banks or {}, quiz.quiz, question.question, option.option)


def tempting_options(quiz: QuizAnalysis, banks: Mapping[str, BankView] | None = None
                     ) -> list[tuple[QuestionStats, str, float]]:
    """(question, option, share %) for wrong options chosen by TEMPTING_SHARE % or more.

    Only questions whose bank is known: without the key, nothing is called wrong.
    """
    keys = (banks or {}).get(quiz.quiz, BankView()).keys
    out = []
    for q in quiz.questions:
        if q.question not in keys:
            continue
        for option in q.options:
            if not is_key(quiz, q, option, banks) and option.share >= TEMPTING_SHARE:
                out.append((q, option.option, option.share))
    return out


def distractor_rows(quiz: QuizAnalysis, lang: str | None = None,
                    banks: Mapping[str, BankView] | None = None) -> list[dict[str, str]]:
    """Every option of every choice question: how many chose it, and whether it is the key."""
    lang = resolve_language(lang)
    head = {c: t(f"workshop.results.column.{c}", lang) for c in (
        "question", "option", "option_text", "chosen", "share", "key")}
    texts = (banks or {}).get(quiz.quiz, BankView()).option_texts
    rows = []
    for q in quiz.questions:
        for option in q.options:
            text = texts.get(q.question, {}).get(option.option, {}).get(lang, "")
            rows.append({
                head["question"]: safe_display(q.question, 40),
                head["option"]: safe_display(option.option, 30),
                head["option_text"]: " ".join(text.split())[:80],
                head["chosen"]: str(option.count),
                head["share"]: f"{option.share:.0f}%",
                head["key"]: (t("workshop.results.key_mark", lang)
                              if is_key(quiz, q, option, banks) else ""),
            })
    return rows


def tempting_lines(quiz: QuizAnalysis, lang: str | None = None,
                   banks: Mapping[str, BankView] | None = None) -> list[str]:
    """One sentence per tempting wrong option, or one saying there is none."""
    found = tempting_options(quiz, banks)
    if not found:
        return [t("workshop.results.no_tempting", lang)]
    return [t("workshop.results.tempting", lang, question=safe_display(q.question, 40),
              option=safe_display(option, 30), share=share) for q, option, share in found]


def summary_lines(results: ClassResults, lang: str | None = None) -> list[str]:
    """What was read and the headline numbers; the problems when nothing could be read."""
    lang = resolve_language(lang)
    lines = []
    if results.merged is not None:
        lines.append(t("workshop.results.summary.read", lang, files=len(results.merged.files),
                       learners=results.merged.learners, rows=len(results.merged.rows)))
    for quiz in results.quizzes:
        title = results.banks.get(quiz.quiz, BankView()).title.get(lang) or quiz.quiz
        stats = quiz.statistics
        lines.append(t("workshop.results.summary.quiz", lang, title=title,
                       learners=quiz.learners, questions=stats.questions,
                       mean=_pct(stats.mean), cic=_pct(stats.cic)))
        counts = {code: sum(advice(q) == code for q in quiz.questions) for code in ADVICE}
        lines.append(t("workshop.results.summary.advice", lang, check=counts["check_key"],
                       reteach=counts["reteach_or_fix"], weak=counts["weak"],
                       easy=counts["easy"]))
    lines += grading_lines(results.regraded, lang)
    lines += [f"⚠ {problem.message(lang)}" for problem in results.problems[:20]]
    return lines
