"""Where the results service keeps graded rows: SQLite (WAL) or PostgreSQL.

One table holds exactly the results format's fields (``course.quiz.results_io``)
plus what the service learned on receipt (the claimed score, whether it was
re-graded, whether the answer was valid, when it arrived). The key
(learner, quiz, question, mode, attempt) is unique, so a row sent twice (a
retry after a lost reply, a kernel restarted with its outbox) is stored once:

- ``stored``: new;
- ``duplicate``: the same answer was already there (accepted, nothing written);
- ``conflict``: another answer holds that key (the first one is kept; a learner
  who erased their answers and answered again starts at attempt 1 again).

``open_storage(url)`` picks the backend: a ``postgresql://`` URL uses psycopg 3
(the ``hub`` extra); anything else is a SQLite file path. Calls are short and
synchronous; the tornado service makes one call per request.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from course.quiz.results_io import FIELDS, ResultRow, iso_utc

STORED, DUPLICATE, CONFLICT = "stored", "duplicate", "conflict"
_COLUMNS = ", ".join(FIELDS)
_EXTRA = ("claimed_score", "regraded", "invalid", "received_at")
_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS answers (
        id {serial},
        learner TEXT NOT NULL, quiz TEXT NOT NULL, question TEXT NOT NULL,
        objective TEXT NOT NULL, type TEXT NOT NULL, answer TEXT NOT NULL,
        score DOUBLE PRECISION NOT NULL, max_score DOUBLE PRECISION NOT NULL,
        attempt INTEGER NOT NULL, answered_at TEXT NOT NULL, mode TEXT NOT NULL,
        claimed_score DOUBLE PRECISION, regraded INTEGER NOT NULL DEFAULT 0,
        invalid TEXT, received_at TEXT NOT NULL,
        UNIQUE (learner, quiz, question, mode, attempt))""",
    """CREATE TABLE IF NOT EXISTS releases (
        quiz TEXT PRIMARY KEY, released_at TEXT NOT NULL, released_by TEXT NOT NULL)""",
]


@dataclass(frozen=True)
class Incoming:
    """A graded row and what the service learned on receipt."""

    row: ResultRow
    claimed_score: float | None = None
    regraded: bool = False
    invalid: str | None = None


@dataclass(frozen=True)
class StoredRow:
    """A stored row with its receipt facts (what the dashboard reads)."""

    row: ResultRow
    claimed_score: float | None
    regraded: bool
    invalid: str | None
    received_at: str


