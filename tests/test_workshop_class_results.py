"""Class results: a folder of exports read, analysed and turned into advice."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.quiz.analytics import analyse
from course.quiz.bank import load_bank
from course.quiz.fictional_class import CHOICE, ClassSettings, fictional_rows, write_class
from course.quiz.results_io import ResultRow, to_json
from course.workshop.class_results import (
    ADVICE,
    DEMO_QUIZ,
    advice,
    bank_views,
    distractor_rows,
    load_class_results,
    question_rows,
    summary_lines,
    tempting_lines,
    tempting_options,
    write_demo_class,
)
from tests.helpers import examples


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    write_demo_class(folder, seed=7, learners=30)
    return load_class_results(folder)


def _planted() -> tuple[str, str, str]:
    """The easy, hard and reversed questions: the bank's first three choice questions."""
    easy, hard, reversed_ = [q.id for q in load_bank(DEMO_QUIZ).questions
                             if q.type in CHOICE][:3]
    return easy, hard, reversed_


def test_a_demo_folder_is_read_analysed_and_summarised_in_both_languages(demo):
    assert demo.ok and demo.merged.learners == 30 and len(demo.merged.files) == 30
    quiz = demo.quizzes[0]
    asked = len(load_bank(DEMO_QUIZ).questions)  # the fictional class answers every one
    assert quiz.quiz == DEMO_QUIZ and len(quiz.questions) == asked
    ja, en = summary_lines(demo, "ja"), summary_lines(demo, "en")
    rows = len(demo.merged.rows)
    assert ja[0] == f"30件のファイルを読み込みました(受講者 30人、回答 {rows}行)。"
    assert f"30 learner(s), {asked} question(s)" in en[1]
    assert len(ja) == len(en) == 4
    assert en[3] == ("Every answer was graded again from the course's question bank; "
                     "no score sent by a learner differed.")


def test_advice_follows_the_statistics(demo):
    quiz = demo.quizzes[0]
    for q in quiz.questions:
        code = advice(q)
        assert code in ADVICE
        if q.discrimination_index is not None and q.discrimination_index < 0:
            assert code == "check_key"
        elif q.facility < 50:
            assert code == "reteach_or_fix"
    _easy, hard, reversed_ = _planted()
    assert advice(quiz.question(reversed_)) == "check_key"  # planted reversed
    assert advice(quiz.question(hard)) == "reteach_or_fix"  # planted hard


def test_question_rows_carry_the_bank_text_and_advice_in_the_chosen_language(demo):
    quiz = demo.quizzes[0]
    ja = question_rows(quiz, "ja", demo.banks)
    en = question_rows(quiz, "en", demo.banks)
    by_id = {row["Question"]: row for row in en}
    assert by_id[_planted()[2]]["What to do"].startswith("Stronger learners")
    assert {row["問題"] for row in ja} == set(by_id)
    assert all(row["正答率"].endswith("%") for row in ja)
    without_bank = question_rows(quiz, "en")
    assert all(row["Question text"] == "" for row in without_bank)


def test_tempting_options_are_wrong_options_chosen_by_many(demo):
    quiz = demo.quizzes[0]
    bank = load_bank(DEMO_QUIZ)
    keys = {q.id: {o.id for o in q.options if o.correct} for q in bank.questions}
    found = tempting_options(quiz, demo.banks)
    assert found
    for question, option, share in found:
        assert option not in keys[question.question] and share >= 30
    lines = tempting_lines(quiz, "ja", demo.banks)
    assert len(lines) == len(found) and "まちがい" in lines[0]
    options = distractor_rows(quiz, "en", demo.banks)
    email = next(r for r in options if (r["Question"], r["Option"]) == (
        "twofa-methods-free", "email"))
    assert email["Option text"] and not email["Key"]
    assert all(r["Option text"] == "" for r in distractor_rows(quiz, "en"))  # no bank given
    key_rows = [r for r in options if r["Key"]]
    assert {(r["Question"], r["Option"]) for r in key_rows} == {
        (q, o) for q, ks in keys.items() for o in ks
        if any(x.question == q for x in quiz.questions if x.options)}


