"""A self-check quiz widget: pick an answer, press Check, read the feedback."""

from __future__ import annotations

import ipywidgets as widgets

from course.i18n import resolve_language, t
from course.quiz import Bank, Grade, Question, grade, load_bank
from course.ui.text import escape, status_html


class _QuestionView:
    """The controls of one question; grading goes through ``course.quiz.grade``."""

    def __init__(self, owner: SelfCheck, question: Question, number: int):
        lang = owner.lang
        self.owner, self.question = owner, question
        self.prompt = widgets.HTML(
            f"<p><strong>{escape(t('quiz.question_label', lang, number=number))}</strong> "
            f"{escape(question.text[lang])}</p>"
        )
        self.choice = widgets.RadioButtons(
            options=[(o.text[lang], o.id) for o in question.options],
            value=None,
            description=t("quiz.answer_label", lang, number=number),
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
        )
        self.check = widgets.Button(
            description=t("quiz.check", lang), tooltip=t("quiz.check_tooltip", lang),
            icon="check",
        )
        self.feedback = widgets.HTML()
        self.check.on_click(self._on_check)
        self.widget = widgets.VBox([self.prompt, self.choice, self.check, self.feedback])

    def _on_check(self, _button: widgets.Button) -> None:
        self.owner.record(grade(self.question, self.choice.value), self)


class SelfCheck:
    """Self-check mode: immediate feedback, as many retries as the learner wants."""

    def __init__(
        self, bank: str | Bank, lang: str | None = None, questions: list[str] | None = None,
    ):
        """Show every question of ``bank``, or only those listed in ``questions``."""
        self.lang = resolve_language(lang)
        self.bank = load_bank(bank) if isinstance(bank, str) else bank
        self.result: Grade | None = None
        self.grades: dict[str, Grade] = {}
        chosen = [self.bank.question(qid) for qid in questions] if questions else list(
            self.bank.questions
        )
        self.views = [_QuestionView(self, q, i) for i, q in enumerate(chosen, 1)]
        self.summary = widgets.HTML()
        title = widgets.HTML(f"<h3>{escape(self.bank.title[self.lang])}</h3>")
        self.widget = widgets.VBox(
            [title, *(v.widget for v in self.views), self.summary],
            layout=widgets.Layout(max_width="52rem"),
        )
        self.widget.add_class("course-selfcheck")

    def view(self, question_id: str) -> _QuestionView:
        """Return the controls of one question (tests and notebooks drive them)."""
        return next(v for v in self.views if v.question.id == question_id)

    def answer(self, question_id: str, option_id: str | None) -> Grade:
        """Choose an option and press Check, as a learner would."""
        view = self.view(question_id)
        view.choice.value = option_id
        view.check.click()
        assert self.result is not None
        return self.result

    def record(self, result: Grade, view: _QuestionView) -> None:
        """Show a grade under its question and update the running summary."""
        self.result = result
        lang = self.lang
        if not result.answered:
            view.feedback.value = status_html(t("quiz.not_answered", lang), kind="notice")
            return
        self.grades[result.question_id] = result
        verdict = t("quiz.correct" if result.correct else "quiz.incorrect", lang)
        kind = "correct" if result.correct else "incorrect"
        assert result.feedback is not None
        view.feedback.value = (
            status_html(f"{verdict}: {result.feedback[lang]}", kind=kind)
            + f"<p><em>{escape(t('quiz.explanation', lang))}:</em> "
            f"{escape(result.explanation[lang])}</p>"
        )
        correct = sum(g.correct for g in self.grades.values())
        self.summary.value = status_html(
            t("quiz.summary", lang, correct=correct, total=len(self.views))
        )
