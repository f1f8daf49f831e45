"""A number's history as rows of spans and marks, ready for a timeline.

``Registry.history(number)`` lists events (linked, removed, refused, the
scheduled end of a cooldown ...). A learner understands the story better as
"which account held the number when, and when was it on hold", so
``build_timeline`` turns the events into one row per account (the time it
held the number, its refusals) plus rows for the cooldown and the temporary
block. The plot (``course.plots.number_timeline``) and the text alternative
for screen readers both draw from this one result.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from course.sim.accounts.registry import NumberEvent, NumberEventKind

DAY = 86_400.0


class RowKind(str, Enum):
    """What a timeline row stands for."""

    ACCOUNT = "account"
    COOLDOWN = "cooldown"
    BLOCK = "block"


class SpanKind(str, Enum):
    HELD = "held"  # the account had the number
    COOLDOWN = "cooldown"  # removed; other accounts must wait
    BLOCK = "block"  # too many attempts; nobody can add it for a while


@dataclass(frozen=True)
class Row:
    kind: RowKind
    account: str | None = None  # the account's user name for ACCOUNT rows


@dataclass(frozen=True)
class Span:
    """A stretch of time on one row; ``running`` when it has not ended by ``now``."""

    row: int
    kind: SpanKind
    start: float
    end: float
    running: bool


@dataclass(frozen=True)
class Mark:
    """One event drawn as a symbol on its row; ``scheduled`` when it lies after ``now``."""

    row: int
    event: NumberEvent
    scheduled: bool


@dataclass(frozen=True)
class Timeline:
    """Rows, spans and marks of one number between ``start`` and ``end``."""

    rows: tuple[Row, ...]
    spans: tuple[Span, ...]
    marks: tuple[Mark, ...]
    start: float
    end: float
    now: float

    @property
    def empty(self) -> bool:
        return not self.marks


_ACCOUNT_EVENTS = {NumberEventKind.LINKED, NumberEventKind.REMOVED, NumberEventKind.REFUSED,
                   NumberEventKind.HOLDER_SUSPENDED, NumberEventKind.HOLDER_REINSTATED}


def _finite(value: object, default: float) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return default


def build_timeline(history: Iterable[NumberEvent], now: object) -> Timeline:
    """Rows, spans and marks for a number's events (any order; non-events are skipped).

    A removal whose scheduled cooldown end is missing had its cooldown extended
    by a later removal (the registry drops the replaced end), so its wait runs
    on into the next cooldown that has an end.
    """
    events = sorted((e for e in history if isinstance(e, NumberEvent)),
                    key=lambda e: (e.at, e.seq))
    moment = _finite(now, events[-1].at if events else 0.0)
    rows: list[Row] = []
    index: dict[Row, int] = {}

    def row_of(row: Row) -> int:
        if row not in index:
            index[row] = len(rows)
            rows.append(row)
        return index[row]

    by_seq = {e.seq: e for e in events}
    spans: list[Span] = []
    marks: list[Mark] = []
    held_since: dict[str, float] = {}
    cooldown_since: float | None = None
    for event in events:
        if event.kind in _ACCOUNT_EVENTS and event.account:
            row = row_of(Row(RowKind.ACCOUNT, event.account))
            if event.kind is NumberEventKind.LINKED:
                held_since.setdefault(event.account, event.at)
            elif event.kind is NumberEventKind.REMOVED and event.account in held_since:
                spans.append(Span(row, SpanKind.HELD, held_since.pop(event.account),
                                  event.at, False))
        elif event.kind is NumberEventKind.COOLDOWN_ENDS:
            row = row_of(Row(RowKind.COOLDOWN))
            removal = by_seq.get(event.seq - 1)
            began = removal.at if removal and removal.kind is NumberEventKind.REMOVED \
                else event.at
            start = began if cooldown_since is None else cooldown_since
            spans.append(Span(row, SpanKind.COOLDOWN, start, event.at, event.at > moment))
            cooldown_since = None
        elif event.kind in (NumberEventKind.BLOCKED, NumberEventKind.BLOCK_ENDS):
            row = row_of(Row(RowKind.BLOCK))
            if event.kind is NumberEventKind.BLOCK_ENDS:
                began = by_seq.get(event.seq - 1)
                start = began.at if began and began.kind is NumberEventKind.BLOCKED \
                    else event.at
                spans.append(Span(row, SpanKind.BLOCK, start, event.at, event.at > moment))
        else:
            continue
        if (event.kind is NumberEventKind.REMOVED
                and (event.seq + 1 not in by_seq
                     or by_seq[event.seq + 1].kind is not NumberEventKind.COOLDOWN_ENDS)
                and cooldown_since is None):
            cooldown_since = event.at
        marks.append(Mark(row, event, event.at > moment))
    for account, since in held_since.items():
        spans.append(Span(index[Row(RowKind.ACCOUNT, account)], SpanKind.HELD, since,
                          max(since, moment), True))
    start = min([moment, *(e.at for e in events)])
    end = max([moment, *(e.at for e in events)])
    return Timeline(tuple(rows), tuple(spans), tuple(marks), start, end, moment)
