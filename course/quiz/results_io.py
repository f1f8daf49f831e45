"""The results exchange format: the one place that reads, checks, writes and merges it.

A learner exports their answers (``python -m course export``), imports them on
another computer (``python -m course import``), and an instructor collects
many learners' files for the item analysis (``python -m course report``).
All three go through this module, so a file one accepts the others accept.

JSON::

    {"format": "x-course-results", "version": 1, "learner": "<pseudonym>",
     "exported_at": "<ISO 8601 UTC>", "rows": [ROW, ...]}

CSV: a header naming the ROW fields, then one ROW per line (UTF-8; a BOM is
tolerated because spreadsheets add one).

ROW fields, exactly: learner, quiz, question, objective, type, answer (the
answer as a JSON text), score (0..1), max_score (1.0), attempt (1 = first
attempt at that question in that mode), answered_at (ISO 8601 UTC), mode
(self_check | workshop). Item analysis uses ``attempt == 1``.

Ids follow the question-bank schema (data/quizzes/schema.json); pseudonyms
and answers go through the one privacy rule of ``course.quiz.privacy``.
Nothing here raises on bad input: a file with any problem gives no rows at
all (never half a file), and every ``Problem`` names the file, the row and
the field, in Japanese and English. Plain stdlib: reading needs no pandas.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from course.quiz.model import TYPES
from course.quiz.privacy import answer_is_sensitive, looks_like_number_or_code
from course.quiz.problems import Problem

FORMAT = "x-course-results"
VERSION = 1
FIELDS: tuple[str, ...] = (
    "learner", "quiz", "question", "objective", "type", "answer", "score", "max_score",
    "attempt", "answered_at", "mode",
)
# What identifies a row: the progress store counts attempts per mode, so the
# same attempt number in self-check and in a workshop are two different answers.
KEY_FIELDS: tuple[str, ...] = ("learner", "quiz", "question", "mode", "attempt")
_row_key = itemgetter(*(FIELDS.index(name) for name in KEY_FIELDS))
MODES: tuple[str, ...] = ("self_check", "workshop")

# Ids as the bank schema writes them; a pseudonym is a short id of its own.
LEARNER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
BANK_ID = re.compile(r"[a-z0-9][a-z0-9_]{0,63}")
QUESTION_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
OBJECTIVE = re.compile(r"[a-z0-9_]+\.[a-z0-9_]+")

MAX_FILE_BYTES = 256 * 1024 * 1024  # a class of 5,000 learners x 60 questions is about 60 MB
MAX_ANSWER_LENGTH = 2000
MAX_ATTEMPT = 1_000_000
MAX_PROBLEMS_PER_FILE = 20  # enough to see the pattern; the rest is counted

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class ResultRow(NamedTuple):
    """One graded answer, exactly the exchange format's fields.

    A NamedTuple rather than a dataclass: a class of 5,000 learners has
    300,000 rows, and tuples are built ten times faster.
    """

    learner: str
    quiz: str
    question: str
    objective: str
    type: str
    answer: str  # a JSON text: "\"a\"", "[\"a\",\"c\"]", "3.5", "null"
    score: float
    max_score: float
    attempt: int
    answered_at: str
    mode: str

    @property
    def key(self) -> tuple[str, str, str, str, int]:
        """The same learner, quiz, question, mode and attempt: the same answer."""
        return _row_key(self)

    def as_dict(self) -> dict[str, Any]:
        return dict(zip(FIELDS, self, strict=True))


@dataclass(frozen=True)
class LoadedFile:
    """What one file gave: its rows (only if it had no problem) and its problems.

    ``learner`` is the file's pseudonym (a CSV's, when all its rows share one).
    """

    path: str
    rows: tuple[ResultRow, ...]
    problems: tuple[Problem, ...]
    learner: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class MergedResults:
    """Rows of many files, each (learner, quiz, question, mode, attempt) kept once."""

    rows: tuple[ResultRow, ...]
    files: tuple[LoadedFile, ...]
    duplicates: int  # rows dropped because a row with the same key was already read
    conflicts: int  # of those, how many differed in content (the later answer won)
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def learners(self) -> int:
        return len({row.learner for row in self.rows})


# ---------------------------------------------------------------------------
# Small pieces the store and the commands share


def iso_utc(timestamp: float) -> str:
    """Seconds since the epoch as ``2026-11-25T09:30:00.123Z``."""
    whole = math.floor(timestamp)
    millis = min(999, round((timestamp - whole) * 1000))
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(whole)) + f".{millis:03d}Z"


def parse_iso_utc(text: object) -> datetime | None:
    """A UTC ISO 8601 time (``Z`` or ``+00:00``), or None for anything else."""
    if not isinstance(text, str) or not 10 <= len(text) <= 40:
        return None
    try:
        moment = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    except ValueError:
        return None
    offset = moment.utcoffset()
    return moment if offset is not None and not offset else None


def answer_json(answer: object) -> str:
    """The stored form of a canonical answer: compact JSON, non-ASCII kept."""
    return json.dumps(answer, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def pseudonym_problem(text: object) -> Problem | None:
    """Why a text cannot be a learner pseudonym (not a short id, or it looks like a
    phone number or a code), or None when it can."""
    _, code, params = _check_learner(text)
    return None if code is None else Problem(code, field="learner", params=params)


def safe_display(value: object, limit: int = 80) -> str:
    """Make a user-given text (a path, a quiz id) safe to print: no control
    characters, bounded length, and digits masked where the privacy rule sees
    a phone number or a code."""
    text = _CONTROL.sub("?", str(value))
    if looks_like_number_or_code(text):
        text = re.sub(r"\d", "#", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------
# Checking one row. Each field check returns (value, problem code, params).

_Check = tuple[Any, "str | None", dict]
_Error = tuple[str, "str | None", dict]


def _id_check(pattern: re.Pattern[str], example: str) -> Callable[[Any], _Check]:
    def check(value: Any) -> _Check:
        if isinstance(value, str) and pattern.fullmatch(value):
            return value, None, {}
        return value, "bad_id", {"example": example}
    return check


def _check_learner(value: Any) -> _Check:
    if not isinstance(value, str) or not LEARNER.fullmatch(value):
        return value, "bad_id", {"example": "learner-abcdefgh"}
    if looks_like_number_or_code(value):
        return value, "looks_like_phone_or_code", {}
    return value, None, {}


def _check_type(value: Any) -> _Check:
    if isinstance(value, str) and value in TYPES:
        return value, None, {}
    return value, "bad_type", {"types": ", ".join(TYPES)}


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str) and len(value) <= 40:
        try:
            number = float(value)
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def _check_score(value: Any) -> _Check:
    number = _number(value)
    if number is None or not 0.0 <= number <= 1.0:
        return value, "bad_score", {}
    return number, None, {}


def _check_max_score(value: Any) -> _Check:
    if _number(value) != 1.0:
        return value, "bad_max_score", {}
    return 1.0, None, {}


def _whole(value: Any) -> int | None:
    """An int, a float without a fraction, or up to 9 ASCII digits (a CSV cell)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 9:
        return int(value)
    return None


