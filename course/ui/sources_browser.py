"""Browse the course's sources: filter by who published them and how they were seen.

The appendix notebook (10_sources) shows every source of the course here. The
callback reads the three controls, calls ``select_sources`` and shows what came
back through the one renderer (``course.ui.sources_view``); ``result`` keeps the
ids shown, so a test can drive the widget headlessly.
"""

from __future__ import annotations

import ipywidgets as widgets

from course.facts.source_uses import uses
from course.facts.sources import BADGES, SEEN_HOW, select_sources
from course.ui import lean
from course.ui.base import Simulator, heading, text_field
from course.ui.sources_view import source_html
from course.ui.text import escape

_GROUPS = ("all", *BADGES[:3])  # x_official, other_official, news_guide


class SourcesBrowser(Simulator):
    """Every source with how and when it was seen, and how many facts rest on it."""

    def __init__(self, lang: str | None = None) -> None:
        super().__init__(lang)
        self.group = lean.Dropdown(
            options=[(self.t(f"ui_sources.group.{g}"), g) for g in _GROUPS], value="all",
            description=self.t("ui_sources.group_label"), style={"description_width": "initial"})
        hows = [h for h in SEEN_HOW if h != "live"]
        self.how = lean.Dropdown(
            options=[(self.t("ui_sources.how_all"), "all")]
            + [(self.t(f"sources.how.{h}"), h) for h in hows], value="all",
            description=self.t("ui_sources.how_label"), style={"description_width": "initial"})
        self.search = text_field(self.t("ui_sources.search_label"),
                                 self.t("ui_sources.search_placeholder"), live=True)
        self.count = lean.HTML()
        self.listing = lean.HTML()
        for control in (self.group, self.how, self.search):
            self.on_change(control, self._show)
        self.widget = self.frame(
            heading(self.t("ui_sources.title")),
            lean.HTML(f"<p>{escape(self.t('ui_sources.intro'))}</p>"),
            lean.HBox([self.group, self.how], layout=widgets.Layout(flex_flow="row wrap")),
            self.search, self.count, self.listing, css_class="course-sources-browser")
        self._show()

    def _show(self) -> None:
        found = select_sources(self.group.value, self.how.value, self.search.value)
        self.result = tuple(e.id for e in found)
        rests = uses()
        items = []
        for entry in found:
            records = rests.get(entry.id, [])
            questions = sum(r.is_question for r in records)
            used = self.t("ui_sources.used", facts=len(records) - questions, questions=questions)
            items.append(f"<li>{source_html(entry, self.lang)}<br><small>{escape(used)}"
                         "</small></li>")
        self.count.value = f"<p><strong>{escape(self.t('ui_sources.count', count=len(found)))}" \
                           "</strong></p>"
        self.listing.value = f"<ul>{''.join(items)}</ul>" if items else \
            f"<p>{escape(self.t('ui_sources.none'))}</p>"
