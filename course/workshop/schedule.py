"""The workshop schedule, computed from the notebooks' own minutes.

Each learner notebook declares ``course: {teaching_minutes, exercise_minutes}``
in its metadata, and ``data/course.yaml`` lists every lesson (available or
planned) with its title. The schedule lays the lessons end to end from a start
time and puts a break after every ~``break_every`` minutes of lessons, so an
instructor never has to add minutes by hand and a notebook that is added or
removed changes the agenda by itself.

Where the lessons come from:

* a source checkout: the notebooks in ``notebooks/ja/`` are the available
  lessons (their metadata minutes win); course-map entries without a notebook
  are planned;
* an installed wheel ships no ``notebooks/``: the course map alone is used and
  the schedule says so in a notice.

Nothing here raises on bad input (a start time like ``"25:99"``, minutes that
are zero, negative, missing or not numbers, an unreadable notebook): the
``Schedule`` carries ``Problem`` values with a code and a text in Japanese and
English (``data/i18n/<lang>/workshop.yaml``). Pure: stdlib and yaml only.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from course.i18n import LANGUAGES, t
from course.paths import data_path, notebooks_dir
from course.quiz.problems import Problem
from course.yaml_safe import safe_load

AREA = "workshop.problem"  # problem texts: data/i18n/<lang>/workshop.yaml
NOTICE_AREA = "workshop.notice"
LESSON, BREAK = "lesson", "break"
AVAILABLE, PLANNED = "available", "planned"
FROM_NOTEBOOKS, FROM_COURSE_MAP = "notebooks", "course_map"

MAX_LESSON_MINUTES = 240  # one notebook longer than half a day is a typo
MAX_BREAK_EVERY = 600
MAX_BREAK_MINUTES = 120
DAY = 24 * 60
_HHMM = re.compile(r"\s*(\d{1,2})\s*[:：]\s*(\d{2})\s*")
_STEM = re.compile(r"\d\d_[a-z0-9_]+")


@dataclass(frozen=True)
class Lesson:
    """One notebook of the course with its minutes and its title in every language."""

    stem: str
    status: str  # available | planned
    teaching_minutes: int
    exercise_minutes: int
    title: Mapping[str, str]

    @property
    def minutes(self) -> int:
        return self.teaching_minutes + self.exercise_minutes


@dataclass(frozen=True)
class Block:
    """A lesson or a break, from ``start`` to ``end`` (minutes after midnight of day 1)."""

    kind: str  # lesson | break
    start: int
    end: int
    lesson: Lesson | None = None

    @property
    def minutes(self) -> int:
        return self.end - self.start

    def title(self, lang: str | None = None) -> str:
        """The lesson's title (or "Break") in ``lang``."""
        if self.lesson is None:
            return t("workshop.block.break", lang)
        shown = self.lesson.title.get(lang or "") if lang else None
        return shown or self.lesson.title.get("ja") or self.lesson.stem


@dataclass(frozen=True)
class Schedule:
    """The computed agenda. ``ok`` is False when ``problems`` says something is wrong;
    the blocks then hold the lessons that could be placed, so the rest is still visible."""

    blocks: tuple[Block, ...]
    source: str  # notebooks | course_map
    problems: tuple[Problem, ...] = ()
    notices: tuple[Problem, ...] = ()
    unscheduled: tuple[Lesson, ...] = ()  # planned lessons left out (include_planned=False)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def lessons(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind == LESSON)

    @property
    def start(self) -> int | None:
        return self.blocks[0].start if self.blocks else None

    @property
    def end(self) -> int | None:
        return self.blocks[-1].end if self.blocks else None

    def total(self, part: str) -> int:
        """Minutes of ``teaching``, ``exercise``, ``break`` or ``all``."""
        if part == "break":
            return sum(b.minutes for b in self.blocks if b.kind == BREAK)
        if part == "all":
            return sum(b.minutes for b in self.blocks)
        return sum(getattr(b.lesson, f"{part}_minutes") for b in self.lessons
                   if b.lesson is not None)


# ---------------------------------------------------------------------------
# Small pieces


def _problem(code: str, area: str = AREA, **params: Any) -> Problem:
    return Problem(code, params=params, area=area)


