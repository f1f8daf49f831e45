"""``python -m course schedule``: the agenda in the terminal, in Japanese and English."""

from __future__ import annotations

import pytest

from course.cli import main
from course.workshop.schedule import build_schedule, clock_text
from tests.helpers import run_course


def test_schedule_prints_the_agenda_in_japanese_with_the_computed_end():
    expected = build_schedule("09:30", break_every=45, break_minutes=15)
    result = run_course("schedule", "--start", "09:30", "--break-every", "45",
                        "--break-minutes", "15", "--lang", "ja")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "ワークショップの時間割" in out and "休憩" in out
    assert "はじめに:このコースの使い方" in out  # 00_start_here's title from data/course.yaml
    assert f"09:30〜{clock_text(expected.end, 'ja')}" in out
    assert "Traceback" not in result.stderr


def test_schedule_in_english_can_leave_planned_lessons_out(capsys, monkeypatch, tmp_path):
    # A small course of its own, so the test does not depend on which notebooks exist yet.
    from functools import partial

    from course.commands import schedule as command
    from tests.test_workshop_schedule import entry, write_map, write_notebook

    course_map = write_map(tmp_path, [entry("00_a", 10, 5), entry("01_b", status="planned")])
    write_notebook(tmp_path / "ja", "00_a", 10, 5)
    monkeypatch.setattr(command, "build_schedule", partial(
        build_schedule, notebooks=tmp_path / "ja", course_map=course_map))
    assert main(["schedule", "--start", "13:00", "--available-only", "--lang", "en"]) == 0
    shown, apart = capsys.readouterr().out.split("Not scheduled")
    assert "Title 00_a" in shown and "13:00" in shown and "13:15" in shown
    assert "01_b" not in shown and "01_b" in apart
    assert main(["schedule", "--start", "13:00", "--lang", "en"]) == 0
    assert "planned (not written yet)" in capsys.readouterr().out


def test_a_lesson_with_bad_minutes_is_shown_apart_and_the_exit_code_is_1(
        capsys, monkeypatch, tmp_path):
    from functools import partial

    from course.commands import schedule as command
    from tests.test_workshop_schedule import entry, write_map, write_notebook

    course_map = write_map(tmp_path, [entry("00_a"), entry("01_b")])
    write_notebook(tmp_path / "ja", "00_a")
    write_notebook(tmp_path / "ja", "01_b", -5, 10)
    monkeypatch.setattr(command, "build_schedule", partial(
        build_schedule, notebooks=tmp_path / "ja", course_map=course_map))
    assert main(["schedule", "--lang", "ja"]) == 1
    out = capsys.readouterr().out
    assert "題名 00_a" in out and "⚠ 01_b:teaching_minutes が -5 です" in out


@pytest.mark.parametrize(("args", "fragment"), [
    (["--start", "25:00"], "HH:MM"),
    (["--break-every", "-5"], "0"),
    (["--break-minutes", "lots"], "lots"),
    (["--start", "13:00\u202e"], "HH:MM"),
])
def test_bad_options_exit_with_2_and_a_message_not_a_traceback(capsys, args, fragment):
    assert main(["schedule", *args, "--lang", "en"]) == 2
    captured = capsys.readouterr()
    assert fragment in captured.err and captured.out == ""


def test_an_unknown_language_is_refused(capsys):
    assert main(["schedule", "--lang", "fr"]) == 2
    assert "'ja'" in capsys.readouterr().err
