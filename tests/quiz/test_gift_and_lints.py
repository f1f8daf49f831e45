"""GIFT export read back with a Moodle-faithful reader, and the bank lints
(which must both pass on the course's banks and fire on broken ones)."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from course.quiz import bank_paths, load_bank, to_gift
from course.quiz.gift import gift_escape
from course.quiz.lint import lint_banks
from tests.helpers import REPO, notebook_paths, run_course
from tests.quiz.gift_reader import GiftQuestion, _post, _pre, read_gift
from tests.quiz.helpers import FIXTURES, fixture_bank


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_gift_reads_back_as_the_same_questions(lang):
    bank = fixture_bank()
    export = to_gift(bank, lang)
    parsed = read_gift(export.text)
    assert parsed[0] == "x-phone-course/all_types"
    questions = {q.name: q for q in parsed[1:] if isinstance(q, GiftQuestion)}
    assert list(questions) == list(export.exported)
    assert {qid for qid, _ in export.skipped} == {"fx-ordering", "fx-ordering-position"}
    assert all(why[lang] for _, why in export.skipped)
    for qid, read in questions.items():
        source = bank.question(qid)
        assert read.text == source.text[lang]
        assert read.general_feedback == source.explanation[lang]
        expected_type = {"single_choice": "multichoice", "multiple_choice": "multichoice",
                         "true_false": "truefalse", "matching": "match",
                         "numeric": "numerical", "short_text": "shortanswer"}[source.type]
        assert read.qtype == expected_type
        if source.type in ("single_choice", "multiple_choice"):
            assert [(a.text, a.fraction, a.feedback) for a in read.answers] == [
                (o.text[lang], pytest.approx(o.fraction), o.feedback[lang])
                for o in source.options]
        if source.type == "true_false":
            right = next(o for o in source.options if o.correct)
            assert read.true_false == (right.id == "true")
            assert read.feedback_true == source.option("true").feedback[lang]
            assert read.feedback_false == source.option("false").feedback[lang]
        if source.type == "matching":
            pairs = [(p.text[lang], source.choice(p.match).text[lang]) for p in source.prompts]
            assert read.pairs[: len(pairs)] == pairs
            assert read.pairs[len(pairs):] == [("", "The weather" if lang == "en" else "天気")]
        if source.type == "numeric":
            assert read.numbers == [(r.value, r.tolerance, r.fraction, r.feedback[lang])
                                    for r in source.rules]
            assert read.answers[0].feedback == source.default_feedback[lang]
        if source.type == "short_text":
            assert [(a.text, a.fraction) for a in read.answers] == [
                (a.text, a.fraction) for a in source.accept] + [("*", 0.0)]


def test_gift_of_a_hostile_bank_keeps_markup_as_text():
    bank = fixture_bank("hostile")
    text = to_gift(bank, "en").text
    assert "<script" not in text and "<img" not in text and "&lt;script&gt;" in text
    read = [q for q in read_gift(text) if isinstance(q, GiftQuestion)]
    assert read[0].text == bank.question("h-single").text["en"]


def test_gift_notes_what_moodle_cannot_hold():
    notes = {(qid, note["en"].split(" ")[0]) for qid, note in to_gift(fixture_bank(), "en").notes}
    assert ("fx-single", "GIFT") in notes  # its hint
    assert {qid for qid, _ in notes} >= {"fx-matching", "fx-numeric", "fx-short"}


@given(st.text(st.characters(blacklist_categories=("Co", "Cs")), max_size=60))
def test_escaped_text_reads_back_exactly_and_hides_every_special_character(text):
    escaped = gift_escape(text)
    assert _post(_pre(escaped)) == text.replace("\r", "")
    hidden = _pre(escaped)
    assert not any(char in hidden for char in "~=#{}:\n")


def test_the_gift_command_writes_a_file_and_reports_skipped_questions(tmp_path):
    out = tmp_path / "bank.gift"
    result = run_course("gift", str(FIXTURES / "all_types.yaml"), "--lang", "ja", "--output",
                        str(out), env={"COURSE_LANG": "en"})
    assert result.returncode == 0, result.stderr
    assert "Not exported fx-ordering" in result.stderr and "Exported 7" in result.stderr
    assert read_gift(out.read_text(encoding="utf-8"))[1].text.startswith("X の SMS")
    bad = run_course("gift", "no_such_bank", env={"COURSE_LANG": "ja"})
    assert bad.returncode == 2 and "問題集を読み込めません" in bad.stderr
    assert "Traceback" not in bad.stderr


# ---------------------------------------------------------------- lints
def _notebook_objectives() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for path in notebook_paths():
        meta = json.loads(path.read_text(encoding="utf-8"))["metadata"].get("course")
        if meta:
            out.setdefault(meta["stem"], [])
            out[meta["stem"]] += [o for o in meta["objectives"] if o not in out[meta["stem"]]]
    return out


def test_the_course_banks_pass_every_lint():
    banks = [load_bank(p.stem) for p in bank_paths()]
    assert [str(p) for p in lint_banks(banks, _notebook_objectives())] == []


def test_every_bank_file_belongs_to_a_notebook_or_is_the_final_assessment():
    import yaml

    stems = {n["stem"] for n in yaml.safe_load(
        (REPO / "data" / "course.yaml").read_text(encoding="utf-8"))["notebooks"]}
    for path in bank_paths():
        assert path.stem in stems | {"final_assessment"}, path.name


def test_each_lint_fires_on_a_broken_bank():
    bank = fixture_bank()
    single = bank.question("fx-single")
    two_right = dataclasses.replace(single, options=tuple(
        dataclasses.replace(o, correct=True) for o in single.options))
    silent = dataclasses.replace(single, id="fx-silent", options=tuple(
        dataclasses.replace(o, feedback={"ja": "", "en": ""}) if not o.correct else o
        for o in single.options))
    no_en = dataclasses.replace(single, id="fx-no-en", explanation={"ja": "説明", "en": " "})
    broken = dataclasses.replace(bank, questions=(two_right, silent, no_en, single))
    rules = {(p.rule, p.question) for p in lint_banks(
        [broken], {"01_x": ["fixture.choices", "fixture.never"]})}
    assert ("one_correct", "fx-single") in rules
    assert ("wrong_option_feedback", "fx-silent") in rules
    assert ("both_languages", "fx-no-en") in rules
    assert ("unique_ids", "fx-single") in rules
    assert ("objective_coverage", None) in rules  # fixture.never has no question
    assert ("objective_declared", "fx-single") not in rules
    undeclared = lint_banks([bank], {"01_x": ["fixture.choices"]})
    assert {p.question for p in undeclared if p.rule == "objective_declared"} == {
        q.id for q in bank.questions if q.objective == "fixture.steps"}


def test_duplicate_ids_are_caught_across_banks():
    bank = fixture_bank()
    problems = lint_banks([bank, dataclasses.replace(bank, id="copy")],
                          {"x": ["fixture.choices", "fixture.steps"]})
    assert {p.question for p in problems if p.rule == "unique_ids"} == {
        q.id for q in bank.questions}