def clock_text(minutes: int, lang: str | None = None) -> str:
    """``13:05``; a time on a later day says so ("14:10 (next day)")."""
    day, rest = divmod(int(minutes), DAY)
    hhmm = f"{rest // 60:02d}:{rest % 60:02d}"
    return hhmm if day == 0 else t("workshop.time.next_day", lang, time=hhmm, days=day)


def parse_start(value: object) -> tuple[int | None, Problem | None]:
    """Minutes after midnight from ``"13:00"``, ``"9:30"``, a ``datetime.time``/``datetime``."""
    if isinstance(value, dt.datetime | dt.time):
        return value.hour * 60 + value.minute, None
    if isinstance(value, str) and len(value) <= 20:
        match = _HHMM.fullmatch(value)
        if match:
            hours, minutes = int(match[1]), int(match[2])
            if hours < 24 and minutes < 60:
                return hours * 60 + minutes, None
    return None, _problem("bad_start", given=_shown(value))


def _shown(value: object, limit: int = 30) -> str:
    """A value as a short, printable text for a message (no control characters)."""
    text = value if isinstance(value, str) else repr(value)
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _whole(value: object, lowest: int, highest: int) -> int | None:
    """An int in [lowest, highest] (a float like 15.0 counts; a bool does not)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and lowest <= value <= highest:
        return value
    return None


def check_minutes(stem: str, teaching: object, exercise: object
                  ) -> tuple[tuple[int, int] | None, Problem | None]:
    """Both minutes as ints, or the problem: missing, not a whole number, negative,
    more than MAX_LESSON_MINUTES, or a lesson of zero minutes in all."""
    for name, value in (("teaching_minutes", teaching), ("exercise_minutes", exercise)):
        if value is None:
            return None, _problem("missing_minutes", stem=stem, field=name)
        number = _whole(value, -10**9, 10**9)
        if number is None:
            return None, _problem("bad_minutes", stem=stem, field=name, given=_shown(value))
        if number < 0:
            return None, _problem("negative_minutes", stem=stem, field=name, given=number)
        if number > MAX_LESSON_MINUTES:
            return None, _problem("too_many_minutes", stem=stem, field=name, given=number,
                                  most=MAX_LESSON_MINUTES)
    pair = (_whole(teaching, 0, MAX_LESSON_MINUTES), _whole(exercise, 0, MAX_LESSON_MINUTES))
    if pair[0] is None or pair[1] is None:  # unreachable after the checks; keeps mypy honest
        return None, _problem("bad_minutes", stem=stem, field="minutes", given="?")
    if pair[0] + pair[1] == 0:
        return None, _problem("zero_minutes", stem=stem)
    return (pair[0], pair[1]), None


def _titles(raw: object, stem: str) -> dict[str, str]:
    if isinstance(raw, Mapping):
        titles = {lang: str(raw[lang]) for lang in LANGUAGES if isinstance(raw.get(lang), str)}
        if titles:
            return {lang: titles.get(lang) or next(iter(titles.values())) for lang in LANGUAGES}
    return dict.fromkeys(LANGUAGES, stem)


# ---------------------------------------------------------------------------
# Reading the course map and the notebooks


@dataclass(frozen=True)
class _Entry:
    """What one source says about a lesson, before its minutes are checked."""

    stem: str
    teaching: object
    exercise: object
    title: dict[str, str]
    status: str = PLANNED


def read_course_map(path: Path | None = None) -> tuple[list[_Entry], list[Problem]]:
    """The entries of ``data/course.yaml`` (or ``path``) in file order."""
    path = path or data_path("course.yaml")
    try:
        content = safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return [], [_problem("no_course_map", path=_shown(str(path), 80))]
    raw = content.get("notebooks") if isinstance(content, Mapping) else None
    if not isinstance(raw, list):
        return [], [_problem("no_course_map", path=_shown(str(path), 80))]
    entries, problems = [], []
    for item in raw:
        stem = item.get("stem") if isinstance(item, Mapping) else None
        if not isinstance(stem, str) or not _STEM.fullmatch(stem):
            problems.append(_problem("bad_entry", given=_shown(item)))
            continue
        status = AVAILABLE if item.get("status") == AVAILABLE else PLANNED
        entries.append(_Entry(stem, item.get("teaching_minutes"), item.get("exercise_minutes"),
                              _titles(item.get("title"), stem), status))
    return entries, problems


def _first_heading(cells: object) -> str | None:
    for cell in cells if isinstance(cells, list) else []:
        if isinstance(cell, Mapping) and cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            text = "".join(source) if isinstance(source, list) else str(source)
            for line in text.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return None


def read_notebooks(folder: Path) -> tuple[list[_Entry], list[Problem]]:
    """One entry per ``NN_slug.ipynb`` in ``folder``, minutes from its metadata."""
    entries, problems = [], []
    for path in sorted(folder.glob("*.ipynb")):
        if not _STEM.fullmatch(path.stem):
            continue
        try:
            notebook = json.loads(path.read_text(encoding="utf-8"))
            meta = notebook["metadata"].get("course", {})
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
            problems.append(_problem("unreadable_notebook", stem=path.stem))
            continue
        if not isinstance(meta, Mapping):
            meta = {}
        heading = _first_heading(notebook.get("cells"))
        title = dict.fromkeys(LANGUAGES, heading or path.stem)
        entries.append(_Entry(path.stem, meta.get("teaching_minutes"),
                              meta.get("exercise_minutes"), title, AVAILABLE))
    return entries, problems


def collect_lessons(notebooks: Path | None = None, course_map: Path | None = None
                    ) -> tuple[list[_Entry], str, list[Problem], list[Problem]]:
    """Merge the course map with the notebooks that exist.

    Returns the entries in stem order, the source used, problems and notices.
    ``notebooks`` is the folder of learner notebooks (default ``notebooks/ja``).
    """
    folder = notebooks if notebooks is not None else notebooks_dir() / "ja"
    mapped, problems = read_course_map(course_map)
    notices: list[Problem] = []
    if not folder.is_dir():
        notices.append(_problem("notebooks_absent", NOTICE_AREA, path=_shown(str(folder), 80)))
        return mapped, FROM_COURSE_MAP, problems, notices
    found, unreadable = read_notebooks(folder)
    problems += unreadable
    by_stem = {e.stem: e for e in mapped}
    present = {e.stem for e in found} | {_problem_stem(p) for p in unreadable}
    merged: dict[str, _Entry] = {}
    for entry in mapped:
        if entry.stem in present:
            continue
        if entry.status == AVAILABLE:
            notices.append(_problem("notebook_missing", NOTICE_AREA, stem=entry.stem))
        merged[entry.stem] = _Entry(entry.stem, entry.teaching, entry.exercise, entry.title,
                                    PLANNED)
    for entry in found:
        known = by_stem.get(entry.stem)
        if known is None:
            notices.append(_problem("not_in_course_map", NOTICE_AREA, stem=entry.stem))
            merged[entry.stem] = entry
            continue
        if (known.teaching, known.exercise) != (entry.teaching, entry.exercise):
            notices.append(_problem("minutes_disagree", NOTICE_AREA, stem=entry.stem))
        merged[entry.stem] = _Entry(entry.stem, entry.teaching, entry.exercise, known.title,
                                    AVAILABLE)
    return [merged[s] for s in sorted(merged)], FROM_NOTEBOOKS, problems, notices


def _problem_stem(problem: Problem) -> str:
    return str(problem.params.get("stem", ""))


# ---------------------------------------------------------------------------
# The entry point


def plan_blocks(lessons: Sequence[Lesson], start: int, break_every: int,
                break_minutes: int) -> tuple[Block, ...]:
    """Lay lessons end to end from ``start``; after a lesson that brings the time
    since the last break to ``break_every`` or more, insert a break (never after
    the last lesson; none at all when ``break_every`` or ``break_minutes`` is 0).
    Lessons are never split: a break comes at the end of the lesson that crosses
    the mark, which is why the spacing is "about" ``break_every``."""
    blocks: list[Block] = []
    clock, since_break = start, 0
    for index, lesson in enumerate(lessons):
        blocks.append(Block(LESSON, clock, clock + lesson.minutes, lesson))
        clock += lesson.minutes
        since_break += lesson.minutes
        last = index == len(lessons) - 1
        if break_every and break_minutes and since_break >= break_every and not last:
            blocks.append(Block(BREAK, clock, clock + break_minutes))
            clock += break_minutes
            since_break = 0
    return tuple(blocks)


def build_schedule(start: object = "13:00", *, break_every: object = 60,
                   break_minutes: object = 10, include_planned: bool = True,
                   notebooks: Path | None = None, course_map: Path | None = None) -> Schedule:
    """The workshop agenda from ``start`` (``"HH:MM"``), with breaks.

    ``include_planned`` schedules the planned lessons too (marked planned),
    as a preview of the full course; with False they are listed in
    ``unscheduled``. ``notebooks`` and ``course_map`` override where lessons
    are read from (tests use it; an absent folder falls back to the map).
    """
    problems: list[Problem] = []
    begin, bad = parse_start(start)
    if bad:
        problems.append(bad)
    every = _whole(break_every, 0, MAX_BREAK_EVERY)
    if every is None:
        problems.append(_problem("bad_break_every", given=_shown(break_every),
                                 most=MAX_BREAK_EVERY))
    pause = _whole(break_minutes, 0, MAX_BREAK_MINUTES)
    if pause is None:
        problems.append(_problem("bad_break_minutes", given=_shown(break_minutes),
                                 most=MAX_BREAK_MINUTES))
    try:
        entries, source, found, notices = collect_lessons(notebooks, course_map)
    except (OSError, TypeError, ValueError):  # e.g. a path that is not a path
        entries, source, found, notices = [], FROM_COURSE_MAP, [_problem("no_lessons")], []
    problems += found
    lessons, unscheduled = [], []
    for entry in entries:
        minutes, bad = check_minutes(entry.stem, entry.teaching, entry.exercise)
        if bad or minutes is None:
            problems.append(bad or _problem("zero_minutes", stem=entry.stem))
            continue
        lesson = Lesson(entry.stem, entry.status, minutes[0], minutes[1], entry.title)
        (lessons if include_planned or lesson.status == AVAILABLE else unscheduled).append(lesson)
    if not lessons and not any(p.code in ("no_course_map", "no_lessons") for p in problems):
        problems.append(_problem("no_lessons"))
    if begin is None or every is None or pause is None:
        return Schedule((), source, tuple(problems), tuple(notices), tuple(unscheduled))
    return Schedule(plan_blocks(lessons, begin, every, pause), source, tuple(problems),
                    tuple(notices), tuple(unscheduled))


# ---------------------------------------------------------------------------
# Showing it


COLUMNS: tuple[str, ...] = ("start", "end", "title", "stem", "minutes", "teaching", "exercise",
                             "status")


def schedule_rows(schedule: Schedule, lang: str | None = None) -> list[dict[str, str]]:
    """The agenda as rows of text, keyed by the column headings in ``lang``."""
    heads = {c: t(f"workshop.column.{c}", lang) for c in COLUMNS}
    rows = []
    for block in schedule.blocks:
        lesson = block.lesson
        status = "break" if lesson is None else lesson.status
        rows.append({
            heads["start"]: clock_text(block.start, lang),
            heads["end"]: clock_text(block.end, lang),
            heads["title"]: block.title(lang),
            heads["stem"]: "" if lesson is None else lesson.stem,
            heads["minutes"]: str(block.minutes),
            heads["teaching"]: "" if lesson is None else str(lesson.teaching_minutes),
            heads["exercise"]: "" if lesson is None else str(lesson.exercise_minutes),
            heads["status"]: t(f"workshop.status.{status}", lang),
        })
    return rows


def summary_lines(schedule: Schedule, lang: str | None = None) -> list[str]:
    """Totals, the source used, notices and problems, one sentence each."""
    lines = []
    if schedule.blocks and schedule.start is not None and schedule.end is not None:
        lines.append(t("workshop.summary.span", lang, start=clock_text(schedule.start, lang),
                       end=clock_text(schedule.end, lang), total=schedule.total("all"),
                       teaching=schedule.total("teaching"),
                       exercise=schedule.total("exercise"), breaks=schedule.total("break")))
    lines.append(t(f"workshop.summary.source_{schedule.source}", lang))
    planned = sum(1 for b in schedule.lessons if b.lesson and b.lesson.status == PLANNED)
    if planned:
        lines.append(t("workshop.summary.planned", lang, count=planned))
    if schedule.unscheduled:
        lines.append(t("workshop.summary.unscheduled", lang, count=len(schedule.unscheduled),
                       stems=", ".join(lesson.stem for lesson in schedule.unscheduled)))
    lines += [notice.message(lang) for notice in schedule.notices]
    lines += [f"⚠ {problem.message(lang)}" for problem in schedule.problems]
    return lines
