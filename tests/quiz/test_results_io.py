"""The results exchange format: exact fields, JSON and CSV round trips, files
refused as a whole with the file, row and field named in both languages, and
merging many learners' files."""

from __future__ import annotations

import csv
import io
import json
import string
from pathlib import Path

import pytest

from course.i18n import LANGUAGES, catalog
from course.quiz.problems import RESULTS_AREA, Problem
from course.quiz.results_io import (
    FIELDS,
    MAX_PROBLEMS_PER_FILE,
    LoadedFile,
    ResultRow,
    check_row,
    expand_paths,
    merge_results,
    merge_rows,
    parse_results,
    pseudonym_problem,
    read_results,
    safe_display,
    to_csv,
    to_json,
)

HAND = Path(__file__).resolve().parents[1] / "fixtures" / "results" / "hand"
FICTIONAL_MOBILE = "090-0123-4567"  # data/fictional_numbers.yaml: jp_mobile_090_0
EXPORTED_AT = "2026-01-06T11:00:00Z"


def good_row(**changes) -> dict:
    base = {"learner": "owl-17", "quiz": "00_start_here", "question": "start-run-cell",
            "objective": "start.use_jupyter", "type": "single_choice",
            "answer": '"shift-enter"', "score": 1.0, "max_score": 1.0, "attempt": 1,
            "answered_at": "2026-01-06T10:00:00Z", "mode": "self_check"}
    base.update(changes)
    return base


def row(**changes) -> ResultRow:
    checked, problems = check_row(good_row(**changes))
    assert checked is not None, problems
    return checked


def export(rows: list[dict], **changes) -> dict:
    document = {"format": "x-course-results", "version": 1, "learner": "owl-17",
                "exported_at": EXPORTED_AT, "rows": rows}
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


ROWS = (
    row(answer='"ctrl-s"', score=0.0),
    row(attempt=2, answered_at="2026-01-06T10:00:05.250Z"),
    row(quiz="all_types", question="fx-short", objective="fixture.steps", type="short_text",
        answer='"見つけやすさと連絡先, \\"quoted\\""', score=0.5,
        answered_at="2026-01-06T10:01:00+00:00", mode="workshop"),
)


# ---------------------------------------------------------------------------
# Writing and reading back


def test_the_fields_are_exactly_the_agreed_ones():
    assert FIELDS == ("learner", "quiz", "question", "objective", "type", "answer", "score",
                      "max_score", "attempt", "answered_at", "mode")
    document = json.loads(to_json(ROWS, "owl-17", EXPORTED_AT))
    assert list(document) == ["format", "version", "learner", "exported_at", "rows"]
    assert (document["format"], document["version"]) == ("x-course-results", 1)
    assert all(list(r) == list(FIELDS) for r in document["rows"])
    assert tuple(next(csv.reader(io.StringIO(to_csv(ROWS))))) == FIELDS


def test_json_and_csv_round_trip_from_text_bytes_and_files(tmp_path):
    as_json, as_csv = to_json(ROWS, "owl-17", EXPORTED_AT), to_csv(ROWS)
    for loaded in (parse_results(as_json), parse_results(as_csv),
                   parse_results(("\ufeff" + as_csv).encode("utf-8")),
                   read_results(write(tmp_path, "a.json", as_json)),
                   read_results(write(tmp_path, "a.csv", as_csv)),
                   read_results(write(tmp_path, "no-suffix", as_csv))):
        assert loaded.ok, [p.message("en") for p in loaded.problems]
        assert loaded.rows == ROWS and loaded.learner == "owl-17"
    assert isinstance(parse_results(as_csv).rows[0].score, float)
    assert parse_results(as_csv).rows[1].attempt == 2


