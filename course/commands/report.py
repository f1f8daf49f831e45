"""``python -m course report RESULTS... [--html FILE] [--quiz ID] [--lang ja|en]``.

The instructor's item analysis: merge the result files learners exported,
compute Moodle's quiz statistics on first attempts (course.quiz.analytics)
and show them as a table here, optionally as a self-contained HTML page with
the charts inlined as SVG. Bad input (missing file, not JSON, wrong format
or version, no rows) prints what is wrong with which file and exits with 2;
no traceback reaches the instructor.

The report shows aggregates only: no learner pseudonym, no single answer.
"""

from __future__ import annotations

import argparse
import html
import os
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from course.commands import chosen_language
from course.facts.sources import badge_label, plain_text, source
from course.i18n import t
from course.quiz.results_io import BANK_ID, MergedResults, Problem, merge_results, safe_display

if TYPE_CHECKING:
    from course.quiz.analytics import Analysis, OptionCount, QuestionStats, QuizAnalysis

EXIT_BAD_INPUT = 2
MISSING = "—"


@dataclass(frozen=True)
class BankInfo:
    """What the course's own question bank adds: title, question and option order."""

    title: dict[str, str] = field(default_factory=dict)
    order: tuple[str, ...] = ()
    options: dict[str, tuple[str, ...]] = field(default_factory=dict)


def add_parser(sub: argparse._SubParsersAction, lang: str) -> argparse.ArgumentParser:
    text = t("report.cli.help", lang)
    parser = sub.add_parser("report", help=text, description=text)
    parser.add_argument("results", nargs="+", metavar="RESULTS",
                        help=t("report.cli.results", lang))
    parser.add_argument("--html", type=Path, default=None, metavar="FILE",
                        help=t("report.cli.html", lang))
    parser.add_argument("--quiz", default=None, metavar="ID", help=t("report.cli.quiz", lang))
    parser.add_argument("--lang", default=None, help=t("report.cli.lang", lang))
    return parser


def run(args: argparse.Namespace, lang: str) -> int:
    chosen = chosen_language(args.lang, lang)
    if chosen is None:
        return EXIT_BAD_INPUT
    lang = chosen
    merged = merge_results(args.results)
    if merged.problems:
        return _refuse(merged.problems, lang)

    from course.quiz.analytics import analyse  # pandas: loaded only when needed

    banks = bank_info({row.quiz for row in merged.rows})
    analysis = analyse(
        merged, quiz=args.quiz,
        question_order={quiz: info.order for quiz, info in banks.items()},
        options={quiz: info.options for quiz, info in banks.items()},
    )
    if analysis.problems:
        return _refuse(analysis.problems, lang)
    try:
        print(render_text(analysis, merged, lang, banks), flush=True)
    except BrokenPipeError:  # `... | head` closed the pipe: not an error of the input
        _silence_stdout()
    if args.html is not None:
        page = render_html(analysis, merged, lang, banks)
        shown = safe_display(args.html, 120)
        try:
            args.html.write_text(page, encoding="utf-8")
        except (OSError, ValueError):
            print(t("report.cli.cannot_write", lang, path=shown), file=sys.stderr)
            return EXIT_BAD_INPUT
        try:
            print(t("report.cli.written", lang, path=shown), flush=True)
        except BrokenPipeError:
            _silence_stdout()
    return 0


