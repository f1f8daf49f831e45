"""Reading the simulators' data files: a ja/en text pair, a fact's provenance,
and the sourced statement (``Fact``) two simulators show.

Every data-driven simulator checks the same two things when it loads its file
and reports a problem as its own error type (so a broken file names the
simulator that owns it); these two readers do the checking once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from course.facts.sources import Provenance, SourceError, read_provenance
from course.i18n import LANGUAGES


@dataclass(frozen=True)
class Fact:
    """A sourced statement a simulator shows beside its result, in both languages."""

    id: str
    text: dict[str, str]
    provenance: Provenance


def bilingual_text(raw: Any, where: str, *, error: type[Exception]) -> dict[str, str]:
    """A non-empty text in every course language, or ``error`` saying where it is missing."""
    if not isinstance(raw, dict) or any(not str(raw.get(lang, "")).strip() for lang in LANGUAGES):
        raise error(f"{where}: needs ja and en text")
    return {lang: str(raw[lang]) for lang in LANGUAGES}


def provenance(raw: Mapping[str, Any], where: str, *, error: type[Exception]) -> Provenance:
    """The status and source ids of a data entry, a register problem raised as ``error``."""
    try:
        return read_provenance(raw, where)
    except SourceError as problem:
        raise error(str(problem)) from None
