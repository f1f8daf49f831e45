"""Grading: a pure function of a question and an answer, nothing else."""

from __future__ import annotations

from dataclasses import dataclass

from course.quiz.model import Question, Text


@dataclass(frozen=True)
class Grade:
    """The outcome of one answer: score from 0 to 1 and what to tell the learner."""

    question_id: str
    answer: str | None
    score: float
    feedback: Text | None  # None when no option was chosen
    explanation: Text

    @property
    def correct(self) -> bool:
        """Full marks."""
        return self.score >= 1.0

    @property
    def answered(self) -> bool:
        """Whether the learner chose anything."""
        return self.feedback is not None


def grade(question: Question, answer: object) -> Grade:
    """Grade a single-choice or true/false answer given as an option id.

    An answer that is not one of the options (None, a typo, a number) scores 0
    and is reported as "not answered" rather than raising.
    """
    option = question.option(answer) if isinstance(answer, str) else None
    if option is None:
        return Grade(question.id, None, 0.0, None, question.explanation)
    return Grade(
        question.id, option.id, 1.0 if option.correct else 0.0, option.feedback,
        question.explanation,
    )
