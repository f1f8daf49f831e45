"""The sources browser of the appendix: filters, search, and bad input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.facts.sources import register
from course.ui.sources_browser import SourcesBrowser
from tests.helpers import examples


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_it_starts_with_every_source_and_says_how_many(lang):
    browser = SourcesBrowser(lang)
    assert set(browser.result) == set(register())
    assert str(len(register())) in browser.count.value
    assert browser.listing.value.count("<li>") == len(register())


def test_filters_narrow_by_publisher_family_and_how_seen():
    browser = SourcesBrowser("en")
    browser.group.value = "x_official"
    assert browser.result and all(register()[i].kind == "x_official" for i in browser.result)
    browser.how.value = "snapshot"
    assert browser.result and all(register()[i].seen.how == "snapshot" for i in browser.result)
    assert "Wayback Machine snapshot" in browser.listing.value


def test_each_source_says_what_rests_on_it():
    browser = SourcesBrowser("ja")
    browser.search.value = "800-63B"
    assert browser.result == ("nist-sp-800-63b",)
    assert "この出典に拠る事実" in browser.listing.value


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_search_text_shows_a_list_or_a_message_never_an_error(text):
    browser = SOLO
    browser.search.value = text
    assert browser.last_error is None
    assert browser.listing.value.startswith(("<ul>", "<p>"))
    assert "<script" not in browser.listing.value


SOLO = SourcesBrowser("en")
