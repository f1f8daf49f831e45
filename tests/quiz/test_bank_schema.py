"""Banks are validated against data/quizzes/schema.json and the rules a schema
cannot express; every mistake names the file, the question and the field."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from course.paths import data_path
from course.quiz import TYPES, BankError, bank_paths, load_bank, load_bank_file
from course.quiz.bank import bank_from_data
from tests.helpers import examples
from tests.quiz.helpers import FIXTURES, fixture_bank, fixture_data, question_data


def _write(tmp_path: Path, data) -> Path:
    path = tmp_path / "bank.yaml"
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_schema_is_a_valid_json_schema():
    schema = json.loads(data_path("quizzes", "schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert set(schema["$defs"]["question"]["properties"]["type"]["enum"]) == set(TYPES)


def test_the_fixture_bank_holds_every_question_type():
    bank = fixture_bank()
    assert {q.type for q in bank.questions} == set(TYPES)
    assert bank.release_hashes and bank.shuffle_options and not bank.shuffle_questions


def test_every_course_bank_loads():
    paths = bank_paths()
    assert [p.stem for p in paths] == sorted(p.stem for p in paths) and paths
    for path in paths:
        assert load_bank(path.stem).id == path.stem


def _set(qid: str, key: str, value):
    return lambda d: question_data(d, qid).__setitem__(key, value)


def _pop(qid: str, *keys):
    def mutate(d):
        node = question_data(d, qid)
        for key in keys[:-1]:
            node = node[key]
        node.pop(keys[-1])
    return mutate


BROKEN = [
    (_set("fx-multiple", "options", [dict(o, correct=False) for o in
                                     question_data(fixture_data(), "fx-multiple")["options"]]),
     "fx-multiple", "options"),
    (lambda d: question_data(d, "fx-weighted")["options"][0].update(fraction=0.25),
     "fx-weighted", "options"),
    (lambda d: question_data(d, "fx-weighted")["options"][0].update(correct=False),
     "fx-weighted", "options[0].fraction"),
    (_pop("fx-ordering", "items", 1, "feedback"), "fx-ordering", "items[1].feedback"),
    (lambda d: question_data(d, "fx-ordering")["items"][2].update(id="open-settings"),
     "fx-ordering", "items"),
    (_set("fx-ordering", "scoring", "kendall"), "fx-ordering", "scoring"),
    (lambda d: question_data(d, "fx-matching")["prompts"][0].update(match="nowhere"),
     "fx-matching", "prompts[0].match"),
    (lambda d: question_data(d, "fx-numeric")["rules"].pop(0), "fx-numeric", "rules"),
    (lambda d: question_data(d, "fx-numeric")["rules"][0].update(tolerance=-1),
     "fx-numeric", "rules[0].tolerance"),
    (_pop("fx-numeric", "default_feedback"), "fx-numeric", "default_feedback"),
    (lambda d: question_data(d, "fx-short")["accept"].append(
        {"answer": "ＤＩＳＣＯＶＥＲＡＢＩＬＩＴＹ", "feedback": {"ja": "x", "en": "x"}}),
     "fx-short", "accept"),
    (_pop("fx-true-false", "feedback_false"), "fx-true-false", "feedback_false"),
    (_set("fx-true-false", "answer", "yes"), "fx-true-false", "answer"),
    (_set("fx-single", "feedbak", {"ja": "x", "en": "x"}), "fx-single", "feedbak"),
    (_set("fx-single", "items", []), "fx-single", "items"),
    (_pop("fx-single", "sources"), "fx-single", "sources"),
    (_set("fx-single", "sources", "see the wiki"), "fx-single", "sources"),
    (_set("fx-single", "sources", ["https://example.com/wiki"]), "fx-single", "sources[0]"),
    (_set("fx-single", "sources", ["no-such-source"]), "fx-single", "sources"),
    (_set("fx-single", "objective", "fixture.elsewhere"), "fx-single", "objective"),
    (_set("fx-single", "objective", "No Dots"), "fx-single", "objective"),
    (lambda d: question_data(d, "fx-single")["hint"].update(ja="   "), "fx-single", "hint"),
    (_pop("fx-single", "explanation", "en"), "fx-single", "explanation"),
    (lambda d: question_data(d, "fx-single")["options"][0].update(correct=True),
     "fx-single", "options"),
    (lambda d: question_data(d, "fx-single")["options"][0].update(fraction=0.5),
     "fx-single", "options"),
    (lambda d: d["questions"][1].update(id="fx-single"), "fx-single", "id"),
    (lambda d: d["questions"][0].pop("id"), None, "questions[0].id"),
    (lambda d: d.pop("title"), None, "title"),
    (lambda d: d.update(colour="blue"), None, "colour"),
]


@pytest.mark.parametrize("mutate, question, field", BROKEN,
                         ids=[f"{q}:{f}" for _, q, f in BROKEN])
def test_a_broken_bank_names_the_file_the_question_and_the_field(tmp_path, mutate, question,
                                                                  field):
    data = fixture_data()
    mutate(data)
    path = _write(tmp_path, data)
    with pytest.raises(BankError) as info:
        load_bank_file(path)
    assert (info.value.path, info.value.question, info.value.field) == (str(path), question,
                                                                         field)
    assert str(path) in str(info.value) and field in str(info.value)


@pytest.mark.parametrize("text, problem", [
    ("id: x\nquestions: &q [1]\nother: *q\n", "aliases"),
    ("id: x\nid: y\n", "duplicate key"),
    ("questions: [\n", "not valid YAML"),
    ("just text", "must be a mapping"),
    ("", "must be a mapping"),
])
def test_unsafe_or_broken_yaml_is_a_bank_error(tmp_path, text, problem):
    with pytest.raises(BankError, match=problem):
        load_bank_file(_write(tmp_path, text))


def test_a_missing_or_huge_file_is_a_bank_error(tmp_path):
    with pytest.raises(BankError, match="cannot be read"):
        load_bank_file(tmp_path / "absent.yaml")
    huge = tmp_path / "huge.yaml"
    huge.write_text("#" * 2_100_000, encoding="utf-8")
    with pytest.raises(BankError, match="larger than"):
        load_bank_file(huge)
    with pytest.raises(BankError, match="not the name"):
        load_bank("../secrets")


def test_multiple_choice_default_fractions_make_choosing_everything_worth_nothing():
    question = fixture_bank().question("fx-multiple")
    assert [o.fraction for o in question.options if o.correct] == [0.5, 0.5]
    assert sum(o.fraction for o in question.options) == 0


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                 max_size=4),
    max_leaves=12)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_damage_to_a_valid_bank_gives_a_bank_or_a_bank_error(data):
    bank = fixture_data()
    question = data.draw(st.sampled_from(bank["questions"]))
    key = data.draw(st.sampled_from(sorted(question)))
    if data.draw(st.booleans()):
        question.pop(key)
    else:
        question[key] = data.draw(JSONISH)
    try:
        result = bank_from_data(bank, FIXTURES / "damaged.yaml")
    except BankError as exc:
        assert exc.field and exc.path.endswith("damaged.yaml")
    else:
        assert result.id == "all_types"


@settings(max_examples=examples(200), deadline=None)
@given(JSONISH)
def test_any_data_at_all_gives_a_bank_or_a_bank_error(raw):
    with contextlib.suppress(BankError):
        bank_from_data(raw)


def test_loading_a_bank_skips_the_slow_optional_iri_parser_but_leaves_it_importable(tmp_path):
    from tests.test_import_boundaries import run_python

    result = run_python(f"""
        import os, sys
        os.environ["COURSE_CACHE_DIR"] = {str(tmp_path)!r}  # nothing passed the schema yet
        import course.quiz
        assert "jsonschema" not in sys.modules  # imported only when a bank is loaded
        course.quiz.load_bank("00_start_here")
        assert "jsonschema" in sys.modules
        # No placeholder is left behind: a later import would get the real module.
        assert sys.modules.get("rfc3987_syntax", "absent") == "absent"
        print("fine")
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "fine"
