"""The app's home page and the language switch, headless: links per language,
progress per lesson, the choice remembered, refusals and faults as messages."""

from __future__ import annotations

import re

import pytest

from course.i18n import get_language
from course.progress.checklist import ChecklistStore
from course.progress.overview import course_map
from course.progress.preferences import FILE_NAME, PreferencesStore
from course.progress.store import ProgressStore
from course.quiz.bank import load_bank
from course.quiz.pools import asked_count
from course.ui.course_home import CourseHome
from course.ui.language_switch import LanguageSwitch
from course.ui.selfcheck import SelfCheck
from tests.ui.widget_text import shown_text

AVAILABLE = [e for e in course_map() if e.status == "available"]


@pytest.fixture
def stores(tmp_path):
    return {"store": ProgressStore(tmp_path / "progress.sqlite"),
            "checklist": ChecklistStore(tmp_path / "checklist.json"),
            "preferences": PreferencesStore(tmp_path / FILE_NAME)}


def _links(home: CourseHome) -> list[str]:
    return re.findall(r'href="([^"]+)"', home.table.value)


def test_every_available_lesson_is_a_relative_link_in_the_saved_language(stores):
    stores["preferences"].set_language("en")
    home = CourseHome(**stores)
    assert home.lang == "en"
    assert _links(home) == [f"en/{e.stem}.ipynb" for e in AVAILABLE]
    text = shown_text(home.widget)
    assert "Phone numbers and account security on X" in text
    assert all(e.title["en"] in text for e in AVAILABLE)
    assert "○ Not started" in text and home.last_error is None


def test_choosing_english_redraws_the_page_and_is_remembered(stores):
    home = CourseHome(**stores)
    assert home.lang == "ja" and _links(home)[0] == "ja/00_start_here.ipynb"
    home.switch.choose("en")
    assert _links(home)[0] == "en/00_start_here.ipynb"
    assert "The lessons of the course and your progress" in home.table.value
    assert "The course language is now English." in home.switch.status.value
    assert get_language() == "en"  # widgets built from now on speak English
    assert PreferencesStore(stores["preferences"].path).language().language == "en"
    assert CourseHome(**stores).lang == "en"  # the next visit opens in English


def test_answers_show_as_counts_and_words_and_refresh_reads_new_ones(stores):
    home = CourseHome("ja", **stores)
    quiz = SelfCheck("00_start_here", lang="ja", store=stores["store"])
    quiz.answer("start-run-cell", "shift-enter")
    assert "… 途中" not in home.table.value
    home.refresh_button.click()
    first_row = home.table.value.split("<tr>")[2]
    asked = asked_count(load_bank("00_start_here"))  # quick checks + the closing draw
    assert "00_start_here.ipynb" in first_row and "… 途中" in first_row
    assert f"1/{asked}" in first_row
    assert "✔ 進み具合を読み直しました。" in home.status.value
    assert 'href="ja/00_start_here.ipynb"' in home.next_step.value


def test_a_damaged_preferences_file_is_reported_and_the_page_still_shows(stores):
    stores["preferences"].path.write_text("{broken", encoding="utf-8")
    home = CourseHome(**stores)
    assert home.lang == get_language()
    assert "壊れ" in home.notice.value or "読めなかった" in home.notice.value
    assert _links(home)


def test_the_switch_in_a_lesson_links_to_the_same_lesson_in_the_other_folder(stores):
    switch = LanguageSwitch("03_sms_codes", "ja", store=stores["preferences"])
    assert switch.link.value == ""
    result = switch.choose("en")
    assert result.saved and result.language == "en"
    assert 'href="../en/03_sms_codes.ipynb"' in switch.link.value
    assert "Open this lesson in English" in switch.link.value
    assert switch.choice.description == "Language / 言語"


def test_a_choice_that_cannot_be_saved_still_switches_and_says_so(tmp_path):
    (tmp_path / "blocker").write_text("x", encoding="utf-8")
    switch = LanguageSwitch(lang="ja", store=PreferencesStore(tmp_path / "blocker" / FILE_NAME))
    result = switch.choose("en")
    assert not result.saved and switch.lang == "en"
    assert "could not be saved" in switch.status.value and switch.last_error is None
