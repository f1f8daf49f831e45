"""course.problems: the one problem type, and its two kinds (issue #14.3)."""

from __future__ import annotations

from course.i18n import LANGUAGES
from course.problems import Problem
from course.quiz.problems import Problem as QuizProblem
from course.quiz.problems import problem
from course.sim.core.errors import Refusal
from course.sim.core.problems import Problem as SimProblem
from course.sim.core.problems import Severity, error


def test_both_kinds_are_the_one_problem_type_and_read_the_same_way():
    shown = [
        error("number_too_short", digits=9),
        Refusal("number_limit_reached", {"limit": 1}),
        problem("quiz.problem.no_answer"),
        QuizProblem("bad_type", file="a.json", row=3, field="type", params={"types": "x"}),
    ]
    for item in shown:
        assert isinstance(item, Problem)
        texts = item.messages()
        assert set(texts) == set(LANGUAGES) and all(texts.values())
        assert item.message("en") == texts["en"] and item.message("ja") == texts["ja"]


def test_each_kind_keeps_what_its_own_text_system_offers():
    sim = SimProblem("number_too_short", Severity.ERROR, {"digits": 1})
    assert sim.text("message", "en") == sim.message("en")
    assert "1 digit," in sim.text("cause", "en")  # the error catalog has a cause and a fix
    assert sim.both("fix")["ja"]
    located = QuizProblem("bad_type", file="a.json", row=3, field="type", params={"types": "x"})
    assert located.text == located.messages()  # the quiz kind's dict, as callers index it
    assert located.message("en").startswith("a.json")


def test_a_problem_s_values_stay_out_of_its_repr():
    # A value may be something the learner typed (a suggested number, say).
    assert "0123" not in repr(error("number_maybe_foreign", suggestion="+81 90-0123-4567"))
    assert "0123" not in repr(Refusal("lab_bad_number", {"typed": "090-0123-4567"}))
