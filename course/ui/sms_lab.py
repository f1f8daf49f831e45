"""The SMS troubleshooting lab: find why the code never arrives, in few checks.

A card tells a short story in which the code does not arrive. Each check a
learner could make (re-read the number, look at the signal, the blocking
settings, the carrier's outage page ...) is a button. The lab records the
order, says what each check uncovered, and once every cause is found, how
many checks it took against the shortest diagnosis, which checks were
wasted, and the fix for each cause. Each callback calls one pure function of
``course.sim.sms.sms_lab`` and draws the ``LabReport`` it returns.
"""

from __future__ import annotations

import random

import ipywidgets as widgets

from course.sim.sms.sms_lab import LabReport, lab_report, pick_card
from course.sim.sms.troubleshooting import Check, scenarios
from course.ui import lean
from course.ui.base import Simulator, button, heading, verdict
from course.ui.phone_parts import STYLE_RULES, paragraphs, problems_html
from course.ui.text import escape


class SmsLab(Simulator):
    """Scenario cards, one button per check, a log of the checks and the verdict."""

    SHOWS = ("policies/sms", "errors/sms", "policies/numbers")

    def __init__(self, lang: str | None = None, *, card: str | None = None,
                 rng: random.Random | None = None) -> None:
        super().__init__(lang)
        self.rng = rng if rng is not None else random.Random()
        cards = scenarios()
        first = card if any(c.id == card for c in cards) else cards[0].id
        self.card = lean.Dropdown(options=[(c.title[self.lang], c.id) for c in cards],
                                  value=first, description=self.t("ui_phone.lab.card_label"),
                                  style={"description_width": "initial"},
                                  layout=widgets.Layout(width="auto"))
        self.on_change(self.card, lambda: self._show(lab_report(self.card.value)))
        self.new_card = button(self.t("ui_phone.lab.new_card"),
                               self.t("ui_phone.lab.new_card_tooltip"))
        self.on_click(self.new_card, self._draw_new_card)
        self.again = button(self.t("ui_phone.lab.again"), self.t("ui_phone.lab.again_tooltip"))
        self.on_click(self.again, lambda: self._show(lab_report(self.card.value)))
        self.story = lean.HTML()
        self.checks: dict[Check, widgets.Button] = {}
        for check in Check:
            label = check.label(self.lang)
            self.checks[check] = button(label, self.t("ui_phone.lab.check_tooltip", check=label))
            self.on_click(self.checks[check], lambda c=check: self._show(lab_report(
                self.card.value, (*self._done(), c))))
        self.log = lean.HTML()
        self.summary = lean.HTML()
        self.widget = self.frame(
            lean.HTML(f"<style>{STYLE_RULES}</style>"),
            heading(self.t("ui_phone.lab.title")),
            lean.HTML(paragraphs([self.t("ui_phone.lab.intro")])),
            lean.HBox([self.card, self.new_card, self.again],
                      layout=widgets.Layout(flex_flow="row wrap")),
            self.story,
            heading(self.t("ui_phone.lab.checks_heading"), 4),
            lean.HBox(list(self.checks.values()),
                      layout=widgets.Layout(flex_flow="row wrap")),
            heading(self.t("ui_phone.lab.log_heading"), 4),
            self.log, self.summary,
            css_class="course-sms-lab")
        self._show(lab_report(self.card.value))

    # --- callbacks -------------------------------------------------------------

    def _done(self) -> tuple[Check, ...]:
        return self.result.checks if isinstance(self.result, LabReport) else ()

    def _draw_new_card(self) -> None:
        # Choosing the card in the dropdown starts it (its change callback draws it).
        self.card.value = pick_card(self.rng, self.card.value).id

    def _show(self, report: LabReport) -> None:
        self.result = report
        if report.card is None:
            self.story.value = problems_html([report.problem] if report.problem else [],
                                             self.lang)
            return
        card = report.card
        self.story.value = (
            f"<h4>{escape(card.title[self.lang])}</h4>"
            + paragraphs([card.story[self.lang],
                          self.t("ui_phone.lab.number", masked=report.masked_number or "-")]))
        used = set(report.checks)
        for check, control in self.checks.items():
            control.disabled = report.found or check in used
        self.log.value = self._log_html(report)
        self.summary.value = self._summary_html(report)
        self._announce(report)

    # --- drawing ---------------------------------------------------------------

    def _log_html(self, report: LabReport) -> str:
        if not report.diagnosis.steps:
            return paragraphs([self.t("ui_phone.lab.log_empty")])
        rows = []
        for step in report.diagnosis.steps:
            found = [self.t(f"sms.conditions.{c.value}.found") for c in step.revealed]
            result = " ".join(found) if found else self.t("sms.nothing_found")
            mark = self.t("ui_phone.lab.found_mark" if found else "ui_phone.lab.nothing_mark")
            rows.append(f"<li><strong>{escape(step.check.label(self.lang))}</strong>: "
                        f"{escape(mark)} {escape(result)}</li>")
        return f"<ol>{''.join(rows)}</ol>"

    def _summary_html(self, report: LabReport) -> str:
        diagnosis = report.diagnosis
        if not diagnosis.found:
            return paragraphs([diagnosis.summary(self.lang)])
        shortest = ", ".join(c.label(self.lang) for c in diagnosis.shortest_checks)
        # Finding every cause is a success either way; the count says how direct it was.
        key = "ui_phone.lab.shortest_route" if report.extra == 0 else "ui_phone.lab.longer_route"
        head = verdict(True, self.t(key, steps=diagnosis.found_at, shortest=diagnosis.shortest),
                       self.lang)
        lines = [self.t("ui_phone.lab.shortest_checks", checks=shortest)]
        if report.wasted:
            wasted = ", ".join(c.label(self.lang) for c in report.wasted)
            lines.append(self.t("ui_phone.lab.wasted", count=len(report.wasted), checks=wasted))
        else:
            lines.append(self.t("ui_phone.lab.no_waste"))
        causes = ", ".join(self.t(f"sms.conditions.{c.value}.label")
                           for c in report.card.conditions) if report.card else ""
        lines.append(self.t("ui_phone.lab.causes", causes=causes))
        return (head + paragraphs(lines)
                + f"<h4>{escape(self.t('ui_phone.lab.fix_heading'))}</h4>"
                + problems_html(report.fixes, self.lang))

    def _announce(self, report: LabReport) -> None:
        latest = report.latest
        if latest is None:
            self.say(self.t("ui_phone.lab.ready"))
        elif report.found:
            self.say(report.diagnosis.summary(self.lang), kind="ok")
        elif latest.revealed:
            found = " ".join(self.t(f"sms.conditions.{c.value}.found") for c in latest.revealed)
            self.say(found, kind="notice")
        else:
            self.say(self.t("sms.nothing_found"))
