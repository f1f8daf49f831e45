"""Plain data for question banks: every text exists in Japanese and English."""

from __future__ import annotations

from dataclasses import dataclass, field

Text = dict[str, str]  # language code -> text


@dataclass(frozen=True)
class Option:
    """One answer a learner can pick, with the feedback it earns."""

    id: str
    text: Text
    correct: bool
    feedback: Text


@dataclass(frozen=True)
class Question:
    """A question of one type, tied to a learning objective."""

    id: str
    type: str
    objective: str
    text: Text
    options: tuple[Option, ...]
    explanation: Text
    hint: Text | None = None
    source: str | None = None

    def option(self, option_id: str) -> Option | None:
        """Return the option with this id, or None."""
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True)
class Bank:
    """The questions of one notebook (or of the final assessment)."""

    id: str
    title: Text
    questions: tuple[Question, ...]
    objectives: tuple[str, ...] = field(default=())

    def question(self, question_id: str) -> Question:
        """Return the question with this id (KeyError if absent)."""
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)
