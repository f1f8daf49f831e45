"""Replayable shuffling, release codes, and the phone-number / code rule."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.quiz import arrange, grade, load_bank, seed_for
from course.quiz.privacy import answer_is_sensitive, looks_like_number_or_code
from course.quiz.release import (
    canonical_code,
    check_release_code,
    hash_release_code,
    new_release_code,
)
from course.quiz.results_io import answer_json
from tests.helpers import examples
from tests.quiz.helpers import RELEASE_CODE, fixture_bank


def test_the_same_learner_and_quiz_always_get_the_same_arrangement():
    bank = fixture_bank()
    assert arrange(bank, "learner-abcdefgh") == arrange(bank, "learner-abcdefgh")
    assert seed_for("learner-abcdefgh", "all_types") == seed_for("learner-abcdefgh", "all_types")
    orders = {arrange(bank, f"learner-{name}").order("fx-single")
              for name in ("aaaa", "bbbb", "cccc", "dddd", "eeee", "ffff", "gggg")}
    assert len(orders) > 1  # different learners see different option orders


@given(st.text(min_size=1, max_size=20))
def test_every_arrangement_is_a_permutation_and_never_gives_the_ordering_answer(learner):
    bank = fixture_bank()
    arrangement = arrange(bank, learner)
    assert sorted(arrangement.questions) == sorted(q.id for q in bank.questions)
    for question in bank.questions:
        shown = arrangement.order(question.id)
        if question.type in ("single_choice", "multiple_choice", "true_false"):
            assert sorted(shown) == sorted(o.id for o in question.options)
        if question.type == "ordering":
            right = tuple(i.id for i in question.items)
            assert sorted(shown) == sorted(right) and shown != right
        if question.type == "matching":
            assert sorted(shown) == sorted(c.id for c in question.choices)
    assert arrangement.order("fx-true-false") == ("true", "false")
    assert arrangement.order("fx-weighted") == ("a", "b", "c")  # shuffle: false


def test_a_subset_shows_each_question_as_the_whole_bank_does_and_in_the_asked_order():
    bank = fixture_bank()
    whole = arrange(bank, "learner-kkkk")
    part = arrange(bank, "learner-kkkk", ["fx-matching", "fx-single"])
    assert part.questions == ("fx-matching", "fx-single")
    assert part.order("fx-single") == whole.order("fx-single")


def test_banks_that_keep_their_written_order_keep_it():
    bank = load_bank("00_start_here")
    arrangement = arrange(bank, "learner-zzzz")
    for question in bank.questions:
        assert arrangement.order(question.id) == tuple(o.id for o in question.options)
    assert arrange(fixture_bank(), "x", shuffle=False).order("fx-single") == (
        "four", "six", "eight")


@pytest.mark.parametrize("typed", [RELEASE_CODE, "KQMT-ZPWA", " kqmt zpwa ", "ｋｑｍｔ－ｚｐｗａ",
                                   "kqmtzpwa"])
def test_the_release_code_is_accepted_however_it_is_typed(typed):
    assert check_release_code(typed, fixture_bank().release_hashes)


@pytest.mark.parametrize("typed", ["kqmt-zpwb", "", None, 12345678, "k" * 500, "kqmt-zpw"])
def test_wrong_or_odd_codes_are_refused(typed):
    assert not check_release_code(typed, fixture_bank().release_hashes)


@settings(max_examples=examples(50), deadline=None)
@given(st.text(max_size=30), st.lists(st.text(max_size=120), max_size=3))
def test_checking_a_code_never_raises(code, hashes):
    assert check_release_code(code, hashes) in (True, False)


def test_new_codes_are_letters_only_and_their_hash_checks():
    code = new_release_code(random.Random(7))
    assert code == new_release_code(random.Random(7))
    assert len(canonical_code(code)) == 8 and canonical_code(code).isalpha()
    hashed = hash_release_code(code, bytes(16), iterations=1000)
    assert check_release_code(code.upper(), [hashed])
    assert not check_release_code(new_release_code(random.Random(8)), [hashed])


@pytest.mark.parametrize("text", [
    "090-0123-4567", "09001234567", "+81 90 0123 4567", "+1 202-555-0123",
    "+44 7700 900123", "(03) 1234-5678", "０９０－０１２３－４５６７", "my code is 123456",
    "12 34 56", "1.2.3.4.5.6", '"123456"',
])
def test_phone_numbers_and_six_digit_codes_are_spotted_in_any_format(text):
    assert looks_like_number_or_code(text)
    assert answer_is_sensitive(answer_json(text), "short_text")


@pytest.mark.parametrize("text", ["12345", "2023", "step-2", "10 accounts", "60分",
                                  "a1b2c3d4e5f6"])
def test_short_numbers_and_ids_are_fine(text):
    assert not looks_like_number_or_code(text)
    assert not answer_is_sensitive(answer_json(text), "short_text")


def test_numeric_answers_may_have_six_digits_but_not_phone_length():
    assert not answer_is_sensitive(answer_json(5400000), "numeric")
    assert not answer_is_sensitive(answer_json(123456), "numeric")
    assert answer_is_sensitive(answer_json(9001234567), "numeric")
    assert answer_is_sensitive("9.001234567e9", "numeric")
    assert answer_is_sensitive(answer_json(float("inf")), "numeric")
    assert answer_is_sensitive(answer_json("090-0123-4567"), "numeric")


@pytest.mark.parametrize("answer", [
    "123456", "1.5e9", "1.23456e-1", '"\\u0036\\u0035\\u0034\\u0033\\u0032\\u0031"',
    '{"\\uff10\\uff19\\uff10\\uff10\\uff11\\uff12": "a"}', '["a", ["b", 654321]]',
])
def test_numbers_hidden_in_other_answers_are_found(answer):
    """Exponents, escapes and nesting: what the JSON text hides, the decoded answer shows."""
    assert answer_is_sensitive(answer, "short_text")
    assert answer_is_sensitive(answer, "matching")


def test_choice_answers_are_never_mistaken_for_numbers():
    bank = fixture_bank()
    for question in bank.questions:
        if question.type in ("single_choice", "multiple_choice", "ordering", "matching"):
            right = {"ordering": [i.id for i in question.items],
                     "matching": {p.id: p.match for p in question.prompts}}.get(
                question.type, [o.id for o in question.options if o.correct])
            answer = grade(question, right if question.type != "single_choice" else right[0])
            assert not answer_is_sensitive(answer_json(answer.answer), question.type)
