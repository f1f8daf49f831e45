"""One learner working through one bank in one mode: the pure core of the quiz widget.

``QuizSession`` grades with ``course.quiz.grade`` and records with a
``ProgressStore`` (or keeps everything in memory when ``store`` is None, as
the notebooks' automatic check cells do). It knows the two modes:

- ``self_check``: the result is shown at once; retries are new attempts, and
  attempt 1 stays in the record for statistics.
- ``workshop``: answers are recorded (changes before the release are new
  attempts) but ``revealed`` stays False until the instructor's release code
  is entered; after the release the answers are locked.

Rebuilding a session from the same store resumes: the last answer to each
question is re-graded and shown again (``resume=False`` starts empty, as the
spaced review does: it asks again, it does not show the old answer).

Every answer is recorded under the bank the question belongs to: a session
over questions from several banks (the review) passes ``homes``, question id
-> bank id, so the attempt numbers, the item analysis and the instructor's
regrading see each question in its own bank.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from course.progress.store import ProgressStore
from course.quiz.grading import Grade, grade
from course.quiz.model import Bank, Question, Text
from course.quiz.problems import Problem, problem
from course.quiz.release import check_release_code
from course.quiz.results_io import MODES
from course.quiz.shuffle import Arrangement, arrange

ANONYMOUS = "learner-anonymous"


@dataclass(frozen=True)
class Submission:
    """What one press of Check (or Submit) produced."""

    grade: Grade
    mode: str
    saved: bool
    attempt: int | None
    revealed: bool  # may the learner see whether it is right?
    problem: Problem | None = None  # why it was not saved, if it was not

    @property
    def question_id(self) -> str:
        return self.grade.question_id

    @property
    def score(self) -> float:
        return self.grade.score

    @property
    def correct(self) -> bool:
        return self.grade.correct

    @property
    def answered(self) -> bool:
        return self.grade.answered

    @property
    def feedback(self) -> Text | None:
        return self.grade.feedback

    @property
    def verdict(self) -> str:
        return self.grade.verdict


@dataclass
class QuestionState:
    """A question's record in this session: attempts, first score, last grade."""

    attempts: int = 0
    first_score: float | None = None
    latest: Grade | None = None


@dataclass(frozen=True)
class Summary:
    """Totals for the summary line and ``python -m course progress``."""

    total: int
    answered: int
    correct: int
    current_score: float
    first_score: float
    revealed: bool


@dataclass(frozen=True)
class ReleaseOutcome:
    ok: bool
    problem: Problem | None = None


