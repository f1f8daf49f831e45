"""The workshop schedule: computed from the notebooks' minutes, with breaks, in both languages.

Most tests build a small course in tmp_path (a course map and a notebooks
folder) so that adding, removing or breaking a notebook can be tried without
touching the real course; one test checks the real course's agenda against
data/course.yaml.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.i18n import t
from course.paths import data_path
from course.workshop.schedule import (
    BREAK,
    FROM_COURSE_MAP,
    FROM_NOTEBOOKS,
    LESSON,
    PLANNED,
    Lesson,
    build_schedule,
    check_minutes,
    clock_text,
    parse_start,
    plan_blocks,
    schedule_rows,
    summary_lines,
)
from tests.helpers import REPO, examples, load_notebook

FIXTURE_OK = [HealthCheck.function_scoped_fixture]  # the fixture is only read, never changed
UNFILLED = re.compile(r"\{[a-z_]+\}")  # a catalog placeholder left unfilled


def write_map(folder: Path, entries: list[dict]) -> Path:
    path = folder / "course.yaml"
    path.write_text(yaml.safe_dump({"notebooks": entries}, allow_unicode=True), encoding="utf-8")
    return path


def entry(stem: str, teaching=10, exercise=5, status="available") -> dict:
    return {"stem": stem, "status": status, "teaching_minutes": teaching,
            "exercise_minutes": exercise, "title": {"ja": f"題名 {stem}", "en": f"Title {stem}"}}


def write_notebook(folder: Path, stem: str, teaching=10, exercise=5) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    meta = {"course": {"stem": stem, "lang": "ja", "teaching_minutes": teaching,
                       "exercise_minutes": exercise}}
    nb = {"cells": [{"cell_type": "markdown", "id": "md-01", "metadata": {},
                     "source": [f"# Heading of {stem}\n"]}],
          "metadata": meta, "nbformat": 4, "nbformat_minor": 5}
    path = folder / f"{stem}.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


@pytest.fixture
def small_course(tmp_path: Path) -> tuple[Path, Path]:
    """Three lessons in the map; the first two have notebooks."""
    course_map = write_map(tmp_path, [entry("00_a", 10, 5), entry("01_b", 20, 25),
                                      entry("02_c", 15, 15, status="planned")])
    notebooks = tmp_path / "notebooks" / "ja"
    write_notebook(notebooks, "00_a", 10, 5)
    write_notebook(notebooks, "01_b", 20, 25)
    return notebooks, course_map


def kinds(schedule) -> list[str]:
    return [b.lesson.stem if b.kind == LESSON else BREAK for b in schedule.blocks]


# ---------------------------------------------------------------------------
# Computing the agenda


def test_lessons_follow_each_other_from_the_start_with_a_break_after_an_hour(small_course):
    notebooks, course_map = small_course
    schedule = build_schedule("13:00", break_every=60, break_minutes=10,
                              notebooks=notebooks, course_map=course_map)
    assert schedule.ok and schedule.source == FROM_NOTEBOOKS
    assert kinds(schedule) == ["00_a", "01_b", BREAK, "02_c"]
    assert [(clock_text(b.start), clock_text(b.end)) for b in schedule.blocks] == [
        ("13:00", "13:15"), ("13:15", "14:00"), ("14:00", "14:10"), ("14:10", "14:40")]
    assert (schedule.total("teaching"), schedule.total("exercise"),
            schedule.total("break"), schedule.total("all")) == (45, 45, 10, 100)
    assert [b.lesson.status for b in schedule.lessons] == ["available", "available", PLANNED]


def test_the_break_interval_and_length_are_configurable(small_course):
    notebooks, course_map = small_course
    often = build_schedule("09:30", break_every=15, break_minutes=5, notebooks=notebooks,
                           course_map=course_map)
    assert kinds(often) == ["00_a", BREAK, "01_b", BREAK, "02_c"]
    assert clock_text(often.end) == "11:10"
    never = build_schedule("09:30", break_every=0, notebooks=notebooks, course_map=course_map)
    assert BREAK not in kinds(never) and clock_text(never.end) == "11:00"


def test_planned_lessons_can_be_left_out_and_are_then_listed_apart(small_course):
    notebooks, course_map = small_course
    schedule = build_schedule("13:00", include_planned=False, notebooks=notebooks,
                              course_map=course_map)
    assert kinds(schedule) == ["00_a", "01_b"]
    assert [lesson.stem for lesson in schedule.unscheduled] == ["02_c"]
    assert any("02_c" in line for line in summary_lines(schedule, "en"))


def test_adding_and_removing_a_notebook_changes_the_schedule(small_course):
    notebooks, course_map = small_course
    before = build_schedule("13:00", include_planned=False, notebooks=notebooks,
                            course_map=course_map)
    write_notebook(notebooks, "02_c", 15, 15)
    added = build_schedule("13:00", include_planned=False, notebooks=notebooks,
                           course_map=course_map)
    assert kinds(added) == ["00_a", "01_b", BREAK, "02_c"]
    assert added.end - before.end == 10 + 30
    (notebooks / "00_a.ipynb").unlink()
    removed = build_schedule("13:00", include_planned=False, notebooks=notebooks,
                             course_map=course_map)
    assert kinds(removed) == ["01_b", "02_c"]
    # 00_a is still "available" in the map: the instructor is told its notebook is gone.
    assert [n.code for n in removed.notices] == ["notebook_missing"]
    assert "00_a" in removed.notices[0].message("ja")


def test_the_notebooks_minutes_win_and_a_disagreement_is_noticed(small_course):
    notebooks, course_map = small_course
    write_notebook(notebooks, "01_b", 30, 30)
    schedule = build_schedule("13:00", notebooks=notebooks, course_map=course_map)
    assert schedule.lessons[1].lesson.minutes == 60
    assert [n.code for n in schedule.notices] == ["minutes_disagree"]


def test_a_notebook_missing_from_the_course_map_is_still_scheduled(small_course):
    notebooks, course_map = small_course
    write_notebook(notebooks, "05_extra", 5, 5)
    schedule = build_schedule("13:00", notebooks=notebooks, course_map=course_map)
    extra = next(b for b in schedule.lessons if b.lesson.stem == "05_extra")
    assert extra.title("en") == "Heading of 05_extra"
    assert "not_in_course_map" in [n.code for n in schedule.notices]


def test_without_a_notebooks_folder_the_course_map_is_used_and_that_is_said(tmp_path):
    course_map = write_map(tmp_path, [entry("00_a"), entry("01_b", status="planned")])
    schedule = build_schedule("13:00", notebooks=tmp_path / "no-such-folder",
                              course_map=course_map)
    assert schedule.ok and schedule.source == FROM_COURSE_MAP
    assert kinds(schedule) == ["00_a", "01_b"]
    assert [b.lesson.status for b in schedule.lessons] == ["available", PLANNED]
    assert [n.code for n in schedule.notices] == ["notebooks_absent"]
    lines = summary_lines(schedule, "ja")
    assert t("workshop.summary.source_course_map", "ja") in lines
    assert any("data/course.yaml の時間を使います" in line for line in lines)


@pytest.mark.parametrize(("teaching", "exercise", "code"), [
    (0, 0, "zero_minutes"), (-5, 10, "negative_minutes"), (None, 10, "missing_minutes"),
    ("ten", 10, "bad_minutes"), (10, 2.5, "bad_minutes"), (True, 10, "bad_minutes"),
    (10, 10_000, "too_many_minutes"),
])
def test_bad_minutes_give_a_problem_and_leave_only_that_lesson_out(
        small_course, teaching, exercise, code):
    notebooks, course_map = small_course
    write_notebook(notebooks, "01_b", teaching, exercise)
    schedule = build_schedule("13:00", notebooks=notebooks, course_map=course_map)
    assert not schedule.ok
    assert [p.code for p in schedule.problems] == [code]
    assert kinds(schedule) == ["00_a", "02_c"]
    for lang in ("ja", "en"):
        message = schedule.problems[0].message(lang)
        assert "01_b" in message and not UNFILLED.search(message)


def test_a_missing_minutes_key_in_the_metadata_is_a_problem(small_course):
    notebooks, course_map = small_course
    path = notebooks / "01_b.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    del nb["metadata"]["course"]["exercise_minutes"]
    path.write_text(json.dumps(nb), encoding="utf-8")
    schedule = build_schedule("13:00", notebooks=notebooks, course_map=course_map)
    assert [(p.code, p.params["field"]) for p in schedule.problems] == [
        ("missing_minutes", "exercise_minutes")]


def test_a_broken_notebook_or_course_map_is_reported_not_raised(small_course, tmp_path):
    notebooks, course_map = small_course
    (notebooks / "01_b.ipynb").write_text("{not json", encoding="utf-8")
    schedule = build_schedule("13:00", notebooks=notebooks, course_map=course_map)
    assert [p.code for p in schedule.problems] == ["unreadable_notebook"]
    assert kinds(schedule) == ["00_a", "02_c"]  # 01_b is neither scheduled nor "planned"

    broken = tmp_path / "broken.yaml"
    broken.write_text("notebooks: [\n", encoding="utf-8")
    no_map = build_schedule("13:00", notebooks=tmp_path / "none", course_map=broken)
    assert [p.code for p in no_map.problems] == ["no_course_map"]
    assert no_map.blocks == ()


def test_nothing_to_schedule_is_a_problem(tmp_path):
    course_map = write_map(tmp_path, [])
    schedule = build_schedule("13:00", notebooks=tmp_path / "none", course_map=course_map)
    assert [p.code for p in schedule.problems] == ["no_lessons"]


@pytest.mark.parametrize("start", ["25:00", "13:60", "", "1300", "noon", None, 13, "１３:００x",
                                   "13:00\x00", "🕐", "9" * 10_000, ["13:00"]])
def test_a_bad_start_time_gives_a_problem_in_both_languages(small_course, start):
    notebooks, course_map = small_course
    schedule = build_schedule(start, notebooks=notebooks, course_map=course_map)
    assert schedule.blocks == ()
    assert [p.code for p in schedule.problems] == ["bad_start"]
    ja, en = (schedule.problems[0].message(lang) for lang in ("ja", "en"))
    assert "HH:MM" in ja and "HH:MM" in en and len(en) < 200
    assert "\x00" not in en


@pytest.mark.parametrize(("every", "length", "code"), [
    (-1, 10, "bad_break_every"), ("often", 10, "bad_break_every"), (601, 10, "bad_break_every"),
    (60, -10, "bad_break_minutes"), (60, 121, "bad_break_minutes"),
    (60, None, "bad_break_minutes"),
])
def test_bad_break_settings_give_a_problem(small_course, every, length, code):
    notebooks, course_map = small_course
    schedule = build_schedule("13:00", break_every=every, break_minutes=length,
                              notebooks=notebooks, course_map=course_map)
    assert [p.code for p in schedule.problems] == [code] and schedule.blocks == ()


def test_start_times_people_type_are_understood():
    assert parse_start("9:05") == (545, None)
    assert parse_start(" 13：30 ") == (810, None)  # full-width colon from a Japanese IME
    assert parse_start(dt.time(8, 15)) == (495, None)
    assert parse_start(dt.datetime(2026, 11, 25, 23, 59)) == (1439, None)


def test_a_workshop_running_past_midnight_says_next_day():
    assert clock_text(23 * 60 + 50) == "23:50"
    assert clock_text(24 * 60 + 20, "en") == "00:20 (day +1)"
    assert clock_text(24 * 60 + 20, "ja") == "00:20(1日後)"


def test_check_minutes_accepts_whole_floats_but_not_fractions():
    assert check_minutes("x", 15.0, 5) == ((15, 5), None)
    assert check_minutes("x", 15.5, 5)[1].code == "bad_minutes"


# ---------------------------------------------------------------------------
# Showing it


def test_rows_show_titles_and_headings_in_the_chosen_language(small_course):
    notebooks, course_map = small_course
    schedule = build_schedule("13:00", notebooks=notebooks, course_map=course_map)
    ja, en = schedule_rows(schedule, "ja"), schedule_rows(schedule, "en")
    assert ja[0]["内容"] == "題名 00_a" and en[0]["Block"] == "Title 00_a"
    assert ja[2]["内容"] == "休憩" and en[2]["Block"] == "Break"
    assert en[2]["Minutes"] == "10" and en[2]["Teaching (min)"] == en[2]["Exercises (min)"] == ""
    assert en[1]["Minutes"] == "45" and ja[1]["講義(分)"] == "20"
    assert ja[3]["状態"] == "準備中(ノートブック未作成)"
    assert [r["Start"] for r in en] == ["13:00", "13:15", "14:00", "14:10"]


def test_the_real_course_agenda_follows_the_course_map_and_the_notebooks():
    course_map = yaml.safe_load(data_path("course.yaml").read_text(encoding="utf-8"))
    schedule = build_schedule("13:00")
    assert schedule.ok, [p.message("en") for p in schedule.problems]
    assert schedule.source == FROM_NOTEBOOKS
    assert [b.lesson.stem for b in schedule.lessons] == [
        n["stem"] for n in course_map["notebooks"]]
    expected = sum(n["teaching_minutes"] + n["exercise_minutes"] for n in course_map["notebooks"])
    assert schedule.total("teaching") + schedule.total("exercise") == expected
    available = {p.stem for p in (REPO / "notebooks" / "ja").glob("*.ipynb")}
    assert {b.lesson.stem for b in schedule.lessons if b.lesson.status == "available"} == available
    for block in schedule.lessons:
        if block.lesson.status == "available":
            meta = load_notebook(REPO / "notebooks" / "ja" / f"{block.lesson.stem}.ipynb")
            assert block.lesson.teaching_minutes == meta["metadata"]["course"]["teaching_minutes"]


# ---------------------------------------------------------------------------
# Properties


lesson_minutes = st.tuples(st.integers(0, 120), st.integers(1, 120))
lessons_strategy = st.lists(lesson_minutes, min_size=1, max_size=15).map(
    lambda pairs: [Lesson(f"{i:02d}_x", "available", a, b, {"ja": "x", "en": "x"})
                   for i, (a, b) in enumerate(pairs)])


@settings(deadline=None)
@given(lessons=lessons_strategy, start=st.integers(0, 24 * 60 - 1),
       every=st.integers(0, 600), pause=st.integers(0, 120))
def test_blocks_tile_the_day_and_breaks_come_only_between_lessons(lessons, start, every, pause):
    blocks = plan_blocks(lessons, start, every, pause)
    assert blocks[0].start == start
    assert all(a.end == b.start for a, b in pairwise(blocks))
    assert [b.lesson for b in blocks if b.kind == LESSON] == lessons
    assert blocks[-1].kind == LESSON
    breaks = [b for b in blocks if b.kind == BREAK]
    assert all(b.minutes == pause for b in breaks)
    assert not any(a.kind == BREAK and b.kind == BREAK for a, b in pairwise(blocks))
    assert blocks[-1].end - start == sum(x.minutes for x in lessons) + pause * len(breaks)
    if every and pause:
        # Between two breaks (or before the first) there are at least `every` minutes of
        # lessons, and never a whole further lesson past the mark.
        run = 0
        for block in blocks:
            if block.kind == BREAK:
                assert run >= every
                run = 0
            else:
                assert run < every  # else a break would have come before this lesson
                run += block.minutes
    else:
        assert breaks == []


@settings(max_examples=examples(60), deadline=None, suppress_health_check=FIXTURE_OK)
@given(start=st.one_of(st.text(max_size=30), st.integers(), st.floats(), st.none(),
                       st.binary(max_size=10), st.lists(st.integers(), max_size=3)),
       every=st.one_of(st.integers(-1000, 1000), st.text(max_size=5), st.floats(), st.none()),
       pause=st.one_of(st.integers(-200, 200), st.text(max_size=5), st.floats(), st.none()))
def test_build_schedule_never_raises_and_every_problem_has_text(small_course, start, every,
                                                                pause):
    notebooks, course_map = small_course
    schedule = build_schedule(start, break_every=every, break_minutes=pause,
                              notebooks=notebooks, course_map=course_map)
    for problem in schedule.problems:
        for lang in ("ja", "en"):
            text = problem.message(lang)
            for value in problem.params.values():  # what the user typed may hold braces
                text = text.replace(str(value), "")
            assert text and not UNFILLED.search(text)
    if schedule.ok:
        assert kinds(schedule)[0] == "00_a" and schedule.end > schedule.start
    for lang in ("ja", "en"):
        assert schedule_rows(schedule, lang) is not None
        assert summary_lines(schedule, lang)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=FIXTURE_OK)
@given(teaching=st.one_of(st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                          st.text(max_size=20), st.none(), st.booleans(),
                          st.lists(st.integers(), max_size=2)),
       exercise=st.integers(0, 300))
def test_any_minutes_in_a_notebook_give_a_lesson_or_a_problem_naming_it(
        small_course, teaching, exercise):
    notebooks, course_map = small_course
    write_notebook(notebooks, "01_b", teaching, exercise)
    schedule = build_schedule("13:00", notebooks=notebooks, course_map=course_map)
    placed = [b.lesson for b in schedule.lessons if b.lesson.stem == "01_b"]
    named = [p for p in schedule.problems if p.params.get("stem") == "01_b"]
    assert len(placed) + len(named) == 1
    if placed:
        assert placed[0].minutes > 0 and placed[0].teaching_minutes >= 0
