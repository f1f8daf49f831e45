"""A self-check quiz widget: pick an answer, press Check, read the feedback.

``SelfCheck`` is ``course.ui.quiz.Quiz`` fixed to self-check mode: immediate
feedback, retries as new attempts, answers recorded in the learner's progress
file unless ``store=None`` (what the notebooks' automatic check cells pass).
"""

from __future__ import annotations

from course.progress.store import ProgressStore
from course.quiz.model import Bank
from course.ui.quiz import Quiz, StoreChoice


class SelfCheck(Quiz):
    """Self-check mode: immediate feedback, as many retries as the learner wants."""

    def __init__(self, bank: str | Bank, lang: str | None = None,
                 questions: list[str] | None = None, *, part: int | None = None,
                 store: StoreChoice = "default", learner: str | None = None,
                 shuffle: bool = True):
        """Show every question of ``bank``, the bank's quick check ``part`` (1, 2, ...),
        or only the questions listed in ``questions``."""
        super().__init__(bank, lang, questions, part=part, mode="self_check", store=store,
                         learner=learner, shuffle=shuffle)


__all__ = ["ProgressStore", "SelfCheck"]
