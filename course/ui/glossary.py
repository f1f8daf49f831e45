"""Look up a course term in Japanese or English."""

from __future__ import annotations

from course.glossary import Term, lookup, terms
from course.ui import lean
from course.ui.base import Simulator, heading, text_field
from course.ui.text import escape


class GlossaryLookup(Simulator):
    """Type a word in either language; see the term in both and its definition."""

    def __init__(self, lang: str | None = None):
        super().__init__(lang)
        self.query = text_field(self.t("glossary.search"), self.t("glossary.placeholder"),
                                live=True)
        self.table = lean.HTML()
        self.on_change(self.query, self._search)
        self.widget = self.frame(heading(self.t("glossary.title")), self.query, self.table,
                                 css_class="course-glossary")
        self._show(list(terms()))

    def _search(self) -> None:
        found = lookup(self.query.value) if self.query.value.strip() else list(terms())
        self._show(found)
        if not found:
            self.say(self.t("glossary.none", query=self.query.value[:40]), kind="notice")
        else:
            self.say(self.t("glossary.count", count=len(found)))

    def _show(self, found: list[Term]) -> None:
        self.result = found
        other = "en" if self.lang == "ja" else "ja"
        rows = "".join(
            f"<tr><th scope='row'>{escape(term.term[self.lang])}</th>"
            f"<td lang='{other}'>{escape(term.term[other])}</td>"
            f"<td>{escape(term.definition[self.lang])}</td></tr>"
            for term in found
        )
        self.table.value = (
            f"<table class='course-glossary-table'><caption>{escape(self.t('glossary.caption'))}"
            f"</caption><thead><tr><th scope='col'>{escape(self.t('glossary.term'))}</th>"
            f"<th scope='col'>{escape(self.t('glossary.other_language'))}</th>"
            f"<th scope='col'>{escape(self.t('glossary.definition'))}</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
