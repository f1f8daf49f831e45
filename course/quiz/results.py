"""The results exchange format: what a learner exports and an instructor collects.

Shared with the instructor analytics (``course.quiz.analytics``); changing a
field here means telling the analytics side.

JSON::

    {"format": "x-course-results", "version": 1, "learner": "<pseudonym>",
     "exported_at": "<ISO 8601 UTC>", "rows": [ROW, ...]}

CSV: a header line with the ROW fields, then one ROW per line (UTF-8, no BOM).

ROW fields, exactly: learner, quiz, question, objective, type, answer (the
answer as a JSON string), score (0..1), max_score (1.0), attempt (1 = first
attempt at that question in that mode), answered_at (ISO 8601 UTC), mode
(self_check | workshop). Item analysis uses ``attempt == 1``.

``read_results`` checks every row (including the phone-number and code rule
of ``course.quiz.privacy``) and returns problems rather than raising.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from course.quiz.model import TYPES
from course.quiz.privacy import looks_like_number_or_code, sensitive_answer
from course.quiz.problems import Problem, problem

FORMAT = "x-course-results"
VERSION = 1
FIELDS: tuple[str, ...] = (
    "learner", "quiz", "question", "objective", "type", "answer", "score", "max_score",
    "attempt", "answered_at", "mode",
)
MODES: tuple[str, ...] = ("self_check", "workshop")
MAX_FILE_CHARS = 50_000_000
MAX_ROWS = 200_000

LEARNER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
BANK_ID = re.compile(r"[a-z0-9][a-z0-9_]{0,63}")
QUESTION_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
OBJECTIVE = re.compile(r"[a-z0-9_]+\.[a-z0-9_]+")


@dataclass(frozen=True)
class ResultRow:
    """One recorded answer, exactly the exchange format's fields."""

    learner: str
    quiz: str
    question: str
    objective: str
    type: str
    answer: str
    score: float
    max_score: float
    attempt: int
    answered_at: str
    mode: str

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in FIELDS}


@dataclass(frozen=True)
class ResultsFile:
    """A parsed results file: its rows, or the problems that stopped it."""

    learner: str | None
    rows: tuple[ResultRow, ...]
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def iso_utc(timestamp: float) -> str:
    """Seconds since the epoch as ``2026-11-25T09:30:00.123Z``."""
    whole = math.floor(timestamp)
    millis = min(999, round((timestamp - whole) * 1000))
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(whole)) + f".{millis:03d}Z"


def parse_iso_utc(text: str) -> datetime | None:
    """A UTC ISO 8601 time (``Z`` or ``+00:00``), or None."""
    if not isinstance(text, str) or len(text) > 40:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None or moment.utcoffset().total_seconds() != 0:  # type: ignore[union-attr]
        return None
    return moment


