"""Per-objective mastery from first attempts, and what to go back to (notebook 09).

The Refresh button reads the progress store again through the pure
``course.progress.learning.mastery`` and redraws; ``.result`` is the tuple
of ``ObjectiveMastery`` shown. Verdicts are words with symbols (✔ / ↻ / ○),
never colour alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from course.facts.policy import policy
from course.progress.learning import mastery
from course.progress.overview import course_map
from course.progress.store import ProgressStore
from course.quiz.mastery import ObjectiveMastery, to_revisit
from course.quiz.objectives import objective
from course.ui import lean
from course.ui.base import Simulator, button, heading
from course.ui.text import escape, status_html

StoreChoice = ProgressStore | Literal["default"] | str | Path


def _percent(value: float | None) -> str:
    return "" if value is None else f"{round(100 * value)}"


class MasteryView(Simulator):
    """A table of every learning objective and a list of what to go back to."""

    def __init__(self, lang: str | None = None, *, store: StoreChoice = "default",
                 learner: str | None = None):
        super().__init__(lang)
        if isinstance(store, (str, Path)) and store != "default":
            store = ProgressStore(Path(store))
        self.store = store if isinstance(store, ProgressStore) else ProgressStore.default()
        self.learner = learner
        self.table = lean.HTML()
        self.revisit = lean.HTML()
        self.refresh_button = button(self.t("ui_learning.mastery.refresh"),
                                     self.t("ui_learning.mastery.refresh_tooltip"),
                                     icon="refresh")
        self.on_click(self.refresh_button, self._on_refresh)
        self.result: tuple[ObjectiveMastery, ...] = self.refresh()
        threshold = _percent(float(policy("learning.mastery_from").value))
        self.widget = self.frame(
            heading(self.t("ui_learning.mastery.title")),
            lean.HTML(f"<p>{escape(self.t('ui_learning.mastery.intro', mastery=threshold))}"
                      "</p>"),
            self.table, self.revisit, self.refresh_button, css_class="course-mastery-view")

    # ------------------------------------------------------------ showing
    def _names(self, item: ObjectiveMastery) -> tuple[str, str, str]:
        """(objective text, notebook stem, notebook title)."""
        found = objective(item.objective)
        text = found.text[self.lang] if found else item.objective
        stem = found.notebook if found else ""
        titles = {entry.stem: entry.title[self.lang] for entry in course_map()}
        return text, stem, titles.get(stem, stem)

    def _row(self, item: ObjectiveMastery) -> str:
        text, stem, title = self._names(item)
        none = self.t("ui_learning.mastery.none")
        score = f"{_percent(item.score)}%" if item.score is not None else none
        cells = [f"{text} ({item.objective})", f"{stem} {title}", str(item.answered), score,
                 self.t(f"ui_learning.mastery.level.{item.level}")]
        head, *rest = (escape(c) for c in cells)
        data = "".join(f"<td>{c}</td>" for c in rest)
        return f'<tr><th scope="row">{head}</th>{data}</tr>'

    def _draw(self, result: tuple[ObjectiveMastery, ...]) -> None:
        columns = ("objective", "notebook", "answered", "score", "level")
        header = "".join(
            f'<th scope="col">{escape(self.t(f"ui_learning.mastery.column.{c}"))}</th>'
            for c in columns)
        body = "".join(self._row(item) for item in result)
        self.table.value = (
            '<table class="course-mastery-table" style="border-collapse:collapse">'
            f"<caption>{escape(self.t('ui_learning.mastery.caption'))}</caption>"
            f"<thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>")
        weak = to_revisit(result)
        lines = []
        for item in weak:
            text, stem, title = self._names(item)
            lines.append(self.t("ui_learning.mastery.revisit_item", stem=stem, title=title,
                                objective=text, score=_percent(item.score)))
        heading_html = f"<h4>{escape(self.t('ui_learning.mastery.revisit_heading'))}</h4>"
        if lines:
            items = "".join(f"<li>{escape(line)}</li>" for line in lines)
            self.revisit.value = f"{heading_html}<ol>{items}</ol>"
        else:
            self.revisit.value = heading_html + status_html(
                self.t("ui_learning.mastery.revisit_none"), kind="ok")

    # ------------------------------------------------------------ callbacks
    def refresh(self) -> tuple[ObjectiveMastery, ...]:
        """Read the store again and redraw."""
        self.result = mastery(self.store, self.learner)
        self._draw(self.result)
        return self.result

    def _on_refresh(self) -> None:
        self.refresh()
        self.say(self.t("ui_learning.mastery.updated"), kind="ok")


__all__ = ["MasteryView"]
