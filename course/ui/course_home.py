"""The course's home page: the course map, the learner's progress, the language.

One table lists every lesson of ``data/course.yaml`` with a link to it in the
chosen language, its time, the questions answered and its state (symbols and
words, never colour alone). The language switch redraws everything and is
remembered for next time. Links are relative (``ja/03_sms_codes.ipynb``), so
the page works from JupyterLab, from the stand-alone app and from an app served
by a JupyterHub (``/user/NAME/voila/render/...``). ``.result`` is the
``CourseOverview`` shown.
"""

from __future__ import annotations

from course.i18n import normalize_language
from course.progress.checklist import ChecklistStore
from course.progress.overview import CourseEntry, CourseOverview, course_map, course_overview
from course.progress.preferences import PreferencesStore
from course.progress.store import ProgressStore
from course.ui import lean
from course.ui.base import Simulator, button
from course.ui.language_switch import LanguageSwitch, lesson_link
from course.ui.progress_view import state_text
from course.ui.text import escape, status_html

MAP_STYLE = (
    ".course-home-map{border-collapse:collapse;margin:.5em 0}"
    ".course-home-map caption{text-align:left;font-weight:bold;padding:.3em 0}"
    ".course-home-map th,.course-home-map td{text-align:left;vertical-align:top;"
    "padding:.35em .6em;border-bottom:1px solid #d0d7de}"
    ".course-home-map a,.course-home-next a{color:#0b57d0;text-decoration:underline}"
    ".course-home-map td:nth-child(3),.course-home-map td:nth-child(4),"
    ".course-home-map td:nth-child(5){white-space:nowrap}"
)


def _number(stem: str) -> str:
    return stem.split("_", 1)[0]


class CourseHome(Simulator):
    """The home page; ``lang`` defaults to the learner's saved choice."""

    def __init__(self, lang: str | None = None, *, store: ProgressStore | None = None,
                 checklist: ChecklistStore | None = None,
                 preferences: PreferencesStore | None = None):
        self.preferences = preferences or PreferencesStore.default()
        saved = self.preferences.language()
        super().__init__(lang if lang is not None else saved.language)
        self.progress_store = store or ProgressStore.default()
        self.checklist_store = checklist or ChecklistStore.default()
        self.entries: tuple[CourseEntry, ...] = course_map()
        self.header = lean.HTML()
        self.switch = LanguageSwitch(lang=self.lang, store=self.preferences)
        self.switch.on_language(self._on_language)
        self.notice = lean.HTML()
        self.table = lean.HTML()
        self.next_step = lean.HTML()
        self.refresh_button = button("", "", icon="refresh")
        self.on_click(self.refresh_button, self._on_refresh)
        self.footer = lean.HTML()
        self._load_problem = saved.problem
        self.result: CourseOverview = self.refresh()
        self.widget = self.frame(self.header, self.switch.widget, self.notice, self.table,
                                 self.next_step, self.refresh_button, self.footer,
                                 css_class="course-home")

    # ------------------------------------------------------------ showing
    def _link(self, entry: CourseEntry) -> str:
        text = escape(f"{_number(entry.stem)} {entry.title[self.lang]}")
        if entry.status != "available":
            return text
        href = escape(lesson_link(entry.stem, self.lang, from_lesson=False))
        return f'<a href="{href}">{text}</a>'

    def _row(self, entry: CourseEntry, overview: CourseOverview) -> str:
        progress = next(n for n in overview.notebooks if n.stem == entry.stem)
        none = self.t("ui_progress.none")
        answered = f"{progress.answered}/{progress.total}" if progress.total else none
        state = state_text(progress, self.lang)
        cells = [escape(entry.summary.get(self.lang, "")),
                 escape(self.t("ui_home.minutes", minutes=entry.minutes)),
                 escape(answered), escape(state)]
        data = "".join(f"<td>{c}</td>" for c in cells)
        return f'<tr><th scope="row">{self._link(entry)}</th>{data}</tr>'

    def _draw(self, overview: CourseOverview) -> None:
        self.header.value = (f'<div lang="{self.lang}">'
                             f"<h1>{escape(self.t('ui_home.title'))}</h1>"
                             f"<p>{escape(self.t('ui_home.intro'))}</p></div>")
        columns = ("lesson", "summary", "minutes", "answered", "state")
        head = "".join(f'<th scope="col">{escape(self.t(f"ui_home.column.{c}"))}</th>'
                       for c in columns)
        body = "".join(self._row(entry, overview) for entry in self.entries)
        self.table.value = (
            f"<style>{MAP_STYLE}</style>"
            f'<table class="course-home-map" lang="{self.lang}">'
            f"<caption>{escape(self.t('ui_home.caption'))}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        if overview.next_stem is None:
            self.next_step.value = status_html(self.t("ui_home.all_done"), kind="ok")
        else:
            entry = next(e for e in self.entries if e.stem == overview.next_stem)
            self.next_step.value = (f'<p class="course-home-next" lang="{self.lang}">'
                                    f'{escape(self.t("ui_home.next"))} {self._link(entry)}</p>')
        problems = [p for p in (*overview.problems, self._load_problem) if p is not None]
        self.notice.value = "".join(status_html(p.text[self.lang], kind="notice")
                                    for p in problems)
        self.refresh_button.description = self.t("ui_home.refresh")
        self.refresh_button.tooltip = self.t("ui_home.refresh_tooltip")
        self.footer.value = f'<p lang="{self.lang}">{escape(self.t("ui_home.privacy"))}</p>'

    # ------------------------------------------------------------ callbacks
    def refresh(self) -> CourseOverview:
        """Read the stores again and redraw the page."""
        self.result = course_overview(self.progress_store, self.checklist_store)
        self._draw(self.result)
        return self.result

    def _on_refresh(self) -> None:
        self.refresh()
        self.say(self.t("ui_home.updated"), kind="ok")

    def _on_language(self, lang: str) -> None:
        self.lang = normalize_language(lang)
        self._draw(self.result)


__all__ = ["CourseHome"]