def answer_json(answer: object) -> str:
    """The stored form of a canonical answer: compact JSON, non-ASCII kept."""
    return json.dumps(answer, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def to_json(rows: Iterable[ResultRow], learner: str, exported_at: str) -> str:
    """The JSON export of one learner."""
    document = {"format": FORMAT, "version": VERSION, "learner": learner,
                "exported_at": exported_at, "rows": [r.as_dict() for r in rows]}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def to_csv(rows: Iterable[ResultRow]) -> str:
    """The CSV export: header, then one row per answer."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    for r in rows:
        writer.writerow([r.learner, r.quiz, r.question, r.objective, r.type, r.answer,
                         repr(float(r.score)), repr(float(r.max_score)), r.attempt,
                         r.answered_at, r.mode])
    return out.getvalue()


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str) and len(value) < 40:
        try:
            number = float(value)
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def _integer(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,9}", value):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def check_row(raw: object, number: int, check_privacy: bool = True
              ) -> tuple[ResultRow | None, Problem | None]:
    """Validate one row (a dict of the exchange fields); ``number`` counts from 1.

    ``check_privacy=False`` skips the phone-number rule for callers that have
    just applied it themselves (the store, to report it with its own message).
    """
    def bad(field: str, why: str) -> tuple[None, Problem]:
        return None, problem(f"quiz.results.row.{why}", row=number, field=field)

    if not isinstance(raw, dict):
        return bad("(row)", "not_object")
    keys = set(raw)
    if keys != set(FIELDS):
        missing = sorted(set(FIELDS) - keys)
        extra = sorted(str(k) for k in keys - set(FIELDS))
        return bad(", ".join(missing or extra)[:80], "missing" if missing else "unexpected")
    texts = {}
    for name, pattern in (("learner", LEARNER), ("quiz", BANK_ID), ("question", QUESTION_ID),
                          ("objective", OBJECTIVE)):
        value = raw[name]
        if not isinstance(value, str) or not pattern.fullmatch(value):
            return bad(name, "bad_id")
        texts[name] = value
    if looks_like_number_or_code(texts["learner"]):
        return bad("learner", "sensitive")
    if raw["type"] not in TYPES:
        return bad("type", "bad_type")
    if raw["mode"] not in MODES:
        return bad("mode", "bad_mode")
    answer = raw["answer"]
    if not isinstance(answer, str) or len(answer) > 2000:
        return bad("answer", "bad_answer")
    try:
        json.loads(answer)
    except (ValueError, RecursionError):
        return bad("answer", "bad_answer")
    if check_privacy and sensitive_answer(answer, raw["type"]) is not None:
        return bad("answer", "sensitive")
    score, max_score = _number(raw["score"]), _number(raw["max_score"])
    if score is None or not 0.0 <= score <= 1.0:
        return bad("score", "bad_score")
    if max_score != 1.0:
        return bad("max_score", "bad_max_score")
    attempt = _integer(raw["attempt"])
    if attempt is None or attempt < 1:
        return bad("attempt", "bad_attempt")
    if parse_iso_utc(raw["answered_at"]) is None:
        return bad("answered_at", "bad_time")
    return ResultRow(texts["learner"], texts["quiz"], texts["question"], texts["objective"],
                     raw["type"], answer, score, 1.0, attempt, raw["answered_at"],
                     raw["mode"]), None


def _rows(raws: Sequence[object]) -> tuple[tuple[ResultRow, ...], tuple[Problem, ...]]:
    rows, problems = [], []
    for number, raw in enumerate(raws, 1):
        row, why = check_row(raw, number)
        if why is not None:
            problems.append(why)
            if len(problems) >= 5:
                break
        elif row is not None:
            rows.append(row)
    return tuple(rows), tuple(problems)


def _from_json(document: object) -> ResultsFile:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return ResultsFile(None, (), (problem("quiz.results.not_results"),))
    if document.get("version") != VERSION:
        return ResultsFile(None, (), (problem("quiz.results.version",
                                              version=str(document.get("version"))[:20]),))
    learner = document.get("learner")
    if not isinstance(learner, str) or not LEARNER.fullmatch(learner) or \
            looks_like_number_or_code(learner):
        return ResultsFile(None, (), (problem("quiz.results.bad_learner"),))
    raws = document.get("rows")
    if not isinstance(raws, list) or len(raws) > MAX_ROWS:
        return ResultsFile(learner, (), (problem("quiz.results.not_results"),))
    rows, problems = _rows(raws)
    if not problems and any(r.learner != learner for r in rows):
        problems = (problem("quiz.results.mixed_learners"),)
    return ResultsFile(learner, rows if not problems else (), problems)


def _from_csv(text: str) -> ResultsFile:
    try:
        reader = csv.reader(io.StringIO(text))
        header = next(reader, None)
        if header is None or tuple(h.strip() for h in header) != FIELDS:
            return ResultsFile(None, (), (problem("quiz.results.not_results"),))
        raws: list[object] = []
        for line in reader:
            if not line:
                continue
            if len(line) != len(FIELDS) or len(raws) >= MAX_ROWS:
                raws.append(None)
                continue
            raws.append(dict(zip(FIELDS, line, strict=True)))
    except csv.Error:
        return ResultsFile(None, (), (problem("quiz.results.not_results"),))
    rows, problems = _rows(raws)
    learners = {r.learner for r in rows}
    learner = next(iter(learners)) if len(learners) == 1 else None
    return ResultsFile(learner, rows if not problems else (), problems)


def read_results(text: object) -> ResultsFile:
    """Parse an exported results file (JSON or CSV, detected from the content).

    Never raises; on any problem the file's rows are not returned at all, so an
    import is all or nothing.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            return ResultsFile(None, (), (problem("quiz.results.not_utf8"),))
    if not isinstance(text, str) or len(text) > MAX_FILE_CHARS:
        return ResultsFile(None, (), (problem("quiz.results.not_results"),))
    text = text.removeprefix("\ufeff")
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            document = json.loads(stripped)
        except (ValueError, RecursionError):
            return ResultsFile(None, (), (problem("quiz.results.bad_json"),))
        return _from_json(document)
    if stripped.startswith("learner,"):
        return _from_csv(text)
    return ResultsFile(None, (), (problem("quiz.results.not_results"),))
