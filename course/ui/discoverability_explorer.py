"""The discoverability explorer: who can find this person's accounts, and how.

The learner picks a person (the owner of the anonymous account first) and
one of their accounts, and flips the four switches. Every change calls one
method of ``course.sim.discoverability.discoverability_explorer.DiscoverabilityLab`` and redraws
the graph, the explanation, a table with the same information for screen
readers, and the "what could leak anyway" panel on the 2019 and 2022
incidents. The last ``Exploration`` is kept on ``self.result``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import ipywidgets as widgets

from course.facts.policy import policy
from course.facts.sources import Provenance
from course.sim.discoverability.discoverability_explorer import DiscoverabilityLab, Exploration
from course.sim.discoverability.finding import Finding
from course.sim.numbers.number_display import masked
from course.ui import lean
from course.ui.base import Simulator, button, heading, verdict
from course.ui.sources_view import badges_html, provenance_html, sources_details_html
from course.ui.text import escape

CSS_CLASS = "course-discoverability"
SWITCHES = ("find_by_phone", "find_by_email", "upload_contacts", "number_linked")


class DiscoverabilityExplorer(Simulator):
    """Widget over ``DiscoverabilityLab``; ``plots=False`` skips the graph drawing
    (benchmarks time the callbacks without it)."""

    SHOWS = ("policies/discoverability", "errors/discoverability_explorer")

    def __init__(self, lang: str | None = None, lab: DiscoverabilityLab | None = None,
                 plots: bool = True) -> None:
        super().__init__(lang)
        self.lab = lab or DiscoverabilityLab()
        self.plots = plots
        self._drawn: tuple[object, ...] | None = None
        self._syncing = False
        tt = self.t
        community = self.lab.community

        self.person = lean.Dropdown(
            options=[(self._person_option(pid), pid) for pid in community.people],
            value=self.lab.person, description=tt("ui_discoverability.field.person"),
            style={"description_width": "initial"})
        self.account = lean.Dropdown(
            options=[], description=tt("ui_discoverability.field.account"),
            style={"description_width": "initial"})
        self.switches = {
            name: lean.Checkbox(
                value=False, description=tt(f"discoverability.setting.{name}.label"),
                indent=False, style={"description_width": "initial"},
                layout=widgets.Layout(width="auto"))
            for name in SWITCHES}
        self.reset_button = button(tt("ui_discoverability.button.reset.label"),
                                   tt("ui_discoverability.button.reset.tooltip"))

        self.on_change(self.person, self._quiet(lambda: self.lab.choose(self.person.value)))
        self.on_change(self.account,
                       self._quiet(lambda: self.lab.choose_account(self.account.value)))
        for name, box in self.switches.items():
            self.on_change(box, self._quiet(
                lambda name=name, box=box: self.lab.toggle(name, box.value)))
        self.on_click(self.reset_button, self._quiet(self.lab.reset))

        self.notes_html = lean.HTML(self._notes())
        self.graph_image = lean.HTML()
        self.legend_image = lean.HTML(legend_img(self.lang) if plots else "")
        self.explanation_html = lean.HTML()
        self.table_html = lean.HTML()
        self.incidents_html = lean.HTML()
        explain = "".join(
            f"<li><strong>{escape(tt(f'discoverability.setting.{n}.label'))}</strong>: "
            f"{escape(tt(f'discoverability.setting.{n}.explain'))}</li>" for n in SWITCHES)
        self.widget = self.frame(
            heading(tt("ui_discoverability.title")),
            lean.HTML(f"<p>{escape(tt('ui_discoverability.intro'))}</p>"),
            heading(tt("ui_discoverability.section.settings"), 4),
            self.person, self.account, *self.switches.values(),
            lean.HBox([self.reset_button]),
            lean.HTML(f"<ul>{explain}</ul>"), self.notes_html,
            heading(tt("ui_discoverability.section.graph"), 4), self.graph_image,
            self.legend_image,
            heading(tt("ui_discoverability.section.explanation"), 4), self.explanation_html,
            heading(tt("ui_discoverability.section.table"), 4), self.table_html,
            heading(tt("ui_discoverability.section.incidents"), 4), self.incidents_html,
            css_class=CSS_CLASS,
        )
        self.show(self.lab.view(), announce=False)

    # -- callbacks ---------------------------------------------------------------

    def _quiet(self, action: Callable[[], Exploration]) -> Callable[[], None]:
        """Run ``action`` for a learner's change, not for the explorer's own syncing
        of the controls after a step."""
        def run() -> None:
            if not self._syncing:
                self.show(action())
        return run

    def set_switch(self, name: str, value: bool) -> Exploration:
        """Flip a switch as a learner would (tests and notebook checks)."""
        self.switches[name].value = value
        return self.result

    # -- drawing -------------------------------------------------------------------

    def show(self, step: Exploration, announce: bool = True) -> None:
        """Sync the controls to the step, then redraw every view of it."""
        self.result = step
        self._sync(step)
        if announce:
            self.status.value = verdict(step.ok, self._headline(step), self.lang)
        self.explanation_html.value = self._explanation(step)
        self.table_html.value = self._table(step)
        self.incidents_html.value = self._incidents(step)
        self._graph(step)

    def _headline(self, step: Exploration) -> str:
        if step.problem is not None:
            return step.problem.text("message", self.lang)
        summary = step.found.message(self.lang)
        return f"{step.change.message(self.lang)} {summary}" if step.change else summary

    def _person_option(self, pid: str) -> str:
        person = self.lab.community.people[pid]
        name = person.display_name(self.lang)
        if any(a.anonymous for a in person.accounts):
            return self.t("ui_discoverability.person_option.anonymous", name=name)
        if not person.accounts:
            return self.t("ui_discoverability.person_option.offline", name=name)
        return name

    def _account_option(self, handle: str, anonymous: bool) -> str:
        if anonymous:
            return self.t("ui_discoverability.account_option.anonymous", handle=handle)
        return f"@{handle}"

    def _sync(self, step: Exploration) -> None:
        self._syncing = True
        try:
            if step.person is not None and self.person.value != step.person:
                self.person.value = step.person
            person = step.community.get(step.person)
            options = [(self._account_option(a.handle, a.anonymous), a.handle)
                       for a in (person.accounts if person else ())]
            if list(self.account.options) != options:
                self.account.options = options
            self.account.value = step.account
            self.account.disabled = not options
            for name, box in self.switches.items():
                box.value = bool(step.settings.get(name, False))
                box.disabled = step.account is None
        finally:
            self._syncing = False

    def _badge(self, provenance: Provenance) -> str:
        return badges_html(provenance, self.lang)

    def _notes(self) -> str:
        tt = self.t
        notes = [
            (tt("discoverability.per_account_note"),
             policy("discoverability.settings_are_per_account").provenance),
            (tt("discoverability.default_note"),
             policy("discoverability.default_find_by_phone").provenance),
            (tt("discoverability.setting.label_note"),
             policy("discoverability.setting_labels").provenance),
            (tt("ui_discoverability.own_contacts_note"),
             policy("discoverability.own_contacts_follow_find_settings").provenance),
        ]
        return "<ul>" + "".join(f"<li>{escape(text)} {provenance_html(found, self.lang)}</li>"
                                for text, found in notes) + "</ul>"

    def _name(self, step: Exploration, pid: str) -> str:
        person = step.community.get(pid)
        return person.display_name(self.lang) if person else pid

    def _via(self, finding: Finding) -> str:
        shown = masked(finding.via)
        if shown is not None:
            return self.t("ui_discoverability.via.phone", value=shown)
        return self.t("ui_discoverability.via.email", value=finding.via)

    def _findings_list(self, step: Exploration, title: str,
                       findings: tuple[Finding, ...]) -> str:
        items = "".join(f"<li>{escape(f.text(step.community, self.lang))}</li>"
                        for f in findings)
        return f"<p><strong>{escape(title)}</strong></p><ul>{items}</ul>"

    def _explanation(self, step: Exploration) -> str:
        tt = self.t
        person = step.community.get(step.person)
        if person is None:
            return f"<p>{escape(tt('ui_discoverability.explain.no_person'))}</p>"
        if not person.accounts:
            return f"<p>{escape(tt('ui_discoverability.explain.offline'))}</p>"
        parts = []
        by_account = step.found.by_account()
        for account in person.accounts:
            findings = by_account.get(account.handle, ())
            if not findings:
                text = tt("ui_discoverability.explain.none", account=account.handle)
                parts.append(f"<p>{escape(text)}</p>")
                continue
            title = tt("ui_discoverability.explain.account", account=account.handle,
                       people=len({f.finder for f in findings}), routes=len(findings))
            parts.append(self._findings_list(step, title, findings))
        if step.change is not None:
            for kind, findings in (("gained", step.change.gained), ("lost", step.change.lost)):
                if findings:
                    parts.append(self._findings_list(
                        step, tt(f"ui_discoverability.explain.{kind}"), findings))
        return "".join(parts)

    def _table(self, step: Exploration) -> str:
        tt = self.t
        if not step.found.findings:
            return f"<p>{escape(tt('ui_discoverability.table.empty'))}</p>"
        head = "".join(f"<th scope=\"col\">{escape(tt(f'ui_discoverability.table.{c}'))}</th>"
                       for c in ("finder", "account", "route", "via"))
        body = "".join(
            f"<tr><th scope=\"row\">{escape(self._name(step, f.finder))}</th>"
            f"<td>@{escape(f.account)}</td><td>{escape(f.route.label(self.lang))}</td>"
            f"<td>{escape(self._via(f))}</td></tr>" for f in step.found.findings)
        caption = escape(tt("ui_discoverability.table.caption",
                            people=len(step.found.finders()), routes=len(step.found.findings)))
        return (f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
                f"<tbody>{body}</tbody></table>")

    def _incidents(self, step: Exploration) -> str:
        tt = self.t
        parts = [f"<p>{escape(tt('ui_discoverability.incidents.intro'))}</p>"]
        for exposure in step.exposures:
            if exposure.problem is not None or exposure.facts is None:
                parts.append(f"<p>{escape(exposure.title(self.lang))}</p>")
                continue
            kinds = {"phone": tt("ui_discoverability.incidents.kind.phone"),
                     "email": tt("ui_discoverability.incidents.kind.email")}
            exposed = [tt("ui_discoverability.incidents.item", account=handle,
                          kind=kinds["phone" if masked(identifier) else "email"])
                       for handle, identifier in exposure.accounts]
            respected = "yes" if exposure.setting_respected else "no"
            listed = ", ".join(exposed) if exposed else tt("ui_discoverability.incidents.none")
            parts.append(
                f"<div class=\"course-incident\"><p><strong>{escape(exposure.title(self.lang))}"
                f"</strong> {self._badge(exposure.facts.provenance)}</p>"
                f"<p>{escape(exposure.summary(self.lang))}</p>"
                f"<p>{escape(tt(f'ui_discoverability.incidents.respected.{respected}'))}</p>"
                f"{self._note(exposure.facts.note)}"
                f"<p>{escape(tt('ui_discoverability.incidents.exposed'))} "
                f"{escape(listed)}</p>"
                f"{sources_details_html(exposure.facts.sources, self.lang)}</div>")
        parts.append(f"<p><em>{escape(tt('discoverability.incident.check_the_claim'))}</em></p>")
        return "".join(parts)

    def _note(self, note: dict[str, str] | None) -> str:
        """A policy's own caveat, when it has one in this language."""
        text = note.get(self.lang) if note else None
        return f"<p><small>{escape(text)}</small></p>" if text else ""

    def _graph(self, step: Exploration) -> None:
        key = (step.found.person, step.found.findings, step.account, self.lang,
               tuple(sorted(step.settings.items())))
        if not self.plots or key == self._drawn:
            return
        self.graph_image.value = self.graph_img(step)
        self._drawn = key

    def graph_img(self, step: Exploration) -> str:
        """The graph as an ``<img>`` whose alt text says what it shows."""
        from course.plots.community_graph import draw_community_graph
        from course.plots.number_timeline import figure_svg
        from course.plots.style import svg_image_tag

        name = self._name(step, step.person) if step.person else ""
        figure = draw_community_graph(step.community, step.found, self.lang,
                                      highlight=step.account,
                                      title=self.t("ui_discoverability.graph.title", name=name))
        alt = self.t("ui_discoverability.graph.alt", name=name,
                     people=len(step.found.finders()), routes=len(step.found.findings))
        return svg_image_tag(figure_svg(figure), alt)


@lru_cache(maxsize=4)
def legend_img(lang: str) -> str:
    """The graph's key as an ``<img>``: the same in every redraw, so drawn once per language."""
    from course.i18n import t
    from course.plots.community_graph import NODE_STYLE, ROUTE_STYLE, draw_graph_legend
    from course.plots.number_timeline import figure_svg
    from course.plots.style import svg_image_tag

    words = [t(f"discoverability.route.{route.value}.label", lang) for route in ROUTE_STYLE]
    words += [t(f"ui_discoverability.graph.node.{kind}", lang) for kind in NODE_STYLE]
    alt = t("ui_discoverability.graph.legend_alt", lang, items=" / ".join(words))
    return svg_image_tag(figure_svg(draw_graph_legend(lang)), alt)
