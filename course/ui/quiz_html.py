"""HTML for the quiz widget's feedback. Every bank and catalog text goes through
``escape``: a bank holding ``<script>`` or markup shows it as plain text."""

from __future__ import annotations

from course.i18n import t
from course.progress.session import Submission
from course.quiz.model import Question
from course.ui.sources_view import sources_details_html
from course.ui.text import escape


def status_block(inner_html: str, kind: str) -> str:
    """A live region (role=status) around already-escaped HTML; ``kind`` is only a
    CSS class, the meaning is always in words and symbols."""
    return (f'<div class="course-status course-status-{escape(kind)}" role="status" '
            f'aria-live="polite">{inner_html}</div>')


def _score(score: float) -> str:
    return f"{score:.2f}".rstrip("0").rstrip(".")


def _source(question: Question, lang: str) -> str:
    """The sources the answer rests on, folded away; nothing for the course's own teaching."""
    if not question.sources:
        return ""
    return sources_details_html(question.sources, lang, t("quiz.source", lang))


def feedback_html(question: Question, result: Submission, lang: str) -> str:
    """What the learner reads under a question after pressing Check (or Submit)."""
    grade = result.grade
    saved_note = ""
    if result.problem is not None and result.answered and result.problem.code != "locked":
        saved_note = (f"<p>{escape(t('quiz.not_saved', lang, why=result.problem.text[lang]))}"
                      "</p>")
    if result.problem is not None and result.problem.code == "locked":
        return status_block(f"<p>{escape(t('quiz.locked', lang))}</p>", "notice")
    if not result.answered:
        if result.problem is None or result.problem.code == "no_answer":
            text = t("quiz.not_answered", lang)
        else:
            text = "? " + result.problem.text[lang]
        return status_block(f"<p>{escape(text)}</p>", "notice")
    if not result.revealed:
        return status_block(f"<p>{escape(t('quiz.recorded', lang))}</p>{saved_note}",
                            "recorded")
    verdict = {"correct": "quiz.correct", "partial": "quiz.partial",
               "incorrect": "quiz.incorrect"}[grade.verdict]
    head = escape(t(verdict, lang))
    if grade.verdict == "partial":
        head += escape(t('quiz.score_line', lang, score=_score(grade.score)))
    body = f"<p><strong>{head}</strong>"
    if grade.feedback:
        body += f": {escape(grade.feedback[lang])}"
    body += "</p>"
    if grade.parts:
        items = "".join(
            "<li>" + escape(t("quiz.part_ok" if part.ok else "quiz.part_wrong", lang,
                              label=part.label[lang], text=part.text[lang])) + "</li>"
            for part in grade.parts)
        body += f"<ul>{items}</ul>"
    body += saved_note
    explanation = (f"<p><em>{escape(t('quiz.explanation', lang))}:</em> "
                   f"{escape(grade.explanation[lang])}</p>")
    return status_block(body, grade.verdict) + explanation + _source(question, lang)
