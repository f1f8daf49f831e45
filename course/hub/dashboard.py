"""The instructors' live class dashboard: a pure view of the service's rows, as HTML.

``class_view`` turns stored rows into what an instructor watches while the
class works: who started and finished each lesson, how answers spread over
each question's options, the item analysis (``course.workshop.graded`` and
``course.quiz.analytics``, the same path as ``python -m course report``),
answers that were re-graded or not valid, and which lessons are released.
``live_html`` renders it. Every text a learner could have typed (names,
answers) is escaped; the page holds no inline script or style, so the
service's Content-Security-Policy can forbid both.
"""

from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from course.i18n import catalog, t
from course.quiz.results_io import MergedResults, ResultRow, safe_display
from course.workshop.banks import BankView, is_key
from course.workshop.graded import ClassResults, grade_class

TOP_TYPED = 5  # typed answers shown per question
INVALID_SHOWN = 50
CHOICE = frozenset({"single_choice", "multiple_choice", "true_false"})


@dataclass(frozen=True)
class ClassView:
    """Everything the dashboard shows, computed once per change of the data."""

    learners: tuple[str, ...]
    lessons: tuple[str, ...]  # quiz ids, in course order
    answered: Mapping[tuple[str, str], int]  # (learner, quiz) -> questions answered
    touched: frozenset[tuple[str, str]]  # (learner, quiz) with any row, valid or not
    results: ClassResults
    releases: Mapping[str, str]
    regraded_on_receipt: tuple[ResultRow, ...] = ()
    typed: Mapping[tuple[str, str], tuple[tuple[str, int], ...]] = field(default_factory=dict)
    verdicts: Mapping[tuple[str, str], Mapping[str, int]] = field(default_factory=dict)

    def total(self, quiz: str) -> int:
        return len(self.results.banks.get(quiz, BankView()).order)

    def started(self, quiz: str) -> int:
        return sum(1 for learner in self.learners if (learner, quiz) in self.touched)

    def finished(self, quiz: str) -> int:
        total = self.total(quiz)
        return sum(1 for learner in self.learners
                   if total and self.answered.get((learner, quiz), 0) >= total)


def class_view(rows: Sequence[ResultRow], releases: Mapping[str, str] | None = None,
               regraded_on_receipt: Sequence[ResultRow] = (),
               grade_cache: dict | None = None) -> ClassView:
    """The dashboard's view of stored rows (graded again, as every reader does;
    ``grade_cache`` keeps grades of answers seen in earlier refreshes)."""
    merged = MergedResults(tuple(rows), (), 0, 0, ())
    results = (grade_class(merged, grade_cache=grade_cache) if rows
               else ClassResults("", merged, None, {}))
    graded = results.rows
    answered_sets: dict[tuple[str, str], set[str]] = defaultdict(set)
    typed: dict[tuple[str, str], Counter] = defaultdict(Counter)
    verdicts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for row in graded:
        if row.answer != "null":
            answered_sets[(row.learner, row.quiz)].add(row.question)
        if row.attempt != 1:
            continue
        if row.type not in CHOICE:
            verdicts[(row.quiz, row.question)][_verdict(row)] += 1
            if row.type in ("short_text", "numeric") and row.answer != "null":
                typed[(row.quiz, row.question)][_shown_answer(row.answer)] += 1
    learners = tuple(sorted({row.learner for row in rows}))
    lessons = tuple(sorted(results.banks))
    return ClassView(learners, lessons, {k: len(v) for k, v in answered_sets.items()},
                     frozenset((row.learner, row.quiz) for row in rows), results,
                     dict(releases or {}), tuple(regraded_on_receipt),
                     {k: tuple(c.most_common(TOP_TYPED)) for k, c in typed.items()},
                     {k: dict(c) for k, c in verdicts.items()})


def _verdict(row: ResultRow) -> str:
    if row.answer == "null":
        return "unanswered"
    if row.score >= 1.0:
        return "correct"
    return "partial" if row.score > 0 else "incorrect"


def _shown_answer(answer: str) -> str:
    try:
        value = json.loads(answer)
    except ValueError:
        value = answer
    return safe_display(value if isinstance(value, str) else json.dumps(value,
                                                                        ensure_ascii=False), 60)


