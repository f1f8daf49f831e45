"""The item-analysis report as terminal text (``python -m course report``)."""

from __future__ import annotations

from course.i18n import t
from course.quiz.results_io import safe_display
from course.workshop.banks import is_key
from course.workshop.class_mastery import mastery_text
from course.workshop.graded import ClassResults
from course.workshop.report_parts import (
    QUESTION_COLUMNS,
    display_width,
    flag_line,
    flags_in_order,
    invalid_first,
    question_cells,
    quiz_heading,
    stat_pairs,
    summary_lines,
    text_table,
)


def render_text(results: ClassResults, lang: str) -> str:
    """The whole report as terminal text: aggregates, plus who sent re-graded scores."""
    analysis = results.analysis
    if analysis is None:
        return ""
    out: list[str] = []
    flags_seen: list[str] = []
    for quiz in analysis.quizzes:
        heading = f"{t('report.heading.report', lang)} · {quiz_heading(quiz, lang, results.banks)}"
        rule = "=" * min(78, display_width(heading))
        out += [rule, heading, rule]
        out += summary_lines(results, quiz, lang)
        out += ["", f"[{t('report.heading.quiz_statistics', lang)}]"]
        pairs = stat_pairs(quiz, lang)
        out += text_table([p[0] for p in pairs[:5]], [[p[1] for p in pairs[:5]]], [True] * 5)
        out += text_table([p[0] for p in pairs[5:]], [[p[1] for p in pairs[5:]]], [True] * 5)
        for flag in quiz.statistics.flags:
            out.append(f"⚠ {flag_line(flag, analysis, lang)}")
            flags_seen.append(flag)
        out += ["", f"[{t('report.heading.questions', lang)}]"]
        headers = [t(f"report.column.{c}", lang) for c in QUESTION_COLUMNS]
        rows = [question_cells(i, q, lang) for i, q in enumerate(quiz.questions, 1)]
        right = [c not in ("question", "flags") for c in QUESTION_COLUMNS]
        out += text_table(headers, rows, right)
        flags_seen += [f for q in quiz.questions for f in q.flags]
        choice = [q for q in quiz.questions if q.options]
        if choice:
            out += ["", f"[{t('report.heading.options', lang)}]"]
        for q in choice:
            parts = []
            for option in q.options:
                key = is_key(results.banks, quiz.quiz, q.question, option.option)
                mark = f", {t('report.summary.key', lang)}" if key else ""
                parts.append(f"{safe_display(option.option, 30)} {option.count} "
                             f"({option.share:.0f}%{mark})")
            invalid = invalid_first(results, q)
            parts.append(f"{t('report.summary.no_answer', lang)} {q.no_answer - invalid}")
            if invalid:
                parts.append(f"{t('report.summary.invalid', lang)} {invalid}")
            out.append(f"{safe_display(q.question, 40)}: " + " · ".join(parts))
        out.append("")
    out += [*mastery_text(results.rows, lang), ""]
    out.append(f"[{t('report.heading.flags', lang)}]")
    used = flags_in_order(flags_seen)
    if not used:
        out.append(t("report.summary.no_flags", lang))
    out += [flag_line(flag, analysis, lang) for flag in used]
    out += [t("report.summary.undefined_note", lang), t("report.summary.glossary", lang)]
    return "\n".join(out)