def test_with_no_tempting_option_one_sentence_says_so():
    bank = load_bank(DEMO_QUIZ)
    rows = [r for r in fictional_rows(bank, random.Random(1), ClassSettings(learners=5))
            if r.question == "twofa-sms-paid-claim"]
    rows = [r._replace(answer='"only-2fa"', score=1.0) for r in rows if r.attempt == 1]
    quiz = analyse(rows).quizzes[0]
    assert tempting_lines(quiz, "en", bank_views({DEMO_QUIZ})) == [
        "No wrong option was chosen by a large part of the class."]
    # Without the bank nothing is called wrong: the key is never guessed from scores.
    assert tempting_lines(quiz, "en") == tempting_lines(quiz, "en", bank_views({DEMO_QUIZ}))


def test_a_forged_score_in_a_handed_in_file_is_graded_again(tmp_path: Path):
    write_demo_class(tmp_path, seed=3, learners=6)
    honest = load_class_results(tmp_path)
    bank = load_bank(DEMO_QUIZ)
    question = bank.questions[0]
    wrong = next(o.id for o in question.options if not o.correct)
    forged = [ResultRow("learner-forger", DEMO_QUIZ, question.id, question.objective,
                        question.type, json.dumps(wrong), 1.0, 1.0, 1,
                        "2026-01-06T10:00:00Z", "workshop")]
    (tmp_path / "forger.json").write_text(
        to_json(forged, "learner-forger", "2026-01-06T11:00:00Z"), encoding="utf-8")
    results = load_class_results(tmp_path)
    assert results.ok and results.regraded.regraded_learners == ("learner-forger",)
    stats = results.quizzes[0].question(question.id)
    before = honest.quizzes[0].question(question.id)
    right = before.facility * before.learners / 100
    assert stats.facility == pytest.approx(100 * right / (before.learners + 1))
    lines = summary_lines(results, "en")
    assert any("carried a score the course does not give" in line
               and "learner-forger" in line for line in lines)


def test_one_broken_file_is_reported_and_the_others_still_count(tmp_path: Path):
    write_demo_class(tmp_path, seed=3, learners=6)
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    results = load_class_results(tmp_path)
    assert not results.ok and results.quizzes and results.merged.learners == 6
    assert any("broken.json" in line for line in summary_lines(results, "en"))


@pytest.mark.parametrize("folder", [None, "", "   ", 42, ["a"], "no/such/folder", "\x00",
                                    "🙂" * 300])
def test_bad_folders_give_problems_not_errors(folder):
    results = load_class_results(folder)
    assert not results.ok and results.problems
    for lang in ("ja", "en"):
        assert summary_lines(results, lang)[-1].startswith("⚠")


def test_an_empty_folder_and_a_folder_of_other_files_are_problems(tmp_path: Path):
    for _ in range(2):
        results = load_class_results(tmp_path)
        assert not results.ok and results.analysis is None
        assert "no .json or .csv" in results.problems[0].message("en")
        (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")


@settings(max_examples=examples(25), deadline=None)
@given(text=st.text(max_size=200))
def test_any_text_as_a_folder_never_raises(text):
    results = load_class_results(text)
    assert results.ok or results.problems


@settings(max_examples=examples(10), deadline=None)
@given(seed=st.integers(0, 10**6), learners=st.integers(2, 12))
def test_any_fictional_class_gives_one_advice_per_question(tmp_path_factory, seed, learners):
    folder = tmp_path_factory.mktemp("cls")
    write_class(folder, fictional_rows(load_bank(DEMO_QUIZ), random.Random(seed),
                                       ClassSettings(learners=learners)))
    results = load_class_results(folder)
    assert results.ok
    rows = question_rows(results.quizzes[0], "en", results.banks)
    assert len(rows) == len(results.quizzes[0].questions)
    assert all(row["What to do"] for row in rows)
