"""Spaced review picks what a learner got wrong or answered longest ago; mastery
reads first attempts only."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.quiz.history import histories
from course.quiz.mastery import (
    MASTERED,
    NOT_STARTED,
    REVISIT,
    TOO_FEW,
    MasterySettings,
    class_mastery,
    class_revisit,
    learner_mastery,
    to_revisit,
)
from course.quiz.results_io import ResultRow
from course.quiz.review import Candidate, ReviewSettings, candidates, draw_review
from tests.quiz.helpers import fixture_bank

ME = "learner-kqmtzpwa"


def row(question: str, score: float, attempt: int = 1, day: int = 1, *,
        learner: str = ME, objective: str = "pool.alpha", quiz: str = "pools",
        mode: str = "self_check") -> ResultRow:
    return ResultRow(learner, quiz, question, objective, "true_false", '"true"', score, 1.0,
                     attempt, f"2026-01-{day:02d}T00:00:00Z", mode)


def pool() -> list[Candidate]:
    """Three objectives, each with two inline and one closing question."""
    out = []
    for objective in ("o.one", "o.two", "o.three"):
        stem = objective.split(".")[1]
        out += [Candidate(f"{stem}-in-1", "lesson", objective, True),
                Candidate(f"{stem}-in-2", "lesson", objective, True),
                Candidate(f"{stem}-closing", "lesson", objective, False)]
    return out


def seen(*rows: ResultRow):
    return histories(rows, ME)


# ---------------------------------------------------------------- review
def test_a_fresh_learner_reviews_inline_questions_of_different_objectives():
    draw = draw_review(pool(), {}, ME, "next_lesson")
    assert len(draw.items) == 2
    assert all(item.reason == "new" and item.question.endswith(("in-1", "in-2"))
               for item in draw.items)
    assert len({item.objective for item in draw.items}) == 2


def test_unanswered_closing_questions_are_never_offered():
    questions = {item.question for learner in ("a", "b", "c", "d", "e")
                 for item in draw_review(pool(), {}, learner, "x").items}
    assert not any(q.endswith("closing") for q in questions)


def test_what_was_answered_wrong_comes_first_then_what_was_answered_longest_ago():
    history = seen(row("one-in-1", 1.0, day=1), row("two-in-1", 1.0, day=5),
                   row("three-in-2", 0.0, day=9), row("two-closing", 1.0, day=3,
                                                      objective="o.two"))
    draw = draw_review(pool(), history, ME, "next_lesson")
    assert [(i.question, i.reason) for i in draw.items] == [
        ("three-in-2", "wrong"), ("one-in-1", "oldest")]


def test_a_question_put_right_on_a_retry_is_no_longer_wrong():
    history = seen(row("one-in-1", 0.0, 1, day=1), row("one-in-1", 1.0, 2, day=2),
                   row("two-in-1", 1.0, day=8))
    draw = draw_review(pool(), history, ME, "next_lesson")
    assert [i.reason for i in draw.items] == ["oldest", "oldest"]
    assert draw.items[0].question == "one-in-1"


def test_one_question_per_wrong_answer_up_to_four_spread_over_objectives():
    rows = [row(q.question, 0.0, day=n + 1, objective=q.objective)
            for n, q in enumerate(pool())]
    draw = draw_review(pool(), seen(*rows), ME, "next_lesson")
    assert len(draw.items) == 4 and all(i.reason == "wrong" for i in draw.items)
    assert {i.objective for i in draw.items[:3]} == {"o.one", "o.two", "o.three"}
    three = draw_review(pool(), seen(*rows[:3]), ME, "next_lesson")
    assert len(three.items) == 3  # three still wrong: three questions


def test_the_review_is_replayable_and_its_bounds_come_from_the_policy():
    history = seen(row("two-in-2", 0.0, day=2))
    assert draw_review(pool(), history, ME, "l") == draw_review(pool(), history, ME, "l")
    assert ReviewSettings.from_policies() == ReviewSettings(2, 4)
    wide = draw_review(pool(), history, ME, "l", ReviewSettings(3, 5))
    assert len(wide.items) == 3


def test_candidates_mark_the_inline_part_of_each_bank():
    found = candidates([fixture_bank("pools")])
    assert {c.question for c in found if c.inline} == fixture_bank("pools").inline_ids
    assert all(c.bank == "pools" for c in found)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([c.question for c in pool()]),
                          st.sampled_from([0.0, 0.5, 1.0]), st.integers(1, 28)),
                max_size=20),
       st.text(min_size=1, max_size=20))
def test_any_history_gives_two_to_four_distinct_questions_from_the_pool(answers, learner):
    objective = {c.question: c.objective for c in pool()}
    rows = [row(q, s, day=d, learner=learner, objective=objective[q]) for q, s, d in answers]
    draw = draw_review(pool(), histories(rows, learner), learner, "lesson")
    questions = [i.question for i in draw.items]
    assert 2 <= len(questions) <= 4 and len(set(questions)) == len(questions)
    answered = {q for q, _s, _d in answers}
    assert all(q in answered or not q.endswith("closing") for q in questions)


# ---------------------------------------------------------------- history and mastery
def test_the_first_attempt_is_the_earliest_attempt_one_whatever_the_row_order():
    found = histories([row("q", 1.0, 2, day=3), row("q", 0.0, 1, day=2),
                       row("q", 0.5, 1, day=9, mode="workshop")], ME)["q"]
    assert (found.first_score, found.latest_score, found.answers) == (0.0, 0.5, 3)
    assert found.last_answered.startswith("2026-01-09")


def test_mastery_uses_first_attempts_and_says_what_to_revisit():
    rows = [row("a1", 1.0), row("a2", 0.5), row("a2", 1.0, 2, day=2),  # alpha: 0.75
            row("b1", 1.0, objective="pool.beta"), row("b2", 1.0, objective="pool.beta"),
            row("c1", 0.0, objective="pool.gamma")]
    result = learner_mastery(rows, ["pool.alpha", "pool.beta", "pool.gamma", "pool.none"], ME)
    assert [(m.objective, m.answered, m.score, m.level) for m in result] == [
        ("pool.alpha", 2, 0.75, REVISIT), ("pool.beta", 2, 1.0, MASTERED),
        ("pool.gamma", 1, 0.0, REVISIT), ("pool.none", 0, None, NOT_STARTED)]
    assert [m.objective for m in to_revisit(result)] == ["pool.gamma", "pool.alpha"]


def test_hidden_workshop_answers_and_other_learners_do_not_count():
    rows = [row("a1", 1.0, mode="workshop"), row("a2", 0.0, learner="learner-other")]
    shown = learner_mastery(rows, ["pool.alpha"], ME, include=lambda r: r.mode != "workshop")
    assert shown[0].level == NOT_STARTED
    assert learner_mastery(rows, ["pool.alpha"], ME)[0].level == MASTERED


def test_the_class_view_averages_learners_and_flags_objectives_to_revisit():
    rows = []
    for n, (alpha, beta) in enumerate([(1.0, 0.0), (1.0, 0.0), (0.5, 1.0), (1.0, 0.0)]):
        learner = f"learner-{n}"
        rows += [row("a1", alpha, learner=learner), row("b1", beta, learner=learner,
                                                        objective="pool.beta")]
    rows.append(row("c1", 0.0, learner="learner-solo", objective="pool.gamma"))
    result = {m.objective: m for m in class_mastery(
        rows, ["pool.alpha", "pool.beta", "pool.gamma", "pool.delta"])}
    assert (result["pool.alpha"].mean, result["pool.alpha"].mastered_share) == (0.875, 0.75)
    assert result["pool.alpha"].level == MASTERED
    assert (result["pool.beta"].mean, result["pool.beta"].level) == (0.25, REVISIT)
    assert (result["pool.gamma"].learners, result["pool.gamma"].level) == (1, TOO_FEW)
    assert result["pool.delta"].level == NOT_STARTED
    assert [m.objective for m in class_revisit(result.values())] == ["pool.beta"]


def test_mastery_thresholds_come_from_the_policy_catalog():
    assert MasterySettings.from_policies() == MasterySettings(0.8, 0.7, 2)
    strict = MasterySettings(mastery_from=0.95)
    assert learner_mastery([row("a", 0.9)], ["pool.alpha"], ME, strict)[0].level == REVISIT


@pytest.mark.parametrize("scores, level", [([0.8], MASTERED), ([0.79], REVISIT),
                                           ([1.0, 0.6], MASTERED), ([1.0, 0.5], REVISIT)])
def test_the_mastery_boundary(scores, level):
    rows = [row(f"q{n}", s) for n, s in enumerate(scores)]
    assert learner_mastery(rows, ["pool.alpha"], ME)[0].level == level
