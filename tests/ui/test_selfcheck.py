"""The self-check widget, driven headlessly as a learner would."""

from __future__ import annotations

import dataclasses

import ipywidgets as widgets
import pytest

import course
from course.quiz import load_bank
from course.ui import SelfCheck

START_ALL = len(load_bank("00_start_here").questions)  # SelfCheck without part: the whole bank


@pytest.mark.parametrize("lang, right, wrong, summary", [
    ("ja", "✔ 正解", "✘ 不正解", f"{START_ALL}問中 1問 正解"),
    ("en", "✔ Correct", "✘ Incorrect", f"So far: 1 of {START_ALL} correct"),
])
def test_answers_get_feedback_in_words_and_symbols(lang, right, wrong, summary):
    check = SelfCheck("00_start_here", lang=lang)
    assert check.answer("start-run-cell", "shift-enter").correct
    assert right in check.view("start-run-cell").feedback.value
    result = check.answer("start-restart", "close-browser")
    assert not result.correct and result.score == 0
    feedback = check.view("start-restart").feedback.value
    assert wrong in feedback
    assert load_bank("00_start_here").question("start-restart").option(
        "close-browser").feedback[lang] in feedback
    assert summary in check.summary.value
    assert 'role="status"' in feedback  # announced to screen readers


def test_pressing_check_without_an_answer_asks_for_one_and_records_nothing():
    check = SelfCheck("00_start_here", lang="en")
    view = check.view("start-run-cell")
    view.check.click()
    assert check.result is not None and not check.result.answered
    assert "No answer chosen yet" in view.feedback.value
    assert check.grades == {}


def test_retry_replaces_the_grade_of_that_question():
    check = SelfCheck("00_start_here", lang="en", questions=["start-run-cell"])
    check.answer("start-run-cell", "ctrl-s")
    assert "0 of 1" in check.summary.value
    check.answer("start-run-cell", "shift-enter")
    assert "1 of 1" in check.summary.value


def test_widget_language_follows_setup_when_not_given():
    course.setup("en")
    check = SelfCheck("00_start_here")
    assert check.view("start-run-cell").check.description == "Check"
    course.setup("ja")
    assert SelfCheck("00_start_here").view("start-run-cell").check.description == "答え合わせ"


def test_every_control_has_a_label():
    check = SelfCheck("00_start_here", lang="ja")
    for view in check.views:
        assert isinstance(view.choice, widgets.RadioButtons)
        assert view.choice.description.startswith("問")
        assert view.check.description and view.check.tooltip


def test_bank_text_is_shown_as_text_never_as_markup():
    bank = load_bank("00_start_here")
    question = bank.questions[0]
    hostile = dataclasses.replace(
        question,
        text={"ja": "<script>alert(1)</script>", "en": "<img src=x onerror=alert(1)>"},
        explanation={"ja": "<b>x</b>", "en": "<b>x</b>"},
    )
    check = SelfCheck(dataclasses.replace(bank, questions=(hostile,)), lang="en")
    assert "<img" not in check.views[0].prompt.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in check.views[0].prompt.value
    check.answer(hostile.id, "shift-enter")
    assert "<b>" not in check.views[0].feedback.value


def test_the_learners_self_check_records_and_resumes_but_check_cells_do_not(tmp_path,
                                                                             monkeypatch):
    from course.progress import ProgressStore, default_path

    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(tmp_path))
    learner = SelfCheck("00_start_here", lang="en")  # what a notebook cell builds
    learner.answer("start-run-cell", "ctrl-s")
    learner.answer("start-run-cell", "shift-enter")
    rows = ProgressStore(default_path()).rows()
    assert [(r.answer, r.attempt, r.mode) for r in rows] == [
        ('"ctrl-s"', 1, "self_check"), ('"shift-enter"', 2, "self_check")]
    resumed = SelfCheck("00_start_here", lang="en")
    assert resumed.view("start-run-cell").choice.value == "shift-enter"
    assert f"1 of {START_ALL} correct" in resumed.summary.value
    check_cell = SelfCheck("00_start_here", lang="en", store=None)  # an nbval assert cell
    check_cell.answer("start-restart", "restart-run-all")
    assert len(ProgressStore(default_path()).rows()) == 2
    assert check_cell.view("start-run-cell").choice.value is None  # starts clean
