"""The learner's course preferences: today, the language the course opens in.

``preferences.json`` sits next to the progress file (``COURSE_PROGRESS_DIR``
overrides the folder), so JupyterLab, the app and every app window read the
same choice. A change re-reads the file under a lock and replaces it
atomically, so two windows never lose each other's change. A file that is not
ours is moved aside (never deleted) and the course's default is used, with a
problem saying so in both languages.

Public methods never raise on bad input; they return a ``PreferenceResult``.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path

from course.i18n import UnknownLanguageError, normalize_language
from course.progress.files import locked, move_aside, write_atomically
from course.quiz.problems import Problem, problem
from course.sim.core.clock import Clock, SystemClock

FILE_NAME = "preferences.json"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 16_000  # a real preferences file is a few dozen bytes
AREA = "preferences.problem"


@dataclass(frozen=True)
class PreferenceResult:
    """The language in effect (None: never chosen), whether a change was saved, and why not."""

    language: str | None
    saved: bool = True
    problem: Problem | None = None


class _Unreadable(Exception):
    """The file exists but is not a preferences file of this course."""


def parse_preferences(text: str) -> dict[str, object]:
    """The settings in a preferences file's text; raises ``_Unreadable`` otherwise."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise _Unreadable("not JSON") from exc
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        raise _Unreadable("not a preferences file of this course")
    language = data.get("language")
    if language is not None:
        try:
            data["language"] = normalize_language(language)
        except UnknownLanguageError as exc:
            raise _Unreadable("unknown language") from exc
    return data


class PreferencesStore:
    """One preferences file; ``PreferencesStore.default()`` is the learner's own."""

    def __init__(self, path: Path | str, clock: Clock | None = None):
        self.path = Path(path)
        self.clock: Clock = clock or SystemClock()
        self._lock = threading.Lock()

    @classmethod
    def default(cls) -> PreferencesStore:
        from course.progress.store import progress_dir

        return cls(progress_dir() / FILE_NAME)

    def _read(self) -> tuple[dict[str, object], Problem | None]:
        try:
            if self.path.stat().st_size > MAX_FILE_BYTES:
                raise _Unreadable("too large")
            return parse_preferences(self.path.read_text(encoding="utf-8")), None
        except (FileNotFoundError, NotADirectoryError):
            return {}, None  # nothing chosen yet
        except (_Unreadable, UnicodeDecodeError):
            target = move_aside(self.path, self.clock.now())
            if target is None:
                return {}, problem(f"{AREA}.unreadable")
            return {}, problem(f"{AREA}.moved_aside", moved=target.name)
        except OSError:
            return {}, problem(f"{AREA}.unreadable")

    def language(self) -> PreferenceResult:
        """The language the learner chose last (None when never chosen)."""
        with self._lock:
            data, trouble = self._read()
        language = data.get("language")
        return PreferenceResult(language if isinstance(language, str) else None,
                                problem=trouble)

    def set_language(self, lang: object) -> PreferenceResult:
        """Remember ``lang`` ("ja" or "en", or what ``normalize_language`` accepts)."""
        try:
            chosen = normalize_language(lang)
        except UnknownLanguageError:
            shown = lang if isinstance(lang, str) else type(lang).__name__
            current = self.language()
            return PreferenceResult(current.language, saved=False,
                                    problem=problem(f"{AREA}.bad_language", given=shown[:40]))
        with self._lock, locked(self.path):
            data, _ = self._read()
            data.update(version=FORMAT_VERSION, language=chosen)
            try:
                write_atomically(self.path, json.dumps(data, ensure_ascii=False, indent=1),
                                 prefix=".preferences-")
            except OSError as exc:
                return PreferenceResult(chosen, saved=False,
                                        problem=problem(f"{AREA}.write_failed",
                                                        error=type(exc).__name__))
        return PreferenceResult(chosen)


def saved_language(default: str = "ja") -> str:
    """The learner's saved language, else ``default`` (never raises)."""
    return PreferencesStore.default().language().language or default


__all__ = ["FILE_NAME", "PreferenceResult", "PreferencesStore", "parse_preferences",
           "saved_language"]