# ---------------------------------------------------------------------------
# HTML


def e(text: object) -> str:
    """Escape for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


def _meter(part: int, whole: int) -> str:
    return f'<meter min="0" max="{max(whole, 1)}" value="{part}"></meter>'


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], caption: str) -> str:
    head = "".join(f'<th scope="col">{e(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (f"<table><caption>{e(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")


def _title(view: ClassView, quiz: str, lang: str) -> str:
    title = view.results.banks.get(quiz, BankView()).title.get(lang, "")
    return f"{quiz} {title}".strip()


def _lessons_html(view: ClassView, lang: str, xsrf: str) -> str:
    n = len(view.learners)
    rows = []
    for quiz in view.lessons:
        released = view.releases.get(quiz)
        if released:
            action = e(t("hub.dashboard.released_at", lang, time=released[11:16]))
        else:
            label = t("hub.dashboard.release_button", lang, quiz=quiz)
            action = (f'<form method="post" action="release">{xsrf}'
                      f'<input type="hidden" name="quiz" value="{e(quiz)}">'
                      f'<input type="hidden" name="lang" value="{e(lang)}">'
                      f'<button type="submit">{e(label)}</button></form>')
        started, finished = view.started(quiz), view.finished(quiz)
        rows.append([e(_title(view, quiz, lang)), f"{started} / {n} {_meter(started, n)}",
                     f"{finished} / {n} {_meter(finished, n)}", action])
    headers = [t(f"hub.dashboard.column.{c}", lang)
               for c in ("lesson", "started", "finished", "release")]
    return (f"<section><h2>{e(t('hub.dashboard.heading.lessons', lang))}</h2>"
            + _table(headers, rows, t("hub.dashboard.caption.lessons", lang)) + "</section>")


def _learners_html(view: ClassView, lang: str) -> str:
    headers = [t("hub.dashboard.column.learner", lang), *view.lessons]
    finished = e(t("hub.dashboard.cell.finished", lang))
    not_started = e(t("hub.dashboard.cell.not_started", lang))
    started = catalog(lang)["hub.dashboard.cell.started"]
    totals = {quiz: view.total(quiz) for quiz in view.lessons}
    rows = []
    for learner in view.learners:
        cells = [e(learner)]
        for quiz in view.lessons:
            done, total = view.answered.get((learner, quiz), 0), totals[quiz]
            if total and done >= total:
                cells.append(finished)
            elif (learner, quiz) in view.touched:
                cells.append(e(started.format(done=done, total=total)))
            else:
                cells.append(not_started)
        rows.append(cells)
    return (f"<section><h2>{e(t('hub.dashboard.heading.learners', lang))}</h2>"
            + _table(headers, rows, t("hub.dashboard.caption.learners", lang)) + "</section>")


def _distribution_html(view: ClassView, quiz_id: str, lang: str) -> str:
    results = view.results
    quiz = next((q for q in results.quizzes if q.quiz == quiz_id), None)
    if quiz is None:
        return ""
    bank = results.banks.get(quiz_id, BankView())
    parts = [f"<h3>{e(t('hub.dashboard.heading.answers', lang))}</h3>"]
    for q in quiz.questions:
        text = bank.texts.get(q.question, {}).get(lang, "")
        parts.append(f'<div class="question"><h4>{e(q.question)}</h4><p>{e(text)}</p><ul>')
        if q.options:
            for option in q.options:
                label = bank.option_texts.get(q.question, {}).get(option.option, {}).get(
                    lang, option.option)
                key = (" " + e(t("hub.dashboard.key", lang))
                       if is_key(results.banks, quiz_id, q.question, option.option) else "")
                parts.append(f"<li>{e(label)}{key}: {option.count} "
                             f"{_meter(option.count, q.learners)}</li>")
        else:
            for verdict, count in sorted(view.verdicts.get((quiz_id, q.question), {}).items()):
                parts.append(f"<li>{e(t(f'hub.dashboard.verdict.{verdict}', lang))}: {count} "
                             f"{_meter(count, q.learners)}</li>")
            for answer, count in view.typed.get((quiz_id, q.question), ()):
                parts.append(f"<li>{e(t('hub.dashboard.typed', lang, answer=answer))}: "
                             f"{count}</li>")
        invalid = results.regraded.invalid_count(quiz_id, q.question) if results.regraded \
            else 0
        if invalid:
            parts.append(f"<li>{e(t('report.summary.invalid', lang))}: {invalid}</li>")
        parts.append("</ul></div>")
    return "".join(parts)


def _analysis_html(view: ClassView, lang: str) -> str:
    from course.workshop.class_results import question_rows
    from course.workshop.graded import grading_lines

    out = [f"<section><h2>{e(t('hub.dashboard.heading.analysis', lang))}</h2>"]
    out += [f"<p>{e(line)}</p>" for line in grading_lines(view.results.regraded, lang)]
    if view.regraded_on_receipt:
        names = sorted({row.learner for row in view.regraded_on_receipt})
        text = t("hub.dashboard.regraded_on_receipt", lang, count=len(view.regraded_on_receipt),
                 learners=len(names), names=", ".join(names[:20]))
        out.append(f'<p class="flag">⚠ {e(text)}</p>')
    for quiz in view.results.quizzes:
        out.append(f"<h3>{e(_title(view, quiz.quiz, lang))}</h3>")
        rows = question_rows(quiz, lang, view.results.banks)
        if rows:
            headers = list(rows[0])
            out.append(_table(headers, [[e(r[h]) for h in headers] for r in rows],
                              t("hub.dashboard.caption.analysis", lang)))
        out.append(_distribution_html(view, quiz.quiz, lang))
    if not view.results.quizzes:
        out.append(f"<p>{e(t('hub.dashboard.no_answers', lang))}</p>")
    out.append("</section>")
    return "".join(out)


def _invalid_html(view: ClassView, lang: str) -> str:
    regraded = view.results.regraded
    if regraded is None or not regraded.invalid:
        return ""
    rows = [[e(r.learner), e(r.quiz), e(r.question), f"<code>{e(safe_display(r.answer, 80))}"
             "</code>"] for r in regraded.invalid[:INVALID_SHOWN]]
    headers = [t(f"hub.dashboard.column.{c}", lang)
               for c in ("learner", "lesson", "question", "answer")]
    return (f"<section><h2>{e(t('hub.dashboard.heading.invalid', lang))}</h2>"
            + _table(headers, rows, t("hub.dashboard.caption.invalid", lang)) + "</section>")


def live_html(view: ClassView, lang: str, xsrf: str = "") -> str:
    """The part of the page that refreshes: counts, progress, analysis."""
    summary = t("hub.dashboard.summary", lang, learners=len(view.learners),
                answers=len(view.results.rows), lessons=len(view.lessons))
    return "".join([f"<p>{e(summary)}</p>", _lessons_html(view, lang, xsrf),
                    _learners_html(view, lang), _invalid_html(view, lang),
                    _analysis_html(view, lang)])


def page_html(live: str, lang: str, version: str, prefix: str, xsrf_token: str = "") -> str:
    """The whole page around the live part; the script and style are static files."""
    other = "en" if lang == "ja" else "ja"
    return "".join([
        "<!DOCTYPE html>\n", f'<html lang="{e(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(t('hub.dashboard.title', lang))}</title>",
        f'<link rel="stylesheet" href="{e(prefix)}static/dashboard.css"></head><body>',
        f'<header><h1>{e(t("hub.dashboard.title", lang))}</h1>',
        f'<p><a href="?lang={other}">{e(t("hub.dashboard.other_language", lang))}</a> · ',
        f'<a href="export.csv">{e(t("hub.dashboard.export", lang))}</a></p>',
        f'<p id="status" role="status" aria-live="polite">'
        f'{e(t("hub.dashboard.refreshing", lang))}</p></header>',
        f'<main id="live" data-version="{e(version)}" data-lang="{e(lang)}" '
        f'data-xsrf="{e(xsrf_token)}" '
        f'data-updated="{e(t("hub.dashboard.updated", lang))}" '
        f'data-offline="{e(t("hub.dashboard.offline", lang))}">{live}</main>',
        f'<script src="{e(prefix)}static/dashboard.js" defer></script></body></html>\n',
    ])
