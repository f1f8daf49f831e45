"""Grading is a pure function: partial credit per type, floors, normalization,
and no input that can make it raise."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.quiz import grade, move
from course.quiz.normalize import comparison_key, normalize_text, parse_number
from tests.helpers import examples
from tests.quiz.helpers import fixture_bank


def q(qid: str):
    return fixture_bank().question(qid)


@pytest.mark.parametrize("qid, answer, score", [
    ("fx-single", "six", 1.0), ("fx-single", "four", 0.0),
    ("fx-true-false", True, 1.0), ("fx-true-false", "true", 1.0),
    ("fx-true-false", False, 0.0),
    ("fx-multiple", ["app", "key"], 1.0), ("fx-multiple", ["app"], 0.5),
    ("fx-multiple", ("key", "app", "app"), 1.0), ("fx-multiple", {"app", "email"}, 0.0),
    ("fx-multiple", ["app", "key", "email"], 0.5), ("fx-multiple", ["email", "fax"], 0.0),
    ("fx-multiple", ["app", "key", "email", "fax"], 0.0),
    ("fx-weighted", ["a", "b"], 1.0), ("fx-weighted", ["a", "c"], 0.0),
    ("fx-weighted", ["c"], 0.0), ("fx-weighted", ["b"], 0.5),
    ("fx-ordering", ["open-settings", "account-info", "password", "code"], 1.0),
    ("fx-ordering", ["account-info", "open-settings", "password", "code"], round(5 / 6, 6)),
    ("fx-ordering", ["code", "password", "account-info", "open-settings"], 0.0),
    ("fx-ordering-position", ["one", "two", "three"], 1.0),
    ("fx-ordering-position", ["two", "one", "three"], round(1 / 3, 6)),
    ("fx-ordering-position", ["three", "one", "two"], 0.0),
    ("fx-matching", {"used": "limit", "invalid": "typo"}, 1.0),
    ("fx-matching", {"used": "limit", "invalid": "weather"}, 0.5),
    ("fx-matching", {"used": "limit", "invalid": None}, 0.5),
    ("fx-numeric", 60, 1.0), ("fx-numeric", "60", 1.0), ("fx-numeric", "６０", 1.0),
    ("fx-numeric", "60 分", 1.0), ("fx-numeric", "60minutes", 1.0), ("fx-numeric", 60.0, 1.0),
    ("fx-numeric", "55", 0.5), ("fx-numeric", "70", 0.5), ("fx-numeric", "70.5", 0.0),
    ("fx-numeric", "−60", 0.0),
    ("fx-short", "Discoverability and contacts", 1.0),
    ("fx-short", "ＤＩＳＣＯＶＥＲＡＢＩＬＩＴＹ　ＡＮＤ　ＣＯＮＴＡＣＴＳ", 1.0),
    ("fx-short", "  discoverability\tand\ncontacts ", 1.0),
    ("fx-short", "discoverabilityandcontacts", 1.0),
    ("fx-short", "見つけやすさと連絡先", 1.0), ("fx-short", "discoverability", 0.5),
    ("fx-short", "privacy", 0.0),
])
def test_partial_credit_per_type(qid, answer, score):
    result = grade(q(qid), answer)
    assert result.answered and result.problem is None
    assert result.score == score
    assert result.verdict == ("correct" if score == 1 else "partial" if score else "incorrect")


@pytest.mark.parametrize("qid, answer, code", [
    ("fx-single", None, "no_answer"), ("fx-single", "", "no_answer"),
    ("fx-single", "seven", "unknown_option"), ("fx-single", 6, "wrong_type"),
    ("fx-single", True, "wrong_type"),
    ("fx-multiple", [], "no_answer"), ("fx-multiple", ["app", "nope"], "unknown_option"),
    ("fx-multiple", [1], "wrong_type"), ("fx-multiple", list("x" * 200), "too_long"),
    ("fx-ordering", ["open-settings", "code"], "not_a_permutation"),
    ("fx-ordering", {"open-settings", "account-info", "password", "code"}, "wrong_type"),
    ("fx-ordering", "open-settings", "wrong_type"),
    ("fx-matching", {}, "no_answer"), ("fx-matching", {"used": None}, "no_answer"),
    ("fx-matching", {"used": "nope"}, "unknown_option"),
    ("fx-matching", {"nope": "limit"}, "unknown_option"), ("fx-matching", ["used"], "wrong_type"),
    ("fx-numeric", "sixty", "not_a_number"), ("fx-numeric", "", "no_answer"),
    ("fx-numeric", "1e999", "not_a_number"), ("fx-numeric", math.nan, "not_a_number"),
    ("fx-numeric", True, "wrong_type"), ("fx-numeric", "9" * 100, "too_long"),
    ("fx-numeric", "6 0", "not_a_number"),
    ("fx-short", "   ", "no_answer"), ("fx-short", "x" * 201, "too_long"),
    ("fx-short", 42, "wrong_type"), ("fx-short", "\x00\x07", "no_answer"),
])
def test_unusable_answers_are_not_answered_and_say_why(qid, answer, code):
    result = grade(q(qid), answer)
    assert not result.answered and result.score == 0 and result.verdict == "unanswered"
    assert result.problem is not None and result.problem.code == code
    assert result.problem.text["ja"] and result.problem.text["en"]


def test_feedback_per_option_per_step_per_pair_and_per_rule():
    wrong_single = grade(q("fx-single"), "four")
    assert wrong_single.feedback == q("fx-single").option("four").feedback
    multiple = grade(q("fx-multiple"), ["app", "email"])
    assert [p.ok for p in multiple.parts] == [True, False, False]
    assert multiple.parts[1].text == q("fx-multiple").option("email").feedback
    assert "1" in multiple.parts[2].text["en"]  # one right option still to find
    ordering = grade(q("fx-ordering"), ["account-info", "open-settings", "password", "code"])
    assert [p.text for p in ordering.parts] == [q("fx-ordering").item("account-info").feedback,
                                                q("fx-ordering").item("open-settings").feedback]
    matching = grade(q("fx-matching"), {"used": "limit", "invalid": "weather"})
    assert [p.text for p in matching.parts] == [q("fx-matching").prompt("invalid").feedback]
    assert grade(q("fx-numeric"), 55).feedback == q("fx-numeric").rules[1].feedback
    assert grade(q("fx-numeric"), 5).feedback == q("fx-numeric").default_feedback
    assert grade(q("fx-short"), "nope").feedback == q("fx-short").default_feedback


def test_canonical_answers_are_json_ready_and_grade_the_same_again():
    cases = {"fx-multiple": ("key", "app"), "fx-numeric": "６０．０", "fx-short": "ＡＢＣ  Def",
             "fx-matching": {"invalid": "typo", "used": None}}
    for qid, answer in cases.items():
        first = grade(q(qid), answer)
        again = grade(q(qid), first.answer)
        assert (again.answer, again.score) == (first.answer, first.score)
    assert grade(q("fx-multiple"), ("key", "app")).answer == ["app", "key"]
    assert grade(q("fx-numeric"), "６０．０").answer == 60
    assert grade(q("fx-short"), "ＡＢＣ  Def").answer == "abc def"
    assert grade(q("fx-matching"), {"invalid": "typo", "used": None}).answer == {"invalid": "typo"}


def test_relative_order_costs_one_pair_per_neighbour_swap():
    items = [i.id for i in q("fx-ordering").items]
    pairs = len(items) * (len(items) - 1) // 2
    for k in range(len(items) - 1):
        swapped = [*items[:k], items[k + 1], items[k], *items[k + 2:]]
        assert grade(q("fx-ordering"), swapped).score == round(1 - 1 / pairs, 6)


@given(st.lists(st.sampled_from(["app", "key", "email", "fax"]), max_size=6))
def test_multiple_choice_is_the_sum_of_fractions_floored_at_zero(chosen):
    result = grade(q("fx-multiple"), chosen)
    if not chosen:
        assert not result.answered
        return
    expected = sum(o.fraction for o in q("fx-multiple").options if o.id in set(chosen))
    assert result.score == round(min(1, max(0, expected)), 6)


@given(st.permutations(["open-settings", "account-info", "password", "code"]))
def test_every_order_scores_between_zero_and_one_and_only_the_right_one_fully(order):
    result = grade(q("fx-ordering"), order)
    assert 0 <= result.score <= 1
    assert result.correct == (list(order) == [i.id for i in q("fx-ordering").items])


ANSWERS = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=60)
    | st.sampled_from(["six", "app", "key", "used", "limit", "one", "60", "Discoverability"]),
    lambda inner: st.lists(inner, max_size=6) | st.tuples(inner, inner)
    | st.frozensets(st.text(max_size=5), max_size=4)
    | st.dictionaries(st.text(max_size=8) | st.sampled_from(["used", "invalid"]), inner,
                      max_size=4),
    max_leaves=10)


@settings(max_examples=examples(400), deadline=None)
@given(st.sampled_from([qq.id for qq in fixture_bank().questions]), ANSWERS)
def test_grading_never_raises_and_keeps_its_invariants(qid, answer):
    result = grade(q(qid), answer)
    assert 0.0 <= result.score <= 1.0
    assert result.answered == (result.problem is None)
    if not result.answered:
        assert result.score == 0 and result.feedback is None and not result.parts


@given(st.text(max_size=80))
def test_normalizing_twice_changes_nothing(text):
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert comparison_key(once) == comparison_key(text)
    assert "  " not in once and once == once.strip()


@given(st.integers(min_value=-10**9, max_value=10**9))
def test_numbers_read_back_in_every_width_and_grouping(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n
    full_width = str(n).translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))
    assert parse_number(full_width) == n


@given(st.lists(st.text(max_size=3), max_size=6), st.integers(-8, 8), st.integers(-2, 2))
def test_move_is_a_permutation_and_ignores_moves_off_the_ends(items, index, delta):
    moved = move(items, index, delta)
    assert sorted(moved) == sorted(items)
    if not (0 <= index < len(items) and 0 <= index + delta < len(items)):
        assert list(moved) == items


def test_every_subset_of_a_multiple_choice_question_is_graded_without_error():
    options = [o.id for o in q("fx-multiple").options]
    for size in range(1, len(options) + 1):
        for subset in itertools.combinations(options, size):
            assert 0 <= grade(q("fx-multiple"), list(subset)).score <= 1
