"""The course's learning objectives (``data/objectives.yaml``): which notebook
teaches each one and how it reads in both languages.

Mastery, review and the instructor's class view name objectives with these
records, and use the teaching notebook to say where to go back to.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from course.i18n import LANGUAGES
from course.paths import data_path
from course.yaml_safe import safe_load


@dataclass(frozen=True)
class Objective:
    """One learning objective and the notebook that teaches it."""

    id: str
    notebook: str
    text: dict[str, str]


@lru_cache(maxsize=2)
def _load(path: str) -> tuple[Objective, ...]:
    raw = safe_load(Path(path).read_text(encoding="utf-8"))
    out = []
    for entry in raw["objectives"]:
        missing = [lang for lang in LANGUAGES if not str(entry["text"].get(lang, "")).strip()]
        if missing:
            raise ValueError(f"{path}: objective {entry['id']!r} has no {', '.join(missing)} text")
        out.append(Objective(entry["id"], entry["notebook"],
                             {lang: str(entry["text"][lang]) for lang in LANGUAGES}))
    ids = [o.id for o in out]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{path}: an objective id is listed twice")
    return tuple(out)


def objectives(path: Path | None = None) -> tuple[Objective, ...]:
    """Every objective in course order."""
    return _load(str(path or data_path("objectives.yaml")))


def owners(path: Path | None = None) -> dict[str, str]:
    """Objective id -> the stem of the notebook that teaches it."""
    return {o.id: o.notebook for o in objectives(path)}


def objective(objective_id: str) -> Objective | None:
    """One objective by id, or None."""
    return next((o for o in objectives() if o.id == objective_id), None)


__all__ = ["Objective", "objective", "objectives", "owners"]
