"""Review connected apps and logged-in sessions, revoke what you do not recognise.

Each button reads the ticked boxes, calls the pure
``course.sim.recovery.access_review.review`` once, shows a verdict per entry
(✔ / ◐ / ✘ with words and the cues) and keeps the ``AccessReview`` (or the
``Refusal``) on ``.result``. Removed entries stay removed, as on X's screen.
"""

from __future__ import annotations

import ipywidgets as widgets

from course.sim.core.errors import Refusal
from course.sim.recovery.access_review import (
    AccessReview,
    Entry,
    access_list,
    other_sessions,
    review,
)
from course.ui import lean
from course.ui.base import Simulator, button, heading
from course.ui.sources_view import provenance_html
from course.ui.text import escape, status_html


class AccessReviewLab(Simulator):
    """The fictional account's apps and sessions, with a checkbox each."""

    SHOWS = ("access_review", "errors/access_review")

    def __init__(self, lang: str | None = None):
        super().__init__(lang)
        self.data = access_list()
        self.removed: frozenset[str] = frozenset()
        self.boxes: dict[str, widgets.Checkbox] = {}
        self.rows: dict[str, widgets.HTML] = {}
        self.verdicts = lean.HTML()
        self.summary = lean.HTML()
        self.remove_button = button(self.t("ui_access_review.remove"),
                                    self.t("ui_access_review.remove_tooltip"), icon="ban")
        self.others_button = button(self.t("ui_access_review.log_out_others"),
                                    self.t("ui_access_review.log_out_others_tooltip"),
                                    icon="sign-out")
        self.on_click(self.remove_button, self._remove_ticked)
        self.on_click(self.others_button, self._log_out_others)
        self.widget = self.frame(
            heading(self.t("ui_access_review.title")),
            lean.HTML(f"<p>{escape(self.t('ui_access_review.intro'))}</p>"),
            lean.HTML(self._facts_html()),
            heading(self.t("ui_access_review.apps_heading"), level=4),
            *self._entry_widgets(self.data.apps),
            heading(self.t("ui_access_review.sessions_heading"), level=4),
            *self._entry_widgets(self.data.sessions),
            lean.HBox([self.remove_button, self.others_button]),
            self.summary, self.verdicts, css_class="course-access-review")

    # ------------------------------------------------------------ building
    def _facts_html(self) -> str:
        items = []
        for fact in self.data.facts:
            items.append(f"<li>{escape(fact.text[self.lang])}<br>"
                         + provenance_html(fact.provenance, self.lang,
                                           self.t("ui_access_review.source")) + "</li>")
        return (f"<details><summary>{escape(self.t('ui_access_review.facts_heading'))}"
                f"</summary><ul>{''.join(items)}</ul></details>")

    def _details(self, entry: Entry) -> str:
        lang = self.lang
        if entry.kind == "app":
            parts = [self.t(f"ui_access_review.permission.{entry.permission}")]
            if entry.email:
                parts.append(self.t("ui_access_review.email"))
            parts.append(self.t("ui_access_review.authorized", when=entry.when[lang]))
        else:
            parts = [self.t("ui_access_review.place", place=entry.place[lang]),
                     self.t("ui_access_review.active", when=entry.when[lang])]
        parts.append(entry.note[lang])
        return escape(" / ".join(parts))

    def _entry_widgets(self, entries: tuple[Entry, ...]) -> list[widgets.Widget]:
        out: list[widgets.Widget] = []
        for entry in entries:
            name = entry.name[self.lang]
            if entry.current:
                name = f"{name} {self.t('ui_access_review.this_device')}"
            box = lean.Checkbox(value=False, indent=False, disabled=entry.current,
                                description=self.t("ui_access_review.remove_label",
                                                      name=name),
                                layout=widgets.Layout(width="auto"))
            self.boxes[entry.id] = box
            self.rows[entry.id] = lean.HTML(f"<small>{self._details(entry)}</small>")
            out.append(lean.VBox([box, self.rows[entry.id]]))
        return out

    # ------------------------------------------------------------ callbacks
    def _remove_ticked(self) -> None:
        ticked = {eid for eid, box in self.boxes.items() if box.value}
        self._apply(self.removed | ticked)

    def _log_out_others(self) -> None:
        for eid in other_sessions():
            self.boxes[eid].value = True
        self._apply(self.removed | other_sessions())

    def _apply(self, chosen: frozenset[str] | set[str]) -> None:
        result = review(chosen)
        self.result = result
        if isinstance(result, Refusal):
            self.say(f"{result.text('message', self.lang)} {result.text('fix', self.lang)}",
                     kind="notice")
            return
        self.removed = result.removed
        for eid in result.removed:
            self.boxes[eid].disabled = True
        self.say("")
        self._show(result)

    def remove(self, *entry_ids: str) -> AccessReview | Refusal:
        """Tick entries and press the remove button, as a learner would."""
        for eid in entry_ids:
            if eid in self.boxes:
                self.boxes[eid].value = True
        self.remove_button.click()
        return self.result

    # ------------------------------------------------------------ showing
    def _show(self, result: AccessReview) -> None:
        lines = []
        for verdict in result.verdicts:
            cues = "、".join(self.data.cues[c][self.lang] for c in verdict.entry.cues) \
                if self.lang == "ja" else "; ".join(self.data.cues[c][self.lang]
                                                    for c in verdict.entry.cues)
            lines.append(self.t(f"ui_access_review.verdict.{verdict.verdict}",
                                name=verdict.entry.name[self.lang], cues=cues))
        self.verdicts.value = "<ul>" + "".join(f"<li>{escape(x)}</li>" for x in lines) + "</ul>"
        if result.all_clear:
            self.summary.value = status_html(self.t("ui_access_review.summary_clear"), kind="ok")
        else:
            self.summary.value = status_html(
                self.t("ui_access_review.summary_missed", count=len(result.missed)),
                kind="notice")


__all__ = ["AccessReviewLab"]
