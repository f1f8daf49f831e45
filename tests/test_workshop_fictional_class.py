"""The fictional class: seeded, graded by the course's own grader, readable by results_io."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.quiz.analytics import analyse
from course.quiz.bank import load_bank
from course.quiz.fictional_class import (
    CHOICE,
    ClassSettings,
    fictional_rows,
    right_answer,
    write_class,
    wrong_answer,
)
from course.quiz.grading import grade
from course.quiz.results_io import merge_results
from tests.helpers import examples

BANK = load_bank("06_two_factor_and_life_without_sms")


def test_the_same_seed_gives_the_same_class_and_another_seed_another():
    one = fictional_rows(BANK, random.Random(6))
    assert one == fictional_rows(BANK, random.Random(6))
    assert one != fictional_rows(BANK, random.Random(7))
    assert len({row.learner for row in one}) == ClassSettings().learners


def test_every_score_is_what_the_course_grader_gives_for_that_answer():
    questions = {q.id: q for q in BANK.questions}
    for row in fictional_rows(BANK, random.Random(3), ClassSettings(learners=10)):
        expected = grade(questions[row.question], json.loads(row.answer))
        assert row.score == expected.score, row
        assert row.attempt == 1 or row.score == 1.0  # a retry is the right answer


@pytest.mark.parametrize("question", BANK.questions, ids=lambda q: q.id)
def test_right_answers_earn_full_marks_and_wrong_ones_do_not(question):
    assert grade(question, right_answer(question)).score == 1.0
    rng = random.Random(1)
    assert all(grade(question, wrong_answer(question, rng, k)).score < 1.0 for k in range(6))


def test_the_exports_are_accepted_by_results_io_and_the_planted_questions_show(tmp_path: Path):
    rows = fictional_rows(BANK, random.Random(2026), ClassSettings(learners=40))
    paths = write_class(tmp_path, rows)
    assert len(paths) == 40 and all(p.name.startswith("learner-fic-") for p in paths)
    merged = merge_results([tmp_path])
    assert merged.ok and len(merged.rows) == len(rows)
    quiz = analyse(merged).quizzes[0]
    easy, hard, reversed_ = [q.id for q in BANK.questions if q.type in CHOICE][:3]
    assert quiz.question(easy).facility > 85
    assert quiz.question(hard).facility < 35
    assert quiz.question(reversed_).discrimination_index < 0
    assert quiz.later_attempts > 0  # retries exist, and the analysis leaves them out


def test_an_unplanted_class_has_no_reversed_choice_question():
    rows = fictional_rows(BANK, random.Random(5), ClassSettings(learners=200, planted=False))
    quiz = analyse(rows).quizzes[0]
    choice = [q for q in quiz.questions if q.type in CHOICE]
    assert choice and all(q.discrimination_index > 0 for q in choice)


@settings(max_examples=examples(15), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), learners=st.integers(-5, 40),
       mode=st.sampled_from(["workshop", "self_check"]), skip=st.floats(0, 1))
def test_any_class_round_trips_through_the_exchange_format(tmp_path_factory, seed, learners,
                                                           mode, skip):
    rows = fictional_rows(BANK, random.Random(seed),
                          ClassSettings(learners=learners, mode=mode, skip_share=skip))
    folder = tmp_path_factory.mktemp("class")
    write_class(folder, rows)
    merged = merge_results([folder]) if rows else None
    assert merged is None or (merged.ok and sorted(merged.rows) == sorted(rows))
    assert len({row.learner for row in rows}) <= max(1, learners)
