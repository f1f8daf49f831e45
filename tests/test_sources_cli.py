"""``python -m course sources``: every source and what rests on it, for maintainers."""

from __future__ import annotations

import argparse
from datetime import date

import pytest

from course.commands import sources as command
from course.facts.sources import register
from tests.helpers import run_course


def _args(**values):
    defaults = {"stale": None, "id": None, "lang": None, "write_notebooks": False,
                "check": False}
    return argparse.Namespace(**{**defaults, **values})


def test_it_lists_every_source_with_counts_and_what_rests_on_it(capsys):
    assert command.run(_args(lang="en"), "ja") == 0
    out = capsys.readouterr().out
    assert f"{len(register())} sources." in out
    assert "By kind:" in out and "By how seen:" in out and "only on search excerpts" in out
    assert "nist-sp-800-63b: US National Institute of Standards and Technology" in out
    assert "questions:" in out and "03_sms_codes" in out
    assert "checked on" not in out.lower()


def test_one_source_shows_the_facts_the_questions_and_the_notebooks(capsys):
    assert command.run(_args(id="x-help-password-reset-excerpt", lang="ja"), "en") == 0
    out = capsys.readouterr().out
    assert "検索結果の抜粋だけで確認" in out
    assert "policies/sms: password_reset_code_expiry_seconds" in out
    assert "sms-reset-expiry" in out and "03_sms_codes" in out


def test_stale_keeps_undated_copies_and_copies_older_than_the_days(capsys):
    today = date(2026, 12, 1)
    assert command.run(_args(stale="365", lang="en"), "en", today=today) == 0
    out = capsys.readouterr().out
    listed = {line.split(":")[0] for line in out.splitlines() if line and line[0].isalpha()
              and line.split(":")[0] in register()}
    assert "x-help-2fa-2019" in listed  # a 2019 snapshot
    assert "cliqindia-reset" in listed  # date unknown
    assert "eastcoastdaily-deactivate-2024" in listed  # 13 Nov 2024: more than a year
    assert "libphonenumber-metadata" not in listed  # 16 Jul 2026: within a year
    assert f"older than 365 days or undated: {len(listed)}" in out


@pytest.mark.parametrize("argv, expected", [
    (["--stale", "abc"], "--stale"),
    (["--stale", "-3"], "--stale"),
    (["--stale", "99999999999"], "--stale"),
    (["--id", "no-such-page"], "no-such-page"),
    (["--lang", "fr"], "'ja'"),
])
def test_bad_arguments_get_a_message_and_exit_2_without_a_traceback(argv, expected):
    result = run_course("sources", *argv, env={"COURSE_LANG": "en"})
    assert result.returncode == 2
    assert expected in result.stderr and "Traceback" not in result.stderr


def test_japanese_messages_for_a_bad_day_count():
    result = run_course("sources", "--stale", "一年", env={"COURSE_LANG": "ja"})
    assert result.returncode == 2 and "日数" in result.stderr


def test_check_passes_on_the_course_as_shipped():
    result = run_course("sources", "--check", env={"COURSE_LANG": "en"})
    assert result.returncode == 0, result.stdout
    assert "Every sources rule holds." in result.stdout
