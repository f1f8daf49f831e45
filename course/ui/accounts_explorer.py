"""The accounts-per-number explorer: link, hit the limit, remove, wait it out.

Every button reads the controls, calls one method of
``course.sim.accounts.accounts_explorer.AccountsLab`` and draws the ``LabStep`` it returns
(kept on ``self.result``). A number the learner typed is cleared from its box
as soon as it is used and only ever shown masked; nothing is written to disk.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from course.facts.sources import Provenance
from course.sim.accounts.accounts_explorer import AccountsLab, LabStep, RuleRow
from course.sim.accounts.number_history import DAY
from course.sim.accounts.registry import NumberEventKind
from course.sim.core.clock import days
from course.sim.core.errors import Refusal
from course.ui import lean
from course.ui.base import Simulator, button, heading, text_field, verdict
from course.ui.phone_parts import problems_html
from course.ui.sources_view import badges_html, provenance_html, sources_details_html
from course.ui.text import escape

CSS_CLASS = "course-accounts"
ADVANCE_STEPS = (("hour", 3600.0), ("day", DAY), ("week", days(7)), ("month", days(30)))
LIMIT_CHOICES = tuple(range(1, 21))
COOLDOWN_CHOICES = (1, 7, 30, 90)


def _row(*children: widgets.Widget) -> widgets.HBox:
    return lean.HBox(list(children), layout=widgets.Layout(flex_flow="row wrap"))


class AccountsExplorer(Simulator):
    """Widget over ``AccountsLab``; ``plots=False`` skips the timeline drawing
    (benchmarks time the callbacks without it)."""

    SHOWS = ("policies/accounts", "errors/accounts", "errors/accounts_explorer")

    def __init__(self, lang: str | None = None, lab: AccountsLab | None = None,
                 plots: bool = True) -> None:
        super().__init__(lang)
        self.lab = lab or AccountsLab()
        self.plots = plots
        self._drawn: tuple[object, ...] | None = None
        self._rules_shown: tuple[object, ...] | None = None
        tt = self.t

        self.handle = text_field(tt("ui_accounts.field.handle"), "hanako_2026", "hanako")
        self.email = text_field(tt("ui_accounts.field.email"), "hanako@example.com")
        self.number = text_field(tt("ui_accounts.field.number"), "090-0123-4567")
        self.number_hint = lean.HTML(f"<p>{escape(tt('ui_accounts.field.number_hint'))}</p>")

        self.buttons: dict[str, widgets.Button] = {}
        actions: dict[str, Callable[[], LabStep]] = {
            "create": lambda: self.lab.create(self.handle.value, self.email.value,
                                              self.number.value),
            "link": lambda: self.lab.link(self.handle.value, self.number.value),
            "remove": lambda: self.lab.remove(self.handle.value),
            "change_email": lambda: self.lab.change_email(self.handle.value, self.email.value),
            "delete": lambda: self.lab.delete(self.handle.value),
            "suspend": lambda: self.lab.suspend(self.handle.value),
            "reinstate": lambda: self.lab.reinstate(self.handle.value),
            "inspect": lambda: self.lab.inspect(self.number.value),
            "another": lambda: self.lab.another(self.number.value),
            "fill": lambda: self.lab.fill(self.number.value),
            "reset": lambda: self.lab.reset_lookup(self.reset_id.value),
        }
        self.reset_id = text_field(tt("ui_accounts.field.reset_id"), "hanako / 090-0123-4567")
        for name, action in actions.items():
            self.buttons[name] = button(tt(f"ui_accounts.button.{name}.label"),
                                        tt(f"ui_accounts.button.{name}.tooltip"))
            self.on_click(self.buttons[name], self._runner(action))
        for name, seconds in ADVANCE_STEPS:
            self.buttons[name] = button(tt(f"ui_accounts.button.{name}.label"),
                                        tt(f"ui_accounts.button.{name}.tooltip"))
            self.on_click(self.buttons[name], self._runner(
                lambda seconds=seconds: self.lab.advance(seconds)))

        self.limit = lean.Dropdown(
            options=[(str(n), n) for n in LIMIT_CHOICES],
            value=self.lab.rules.max_accounts_per_number
            if self.lab.rules.max_accounts_per_number in LIMIT_CHOICES else None,
            description=tt("ui_accounts.field.limit"), style={"description_width": "initial"})
        cooldown_days = round(self.lab.rules.cooldown_seconds / DAY)
        self.cooldown = lean.Dropdown(
            options=[(tt("ui_accounts.field.days", days=n), n) for n in COOLDOWN_CHOICES],
            value=cooldown_days if cooldown_days in COOLDOWN_CHOICES else None,
            description=tt("ui_accounts.field.cooldown"), style={"description_width": "initial"})
        rules_runner = self._runner(lambda: self.lab.set_rules(self.limit.value,
                                                               self.cooldown.value))
        self.on_change(self.limit, rules_runner)
        self.on_change(self.cooldown, rules_runner)

        self.clock_html = lean.HTML()
        self.feedback_html = lean.HTML()  # next to the buttons; the live status is last
        self.refusal_html = lean.HTML()
        self.number_html = lean.HTML()
        self.rules_html = lean.HTML()
        self.accounts_html = lean.HTML()
        self.timeline_image = lean.HTML()
        self.timeline_text = lean.HTML()

        b = self.buttons
        self.widget = self.frame(
            heading(tt("ui_accounts.title")),
            lean.HTML(f"<p>{escape(tt('ui_accounts.intro'))}</p>"),
            heading(tt("ui_accounts.section.rules"), 4), self.rules_html,
            _row(self.limit, self.cooldown),
            heading(tt("ui_accounts.section.accounts"), 4),
            self.handle, self.email, self.number, self.number_hint,
            _row(b["create"], b["link"], b["remove"], b["change_email"], b["delete"]),
            _row(b["another"], b["fill"], b["inspect"], b["suspend"], b["reinstate"]),
            heading(tt("ui_accounts.section.reset"), 4),
            lean.HTML(f"<p>{escape(tt('ui_accounts.reset.intro'))}</p>"),
            _row(self.reset_id, b["reset"]),
            self.feedback_html, self.refusal_html,
            heading(tt("ui_accounts.section.clock"), 4), self.clock_html,
            _row(b["hour"], b["day"], b["week"], b["month"]),
            heading(tt("ui_accounts.section.number"), 4), self.number_html,
            self.timeline_image, self.timeline_text,
            heading(tt("ui_accounts.section.table"), 4), self.accounts_html,
            css_class=CSS_CLASS,
        )
        self.show(self.lab.view(), announce=False)

    # -- callbacks ---------------------------------------------------------------

    def _runner(self, action: Callable[[], LabStep]) -> Callable[[], None]:
        def run() -> None:
            step = action()
            # A typed number is used once and then only shown masked.
            self.number.value = ""
            if step.action == "reset":
                self.reset_id.value = ""
            self.show(step)
        return run

    def press(self, name: str) -> LabStep:
        """Press a button by name, as a learner would (tests and notebook checks)."""
        self.buttons[name].click()
        return self.result

    # -- drawing -------------------------------------------------------------------

    def show(self, step: LabStep, announce: bool = True) -> None:
        """Draw one step: status line, refusal, number panel, rules, table, timeline."""
        self.result = step
        lang = self.lang
        if announce:
            self.status.value = verdict(step.ok, step.headline(lang), lang)
            # The same words near the buttons for sighted learners, without a second
            # live region (a screen reader hears the status line once).
            self.feedback_html.value = self.status.value.replace(
                ' role="status" aria-live="polite"', "")
        self.refusal_html.value = (self._refusal(step.problem)
                                   + problems_html(step.number_problems, self.lang))
        day, time = step.clock()
        self.clock_html.value = f"<p>{escape(self.t('ui_accounts.clock', day=day, time=time))}</p>"
        self.number_html.value = self._number_panel(step)
        rules_key = (self.lab.rules, self.lang)
        if rules_key != self._rules_shown:  # the rules change only on a what-if choice
            self.rules_html.value = self._rules_table(step.rules)
            self._rules_shown = rules_key
        self.accounts_html.value = self._accounts_table(step)
        self._timeline(step)

    def _badge(self, provenance: Provenance) -> str:
        return badges_html(provenance, self.lang)

    def _refusal(self, problem: Refusal | None) -> str:
        if problem is None:
            return ""
        entry = problem.entry()
        who = "shown_by_x" if entry.shown_by_x else "simulator"
        message = problem.text("message", self.lang)
        rows = [
            f"<p><strong>{escape(self.t(f'ui_accounts.refusal.{who}'))}</strong> "
            f"{escape(self.t('ui_accounts.refusal.quoted', message=message))}"
            f" {provenance_html(entry.provenance, self.lang)}</p>",
            f"<p><strong>{escape(self.t('ui_accounts.refusal.cause'))}</strong> "
            f"{escape(problem.text('cause', self.lang))}</p>",
            f"<p><strong>{escape(self.t('ui_accounts.refusal.fix'))}</strong> "
            f"{escape(problem.text('fix', self.lang))}</p>",
        ]
        return f'<div class="course-refusal" role="group" aria-label="' \
               f'{escape(self.t("ui_accounts.refusal.label"))}">{"".join(rows)}</div>'

    def _number_panel(self, step: LabStep) -> str:
        status = step.status
        if status is None or step.masked is None:
            return f"<p>{escape(self.t('ui_accounts.number.none'))}</p>"
        rules = {r.name: r for r in step.rules}
        tt = self.t
        items = [escape(tt("accounts.status.slots", used=len(status.accounts),
                           limit=status.limit)) + " "
                 + self._badge(rules["max_accounts_per_number"].shown_provenance)]
        if status.cooldown_until is not None:
            left = max(1, -int(-(status.cooldown_until - step.now) // DAY))
            exempt = ", ".join(f"@{h}" for h in status.cooldown_exempt)
            text = tt("accounts.status.cooldown", days=left)
            if exempt:
                text += " " + tt("ui_accounts.number.exempt", accounts=exempt)
            items.append(escape(text) + " " + self._badge(rules["cooldown"].shown_provenance))
        if status.blocked_until is not None:
            hours = max(1, -int(-(status.blocked_until - step.now) // 3600))
            items.append(escape(tt("accounts.status.blocked", hours=hours)) + " "
                         + self._badge(rules["block"].provenance))
        if status.accounts:
            items.append(escape(tt("accounts.sms.notifications_to",
                                   account=status.notifications_to)) + " "
                         + self._badge(rules["sms_notifications_to_latest_only"].provenance))
            items.append(escape(tt("accounts.sms.security_to_all")) + " "
                         + self._badge(rules["security_sms_to_every_holder"].provenance))
            reset = (tt("accounts.sms.reset_by_number_ok") if status.reset_by_number
                     else tt("accounts.sms.reset_by_number_blocked",
                             count=len(status.accounts)))
            items.append(escape(reset) + " "
                         + self._badge(rules["reset_by_shared_number"].provenance))
        else:
            items.append(escape(tt("ui_accounts.number.unused")))
        title = escape(tt("ui_accounts.number.title", number=step.masked))
        return (f"<p><strong>{title}</strong></p><ul>"
                + "".join(f"<li>{item}</li>" for item in items) + "</ul>")

    def _rules_table(self, rules: tuple[RuleRow, ...]) -> str:
        tt = self.t
        body = []
        for rule in rules:
            what_if = f" <em>{escape(tt('ui_accounts.rules.what_if'))}</em>" if rule.changed \
                else ""
            note = rule.note.get(self.lang) if rule.note else None
            caveat = f"<br><small>{escape(note)}</small>" if note else ""
            body.append(
                f"<tr><td>{escape(tt(f'ui_accounts.rule.{rule.name}', **rule.params))}"
                f"{what_if}{caveat}</td><td>{self._badge(rule.shown_provenance)}</td>"
                f"<td>{sources_details_html(rule.provenance.sources, self.lang)}</td></tr>")
        return (f"<table><caption>{escape(tt('ui_accounts.rules.caption'))}</caption>"
                f"<thead><tr><th scope=\"col\">{escape(tt('ui_accounts.rules.rule'))}</th>"
                f"<th scope=\"col\">{escape(tt('ui_accounts.rules.status'))}</th>"
                f"<th scope=\"col\">{escape(tt('ui_accounts.rules.source'))}</th></tr></thead>"
                f"<tbody>{''.join(body)}</tbody></table>")

    def _accounts_table(self, step: LabStep) -> str:
        tt = self.t
        if not step.accounts:
            return f"<p>{escape(tt('ui_accounts.table.empty'))}</p>"
        none = escape(tt("ui_accounts.table.none"))
        states = {True: escape(tt("ui_accounts.table.suspended")),
                  False: escape(tt("ui_accounts.table.active"))}
        body = "".join(
            f"<tr><th scope=\"row\">@{escape(a.handle)}</th>"
            f"<td>{escape(a.email) if a.email else none}</td>"
            f"<td>{escape(a.masked_number) if a.masked_number else none}</td>"
            f"<td>{states[a.suspended]}</td></tr>"
            for a in step.accounts)
        head = "".join(f"<th scope=\"col\">{escape(tt(f'ui_accounts.table.{c}'))}</th>"
                       for c in ("handle", "email", "number", "state"))
        caption = escape(tt("ui_accounts.table.caption", count=len(step.accounts)))
        return (f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
                f"<tbody>{body}</tbody></table>")

    def _timeline(self, step: LabStep) -> None:
        timeline = step.timeline
        if timeline is None or timeline.empty:
            self.timeline_image.value = ""
            self.timeline_text.value = f"<p>{escape(self.t('ui_accounts.timeline.empty'))}</p>"
            self._drawn = None
            return
        # One catalog lookup per kind of text, not per event: a long session's
        # history stays cheap to list.
        item = self.t("ui_accounts.timeline.item")
        scheduled = " " + self.t("ui_accounts.timeline.scheduled")
        labels = {kind: self.t(f"accounts.event.{kind.value}") for kind in NumberEventKind}
        items = []
        for mark in timeline.marks:
            day, time = step.clock(mark.event.at)
            event = labels[mark.event.kind].format(account=mark.event.account or "-")
            text = item.format(day=day, time=time, event=event)
            items.append(f"<li>{escape(text + scheduled if mark.scheduled else text)}</li>")
        self.timeline_text.value = (
            f"<details open><summary>{escape(self.t('ui_accounts.timeline.text_title'))}"
            f"</summary><ol>{''.join(items)}</ol></details>")
        key = (timeline, step.masked, self.lang)
        if not self.plots or key == self._drawn:
            return
        self.timeline_image.value = self.timeline_img(step)
        self._drawn = key

    def timeline_img(self, step: LabStep) -> str:
        """The timeline plot as an ``<img>`` whose alt text says what it shows."""
        from course.plots.number_timeline import draw_number_timeline, figure_svg
        from course.plots.style import svg_image_tag

        assert step.timeline is not None
        figure = draw_number_timeline(step.timeline, step.origin, self.lang,
                                      number_label=step.masked or "")
        alt = self.t("ui_accounts.timeline.alt", number=step.masked or "",
                     events=len(step.timeline.marks))
        return svg_image_tag(figure_svg(figure), alt)
