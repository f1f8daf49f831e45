"""The learner's progress: an SQLite file in their data folder, one appended row
per answer.

- Where: ``platformdirs.user_data_dir("x-phone-course")/progress.sqlite``;
  ``COURSE_PROGRESS_DIR`` overrides the folder (tests always set it).
- Safe with several kernels at once: WAL journal, a busy timeout, and every
  write in its own ``BEGIN IMMEDIATE`` transaction, so the attempt number is
  computed and the row appended under one write lock. Once ``record``
  returns ``saved=True`` the row is committed: it survives the process being
  killed (``synchronous=NORMAL`` in WAL mode; a power cut may lose the last
  commits, a crash does not).
- A file that is not a readable progress database is moved aside (renamed
  with ``.broken-<time>``) and a fresh one started; ``notice`` says so in
  both languages. Nothing is deleted.
- Phone numbers and codes never get in: ``record`` checks every row with the
  results format's own check (``course.quiz.results_io.check_row``, which
  applies the rule of ``course.quiz.privacy``), so the store keeps exactly
  what an export may carry, and says why it refused.

Public methods never raise on bad input; they return results with problems.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from course.progress.files import move_aside
from course.quiz.problems import Problem, problem
from course.quiz.release import CODE_ALPHABET
from course.quiz.results_io import (
    FIELDS,
    KEY_FIELDS,
    MODES,
    ResultRow,
    answer_json,
    check_row,
    iso_utc,
    pseudonym_problem,
)
from course.sim.core.clock import Clock, SystemClock

APP_NAME = "x-phone-course"
FILE_NAME = "progress.sqlite"
SCHEMA_VERSION = 1
_COLUMNS = ", ".join(FIELDS)  # the answers table holds exactly the exchange format's fields
_SAME_KEY = " AND ".join(f"{name} = ?" for name in KEY_FIELDS)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS answers (
    id INTEGER PRIMARY KEY,
    learner TEXT NOT NULL, quiz TEXT NOT NULL, question TEXT NOT NULL,
    objective TEXT NOT NULL, type TEXT NOT NULL, answer TEXT NOT NULL,
    score REAL NOT NULL, max_score REAL NOT NULL DEFAULT 1.0,
    attempt INTEGER NOT NULL, answered_at TEXT NOT NULL, mode TEXT NOT NULL,
    UNIQUE (learner, quiz, question, mode, attempt)
);
CREATE TABLE IF NOT EXISTS releases (
    learner TEXT NOT NULL, quiz TEXT NOT NULL, released_at TEXT NOT NULL,
    PRIMARY KEY (learner, quiz)
);
CREATE TABLE IF NOT EXISTS delivered (
    answer_id INTEGER PRIMARY KEY, status TEXT NOT NULL, at TEXT NOT NULL, reason TEXT
);
"""
DELIVERY_STATUSES = ("sent", "refused")


def _busy(exc: sqlite3.OperationalError) -> bool:
    """A lock held by another kernel is not damage: never move a file aside for it."""
    text = str(exc).lower()
    return "locked" in text or "busy" in text


T = TypeVar("T")