def test_a_csv_with_its_columns_in_another_order_reads_the_same():
    table = list(csv.reader(io.StringIO(to_csv(ROWS))))
    order = sorted(range(len(FIELDS)), key=lambda i: FIELDS[i])
    out = io.StringIO()
    csv.writer(out).writerows([[line[i] for i in order] for line in table])
    assert out.getvalue().startswith("answer,answered_at,attempt,")
    assert parse_results(out.getvalue(), kind="csv").rows == ROWS


@pytest.mark.parametrize("name, content, code", [
    ("csv-inside.json", to_csv(ROWS), None),
    ("json-inside.csv", to_json(ROWS, "owl-17", EXPORTED_AT), None),
    ("notes.json", "hello", "not_json"),  # a .json file gets JSON's message
    ("notes.csv", "hello", "bad_header"),
    ("notes.txt", "hello", "bad_header"),
])
def test_the_content_decides_and_the_name_only_chooses_the_message(tmp_path, name, content,
                                                                   code):
    loaded = read_results(write(tmp_path, name, content))
    assert codes(loaded) == ([] if code is None else [code])
    assert loaded.rows == (ROWS if code is None else ())


def test_a_csv_of_several_learners_has_no_single_learner():
    loaded = parse_results(to_csv([*ROWS, row(learner="fox-3")]))
    assert loaded.ok and loaded.learner is None and len(loaded.rows) == 4


def test_the_hand_fixture_reads_cleanly():
    files = [read_results(p) for p in sorted(HAND.glob("*.*")) if p.suffix != ".md"]
    assert all(f.ok for f in files), [p.message("en") for f in files for p in f.problems]
    assert sum(len(f.rows) for f in files) == 17 + 3 + 3


# ---------------------------------------------------------------------------
# Files refused as a whole


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
    (export([good_row()], exported_at="2026-01-06T20:00:00+09:00"), "bad_time"),
    (export([good_row()], learner=""), "bad_id"),
    (export([good_row()], learner="Taro Yamada"), "bad_id"),
    (export([good_row(learner=FICTIONAL_MOBILE)], learner=FICTIONAL_MOBILE),
     "looks_like_phone_or_code"),
    ("", "empty_file"),
    ("   \n", "empty_file"),
])
def test_bad_files_are_refused_with_a_code(tmp_path, content, code):
    loaded = read_results(write(tmp_path, "bad.json", content))
    assert code in codes(loaded) and loaded.rows == ()
    assert all(p.file and "bad.json" in p.message(lang)
               for p in loaded.problems for lang in LANGUAGES)