def _silence_stdout() -> None:
    """Send further output to devnull so Python's exit flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _refuse(problems: Iterable[Problem], lang: str) -> int:
    for problem in problems:
        print(problem.message(lang), file=sys.stderr)
    print(t("report.cli.no_report", lang), file=sys.stderr)
    return EXIT_BAD_INPUT


def bank_info(quiz_ids: Iterable[str]) -> dict[str, BankInfo]:
    """Titles and orders from data/quizzes for the quizzes the course knows."""
    from course.quiz.bank import BankError, load_bank

    out = {}
    for quiz in quiz_ids:
        if not BANK_ID.fullmatch(quiz):
            continue
        try:
            bank = load_bank(quiz)
        except (BankError, OSError, ValueError, KeyError):
            continue
        out[quiz] = BankInfo(dict(bank.title), tuple(q.id for q in bank.questions),
                             {q.id: tuple(o.id for o in q.options) for q in bank.questions})
    return out


# ---------------------------------------------------------------------------
# Shared pieces


def pct(value: float | None) -> str:
    return MISSING if value is None else f"{value:.1f}%"


def number(value: float | None) -> str:
    return MISSING if value is None else f"{value:.2f}"


def _thresholds_values(analysis: Analysis) -> dict[str, float]:
    th = analysis.thresholds
    if th is None:
        return {}
    return {"too_easy": th.facility_too_easy_from, "too_hard": th.facility_too_hard_up_to,
            "low_discrimination": th.discrimination_index_min,
            "low_efficiency": th.discriminative_efficiency_min, "negative_covariance": 0,
            "low_consistency": th.cic_unsatisfactory_below}


def _value(v: float) -> str:
    return f"{v:g}"


def flag_help(flag: str, analysis: Analysis, lang: str) -> str:
    values = _thresholds_values(analysis)
    return t(f"report.flag_help.{flag}", lang, value=_value(values.get(flag, 0)))


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


def _quiz_heading(quiz: QuizAnalysis, lang: str, banks: dict[str, BankInfo]) -> str:
    shown = safe_display(quiz.quiz, 60)
    title = banks.get(quiz.quiz, BankInfo()).title.get(lang)
    if title:
        return t("report.heading.quiz_titled", lang, quiz=shown, title=title)
    return t("report.heading.quiz", lang, quiz=shown)


def _summary_lines(analysis: Analysis, quiz: QuizAnalysis, merged: MergedResults,
                   lang: str) -> list[str]:
    lines = [t("report.summary.data", lang, learners=quiz.learners, rows=quiz.answers_used,
               later=quiz.later_attempts)]
    if merged.duplicates:
        lines.append(t("report.summary.files", lang, files=len(merged.files),
                       duplicates=merged.duplicates, conflicts=merged.conflicts))
    else:
        lines.append(t("report.summary.files_only", lang, files=len(merged.files)))
    if quiz.excluded_learners:
        lines.append(t("report.summary.excluded", lang, count=quiz.excluded_learners))
    lines.append(t("report.summary.first_attempts", lang))
    th = analysis.thresholds
    if th is not None and th.missing_answer == "zero":
        lines.append(t("report.summary.missing_zero", lang))
    if th is not None and quiz.learners < th.small_group_below:
        lines.append(t("report.summary.small_group", lang))
    return lines


STAT_KEYS = ("mean", "median", "sd", "skewness", "kurtosis", "cic", "error_ratio",
             "standard_error")


def _stat_pairs(quiz: QuizAnalysis, lang: str) -> list[tuple[str, str]]:
    stats = quiz.statistics
    pairs = [(t("report.stat.learners", lang), str(stats.learners)),
             (t("report.stat.questions", lang), str(stats.questions))]
    for key in STAT_KEYS:
        value = getattr(stats, key)
        shown = number(value) if key in ("skewness", "kurtosis") else pct(value)
        pairs.append((t(f"report.stat.{key}", lang), shown))
    return pairs


QUESTION_COLUMNS = ("number", "question", "learners", "answered", "facility", "sd", "di", "de",
                    "iw", "ew", "flags")


def _question_cells(index: int, q: QuestionStats, lang: str) -> list[str]:
    return [str(index), safe_display(q.question, 40), str(q.learners), str(q.answered),
            pct(q.facility), pct(q.sd), pct(q.discrimination_index),
            pct(q.discriminative_efficiency), pct(q.intended_weight), pct(q.effective_weight),
            flag_names(q.flags, lang)]


def _is_key(option: OptionCount) -> bool:
    return option.mean_score is not None and option.mean_score >= 100.0 and option.count > 0


# ---------------------------------------------------------------------------
# Terminal


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


def render_text(analysis: Analysis, merged: MergedResults, lang: str,
                banks: dict[str, BankInfo] | None = None) -> str:
    """The whole report as terminal text."""
    banks = banks or {}
    out: list[str] = []
    flags_seen: list[str] = []
    for quiz in analysis.quizzes:
        heading = f"{t('report.heading.report', lang)} · {_quiz_heading(quiz, lang, banks)}"
        out += ["=" * min(78, display_width(heading)), heading,
                "=" * min(78, display_width(heading))]
        out += _summary_lines(analysis, quiz, merged, lang)
        out += ["", f"[{t('report.heading.quiz_statistics', lang)}]"]
        pairs = _stat_pairs(quiz, lang)
        out += text_table([p[0] for p in pairs[:5]], [[p[1] for p in pairs[:5]]], [True] * 5)
        out += text_table([p[0] for p in pairs[5:]], [[p[1] for p in pairs[5:]]], [True] * 5)
        for flag in quiz.statistics.flags:
            out.append(f"⚠ {flag_line(flag, analysis, lang)}")
            flags_seen.append(flag)
        out += ["", f"[{t('report.heading.questions', lang)}]"]
        headers = [t(f"report.column.{c}", lang) for c in QUESTION_COLUMNS]
        rows = [_question_cells(i, q, lang) for i, q in enumerate(quiz.questions, 1)]
        right = [c not in ("question", "flags") for c in QUESTION_COLUMNS]
        out += text_table(headers, rows, right)
        flags_seen += [f for q in quiz.questions for f in q.flags]
        choice = [q for q in quiz.questions if q.options]
        if choice:
            out += ["", f"[{t('report.heading.options', lang)}]"]
            for q in choice:
                parts = []
                for option in q.options:
                    mark = f", {t('report.summary.key', lang)}" if _is_key(option) else ""
                    parts.append(f"{safe_display(option.option, 30)} {option.count} "
                                 f"({option.share:.0f}%{mark})")
                parts.append(f"{t('report.summary.no_answer', lang)} {q.no_answer}")
                out.append(f"{safe_display(q.question, 40)}: " + " · ".join(parts))
        out.append("")
    out.append(f"[{t('report.heading.flags', lang)}]")
    used = flags_in_order(flags_seen)
    if not used:
        out.append(t("report.summary.no_flags", lang))
    out += [flag_line(flag, analysis, lang) for flag in used]
    out += [t("report.summary.undefined_note", lang), t("report.summary.glossary", lang)]
    return "\n".join(out)


# ---------------------------------------------------------------------------
# HTML

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans CJK JP",
"Yu Gothic",Meiryo,sans-serif;margin:0;color:#1a1a1a;background:#fff;line-height:1.6}
main{max-width:72rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.3rem;margin-top:2.2rem;
border-bottom:2px solid #0072B2}h3{font-size:1.05rem;margin-top:1.6rem}
table{border-collapse:collapse;margin:.6rem 0;font-variant-numeric:tabular-nums}
th,td{border:1px solid #ccc;padding:.25rem .55rem;text-align:right;vertical-align:top}
th{background:#f2f5f8}td.text,th.text{text-align:left}
tr.flagged td{background:#fff4e5}.flag{color:#8a3300;font-weight:600}
figure{margin:1rem 0}figure svg{max-width:100%;height:auto}
figcaption{font-size:.9rem;color:#444}.meta{color:#444}
details{margin:.6rem 0}.track{display:inline-block;width:10rem;background:#eef2f6}
.bar{display:block;height:.8rem;background:#0072B2}summary{cursor:pointer;font-weight:600}
dt{font-weight:600}dd{margin:0 0 .6rem 1.2rem}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _svg(figure, salt: str, alt: str) -> str:
    from course.plots.item_analysis import to_svg

    svg = to_svg(figure, salt)
    figure.clear()
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_e(alt)}" ', 1)


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{_e(caption)}</figcaption></figure>"


def _html_table(headers: Sequence[str], rows: Sequence[Sequence[str]],
                text_columns: Sequence[bool], row_classes: Sequence[str] | None = None,
                caption: str | None = None) -> str:
    parts = ["<table>"]
    if caption:
        parts.append(f"<caption>{_e(caption)}</caption>")
    cls = [' class="text"' if is_text else "" for is_text in text_columns]
    parts.append("<thead><tr>" + "".join(
        f'<th scope="col"{c}>{_e(h)}</th>' for h, c in zip(headers, cls, strict=True))
        + "</tr></thead><tbody>")
    for i, row in enumerate(rows):
        row_class = f' class="{row_classes[i]}"' if row_classes and row_classes[i] else ""
        parts.append(f"<tr{row_class}>" + "".join(
            f"<td{c}>{cell}</td>" for cell, c in zip(row, cls, strict=True)) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def _quiz_html(number_: int, quiz: QuizAnalysis, analysis: Analysis, merged: MergedResults,
               lang: str, banks: dict[str, BankInfo]) -> tuple[str, list[str]]:
    from course.plots.item_analysis import (
        facility_discrimination_scatter,
        option_bars,
        score_histogram,
    )

    flags_seen: list[str] = []
    out = [f'<section id="quiz-{number_}"><h2>{_e(_quiz_heading(quiz, lang, banks))}</h2>']
    out += [f"<p>{_e(line)}</p>" for line in _summary_lines(analysis, quiz, merged, lang)]
    out.append(f"<h3>{_e(t('report.heading.quiz_statistics', lang))}</h3>")
    pairs = _stat_pairs(quiz, lang)
    out.append(_html_table([p[0] for p in pairs], [[_e(p[1]) for p in pairs]],
                           [False] * len(pairs)))
    for flag in quiz.statistics.flags:
        flags_seen.append(flag)
        out.append(f'<p class="flag">⚠ {_e(flag_line(flag, analysis, lang))}</p>')

    out.append(f"<h3>{_e(t('report.heading.charts', lang))}</h3>")
    scatter = facility_discrimination_scatter(quiz.questions, lang, analysis.thresholds)
    alt = t("report.chart.scatter_alt", lang)
    out.append(_figure(_svg(scatter, f"q{number_}s", alt), alt))
    histogram = score_histogram(quiz.statistics, lang)
    alt = t("report.chart.histogram_alt", lang)
    out.append(_figure(_svg(histogram, f"q{number_}h", alt), alt))

    out.append(f"<h3>{_e(t('report.heading.questions', lang))}</h3>")
    headers = [t(f"report.column.{c}", lang) for c in QUESTION_COLUMNS]
    rows, classes = [], []
    for i, q in enumerate(quiz.questions, 1):
        cells = [_e(c) for c in _question_cells(i, q, lang)]
        if q.flags:
            cells[-1] = f'<span class="flag">⚠ {cells[-1]}</span>'
        rows.append(cells)
        classes.append("flagged" if q.flags else "")
        flags_seen += list(q.flags)
    out.append(_html_table(headers, rows, [c in ("question", "flags") for c in QUESTION_COLUMNS],
                           classes))
    out.append(f"<p>{_e(t('report.summary.undefined_note', lang))}</p>")
    out.append(f"<p>{_e(t('report.summary.glossary', lang))}</p>")

    choice = [q for q in quiz.questions if q.options]
    if choice:
        out.append(f"<h3>{_e(t('report.heading.options', lang))}</h3>")
    for j, q in enumerate(choice, 1):
        shown = safe_display(q.question, 40)
        flagged = f" — ⚠ {flag_names(q.flags, lang)}" if q.flags else ""
        out.append(f"<details{' open' if q.flags else ''}><summary>{_e(shown + flagged)}"
                   "</summary>")
        if q.flags:  # a chart where the instructor has to look; a table for every question
            alt = t("report.chart.options_alt", lang, question=shown)
            out.append(_figure(_svg(option_bars(q, lang), f"q{number_}o{j}", alt), alt))
        out.append(_option_table(q, lang))
        out.append("</details>")
    out.append("</section>")
    return "".join(out), flags_seen


def _bar(share: float | None) -> str:
    width = 0.0 if share is None else max(0.0, min(100.0, share))
    return (f'<span class="track"><span class="bar" style="width:{width:.1f}%"></span>'
            "</span>")


def _option_table(q: QuestionStats, lang: str) -> str:
    """Options with their counts, a bar drawn in CSS, and the choosers' mean score."""
    rows = []
    for o in q.options:
        key = f" ({_e(t('report.summary.key', lang))})" if _is_key(o) else ""
        rows.append([_e(safe_display(o.option, 60)), str(o.count), _e(pct(o.share)),
                     _bar(o.share), _e(pct(o.mean_score)) + key])
    share = 100.0 * q.no_answer / q.learners if q.learners else None
    rows.append([_e(t("report.summary.no_answer", lang)), str(q.no_answer), _e(pct(share)),
                 _bar(share), MISSING])
    headers = [t(f"report.column.{c}", lang)
               for c in ("option", "count", "share", "share", "mean_score")]
    headers[3] = ""
    return _html_table(headers, rows, [True, False, False, True, False])


