"""Mastery per learning objective for a class, and what the class should revisit.

Pure: answer rows in (a merged folder of exports), rows of words out, for the
class-results notebook and ``python -m course report``. The numbers come from
``course.quiz.mastery.class_mastery`` (first attempts only, thresholds in
data/policies/learning.yaml); objectives are named with data/objectives.yaml.
"""

from __future__ import annotations

from collections.abc import Iterable

from course.i18n import resolve_language, t
from course.quiz.mastery import ClassObjective, MasterySettings, class_mastery, class_revisit
from course.quiz.objectives import objective, objectives
from course.quiz.results_io import ResultRow, safe_display

COLUMNS = ("objective", "notebook", "learners", "mean", "mastered", "verdict")


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{round(100 * value)}%"


def class_objectives(rows: Iterable[ResultRow],
                     settings: MasterySettings | None = None) -> tuple[ClassObjective, ...]:
    """Every objective of the course in course order, plus any other the rows name."""
    rows = list(rows)
    order = [o.id for o in objectives()]
    order += sorted({r.objective for r in rows} - set(order))
    return class_mastery(rows, order, settings or MasterySettings.from_policies())


def _name(objective_id: str, lang: str) -> tuple[str, str]:
    found = objective(objective_id)
    if found is None:
        return safe_display(objective_id, 60), ""
    return f"{found.text[lang]} ({found.id})", found.notebook


def mastery_rows(rows: Iterable[ResultRow], lang: str | None = None,
                 settings: MasterySettings | None = None,
                 answered_only: bool = True) -> list[dict[str, str]]:
    """One row per objective: name, notebook, learners, mean first-attempt score,
    share who mastered it, and the verdict in words (✔ / ↻ / … / ○)."""
    lang = resolve_language(lang)
    head = {c: t(f"class_mastery.column.{c}", lang) for c in COLUMNS}
    out = []
    for item in class_objectives(rows, settings):
        if answered_only and item.learners == 0:
            continue
        name, notebook = _name(item.objective, lang)
        out.append({head["objective"]: name, head["notebook"]: notebook,
                    head["learners"]: str(item.learners), head["mean"]: _pct(item.mean),
                    head["mastered"]: _pct(item.mastered_share),
                    head["verdict"]: t(f"class_mastery.verdict.{item.level}", lang)})
    return out


def mastery_text(rows: Iterable[ResultRow], lang: str | None = None,
                 settings: MasterySettings | None = None) -> list[str]:
    """The mastery section of the terminal report: heading, table, what to revisit."""
    from course.workshop.report_parts import text_table

    lang = resolve_language(lang)
    rows = list(rows)
    settings = settings or MasterySettings.from_policies()
    table = mastery_rows(rows, lang, settings)
    out = ["", f"[{t('class_mastery.heading', lang)}]",
           t("class_mastery.intro", lang, threshold=_pct(settings.class_revisit_below))]
    if table:
        headers = list(table[0])
        out += text_table(headers, [list(r.values()) for r in table],
                          [h in (headers[2], headers[3], headers[4]) for h in headers])
    out += ["", f"[{t('class_mastery.revisit_heading', lang)}]",
            *revisit_lines(rows, lang, settings)]
    return out


def revisit_lines(rows: Iterable[ResultRow], lang: str | None = None,
                  settings: MasterySettings | None = None) -> list[str]:
    """One sentence per objective the class should revisit, weakest first, or one
    sentence saying there is none."""
    lang = resolve_language(lang)
    settings = settings or MasterySettings.from_policies()
    weak = class_revisit(class_objectives(rows, settings))
    if not weak:
        return [t("class_mastery.revisit_none", lang,
                  threshold=_pct(settings.class_revisit_below))]
    out = []
    for item in weak:
        name, notebook = _name(item.objective, lang)
        out.append(t("class_mastery.revisit", lang, objective=name, notebook=notebook or "—",
                     mean=_pct(item.mean), mastered=_pct(item.mastered_share),
                     learners=item.learners))
    return out


__all__ = ["COLUMNS", "class_objectives", "mastery_rows", "mastery_text", "revisit_lines"]
