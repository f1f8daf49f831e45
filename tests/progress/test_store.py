"""The progress store: appended rows, attempts per mode, WAL, refusal of phone
numbers and codes, damaged files moved aside, export/import round trips."""

from __future__ import annotations

import random
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.progress.store import ProgressStore, default_path
from course.quiz.results_io import parse_results, to_csv, to_json
from course.sim.core.clock import SimulatedClock
from tests.helpers import examples

ROW = {"quiz": "all_types", "question": "fx-single", "objective": "fixture.choices",
       "type": "single_choice"}


@pytest.fixture
def store(tmp_path):
    s = ProgressStore(tmp_path / "progress.sqlite", clock=SimulatedClock(),
                      random_source=random.Random(1))
    yield s
    s.close()


def test_every_answer_is_an_appended_row_with_attempts_counted_per_mode(store):
    first = store.record(**ROW, answer="four", score=0.0)
    second = store.record(**ROW, answer="six", score=1.0)
    workshop = store.record(**ROW, answer="six", score=1.0, mode="workshop")
    assert (first.attempt, second.attempt, workshop.attempt) == (1, 2, 1)
    rows = store.rows()
    assert [(r.answer, r.score, r.attempt, r.mode) for r in rows] == [
        ('"four"', 0.0, 1, "self_check"), ('"six"', 1.0, 2, "self_check"),
        ('"six"', 1.0, 1, "workshop")]
    assert rows[0].answered_at == "2026-01-01T00:00:00.000Z"  # from the injected clock
    assert rows[0].learner == store.learner() and rows[0].max_score == 1.0


def test_the_file_is_in_wal_mode_and_honours_course_progress_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(tmp_path / "elsewhere"))
    assert default_path() == tmp_path / "elsewhere" / "progress.sqlite"
    store = ProgressStore.default()
    assert store.path == default_path() and ProgressStore.default() is store
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_pseudonym_is_made_once_and_never_looks_like_a_number(store, tmp_path):
    learner = store.learner()
    assert learner.startswith("learner-") and learner[8:].isalpha()
    assert ProgressStore(store.path).learner() == learner
    assert store.set_learner("090-0123-4567") is not None
    assert store.set_learner("Taro Yamada") is not None
    assert store.learner() == learner


@pytest.mark.parametrize("qtype, answer", [
    ("short_text", "090-0123-4567"), ("short_text", "my code is 123456"),
    ("short_text", "＋８１ ９０ ０１２３ ４５６７"), ("multiple_choice", ["123456"]),
    ("numeric", 9001234567),
])
def test_phone_numbers_and_codes_are_refused_and_nothing_is_written(store, qtype, answer):
    result = store.record(**{**ROW, "type": qtype}, answer=answer, score=0.0)
    assert not result.saved and result.problem.code == "looks_like_phone_or_code"
    assert "電話番号" in result.problem.text["ja"] and "phone" in result.problem.text["en"]
    assert store.rows() == []
    with sqlite3.connect(store.path) as conn:  # not even a trace in the file
        assert conn.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 0


def test_a_numeric_question_may_store_a_six_digit_number(store):
    assert store.record(**{**ROW, "type": "numeric"}, answer=123456, score=0.0).saved


@pytest.mark.parametrize("change", [
    {"quiz": "../etc"}, {"question": ""}, {"objective": "nodot"}, {"type": "essay"},
    {"mode": "exam"}, {"score": 1.5}, {"score": float("nan")},
])
def test_rows_that_break_the_exchange_format_are_refused(store, change):
    result = store.record(**{**ROW, "answer": "six", "score": 1.0, **change})
    assert not result.saved and result.problem is not None and store.rows() == []


@settings(max_examples=examples(100), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.recursive(st.none() | st.booleans() | st.floats() | st.text(max_size=30),
                    lambda inner: st.lists(inner, max_size=3), max_leaves=6))
def test_recording_never_raises(store, answer):
    result = store.record(**{**ROW, "type": "short_text"}, answer=answer, score=0.0)
    assert result.saved == (result.problem is None)


@pytest.mark.parametrize("content", [b"not a database at all" * 50, b"SQLite format 3\x00" +
                                     b"\xff" * 4000])
