"""The spaced review that opens a lesson: 2-4 questions from earlier lessons.

``Review("04_errors_and_accounts_per_number")`` reads the learner's progress
store, asks ``course.progress.learning.review_draw`` which questions to ask
(wrong ones first, then those answered longest ago), and shows them as a
self-check quiz that starts empty (the old answer is not filled in) and
records each answer under the lesson the question belongs to. ``.result`` is
the ``ReviewDraw``; ``.quiz`` is the quiz widget (None when there is nothing
to review yet).
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from course.i18n import both
from course.progress.learning import learner_of, review_draw
from course.progress.overview import course_map
from course.progress.store import ProgressStore
from course.quiz.bank import BankError, load_bank
from course.quiz.model import Bank, Question
from course.quiz.review import ReviewDraw, ReviewItem
from course.ui import lean
from course.ui.base import Simulator, heading
from course.ui.quiz import Quiz, StoreChoice
from course.ui.text import escape, status_html


def _review_bank(lesson: str, draw: ReviewDraw) -> tuple[Bank, dict[str, str]]:
    """A bank of the drawn questions (each from its own bank) and their homes."""
    questions: list[Question] = []
    homes: dict[str, str] = {}
    for item in draw.items:
        try:
            questions.append(load_bank(item.bank).question(item.question))
        except (BankError, KeyError):
            continue  # a bank edited since the answer was stored: skip the question
        homes[item.question] = item.bank
    objectives = tuple(dict.fromkeys(q.objective for q in questions))
    bank = Bank(id=f"review_{lesson}"[:64], title=both("ui_learning.review.quiz_title"),
                questions=tuple(questions), objectives=objectives)
    return bank, homes


class Review(Simulator):
    """A short review of earlier lessons at the start of ``lesson``."""

    def __init__(self, lesson: str, lang: str | None = None, *,
                 store: StoreChoice = "default", learner: str | None = None):
        super().__init__(lang)
        if isinstance(store, (str, Path)) and store != "default":
            store = ProgressStore(Path(store))
        chosen = ProgressStore.default() if store == "default" else store
        self.store = chosen if isinstance(chosen, ProgressStore) else None
        who = learner_of(self.store, learner)
        rows = self.store.rows(who) if self.store is not None else []
        self.result: ReviewDraw = review_draw(str(lesson), rows, who)
        self.quiz: Quiz | None = None
        parts: list[widgets.Widget] = [
            heading(self.t("ui_learning.review.title")),
            lean.HTML(f"<p>{escape(self.t('ui_learning.review.intro'))}</p>")]
        bank, homes = _review_bank(str(lesson), self.result)
        if not bank.questions:
            parts.append(lean.HTML(status_html(self.t("ui_learning.review.nothing"))))
        else:
            self.quiz = Quiz(bank, self.lang, mode="self_check",
                             store=self.store, learner=who, homes=homes, resume=False,
                             reset=False)
            for view in self.quiz.views:
                item = next(i for i in self.result.items if i.question == view.question.id)
                reason = lean.HTML(f"<p><em>{escape(self._reason(item))}</em></p>")
                view.widget.children = (reason, *view.widget.children)
            parts.append(self.quiz.widget)
        self.widget = self.frame(*parts, css_class="course-review")

    def _reason(self, item: ReviewItem) -> str:
        titles = {entry.stem: entry.title[self.lang] for entry in course_map()}
        return self.t(f"ui_learning.review.reason.{item.reason}", stem=item.bank,
                      title=titles.get(item.bank, item.bank))

    @property
    def questions(self) -> tuple[str, ...]:
        """The ids of the questions shown, in order."""
        return tuple(v.question.id for v in self.quiz.views) if self.quiz else ()

    def answer(self, question_id: str, value: object):
        """Answer one review question as a learner would (tests and check cells)."""
        if self.quiz is None:
            raise KeyError(question_id)
        return self.quiz.answer(question_id, value)


__all__ = ["Review"]
