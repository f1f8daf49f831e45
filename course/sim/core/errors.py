"""The error catalog: every refusal and problem the simulators report.

Entries live in ``data/errors/*.yaml``, keyed by a stable code. Each entry has
the message (what X shows, or what the simulator says), the cause and the fix,
in Japanese and English, with ``status`` (documented / reported / assumed) and
``sources`` (ids in the sources register, data/sources.yaml). Pure code
returns ``Refusal`` values that name a code; widgets turn them into text with
``message(code, lang)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from course.facts.sources import Provenance, Sourced, SourceError, read_provenance
from course.i18n import LANGUAGES, fill, resolve_language
from course.paths import data_dir
from course.problems import Problem
from course.yaml_safe import safe_load

FIELDS = ("message", "cause", "fix")


@dataclass(frozen=True)
class ErrorEntry(Sourced):
    """One catalog entry."""

    code: str
    message: dict[str, str]
    cause: dict[str, str]
    fix: dict[str, str]
    provenance: Provenance
    shown_by_x: bool  # True: a message X itself displays; False: the course's own wording
    reasoning: str | None = None  # why the course says this (maintainers only)


@dataclass(frozen=True)
class Refusal(Problem):
    """A structured "no": which catalog code, and the values its text needs (a
    ``course.problems.Problem`` whose text is an error-catalog entry)."""

    code: str
    # Kept out of ``repr`` like Problem.params: a value may be something the learner typed.
    params: dict[str, Any] = field(default_factory=dict, repr=False)

    def entry(self) -> ErrorEntry:
        return error_entry(self.code)

    def text(self, part: str = "message", lang: str | None = None) -> str:
        """The message, cause or fix in a language, placeholders filled."""
        return render(self.code, part, lang, **self.params)

    def message(self, lang: str | None = None) -> str:
        return self.text("message", lang)


class ErrorCatalogError(ValueError):
    """A catalog entry missing a language, a field or a status, or naming an unknown source."""


def _entry(code: str, raw: Any, path: Path) -> ErrorEntry:
    if not isinstance(raw, dict):
        raise ErrorCatalogError(f"{path}: {code}: must be a mapping")
    texts = {}
    for name in FIELDS:
        value = raw.get(name)
        if not isinstance(value, dict) or any(not value.get(lang) for lang in LANGUAGES):
            raise ErrorCatalogError(f"{path}: {code}: {name} needs ja and en text")
        texts[name] = {lang: str(value[lang]) for lang in LANGUAGES}
    try:
        provenance = read_provenance(raw, f"{path}: {code}")
    except SourceError as error:
        raise ErrorCatalogError(str(error)) from None
    return ErrorEntry(code, texts["message"], texts["cause"], texts["fix"], provenance,
                      bool(raw.get("shown_by_x", False)), raw.get("reasoning"))


@lru_cache(maxsize=4)
def _load(directory: str) -> dict[str, ErrorEntry]:
    entries: dict[str, ErrorEntry] = {}
    for path in sorted(Path(directory).glob("*.yaml")):
        raw = safe_load(path.read_text(encoding="utf-8")) or {}
        for code, entry in raw.items():
            if code in entries:
                raise ErrorCatalogError(f"{path}: duplicate error code {code!r}")
            entries[str(code)] = _entry(str(code), entry, path)
    return entries


def catalog() -> dict[str, ErrorEntry]:
    """Every error entry, by code."""
    return _load(str(data_dir() / "errors"))


def error_entry(code: str) -> ErrorEntry:
    try:
        return catalog()[code]
    except KeyError:
        raise KeyError(f"no error code {code!r} in data/errors") from None


def render(code: str, part: str = "message", lang: str | None = None, **params: Any) -> str:
    """Return one part of an entry in a language, with ``{placeholders}`` filled."""
    if part not in FIELDS:
        raise ValueError(f"part must be one of {FIELDS}")
    text = getattr(error_entry(code), part)[resolve_language(lang)]
    return fill(text, **params)