def test_a_damaged_file_is_moved_aside_with_a_message_and_a_fresh_one_started(tmp_path,
                                                                              content):
    path = tmp_path / "progress.sqlite"
    path.write_bytes(content)
    store = ProgressStore(path, clock=SimulatedClock())
    assert store.notice is not None and store.notice.code == "moved_aside"
    assert "壊れて" in store.notice.text["ja"] and "renamed" in store.notice.text["en"]
    aside = list(tmp_path.glob("progress.sqlite.broken-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == content  # nothing deleted
    assert store.record(**ROW, answer="six", score=1.0).saved


def test_a_database_of_another_program_is_moved_aside_not_changed(tmp_path):
    path = tmp_path / "progress.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE answers (x TEXT)")
        conn.execute("INSERT INTO answers VALUES ('keep me')")
    conn.close()
    store = ProgressStore(path)
    assert store.notice is not None and store.notice.code == "moved_aside"
    aside = next(tmp_path.glob("progress.sqlite.broken-*"))
    with sqlite3.connect(aside) as conn:
        assert conn.execute("SELECT x FROM answers").fetchall() == [("keep me",)]
    conn.close()


def test_an_unusable_folder_falls_back_to_memory_and_says_so(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    store = ProgressStore(blocker / "progress.sqlite")
    assert store.in_memory and store.notice.code == "memory_only"
    assert store.record(**ROW, answer="six", score=1.0).saved  # kept for the session


def test_export_then_import_into_a_fresh_store_gives_back_the_same_rows(store, tmp_path):
    store.record(**ROW, answer="four", score=0.0)
    store.record(**ROW, answer="six", score=1.0)
    store.record(**{**ROW, "question": "fx-short", "type": "short_text"},
                 answer="見つけやすさと連絡先, ok", score=1.0, mode="workshop")
    rows = store.rows()
    for text in (to_json(rows, store.learner(), "2026-11-25T10:00:00.000Z"), to_csv(rows)):
        fresh = ProgressStore(tmp_path / f"fresh-{len(text)}.sqlite")
        fresh.learner()  # a new computer already made its own pseudonym
        outcome = fresh.import_rows(parse_results(text).rows)
        assert (outcome.added, outcome.duplicates, outcome.conflicts) == (3, 0, ())
        assert outcome.learner_adopted and fresh.learner() == store.learner()
        assert fresh.rows() == rows
        again = fresh.import_rows(parse_results(text).rows)
        assert (again.added, again.duplicates) == (0, 3)  # importing twice adds nothing


def test_conflicting_rows_are_kept_out_and_reported(store, tmp_path):
    store.record(**ROW, answer="six", score=1.0)
    other = ProgressStore(tmp_path / "other.sqlite")
    other.set_learner(store.learner())
    other.record(**ROW, answer="four", score=0.0)
    outcome = store.import_rows(other.rows())
    assert outcome.added == 0 and len(outcome.conflicts) == 1
    assert [r.answer for r in store.rows()] == ['"six"']


def test_another_learners_rows_do_not_take_over_a_store_in_use(store, tmp_path):
    store.record(**ROW, answer="six", score=1.0)
    other = ProgressStore(tmp_path / "other.sqlite", random_source=random.Random(99))
    other.record(**ROW, answer="four", score=0.0)
    outcome = store.import_rows(other.rows())
    assert outcome.added == 1 and not outcome.learner_adopted
    assert len(store.rows()) == 1 and len(store.rows(all_learners=True)) == 2


def test_reset_erases_what_was_asked_and_nothing_else(store):
    store.record(**ROW, answer="six", score=1.0)
    store.record(**{**ROW, "question": "fx-multiple", "type": "multiple_choice"},
                 answer=["app"], score=0.5)
    store.record(**{**ROW, "quiz": "00_start_here", "question": "start-run-cell",
                    "objective": "start.use_jupyter"}, answer="shift-enter", score=1.0)
    store.mark_released("all_types")
    assert store.reset("all_types", questions=["fx-single"]) == 1
    assert {r.question for r in store.rows()} == {"fx-multiple", "start-run-cell"}
    assert store.released("all_types")
    assert store.reset() == 2 and store.rows() == [] and not store.released("all_types")
