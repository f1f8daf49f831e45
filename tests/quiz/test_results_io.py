"""Reading, checking and merging exported result files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from course.i18n import LANGUAGES
from course.quiz.results_io import (
    FIELDS,
    MAX_PROBLEMS_PER_FILE,
    LoadedFile,
    Problem,
    ResultRow,
    check_row,
    expand_paths,
    merge_results,
    merge_rows,
    read_results,
    safe_display,
    to_csv,
    to_json_export,
)

HAND = Path(__file__).resolve().parents[1] / "fixtures" / "results" / "hand"
FICTIONAL_MOBILE = "090-0123-4567"  # data/fictional_numbers.yaml: jp_mobile_090_0


def good_row(**changes) -> dict:
    base = {"learner": "owl-17", "quiz": "00_start_here", "question": "start-run-cell",
            "objective": "start.use_jupyter", "type": "single_choice",
            "answer": '"shift-enter"', "score": 1.0, "max_score": 1.0, "attempt": 1,
            "answered_at": "2026-01-06T10:00:00Z", "mode": "self_check"}
    base.update(changes)
    return base


def export(rows: list[dict], **changes) -> dict:
    document = {"format": "x-course-results", "version": 1, "learner": "owl-17",
                "exported_at": "2026-01-06T11:00:00Z", "rows": rows}
    document.update(changes)
    return document


def write(tmp_path: Path, name: str, content: object) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_text(json.dumps(content), encoding="utf-8")
    return path


def codes(loaded: LoadedFile) -> list[str]:
    return [p.code for p in loaded.problems]


def test_a_good_export_is_read_with_typed_values(tmp_path):
    loaded = read_results(write(tmp_path, "owl.json", export([good_row(), good_row(
        question="start-restart", answer='"restart-run-all"', score=0, attempt=2)])))
    assert loaded.ok and len(loaded.rows) == 2
    first, second = loaded.rows
    assert first == ResultRow("owl-17", "00_start_here", "start-run-cell", "start.use_jupyter",
                              "single_choice", '"shift-enter"', 1.0, 1.0, 1,
                              "2026-01-06T10:00:00Z", "self_check")
    assert isinstance(second.score, float) and second.attempt == 2


def test_json_and_csv_round_trip(tmp_path):
    rows = [ResultRow(*check_row(good_row(question=f"q{i}", score=i / 4, attempt=i + 1,
                                          answer=json.dumps(["a", "c"][: i % 3])))[0])
            for i in range(4)]
    as_json = read_results(write(tmp_path, "a.json", to_json_export("owl-17", rows,
                                                                      "2026-01-06T11:00:00Z")))
    as_csv = read_results(write(tmp_path, "a.csv", to_csv(rows)))
    assert as_json.rows == as_csv.rows == tuple(rows)


def test_the_hand_fixture_reads_cleanly():
    files = [read_results(p) for p in sorted(HAND.glob("*.*")) if p.suffix != ".md"]
    assert all(f.ok for f in files)
    assert sum(len(f.rows) for f in files) == 17 + 3 + 3


@pytest.mark.parametrize("content, code", [
    ("{not json", "not_json"),
    ([1, 2], "not_export"),
    ({"rows": []}, "wrong_format"),
    (export([good_row()], format="moodle-results"), "wrong_format"),
    (export([good_row()], version=2), "wrong_version"),
    (export([good_row()], version="1"), "wrong_version"),
    (export([good_row()], version=True), "wrong_version"),
    (export([]), "no_rows"),
    (export("rows"), "rows_not_list"),
    (export([good_row()], exported_at="yesterday"), "bad_time"),
    (export([good_row()], learner=""), "not_text"),
    ("", "empty_file"),
    ("   \n", "empty_file"),
])
def test_bad_files_are_refused_with_a_code(tmp_path, content, code):
    loaded = read_results(write(tmp_path, "bad.json", content))
    assert code in codes(loaded) and loaded.rows == ()


@pytest.mark.parametrize("changes, field, code", [
    ({"score": 1.5}, "score", "score_out_of_range"),
    ({"score": -0.1}, "score", "score_out_of_range"),
    ({"score": "high"}, "score", "not_number"),
    ({"score": None}, "score", "not_number"),
    ({"score": True}, "score", "not_number"),
    ({"max_score": 0}, "max_score", "bad_max_score"),
    ({"attempt": 0}, "attempt", "bad_attempt"),
    ({"attempt": 1.5}, "attempt", "bad_attempt"),
    ({"attempt": True}, "attempt", "bad_attempt"),
    ({"answered_at": "2026-01-06T10:00:00"}, "answered_at", "bad_time"),  # no time zone
    ({"answered_at": 20260106}, "answered_at", "bad_time"),
    ({"mode": "exam"}, "mode", "bad_mode"),
    ({"question": ""}, "question", "not_text"),
    ({"quiz": "x" * 201}, "quiz", "too_long"),
    ({"objective": "a\x1b[31mb"}, "objective", "control_characters"),
    ({"answer": "shift-enter"}, "answer", "answer_not_json_text"),
    ({"answer": 3}, "answer", "answer_not_json_text"),
    ({"learner": "other-owl"}, "learner", "learner_mismatch"),
])
def test_bad_rows_name_the_file_row_and_field(tmp_path, changes, field, code):
    path = write(tmp_path, "owl.json", export([good_row(), good_row(**changes)]))
    loaded = read_results(path)
    assert loaded.rows == ()  # never half a file
    problem = loaded.problems[0]
    assert (problem.code, problem.row, problem.field) == (code, 2, field)
    assert "owl.json" in problem.message("en") and "row 2" in problem.message("en")
    assert "owl.json" in problem.message("ja") and "2件目" in problem.message("ja")
    assert field in problem.message("ja")


def test_missing_and_unknown_fields_are_listed_together(tmp_path):
    raw = good_row(colour="blue")
    del raw["mode"]
    loaded = read_results(write(tmp_path, "owl.json", export([raw])))
    assert {(p.code, p.field) for p in loaded.problems} == {
        ("unknown_fields", None), ("missing_field", "mode")}
    assert "colour" in loaded.problems[0].message("en")


@pytest.mark.parametrize("changes", [
    {"learner": FICTIONAL_MOBILE},
    {"answer": json.dumps(FICTIONAL_MOBILE)},
    {"answer": json.dumps(["a", "+81 90 0123 4567"])},
    {"answer": "819001234567"},  # the same fictional number as E.164 digits, a JSON number
])
def test_a_phone_number_is_refused_and_never_echoed(tmp_path, changes):
    learner = changes.get("learner", "owl-17")
    path = write(tmp_path, "owl.json", export([good_row(**changes)], learner=learner))
    loaded = read_results(path)
    assert "phone_like" in codes(loaded)
    for problem in loaded.problems:
        for lang in LANGUAGES:
            text = problem.message(lang)
            assert "0123" not in text and "4567" not in text


def test_numbers_and_ids_that_merely_contain_digits_are_fine():
    for changes in ({"answer": json.dumps(0.1 + 0.2)}, {"answer": "2026"},
                    {"question": "q-2026-0001"}, {"answer": json.dumps("12:30")}):
        row, errors = check_row(good_row(**changes))
        assert row is not None, (changes, errors)


def test_many_bad_rows_are_summarised(tmp_path):
    rows = [good_row(question=f"q{i}", score=7) for i in range(50)]
    loaded = read_results(write(tmp_path, "owl.json", export(rows)))
    assert len(loaded.problems) == MAX_PROBLEMS_PER_FILE + 1
    assert loaded.problems[-1].code == "more_problems"
    assert "30" in loaded.problems[-1].message("en")


def test_csv_problems_name_the_line(tmp_path):
    header = ",".join(FIELDS)
    good = to_csv([ResultRow(*check_row(good_row())[0])]).splitlines()[1]
    short = good.rsplit(",", 1)[0]  # the last cell missing
    loaded = read_results(write(tmp_path, "class.csv", f"{header}\n{good}\n{short}\n"))
    assert [(p.code, p.row) for p in loaded.problems] == [("wrong_cell_count", 3)]
    assert "line 3" in loaded.problems[0].message("en")
    assert "3行目" in loaded.problems[0].message("ja")
    bad_header = read_results(write(tmp_path, "h.csv", "learner,quiz\nowl,q\n"))
    assert codes(bad_header) == ["bad_header"]
    unclosed = read_results(write(tmp_path, "u.csv", f'{header}\n"{good}\n'))
    assert unclosed.rows == () and unclosed.problems


def test_csv_from_a_spreadsheet_with_bom_and_blank_lines(tmp_path):
    text = to_csv([ResultRow(*check_row(good_row())[0])])
    loaded = read_results(write(tmp_path, "excel.csv", ("\ufeff" + text + "\n\n").encode()))
    assert loaded.ok and len(loaded.rows) == 1


@pytest.mark.parametrize("path, code", [
    ("no/such/file.json", "missing_file"), (None, "not_a_path"), (3, "not_a_path"),
    ("", "not_a_path"), (b"bytes.json", "not_a_path"), ("nul\x00.json", "missing_file"),
])
def test_paths_that_are_not_files(path, code):
    assert codes(read_results(path)) == [code]


def test_unreadable_bytes_and_folders(tmp_path):
    assert codes(read_results(write(tmp_path, "latin.csv", "é,ü".encode("latin-1")))) == [
        "not_utf8"]
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    assert codes(merge_results([empty]).files[0]) == ["is_directory"]


def test_folders_expand_to_their_json_and_csv_files():
    expanded = expand_paths([HAND])
    assert len(expanded) == 7 and all(Path(p).suffix in (".json", ".csv") for p in expanded)


def test_merge_counts_duplicates_and_the_later_answer_wins():
    first = ResultRow(*check_row(good_row(score=0, answer='"ctrl-s"'))[0])
    edited = first._replace(score=1.0, answer='"shift-enter"',
                            answered_at="2026-01-06T10:05:00Z")
    rows, duplicates, conflicts = merge_rows([[first], [first], [edited]])
    assert (len(rows), duplicates, conflicts) == (1, 2, 1)
    assert rows[0] == edited
    rows, _, _ = merge_rows([[edited], [first]])  # order does not matter
    assert rows[0] == edited


def test_merge_reports_every_bad_file_but_keeps_the_good_rows(tmp_path):
    bad = write(tmp_path, "broken.json", "{")
    merged = merge_results([HAND, bad, tmp_path / "gone.json"])
    assert not merged.ok
    assert [p.code for p in merged.problems] == ["not_json", "missing_file"]
    assert merged.learners == 5
    assert merge_results([]).problems[0].code == "no_files"
    assert merge_results("not-a-list-but-a-path.json").problems[0].code == "missing_file"


def test_problem_text_exists_in_both_languages_for_every_code(tmp_path):
    problem = Problem("wrong_version", "a.json", None, "version", {"found": 2, "expected": 1})
    assert set(problem.text) == set(LANGUAGES)
    assert "2" in problem.text["en"] and "バージョン" in problem.text["ja"]


def test_safe_display_strips_control_characters_and_masks_phone_numbers():
    assert safe_display("a\x1b[2Jb\nc") == "a?[2Jb?c"
    assert "0123" not in safe_display(f"results-{FICTIONAL_MOBILE}.json")
    assert len(safe_display("x" * 500, 40)) == 40


def test_every_problem_code_in_the_code_has_text_in_both_languages():
    import re
    import string

    import course.quiz.analytics
    import course.quiz.results_io
    from course.i18n import catalog

    sources = [Path(m.__file__).read_text(encoding="utf-8")
               for m in (course.quiz.results_io, course.quiz.analytics)]
    pattern = r'(?:Problem\(|_problem\(|return value, |\(|errors\.append\(\()"([a-z_]+)"'
    found = {code for text in sources for code in re.findall(pattern, text)}
    known = {key.split(".", 2)[2] for key in catalog("en") if key.startswith("report.problem.")}
    problem_like = {c for c in found if c in known or c.startswith(("not_", "bad_", "wrong_"))}
    assert len(problem_like) > 30
    assert problem_like <= known, problem_like - known
    for lang in LANGUAGES:
        for code in known:
            text = catalog(lang)[f"report.problem.{code}"]
            names = {n for _, n, _, _ in string.Formatter().parse(text) if n}
            assert Problem(code, params=dict.fromkeys(names, "X")).message(lang)
