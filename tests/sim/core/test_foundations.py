"""Clock, policies and the error catalog that every simulator builds on."""

from __future__ import annotations

import pytest

from course.facts import policy
from course.i18n import LANGUAGES
from course.sim.core import errors
from course.sim.core.clock import Clock, SimulatedClock, SystemClock
from tests.helpers import REPO


def test_simulated_clock_moves_only_forward_and_only_when_told():
    clock = SimulatedClock(1000.0)
    assert clock.now() == clock.now() == 1000.0
    assert clock.advance(600) == 1600.0
    assert clock.advance_to(10.0) == 1600.0
    with pytest.raises(ValueError):
        clock.advance(-1)
    assert isinstance(clock, Clock) and isinstance(SystemClock(), Clock)


def test_every_policy_has_a_source_and_a_status():
    policies = policy.all_policies()
    assert policies
    for key, entry in policies.items():
        assert entry.status in policy.STATUSES and entry.provenance.problems() == [], key


def test_account_limit_policy_is_the_reported_ten():
    limit = policy.policy("accounts.max_accounts_per_number")
    assert limit.value == 10 and limit.status == "reported" and not limit.assumed


@pytest.mark.parametrize("entry, message", [
    ("a: {value: 1, status: assumed, source: 'a page I read'}", "free text"),
    ("a: {value: 1, status: reported, sources: [no-such-page]}", "unknown source"),
    ("a: {value: 1, status: maybe, sources: []}", "status"),
])
def test_a_policy_with_free_text_or_unknown_sources_is_refused(tmp_path, monkeypatch, entry,
                                                               message):
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "x.yaml").write_text(entry + "\n")
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path))
    (tmp_path / "sources.yaml").write_text(
        (REPO / "data" / "sources.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(policy.PolicyError, match=message):
        policy.all_policies()


def test_every_error_entry_is_complete_in_both_languages():
    for code, entry in errors.catalog().items():
        for part in errors.FIELDS:
            assert all(getattr(entry, part)[lang] for lang in LANGUAGES), (code, part)
        assert entry.status in policy.STATUSES and entry.provenance.problems() == [], code


def test_error_997_is_not_an_x_error_code():
    # The seed article's "error 997" has no source (domain_facts.md §3.2).
    assert not [code for code in errors.catalog() if "997" in code]
    shown = [e for e in errors.catalog().values() if e.shown_by_x]
    assert not [e.code for e in shown if any("997" in e.message[lang] for lang in LANGUAGES)]


def test_refusal_renders_message_cause_and_fix_with_its_values():
    refusal = errors.Refusal("number_limit_reached", {"limit": 10})
    assert refusal.text("message", "ja") == "この電話番号は既に使われています"
    assert "10" in refusal.text("cause", "en")
    with pytest.raises(KeyError, match="no error code"):
        errors.error_entry("nope")
