"""Reviewing connected apps and sessions: suspicious entries caught or missed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from course.sim.core.errors import Refusal
from course.sim.recovery.access_review import (
    CAUGHT,
    KEPT,
    LEFT_UNUSED,
    MISSED,
    REMOVED_NEEDED,
    TIDIED,
    access_list,
    other_sessions,
    review,
)

SUSPICIOUS = {"follower_boost", "uranai_quiz", "unknown_android", "sold_laptop", "library_pc"}


def test_the_list_is_realistic_some_entries_suspicious_each_with_its_cues():
    data = access_list()
    assert len(data.apps) == 5 and len(data.sessions) == 5
    assert {e.id for e in data.entries if e.suspicious} == SUSPICIOUS
    assert all(e.cues for e in data.entries if e.suspicious)
    assert {e.permission for e in data.apps} == {"read", "read_write", "read_write_dm"}
    assert [e.id for e in data.sessions if e.current] == ["this_browser"]


def test_removing_nothing_misses_every_suspicious_entry():
    result = review(None)
    assert {e.id for e in result.missed} == SUSPICIOUS and not result.all_clear
    assert result.of("hanami_scheduler").verdict == KEPT
    assert result.of("old_stats").verdict == LEFT_UNUSED


def test_the_right_removals_clear_the_account():
    result = review(SUSPICIOUS | {"old_stats"})
    assert result.all_clear and result.removed_needed == ()
    assert result.of("follower_boost").verdict == CAUGHT
    assert result.of("old_stats").verdict == TIDIED


def test_log_out_all_other_sessions_catches_the_sessions_and_logs_out_your_phone_too():
    assert other_sessions() == {"my_phone", "unknown_android", "sold_laptop", "library_pc"}
    result = review(other_sessions())
    assert result.of("my_phone").verdict == REMOVED_NEEDED
    assert {e.id for e in result.missed} == {"follower_boost", "uranai_quiz"}  # apps stay


def test_the_current_session_and_unknown_entries_are_refused():
    assert review(["this_browser"]).code == "access_current_session"
    refused = review(["follower_boost", "no_such_app"])
    assert isinstance(refused, Refusal) and refused.code == "access_unknown_entry"
    assert "no_such_app" in refused.text("cause", "en")
    assert review({"a": 1}).code == "access_unknown_entry"


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.none(), st.text(max_size=20),
                 st.lists(st.sampled_from([e.id for e in access_list().entries] + ["x", ""]),
                          max_size=12)))
def test_any_choice_gives_a_review_or_a_refusal(choice):
    result = review(choice)
    if isinstance(result, Refusal):
        assert result.text("message", "ja")
        return
    assert len(result.verdicts) == len(access_list().entries)
    assert all((v.verdict in (CAUGHT, REMOVED_NEEDED, TIDIED)) == v.removed
               for v in result.verdicts)
    assert result.all_clear == (not any(v.verdict == MISSED for v in result.verdicts))