def _check_attempt(value: Any) -> _Check:
    number = _whole(value)
    if number is None or not 1 <= number <= MAX_ATTEMPT:
        return value, "bad_attempt", {}
    return number, None, {}


def _check_time(value: Any) -> _Check:
    if parse_iso_utc(value) is None:
        return value, "bad_time", {}
    return value, None, {}


def _check_mode(value: Any) -> _Check:
    if isinstance(value, str) and value in MODES:
        return value, None, {}
    return value, "bad_mode", {"modes": ", ".join(MODES)}


def _check_answer_text(value: Any) -> _Check:
    """The answer's form; the privacy rule needs the question type (``_answer_problem``)."""
    if not isinstance(value, str):
        return value, "bad_answer", {}
    if len(value) > MAX_ANSWER_LENGTH:
        return value, "too_long", {"limit": MAX_ANSWER_LENGTH}
    try:
        json.loads(value)
    except (ValueError, RecursionError):
        return value, "bad_answer", {}
    return value, None, {}


_CHECKS: dict[str, Callable[[Any], _Check]] = {
    "learner": _check_learner,
    "quiz": _id_check(BANK_ID, "00_start_here"),
    "question": _id_check(QUESTION_ID, "start-run-cell"),
    "objective": _id_check(OBJECTIVE, "start.use_jupyter"),
    "type": _check_type,
    "score": _check_score,
    "max_score": _check_max_score,
    "attempt": _check_attempt,
    "mode": _check_mode,
}
_FIELD_SET = frozenset(FIELDS)
_REMEMBERED_FIELDS = tuple(_CHECKS)
_remembered_values = itemgetter(*_REMEMBERED_FIELDS)

