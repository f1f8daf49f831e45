"""The item-analysis report as one self-contained HTML page (``report --html``).

Inline CSS and SVG, every text escaped, no script and no external resource.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from course.facts.sources import badge_label, plain_text, source
from course.i18n import t
from course.quiz.results_io import safe_display
from course.workshop.banks import is_key
from course.workshop.graded import ClassResults
from course.workshop.report_parts import (
    MISSING,
    QUESTION_COLUMNS,
    flag_help,
    flag_line,
    flag_names,
    flags_in_order,
    invalid_first,
    pct,
    question_cells,
    quiz_heading,
    stat_pairs,
    summary_lines,
)

if TYPE_CHECKING:
    from course.quiz.analytics import QuestionStats, QuizAnalysis

CSS = """
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


def escape(text: object) -> str:
    return html.escape(str(text), quote=True)


def _svg(figure, salt: str, alt: str) -> str:
    from course.plots.item_analysis import to_svg

    svg = to_svg(figure, salt)
    figure.clear()
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(alt)}" ', 1)


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>"


def html_table(headers: Sequence[str], rows: Sequence[Sequence[str]],
               text_columns: Sequence[bool], row_classes: Sequence[str] | None = None,
               caption: str | None = None) -> str:
    """A table whose headers are escaped here; cells arrive escaped (they may hold markup
    the renderer made, such as a bar)."""
    parts = ["<table>"]
    if caption:
        parts.append(f"<caption>{escape(caption)}</caption>")
    cls = [' class="text"' if is_text else "" for is_text in text_columns]
    parts.append("<thead><tr>" + "".join(
        f'<th scope="col"{c}>{escape(h)}</th>' for h, c in zip(headers, cls, strict=True))
        + "</tr></thead><tbody>")
    for i, row in enumerate(rows):
        row_class = f' class="{row_classes[i]}"' if row_classes and row_classes[i] else ""
        parts.append(f"<tr{row_class}>" + "".join(
            f"<td{c}>{cell}</td>" for cell, c in zip(row, cls, strict=True)) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def bar(share: float | None) -> str:
    width = 0.0 if share is None else max(0.0, min(100.0, share))
    return (f'<span class="track"><span class="bar" style="width:{width:.1f}%"></span>'
            "</span>")


def option_table(results: ClassResults, quiz: QuizAnalysis, q: QuestionStats,
                 lang: str) -> str:
    """Options with their counts, a bar drawn in CSS, and the choosers' mean score."""
    rows = []
    for o in q.options:
        key = is_key(results.banks, quiz.quiz, q.question, o.option)
        mark = f" ({escape(t('report.summary.key', lang))})" if key else ""
        rows.append([escape(safe_display(o.option, 60)) + mark, str(o.count),
                     escape(pct(o.share)), bar(o.share), escape(pct(o.mean_score))])
    invalid = invalid_first(results, q)
    for label, count in ((t("report.summary.no_answer", lang), q.no_answer - invalid),
                         (t("report.summary.invalid", lang), invalid)):
        if count or label == t("report.summary.no_answer", lang):
            share = 100.0 * count / q.learners if q.learners else None
            rows.append([escape(label), str(count), escape(pct(share)), bar(share), MISSING])
    headers = [t(f"report.column.{c}", lang)
               for c in ("option", "count", "share", "share", "mean_score")]
    headers[3] = ""
    return html_table(headers, rows, [True, False, False, True, False])


def _quiz_html(number_: int, quiz: QuizAnalysis, results: ClassResults,
               lang: str) -> tuple[str, list[str]]:
    from course.plots.item_analysis import (
        facility_discrimination_scatter,
        option_bars,
        score_histogram,
    )

    analysis = results.analysis
    assert analysis is not None
    flags_seen: list[str] = []
    out = [f'<section id="quiz-{number_}">'
           f"<h2>{escape(quiz_heading(quiz, lang, results.banks))}</h2>"]
    out += [f"<p>{escape(line)}</p>" for line in summary_lines(results, quiz, lang)]
    out.append(f"<h3>{escape(t('report.heading.quiz_statistics', lang))}</h3>")
    pairs = stat_pairs(quiz, lang)
    out.append(html_table([p[0] for p in pairs], [[escape(p[1]) for p in pairs]],
                          [False] * len(pairs)))
    for flag in quiz.statistics.flags:
        flags_seen.append(flag)
        out.append(f'<p class="flag">⚠ {escape(flag_line(flag, analysis, lang))}</p>')

    out.append(f"<h3>{escape(t('report.heading.charts', lang))}</h3>")
    scatter = facility_discrimination_scatter(quiz.questions, lang, analysis.thresholds)
    alt = t("report.chart.scatter_alt", lang)
    out.append(_figure(_svg(scatter, f"q{number_}s", alt), alt))
    histogram = score_histogram(quiz.statistics, lang)
    alt = t("report.chart.histogram_alt", lang)
    out.append(_figure(_svg(histogram, f"q{number_}h", alt), alt))

    out.append(f"<h3>{escape(t('report.heading.questions', lang))}</h3>")
    headers = [t(f"report.column.{c}", lang) for c in QUESTION_COLUMNS]
    rows, classes = [], []
    for i, q in enumerate(quiz.questions, 1):
        cells = [escape(c) for c in question_cells(i, q, lang)]
        if q.flags:
            cells[-1] = f'<span class="flag">⚠ {cells[-1]}</span>'
        rows.append(cells)
        classes.append("flagged" if q.flags else "")
        flags_seen += list(q.flags)
    out.append(html_table(headers, rows, [c in ("question", "flags") for c in QUESTION_COLUMNS],
                          classes))
    out.append(f"<p>{escape(t('report.summary.undefined_note', lang))}</p>")
    out.append(f"<p>{escape(t('report.summary.glossary', lang))}</p>")

    choice = [q for q in quiz.questions if q.options]
    if choice:
        out.append(f"<h3>{escape(t('report.heading.options', lang))}</h3>")
    for j, q in enumerate(choice, 1):
        shown = safe_display(q.question, 40)
        flagged = f" — ⚠ {flag_names(q.flags, lang)}" if q.flags else ""
        out.append(f"<details{' open' if q.flags else ''}><summary>{escape(shown + flagged)}"
                   "</summary>")
        if q.flags:  # a chart where the instructor has to look; a table for every question
            alt = t("report.chart.options_alt", lang, question=shown)
            out.append(_figure(_svg(option_bars(q, lang), f"q{number_}o{j}", alt), alt))
        out.append(option_table(results, quiz, q, lang))
        out.append("</details>")
    out.append("</section>")
    return "".join(out), flags_seen


def _mastery_html(results: ClassResults, lang: str) -> str:
    """Mastery per learning objective and what the class should revisit."""
    from course.quiz.mastery import MasterySettings
    from course.workshop.class_mastery import mastery_rows, revisit_lines

    settings = MasterySettings.from_policies()
    table = mastery_rows(results.rows, lang, settings)
    threshold = f"{round(100 * settings.class_revisit_below)}%"
    parts = [f"<section><h2>{escape(t('class_mastery.heading', lang))}</h2>",
             f"<p>{escape(t('class_mastery.intro', lang, threshold=threshold))}</p>"]
    if table:
        headers = list(table[0])
        parts.append(html_table(headers, [[escape(v) for v in r.values()] for r in table],
                                [i in (0, 1, 5) for i in range(len(headers))]))
    parts.append(f"<h3>{escape(t('class_mastery.revisit_heading', lang))}</h3><ul>"
                 + "".join(f"<li>{escape(line)}</li>"
                           for line in revisit_lines(results.rows, lang, settings))
                 + "</ul></section>")
    return "".join(parts)


def render_html(results: ClassResults, lang: str) -> str:
    """A self-contained page: inline CSS and SVG, every text escaped, no external resource."""
    from course.facts.policy import policy
    from course.quiz.analytics import POLICY_NAMES

    analysis = results.analysis
    if analysis is None:
        return ""
    quizzes = ", ".join(safe_display(q.quiz, 60) for q in analysis.quizzes)
    body, flags_seen = [], []
    for i, quiz in enumerate(analysis.quizzes, 1):
        section, flags = _quiz_html(i, quiz, results, lang)
        body.append(section)
        flags_seen += flags
    body.append(_mastery_html(results, lang))
    used = flags_in_order(flags_seen)
    legend = [f"<section><h2>{escape(t('report.heading.flags', lang))}</h2>"]
    if used:
        legend.append("<dl>" + "".join(
            f"<dt>{escape(t(f'report.flag.{f}', lang))}</dt>"
            f"<dd>{escape(flag_help(f, analysis, lang))}</dd>" for f in used) + "</dl>")
    else:
        legend.append(f"<p>{escape(t('report.summary.no_flags', lang))}</p>")
    legend.append("</section>")
    sources = [f"<section><h2>{escape(t('report.heading.sources', lang))}</h2>",
               f"<p>{escape(t('report.html.sources_text', lang))}</p><ul>"]
    for name in POLICY_NAMES:
        entry = policy(f"analytics.{name}")
        badges = ", ".join(badge_label(b, lang) for b in entry.provenance.badges)
        cited = "".join(f"<li>{escape(plain_text(source(s), lang))}</li>" for s in entry.sources)
        sources.append(f"<li><code>{escape(name)}</code> = {escape(entry.value)} "
                       f"({escape(badges)})" + (f"<ul>{cited}</ul>" if cited else "") + "</li>")
    sources.append("</ul></section>")
    title = t("report.html.title", lang, quizzes=quizzes)
    generated = t("report.html.generated", lang, files=results.sources)
    return "".join([
        "<!DOCTYPE html>\n",
        f'<html lang="{escape(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body><main>",
        f"<h1>{escape(t('report.heading.report', lang))}</h1>",
        f'<p class="meta">{escape(generated)}</p>',
        *body, *legend, *sources,
        "</main></body></html>\n",
    ])
