"""``python -m course progress | export | import | release``: messages in the
learner's language, exit code 2 and no traceback on bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from course.progress import ProgressStore, QuizSession
from course.quiz import load_bank
from course.quiz.pools import asked_count
from tests.helpers import run_course
from tests.quiz.helpers import fixture_bank


def _answer_some(folder: Path) -> ProgressStore:
    store = ProgressStore(folder / "progress.sqlite")
    session = QuizSession(load_bank("00_start_here"), store=store)
    session.answer("start-run-cell", "ctrl-s")
    session.answer("start-run-cell", "shift-enter")
    session.answer("start-restart", "restart-run-all")
    QuizSession(fixture_bank(), mode="workshop", store=store).answer("fx-single", "six")
    return store


def _env(folder: Path, lang: str) -> dict[str, str]:
    return {"COURSE_PROGRESS_DIR": str(folder), "COURSE_LANG": lang}


ASKED = 8  # 00 asks its 4 quick-check questions and draws 2 per objective (2 objectives)


@pytest.mark.parametrize("lang, expected", [
    ("ja", [f"確認クイズ:このコースの使い方 (00_start_here) [確認クイズ]:回答 2/{ASKED}問、"
            f"最初の解答の得点 1/{ASKED}、現在の得点 2/{ASKED}",
            "all_types [ワークショップ]:回答 1/1問(結果は講師が公開するまで表示されません)"]),
    ("en", [f"Self-check: using this course (00_start_here) [self-check]: answered 2/{ASKED}, "
            f"first-attempt score 1/{ASKED}, current score 2/{ASKED}",
            "all_types [workshop]: answered 1/1 (results hidden until your instructor"]),
])
def test_progress_lists_each_quiz_with_first_and_current_scores(tmp_path, lang, expected):
    assert asked_count(load_bank("00_start_here")) == ASKED
    store = _answer_some(tmp_path)
    result = run_course("progress", env=_env(tmp_path, lang))
    assert result.returncode == 0, result.stderr
    assert store.learner() in result.stdout.splitlines()[0]
    for line in expected:
        assert line in result.stdout


def test_progress_with_nothing_recorded_says_so(tmp_path):
    result = run_course("progress", env=_env(tmp_path, "en"))
    assert result.returncode == 0 and "No answers recorded yet" in result.stdout


def test_export_and_import_round_trip_to_another_computer(tmp_path):
    home, new = tmp_path / "home", tmp_path / "new"
    store = _answer_some(home)
    for fmt in ("json", "csv"):
        out = tmp_path / f"mine.{fmt}"
        exported = run_course("export", "--output", str(out), env=_env(home, "en"))
        assert exported.returncode == 0 and "Wrote 4 record(s)" in exported.stdout
        target = new / fmt
        imported = run_course("import", str(out), env=_env(target, "en"))
        assert imported.returncode == 0, imported.stderr
        assert "Imported 4 record(s) (0 already there, 0 conflicting)" in imported.stdout
        assert "pseudonym" in imported.stdout
        assert ProgressStore(target / "progress.sqlite").rows() == store.rows()
        again = run_course("import", str(out), env=_env(target, "ja"))
        assert "0件を取り込みました(すでにあった記録 4件" in again.stdout
    mislabelled = tmp_path / "csv-called.json"  # --format wins over the name; it still reads
    assert run_course("export", "--format", "csv", "--output", str(mislabelled),
                      env=_env(home, "en")).returncode == 0
    assert mislabelled.read_text(encoding="utf-8").startswith("learner,quiz,")
    imported = run_course("import", str(mislabelled), env=_env(new / "mislabelled", "en"))
    assert imported.returncode == 0 and "Imported 4 record(s)" in imported.stdout
    printed = run_course("export", env=_env(home, "en"))
    assert json.loads(printed.stdout)["learner"] == store.learner()
    csv_text = run_course("export", "--format", "csv", env=_env(home, "en")).stdout
    assert csv_text.splitlines()[0].startswith("learner,quiz,question,objective,type,answer")


PHONE_IN_ANSWER = json.dumps({
    "format": "x-course-results", "version": 1, "learner": "learner-abcdefgh",
    "exported_at": "2026-11-25T10:00:00Z", "rows": [{
        "learner": "learner-abcdefgh", "quiz": "q", "question": "x", "objective": "a.b",
        "type": "short_text", "answer": '"090-0123-4567"', "score": 0, "max_score": 1,
        "attempt": 1, "answered_at": "2026-11-25T10:00:00Z", "mode": "self_check"}]})


@pytest.mark.parametrize("name, content, message_ja", [
    ("results.json", None, "ファイルがありません"),
    ("results.json", "hello", "JSON として読めません"),
    ("results.txt", "hello", "1行目には、次の列名"),  # not JSON, so read as CSV
    ("results.csv", b"\xff\xfe\x00", "UTF-8"),
    ("results.json", PHONE_IN_ANSWER, "電話番号"),
])
def test_bad_import_files_exit_2_with_a_clear_message_and_import_nothing(tmp_path, name,
                                                                         content, message_ja):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    result = run_course("import", str(path), env=_env(tmp_path / "store", "ja"))
    assert result.returncode == 2 and message_ja in result.stderr
    assert "何も取り込んでいません" in result.stderr and "Traceback" not in result.stderr
    assert "0123" not in result.stderr  # the refused number is never echoed
    assert not (tmp_path / "store" / "progress.sqlite").exists() or \
        ProgressStore(tmp_path / "store" / "progress.sqlite").rows(all_learners=True) == []


def test_export_refuses_an_unknown_format_and_an_unwritable_file(tmp_path):
    bad = run_course("export", "--format", "xml", env=_env(tmp_path, "en"))
    assert bad.returncode == 2 and '"xml" is not supported' in bad.stderr
    unwritable = run_course("export", "--output", str(tmp_path / "no" / "dir" / "x.json"),
                            env=_env(tmp_path, "ja"))
    assert unwritable.returncode == 2 and "書き込めませんでした" in unwritable.stderr
    assert "Traceback" not in bad.stderr + unwritable.stderr


def test_reset_asks_for_yes_then_erases(tmp_path):
    _answer_some(tmp_path)
    asked = run_course("progress", "--reset", "00_start_here", env=_env(tmp_path, "en"))
    assert asked.returncode == 1 and "erases 3 recorded" in asked.stdout
    done = run_course("progress", "--reset", "00_start_here", "--yes", env=_env(tmp_path, "en"))
    assert done.returncode == 0 and "Erased 3" in done.stdout
    assert {r.quiz for r in ProgressStore(tmp_path / "progress.sqlite").rows()} == {"all_types"}


def test_release_makes_a_code_for_instructors_and_checks_it_for_learners(tmp_path):
    made = run_course("release", "--new", env=_env(tmp_path, "en"))
    assert made.returncode == 0
    code = made.stdout.split(": ")[1].splitlines()[0]
    hashed = made.stdout.splitlines()[-1].strip().removeprefix('- "').removesuffix('"')
    from course.quiz.release import check_release_code

    assert check_release_code(code, [hashed])
    usage = run_course("release", "00_start_here", env=_env(tmp_path, "ja"))
    assert usage.returncode == 2 and "使い方" in usage.stderr
    no_hash = run_course("release", "00_start_here", code, env=_env(tmp_path, "en"))
    assert no_hash.returncode == 1 and "no release code" in no_hash.stderr
    assert os.path.exists(tmp_path / "progress.sqlite")


def test_import_grades_again_and_refuses_an_answer_that_is_no_option(tmp_path):
    from course.quiz.results_io import ResultRow, to_json

    def row(answer: str, score: float) -> ResultRow:
        return ResultRow("learner-forger", "03_sms_codes", "sms-code-digits", "sms.code_rules",
                         "single_choice", json.dumps(answer), score, 1.0, 1,
                         "2026-01-06T10:00:00Z", "workshop")

    forged = tmp_path / "forged.json"
    forged.write_text(to_json([row("four", 1.0)], "learner-forger", "2026-01-06T11:00:00Z"),
                      encoding="utf-8")
    result = run_course("import", str(forged), env=_env(tmp_path / "a", "en"))
    assert result.returncode == 0, result.stderr
    assert "1 score(s) in the file differed from the course's grading" in result.stdout
    stored = ProgressStore(tmp_path / "a" / "progress.sqlite").rows(all_learners=True)
    assert [(r.answer, r.score) for r in stored] == [('"four"', 0.0)]

    markup = tmp_path / "markup.json"
    markup.write_text(to_json([row("<b>six</b>", 1.0)], "learner-forger",
                              "2026-01-06T11:00:00Z"), encoding="utf-8")
    result = run_course("import", str(markup), env=_env(tmp_path / "b", "ja"))
    assert result.returncode == 2 and "取り込めませんでした" in result.stderr
    assert "問題の解答として無効です:03_sms_codes / sms-code-digits / 試行 1" in result.stderr
    assert ProgressStore(tmp_path / "b" / "progress.sqlite").count() == 0