# Values that passed their check, as (field, type, value) -> checked value; the
# type is part of the key so that True, 1 and 1.0 stay apart. Only good values
# are kept (ids are short by construction, answers only up to a length), and
# the memory is bounded.
_passed: dict[tuple[str, Any, Any], Any] = {}
_PASSED_LIMIT = 100_000
_REMEMBERED_ANSWER_LENGTH = 200


def _remember(key: tuple[str, Any, Any], checked: Any) -> None:
    if len(_passed) >= _PASSED_LIMIT:
        _passed.clear()
    _passed[key] = checked


def _check_value(name: str, value: Any) -> _Check:
    """One field's check; a value that passed once is not checked again."""
    key = (name, type(value), value)
    try:
        return _passed[key], None, {}
    except KeyError:
        pass
    except TypeError:  # a list or an object: not hashable, and never valid either
        return _CHECKS[name](value)
    checked, code, params = _CHECKS[name](value)
    if code is None:
        _remember(key, checked)
    return checked, code, params


def _answer_problem(answer: Any, question_type: str) -> tuple[str | None, dict]:
    """The answer's form, then the privacy rule for its question type.

    Answers repeat (the same option ids over and over): each passes once.
    """
    key = ("answer", question_type, answer)
    try:
        if key in _passed:
            return None, {}
    except TypeError:
        pass
    _, code, params = _check_answer_text(answer)
    if code is None and answer_is_sensitive(answer, question_type):
        code = "looks_like_phone_or_code"
    if code is None and len(answer) <= _REMEMBERED_ANSWER_LENGTH:
        _remember(key, answer)
    return code, params


def _known_good_row(raw: Any) -> ResultRow | None:
    """The common case, quickly: a row whose every value has passed its check before.

    Nothing is decided here: anything new or doubtful returns None and goes
    through ``_row_errors``'s field-by-field checks, which remember what passes.
    """
    if type(raw) is not dict or raw.keys() != _FIELD_SET:
        return None
    try:
        learner, quiz, question, objective, qtype, score, max_score, attempt, mode = [
            _passed[(name, type(value), value)]
            for name, value in zip(_REMEMBERED_FIELDS, _remembered_values(raw), strict=True)]
        answer, answered_at = raw["answer"], raw["answered_at"]
        if ("answer", qtype, answer) not in _passed:
            return None
    except (KeyError, TypeError):
        return None
    if parse_iso_utc(answered_at) is None:
        return None
    return ResultRow(learner, quiz, question, objective, qtype, answer, score, max_score,
                     attempt, answered_at, mode)


def _row_errors(raw: Any) -> tuple[ResultRow | None, list[_Error]]:
    row = _known_good_row(raw)
    if row is not None:
        return row, []
    if not isinstance(raw, Mapping):
        return None, [("row_not_object", None, {})]
    errors: list[_Error] = []
    if raw.keys() != _FIELD_SET:
        unknown = sorted(str(k) for k in raw if k not in _FIELD_SET)
        if unknown:
            shown = ", ".join(safe_display(k, 30) for k in unknown[:5])
            errors.append(("unknown_fields", None, {"fields": shown}))
    values: dict[str, Any] = {}
    for name in FIELDS:
        if name not in raw:
            errors.append(("missing_field", name, {}))
            continue
        value = raw[name]
        if name == "answer":
            values[name] = value
            continue
        checked, code, params = (_check_time(value) if name == "answered_at"
                                 else _check_value(name, value))
        if code is not None:
            errors.append((code, name, params))
        values[name] = checked
    if "answer" in values:
        qtype = values.get("type")
        code, params = _answer_problem(values["answer"], qtype if qtype in TYPES else "")
        if code is not None:
            errors.append((code, "answer", params))
    if errors:
        return None, errors
    return ResultRow(**values), []


