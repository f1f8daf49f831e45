"""The personal safety checklist: items, the learner's ticks, and a short plan.

Pure Python. The items live in ``data/checklist.yaml`` (ja and en), each one
pointing at the notebook and objective that teach it. A learner only picks a
state per item (done / not yet / not applicable): there is no free-text
field, so nothing stored here can hold a phone number or a code.

``ChecklistStore`` keeps the ticks in ``checklist.json`` next to the quiz
progress file. Every change re-reads the file, applies one tick and writes a
temporary file that replaces the old one (``os.replace`` is atomic), so two
kernels never leave a half-written file.
An advisory lock on ``checklist.json.lock`` makes that read-apply-write one
step across kernels, so no tick is lost either (both helpers live in
``course.progress.files``).
A file that cannot be read as a checklist is moved aside (never deleted) and
the learner is told why, in their language.

Public functions and methods never raise on bad input; they return results
carrying a ``Problem`` (code + text in both languages).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from course.facts.sources import source_ids
from course.i18n import LANGUAGES
from course.paths import data_path
from course.progress.files import locked, move_aside, write_atomically
from course.quiz.problems import Problem, problem
from course.quiz.results_io import iso_utc
from course.sim.core.clock import Clock, SystemClock
from course.yaml_safe import safe_load

STATES: tuple[str, ...] = ("done", "not_yet", "not_applicable")
FILE_NAME = "checklist.json"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 256_000  # a real checklist file is under 2 kB; anything huge is not ours
AREA = "ui_checklist.problem"


@dataclass(frozen=True)
class ChecklistItem:
    """One thing to do, with the notebook that teaches it and (for facts) its sources."""

    id: str
    notebook: str
    objective: str
    priority: int  # 1 = most urgent; the plan suggests items in this order
    text: Mapping[str, str]
    why: Mapping[str, str]
    sources: tuple[str, ...] = ()  # ids in data/sources.yaml; () = the course's advice


@lru_cache(maxsize=4)
def _load_items(path: str) -> tuple[ChecklistItem, ...]:
    with open(path, encoding="utf-8") as handle:
        data = safe_load(handle)
    items = []
    for entry in data["items"]:
        items.append(ChecklistItem(
            id=entry["id"], notebook=entry["notebook"], objective=entry["objective"],
            priority=int(entry["priority"]),
            text={lang: entry["text"][lang] for lang in LANGUAGES},
            why={lang: entry["why"][lang] for lang in LANGUAGES},
            sources=source_ids(entry, f"data/checklist.yaml: {entry['id']}")))
    return tuple(items)


def load_items(path: Path | None = None) -> tuple[ChecklistItem, ...]:
    """The course's checklist items in their order in ``data/checklist.yaml``."""
    return _load_items(str(path or data_path("checklist.yaml")))


# ---------------------------------------------------------------- ticking
@dataclass(frozen=True)
class TickResult:
    """The ticks after one change, or the unchanged ticks and why not."""

    ok: bool
    ticks: Mapping[str, str]
    problem: Problem | None = None


def _shown(value: object) -> str:
    """A short, printable echo of bad input for a message (never stored)."""
    text = value if isinstance(value, str) else type(value).__name__
    return "".join(ch if ch.isprintable() else "?" for ch in text)[:40]


def apply_tick(ticks: Mapping[str, str], item_id: object, state: object,
               items: Sequence[ChecklistItem] | None = None) -> TickResult:
    """Set one item's state (``None`` clears it). Unknown items or states are refused."""
    known = {item.id for item in (items if items is not None else load_items())}
    current = dict(ticks)
    if not isinstance(item_id, str) or item_id not in known:
        return TickResult(False, current, problem(f"{AREA}.unknown_item", item=_shown(item_id)))
    if state is None:
        current.pop(item_id, None)
        return TickResult(True, current)
    if not isinstance(state, str) or state not in STATES:
        return TickResult(False, current, problem(f"{AREA}.bad_state", state=_shown(state)))
    current[item_id] = state
    return TickResult(True, current)


