"""The quiz-quality lints fire on deliberately broken banks and notebooks."""

from __future__ import annotations

import dataclasses

from course.quiz.lint import (
    hint_gives_away,
    near_duplicates,
    notebook_problems,
    notebook_usage,
    pool_problems,
    quality_problems,
    similarity,
)
from course.quiz.model import Choice, Prompt
from tests.quiz.helpers import fixture_bank

OWNERS = {"pool.alpha": "pools", "pool.beta": "pools"}


def _rules(problems) -> set[tuple[str, str | None]]:
    return {(p.rule, p.question) for p in problems}


def test_a_hint_that_contains_the_keyed_option_is_caught_in_either_language():
    bank = fixture_bank()
    single = bank.question("fx-single")
    key = next(o for o in single.options if o.correct)
    for lang in ("ja", "en"):
        hint = {"ja": "ヒント", "en": "a hint", lang: f"think of {key.text[lang]}"}
        leaky = dataclasses.replace(single, hint=hint)
        assert hint_gives_away(leaky) == key.text[lang] or hint_gives_away(leaky) is not None
    wrong = next(o for o in single.options if not o.correct)
    fair = dataclasses.replace(single, hint={"ja": wrong.text["ja"], "en": wrong.text["en"]})
    assert hint_gives_away(fair) is None


def test_a_hint_with_the_numeric_answer_or_an_accepted_text_is_caught():
    bank = fixture_bank()
    numeric = next(q for q in bank.questions if q.type == "numeric")
    value = next(r.value for r in numeric.rules if r.fraction == 1)
    number = str(int(value)) if float(value).is_integer() else str(value)
    leaky = dataclasses.replace(numeric, hint={"ja": f"{number}です", "en": f"It is {number}"})
    assert hint_gives_away(leaky) == number
    bigger = dataclasses.replace(numeric, hint={"ja": f"{number}1 ではない",
                                                "en": f"not {number}1"})
    assert hint_gives_away(bigger) is None  # a longer number is not the answer
    short = next(q for q in bank.questions if q.type == "short_text")
    answer = next(a.text for a in short.accept if a.fraction == 1)
    spaced = dataclasses.replace(short, hint={"ja": answer.upper(), "en": "no"})
    assert hint_gives_away(spaced) is not None


def test_a_matching_question_without_a_spare_choice_is_caught():
    prompts = (Prompt("p1", {"ja": "一", "en": "one"}, "c1", {"ja": "x", "en": "x"}),
               Prompt("p2", {"ja": "二", "en": "two"}, "c2", {"ja": "x", "en": "x"}))
    choices = (Choice("c1", {"ja": "A", "en": "A"}), Choice("c2", {"ja": "B", "en": "B"}))
    bank = fixture_bank()
    base = next(q for q in bank.questions if q.type == "matching")
    tight = dataclasses.replace(base, id="fx-tight", prompts=prompts, choices=choices)
    spare = dataclasses.replace(tight, id="fx-spare", choices=(
        *choices, Choice("c3", {"ja": "C", "en": "C"})))
    found = _rules(quality_problems([dataclasses.replace(bank, questions=(tight, spare))]))
    assert ("matching_spare_choice", "fx-tight") in found
    assert ("matching_spare_choice", "fx-spare") not in found


def test_pool_rules_want_three_per_objective_and_enough_for_each_draw():
    bank = fixture_bank("pools")
    assert pool_problems([bank], OWNERS) == []
    greedy = dataclasses.replace(bank, closing_per_objective=4)
    assert {p.rule for p in pool_problems([greedy], OWNERS)} == {"pool_draw"}
    thin = dataclasses.replace(bank, questions=tuple(
        q for q in bank.questions if q.objective == "pool.alpha" or q.id == "pl-b-inline-1"))
    problems = pool_problems([thin], {**OWNERS, "pool.gamma": "pools"})
    detail = " ".join(p.detail for p in problems if p.rule == "pool_size")
    assert "'pool.beta' has 1" in detail and "'pool.gamma' has 0" in detail


def test_the_final_bank_needs_a_final_part_for_every_objective_it_draws():
    lesson = fixture_bank("pools")
    final_q = dataclasses.replace(lesson.question("pl-a-closing-1"), id="fin-a")
    final = dataclasses.replace(lesson, id="final", questions=(final_q,), self_checks=(),
                                objectives=("pool.alpha",), closing_per_objective=1)
    assert pool_problems([lesson, final], OWNERS, final_bank="final") == []
    gap = dataclasses.replace(final, objectives=("pool.alpha", "pool.beta"))
    problems = pool_problems([lesson, gap], OWNERS, final_bank="final")
    assert [(p.rule, p.bank) for p in problems] == [("pool_draw", "final")]
    assert "'pool.beta'" in problems[0].detail
    final2 = dataclasses.replace(final, closing_per_objective=2)
    assert [p.rule for p in pool_problems([lesson, final2], OWNERS, final_bank="final")] == [
        "pool_draw"]


CELLS = [
    'from course.lessons import SelfCheck\n'
    'check = SelfCheck("pools", questions=["pl-a-inline-1"])',
    'SelfCheck("pools", part=2).widget',
    'from course.lessons import ClosingQuiz\nClosingQuiz("pools").widget',
]


def test_notebook_usage_reads_inline_checks_closing_quizzes_and_reviews():
    usage = notebook_usage("02_x", [*CELLS, 'Review("02_x").widget', "not python ("])
    assert usage.inline == [("pools", ("pl-a-inline-1",))]
    assert usage.parts == [("pools", 2)]
    assert usage.closing == ["pools"] and usage.reviews == ["02_x"] and not usage.whole_bank


def test_notebook_rules_catch_a_repeated_question_a_whole_bank_quiz_and_a_missing_review():
    bank = fixture_bank("pools")
    good = notebook_usage("02_x", [*CELLS, 'Review("02_x")'])
    assert notebook_problems([bank], [good], review_from=["02_x"]) == []
    bad = notebook_usage("02_x", [
        'SelfCheck("pools", questions=["pl-a-closing-1"])', 'Quiz("pools").widget',
        'SelfCheck("pools", part=3)'])
    found = _rules(notebook_problems([bank], [bad], review_from=["02_x"]))
    assert found == {("inline_and_closing", "pl-a-closing-1"), ("inline_and_closing", None),
                     ("unknown_part", None), ("review_opens_lesson", None)}


def test_a_reworded_repeat_in_the_closing_part_or_the_final_is_caught():
    bank = fixture_bank("pools")
    inline = bank.question("pl-a-inline-1")
    reworded = dataclasses.replace(bank.question("pl-a-closing-1"), text={
        "ja": "言い換え", "en": "The statement of pl-a-inline-1 is true, isn't it?"})
    other = dataclasses.replace(bank.question("pl-a-closing-2"), text={
        "ja": "別の問い", "en": "Which setting hides an account from people with your number?"})
    lesson = dataclasses.replace(bank, questions=(inline, reworded, other, *bank.questions[5:]))
    assert similarity(inline, reworded) >= 0.4 > similarity(inline, other)
    found = _rules(near_duplicates([lesson], OWNERS))
    assert ("near_duplicate", "pl-a-closing-1") in found
    assert ("near_duplicate", "pl-a-closing-2") not in found
    final_q = dataclasses.replace(inline, id="fin-a")
    final = dataclasses.replace(bank, id="final", questions=(final_q,), self_checks=())
    assert ("near_duplicate", "fin-a") in _rules(near_duplicates([bank, final], OWNERS))
