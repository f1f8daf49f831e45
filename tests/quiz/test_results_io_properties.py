"""Property tests: any file gives rows or problems (never an exception), and
every valid row survives a JSON and a CSV round trip unchanged."""

from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.i18n import LANGUAGES
from course.quiz.results_io import (
    FIELDS,
    MODES,
    ResultRow,
    _check_fields,
    _fast_row,
    check_row,
    looks_like_phone_number,
    parse_csv_export,
    parse_json_export,
    read_results,
    to_csv,
    to_json_export,
)

SETTINGS = settings(max_examples=80, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

# Ids: letters of any script, digits (never phone-like), emoji, punctuation.
ID_CHARS = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"),
                         blacklist_characters="\x85\u2028\u2029")
ids = st.text(ID_CHARS, min_size=1, max_size=30).filter(
    lambda s: s.strip() and not looks_like_phone_number(s))
answers = st.one_of(
    st.none().map(lambda _: "null"),
    st.sampled_from(["a", "b", "shift-enter", "はい"]).map(json.dumps),
    st.lists(st.sampled_from(["a", "b", "c"]), max_size=3).map(json.dumps),
    st.floats(-1000, 1000, allow_nan=False).map(json.dumps),
)


@st.composite
def rows(draw, learner: str | None = None) -> ResultRow:
    max_score = draw(st.sampled_from([1.0, 2.0, 0.5]))
    score = draw(st.floats(0, max_score, allow_nan=False))
    return ResultRow(
        learner or draw(ids), draw(ids), draw(ids), draw(ids), draw(ids), draw(answers), score,
        max_score, draw(st.integers(1, 9)),
        draw(st.sampled_from(["2026-01-06T10:00:00Z", "2026-03-31T23:59:59+00:00",
                              "2026-02-01T09:30:00.250000+09:00"])),
        draw(st.sampled_from(MODES)))


def assert_result(loaded) -> None:
    assert loaded.ok == (not loaded.problems)
    if loaded.problems:
        assert loaded.rows == ()
        for problem in loaded.problems:
            assert all(problem.message(lang) for lang in LANGUAGES)
    else:
        assert loaded.rows


@SETTINGS
@given(st.lists(rows(learner="owl-17"), min_size=1, max_size=6))
def test_valid_rows_round_trip_through_json_and_csv(batch):
    as_json = parse_json_export(to_json_export("owl-17", batch, "2026-01-06T11:00:00Z"), "a")
    as_csv = parse_csv_export(to_csv(batch), "a.csv")
    assert as_json.ok, [p.message("en") for p in as_json.problems]
    assert as_csv.ok, [p.message("en") for p in as_csv.problems]
    assert list(as_json.rows) == list(as_csv.rows) == [
        r._replace(answered_at=r.answered_at.strip()) for r in batch]


@SETTINGS
@given(st.binary(max_size=300), st.sampled_from(["x.json", "x.csv", "x.txt", "x"]))
def test_any_bytes_give_rows_or_problems(tmp_path_factory, data, name):
    path = tmp_path_factory.mktemp("bytes") / name
    path.write_bytes(data)
    assert_result(read_results(path))


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
              st.text(max_size=12)),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=15)


@SETTINGS
@given(st.one_of(json_values, st.lists(json_values, max_size=3).map(
    lambda rows_: {"format": "x-course-results", "version": 1, "learner": "owl-17",
                   "exported_at": "2026-01-06T11:00:00Z", "rows": rows_})))
def test_any_json_document_gives_rows_or_problems(document):
    assert_result(parse_json_export(json.dumps(document), "doc.json"))


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_as_csv_gives_rows_or_problems(text):
    assert_result(parse_csv_export(",".join(FIELDS) + "\n" + text, "t.csv"))


@SETTINGS
@given(st.dictionaries(st.sampled_from([*FIELDS, "extra"]), json_values, max_size=13))
def test_check_row_accepts_only_well_formed_rows(raw):
    row, errors = check_row(raw)
    if row is None:
        assert errors and all(isinstance(code, str) for code, _, _ in errors)
        return
    assert errors == []
    assert 0 <= row.score <= row.max_score and math.isfinite(row.max_score)
    assert isinstance(row.attempt, int) and row.attempt >= 1
    assert row.mode in MODES
    json.loads(row.answer)


near_valid = st.fixed_dictionaries({
    "learner": st.sampled_from(["owl-17", "", " ", "090-0123-4567", "a\x07", "x" * 201, 7]),
    "quiz": st.sampled_from(["00_start_here", "", "😀", None]),
    "question": st.sampled_from(["q1", "\u2028", "  q  "]),
    "objective": st.just("o"),
    "type": st.sampled_from(["single_choice", ""]),
    "answer": st.sampled_from(['"a"', "", "null", "a", '"+44 7700 900123"', 5, "[1e400]"]),
    "score": st.sampled_from([0, 1, 1.0, 0.5, 2.0, -1, True, "1", float("nan")]),
    "max_score": st.sampled_from([1, 1.0, 0, -1.0, float("inf"), False]),
    "attempt": st.sampled_from([1, 2, 0, 1.0, True, "1", 10**7]),
    "answered_at": st.sampled_from(["2026-01-06T10:00:00Z", " 2026-01-06T10:00:00+09:00 ",
                                    "2026-01-06T10:00:00", "2026-13-01T00:00:00Z", 0]),
    "mode": st.sampled_from(["self_check", "workshop", "exam"]),
})


@settings(max_examples=400, deadline=None)
@given(near_valid)
def test_the_fast_path_never_accepts_what_the_detailed_checks_refuse(raw):
    fast = _fast_row(raw)
    slow, errors = _check_fields(raw)
    if fast is not None:
        assert errors == [] and fast == slow


def test_the_fast_path_takes_an_ordinary_row():
    raw = {"learner": "owl-17", "quiz": "q", "question": "q1", "objective": "o",
           "type": "single_choice", "answer": '"a"', "score": 1, "max_score": 1.0,
           "attempt": 1, "answered_at": "2026-01-06T10:00:00Z", "mode": "workshop"}
    assert _fast_row(raw) == _check_fields(raw)[0] == check_row(raw)[0]
    assert _fast_row(raw) is not None