# ---------------------------------------------------------------- planning
@dataclass(frozen=True)
class ChecklistPlan:
    """Counts, what is left (in the checklist's order) and the next actions."""

    total: int
    done: int
    not_yet: int
    not_applicable: int
    open: int  # not answered yet
    remaining: tuple[ChecklistItem, ...]  # not yet, or not answered
    next_actions: tuple[ChecklistItem, ...]
    # stem -> (done, applicable): items that do not apply are not counted
    by_notebook: Mapping[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """Every item is done or does not apply."""
        return not self.remaining


def make_plan(ticks: Mapping[str, str], items: Sequence[ChecklistItem] | None = None,
              limit: int = 3) -> ChecklistPlan:
    """What is left and the ``limit`` most urgent next actions ("not yet" before
    unanswered at the same priority). Ticks for unknown items are ignored."""
    chosen = tuple(items if items is not None else load_items())
    states = {item.id: ticks.get(item.id) for item in chosen}
    remaining = tuple(i for i in chosen if states[i.id] not in ("done", "not_applicable"))
    order = {item.id: n for n, item in enumerate(chosen)}
    urgent = sorted(remaining, key=lambda i: (i.priority, states[i.id] != "not_yet",
                                              order[i.id]))
    by_notebook: dict[str, tuple[int, int]] = {}
    for item in chosen:
        done, applicable = by_notebook.get(item.notebook, (0, 0))
        if states[item.id] != "not_applicable":
            applicable += 1
            done += states[item.id] == "done"
        by_notebook[item.notebook] = (done, applicable)
    count = [states[i.id] for i in chosen]
    return ChecklistPlan(
        total=len(chosen), done=count.count("done"), not_yet=count.count("not_yet"),
        not_applicable=count.count("not_applicable"), open=count.count(None),
        remaining=remaining, next_actions=tuple(urgent[:max(0, int(limit))]),
        by_notebook=by_notebook)


# ---------------------------------------------------------------- storing
@dataclass(frozen=True)
class LoadResult:
    """The saved ticks, and a problem when the file had to be moved aside or ignored."""

    ticks: Mapping[str, str]
    problem: Problem | None = None
    moved_to: Path | None = None


@dataclass(frozen=True)
class SaveResult:
    """Whether one change reached the disk, and the ticks as they now stand."""

    saved: bool
    ticks: Mapping[str, str]
    problem: Problem | None = None


class _Unreadable(Exception):
    """The file exists but is not a checklist of this course."""


def parse_ticks(text: str, items: Sequence[ChecklistItem]) -> dict[str, str]:
    """The ticks in a checklist file's text; raises ``_Unreadable`` for anything else.

    Ticks of items the course no longer has are dropped quietly (not damage).
    """
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise _Unreadable("not JSON") from exc
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        raise _Unreadable("not a checklist file of this course")
    states = data.get("states")
    if not isinstance(states, dict):
        raise _Unreadable("no states")
    known = {item.id for item in items}
    out = {}
    for key, value in states.items():
        if not isinstance(value, str) or value not in STATES:
            raise _Unreadable(f"bad state for {key!r}")
        if key in known:
            out[key] = value
    return out


class ChecklistStore:
    """The learner's ticks in one JSON file (``path``), or only in memory (``path=None``)."""

    def __init__(self, path: Path | str | None, clock: Clock | None = None,
                 items: Sequence[ChecklistItem] | None = None):
        self.path = Path(path) if path is not None else None
        self.clock: Clock = clock or SystemClock()
        self.items = tuple(items if items is not None else load_items())
        self._memory: dict[str, str] = {}
        self._fallback: Problem | None = None  # set when a file store had to fall back
        self._lock = threading.Lock()

    @classmethod
    def default(cls) -> ChecklistStore:
        """The learner's own file, next to the quiz progress file."""
        from course.progress.store import progress_dir

        return cls(progress_dir() / FILE_NAME)

    # ------------------------------------------------------------ reading
    def _read(self) -> LoadResult:
        if self.path is None:
            return LoadResult(dict(self._memory), self._fallback)
        try:
            size = self.path.stat().st_size
        except (FileNotFoundError, NotADirectoryError):
            return LoadResult({})  # nothing saved yet
        except OSError:
            return self._fall_back(f"{AREA}.memory_only")
        try:
            if size > MAX_FILE_BYTES:
                raise _Unreadable("too large")
            text = self.path.read_text(encoding="utf-8")
            return LoadResult(parse_ticks(text, self.items))
        except (_Unreadable, UnicodeDecodeError, OSError):
            return self._move_aside()

    def _fall_back(self, key: str, **values: object) -> LoadResult:
        """Keep this session's ticks in memory only, and say so from now on."""
        self.path = None
        self._fallback = problem(key, **values)
        return LoadResult(dict(self._memory), self._fallback)

    def _move_aside(self) -> LoadResult:
        assert self.path is not None
        target = move_aside(self.path, self.clock.now())
        if target is None:
            return self._fall_back(f"{AREA}.memory_only")  # cannot move it: touch nothing
        return LoadResult({}, problem(f"{AREA}.moved_aside", moved=target.name), target)

    def load(self) -> LoadResult:
        """The saved ticks. A damaged file is renamed ``checklist.json.broken-<time>``."""
        with self._lock:
            return self._read()

    # ------------------------------------------------------------ writing
    def _write(self, ticks: Mapping[str, str]) -> Problem | None:
        if self.path is None:
            self._memory = dict(ticks)
            return self._fallback
        body = json.dumps({"version": FORMAT_VERSION, "states": dict(sorted(ticks.items())),
                           "saved_at": iso_utc(self.clock.now())}, ensure_ascii=False, indent=1)
        try:
            write_atomically(self.path, body, prefix=".checklist-")
        except OSError as exc:
            self._memory = dict(ticks)
            return self._fall_back(f"{AREA}.write_failed", error=type(exc).__name__).problem
        return None

    def set(self, item_id: object, state: object) -> SaveResult:
        """Record one tick: re-read the file (another kernel may have changed it),
        apply the tick, write atomically. Never raises."""
        with self._lock, locked(self.path):
            loaded = self._read()
            base = loaded.ticks if self.path is not None else self._memory
            result = apply_tick(base, item_id, state, self.items)
            if not result.ok:
                return SaveResult(False, base, result.problem)
            failed = self._write(result.ticks)
            return SaveResult(failed is None, result.ticks, failed or loaded.problem)

    def clear(self) -> SaveResult:
        """Forget every tick (the widget asks the learner to confirm first)."""
        with self._lock, locked(self.path):
            failed = self._write({})
            return SaveResult(failed is None, {}, failed)


__all__ = ["STATES", "ChecklistItem", "ChecklistPlan", "ChecklistStore", "LoadResult",
           "SaveResult", "TickResult", "apply_tick", "load_items", "make_plan", "parse_ticks"]
