"""Question pools: the closing quiz never repeats an inline check, and every draw
can be replayed from the learner's pseudonym."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.quiz.bank import BankError, bank_from_data
from course.quiz.pools import (
    PoolSize,
    asked_count,
    closing_part,
    draw_closing,
    inline_part,
    lesson_questions,
    pool_sizes,
)
from tests.quiz.helpers import fixture_bank, fixture_data

LEARNERS = [f"learner-{c * 8}" for c in "abcdefghjk"]


def test_the_parts_split_each_objective_by_the_inline_checks():
    bank = fixture_bank("pools")
    assert inline_part(bank) == {"pool.alpha": ("pl-a-inline-1", "pl-a-inline-2"),
                                 "pool.beta": ("pl-b-inline-1", "pl-b-inline-2")}
    assert closing_part(bank)["pool.alpha"] == ("pl-a-closing-1", "pl-a-closing-2",
                                                "pl-a-closing-3")
    assert bank.part(2) == ("pl-b-inline-1", "pl-b-inline-2")
    assert bank.part(3) is None and bank.part(True) is None


def test_a_closing_draw_takes_the_wanted_number_per_objective_and_nothing_inline():
    bank = fixture_bank("pools")
    for learner in LEARNERS:
        draw = draw_closing(bank, learner)
        assert draw.complete and len(draw.questions) == 4
        assert not set(draw.questions) & bank.inline_ids
        assert [bank.question(q).objective for q in draw.questions] == [
            "pool.alpha", "pool.alpha", "pool.beta", "pool.beta"]


def test_a_draw_is_the_same_every_time_for_a_learner_and_differs_between_learners():
    bank = fixture_bank("pools")
    draws = {learner: draw_closing(bank, learner).questions for learner in LEARNERS}
    assert all(draw_closing(bank, learner).questions == draws[learner] for learner in LEARNERS)
    assert len({frozenset(d) for d in draws.values()}) > 1


def test_adding_a_question_to_one_objective_leaves_the_other_objectives_draws_alone():
    bank = fixture_bank("pools")
    extra = dataclasses.replace(bank.question("pl-b-closing-3"), id="pl-b-closing-4")
    grown = dataclasses.replace(bank, questions=(*bank.questions, extra))
    for learner in LEARNERS:
        before = [q for q in draw_closing(bank, learner).questions if q.startswith("pl-a")]
        after = [q for q in draw_closing(grown, learner).questions if q.startswith("pl-a")]
        assert before == after


def test_excluded_questions_are_not_drawn_and_a_short_part_is_reported():
    bank = fixture_bank("pools")
    draw = draw_closing(bank, LEARNERS[0], exclude={"pl-a-closing-1", "pl-a-closing-2"})
    assert [q for q in draw.questions if q.startswith("pl-a")] == ["pl-a-closing-3"]
    assert not draw.complete
    assert [(s.objective, s.wanted, s.available) for s in draw.shortfalls] == [
        ("pool.alpha", 2, 1)]


def test_a_bank_without_a_closing_quiz_draws_nothing():
    bank = dataclasses.replace(fixture_bank("pools"), closing_per_objective=0)
    assert draw_closing(bank, LEARNERS[0]).questions == ()
    assert lesson_questions(bank, LEARNERS[0]) == tuple(
        q for ids in bank.self_checks for q in ids)


def test_a_lesson_asks_its_inline_checks_then_the_closing_draw():
    bank = fixture_bank("pools")
    asked = lesson_questions(bank, LEARNERS[1])
    assert asked[:4] == ("pl-a-inline-1", "pl-a-inline-2", "pl-b-inline-1", "pl-b-inline-2")
    assert asked[4:] == draw_closing(bank, LEARNERS[1]).questions


def test_pool_sizes_count_inline_closing_and_final_parts():
    lesson = fixture_bank("pools")
    final_question = dataclasses.replace(lesson.question("pl-a-closing-1"), id="fin-a")
    final = dataclasses.replace(lesson, id="final", questions=(final_question,),
                                self_checks=())
    sizes = pool_sizes([lesson, final], {"pool.alpha": "pools", "pool.beta": "pools"})
    assert sizes["pool.alpha"] == PoolSize("pool.alpha", inline=2, closing=3, final=1)
    assert sizes["pool.beta"].total == 5


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_pseudonym_gets_a_full_draw_without_inline_questions(learner):
    bank = fixture_bank("pools")
    draw = draw_closing(bank, learner)
    assert len(draw.questions) == len(set(draw.questions)) == 4
    assert not set(draw.questions) & bank.inline_ids


@pytest.mark.parametrize("self_checks, question", [
    ([["pl-a-inline-1", "no-such-question"]], "no-such-question"),
    ([["pl-a-inline-1"], ["pl-a-inline-1"]], "pl-a-inline-1"),
])
def test_a_check_naming_an_unknown_or_already_used_question_is_refused(self_checks, question):
    data = fixture_data("pools")
    data["self_checks"] = self_checks
    with pytest.raises(BankError) as info:
        bank_from_data(data, "pools.yaml")
    assert (info.value.question, info.value.field) == (question, "self_checks")


def test_the_schema_refuses_a_negative_draw_and_a_bad_check_name():
    for change in ({"closing_per_objective": -1}, {"self_checks": [[]]}):
        data = {**fixture_data("pools"), **change}
        with pytest.raises(BankError):
            bank_from_data(data, "pools.yaml")


def test_every_learner_is_asked_the_same_number_of_questions():
    bank = fixture_bank("pools")
    assert asked_count(bank) == 4 + 4
    assert all(len(lesson_questions(bank, learner)) == 8 for learner in LEARNERS)
    greedy = dataclasses.replace(bank, closing_per_objective=5)  # only three to draw from
    assert asked_count(greedy) == 4 + 6
    plain = dataclasses.replace(bank, self_checks=(), closing_per_objective=0)
    assert asked_count(plain) == len(bank.questions)
