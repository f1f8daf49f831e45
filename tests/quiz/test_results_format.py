"""The results exchange format: exact fields, JSON and CSV round trips, and
files that are refused as a whole, with reasons in both languages."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.quiz.results import FIELDS, ResultRow, read_results, to_csv, to_json

ROWS = (
    ResultRow("learner-abcdefgh", "00_start_here", "start-run-cell", "start.use_jupyter",
              "single_choice", '"ctrl-s"', 0.0, 1.0, 1, "2026-11-25T09:00:00.000Z",
              "self_check"),
    ResultRow("learner-abcdefgh", "00_start_here", "start-run-cell", "start.use_jupyter",
              "single_choice", '"shift-enter"', 1.0, 1.0, 2, "2026-11-25T09:00:05.250Z",
              "self_check"),
    ResultRow("learner-abcdefgh", "all_types", "fx-short", "fixture.steps", "short_text",
              '"見つけやすさと連絡先, \\"quoted\\""', 0.5, 1.0, 1, "2026-11-25T09:01:00+00:00",
              "workshop"),
)


def test_the_fields_are_exactly_the_agreed_ones():
    assert FIELDS == ("learner", "quiz", "question", "objective", "type", "answer", "score",
                      "max_score", "attempt", "answered_at", "mode")
    document = json.loads(to_json(ROWS, "learner-abcdefgh", "2026-11-25T10:00:00.000Z"))
    assert list(document) == ["format", "version", "learner", "exported_at", "rows"]
    assert (document["format"], document["version"]) == ("x-course-results", 1)
    assert all(list(row) == list(FIELDS) for row in document["rows"])
    header = next(csv.reader(io.StringIO(to_csv(ROWS))))
    assert tuple(header) == FIELDS


def test_json_and_csv_round_trip():
    for text in (to_json(ROWS, "learner-abcdefgh", "2026-11-25T10:00:00.000Z"), to_csv(ROWS)):
        parsed = read_results(text)
        assert parsed.ok and parsed.rows == ROWS and parsed.learner == "learner-abcdefgh"
    assert read_results(("\ufeff" + to_csv(ROWS)).encode("utf-8")).rows == ROWS


def _json_with(change) -> str:
    document = json.loads(to_json(ROWS, "learner-abcdefgh", "2026-11-25T10:00:00.000Z"))
    change(document)
    return json.dumps(document)


@pytest.mark.parametrize("text, code", [
    ("", "not_results"), ("hello", "not_results"), ("{", "bad_json"),
    ('{"format": "other"}', "not_results"),
    (_json_with(lambda d: d.update(version=2)), "version"),
    (_json_with(lambda d: d.update(learner="090-0123-4567")), "bad_learner"),
    (_json_with(lambda d: d["rows"][0].pop("score")), "missing"),
    (_json_with(lambda d: d["rows"][0].update(extra=1)), "unexpected"),
    (_json_with(lambda d: d["rows"][0].update(score=1.5)), "bad_score"),
    (_json_with(lambda d: d["rows"][0].update(max_score=2)), "bad_max_score"),
    (_json_with(lambda d: d["rows"][0].update(attempt=0)), "bad_attempt"),
    (_json_with(lambda d: d["rows"][0].update(mode="exam")), "bad_mode"),
    (_json_with(lambda d: d["rows"][0].update(type="essay")), "bad_type"),
    (_json_with(lambda d: d["rows"][0].update(answered_at="2026-11-25T09:00:00+09:00")),
     "bad_time"),
    (_json_with(lambda d: d["rows"][0].update(answer="not json")), "bad_answer"),
    (_json_with(lambda d: d["rows"][0].update(answer='"090-0123-4567"')), "sensitive"),
    (_json_with(lambda d: d["rows"][0].update(answer='"code 654321"')), "sensitive"),
    (_json_with(lambda d: d["rows"][1].update(learner="learner-other")), "mixed_learners"),
    ("learner,quiz\nx,y\n", "not_results"),
    (to_csv(ROWS).replace("self_check", "exam", 1), "bad_mode"),
    (b"\xff\xfe", "not_utf8"),
])
def test_a_bad_file_is_refused_whole_with_a_reason(text, code):
    parsed = read_results(text)
    assert not parsed.ok and parsed.rows == ()
    assert parsed.problems[0].code == code
    assert all(p.text["ja"] and p.text["en"] for p in parsed.problems)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=200), st.binary(max_size=200),
                 st.builds(lambda t: "{" + t, st.text(max_size=100)),
                 st.builds(lambda t: ",".join(FIELDS) + "\n" + t, st.text(max_size=200))))
def test_reading_never_raises(text):
    parsed = read_results(text)
    assert parsed.ok or parsed.rows == ()