class Storage:
    """The operations the service needs; the SQL is shared, the driver differs."""

    placeholder = "?"
    serial = "INTEGER PRIMARY KEY"
    # Whether ``add`` is cheap enough to run on the service's event loop rather
    # than in a thread (see course.hub.service.GroupWriter).
    writes_inline = False

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._releases: dict[str, str] | None = None  # the service is the only writer

    # --- driver specifics -------------------------------------------------------
    def _execute(self, sql: str, params: Sequence = ()) -> list[tuple]:
        raise NotImplementedError

    def _transaction(self):  # a context manager committing or rolling back
        raise NotImplementedError

    def _inserted(self, sql: str, params: Sequence) -> bool:
        """Run an ``INSERT ... ON CONFLICT DO NOTHING RETURNING``: did it insert?"""
        return bool(self._execute(sql, params))

    def close(self) -> None:
        raise NotImplementedError

    # --- shared -----------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return sql.replace("?", self.placeholder)

    def create(self) -> None:
        with self._lock, self._transaction():
            for statement in _SCHEMA:
                self._execute(statement.format(serial=self.serial))

    def add(self, incoming: Iterable[Incoming], now: float | None = None) -> list[str]:
        """Store rows in one transaction; one status per row (see the module docstring)."""
        received_at = iso_utc(time.time() if now is None else now)
        insert = self._sql(
            f"INSERT INTO answers ({_COLUMNS}, {', '.join(_EXTRA)}) VALUES "
            f"({', '.join('?' for _ in FIELDS + _EXTRA)}) "
            "ON CONFLICT (learner, quiz, question, mode, attempt) DO NOTHING RETURNING id")
        same = self._sql("SELECT answer, answered_at FROM answers WHERE learner = ? AND "
                         "quiz = ? AND question = ? AND mode = ? AND attempt = ?")
        statuses = []
        with self._lock, self._transaction():
            for item in incoming:
                row = item.row
                if self._inserted(insert, (*row, item.claimed_score, int(item.regraded),
                                           item.invalid, received_at)):
                    statuses.append(STORED)
                    continue
                existing = self._execute(same, row.key)
                statuses.append(DUPLICATE if existing and tuple(existing[0]) == (
                    row.answer, row.answered_at) else CONFLICT)
        return statuses

    def rows(self, learner: str | None = None) -> list[StoredRow]:
        """Stored rows in arrival order, of one learner or of everybody."""
        sql = f"SELECT {_COLUMNS}, {', '.join(_EXTRA)} FROM answers"
        params: tuple = ()
        if learner is not None:
            sql += " WHERE learner = ?"
            params = (learner,)
        with self._lock:
            found = self._execute(self._sql(sql + " ORDER BY id"), params)
        n = len(FIELDS)
        return [StoredRow(ResultRow(*r[:n]), r[n], bool(r[n + 1]), r[n + 2], r[n + 3])
                for r in found]

    def version(self) -> tuple[int, int]:
        """(rows, releases): changes whenever something the dashboard shows changes."""
        with self._lock:
            answers = self._execute("SELECT COUNT(*) FROM answers")[0][0]
            releases = self._execute("SELECT COUNT(*) FROM releases")[0][0]
        return int(answers), int(releases)

    def release(self, quiz: str, by: str, now: float | None = None) -> bool:
        """Release a quiz's answers to the class; False when it already was."""
        at = iso_utc(time.time() if now is None else now)
        self._releases = None
        with self._lock, self._transaction():
            return self._inserted(self._sql(
                "INSERT INTO releases (quiz, released_at, released_by) VALUES (?, ?, ?) "
                "ON CONFLICT (quiz) DO NOTHING RETURNING quiz"), (quiz, at, by))

    def releases(self) -> dict[str, str]:
        """Released quiz ids and when (read once, then kept until the next release)."""
        if self._releases is None:
            with self._lock:
                found = self._execute("SELECT quiz, released_at FROM releases ORDER BY quiz")
            self._releases = {quiz: at for quiz, at in found}
        return dict(self._releases)


class SQLiteStorage(Storage):
    """One SQLite file in WAL mode (the default: one machine, up to about 50 learners)."""

    writes_inline = True  # a commit is a write to the page cache: no thread needed

    def __init__(self, path: Path | str):
        super().__init__()
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(str(self.path), isolation_level=None,
                                     check_same_thread=False, timeout=30.0)
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = NORMAL")
        self.create()

    def _execute(self, sql: str, params: Sequence = ()) -> list[tuple]:
        return self._conn.execute(sql, tuple(params)).fetchall()

    def _transaction(self):
        return _SQLiteTransaction(self._conn)

    def _inserted(self, sql: str, params: Sequence) -> bool:
        # RETURNING needs SQLite 3.35; the row count works with every SQLite Python ships.
        sql = sql[: sql.index(" RETURNING")]
        return self._conn.execute(sql, tuple(params)).rowcount == 1

    def close(self) -> None:
        self._conn.close()


class _SQLiteTransaction:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, value, traceback) -> None:
        self.conn.execute("COMMIT" if kind is None else "ROLLBACK")


class PostgresStorage(Storage):
    """PostgreSQL through psycopg 3 (several machines, or hundreds of learners)."""

    placeholder = "%s"
    serial = "BIGSERIAL PRIMARY KEY"

    def __init__(self, url: str):
        super().__init__()
        import psycopg  # the `hub` extra

        self._conn = psycopg.connect(url, autocommit=True)
        self.create()

    def _execute(self, sql: str, params: Sequence = ()) -> list[tuple]:
        cursor = self._conn.execute(sql, tuple(params))
        return cursor.fetchall() if cursor.description is not None else []

    def _transaction(self):
        return self._conn.transaction()

    def close(self) -> None:
        self._conn.close()


def open_storage(url: str) -> Storage:
    """``postgresql://...`` (or ``postgres://``) for PostgreSQL, else a SQLite file path."""
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresStorage(url)
    return SQLiteStorage(url.removeprefix("sqlite:///"))
