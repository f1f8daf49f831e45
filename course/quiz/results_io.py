"""Reading and merging the result files learners export (the exchange format).

An instructor collects one file per learner (JSON) or a table (CSV) and asks
for the class's item analysis. Files arrive hand-copied, exported twice,
truncated or from another tool, so every check here names the file, the row
and the field, and nothing raises: a public function returns the rows it could
read together with ``Problem`` values whose text exists in Japanese and
English (``data/i18n/<lang>/report.yaml``).

The format (shared with the quiz engine, version 1)::

    {"format": "x-course-results", "version": 1, "learner": "<pseudonym>",
     "exported_at": "<ISO 8601 UTC>", "rows": [ROW, ...]}

A CSV export has one ROW per line under a header. A ROW has exactly the
fields in ``FIELDS``. Plain stdlib only: reading does not need pandas.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import datetime
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from course.i18n import LANGUAGES, t

FORMAT = "x-course-results"
VERSION = 1
FIELDS: tuple[str, ...] = (
    "learner", "quiz", "question", "objective", "type", "answer", "score", "max_score",
    "attempt", "answered_at", "mode",
)
KEY_FIELDS: tuple[str, ...] = ("learner", "quiz", "question", "attempt")
_row_key = itemgetter(*(FIELDS.index(name) for name in KEY_FIELDS))
MODES: tuple[str, ...] = ("self_check", "workshop")
TEXT_FIELDS: tuple[str, ...] = ("learner", "quiz", "question", "objective", "type")

MAX_FILE_BYTES = 256 * 1024 * 1024  # a class of 5,000 learners x 60 questions is about 60 MB
MAX_TEXT_LENGTH = 200  # ids and pseudonyms; longer values are not ids
MAX_ANSWER_LENGTH = 10_000
MAX_PROBLEMS_PER_FILE = 20  # enough to see the pattern; the rest is counted

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Ten or more digits, optionally separated by spaces, hyphens or brackets: looks
# like a phone number. The format says a pseudonym or an answer never carries
# one, so such a row is refused rather than analysed (and never echoed).
_PHONE_LIKE = re.compile(r"\+?\d(?:[\s\-()]*\d){9,}")


@dataclass(frozen=True)
class Problem:
    """Something wrong with the input: a stable code, where, and the text's values.

    ``file`` / ``row`` / ``field`` say where (any may be None). ``row`` is the
    1-based position in the JSON ``rows`` list, or the CSV line number.
    """

    code: str
    file: str | None = None
    row: int | None = None
    field: str | None = None
    params: Mapping[str, Any] = dataclass_field(default_factory=dict)
    csv_line: bool = False

    def where(self, lang: str | None = None) -> str:
        """The location part of the message ("data.json, row 3, field score: ")."""
        parts = []
        if self.file is not None:
            parts.append(self.file)
        if self.row is not None:
            key = "report.where.line" if self.csv_line else "report.where.row"
            parts.append(t(key, lang, row=self.row))
        if self.field is not None:
            parts.append(t("report.where.field", lang, field=self.field))
        return t("report.where.separator", lang).join(parts)

    def message(self, lang: str | None = None) -> str:
        """The whole message in one language: where, then what is wrong."""
        what = t(f"report.problem.{self.code}", lang, **self.params)
        where = self.where(lang)
        return t("report.where.joined", lang, where=where, what=what) if where else what

    @property
    def text(self) -> dict[str, str]:
        """The message in every language (for pure results shown by a widget)."""
        return {lang: self.message(lang) for lang in LANGUAGES}


class ResultRow(NamedTuple):
    """One graded answer, as the quiz engine exports it.

    A NamedTuple rather than a dataclass: a class of 5,000 learners has
    300,000 rows, and tuples are built ten times faster.
    """

    learner: str
    quiz: str
    question: str
    objective: str
    type: str
    answer: str  # a JSON text: "\"a\"", "[\"a\", \"c\"]", "3.5", "null"
    score: float
    max_score: float
    attempt: int
    answered_at: str
    mode: str

    @property
    def key(self) -> tuple[str, str, str, int]:
        """What identifies a row: the same learner, quiz, question and attempt."""
        return _row_key(self)

    def as_dict(self) -> dict[str, Any]:
        return dict(zip(FIELDS, self, strict=True))


@dataclass(frozen=True)
class LoadedFile:
    """What one file gave: its rows (only if it had no problem) and its problems."""

    path: str
    rows: tuple[ResultRow, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class MergedResults:
    """Rows of many files, each (learner, quiz, question, attempt) kept once."""

    rows: tuple[ResultRow, ...]
    files: tuple[LoadedFile, ...]
    duplicates: int  # rows dropped because an identical key was already read
    conflicts: int  # of those, how many differed in content (the later answer won)
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def learners(self) -> int:
        return len({row.learner for row in self.rows})


def safe_display(value: object, limit: int = 80) -> str:
    """Make a user-given text (a path, a quiz id) safe to print: no control
    characters, bounded length, and digits masked if it looks like a phone number."""
    text = _CONTROL.sub("?", str(value))
    if _PHONE_LIKE.search(text):
        text = re.sub(r"\d", "#", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def looks_like_phone_number(text: str) -> bool:
    """True for ten or more digits in a row (separators allowed)."""
    return bool(_PHONE_LIKE.search(text))


# ---------------------------------------------------------------------------
# Field checks: each returns (value, problem code or None, params)


def _check_text(value: Any) -> tuple[Any, str | None, dict]:
    if not isinstance(value, str) or not value.strip():
        return value, "not_text", {}
    if len(value) > MAX_TEXT_LENGTH:
        return value, "too_long", {"limit": MAX_TEXT_LENGTH}
    if _CONTROL.search(value):
        return value, "control_characters", {}
    return value, None, {}


def _check_learner(value: Any) -> tuple[Any, str | None, dict]:
    checked, code, params = _check_text(value)
    if code is None and looks_like_phone_number(value):
        return value, "phone_like", {}
    return checked, code, params


def _carries_phone_number(value: Any) -> bool:
    """Look inside a decoded answer: its texts, and integer parts of its numbers."""
    if isinstance(value, str):
        return looks_like_phone_number(value)
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, (int, float)):
        return math.isfinite(value) and abs(value) >= 1e9
    if isinstance(value, list):
        return any(_carries_phone_number(item) for item in value)
    if isinstance(value, dict):
        return any(_carries_phone_number(k) or _carries_phone_number(v)
                   for k, v in value.items())
    return False


def _check_answer(value: Any) -> tuple[Any, str | None, dict]:
    if value is None or value == "":
        return "null", None, {}  # no answer given
    if not isinstance(value, str):
        return value, "answer_not_json_text", {}
    if len(value) > MAX_ANSWER_LENGTH:
        return value, "too_long", {"limit": MAX_ANSWER_LENGTH}
    try:
        decoded = json.loads(value)
    except (ValueError, RecursionError):
        return value, "answer_not_json_text", {}
    if _carries_phone_number(decoded):
        return value, "phone_like", {}
    return value, None, {}


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str) and len(value) <= 40:
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def _check_attempt(value: Any) -> tuple[Any, str | None, dict]:
    if isinstance(value, bool):
        return value, "bad_attempt", {}
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().isdigit() and len(value) <= 9:
        number = int(value.strip())
    else:
        return value, "bad_attempt", {}
    if number < 1 or number > 1_000_000:
        return value, "bad_attempt", {}
    return number, None, {}


def parse_timestamp(value: Any) -> datetime | None:
    """Parse an ISO 8601 time that says its offset ("Z" or "+00:00"); None otherwise."""
    if not isinstance(value, str) or not 10 <= len(value) <= 40:
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _check_time(value: Any) -> tuple[Any, str | None, dict]:
    if parse_timestamp(value) is None:
        return value, "bad_time", {}
    return value.strip(), None, {}


def _check_mode(value: Any) -> tuple[Any, str | None, dict]:
    if value not in MODES:
        return value, "bad_mode", {"modes": ", ".join(MODES)}
    return value, None, {}


_FIELD_SET = frozenset(FIELDS)


@lru_cache(maxsize=8192)
def _answer_ok(answer: str) -> bool:
    """Answers repeat (the same option ids over and over): check each text once."""
    return _check_answer(answer)[1] is None


def _fast_row(raw: Any) -> ResultRow | None:
    """The common case, a correct row, checked in few steps; None means "look closer".

    It accepts exactly what the detailed checks accept (tests compare them), so
    a row it refuses goes through ``check_row``'s field-by-field path, which
    says what is wrong.
    """
    if type(raw) is not dict or raw.keys() != _FIELD_SET:
        return None
    learner, quiz, question, objective, qtype = (
        raw["learner"], raw["quiz"], raw["question"], raw["objective"], raw["type"])
    texts = (learner, quiz, question, objective, qtype)
    if set(map(type, texts)) != {str}:
        return None
    lengths = tuple(map(len, texts))
    if min(lengths) == 0 or max(lengths) > MAX_TEXT_LENGTH or any(map(str.isspace, texts)):
        return None
    if _CONTROL.search("".join(texts)) or _PHONE_LIKE.search(learner):
        return None
    answer, score, max_score, attempt = raw["answer"], raw["score"], raw["max_score"], \
        raw["attempt"]
    if type(answer) is not str or not answer or not _answer_ok(answer):
        return None
    if type(score) not in (float, int) or type(max_score) not in (float, int):
        return None
    if not (0 < max_score < math.inf and 0 <= score <= max_score):
        return None
    if type(attempt) is not int or not 1 <= attempt <= 1_000_000:
        return None
    answered_at, mode = raw["answered_at"], raw["mode"]
    if mode not in MODES or parse_timestamp(answered_at) is None:
        return None
    return ResultRow(learner, quiz, question, objective, qtype, answer, float(score),
                     float(max_score), attempt, answered_at.strip(), mode)


def check_row(raw: Any) -> tuple[ResultRow | None, list[tuple[str, str | None, dict]]]:
    """Check one raw row (a mapping of field -> value).

    Returns the typed row, or None and a list of ``(code, field, params)``.
    Every field is checked, so one pass reports all mistakes of a row.
    """
    row = _fast_row(raw)
    if row is not None:
        return row, []
    return _check_fields(raw)


def _check_fields(raw: Any) -> tuple[ResultRow | None, list[tuple[str, str | None, dict]]]:
    """The detailed path: every field on its own, every mistake named."""
    if not isinstance(raw, Mapping):
        return None, [("row_not_object", None, {})]
    errors: list[tuple[str, str | None, dict]] = []
    unknown = sorted(str(k) for k in raw if k not in FIELDS)
    if unknown:
        shown = ", ".join(safe_display(k, 30) for k in unknown[:5])
        errors.append(("unknown_fields", None, {"fields": shown}))
    values: dict[str, Any] = {}
    for name in FIELDS:
        if name not in raw:
            errors.append(("missing_field", name, {}))
            continue
        value = raw[name]
        if name == "learner":
            checked, code, params = _check_learner(value)
        elif name in TEXT_FIELDS:
            checked, code, params = _check_text(value)
        elif name == "answer":
            checked, code, params = _check_answer(value)
        elif name in ("score", "max_score"):
            checked, code, params = _number(value), None, {}
            if checked is None:
                code = "not_number"
        elif name == "attempt":
            checked, code, params = _check_attempt(value)
        elif name == "answered_at":
            checked, code, params = _check_time(value)
        else:
            checked, code, params = _check_mode(value)
        if code:
            errors.append((code, name, params))
        values[name] = checked
    if not errors:
        if values["max_score"] <= 0:
            errors.append(("bad_max_score", "max_score", {}))
        elif not 0 <= values["score"] <= values["max_score"]:
            errors.append(("score_out_of_range", "score", {}))
    if errors:
        return None, errors
    return ResultRow(**values), []


# ---------------------------------------------------------------------------
# Files


def _read_bytes(path: Path, shown: str) -> tuple[bytes | None, Problem | None]:
    try:
        if path.is_dir():
            return None, Problem("is_directory", shown)
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, Problem("too_big", shown, params={"limit_mb": MAX_FILE_BYTES >> 20})
        return path.read_bytes(), None
    except FileNotFoundError:
        return None, Problem("missing_file", shown)
    except PermissionError:
        return None, Problem("unreadable", shown)
    except OSError:
        return None, Problem("unreadable", shown)


def _decode(data: bytes, shown: str) -> tuple[str | None, Problem | None]:
    try:
        return data.decode("utf-8-sig"), None  # spreadsheets often add a BOM
    except UnicodeDecodeError:
        return None, Problem("not_utf8", shown)


def _rows_problems(
    raws: Iterable[tuple[int, Any]], shown: str, csv_lines: bool,
    learner: str | None = None,
) -> tuple[list[ResultRow], list[Problem]]:
    rows: list[ResultRow] = []
    problems: list[Problem] = []
    hidden = 0
    for number, raw in raws:
        row, errors = check_row(raw)
        if row is not None and learner is not None and row.learner != learner:
            errors = [("learner_mismatch", "learner", {})]
            row = None
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


def parse_json_export(text: str, shown: str = "<text>") -> LoadedFile:
    """Read one learner's JSON export (already decoded)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        return LoadedFile(shown, (), (Problem("not_json", shown, params={
            "line": exc.lineno, "column": exc.colno}),))
    except (ValueError, RecursionError):
        return LoadedFile(shown, (), (Problem("not_json", shown, params={
            "line": "?", "column": "?"}),))
    if not isinstance(document, dict):
        return LoadedFile(shown, (), (Problem("not_export", shown),))
    if document.get("format") != FORMAT:
        return LoadedFile(shown, (), (Problem("wrong_format", shown, field="format",
                                              params={"expected": FORMAT}),))
    version = document.get("version")
    if version != VERSION or isinstance(version, bool):
        found = version if isinstance(version, int) and not isinstance(version, bool) else "?"
        return LoadedFile(shown, (), (Problem("wrong_version", shown, field="version",
                                              params={"found": found, "expected": VERSION}),))
    problems: list[Problem] = []
    learner = document.get("learner")
    _, code, params = _check_learner(learner)
    if code:
        problems.append(Problem(code, shown, field="learner", params=params))
        learner = None
    if parse_timestamp(document.get("exported_at")) is None:
        problems.append(Problem("bad_time", shown, field="exported_at"))
    raw_rows = document.get("rows")
    if not isinstance(raw_rows, list):
        problems.append(Problem("rows_not_list", shown, field="rows"))
        return LoadedFile(shown, (), tuple(problems))
    if not raw_rows:
        problems.append(Problem("no_rows", shown))
        return LoadedFile(shown, (), tuple(problems))
    rows, row_problems = _rows_problems(enumerate(raw_rows, 1), shown, False, learner)
    problems.extend(row_problems)
    return LoadedFile(shown, () if problems else tuple(rows), tuple(problems))


