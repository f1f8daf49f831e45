"""The learner's saved language: round trip, refusals, a damaged file, a folder
that cannot be written, and any input without an exception."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.progress.preferences import FILE_NAME, PreferencesStore, saved_language
from course.sim.core.clock import SimulatedClock
from tests.helpers import examples


@pytest.fixture
def store(tmp_path) -> PreferencesStore:
    return PreferencesStore(tmp_path / FILE_NAME, clock=SimulatedClock(1_700_000_000))


def test_nothing_chosen_yet_is_none_and_the_default_applies(store):
    assert store.language().language is None and store.language().problem is None
    assert saved_language("en") == "en"  # the learner's own (empty) folder from conftest


@pytest.mark.parametrize("given_value, stored",
                         [("en", "en"), ("English", "en"), ("日本語", "ja")])
def test_a_choice_is_saved_normalized_and_read_back(store, given_value, stored):
    result = store.set_language(given_value)
    assert result.saved and result.language == stored and result.problem is None
    assert PreferencesStore(store.path).language().language == stored
    assert json.loads(store.path.read_text(encoding="utf-8")) == {"version": 1,
                                                                  "language": stored}


def test_the_default_store_lives_in_the_progress_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(tmp_path / "p"))
    assert PreferencesStore.default().set_language("en").saved
    assert (tmp_path / "p" / FILE_NAME).is_file() and saved_language() == "en"


def test_an_unknown_language_is_refused_in_both_languages_and_keeps_the_choice(store):
    store.set_language("en")
    result = store.set_language("klingon")
    assert not result.saved and result.language == "en"
    assert "klingon" in result.problem.text["ja"] and "klingon" in result.problem.text["en"]
    assert store.language().language == "en"


@pytest.mark.parametrize("content", ["{not json", '{"version": 9, "language": "en"}',
                                     '{"version": 1, "language": "fr"}', "[]"])
def test_a_damaged_file_is_moved_aside_never_deleted(store, content):
    store.path.write_text(content, encoding="utf-8")
    result = store.language()
    assert result.language is None and result.problem.code == "moved_aside"
    kept = list(store.path.parent.glob(f"{FILE_NAME}.broken-*"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == content
    assert store.set_language("ja").saved and store.language().language == "ja"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root can write a read-only folder")
def test_a_folder_that_cannot_be_written_keeps_the_choice_for_now(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = PreferencesStore(folder / FILE_NAME).set_language("en")
    finally:
        folder.chmod(0o700)
    assert not result.saved and result.language == "en" and result.problem.code == "write_failed"


def test_a_file_in_place_of_the_folder_is_reported_not_raised(tmp_path):
    (tmp_path / "blocker").write_text("x", encoding="utf-8")
    result = PreferencesStore(tmp_path / "blocker" / FILE_NAME).set_language("en")
    assert not result.saved and result.problem.code == "write_failed"


@settings(max_examples=examples(60), deadline=None)
@given(value=st.one_of(st.none(), st.text(max_size=50), st.integers(), st.floats(),
                       st.lists(st.text(max_size=3), max_size=2)))
def test_any_input_gives_a_result_never_an_exception(tmp_path_factory, value):
    store = PreferencesStore(tmp_path_factory.mktemp("pref") / FILE_NAME)
    result = store.set_language(value)
    assert result.saved == (result.problem is None)
    assert result.language in (None, "ja", "en")
