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


def test_schedule_in_english_can_leave_planned_lessons_out(capsys):
    assert main(["schedule", "--start", "13:00", "--available-only", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Start here: how this course works" in out
    assert "Checklist and final quiz" not in out.split("Not scheduled")[0]
    assert "09_checklist_and_final_quiz" in out.split("Not scheduled")[1]


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