def render_html(analysis: Analysis, merged: MergedResults, lang: str,
                banks: dict[str, BankInfo] | None = None) -> str:
    """A self-contained page: inline CSS and SVG, every text escaped, no external resource."""
    from course.facts.policy import policy
    from course.quiz.analytics import POLICY_NAMES

    banks = banks or {}
    quizzes = ", ".join(safe_display(q.quiz, 60) for q in analysis.quizzes)
    body, flags_seen = [], []
    for i, quiz in enumerate(analysis.quizzes, 1):
        section, flags = _quiz_html(i, quiz, analysis, merged, lang, banks)
        body.append(section)
        flags_seen += flags
    used = flags_in_order(flags_seen)
    legend = [f"<section><h2>{_e(t('report.heading.flags', lang))}</h2>"]
    if used:
        legend.append("<dl>" + "".join(
            f"<dt>{_e(t(f'report.flag.{f}', lang))}</dt><dd>{_e(flag_help(f, analysis, lang))}"
            "</dd>" for f in used) + "</dl>")
    else:
        legend.append(f"<p>{_e(t('report.summary.no_flags', lang))}</p>")
    legend.append("</section>")
    sources = [f"<section><h2>{_e(t('report.heading.sources', lang))}</h2>",
               f"<p>{_e(t('report.html.sources_text', lang))}</p><ul>"]
    for name in POLICY_NAMES:
        entry = policy(f"analytics.{name}")
        badges = ", ".join(badge_label(b, lang) for b in entry.provenance.badges)
        cited = "".join(f"<li>{_e(plain_text(source(s), lang))}</li>" for s in entry.sources)
        sources.append(f"<li><code>{_e(name)}</code> = {_e(entry.value)} ({_e(badges)})"
                       + (f"<ul>{cited}</ul>" if cited else "") + "</li>")
    sources.append("</ul></section>")
    title = t("report.html.title", lang, quizzes=quizzes)
    return "".join([
        "<!DOCTYPE html>\n",
        f'<html lang="{_e(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body><main>",
        f"<h1>{_e(t('report.heading.report', lang))}</h1>",
        f'<p class="meta">{_e(t("report.html.generated", lang, files=len(merged.files)))}</p>',
        *body, *legend, *sources,
        "</main></body></html>\n",
    ])
