"""QuizSession: self-check and workshop modes from one bank, release codes,
resume and reset, with or without a store."""

from __future__ import annotations

import pytest

from course.progress import ProgressStore, QuizSession
from course.sim.core.clock import SimulatedClock
from tests.quiz.helpers import RELEASE_CODE, fixture_bank


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "progress.sqlite", clock=SimulatedClock())


def test_self_check_shows_results_at_once_and_keeps_the_first_attempt(store):
    session = QuizSession(fixture_bank(), store=store)
    first = session.answer("fx-single", "four")
    retry = session.answer("fx-single", "six")
    assert first.revealed and (first.attempt, retry.attempt) == (1, 2) and retry.correct
    summary = session.summary()
    assert (summary.answered, summary.correct, summary.current_score, summary.first_score) == (
        1, 1, 1.0, 0.0)
    assert [r.score for r in store.rows()] == [0.0, 1.0]


def test_an_unusable_answer_is_not_recorded(store):
    session = QuizSession(fixture_bank(), store=store)
    result = session.answer("fx-numeric", "sixty")
    assert not result.answered and not result.saved and result.problem.code == "not_a_number"
    assert store.rows() == [] and session.answer("nope", "x").problem is not None


def test_workshop_hides_correctness_until_the_release_code(store):
    session = QuizSession(fixture_bank(), mode="workshop", store=store)
    recorded = session.answer("fx-single", "four")
    assert recorded.saved and not recorded.revealed and not session.summary().revealed
    changed = session.answer("fx-single", "six")  # changing before the release is allowed
    assert changed.attempt == 2
    assert not session.release("wrong-code").ok
    assert session.release(RELEASE_CODE.upper()).ok and session.revealed
    locked = session.answer("fx-single", "eight")
    assert not locked.saved and locked.problem.code == "locked"
    assert [r.attempt for r in store.rows()] == [1, 2]
    again = QuizSession(fixture_bank(), mode="workshop", store=store)  # release is remembered
    assert again.revealed and again.states["fx-single"].first_score == 0.0


def test_a_bank_without_release_hashes_says_so():
    from course.quiz import load_bank

    session = QuizSession(load_bank("00_start_here"), mode="workshop")
    outcome = session.release("anything")
    assert not outcome.ok and outcome.problem.code == "no_hash"
    assert QuizSession(fixture_bank()).release("x").problem.code == "not_workshop"


def test_rebuilding_resumes_with_the_last_answer_regraded(store):
    session = QuizSession(fixture_bank(), store=store)
    session.answer("fx-ordering", ["account-info", "open-settings", "password", "code"])
    session.answer("fx-short", "ＤＩＳＣＯＶＥＲＡＢＩＬＩＴＹ")
    resumed = QuizSession(fixture_bank(), store=store)
    ordering = resumed.states["fx-ordering"]
    assert ordering.attempts == 1 and ordering.latest.score == round(5 / 6, 6)
    assert resumed.states["fx-short"].latest.answer == "discoverability"
    assert resumed.summary() == session.summary()
    assert resumed.arrangement == session.arrangement  # same learner, same order


def test_reset_erases_only_this_sessions_questions_and_mode(store):
    part = QuizSession(fixture_bank(), store=store, questions=["fx-single"])
    whole = QuizSession(fixture_bank(), store=store)
    part.answer("fx-single", "six")
    whole.answer("fx-multiple", ["app"])
    QuizSession(fixture_bank(), mode="workshop", store=store).answer("fx-single", "six")
    assert part.stored_count() == 1 and part.reset() == 1
    assert {(r.question, r.mode) for r in store.rows()} == {("fx-multiple", "self_check"),
                                                            ("fx-single", "workshop")}
    assert part.summary().answered == 0


def test_without_a_store_nothing_is_written_but_the_session_works(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(tmp_path))
    session = QuizSession(fixture_bank(), store=None)
    assert session.answer("fx-single", "four").attempt == 1
    assert session.answer("fx-single", "six").attempt == 2
    assert session.summary().first_score == 0.0 and not session.answer("fx-single", "six").saved
    assert list(tmp_path.iterdir()) == []
