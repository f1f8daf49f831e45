"""Instructor notes per notebook, from ``data/i18n/<lang>/workshop.yaml``.

The notes live in the catalogs (not in the guide notebook) so that both
languages have the same fields for every lesson of the course map, which a
test checks, and so the guide can show them in whichever language the
instructor chose with one switch.
"""

from __future__ import annotations

from dataclasses import dataclass

from course.i18n import has_text, resolve_language, t

FIELDS: tuple[str, ...] = ("point", "misconceptions", "demo", "timing", "questions")


@dataclass(frozen=True)
class LessonNotes:
    """What an instructor needs before teaching one notebook, in one language."""

    stem: str
    lang: str
    point: str
    misconceptions: str
    demo: str
    timing: str
    questions: str

    def items(self) -> list[tuple[str, str]]:
        """(heading, text) pairs in the guide's order."""
        return [(t(f"workshop.notes.heading.{name}", self.lang), getattr(self, name))
                for name in FIELDS]


def has_notes(stem: object, lang: str | None = None) -> bool:
    """Whether the catalog holds every field of the notes for ``stem``."""
    return isinstance(stem, str) and all(
        has_text(f"workshop.notes.{stem}.{name}", lang) for name in FIELDS)


def lesson_notes(stem: object, lang: object = None) -> LessonNotes | None:
    """The notes for one notebook, or None when the course has none for it
    (an unknown stem, a wrong type, an unknown language)."""
    try:
        code = resolve_language(lang)
    except ValueError:
        return None
    if not has_notes(stem, code):
        return None
    texts = {name: t(f"workshop.notes.{stem}.{name}", code) for name in FIELDS}
    return LessonNotes(str(stem), code, **texts)


def notes_markdown(stem: str, title: str, lang: str | None = None,
                   planned: bool = False) -> str:
    """One lesson's notes as Markdown: a heading, then one bold label per field."""
    notes = lesson_notes(stem, lang)
    lines = [f"### {stem} — {title}"]
    if notes is None:
        return lines[0]
    if planned:
        lines.append(f"*{t('workshop.notes.heading.planned', notes.lang)}*")
    lines += [f"- **{heading}**: {text}" for heading, text in notes.items()]
    return "\n".join(lines)
