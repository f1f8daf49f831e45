"""What a learner's kernel sends to the results service, checked and graded (pure).

A body is JSON::

    {"rows": [{"quiz": ..., "question": ..., "answer": <JSON text of the answer>,
               "attempt": 1, "answered_at": "...Z", "mode": "workshop",
               "score": 0.5, "objective": ..., "type": ..., "max_score": 1.0}, ...]}

The fields are the results format's (``course.quiz.results_io``) without
``learner``: who sent it is the hub's word, never the body's. A row that
names a learner must name the sender (anything else is refused with 403 by
the service). ``score``, ``type`` and ``objective`` are optional and never
trusted: every row is graded again from the bank (``course.quiz.regrade``);
a claimed score that differs marks the row as re-graded.

Limits keep one request cheap: ``MAX_BODY_BYTES`` and ``MAX_ROWS``. Every
row goes through the results format's own check (so the privacy rule of
``course.quiz.privacy`` applies: a phone number or a code is refused).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from course.quiz.model import Bank
from course.quiz.privacy import looks_like_number_or_code
from course.quiz.problems import Problem
from course.quiz.regrade import verdict
from course.quiz.results_io import LEARNER, ResultRow, check_row

MAX_BODY_BYTES = 256 * 1024
MAX_ROWS = 200
ROW_FIELDS = frozenset({"quiz", "question", "answer", "attempt", "answered_at", "mode",
                        "score", "objective", "type", "max_score", "learner"})


class BodyError(ValueError):
    """A body that cannot be used at all: the service answers 400 with ``message``."""

    def __init__(self, code: str, **params: object):
        self.problem = Problem(code, params=params, area="hub.problem")
        super().__init__(self.problem.message("en"))


class OtherLearnerError(BodyError):
    """A row names another learner: the service answers 403."""


@dataclass(frozen=True)
class Received:
    """One row as the service will store it, graded by the course."""

    row: ResultRow | None  # None when refused
    claimed_score: float | None
    regraded: bool  # the claimed score was not the course's
    invalid: str | None  # a problem code when the answer is not valid for its question
    problem: Problem | None = None  # why the row was refused

    @property
    def ok(self) -> bool:
        return self.row is not None


def learner_id(hub_name: str) -> str:
    """The learner field for a hub user: the name itself when it is a plain id that
    cannot be a phone number, else a stable ``hub-`` digest (never the raw name)."""
    if LEARNER.fullmatch(hub_name) and not looks_like_number_or_code(hub_name):
        return hub_name
    return "hub-" + hashlib.sha256(hub_name.encode("utf-8")).hexdigest()[:16]


def parse_body(body: bytes) -> list[Any]:
    """The raw rows of a body, or ``BodyError`` saying what is wrong with it."""
    if len(body) > MAX_BODY_BYTES:
        raise BodyError("too_big", limit=MAX_BODY_BYTES // 1024)
    try:
        document = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BodyError("not_json") from None
    if not isinstance(document, dict) or not isinstance(document.get("rows"), list):
        raise BodyError("no_rows")
    rows = document["rows"]
    if not rows:
        raise BodyError("no_rows")
    if len(rows) > MAX_ROWS:
        raise BodyError("too_many_rows", limit=MAX_ROWS)
    return rows


def receive(raw: Any, learner: str, banks: Mapping[str, Bank]) -> Received:
    """Check and grade one raw row for ``learner`` (raises ``OtherLearnerError``)."""
    if not isinstance(raw, dict):
        return Received(None, None, False, None, Problem("row_not_object"))
    unknown = set(raw) - ROW_FIELDS
    if unknown:
        return Received(None, None, False, None,
                        Problem("unknown_fields", params={"fields": ", ".join(
                            sorted(str(k)[:30] for k in unknown)[:5])}))
    if "learner" in raw and raw["learner"] != learner:
        raise OtherLearnerError("other_learner")
    claimed = raw.get("score")
    bank = banks.get(raw.get("quiz")) if isinstance(raw.get("quiz"), str) else None
    question = bank.find(raw.get("question")) if bank is not None else None
    if question is None:
        return Received(None, None, False, None, Problem("unknown_question",
                                                         area="hub.problem"))
    candidate = {"learner": learner, "quiz": raw.get("quiz"), "question": raw.get("question"),
                 "objective": question.objective, "type": question.type,
                 "answer": raw.get("answer"), "score": 0.0, "max_score": 1.0,
                 "attempt": raw.get("attempt"), "answered_at": raw.get("answered_at"),
                 "mode": raw.get("mode")}
    checked, problems = check_row(candidate)
    if checked is None:
        return Received(None, None, False, None, problems[0])
    graded = verdict(bank, checked.question, checked.answer)
    assert graded is not None
    row = checked._replace(score=graded.score,
                           answer=checked.answer if graded.invalid else graded.answer)
    claimed_score = claimed if isinstance(claimed, int | float) and not isinstance(
        claimed, bool) else None
    regraded = claimed_score is not None and abs(float(claimed_score) - graded.score) > 1e-6
    return Received(row, claimed_score, regraded, graded.invalid)
