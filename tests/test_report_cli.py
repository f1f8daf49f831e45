"""``python -m course report``: the table, the HTML page and clear refusals."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from course.quiz.results_io import ResultRow, merge_results, to_json
from course.workshop.banks import bank_files
from course.workshop.graded import grade_class
from course.workshop.report_html import render_html
from course.workshop.report_parts import display_width, text_table
from course.workshop.report_text import render_text
from tests.helpers import run_course

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HAND = FIXTURES / "results" / "hand"
HAND_BANK = FIXTURES / "quizzes" / "hand_quiz.yaml"
EN, JA = {"COURSE_LANG": "en"}, {"COURSE_LANG": "ja"}


def test_the_table_in_english_carries_the_hand_computed_figures():
    result = run_course("report", str(HAND), "--bank", str(HAND_BANK), env=EN)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Quiz hand_quiz" in out
    assert "5 learners, 15 first-attempt answers used, 2 later attempts ignored." in out
    assert "7 files read, 6 duplicate rows counted once" in out
    q1 = next(line for line in out.splitlines() if re.match(r"\s*1\s+q1\s", line))
    assert q1.split()[2:10] == ["5", "5", "60.0%", "54.8%", "64.5%", "100.0%", "33.3%", "37.8%"]
    assert "46.2%" in out  # CIC
    assert "low internal consistency" in out and "low efficiency" in out
    assert "q1: a 3 (60%, right answer) · b 1 (20%) · c 1 (20%) · no answer 0" in out
    assert "hand-0" not in out  # aggregates only: no pseudonym in the report
    assert result.stderr == ""


def test_the_table_speaks_japanese_and_lines_up_wide_characters():
    result = run_course("report", str(HAND), "--bank", str(HAND_BANK), env=JA)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "項目分析" in out and "正答率" in out and "識別効率が低い" in out
    header = next(line for line in out.splitlines() if line.startswith("番号"))
    q2 = next(line for line in out.splitlines() if re.match(r"\s*2\s+q2\s", line))
    # The facility column ends at the same screen column in the header and the rows.
    end = display_width(header[: header.index("正答率") + 3])
    assert display_width(q2[: q2.index("60.0%") + 5]) == end


def test_the_html_page_is_self_contained_escaped_and_in_the_chosen_language(tmp_path):
    page = tmp_path / "report.html"
    result = run_course("report", str(HAND), "--bank", str(HAND_BANK), "--html", str(page),
                        "--lang", "ja", env=EN)
    assert result.returncode == 0, result.stderr
    assert "項目分析" in result.stdout  # --lang chose Japanese for the table too
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="ja">' in html
    assert html.count("<svg") == 3  # scatter, histogram, and q2's option chart (flagged)
    for forbidden in ("<script", "<link", "<iframe", "src=", "@import"):
        assert forbidden not in html, forbidden
    # The only references are the SVG's links to its own definitions and clip paths.
    targets = re.findall(r'href="([^"]*)"', html) + re.findall(r"url\(([^)]*)\)", html)
    assert targets and all(target.startswith("#") for target in targets)
    assert "64.5%" in html and "正答率と識別指数" in html
    assert "statistics_table.php" in html and "docs.moodle.org" in html  # sources


def test_untrusted_ids_are_refused_in_files_and_tamed_when_rows_are_analysed_directly(
        tmp_path):
    evil, bell = '<img src=x onerror="alert(1)">', "q\x1b[2J\x07"
    rows = [ResultRow("owl", "z", question, "o.o", "single_choice", json.dumps(f"<b>{i}</b>"),
                      float(i % 2), 1.0, 1, "2026-01-06T10:00:00Z", "self_check")
            for i in range(3) for question in (evil, bell)]
    path = tmp_path / "owl.json"
    path.write_text(to_json(rows, "owl", "2026-01-06T11:00:00Z"), encoding="utf-8")
    merged = merge_results([path])
    assert merged.rows == () and {(p.code, p.field) for p in merged.problems} == {
        ("bad_id", "question")}
    assert all(evil not in p.message(lang) and "\x1b" not in p.message(lang)
               for p in merged.problems for lang in ("ja", "en"))
    # Rows a caller builds itself skip the file checks: the report still escapes them.
    from course.quiz.analytics import analyse
    from course.workshop.graded import ClassResults

    results = ClassResults("", merge_results([HAND]), analyse(rows), {}, sources=1)
    html = render_html(results, "en")
    assert evil not in html and "<b>" not in html and "&lt;img src=x" in html
    text = render_text(results, "en")
    assert "q?[2J?" in text and "\x1b" not in text and "\x07" not in text


@pytest.mark.parametrize("make, expected", [
    (lambda d: d / "missing.json", "missing.json: the file does not exist."),
    (lambda d: _write(d / "broken.json", '{"format": "x-course-results", '),
     "broken.json: not valid JSON (line 1, column 32)"),
    (lambda d: _write(d / "old.json", json.dumps({"format": "x-course-results", "version": 0,
                                                   "learner": "owl", "rows": []})),
     "old.json, field “version”: export version 0 is not supported"),
    (lambda d: _write(d / "other.json", json.dumps({"format": "moodle"})),
     "other.json, field “format”: this is not a results export"),
    (lambda d: _write(d / "empty.json", json.dumps({
        "format": "x-course-results", "version": 1, "learner": "owl",
        "exported_at": "2026-01-06T11:00:00Z", "rows": []})),
     "empty.json: no answers in the results."),
])
def test_bad_input_names_the_file_and_exits_with_2(tmp_path, make, expected):
    result = run_course("report", str(make(tmp_path)), env=EN)
    assert result.returncode == 2
    assert expected in result.stderr
    assert "No report was made" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_refusals_in_japanese_and_for_an_unknown_quiz(tmp_path):
    result = run_course("report", str(tmp_path / "なし.json"), env=JA)
    assert result.returncode == 2 and "なし.json:ファイルがありません。" in result.stderr
    result = run_course("report", str(HAND), "--bank", str(HAND_BANK), "--quiz", "nope", env=EN)
    assert result.returncode == 2 and "no quiz “nope”" in result.stderr
    result = run_course("report", str(HAND), "--bank", str(HAND_BANK), "--html",
                        str(tmp_path / "no" / "dir" / "r.html"), env=EN)
    assert result.returncode == 2 and "could not be written" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_lists_the_report_command():
    result = run_course("--help", env=EN)
    assert result.returncode == 0 and "report" in result.stdout
    result = run_course("report", "--help", env=JA)
    assert result.returncode == 0 and "--html" in result.stdout and "項目分析" in result.stdout


def test_text_table_pads_by_display_width():
    lines = text_table(["問題", "n"], [["q1", "5"], ["長い問題名", "12"]], [False, True])
    # "長い問題名" takes 10 columns, the gap 2, the right-aligned numbers 2.
    assert [display_width(line) for line in lines] == [14, 14, 14]
    assert lines[0] == "問題         n" and lines[1] == "q1           5"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_course_quiz_takes_its_title_order_and_keys_from_the_bank():
    answers = {"owl": ('"restart-run-all"', '"shift-enter"'), "fox": ('"delete-cell"', '"ctrl-s"')}
    rows = [ResultRow(learner, "00_start_here", question, "start.use_jupyter", "single_choice",
                      answer, float(answer in ('"restart-run-all"', '"shift-enter"')), 1.0, 1,
                      "2026-01-06T10:00:00Z", "self_check")
            for learner, pair in answers.items()
            for question, answer in zip(("start-restart", "start-run-cell"), pair, strict=True)]
    results = grade_class(_merged(rows))
    assert set(results.banks) == {"00_start_here"} and results.ok
    text = render_text(results, "ja")
    assert "クイズ 00_start_here:確認クイズ:このコースの使い方" in text
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if "start-run-cell" in line)
    second = next(i for i, line in enumerate(lines) if "start-restart" in line)
    assert first < second  # the bank's order, not the alphabet
    assert "double-click 0 (0%)" in text  # an option nobody chose still shows
    assert "shift-enter 1 (50%, 正解)" in text  # the key comes from the bank


def _merged(rows):
    from course.quiz.results_io import MergedResults

    return MergedResults(tuple(rows), (), 0, 0, ())


def _class_file(folder: Path, learner: str, answer: str, score: float) -> Path:
    row = ResultRow(learner, "03_sms_codes", "sms-code-digits", "sms.code_rules",
                    "single_choice", json.dumps(answer), score, 1.0, 1,
                    "2026-01-06T10:00:00Z", "workshop")
    path = folder / f"{learner}.json"
    path.write_text(to_json([row], learner, "2026-01-06T11:00:00Z"), encoding="utf-8")
    return path


def test_a_forged_score_is_graded_again_and_its_learners_are_named(tmp_path):
    # The example of issue 12: files answering "four" to sms-code-digits claim full marks.
    # Three learners are right, three wrong; two of the wrong ones edited their file.
    for learner, answer, score in (("owl", "six", 1.0), ("fox", "six", 1.0),
                                   ("elk", "six", 1.0), ("yak", "eight", 0.0),
                                   ("cat", "four", 1.0), ("dog", "four", 1.0)):
        _class_file(tmp_path, learner, answer, score)
    result = run_course("report", str(tmp_path), env=EN)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    row = next(line for line in out.splitlines() if re.match(r"\s*1\s+sms-code-digits\s", line))
    assert row.split()[4] == "50.0%"  # the true facility, not 83 %
    assert "four 2 (33%) · six 3 (50%, right answer) · eight 1 (17%)" in out
    assert "four 2 (33%, right answer)" not in out
    assert ("2 answer(s) from 2 learner(s) carried a score the course does not give; "
            "the course graded them again from the question bank: cat, dog") in out
    ja = run_course("report", str(tmp_path), env=JA).stdout
    assert "2人の受講者の 2件の解答に、コースの採点と違う点数が付いていました" in ja


def test_an_answer_that_is_not_an_option_is_shown_as_invalid_never_as_an_option(tmp_path):
    for learner, answer, score in (("owl", "six", 1.0), ("fox", "<b>seven</b>", 1.0),
                                   ("elk", "four", 0.0)):
        _class_file(tmp_path, learner, answer, score)
    page = tmp_path.parent / f"{tmp_path.name}.html"
    result = run_course("report", str(tmp_path), "--html", str(page), env=EN)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "seven" not in out  # not an option of the question, not even as text
    assert "four 1 (33%) · six 1 (33%, right answer) · eight 0 (0%) · no answer 0 · " \
        "not a valid answer 1" in out
    assert "1 answer(s) from 1 learner(s) are not valid answers to their question" in out
    html = page.read_text(encoding="utf-8")
    assert "seven" not in html and "not a valid answer" in html


def test_answers_to_a_quiz_without_a_bank_are_left_out_and_said_so(tmp_path):
    result = run_course("report", str(HAND), env=EN)
    assert result.returncode == 2
    assert "no answer could be graded: the course has no question bank for hand_quiz" \
        in result.stderr
    broken = _write(tmp_path / "bank.yaml", "id: [")
    result = run_course("report", str(HAND), "--bank", str(broken), env=EN)
    assert result.returncode == 2 and "bank.yaml cannot be used" in result.stderr
    assert "Traceback" not in result.stderr
    extra, problems = bank_files([HAND_BANK])
    assert set(extra) == {"hand_quiz"} and problems == ()
