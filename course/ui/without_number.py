"""Using X without a phone number: describe an account, see which moments still
have a way through, and what a number would add.

Every change of a control reads all controls, calls the pure
``course.sim.recovery.without_number.plan`` once, shows the table and keeps
the ``Plan`` (or the ``Refusal``) on ``.result``. Verdicts are symbols and
words; a provenance label and the source sit under each moment.
"""

from __future__ import annotations

import ipywidgets as widgets

from course.facts.sources import Provenance
from course.sim.core.errors import Refusal
from course.sim.recovery.without_number import DEAD_END, Moment, MomentOutcome, Plan, plan, planner
from course.ui import lean
from course.ui.base import Simulator, heading
from course.ui.sources_view import provenance_html
from course.ui.text import escape, status_html

_WIDE = {"description_width": "initial"}


class NoNumberPlanner(Simulator):
    """The account's settings on top, the moments table below."""

    SHOWS = ("without_number", "errors/without_number")

    def __init__(self, lang: str | None = None):
        super().__init__(lang)
        self.signup = self._radio("signup", ("email", "phone"), "email")
        self.email = self._radio("email", ("none", "confirmed"), "confirmed")
        self.email_secure = self._box("email_secure")
        self.phone = self._box("phone")
        self.two_factor = lean.Dropdown(
            options=[(self.t(f"ui_without_number.option.two_factor.{v}"), v)
                     for v in ("none", "sms", "app", "key")],
            value="none", description=self.t("ui_without_number.setting.two_factor"),
            style=_WIDE, layout=widgets.Layout(width="auto"))
        self.backup_code = self._box("backup_code")
        self.controls = {"signup": self.signup, "email": self.email,
                         "email_secure": self.email_secure, "phone": self.phone,
                         "two_factor": self.two_factor, "backup_code": self.backup_code}
        self.table = lean.HTML()
        self.summary = lean.HTML()
        for control in self.controls.values():
            self.on_change(control, self._update)
        self.widget = self.frame(
            heading(self.t("ui_without_number.title")),
            lean.HTML(f"<p>{escape(self.t('ui_without_number.intro'))}</p>"),
            lean.HTML(self._facts_html()),
            *self.controls.values(), self.summary, self.table,
            css_class="course-without-number")
        self.guarded(self._update)()

    def _radio(self, name: str, values: tuple[str, ...], value: str) -> widgets.RadioButtons:
        return lean.RadioButtons(
            options=[(self.t(f"ui_without_number.option.{name}.{v}"), v) for v in values],
            value=value, description=self.t(f"ui_without_number.setting.{name}"),
            style=_WIDE, layout=widgets.Layout(width="auto"))

    def _box(self, name: str) -> widgets.Checkbox:
        return lean.Checkbox(value=False, indent=False,
                             description=self.t(f"ui_without_number.setting.{name}"),
                             layout=widgets.Layout(width="auto"))

    # ------------------------------------------------------------ callbacks
    def _update(self) -> None:
        values = {name: control.value for name, control in self.controls.items()}
        result = plan(values)
        self.result = result
        if isinstance(result, Refusal):
            self.say(f"{result.text('message', self.lang)} {result.text('fix', self.lang)}",
                     kind="notice")
            self.table.value = ""
            self.summary.value = ""
            return
        self.say("")
        self._show(result)

    def choose(self, **values: object) -> Plan | Refusal:
        """Set controls by name, as a learner would (tests and check cells)."""
        for name, value in values.items():
            self.controls[name].value = value
        return self.result

    # ------------------------------------------------------------ showing
    def _facts_html(self) -> str:
        items = []
        for fact in planner().facts:
            items.append(f"<li>{escape(fact.text[self.lang])}<br>"
                         f"{self._provenance(fact.provenance)}</li>")
        return (f"<details><summary>{escape(self.t('ui_without_number.facts_heading'))}"
                f"</summary><ul>{''.join(items)}</ul></details>")

    def _moment_cell(self, moment: Moment) -> str:
        return (f"<strong>{escape(moment.name[self.lang])}</strong>"
                f"<br>{escape(moment.text[self.lang])}"
                f"<br>{self._provenance(moment.provenance)}")

    def _provenance(self, provenance: Provenance) -> str:
        return provenance_html(provenance, self.lang, self.t("ui_without_number.source"))

    def _row(self, outcome: MomentOutcome) -> str:
        ways = [self.t("ui_without_number.way_open", name=w.name[self.lang])
                for w in outcome.open_ways]
        ways += [self.t("ui_without_number.way_closed", name=w.name[self.lang])
                 for w in outcome.closed_ways]
        added = ([w.name[self.lang] for w in outcome.number_would_add]
                 or [self.t("ui_without_number.nothing_added")])
        cells = ["<br>".join(escape(w) for w in ways),
                 escape(self.t(f"ui_without_number.verdict.{outcome.verdict}")),
                 "<br>".join(escape(a) for a in added)]
        data = "".join(f"<td>{c}</td>" for c in cells)
        return f'<tr><th scope="row">{self._moment_cell(outcome.moment)}</th>{data}</tr>'

    def _show(self, result: Plan) -> None:
        header = "".join(
            f'<th scope="col">{escape(self.t(f"ui_without_number.column.{c}"))}</th>'
            for c in ("moment", "ways", "verdict", "number"))
        body = "".join(self._row(o) for o in result.outcomes)
        self.table.value = (
            '<table class="course-without-number-table" style="border-collapse:collapse">'
            f"<caption>{escape(self.t('ui_without_number.table_caption'))}</caption>"
            f"<thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>")
        names = {o.moment.id: o.moment.name[self.lang] for o in result.outcomes}
        lines = []
        if result.dead_ends:
            lines.append((self.t("ui_without_number.summary_dead_ends",
                                 count=len(result.dead_ends),
                                 moments="、".join(names[m] for m in result.dead_ends)
                                 if self.lang == "ja" else
                                 "; ".join(names[m] for m in result.dead_ends)), "notice"))
        else:
            lines.append((self.t("ui_without_number.summary_ok"), "ok"))
        if result.number_needed:
            lines.append((self.t("ui_without_number.summary_number_needed",
                                 moments=", ".join(names[m] for m in result.number_needed)),
                          "info"))
        if result.rests_on_email:
            lines.append((self.t("ui_without_number.rests_on_email"), "info"))
            if not result.setup.email_secure:
                lines.append((self.t("ui_without_number.email_warning"), "notice"))
        self.summary.value = "".join(status_html(text, kind=kind) for text, kind in lines)

    @property
    def dead_end(self) -> bool:
        """Whether the current setup has a dead end (for check cells)."""
        return isinstance(self.result, Plan) and any(
            o.verdict == DEAD_END for o in self.result.outcomes)


__all__ = ["NoNumberPlanner"]
