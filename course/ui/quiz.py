"""The quiz widget: every question type, self-check or workshop mode, resume,
reset and release.

Each callback reads widget values, calls one function of the pure
``QuizSession`` (answer / release / reset), shows what it returned, and
keeps it in ``.result``. Bank text is always escaped or shown as plain text.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import ipywidgets as widgets

from course.i18n import UnknownLanguageError, get_language, resolve_language, t
from course.progress.delivery import sender_for
from course.progress.learning import closing_questions, final_questions, learner_of
from course.progress.outbox import DeliveryStatus
from course.progress.session import QuizSession, ReleaseOutcome, Submission
from course.progress.store import ProgressStore
from course.quiz.bank import BankError, load_bank
from course.quiz.grading import Grade
from course.quiz.model import Bank
from course.quiz.results_io import MODES
from course.ui import lean
from course.ui.base import STYLE
from course.ui.display import ShowsWidget
from course.ui.quiz_html import feedback_html, status_block
from course.ui.quiz_views import VIEWS, QuestionView
from course.ui.text import escape

StoreChoice = ProgressStore | None | Literal["default"] | str | Path
DRAWS = ("all", "closing", "final")


def _mode(mode: str | None) -> str:
    """An explicit mode, else ``COURSE_QUIZ_MODE`` (how a workshop starts JupyterLab)."""
    chosen = mode if mode is not None else os.environ.get("COURSE_QUIZ_MODE", "self_check")
    return chosen if chosen in MODES else "self_check"


def _score(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


class Quiz(ShowsWidget):
    """A quiz over a bank (or some of its questions) in one mode.

    ``part=N`` picks the bank's N-th quick check (its ``self_checks``), so a
    notebook cell names no question id; ``questions`` lists ids explicitly.

    ``store="default"`` records into the learner's progress file;
    ``store=None`` records nothing (the notebooks' automatic checks use it);
    a ``ProgressStore`` records there. ``mode`` is ``"self_check"`` or
    ``"workshop"``; None reads ``COURSE_QUIZ_MODE`` (default self-check).

    Without ``questions`` or ``part``, ``draw`` says which questions: ``"all"``
    (every question), ``"closing"`` (the closing quiz drawn for this learner) or
    ``"final"`` (the final assessment: the closing draw without anything the
    learner answered elsewhere).
    ``homes``/``resume``/``reset`` serve the spaced review (see QuizSession).
    """

    def __init__(self, bank: str | Bank, lang: str | None = None,
                 questions: list[str] | None = None, *, part: int | None = None,
                 mode: str | None = None, store: StoreChoice = "default",
                 learner: str | None = None, shuffle: bool = True, draw: str = "all",
                 homes: Mapping[str, str] | None = None, resume: bool = True,
                 reset: bool = True):
        notices = []
        try:
            self.lang = resolve_language(lang)
        except UnknownLanguageError:
            self.lang = get_language()
            notices.append(t("common.language.unknown", self.lang, given=str(lang)[:40]))
        if isinstance(questions, str):
            questions = [questions]
        self.result: Submission | ReleaseOutcome | int | None = None
        self.views: list[QuestionView] = []
        self.summary = lean.HTML()
        self.delivery = lean.HTML()
        self.sender = None
        self.notice = lean.HTML()
        self.problem: str | None = None
        try:
            self.bank = bank if isinstance(bank, Bank) else load_bank(bank)
        except BankError as exc:
            self.problem = str(exc)
            self.widget = lean.VBox([lean.HTML(status_block(
                escape(t("quiz.bank_error", self.lang, error=str(exc)[:300])), "notice"))])
            self.widget.add_class("course-selfcheck")
            return
        if part is not None and questions is None:
            listed = self.bank.part(part)
            if listed is None:
                notices.append(t("quiz.unknown_part", self.lang, part=str(part)[:20],
                                 count=len(self.bank.self_checks)))
            questions = list(listed or ())
        if isinstance(store, (str, Path)) and store != "default":
            store = ProgressStore(Path(store))
        chosen_store = ProgressStore.default() if store == "default" else store
        if chosen_store is not None and not isinstance(chosen_store, ProgressStore):
            chosen_store = None  # not a store: record nothing rather than fail
        who = learner_of(chosen_store, learner)
        if questions is None and draw == "closing":
            questions = list(closing_questions(self.bank, who))
        elif questions is None and draw == "final":
            rows = chosen_store.rows(who) if chosen_store is not None else []
            questions = list(final_questions(self.bank, rows, who).questions)
        self.session = QuizSession(self.bank, mode=_mode(mode), store=chosen_store,
                                   learner=who, questions=questions, shuffle=shuffle,
                                   homes=homes, resume=resume)
        if chosen_store is not None and chosen_store.notice is not None:
            notices.append(chosen_store.notice.text[self.lang])
        unknown = [q for q in (questions or []) if self.bank.find(q) is None]
        if unknown:
            notices.append(t("quiz.unknown_questions", self.lang, ids=", ".join(unknown)[:200]))
        if notices:
            self.notice.value = status_block("".join(f"<p>{escape(n)}</p>" for n in notices),
                                             "notice")
        for number, question in enumerate(self.session.question_list(), 1):
            view_class = VIEWS[question.type]
            self.views.append(view_class(
                question, number, self.session.arrangement.order(question.id),
                lang=self.lang, on_check=self.submit,
                workshop=self.session.mode == "workshop"))
        self._resume()
        parts: list[widgets.Widget] = [
            STYLE,  # the course's own stylesheet (radio answers that wrap)
            lean.HTML(f"<h3>{escape(self.bank.title[self.lang])}</h3>"
                      f"<p>{escape(t(f'quiz.mode.{self.session.mode}', self.lang))}</p>"),
            self.notice, *(v.widget for v in self.views), self.summary]
        if self.session.mode == "workshop":
            self.sender = sender_for(chosen_store)
            if self.sender is None:
                parts.append(self._release_controls())
            else:  # on the hub: answers go to the instructor, who releases from the dashboard
                parts.append(self.delivery)
                self.sender.subscribe(self._on_delivery)
                if not self.session.released:
                    self.sender.watch_release(self.bank.id, self._on_released_by_instructor)
        if reset:
            parts.append(self._reset_controls())
        self.widget = lean.VBox(parts, layout=lean.layout(max_width="52rem"))
        self.widget.add_class("course-selfcheck")
        self.widget.add_class("course-quiz")
        self._show_summary()

    # ------------------------------------------------------------ building
    def _release_controls(self) -> widgets.Widget:
        lang = self.lang
        self.release_code = lean.Text(description=t("quiz.release.label", lang),
                                      placeholder=t("quiz.release.placeholder", lang),
                                      style={"description_width": "initial"})
        self.release_button = lean.Button(description=t("quiz.release.button", lang),
                                          tooltip=t("quiz.release.tooltip", lang),
                                          icon="unlock")
        self.release_status = lean.HTML()
        self.release_button.on_click(self._on_release)
        return lean.VBox([lean.HBox([self.release_code, self.release_button]),
                          self.release_status])

    def _reset_controls(self) -> widgets.Widget:
        lang = self.lang
        self.reset_button = lean.Button(description=t("quiz.reset.button", lang),
                                        tooltip=t("quiz.reset.tooltip", lang))
        self.reset_confirm = lean.Button(description=t("quiz.reset.confirm", lang),
                                         button_style="danger", icon="trash")
        self.reset_cancel = lean.Button(description=t("quiz.reset.cancel", lang))
        self.reset_status = lean.HTML()
        self.reset_question = lean.HBox([self.reset_confirm, self.reset_cancel],
                                        layout=widgets.Layout(display="none"))
        self.reset_button.on_click(self._on_reset_asked)
        self.reset_confirm.on_click(self._on_reset_confirmed)
        self.reset_cancel.on_click(self._on_reset_cancelled)
        return lean.VBox([self.reset_button, self.reset_status, self.reset_question])

    def _resume(self) -> None:
        for view in self.views:
            state = self.session.states[view.question.id]
            if state.latest is not None and state.latest.answered:
                view.value = state.latest.answer
                shown = Submission(state.latest, self.session.mode, True, state.attempts,
                                   self.session.revealed)
                view.feedback.value = feedback_html(view.question, shown, self.lang)
            if self.session.mode == "workshop" and self.session.released:
                view.check.disabled = True

    # ------------------------------------------------------------ callbacks
    def submit(self, view: QuestionView) -> Submission:
        """The Check/Submit callback: read the controls, answer, show."""
        result = self.session.answer(view.question.id, view.value)
        self.result = result
        if self.sender is not None and result.saved:
            self.sender.notify()
        view.feedback.value = feedback_html(view.question, result, self.lang)
        self._show_summary()
        return result

    def _on_release(self, _button: widgets.Button) -> None:
        outcome = self.session.release(self.release_code.value)
        self.result = outcome
        key = "quiz.release.ok" if outcome.ok and outcome.problem is None else None
        text = t(key, self.lang) if key else (outcome.problem.text[self.lang]
                                              if outcome.problem else "")
        self.release_status.value = status_block(f"<p>{escape(text)}</p>",
                                                 "correct" if outcome.ok else "notice")
        if outcome.ok:
            self.release_code.value = ""
            self._resume()
            self._show_summary()

    def _on_delivery(self, status: DeliveryStatus) -> None:
        """The sender's thread reports: show whether the answers reached the instructor."""
        text = status.text(self.lang)
        self.delivery.value = status_block(f"<p>{escape(text)}</p>", status.kind) if text else ""

    def _on_released_by_instructor(self) -> None:
        self.result = self.session.release_by_instructor()
        self.release_status_text = t("hub.delivery.released", self.lang)
        self.notice.value = status_block(f"<p>{escape(self.release_status_text)}</p>",
                                         "correct")
        self._resume()
        self._show_summary()

    def _on_reset_asked(self, _button: widgets.Button) -> None:
        count = self.session.stored_count()
        if not count:
            self.reset_status.value = status_block(
                f"<p>{escape(t('quiz.reset.nothing', self.lang))}</p>", "info")
            return
        self.reset_status.value = status_block(
            f"<p>{escape(t('quiz.reset.confirm_text', self.lang, count=count))}</p>", "notice")
        self.reset_question.layout.display = "flex"

    def _on_reset_confirmed(self, _button: widgets.Button) -> None:
        erased = self.session.reset()
        self.result = erased
        for view in self.views:
            view.clear()
            view.check.disabled = False
        self.reset_question.layout.display = "none"
        self.reset_status.value = status_block(
            f"<p>{escape(t('quiz.reset.done', self.lang, count=erased))}</p>", "info")
        self._resume()
        self._show_summary()

    def _on_reset_cancelled(self, _button: widgets.Button) -> None:
        self.reset_question.layout.display = "none"
        self.reset_status.value = status_block(
            f"<p>{escape(t('quiz.reset.cancelled', self.lang))}</p>", "info")

    # ------------------------------------------------------------ showing
    def _show_summary(self) -> None:
        s = self.session.summary()
        lang = self.lang
        if not s.revealed:
            text = t("quiz.summary_workshop", lang, answered=s.answered, total=s.total)
            self.summary.value = status_block(f"<p>{escape(text)}</p>", "info")
            return
        lines = [t("quiz.summary", lang, correct=s.correct, total=s.total),
                 t("quiz.summary_scores", lang, current=_score(s.current_score),
                   first=_score(s.first_score), total=s.total)]
        if self.session.mode == "workshop":
            lines.append(t("quiz.summary_released", lang, first=_score(s.first_score),
                           total=s.total))
        self.summary.value = status_block(" ".join(f"<span>{escape(x)}</span>" for x in lines),
                                          "info")

    # ------------------------------------------------------------ driving
    @property
    def grades(self) -> dict[str, Grade]:
        """The latest grade of every answered question (what the summary counts)."""
        return {qid: s.latest for qid, s in self.session.states.items()
                if s.latest is not None and s.latest.answered}

    def view(self, question_id: str) -> QuestionView:
        """Return the controls of one question (tests and notebooks drive them)."""
        for v in self.views:
            if v.question.id == question_id:
                return v
        raise KeyError(question_id)

    def answer(self, question_id: str, value: Any) -> Submission:
        """Set the controls to ``value`` and press Check, as a learner would."""
        view = self.view(question_id)
        view.value = value
        view.check.click()
        assert isinstance(self.result, Submission)
        return self.result

    def release(self, code: str) -> ReleaseOutcome:
        """Type a release code and press the button (workshop mode)."""
        self.release_code.value = code
        self.release_button.click()
        assert isinstance(self.result, ReleaseOutcome)
        return self.result

    def reset(self) -> int:
        """Press "erase my answers", then confirm."""
        self.reset_button.click()
        self.reset_confirm.click()
        return self.result if isinstance(self.result, int) else 0