def check_row(raw: Any, *, file: str | None = None, row: int | None = None,
              csv_line: bool = False) -> tuple[ResultRow | None, tuple[Problem, ...]]:
    """Check one raw row (a mapping of field -> value): the typed row, or its problems.

    Every field is checked, so one pass reports all mistakes of a row.
    ``file`` / ``row`` / ``csv_line`` only say where, for the messages.
    """
    checked, errors = _row_errors(raw)
    return checked, tuple(Problem(code, file, row, name, params, csv_line)
                          for code, name, params in errors)


# ---------------------------------------------------------------------------
# Reading


class _Unreadable(NamedTuple):
    """A CSV line that could not become a row (its problem, counted like a row's)."""

    code: str
    params: dict


def _rows_problems(raws: Iterable[tuple[int, Any]], shown: str, csv_lines: bool,
                   learner: str | None = None) -> tuple[list[ResultRow], list[Problem]]:
    rows: list[ResultRow] = []
    problems: list[Problem] = []
    hidden = 0
    for number, raw in raws:
        if type(raw) is _Unreadable:
            row, errors = None, [(raw.code, None, raw.params)]
        else:
            row, errors = _row_errors(raw)
        if row is not None and learner is not None and row.learner != learner:
            row, errors = None, [("learner_mismatch", "learner", {})]
        if row is not None:
            rows.append(row)
            continue
        for code, name, params in errors:
            if len(problems) < MAX_PROBLEMS_PER_FILE:
                problems.append(Problem(code, shown, number, name, params, csv_lines))
            else:
                hidden += 1
    if hidden:
        problems.append(Problem("more_problems", shown, params={"count": hidden}))
    return rows, problems


def _loaded(shown: str, rows: list[ResultRow], problems: list[Problem],
            learner: str | None) -> LoadedFile:
    if not rows and not problems:
        problems = [Problem("no_rows", shown)]
    return LoadedFile(shown, () if problems else tuple(rows), tuple(problems), learner)


def _refused(shown: str, code: str, **details: Any) -> LoadedFile:
    return LoadedFile(shown, (), (Problem(code, shown, **details),))


