"""Choose the course language with the mouse or the keyboard, no code to edit.

The choice is saved in the learner's preferences file (next to the progress
file), becomes the language of every widget built afterwards in this kernel,
and, in a lesson, offers a link to the same lesson in the chosen language (the
other folder of the same name). ``.result`` is the ``PreferenceResult``.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from course.i18n import LANGUAGES, set_language, t
from course.progress.preferences import PreferenceResult, PreferencesStore
from course.ui import lean
from course.ui.base import Simulator
from course.ui.text import escape


def lesson_link(stem: str, lang: str, *, from_lesson: bool) -> str:
    """The relative address of a lesson: from a lesson folder (``../en/03_x.ipynb``)
    or from the course's top folder (``en/03_x.ipynb``), in JupyterLab and the app alike."""
    return f"{'../' if from_lesson else ''}{lang}/{stem}.ipynb"


class LanguageSwitch(Simulator):
    """日本語 / English as two labelled choices; ``stem`` names the lesson it sits in."""

    def __init__(self, stem: str | None = None, lang: str | None = None, *,
                 store: PreferencesStore | None = None):
        super().__init__(lang)
        self.stem = stem
        self.store = store or PreferencesStore.default()
        self._listeners: list[Callable[[str], None]] = []
        self.choice = lean.RadioButtons(
            options=[(t("common.language.name", code), code) for code in LANGUAGES],
            value=self.lang, description=self.t("ui_home.language_label"),
            style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
        self.link = lean.HTML()
        self.on_change(self.choice, self._on_choice)
        self.widget = self.frame(self.choice, self.link, css_class="course-language-switch")

    def on_language(self, listener: Callable[[str], None]) -> None:
        """Call ``listener(lang)`` after every change the learner makes."""
        self._listeners.append(listener)

    def choose(self, lang: str) -> PreferenceResult:
        """What a click on a language does (also usable from tests)."""
        self.choice.value = lang
        return self.result

    def _on_choice(self) -> None:
        result = self.store.set_language(self.choice.value)
        self.result = result
        if result.language is None:  # refused: keep what is shown
            return
        self.lang = set_language(result.language)
        message = self.t("ui_home.language_changed")
        if result.problem is not None:
            message += " " + result.problem.text[self.lang]
        self.choice.description = self.t("ui_home.language_label")
        self.say(message, kind="ok" if result.saved else "notice")
        if self.stem is not None:
            href = lesson_link(self.stem, self.lang, from_lesson=True)
            label = escape(self.t("ui_home.open_lesson_in_language"))
            self.link.value = (f'<p lang="{self.lang}"><a href="{escape(href)}" '
                               f'style="color:#0b57d0;text-decoration:underline">{label}</a></p>')
        for listener in self._listeners:
            listener(self.lang)


__all__ = ["LanguageSwitch", "lesson_link"]