def _retry(action: Callable[[], T], seconds: float = 30.0) -> T:
    """Run a statement, retrying every millisecond while another kernel holds
    the lock (connections have no SQLite busy timeout; see ``_begin``)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if not _busy(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.001)


class ChoiceSource(Protocol):
    def choice(self, seq: str) -> str: ...


def progress_dir() -> Path:
    """The folder of the progress file (``COURSE_PROGRESS_DIR`` wins)."""
    override = os.environ.get("COURSE_PROGRESS_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_path() -> Path:
    return progress_dir() / FILE_NAME


@dataclass(frozen=True)
class RecordResult:
    """What happened to one answer: saved (with its attempt number) or why not."""

    saved: bool
    row: ResultRow | None = None
    problem: Problem | None = None

    @property
    def attempt(self) -> int | None:
        return self.row.attempt if self.row else None


@dataclass(frozen=True)
class ImportResult:
    """Counts of an import: added, already there, or conflicting (kept out, listed)."""

    added: int
    duplicates: int
    conflicts: tuple[ResultRow, ...]
    learner_adopted: bool
    problem: Problem | None = None


class ProgressStore:
    """One progress file. ``ProgressStore(path)`` for an explicit file (tests, check
    cells), ``ProgressStore.default()`` for the learner's own."""

    def __init__(self, path: Path | str, clock: Clock | None = None,
                 random_source: ChoiceSource | None = None):
        self.path = Path(path)
        self.clock: Clock = clock or SystemClock()
        self._random = random_source or secrets.SystemRandom()
        self.notice: Problem | None = None  # set when the file had to be moved aside
        self._lock = threading.Lock()
        self._conn = self._open()

    # ----------------------------------------------------------------- opening
    @classmethod
    def default(cls) -> ProgressStore:
        """The learner's store (one per process and folder)."""
        path = default_path()
        key = str(path.resolve()) if path.parent.exists() else str(path)
        with _DEFAULT_LOCK:
            store = _DEFAULT_STORES.get(key)
            if store is None:
                store = _DEFAULT_STORES[key] = cls(path)
        return store

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(str(self.path), timeout=30.0, isolation_level=None,
                               check_same_thread=False)
        try:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise sqlite3.DatabaseError(f"journal mode stays {mode}")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA busy_timeout = 0")  # see _retry
            if conn.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("integrity check failed")
            _retry(lambda: conn.execute("BEGIN IMMEDIATE"))
            try:
                for statement in filter(str.strip, _SCHEMA.split(";")):
                    conn.execute(statement)
                columns = [r[1] for r in conn.execute("PRAGMA table_info(answers)")]
                if tuple(columns[1:]) != FIELDS:
                    raise sqlite3.DatabaseError("not a progress database of this course")
                conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)",
                             (str(SCHEMA_VERSION),))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except BaseException:
            conn.close()
            raise
        return conn

    def _open(self) -> sqlite3.Connection:
        """Connect, or move a damaged file aside and start fresh, or (last resort)
        keep answers in memory for this session; ``notice`` tells which."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            self.notice = problem("progress.store.memory_only", path=str(self.path))
            return self._memory()
        for wait in (0.2, 0.5, 1.0, None):
            try:
                return self._connect()
            except sqlite3.OperationalError as exc:
                if not _busy(exc):
                    break  # "unable to open database file" and the like: unreadable
                if wait is None:
                    self.notice = problem("progress.store.memory_only", path=str(self.path))
                    return self._memory()
                time.sleep(wait)
            except sqlite3.DatabaseError:
                break  # not a database, malformed, or not ours
        moved = self._move_aside()
        if moved is not None:
            self.notice = problem("progress.store.moved_aside", path=str(self.path),
                                  moved=str(moved))
            try:
                return self._connect()
            except sqlite3.Error:
                pass
        self.notice = problem("progress.store.memory_only", path=str(self.path))
        return self._memory()

    def _memory(self) -> sqlite3.Connection:
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        conn.executescript(_SCHEMA)
        return conn

    def _move_aside(self) -> Path | None:
        target = move_aside(self.path, self.clock.now())
        if target is None:
            return None
        for suffix in ("-wal", "-shm", "-journal"):
            side = Path(f"{self.path}{suffix}")
            if side.exists():
                with contextlib.suppress(OSError):
                    os.replace(side, Path(f"{target}{suffix}"))
        return target

    def _begin(self) -> None:
        """Take the write lock (call with ``self._lock`` held).

        The connection has no SQLite busy timeout: SQLite's own handler sleeps
        in steps up to 100 ms, which makes eight busy kernels crawl. Polling
        every millisecond, for up to 30 s, keeps writers moving.
        """
        _retry(lambda: self._conn.execute("BEGIN IMMEDIATE"))

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction under the write lock: committed when the block
        ends, rolled back if anything in it fails (the error goes on)."""
        with self._lock:
            self._begin()
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @property
    def in_memory(self) -> bool:
        return self.notice is not None and self.notice.code == "memory_only"

    # ----------------------------------------------------------------- learner
    def learner(self) -> str:
        """This store's learner pseudonym, made on first use (``learner-xxxxxxxx``).

        Letters only, so a pseudonym can never look like a phone number or code.
        """
        row = self._query("SELECT value FROM meta WHERE key = 'learner'")
        if row:
            return row[0][0]
        fresh = "learner-" + "".join(self._random.choice(CODE_ALPHABET) for _ in range(8))
        with self._lock:
            _retry(lambda: self._conn.execute("INSERT OR IGNORE INTO meta VALUES ('learner', ?)",
                                              (fresh,)))
        return self._query("SELECT value FROM meta WHERE key = 'learner'")[0][0]

    def set_learner(self, pseudonym: str) -> Problem | None:
        """Use another pseudonym (an imported backup's). Refuses anything that is
        not a pseudonym or that looks like a phone number."""
        why = pseudonym_problem(pseudonym)
        if why is not None:
            return why
        with self._lock:
            _retry(lambda: self._conn.execute("INSERT OR REPLACE INTO meta VALUES ('learner', ?)",
                                              (pseudonym,)))
        return None

    # ----------------------------------------------------------------- writing
    def record(self, *, quiz: str, question: str, objective: str, type: str,
               answer: object, score: float, mode: str = "self_check",
               learner: str | None = None) -> RecordResult:
        """Append one answer as the next attempt at that question (in that mode).

        ``answer`` is the canonical answer (``Grade.answer``); it is stored as
        JSON. Refused: phone numbers and codes (see ``course.quiz.privacy``),
        rows that break the exchange format. Never raises.
        """
        who = learner or self.learner()
        try:
            text = answer_json(answer)
        except (TypeError, ValueError, RecursionError):
            return RecordResult(False, None, problem("quiz.problem.wrong_type"))
        at = iso_utc(self.clock.now())
        candidate = {"learner": who, "quiz": quiz, "question": question,
                     "objective": objective, "type": type, "answer": text, "score": score,
                     "max_score": 1.0, "attempt": 1, "answered_at": at, "mode": mode}
        checked, problems = check_row(candidate)
        if checked is None:
            if any(p.code == "looks_like_phone_or_code" for p in problems):
                # Said to the learner in their words: it is not saved, and why.
                return RecordResult(False, None,
                                    problem("quiz.problem.looks_like_phone_or_code"))
            return RecordResult(False, None, problems[0])
        try:
            with self._transaction() as conn:
                # The next attempt number and the row in one statement, under the lock.
                # (No RETURNING: SQLite before 3.35 still ships with some Pythons.)
                cursor = conn.execute(
                    f"INSERT INTO answers ({_COLUMNS})"
                    " SELECT ?, ?, ?, ?, ?, ?, ?, 1.0, COALESCE(MAX(attempt), 0) + 1, ?, ?"
                    " FROM answers WHERE learner = ? AND quiz = ? AND question = ?"
                    " AND mode = ?",
                    (who, quiz, question, objective, type, text, checked.score, at, mode,
                     who, quiz, question, mode))
                attempt = conn.execute("SELECT attempt FROM answers WHERE id = ?",
                                       (cursor.lastrowid,)).fetchone()[0]
        except sqlite3.Error as exc:
            return RecordResult(False, None, problem("progress.store.write_failed",
                                                     error=str(exc)[:120]))
        return RecordResult(True, checked._replace(attempt=attempt))

    def import_rows(self, rows: Iterable[ResultRow]) -> ImportResult:
        """Add exported rows (already checked by ``read_results``) in one transaction.

        A row whose (learner, quiz, question, mode, attempt) is already stored
        is a duplicate when identical and a conflict otherwise; conflicts are
        kept out and returned, never silently dropped. When this store's own
        learner has no answers yet and the rows are one other learner's, the
        store adopts that pseudonym, so a learner moving to a new computer
        resumes where they were.
        """
        rows = list(rows)
        added = duplicates = 0
        conflicts: list[ResultRow] = []
        try:
            with self._transaction() as conn:
                for r in rows:
                    existing = conn.execute(
                        f"SELECT {_COLUMNS} FROM answers WHERE {_SAME_KEY}", r.key).fetchone()
                    if existing is None:
                        conn.execute(f"INSERT INTO answers ({_COLUMNS}) VALUES"
                                     f" ({', '.join('?' for _ in FIELDS)})", r)
                        added += 1
                    elif ResultRow(*existing) == r:
                        duplicates += 1
                    else:
                        conflicts.append(r)
        except sqlite3.Error as exc:
            return ImportResult(0, 0, (), False, problem("progress.store.write_failed",
                                                         error=str(exc)[:120]))
        adopted = False
        learners = {r.learner for r in rows}
        mine = self.learner()
        if len(learners) == 1 and mine not in learners:
            own = self._query("SELECT COUNT(*) FROM answers WHERE learner = ?", (mine,))[0][0]
            if own == 0:
                adopted = self.set_learner(next(iter(learners))) is None
        return ImportResult(added, duplicates, tuple(conflicts), adopted)

    def reset(self, quiz: str | None = None, learner: str | None = None,
              mode: str | None = None, questions: Iterable[str] | None = None) -> int:
        """Erase this learner's answers (to some questions of a quiz, a whole quiz, or
        everything) and return how many were erased. Erasing everything also
        forgets workshop releases. Callers ask the learner to confirm first."""
        who = learner or self.learner()
        where, params = "learner = ?", [who]
        if quiz is not None:
            where += " AND quiz = ?"
            params.append(quiz)
        if mode is not None:
            where += " AND mode = ?"
            params.append(mode)
        if questions is not None:
            chosen = list(questions)
            where += f" AND question IN ({', '.join('?' for _ in chosen)})"
            params += chosen
        try:
            with self._transaction() as conn:
                erased = conn.execute(f"DELETE FROM answers WHERE {where}", params).rowcount
                if quiz is None and mode is None and questions is None:
                    conn.execute("DELETE FROM releases WHERE learner = ?", (who,))
        except sqlite3.Error:
            return 0
        return erased

    def mark_released(self, quiz: str, learner: str | None = None) -> bool:
        """Remember that this learner's workshop results for ``quiz`` are released."""
        who = learner or self.learner()
        try:
            with self._lock:
                _retry(lambda: self._conn.execute(
                    "INSERT OR IGNORE INTO releases VALUES (?, ?, ?)",
                    (who, quiz, iso_utc(self.clock.now()))))
        except sqlite3.Error:
            return False
        return True

    # ----------------------------------------------------------------- reading
    def _query(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        try:
            with self._lock:
                return _retry(lambda: self._conn.execute(sql, params).fetchall())
        except sqlite3.Error:
            return []

    def released(self, quiz: str, learner: str | None = None) -> bool:
        who = learner or self.learner()
        return bool(self._query("SELECT 1 FROM releases WHERE learner = ? AND quiz = ?",
                                (who, quiz)))

    def rows(self, learner: str | None = None, quiz: str | None = None,
             mode: str | None = None, all_learners: bool = False) -> list[ResultRow]:
        """Stored answers in the order they were recorded."""
        where, params = [], []
        if not all_learners:
            where.append("learner = ?")
            params.append(learner or self.learner())
        if quiz is not None:
            where.append("quiz = ?")
            params.append(quiz)
        if mode is not None:
            where.append("mode = ?")
            params.append(mode)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return [ResultRow(*r) for r in self._query(
            f"SELECT {_COLUMNS} FROM answers{clause} ORDER BY id", params)]

    # ----------------------------------------------------------------- outbox
    def undelivered(self, limit: int = 50, mode: str = "workshop",
                    learner: str | None = None) -> list[tuple[int, ResultRow]]:
        """This learner's answers in ``mode`` that have not reached the results service
        yet (the outbox: derived from the answers, so nothing recorded can be missed)."""
        found = self._query(
            f"SELECT a.id, {', '.join('a.' + f for f in FIELDS)} FROM answers a"
            " LEFT JOIN delivered d ON d.answer_id = a.id"
            " WHERE d.answer_id IS NULL AND a.mode = ? AND a.learner = ?"
            " ORDER BY a.id LIMIT ?", (mode, learner or self.learner(), int(limit)))
        return [(r[0], ResultRow(*r[1:])) for r in found]

    def mark_delivered(self, outcomes: Iterable[tuple[int, str, str | None]]) -> bool:
        """Record what the service said about answers: (answer id, "sent" or "refused",
        why refused). An answer marked once stays marked."""
        at = iso_utc(self.clock.now())
        rows = [(i, status, at, reason) for i, status, reason in outcomes
                if status in DELIVERY_STATUSES]
        try:
            with self._transaction() as conn:
                conn.executemany("INSERT OR IGNORE INTO delivered VALUES (?, ?, ?, ?)", rows)
        except sqlite3.Error:
            return False
        return True

    def delivery_counts(self, mode: str = "workshop", learner: str | None = None
                        ) -> dict[str, int]:
        """How many of this learner's answers in ``mode`` were sent, refused, or wait."""
        found = self._query(
            "SELECT COALESCE(d.status, 'waiting'), COUNT(*) FROM answers a"
            " LEFT JOIN delivered d ON d.answer_id = a.id"
            " WHERE a.mode = ? AND a.learner = ? GROUP BY 1", (mode, learner or self.learner()))
        counts = {"sent": 0, "refused": 0, "waiting": 0}
        counts.update({status: n for status, n in found})
        return counts

    def last_refusal(self, learner: str | None = None) -> str | None:
        """The service's reason for the latest refused answer, if any."""
        found = self._query(
            "SELECT d.reason FROM delivered d JOIN answers a ON a.id = d.answer_id"
            " WHERE d.status = 'refused' AND a.learner = ? ORDER BY d.at DESC LIMIT 1",
            (learner or self.learner(),))
        return found[0][0] if found else None

    def count(self) -> int:
        """How many answers the file holds (every learner)."""
        found = self._query("SELECT COUNT(*) FROM answers")
        return found[0][0] if found else 0


_DEFAULT_STORES: dict[str, ProgressStore] = {}
_DEFAULT_LOCK = threading.Lock()

__all__ = ["MODES", "ImportResult", "ProgressStore", "RecordResult", "default_path",
           "progress_dir"]
