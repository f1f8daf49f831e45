"""Instructor notes: every lesson of the course map has them, in both languages."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from course.paths import data_path
from course.workshop.notes import FIELDS, has_notes, lesson_notes, notes_markdown

STEMS = [n["stem"] for n in yaml.safe_load(
    data_path("course.yaml").read_text(encoding="utf-8"))["notebooks"]]


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_lesson_has_every_field_of_notes(stem, lang):
    notes = lesson_notes(stem, lang)
    assert notes is not None and notes.lang == lang
    for field in FIELDS:
        assert len(getattr(notes, field)) > 8, (stem, field)


def test_notes_say_unverified_where_the_facts_file_does():
    # domain_facts.md §6: error 997 has no evidence; the 85 % figure has no source.
    assert "no evidence" in lesson_notes("04_errors_and_accounts_per_number", "en").misconceptions
    assert "存在する証拠はありません" in lesson_notes(
        "04_errors_and_accounts_per_number", "ja").misconceptions
    assert "85" in lesson_notes("01_why_a_phone_number", "ja").misconceptions
    assert "未確認" in lesson_notes("03_sms_codes", "ja").misconceptions
    assert "UNVERIFIED" in lesson_notes("03_sms_codes", "en").misconceptions


def test_markdown_has_a_heading_and_one_labelled_line_per_field():
    text = notes_markdown("06_two_factor_and_life_without_sms", "Two-factor", "en")
    lines = text.splitlines()
    assert lines[0] == "### 06_two_factor_and_life_without_sms — Two-factor"
    assert [line.split("**")[1] for line in lines[1:]] == [
        "The point of the lesson", "Misconceptions to expect", "Simulator to demo", "Timing",
        "Questions learners ask"]
    planned = notes_markdown("07_locked_limited_suspended", "復旧", "ja", planned=True)
    assert "準備中" in planned.splitlines()[1]


@given(stem=st.one_of(st.text(max_size=40), st.integers(), st.none(), st.lists(st.text())),
       lang=st.one_of(st.sampled_from(["ja", "en", "fr", ""]), st.integers(), st.none()))
def test_unknown_stems_and_languages_give_none_not_an_error(stem, lang):
    notes = lesson_notes(stem, lang)
    assert notes is None or (stem in STEMS and notes.stem == stem)
    assert has_notes(stem, "ja") == (stem in STEMS)
