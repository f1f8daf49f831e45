"""The review, closing-quiz, final-assessment and mastery widgets, headless, in
both languages."""

from __future__ import annotations

import pytest

from course.progress.store import ProgressStore
from course.quiz.bank import load_bank
from course.quiz.pools import draw_closing
from course.ui.closing_quiz import ClosingQuiz, FinalAssessment
from course.ui.mastery_view import MasteryView
from course.ui.review import Review
from course.ui.selfcheck import SelfCheck
from tests.quiz.helpers import fixture_bank
from tests.ui.widget_text import shown_text

LESSON_02 = "02_adding_a_number"
LESSON_04 = "04_errors_and_accounts_per_number"


@pytest.fixture
def store(tmp_path) -> ProgressStore:
    return ProgressStore(tmp_path / "progress.sqlite")


def _choice(bank_id: str, index: int = 0) -> str:
    return [q.id for q in load_bank(bank_id).questions if q.type == "single_choice"][index]


def _key(bank_id: str, question_id: str, right: bool = True) -> str:
    question = load_bank(bank_id).question(question_id)
    return next(o.id for o in question.options if o.correct == right)


# ---------------------------------------------------------------- closing quiz
def test_the_closing_quiz_shows_the_learners_draw_and_no_inline_question(store):
    bank = fixture_bank("pools")
    quiz = ClosingQuiz(bank, "en", store=store)
    shown = [v.question.id for v in quiz.views]
    assert shown == list(draw_closing(bank, store.learner()).questions)
    assert not set(shown) & bank.inline_ids
    again = ClosingQuiz(bank, "en", store=store)
    assert [v.question.id for v in again.views] == shown


def test_an_inline_check_shows_the_questions_the_bank_names_for_it():
    check = SelfCheck(fixture_bank("pools"), "ja", store=None, part=2)
    assert [v.question.id for v in check.views] == ["pl-b-inline-1", "pl-b-inline-2"]
    unknown = SelfCheck(fixture_bank("pools"), "ja", store=None, part=3)
    assert unknown.views == [] and "3 番目はありません" in unknown.notice.value


def test_a_closing_answer_resumes_but_an_inline_answer_never_appears_there(store):
    bank = fixture_bank("pools")
    inline = SelfCheck(bank, "ja", store=store, part=1)
    inline.answer("pl-a-inline-1", "true")
    quiz = ClosingQuiz(bank, "ja", store=store)
    first = quiz.views[0].question.id
    quiz.answer(first, "false")
    reopened = ClosingQuiz(bank, "ja", store=store)
    assert reopened.view(first).value == "false"
    assert "1問中" not in reopened.summary.value and reopened.session.summary().answered == 1


def test_the_final_assessment_leaves_out_what_was_answered_in_a_lesson(store):
    bank = fixture_bank("pools")
    before = FinalAssessment(bank, "en", store=store)
    drawn = [v.question.id for v in before.views]
    other = next(q for q in ("pl-a-closing-1", "pl-a-closing-2", "pl-a-closing-3")
                 if q in drawn)
    # the same question answered in another bank (a lesson) must not come back
    store.record(quiz="another_bank", question=other, objective="pool.alpha",
                 type="true_false", answer="true", score=1.0)
    after = FinalAssessment(bank, "en", store=store)
    assert other not in [v.question.id for v in after.views]


# ---------------------------------------------------------------- review
def test_with_nothing_answered_before_the_review_says_so_or_offers_inline_questions(store):
    review = Review(LESSON_02, "en", store=store)
    assert review.last_error is None and "Review: questions from earlier lessons" in shown_text(
        review.widget)
    if review.quiz is None:
        assert "Nothing to review yet" in shown_text(review.widget)
    else:
        assert all(i.reason == "new" for i in review.result.items)
    nothing = Review("01_why_a_phone_number", "ja", store=store)
    assert nothing.quiz is None and "ふりかえる問題はまだありません" in shown_text(nothing.widget)


@pytest.mark.parametrize("lang, reason", [
    ("ja", "前の答えは正解ではありませんでした(02_adding_a_number「電話番号を登録する」)"),
    ("en", 'Your last answer was not right (02_adding_a_number "Adding a number")')])
def test_the_review_asks_a_wrong_answer_again_empty_and_records_it_in_its_lesson(
        store, lang, reason):
    question, other = _choice(LESSON_02), _choice(LESSON_02, 1)
    lesson = SelfCheck(LESSON_02, lang, store=store, questions=[question, other])
    lesson.answer(other, _key(LESSON_02, other))
    lesson.answer(question, _key(LESSON_02, question, right=False))
    review = Review(LESSON_04, lang, store=store)
    assert review.questions[0] == question and 2 <= len(review.questions) <= 4
    view = review.quiz.view(question)
    assert view.value is None and view.feedback.value == ""  # asked again, not filled in
    assert reason in shown_text(view.widget)
    result = review.answer(question, _key(LESSON_02, question))
    assert result.correct and result.attempt == 2
    rows = [r for r in store.rows() if r.question == question]
    assert [(r.quiz, r.attempt, r.score) for r in rows] == [(LESSON_02, 1, 0.0),
                                                            (LESSON_02, 2, 1.0)]
    assert not hasattr(review.quiz, "reset_button")  # a review never erases a lesson's answers
    assert review.last_error is None


def test_a_review_without_a_store_records_nothing():
    review = Review(LESSON_04, "ja", store=None)
    assert review.last_error is None
    if review.quiz is not None:
        first = review.questions[0]
        question = review.quiz.view(first).question
        if question.type == "single_choice":
            assert not review.answer(first, question.options[0].id).saved


# ---------------------------------------------------------------- mastery
def test_mastery_shows_every_objective_with_words_and_what_to_go_back_to(store):
    question = _choice(LESSON_02)
    objective = load_bank(LESSON_02).question(question).objective
    check = SelfCheck(LESSON_02, "en", store=store, questions=[question])
    check.answer(question, _key(LESSON_02, question, right=False))
    check.answer(question, _key(LESSON_02, question))  # a retry does not count
    view = MasteryView("en", store=store)
    levels = {m.objective: m.level for m in view.result}
    assert levels[objective] == "revisit" and levels["start.use_jupyter"] == "not_started"
    text = shown_text(view.widget)
    assert "↻ Go back to it" in text and "○ Not answered yet" in text
    assert "What to go back to" in text and "first-answer average 0%" in view.revisit.value
    assert "02_adding_a_number" in view.revisit.value and "80%" in text
    assert view.table.value.count("<tr>") == len(view.result) + 1
    assert view.last_error is None


def test_mastery_refresh_reads_new_answers_in_japanese(store):
    view = MasteryView("ja", store=store)
    assert "見直しが必要な学習目標はありません" in view.revisit.value
    question = _choice(LESSON_02)
    SelfCheck(LESSON_02, "ja", store=store, questions=[question]).answer(
        question, _key(LESSON_02, question))
    view.refresh_button.click()
    assert "✔ 身についた" in view.table.value and "✔ 更新しました" in view.status.value
    assert view.last_error is None