def parse_json_export(text: str, shown: str = "<text>") -> LoadedFile:
    """Read one learner's JSON export (already decoded)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        return _refused(shown, "not_json", params={"line": exc.lineno, "column": exc.colno})
    except (ValueError, RecursionError):
        return _refused(shown, "not_json", params={"line": "?", "column": "?"})
    if not isinstance(document, dict):
        return _refused(shown, "not_export")
    if document.get("format") != FORMAT:
        return _refused(shown, "wrong_format", field="format", params={"expected": FORMAT})
    version = document.get("version")
    if version != VERSION or isinstance(version, bool):
        found = version if isinstance(version, int) and not isinstance(version, bool) else "?"
        return _refused(shown, "wrong_version", field="version",
                        params={"found": found, "expected": VERSION})
    problems: list[Problem] = []
    learner = document.get("learner")
    _, code, params = _check_learner(learner)
    if code:
        problems.append(Problem(code, shown, field="learner", params=params))
        learner = None
    if parse_iso_utc(document.get("exported_at")) is None:
        problems.append(Problem("bad_time", shown, field="exported_at"))
    raw_rows = document.get("rows")
    if not isinstance(raw_rows, list):
        problems.append(Problem("rows_not_list", shown, field="rows"))
        return LoadedFile(shown, (), tuple(problems), learner)
    rows, row_problems = _rows_problems(enumerate(raw_rows, 1), shown, False, learner)
    return _loaded(shown, rows, problems + row_problems, learner)


def parse_csv_export(text: str, shown: str = "<text>") -> LoadedFile:
    """Read a CSV export: a header with exactly ``FIELDS`` (any order), one row per line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error:
        header = None
    if not header or not any(cell.strip() for cell in header):
        return _refused(shown, "no_rows")
    names = [cell.strip() for cell in header]
    if sorted(names) != sorted(FIELDS):
        return _refused(shown, "bad_header", row=1, csv_line=True,
                        params={"fields": ", ".join(FIELDS)})

    def raws() -> Iterator[tuple[int, Any]]:
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error:
                yield reader.line_num, _Unreadable("not_csv", {})
                return
            if not any(cell.strip() for cell in cells):
                continue  # a blank line
            if len(cells) != len(names):
                yield reader.line_num, _Unreadable("wrong_cell_count", {
                    "found": len(cells), "expected": len(names)})
                continue
            yield reader.line_num, dict(zip(names, cells, strict=True))

    rows, problems = _rows_problems(raws(), shown, True)
    learners = {row.learner for row in rows}
    return _loaded(shown, rows, problems, next(iter(learners)) if len(learners) == 1 else None)


def _kind(text: str, name: str) -> str:
    """JSON or CSV, from the content when it tells (a JSON export starts with ``{``,
    a CSV export with its header), else from the name: a ``.json`` file that is
    neither gets JSON's error message, anything else CSV's."""
    head = text.lstrip()
    if head.startswith(("{", "[")):
        return "json"
    first_line = head.split("\n", 1)[0]
    if sorted(cell.strip() for cell in first_line.split(",")) == sorted(FIELDS):
        return "csv"
    return "json" if name.lower().endswith(".json") else "csv"


def parse_results(data: object, name: str = "<text>", kind: str | None = None) -> LoadedFile:
    """Read an export held in memory (text or UTF-8 bytes), JSON or CSV.

    ``kind`` ("json" or "csv") says which; None decides from the content (and
    the name's ending when the content does not tell). ``name`` is shown in
    messages.
    """
    shown = safe_display(name, 120)
    if isinstance(data, (bytes, bytearray)):
        if len(data) > MAX_FILE_BYTES:
            return _refused(shown, "too_big", params={"limit_mb": MAX_FILE_BYTES >> 20})
        try:
            data = bytes(data).decode("utf-8-sig")  # spreadsheets often add a BOM
        except UnicodeDecodeError:
            return _refused(shown, "not_utf8")
    if not isinstance(data, str):
        return _refused(shown, "not_results")
    if len(data) > MAX_FILE_BYTES:
        return _refused(shown, "too_big", params={"limit_mb": MAX_FILE_BYTES >> 20})
    text = data.removeprefix("\ufeff")
    if not text.strip():
        return _refused(shown, "empty_file")
    if kind is None:
        kind = _kind(text, str(name))
    return parse_csv_export(text, shown) if kind == "csv" else parse_json_export(text, shown)


def _read_bytes(path: Path, shown: str) -> tuple[bytes | None, LoadedFile | None]:
    try:
        if path.is_dir():
            return None, _refused(shown, "is_directory")
        if path.stat().st_size > MAX_FILE_BYTES:
            return None, _refused(shown, "too_big", params={"limit_mb": MAX_FILE_BYTES >> 20})
        return path.read_bytes(), None
    except FileNotFoundError:
        return None, _refused(shown, "missing_file")
    except (OSError, ValueError):
        return None, _refused(shown, "unreadable")


def read_results(path: object) -> LoadedFile:
    """Read one exported file, JSON or CSV, whatever it is called (``export
    --format csv --output x.json`` still reads back).

    Never raises: a missing, unreadable or malformed file comes back with
    problems and no rows. A file with any bad row gives no rows at all, so
    neither an import nor an analysis silently uses half a file.
    """
    if not isinstance(path, (str, Path)) or str(path) == "":
        return _refused(safe_display(path), "not_a_path")
    file_path = Path(path)
    shown = safe_display(file_path, 120)
    if "\x00" in str(path):
        return _refused(shown, "missing_file")
    data, refused = _read_bytes(file_path, shown)
    if refused is not None:
        return refused
    return parse_results(data, str(file_path))