@pytest.mark.parametrize("changes, field, code", [
    ({"score": 1.5}, "score", "bad_score"),
    ({"score": -0.1}, "score", "bad_score"),
    ({"score": "high"}, "score", "bad_score"),
    ({"score": None}, "score", "bad_score"),
    ({"score": True}, "score", "bad_score"),
    ({"score": "nan"}, "score", "bad_score"),
    ({"max_score": 0}, "max_score", "bad_max_score"),
    ({"max_score": 2.0}, "max_score", "bad_max_score"),
    ({"attempt": 0}, "attempt", "bad_attempt"),
    ({"attempt": 1.5}, "attempt", "bad_attempt"),
    ({"attempt": True}, "attempt", "bad_attempt"),
    ({"attempt": "١"}, "attempt", "bad_attempt"),  # an Arabic-Indic digit is not a CSV number
    ({"answered_at": "2026-01-06T10:00:00"}, "answered_at", "bad_time"),  # no time zone
    ({"answered_at": "2026-01-06T19:00:00+09:00"}, "answered_at", "bad_time"),  # not UTC
    ({"answered_at": 20260106}, "answered_at", "bad_time"),
    ({"mode": "exam"}, "mode", "bad_mode"),
    ({"type": "essay"}, "type", "bad_type"),
    ({"question": ""}, "question", "bad_id"),
    ({"question": "Q 1"}, "question", "bad_id"),
    ({"quiz": "x" * 65}, "quiz", "bad_id"),
    ({"objective": "a\x1b[31mb"}, "objective", "bad_id"),
    ({"objective": "nodot"}, "objective", "bad_id"),
    ({"answer": "shift-enter"}, "answer", "bad_answer"),
    ({"answer": 3}, "answer", "bad_answer"),
    ({"answer": json.dumps("a" * 3000)}, "answer", "too_long"),
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
    assert field in problem.message("ja") and field in problem.message("en")


def test_every_mistake_of_a_row_is_listed_at_once():
    raw = good_row(colour="blue", score=7, mode="exam")
    del raw["type"]
    checked, problems = check_row(raw, file="owl.json", row=4)
    assert checked is None
    assert {(p.code, p.field) for p in problems} == {
        ("unknown_fields", None), ("missing_field", "type"), ("bad_score", "score"),
        ("bad_mode", "mode")}
    assert all(p.file == "owl.json" and p.row == 4 for p in problems)
    assert "colour" in next(p for p in problems if p.code == "unknown_fields").message("en")


@pytest.mark.parametrize("changes", [
    {"learner": FICTIONAL_MOBILE},
    {"learner": "owl-654321"},
    {"answer": json.dumps(FICTIONAL_MOBILE)},
    {"answer": json.dumps(["a", "+81 90 0123 4567"])},
    {"answer": json.dumps({"k": "code 654321"})},
    {"answer": "819001234567"},  # the fictional number as E.164 digits, a JSON number
    {"answer": "8.19001234567e11"},  # the same in exponent form: no digit run in the text
    {"answer": '"\\u0030\\u0039\\u0030\\u0030\\u0031\\u0032\\u0033\\u0034"'},  # escaped
    {"answer": json.dumps("０９０－０１２３－４５６７", ensure_ascii=False)},  # full width
    {"answer": "9001234567", "type": "numeric"},  # numeric questions: 10 digits is too many
])
def test_a_phone_number_or_code_is_refused_and_never_echoed(tmp_path, changes):
    learner = changes.get("learner", "owl-17")
    path = write(tmp_path, "owl.json", export([good_row(**changes)], learner=learner))
    loaded = read_results(path)
    assert "looks_like_phone_or_code" in codes(loaded) and loaded.rows == ()
    for problem in loaded.problems:
        for lang in LANGUAGES:
            text = problem.message(lang)
            assert "0123" not in text and "4567" not in text and "654321" not in text


def test_numbers_and_ids_that_merely_contain_digits_are_fine():
    for changes in ({"answer": json.dumps(0.1 + 0.2), "type": "numeric"},
                    {"answer": "123456", "type": "numeric"}, {"answer": "2026"},
                    {"question": "q-2026-0001"}, {"answer": json.dumps("12:30")},
                    {"learner": "learner-12345"}):
        checked, problems = check_row(good_row(**changes))
        assert checked is not None, (changes, problems)


def test_the_pseudonym_rule_is_the_files_rule():
    assert pseudonym_problem("learner-abcdefgh") is None
    assert pseudonym_problem(FICTIONAL_MOBILE).code == "looks_like_phone_or_code"
    assert pseudonym_problem("Taro Yamada").code == "bad_id"
    assert pseudonym_problem(None).code == "bad_id"


def test_many_bad_rows_are_summarised(tmp_path):
    rows = [good_row(question=f"q{i}", score=7) for i in range(50)]
    loaded = read_results(write(tmp_path, "owl.json", export(rows)))
    assert len(loaded.problems) == MAX_PROBLEMS_PER_FILE + 1
    assert loaded.problems[-1].code == "more_problems"
    assert "30" in loaded.problems[-1].message("en")


def test_csv_problems_name_the_line(tmp_path):
    header = ",".join(FIELDS)
    good = to_csv([row()]).splitlines()[1]
    short = good.rsplit(",", 1)[0]  # the last cell missing
    loaded = read_results(write(tmp_path, "class.csv", f"{header}\n{good}\n{short}\n"))
    assert [(p.code, p.row) for p in loaded.problems] == [("wrong_cell_count", 3)]
    assert "line 3" in loaded.problems[0].message("en")
    assert "3行目" in loaded.problems[0].message("ja")
    bad_header = read_results(write(tmp_path, "h.csv", "learner,quiz\nowl,q\n"))
    assert codes(bad_header) == ["bad_header"]
    unclosed = read_results(write(tmp_path, "u.csv", f'{header}\n"{good}\n{good}\n'))
    assert unclosed.rows == () and codes(unclosed) == ["wrong_cell_count"]
    endless = read_results(write(tmp_path, "x.csv", f'{header}\n{good}\n"{"x" * 200_000}'))
    assert [(p.code, p.row) for p in endless.problems] == [("not_csv", 3)]
    only_header = read_results(write(tmp_path, "e.csv", header + "\n"))
    assert codes(only_header) == ["no_rows"]


def test_csv_line_problems_are_counted_like_row_problems(tmp_path):
    header = ",".join(FIELDS)
    lines = [header] + ["a,b"] * 30
    loaded = read_results(write(tmp_path, "many.csv", "\n".join(lines)))
    assert len(loaded.problems) == MAX_PROBLEMS_PER_FILE + 1
    assert loaded.problems[-1].params == {"count": 10}


def test_csv_from_a_spreadsheet_with_bom_and_blank_lines(tmp_path):
    text = to_csv([row()])
    loaded = read_results(write(tmp_path, "excel.csv", ("\ufeff" + text + "\n\n").encode()))
    assert loaded.ok and len(loaded.rows) == 1


@pytest.mark.parametrize("path, code", [
    ("no/such/file.json", "missing_file"), (None, "not_a_path"), (3, "not_a_path"),
    ("", "not_a_path"), (b"bytes.json", "not_a_path"), ("nul\x00.json", "missing_file"),
])
def test_paths_that_are_not_files(path, code):
    assert codes(read_results(path)) == [code]


@pytest.mark.parametrize("data, code", [
    (None, "not_results"), (3, "not_results"), (b"\xff\xfe", "not_utf8"), ("", "empty_file"),
])
def test_contents_that_are_not_exports(data, code):
    assert codes(parse_results(data)) == [code]


def test_unreadable_bytes_and_folders(tmp_path):
    assert codes(read_results(write(tmp_path, "latin.csv", "é,ü".encode("latin-1")))) == [
        "not_utf8"]
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    assert codes(merge_results([empty]).files[0]) == ["is_directory"]


# ---------------------------------------------------------------------------
# Merging


def test_folders_expand_to_their_json_and_csv_files():
    expanded = expand_paths([HAND])
    assert len(expanded) == 7 and all(Path(p).suffix in (".json", ".csv") for p in expanded)


def test_merge_counts_duplicates_and_the_later_answer_wins():
    first = row(score=0, answer='"ctrl-s"')
    edited = first._replace(score=1.0, answer='"shift-enter"',
                            answered_at="2026-01-06T10:05:00Z")
    rows, duplicates, conflicts = merge_rows([[first], [first], [edited]])
    assert (len(rows), duplicates, conflicts) == (1, 2, 1)
    assert rows[0] == edited
    rows, _, _ = merge_rows([[edited], [first]])  # order does not matter
    assert rows[0] == edited


def test_the_same_attempt_in_another_mode_is_another_answer():
    practice = row()
    workshop = practice._replace(mode="workshop", answered_at="2026-01-07T10:00:00Z")
    rows, duplicates, conflicts = merge_rows([[practice], [workshop]])
    assert (rows, duplicates, conflicts) == ([practice, workshop], 0, 0)
    assert practice.key != workshop.key


def test_merge_reports_every_bad_file_but_keeps_the_good_rows(tmp_path):
    bad = write(tmp_path, "broken.json", "{")
    merged = merge_results([HAND, bad, tmp_path / "gone.json"])
    assert not merged.ok
    assert [p.code for p in merged.problems] == ["not_json", "missing_file"]
    assert merged.learners == 5
    assert merge_results([]).problems[0].code == "no_files"
    assert merge_results("not-a-list-but-a-path.json").problems[0].code == "missing_file"


# ---------------------------------------------------------------------------
# Texts


def test_problem_messages_say_where_in_both_languages():
    problem = Problem("wrong_version", "a.json", None, "version", {"found": 2, "expected": 1})
    assert set(problem.text) == set(LANGUAGES)
    assert problem.message("en") == ("a.json, field “version”: export version 2 is not "
                                     "supported; this course reads version 1.")
    assert problem.text["ja"].startswith("a.json、項目「version」:") and "バージョン" in \
        problem.text["ja"]
    line = Problem("not_csv", "b.csv", 7, csv_line=True)
    assert line.message("en").startswith("b.csv, line 7: ") and "7行目" in line.message("ja")
    assert Problem("no_files").message("en") == "no result files were given."


def test_every_text_of_the_format_is_reachable_and_fills_its_placeholders(tmp_path):
    """Each code the catalog explains is one this module produces, and back."""
    produced = set()
    inputs = [export([good_row(**c)]) for c in (
        {"colour": 1}, {"type": "essay"}, {"answer": "x"}, {"answer": '"' + "a" * 2001 + '"'},
        {"answer": json.dumps(FICTIONAL_MOBILE)}, {"score": 2}, {"max_score": 2},
        {"attempt": 0}, {"answered_at": "x"}, {"mode": "x"}, {"quiz": "X"},
        {"learner": "fox"})]
    inputs += [export([good_row()], version=9), export("x"), export([]), [1], {"a": 1}, "{",
               export([good_row(score=9, question=f"q{i}") for i in range(30)]), "",
               export([1])]
    for i, content in enumerate(inputs):
        produced |= set(codes(read_results(write(tmp_path, f"{i}.json", content))))
    missing = good_row()
    del missing["mode"]
    produced |= set(codes(read_results(write(tmp_path, "m.json", export([missing])))))
    for name, content in (("h.csv", "a,b\n"), ("c.csv", ",".join(FIELDS) + "\na\n"),
                          ("q.csv", ",".join(FIELDS) + '\n"' + "a" * 200_000), ("u.csv", b"\xff")):
        produced |= set(codes(read_results(write(tmp_path, name, content))))
    produced |= set(codes(read_results(tmp_path / "gone.json")))
    produced |= set(codes(read_results(tmp_path)))
    produced |= set(codes(read_results(3))) | set(codes(parse_results(3)))
    produced |= {p.code for p in merge_results([]).problems}
    big = tmp_path / "big.json"
    with big.open("wb") as handle:  # sparse: no disk is used
        handle.truncate(300 * 1024 * 1024)
    produced |= set(codes(read_results(big)))
    produced |= set(codes(read_results(tmp_path / "0.json" / "inside.json")))  # unreadable
    prefix = f"{RESULTS_AREA}."
    for lang in LANGUAGES:
        texts = {k[len(prefix):]: v for k, v in catalog(lang).items() if k.startswith(prefix)}
        assert produced == set(texts), (produced ^ set(texts))
        for code, text in texts.items():
            names = {n for _, n, _, _ in string.Formatter().parse(text) if n}
            message = Problem(code, params=dict.fromkeys(names, "X")).message(lang)
            assert message and "{" not in message


def test_safe_display_strips_control_characters_and_masks_phone_numbers():
    assert safe_display("a\x1b[2Jb\nc") == "a?[2Jb?c"
    assert "0123" not in safe_display(f"results-{FICTIONAL_MOBILE}.json")
    assert "654321" not in safe_display("code-654321.json")  # the privacy rule's threshold
    assert safe_display("class-2026.csv") == "class-2026.csv"
    assert len(safe_display("x" * 500, 40)) == 40
