"""A standalone phone-number checker: type a number, see what a careful system
would make of it.

The learner picks a country and types a number (fictional ones, or the
typing mistakes of notebook 02). The callback calls ``check_number`` once and
shows the verdict: usable or not (a well-formed number that cannot receive
a code is not ticked), the national and E.164 forms (masked, so a
typed number never sits on screen in full), the type of line, whether it can
take X's verification SMS, and every problem with its cause and fix. A usable
number leaves the text box at once; a rejected one stays so the learner can
correct it. Nothing is written to disk.
"""

from __future__ import annotations

import ipywidgets as widgets

from course.sim.accounts.settings_flow import countries
from course.sim.numbers.fictional import fictional_example
from course.sim.numbers.masking import mask, masked_problems
from course.sim.numbers.number_checker import NumberCheck, check_number
from course.ui import lean
from course.ui.base import Simulator, button, heading, text_field, verdict
from course.ui.phone_parts import STYLE_RULES, paragraphs, problems_html
from course.ui.text import escape


class NumberChecker(Simulator):
    """Country, number, Check: the verdict of ``check_number`` with masked forms."""

    SHOWS = ("policies/numbers", "errors/numbers", "fictional_numbers")

    def __init__(self, lang: str | None = None) -> None:
        super().__init__(lang)
        self.result: NumberCheck | None = None
        self.country = lean.Dropdown(
            options=[(c.label(self.lang), c.region) for c in countries()],
            description=self.t("ui_numbers.checker.country_label"),
            style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
        self.number = text_field(self.t("ui_numbers.checker.number_label"), self.t(
            "ui_numbers.checker.placeholder", example=fictional_example("jp_mobile_090_0")))
        self.check = button(self.t("ui_numbers.checker.check"),
                            self.t("ui_numbers.checker.check_tooltip"))
        self.on_click(self.check, self._check)
        self.verdict = lean.HTML()
        self.details = lean.HTML()
        self.problems = lean.HTML()
        self.widget = self.frame(
            lean.HTML(f"<style>{STYLE_RULES}</style>"),
            heading(self.t("ui_numbers.checker.title")),
            lean.HTML(paragraphs([self.t("ui_numbers.checker.intro")])),
            self.country, self.number, self.check, self.verdict, self.details, self.problems,
            css_class="course-number-checker")

    def _check(self) -> None:
        """Read the two controls, check once, draw the verdict."""
        checked = check_number(self.number.value, self.country.value)
        self.result = checked
        if checked.valid:
            self.number.value = ""  # from now on the number is shown masked only
        self._draw(checked)

    def _draw(self, checked: NumberCheck) -> None:
        """Verdict, forms and problems. A well-formed number that cannot receive a
        verification code gets no tick: the ✔ would sit above its own warnings."""
        usable = checked.valid and checked.can_receive_sms
        if usable:
            label = "numbers.label.valid"
        elif checked.valid:
            label = "numbers.label.valid_but_no_code"
        else:
            label = "numbers.label.invalid"
        self.verdict.value = verdict(usable, self.t(label), self.lang)
        self.details.value = self._details_html(checked)
        found = masked_problems(checked.problems)
        self.problems.value = problems_html(found, self.lang)
        if checked.valid:
            said = ("ui_numbers.checker.said_valid" if usable
                    else "ui_numbers.checker.said_no_code")
            self.say(self.t(said, masked=checked.masked or "-",
                            type=self.t(f"numbers.type.{checked.number_type.value}")),
                     kind="ok" if usable else "error")
        else:
            first = checked.errors[0].text("message", self.lang) if checked.errors else ""
            self.say(self.t("ui_numbers.checker.said_invalid", message=first), kind="error")

    def _details_html(self, checked: NumberCheck) -> str:
        """A small table of the forms (masked), the type and SMS; only for usable numbers."""
        if not checked.valid:
            return ""
        rows = [
            ("numbers.label.national", mask(checked.national) or "-"),
            ("numbers.label.e164", mask(checked.e164) or "-"),
            ("numbers.label.type", self.t(f"numbers.type.{checked.number_type.value}")),
            ("ui_numbers.checker.sms_label", self.t(f"numbers.sms.{checked.sms.value}")),
        ]
        if checked.fictional is not None:
            rows.append(("ui_numbers.checker.fictional_label",
                         self.t("numbers.label.fictional", range_id=checked.fictional.id)))
        body = "".join(f"<tr><th scope='row'>{escape(self.t(key))}</th>"
                       f"<td>{escape(value)}</td></tr>" for key, value in rows)
        caption = escape(self.t("ui_numbers.checker.caption"))
        return f"<table><caption>{caption}</caption><tbody>{body}</tbody></table>"
