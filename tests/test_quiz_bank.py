"""Question banks load, or fail naming the file, the question and the field."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from course.paths import data_dir
from course.quiz import BankError, grade, load_bank
from course.quiz.bank import load_bank_file
from tests.helpers import examples


def _write(tmp_path: Path, content) -> Path:
    path = tmp_path / "bank.yaml"
    path.write_text(content if isinstance(content, str) else yaml.safe_dump(content,
                    allow_unicode=True), encoding="utf-8")
    return path


def _valid() -> dict:
    return yaml.safe_load((data_dir() / "quizzes" / "00_start_here.yaml").read_text("utf-8"))


def test_start_here_bank_loads_with_every_text_in_both_languages():
    bank = load_bank("00_start_here")
    assert bank.objectives == ("start.use_jupyter", "start.switch_language")
    for q in bank.questions:
        assert q.text["ja"] and q.text["en"]
        assert sum(o.correct for o in q.options) == 1


def test_each_objective_of_start_here_is_tested_by_two_questions():
    bank = load_bank("00_start_here")
    for objective in bank.objectives:
        assert sum(q.objective == objective for q in bank.questions) >= 2


@pytest.mark.parametrize("mutate, question, field", [
    (lambda b: b["questions"][1]["options"][2].update(correct=False), "start-restart", "options"),
    (lambda b: b["questions"][0]["text"].pop("en"), "start-run-cell", "text"),
    (lambda b: b["questions"][2]["options"][1].pop("feedback"), "start-switch-language",
     "options[1].feedback"),
    (lambda b: b["questions"][3].update(type="essay"), "start-where-english", "type"),
    (lambda b: b["questions"][3].update(id="start-run-cell"), "start-run-cell", "id"),
])
def test_a_broken_bank_names_file_question_and_field(tmp_path, mutate, question, field):
    bank = _valid()
    mutate(bank)
    path = _write(tmp_path, bank)
    with pytest.raises(BankError) as info:
        load_bank_file(path)
    assert info.value.path == str(path)
    assert info.value.question == question
    assert info.value.field == field
    assert str(path) in str(info.value) and field in str(info.value)


def test_invalid_yaml_is_reported_as_a_bank_error(tmp_path):
    with pytest.raises(BankError, match="not valid YAML"):
        load_bank_file(_write(tmp_path, "questions: [\n"))


@settings(max_examples=examples(200), deadline=None)
@given(st.text(max_size=300))
def test_any_file_content_gives_a_bank_or_a_bank_error(tmp_path_factory, content):
    path = _write(tmp_path_factory.mktemp("fuzz"), content)
    with contextlib.suppress(BankError):
        load_bank_file(path)


@settings(max_examples=examples(300), deadline=None)
@given(st.one_of(st.none(), st.text(), st.integers(), st.lists(st.text()), st.booleans()))
def test_grading_never_raises_and_scores_between_zero_and_one(answer):
    question = load_bank("00_start_here").questions[0]
    result = grade(question, answer)
    assert 0.0 <= result.score <= 1.0
    assert result.correct == (answer == "shift-enter")


def test_the_final_assessment_covers_every_objective_of_the_lessons():
    """09's bank tests each objective that notebooks 01-08 declare, at least once."""
    import json

    from course.paths import notebooks_dir

    declared: set[str] = set()
    for path in sorted((notebooks_dir() / "ja").glob("0[1-8]_*.ipynb")):
        declared |= set(json.loads(path.read_text("utf-8"))["metadata"]["course"]["objectives"])
    final = load_bank("09_checklist_and_final_quiz")
    tested = {question.objective for question in final.questions}
    assert declared and declared <= tested, sorted(declared - tested)
