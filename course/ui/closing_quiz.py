"""The closing quiz of a notebook and the final assessment.

Both are ``Quiz`` over a draw instead of the whole bank: the closing quiz asks
questions no inline check showed (``course.quiz.pools``), drawn for this
learner; the final assessment also leaves out anything the learner answered
elsewhere, read from the progress store (``course.progress.learning``).
"""

from __future__ import annotations

from course.quiz.model import Bank
from course.ui.quiz import Quiz, StoreChoice


class ClosingQuiz(Quiz):
    """The notebook's closing quiz: new questions per objective, drawn for this learner."""

    def __init__(self, bank: str | Bank, lang: str | None = None, *, mode: str | None = None,
                 store: StoreChoice = "default", learner: str | None = None,
                 shuffle: bool = True):
        super().__init__(bank, lang, mode=mode, store=store, learner=learner, shuffle=shuffle,
                         draw="closing")


class FinalAssessment(Quiz):
    """The final assessment: one draw per objective of questions the learner has not seen."""

    def __init__(self, bank: str | Bank, lang: str | None = None, *, mode: str | None = None,
                 store: StoreChoice = "default", learner: str | None = None,
                 shuffle: bool = True):
        super().__init__(bank, lang, mode=mode, store=store, learner=learner, shuffle=shuffle,
                         draw="final")


__all__ = ["ClosingQuiz", "FinalAssessment"]