def parse_csv_export(text: str, shown: str = "<text>") -> LoadedFile:
    """Read a CSV export: a header with exactly ``FIELDS`` (any order), one row per line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error:
        header = None
    if not header or not any(cell.strip() for cell in header):
        return LoadedFile(shown, (), (Problem("no_rows", shown),))
    names = [cell.strip() for cell in header]
    missing = [name for name in FIELDS if name not in names]
    extra = [name for name in names if name not in FIELDS]
    if missing or extra or len(set(names)) != len(names):
        return LoadedFile(shown, (), (Problem("bad_header", shown, row=1, csv_line=True, params={
            "fields": ", ".join(FIELDS)}),))

    def raws() -> Iterable[tuple[int, Any]]:
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error:
                yield reader.line_num, None
                return
            if not any(cell.strip() for cell in cells):
                continue  # blank line
            if len(cells) != len(names):
                yield reader.line_num, {"__cells__": len(cells)}
                continue
            yield reader.line_num, dict(zip(names, cells, strict=True))

    problems: list[Problem] = []
    checked: list[tuple[int, Any]] = []
    for number, raw in raws():
        if raw is None:
            problems.append(Problem("not_csv", shown, number, csv_line=True))
            break
        if "__cells__" in raw:
            problems.append(Problem("wrong_cell_count", shown, number, csv_line=True, params={
                "found": raw["__cells__"], "expected": len(names)}))
            continue
        checked.append((number, raw))
    rows, row_problems = _rows_problems(checked, shown, True)
    problems = (problems + row_problems)[: MAX_PROBLEMS_PER_FILE + 1]
    if not rows and not problems:
        problems.append(Problem("no_rows", shown))
    return LoadedFile(shown, () if problems else tuple(rows), tuple(problems))


def _is_csv(path: Path, text: str) -> bool:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return True
    if suffix == ".json":
        return False
    return not text.lstrip().startswith(("{", "["))


def read_results(path: object) -> LoadedFile:
    """Read one exported file (``.json`` or ``.csv``; other names are sniffed).

    Never raises: a missing, unreadable or malformed file comes back with
    problems and no rows. A file with any bad row gives no rows at all, so an
    analysis never silently uses half a file.
    """
    if not isinstance(path, (str, Path)) or str(path) == "":
        return LoadedFile(safe_display(path), (), (Problem("not_a_path", safe_display(path)),))
    try:
        file_path = Path(path)
    except (TypeError, ValueError):
        return LoadedFile(safe_display(path), (), (Problem("not_a_path", safe_display(path)),))
    shown = safe_display(file_path, 120)
    if "\x00" in str(path):
        return LoadedFile(shown, (), (Problem("missing_file", shown),))
    data, problem = _read_bytes(file_path, shown)
    if problem:
        return LoadedFile(shown, (), (problem,))
    text, problem = _decode(data or b"", shown)
    if problem:
        return LoadedFile(shown, (), (problem,))
    if not (text or "").strip():
        return LoadedFile(shown, (), (Problem("empty_file", shown),))
    if _is_csv(file_path, text or ""):
        return parse_csv_export(text or "", shown)
    return parse_json_export(text or "", shown)


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
    new_time, old_time = parse_timestamp(new.answered_at), parse_timestamp(old.answered_at)
    return bool(new_time and old_time and new_time > old_time)


def merge_rows(groups: Iterable[Iterable[ResultRow]]) -> tuple[list[ResultRow], int, int]:
    """Keep each (learner, quiz, question, attempt) once.

    The same learner exporting twice gives identical rows; they count once.
    If two rows share a key but differ (an edited file), the later
    ``answered_at`` wins, then the first one read. Returns rows, duplicates
    dropped, and how many of those differed.
    """
    kept: dict[tuple[str, str, str, int], ResultRow] = {}
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
# Writing (the quiz engine has its own exporter; these serve tests, fixtures
# and instructors who combine files into one CSV)


def to_json_export(learner: str, rows: Iterable[ResultRow], exported_at: str) -> str:
    """The JSON text of one learner's export."""
    document = {"format": FORMAT, "version": VERSION, "learner": learner,
                "exported_at": exported_at, "rows": [row.as_dict() for row in rows]}
    return json.dumps(document, ensure_ascii=False, indent=1)


def to_csv(rows: Iterable[ResultRow]) -> str:
    """The CSV text of many rows, with the header."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FIELDS)
    for row in rows:
        writer.writerow([_csv_cell(getattr(row, name)) for name in FIELDS])
    return buffer.getvalue()


def _csv_cell(value: Any) -> str:
    return repr(value) if isinstance(value, float) else str(value)


def problem_texts(problems: Iterable[Problem]) -> list[dict[str, str]]:
    """Every problem's message in both languages (handy for widgets and logs)."""
    return [p.text for p in problems]


__all__ = [
    "FIELDS", "FORMAT", "VERSION", "LoadedFile", "MergedResults", "Problem", "ResultRow",
    "check_row", "expand_paths", "merge_results", "merge_rows", "parse_csv_export",
    "parse_json_export", "read_results", "safe_display", "to_csv", "to_json_export",
]
