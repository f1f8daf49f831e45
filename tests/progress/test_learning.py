"""Draws that read the progress store: the review, the final assessment, mastery,
and a session over several banks that records each answer in its own bank."""

from __future__ import annotations

import dataclasses

import pytest

from course.progress import ProgressStore, QuizSession
from course.progress.learning import (
    answered_elsewhere,
    final_questions,
    learner_of,
    lessons_before,
    mastery,
    review_draw,
)
from course.progress.overview import course_map
from course.quiz.bank import load_bank
from course.quiz.model import Bank
from course.sim.core.clock import SimulatedClock
from tests.quiz.helpers import fixture_bank

LESSON_02 = "02_adding_a_number"
LESSON_04 = "04_errors_and_accounts_per_number"


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "progress.sqlite", clock=SimulatedClock())


def _answer(store: ProgressStore, bank_id: str, question_id: str, right: bool) -> None:
    """Record one answer through a session, as the widgets do."""
    bank = load_bank(bank_id)
    question = bank.question(question_id)
    session = QuizSession(bank, store=store, questions=[question_id])
    if question.type in ("single_choice", "true_false"):
        option = next(o for o in question.options if o.correct == right)
        session.answer(question_id, option.id)
    else:
        raise AssertionError(f"use a choice question, not {question.type}")


def _choice_questions(bank_id: str) -> list[str]:
    return [q.id for q in load_bank(bank_id).questions
            if q.type in ("single_choice", "true_false")]


def test_a_review_draws_from_the_lessons_between_the_first_notebook_and_this_one():
    stems = [e.stem for e in course_map()]
    assert lessons_before(stems[4]) == stems[1:4]
    assert lessons_before(stems[1]) == [] and lessons_before("99_nothing") == []


def test_the_review_asks_again_what_the_learner_got_wrong_in_an_earlier_lesson(store):
    bank = load_bank(LESSON_02)
    wrong = _choice_questions(LESSON_02)[0]
    right = next(q for q in _choice_questions(LESSON_02)
                 if bank.question(q).objective != bank.question(wrong).objective)
    _answer(store, LESSON_02, right, True)
    _answer(store, LESSON_02, wrong, False)
    draw = review_draw(LESSON_04, store.rows(), store.learner())
    assert draw.items[0].question == wrong and draw.items[0].reason == "wrong"
    assert right in draw.questions and 2 <= len(draw.items) <= 4
    assert draw == review_draw(LESSON_04, store.rows(), store.learner())  # replayable
    assert review_draw("01_why_a_phone_number", store.rows(), store.learner()).items == ()


def test_a_session_over_several_banks_records_each_answer_in_its_own_bank(store):
    first = load_bank(LESSON_02).question(_choice_questions(LESSON_02)[0])
    other = load_bank(LESSON_04).question(_choice_questions(LESSON_04)[0])
    _answer(store, LESSON_02, first.id, False)
    mixed = Bank("review_x", {"ja": "復習", "en": "Review"}, (first, other))
    homes = {first.id: LESSON_02, other.id: LESSON_04}
    session = QuizSession(mixed, store=store, homes=homes, resume=False)
    assert session.states[first.id].latest is None  # the old answer is not filled in
    key = next(o.id for o in first.options if o.correct)
    again = session.answer(first.id, key)
    assert again.saved and again.attempt == 2
    assert session.answer(other.id, next(o.id for o in other.options if o.correct)).attempt == 1
    assert [(r.quiz, r.question, r.attempt) for r in store.rows()] == [
        (LESSON_02, first.id, 1), (LESSON_02, first.id, 2), (LESSON_04, other.id, 1)]
    assert session.reset() == 0 and len(store.rows()) == 3  # the lessons keep their answers


def test_a_resuming_session_over_several_banks_reads_and_erases_each_bank(store):
    first = load_bank(LESSON_02).question(_choice_questions(LESSON_02)[0])
    other = load_bank(LESSON_04).question(_choice_questions(LESSON_04)[0])
    _answer(store, LESSON_02, first.id, True)
    mixed = Bank("mixed", {"ja": "混合", "en": "Mixed"}, (first, other))
    session = QuizSession(mixed, store=store, homes={first.id: LESSON_02, other.id: LESSON_04})
    assert session.states[first.id].latest is not None and session.stored_count() == 1
    assert session.reset() == 1 and store.rows() == []


def test_the_final_assessment_leaves_out_what_the_learner_answered_elsewhere():
    lesson = fixture_bank("pools")
    final = dataclasses.replace(lesson, id="final")
    learner = "learner-kqmtzpwa"
    from tests.quiz.test_review_and_mastery import row

    rows = [row("pl-a-closing-1", 1.0, quiz="pools", learner=learner),
            row("pl-a-closing-2", 1.0, quiz="final", learner=learner),  # the final's own
            row("pl-b-closing-1", 1.0, quiz="pools", learner="learner-someone")]
    assert answered_elsewhere(rows, final, learner) == {"pl-a-closing-1"}
    draw = final_questions(final, rows, learner)
    assert "pl-a-closing-1" not in draw.questions and draw.complete
    assert {q for q in draw.questions if q.startswith("pl-a")} == {
        "pl-a-closing-2", "pl-a-closing-3"}


def test_mastery_reads_the_store_in_course_order_and_hides_unreleased_workshop_answers(store):
    question = _choice_questions(LESSON_02)[0]
    objective = load_bank(LESSON_02).question(question).objective
    session = QuizSession(load_bank(LESSON_02), mode="workshop", store=store,
                          questions=[question])
    option = next(o for o in load_bank(LESSON_02).question(question).options if o.correct)
    session.answer(question, option.id)
    result = {m.objective: m for m in mastery(store)}
    assert result[objective].level == "not_started"  # not released yet
    store.mark_released(LESSON_02)
    result = {m.objective: m for m in mastery(store)}
    assert result[objective].level == "mastered" and result[objective].answered == 1
    assert next(iter(result)) == "start.use_jupyter"


def test_a_draw_without_a_store_uses_the_anonymous_pseudonym(store):
    assert learner_of(None) == "learner-anonymous"
    assert learner_of(store) == store.learner() and learner_of(store, "learner-x") == "learner-x"