@dataclass
class QuizSession:
    """Grade, record, resume, release and reset for one bank (or a subset of it)."""

    bank: Bank
    mode: str = "self_check"
    store: ProgressStore | None = None
    learner: str | None = None
    questions: Sequence[str] | None = None
    shuffle: bool = True
    homes: Mapping[str, str] | None = None
    resume: bool = True
    arrangement: Arrangement = field(init=False)
    states: dict[str, QuestionState] = field(init=False)
    _released: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            self.mode = "self_check"
        if self.learner is None:
            self.learner = self.store.learner() if self.store else ANONYMOUS
        wanted = None
        if self.questions is not None:
            wanted = [q for q in self.questions if self.bank.find(q) is not None]
        self.arrangement = arrange(self.bank, self.learner, wanted, self.shuffle)
        self.states = {qid: QuestionState() for qid in self.arrangement.questions}
        self._released = bool(self.store and self.mode == "workshop"
                              and self.store.released(self.bank.id, self.learner))
        self._resume()

    # ---------------------------------------------------------------- reading
    def question_list(self) -> list[Question]:
        """The questions in the order this learner sees them."""
        return [self.bank.question(qid) for qid in self.arrangement.questions]

    @property
    def released(self) -> bool:
        return self._released

    @property
    def revealed(self) -> bool:
        """Whether results may be shown: always in self-check, after release in a workshop."""
        return self.mode == "self_check" or self._released

    def home(self, question_id: str) -> str:
        """The bank a question's answers are recorded under."""
        return (self.homes or {}).get(question_id, self.bank.id)

    def _stored_rows(self) -> list:
        if self.store is None:
            return []
        rows = []
        for quiz in dict.fromkeys(self.home(q) for q in self.states):
            rows += [r for r in self.store.rows(self.learner, quiz, self.mode)
                     if r.question in self.states and self.home(r.question) == quiz]
        return rows

    def _resume(self) -> None:
        if self.store is None or not self.resume:
            return
        for row in self._stored_rows():
            state = self.states.get(row.question)
            question = self.bank.find(row.question)
            if state is None or question is None:
                continue
            state.attempts = max(state.attempts, row.attempt)
            if row.attempt == 1:
                state.first_score = row.score
            try:
                state.latest = grade(question, json.loads(row.answer))
            except (ValueError, RecursionError):
                continue

    def summary(self) -> Summary:
        latest = [s.latest for s in self.states.values() if s.latest and s.latest.answered]
        return Summary(
            total=len(self.states), answered=len(latest),
            correct=sum(g.correct for g in latest),
            current_score=round(sum(g.score for g in latest), 6),
            first_score=round(sum(s.first_score or 0.0 for s in self.states.values()), 6),
            revealed=self.revealed,
        )

    def stored_count(self) -> int:
        """How many stored answers a reset of this session would erase."""
        if self.store is None or not self.resume:
            return sum(s.attempts for s in self.states.values())
        return len(self._stored_rows())

    # ---------------------------------------------------------------- acting
    def answer(self, question_id: str, value: object) -> Submission:
        """Grade an answer, record it, and say whether its result may be shown."""
        question = self.bank.find(question_id) if question_id in self.states else None
        if question is None:
            empty = Grade(str(question_id)[:64], None, 0.0, None, {"ja": "", "en": ""},
                          problem=problem("quiz.problem.unknown_option"))
            return Submission(empty, self.mode, False, None, self.revealed, empty.problem)
        result = grade(question, value)
        if self.mode == "workshop" and self._released:
            return Submission(result, self.mode, False, None, True, problem("quiz.locked"))
        if not result.answered:
            return Submission(result, self.mode, False, None, self.revealed, result.problem)
        state = self.states[question_id]
        state.latest = result
        saved, attempt, why = False, None, None
        if self.store is not None:
            record = self.store.record(
                quiz=self.home(question.id), question=question.id, objective=question.objective,
                type=question.type, answer=result.answer, score=result.score, mode=self.mode,
                learner=self.learner)
            saved, why = record.saved, record.problem
            attempt = record.attempt
        else:
            attempt = state.attempts + 1
        if attempt is not None:
            state.attempts = attempt
            if attempt == 1:
                state.first_score = result.score
        return Submission(result, self.mode, saved, attempt, self.revealed, why)

    def release(self, code: object) -> ReleaseOutcome:
        """Check the instructor's release code; on success results may be shown."""
        if self.mode != "workshop":
            return ReleaseOutcome(True, problem("quiz.release.not_workshop"))
        if not self.bank.release_hashes:
            return ReleaseOutcome(False, problem("quiz.release.no_hash"))
        if not check_release_code(code, self.bank.release_hashes):
            return ReleaseOutcome(False, problem("quiz.release.wrong"))
        self._released = True
        if self.store is not None:
            self.store.mark_released(self.bank.id, self.learner)
        return ReleaseOutcome(True)

    def release_by_instructor(self) -> ReleaseOutcome:
        """The instructor released this quiz from the hub's dashboard (no code to type)."""
        if self.mode != "workshop":
            return ReleaseOutcome(True, problem("quiz.release.not_workshop"))
        self._released = True
        if self.store is not None:
            self.store.mark_released(self.bank.id, self.learner)
        return ReleaseOutcome(True)

    def reset(self) -> int:
        """Erase this session's recorded answers (the widget asks first).

        A session that does not resume (the review) only clears what it shows:
        the answers stay in the lessons they belong to.
        """
        if self.store is not None and self.resume:
            erased = 0
            for quiz in dict.fromkeys(self.home(q) for q in self.states):
                erased += self.store.reset(quiz, self.learner, self.mode,
                                           [q for q in self.states if self.home(q) == quiz])
        elif self.store is not None:
            erased = 0  # nothing leaves the store
        else:
            erased = sum(s.attempts for s in self.states.values())
        self.states = {qid: QuestionState() for qid in self.states}
        return erased
