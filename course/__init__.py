"""Interactive course on phone numbers and account security for X.

Importing ``course`` is deliberately cheap: it loads no pandas, matplotlib or
ipywidgets, so the pure layers (``course.sim``, ``course.quiz``,
``course.progress``) work in any Python and the command line starts fast.
"""

from __future__ import annotations

from course.i18n import UnknownLanguageError, get_language, set_language, t

__version__ = "0.1.0"

__all__ = ["ChosenLanguage", "__version__", "get_language", "set_language", "setup", "t"]


class ChosenLanguage(str):
    """The language ``setup`` chose: equal to "ja" or "en", and shown as nothing
    when it is a cell's last value, so the setup cell has no stray output."""

    def _ipython_display_(self) -> None:
        return None


def setup(lang: str = "ja") -> ChosenLanguage:
    """Prepare a notebook: choose the course language and return it.

    Every notebook's first code cell calls this (the language of the folder
    the notebook is in). A language the course does not offer keeps the
    current one and says so in both languages, instead of stopping the
    notebook with a traceback.
    """
    try:
        return ChosenLanguage(set_language(lang))
    except UnknownLanguageError:
        current = get_language()
        print(t("common.language.unknown", "ja", given=str(lang)[:40]))
        print(t("common.language.unknown", "en", given=str(lang)[:40]))
        return ChosenLanguage(current)
