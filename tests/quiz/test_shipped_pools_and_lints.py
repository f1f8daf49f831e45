"""The quiz-quality, pool and notebook lints (course/quiz/lint.py) on the files the
course ships: every bank in data/quizzes and every lesson notebook, both languages.

tests/quiz/test_quality_lints.py shows each rule firing on a broken bank; here the
same rules must find nothing in the real course. A failure names the bank, the
question and what to fix.
"""

from __future__ import annotations

import json
from functools import cache

import pytest
import yaml

from course.paths import data_path
from course.quiz import bank_paths, load_bank
from course.quiz.lint import (
    near_duplicates,
    notebook_problems,
    notebook_usage,
    pool_problems,
    quality_problems,
)
from course.quiz.model import Bank
from course.quiz.objectives import objectives
from course.quiz.pools import asked_count, closing_part, draw_closing, lesson_questions
from tests.helpers import REPO

COURSE_MAP = yaml.safe_load(data_path("course.yaml").read_text(encoding="utf-8"))["notebooks"]
AVAILABLE = [n["stem"] for n in COURSE_MAP if n["status"] == "available"]
FINAL = "09_checklist_and_final_quiz"
ORIENTATION, APPENDIX = "00_start_here", "10_sources"
# Every lesson from the third notebook (02) to the final one opens with a review of
# the lessons before it; the orientation has nothing before it, and the appendix is
# a reference read in any order.
REVIEWED = [s for s in AVAILABLE
            if s not in (ORIENTATION, "01_why_a_phone_number", APPENDIX)]
PSEUDONYMS = [f"learner-{n:04x}" for n in range(0, 4000, 97)]


@cache
def _banks() -> tuple[Bank, ...]:
    return tuple(load_bank(p.stem) for p in bank_paths())


def _bank(stem: str) -> Bank:
    return next(b for b in _banks() if b.id == stem)


@cache
def _owners() -> dict[str, str]:
    return {o.id: o.notebook for o in objectives()}


def _learner_cells(stem: str, lang: str) -> list[str]:
    nb = json.loads((REPO / "notebooks" / lang / f"{stem}.ipynb").read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"
            and "course-check" not in c["metadata"].get("tags", [])]


def _messages(problems) -> list[str]:
    return [str(p) for p in problems]


# ---------------------------------------------------------------- quality
def test_no_hint_contains_the_keyed_answer():
    found = [p for p in quality_problems(_banks()) if p.rule == "hint_gives_away"]
    assert _messages(found) == []


def test_every_matching_question_has_a_spare_option():
    found = [p for p in quality_problems(_banks()) if p.rule == "matching_spare_choice"]
    assert _messages(found) == []
    assert any(q.type == "matching" for b in _banks() for q in b.questions)  # rule had work


def test_no_question_is_a_reworded_repeat_of_one_the_learner_met_before():
    assert _messages(near_duplicates(_banks(), _owners())) == []


# ---------------------------------------------------------------- pools
def test_every_objective_has_three_questions_and_enough_for_each_draw():
    assert _messages(pool_problems(_banks(), _owners(), final_bank=FINAL)) == []


def test_every_objective_a_notebook_teaches_is_in_its_bank_and_has_a_closing_part():
    for stem, owned in _by_notebook().items():
        bank = _bank(stem)
        if bank.closing_per_objective <= 0:
            continue
        parts = closing_part(bank)
        for objective in owned:
            assert objective in bank.objectives, (stem, objective)
            if stem != FINAL:
                assert len(parts.get(objective, ())) >= bank.closing_per_objective, (
                    stem, objective)


def _by_notebook() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for objective, stem in _owners().items():
        out.setdefault(stem, []).append(objective)
    return out


# ---------------------------------------------------------------- notebooks
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_question_is_both_inline_and_in_the_closing_quiz_of_a_lesson(lang):
    usages = [notebook_usage(stem, _learner_cells(stem, lang)) for stem in AVAILABLE]
    found = [p for p in notebook_problems(_banks(), usages)
             if p.rule in ("inline_and_closing", "unknown_part")]
    assert _messages(found) == []


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_lesson_from_02_on_opens_with_a_review_right_after_setup(lang):
    usages = [notebook_usage(stem, _learner_cells(stem, lang)) for stem in AVAILABLE]
    found = [p for p in notebook_problems(_banks(), usages, review_from=REVIEWED)
             if p.rule == "review_opens_lesson"]
    assert _messages(found) == []
    assert len(REVIEWED) == 8
    for stem in REVIEWED:
        _setup, first_widget, *_ = _learner_cells(stem, lang)
        assert first_widget.strip() == f'Review("{stem}")', stem
    for stem in (ORIENTATION, "01_why_a_phone_number"):
        assert notebook_usage(stem, _learner_cells(stem, lang)).reviews == [], stem


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_bank_with_a_closing_part_is_drawn_by_its_notebook_and_only_then(lang):
    for stem in AVAILABLE:
        usage = notebook_usage(stem, _learner_cells(stem, lang))
        drawn = _bank(stem).closing_per_objective > 0
        assert (stem in usage.closing) == drawn, stem
        assert usage.whole_bank == [], stem  # no quiz shows a whole bank any more
    assert notebook_usage(FINAL, _learner_cells(FINAL, lang)).closing == [FINAL]


# ---------------------------------------------------------------- what a learner meets
def test_a_learner_who_did_every_inline_check_meets_only_new_questions_at_the_end():
    inline_anywhere = {q for b in _banks() for q in b.inline_ids}
    for bank in _banks():
        if bank.closing_per_objective <= 0:
            continue
        for learner in PSEUDONYMS:
            draw = draw_closing(bank, learner)
            assert draw.complete and draw.questions, (bank.id, learner, draw.shortfalls)
            assert not set(draw.questions) & inline_anywhere, (bank.id, learner)


def test_progress_counts_the_inline_checks_and_the_closing_draw():
    for bank in _banks():
        inline = sum(len(ids) for ids in bank.self_checks)
        for learner in PSEUDONYMS[:5]:
            asked = lesson_questions(bank, learner)
            assert len(asked) == len(set(asked)) == asked_count(bank), bank.id
            assert len(asked) - inline == len(draw_closing(bank, learner).questions)
