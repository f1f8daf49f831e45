"""Grading results again from the bank: scores are the course's, never the learner's."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from course.quiz.bank import load_bank
from course.quiz.grading import grade
from course.quiz.regrade import regrade
from course.quiz.results_io import ResultRow, answer_json
from tests.helpers import examples
from tests.quiz.helpers import fixture_bank

SMS = load_bank("03_sms_codes")
BANKS = {SMS.id: SMS, "all_types": fixture_bank()}


def row(answer: object, score: float, *, quiz: str = "03_sms_codes",
        question: str = "sms-code-digits", learner: str = "owl", raw: bool = False
        ) -> ResultRow:
    text = answer if raw else json.dumps(answer)
    return ResultRow(learner, quiz, question, "x.y", "single_choice", text, score, 1.0, 1,
                     "2026-01-06T10:00:00Z", "workshop")


def test_honest_rows_come_back_unchanged_and_nothing_is_flagged():
    rows = []
    for question in SMS.questions:
        for option in question.options:
            result = grade(question, option.id)
            rows.append(ResultRow("owl", SMS.id, question.id, question.objective, question.type,
                                  answer_json(result.answer), result.score, 1.0, 1,
                                  "2026-01-06T10:00:00Z", "workshop"))
    graded = regrade(rows, BANKS)
    assert graded.rows == tuple(rows)
    assert graded.changed == graded.invalid == graded.ungraded == ()


def test_a_forged_score_takes_the_course_grade_and_names_its_learner():
    forged = row("four", 1.0, learner="cat")
    graded = regrade([forged, row("six", 1.0, learner="owl")], BANKS)
    assert [(r.learner, r.score) for r in graded.rows] == [("cat", 0.0), ("owl", 1.0)]
    assert graded.changed == (forged,) and graded.regraded_learners == ("cat",)
    assert graded.rows[0].objective == "sms.code_rules"  # type and objective from the bank


def test_an_answer_that_is_not_an_option_becomes_no_answer_and_is_listed_as_invalid():
    for answer in ("seven", "<img src=x onerror=alert(1)>", 6, ["six"], {"a": 1}):
        bad = row(answer, 0.0)
        graded = regrade([bad], BANKS)
        assert graded.rows[0].answer == "null" and graded.rows[0].score == 0.0
        assert graded.invalid == (bad,) and graded.changed == ()
        assert graded.invalid_count("03_sms_codes", "sms-code-digits") == 1
    unanswered = regrade([row(None, 0.0)], BANKS)
    assert unanswered.invalid == () and unanswered.rows[0].answer == "null"
    not_json = regrade([row("{broken", 0.0, raw=True)], BANKS)
    assert len(not_json.invalid) == 1


def test_rows_without_a_bank_or_question_are_left_out_as_ungraded():
    stray = [row("a", 1.0, quiz="hand_quiz", question="q1"), row("six", 1.0, question="nope")]
    graded = regrade(stray, BANKS)
    assert graded.rows == () and graded.ungraded == tuple(stray)
    assert graded.ungraded_quizzes == ("03_sms_codes", "hand_quiz")


def test_answers_are_stored_in_canonical_form():
    multiple = next(q for q in fixture_bank().questions if q.type == "multiple_choice")
    ids = [o.id for o in multiple.options if o.correct]
    rows = [ResultRow("owl", "all_types", multiple.id, multiple.objective, multiple.type,
                      json.dumps(list(reversed(ids))), 1.0, 1.0, 1, "2026-01-06T10:00:00Z",
                      "workshop")]
    graded = regrade(rows, BANKS)
    assert graded.rows[0].answer == answer_json(sorted(ids)) and graded.changed == ()


ANSWERS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=30), st.lists(st.text(max_size=8), max_size=4),
                    st.sampled_from(["four", "six", "eight", "yes", "no"]))


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.tuples(st.sampled_from([q.id for q in SMS.questions] + ["nope"]), ANSWERS,
                          st.floats(0, 1)), max_size=12))
def test_regrading_never_raises_and_is_a_fixed_point(entries):
    rows = [row(answer, score, question=question) for question, answer, score in entries]
    graded = regrade(rows, BANKS)
    assert len(graded.rows) + len(graded.ungraded) == len(rows)
    assert all(0.0 <= r.score <= 1.0 for r in graded.rows)
    again = regrade(graded.rows, BANKS)
    assert again.rows == graded.rows and again.changed == () and again.invalid == ()
    known = {q.id for q in SMS.questions}
    for r in graded.rows:
        options = {o.id for o in SMS.find(r.question).options}
        if options:  # a choice question: only its own options survive
            assert r.answer == "null" or set(_ids(json.loads(r.answer))) <= options
        assert r.question in known


def _ids(value: object) -> list[str]:
    return value if isinstance(value, list) else [value]