# ---------------------------------------------------------------------------
# Merging


def expand_paths(paths: Iterable[object]) -> list[object]:
    """Turn folders into the ``.json`` and ``.csv`` files directly inside them."""
    out: list[object] = []
    for path in paths:
        if isinstance(path, (str, Path)) and str(path) and "\x00" not in str(path):
            candidate = Path(path)
            try:
                if candidate.is_dir():
                    found = sorted(p for p in candidate.iterdir()
                                   if p.suffix.lower() in (".json", ".csv") and p.is_file())
                    out.extend(found if found else [candidate])
                    continue
            except OSError:
                pass
        out.append(path)
    return out


def _later(new: ResultRow, old: ResultRow) -> bool:
    new_time, old_time = parse_iso_utc(new.answered_at), parse_iso_utc(old.answered_at)
    return bool(new_time and old_time and new_time > old_time)


def merge_rows(groups: Iterable[Iterable[ResultRow]]) -> tuple[list[ResultRow], int, int]:
    """Keep each (learner, quiz, question, mode, attempt) once.

    The same learner exporting twice gives identical rows; they count once.
    If two rows share a key but differ (an edited file), the later
    ``answered_at`` wins, then the first one read. Returns rows, duplicates
    dropped, and how many of those differed.
    """
    kept: dict[tuple[str, str, str, str, int], ResultRow] = {}
    duplicates = conflicts = 0
    for rows in groups:
        for row in rows:
            key = _row_key(row)
            old = kept.get(key)
            if old is None:
                kept[key] = row
                continue
            duplicates += 1
            if old != row:
                conflicts += 1
                if _later(row, old):
                    kept[key] = row
    return list(kept.values()), duplicates, conflicts


def merge_results(paths: Iterable[object]) -> MergedResults:
    """Read every file (folders are expanded) and merge their rows.

    Never raises. ``problems`` lists every file that could not be used; rows
    of the good files are still merged so a caller may decide to go on.
    """
    if isinstance(paths, (str, Path)) or not isinstance(paths, Iterable):
        paths = [paths]
    try:
        expanded = expand_paths(list(paths))
    except TypeError:
        expanded = [paths]
    if not expanded:
        return MergedResults((), (), 0, 0, (Problem("no_files"),))
    files = tuple(read_results(path) for path in expanded)
    rows, duplicates, conflicts = merge_rows(f.rows for f in files)
    problems = tuple(p for f in files for p in f.problems)
    if not rows and not problems:
        problems = (Problem("no_rows"),)
    return MergedResults(tuple(rows), files, duplicates, conflicts, problems)


# ---------------------------------------------------------------------------
# Writing


def to_json(rows: Iterable[ResultRow], learner: str, exported_at: str) -> str:
    """The JSON export of one learner."""
    document = {"format": FORMAT, "version": VERSION, "learner": learner,
                "exported_at": exported_at, "rows": [row.as_dict() for row in rows]}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def to_csv(rows: Iterable[ResultRow]) -> str:
    """The CSV export: the header, then one row per answer (floats written exactly)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FIELDS)
    for row in rows:
        writer.writerow([repr(v) if isinstance(v, float) else v for v in row])
    return buffer.getvalue()


__all__ = [
    "FIELDS", "FORMAT", "KEY_FIELDS", "MODES", "VERSION", "LoadedFile", "MergedResults",
    "Problem", "ResultRow", "answer_json", "check_row", "expand_paths", "iso_utc",
    "merge_results", "merge_rows", "parse_csv_export", "parse_iso_utc", "parse_json_export",
    "parse_results", "pseudonym_problem", "read_results", "safe_display", "to_csv", "to_json",
]
