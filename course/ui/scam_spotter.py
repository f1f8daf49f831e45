"""The scam spotter: judge messages, "support numbers" and pages one card at a
time, tick the cues you noticed, and read why; then check a number or link
you found yourself.

Every callback reads the controls, calls one pure function from
``course.sim.scams.scam_spotter`` (``answer``, ``new_round`` or ``check_contact``), shows
what came back and keeps it on ``result``. The number a learner pastes is
never shown back, and the box is emptied after the check.
"""

from __future__ import annotations

import random

import ipywidgets as widgets

from course.facts.policy import policy
from course.facts.sources import Provenance
from course.sim.scams.scam_spotter import (
    Card,
    ContactCheck,
    Judgement,
    Round,
    RoundStep,
    RoundSummary,
    answer,
    check_contact,
    choice_labels,
    cue_labels,
    load_deck,
    new_round,
)
from course.ui import lean
from course.ui.base import Simulator, button, heading, text_field, verdict
from course.ui.sources_view import badge_html, badges_html, sources_details_html
from course.ui.text import escape, status_html

_STYLE = lean.HTML(
    "<style>.course-scams a{text-decoration:underline}"
    ".course-scam-card{border:1px solid #57606a;border-radius:.4em;padding:.5em .8em;"
    "margin:.4em 0}"
    ".course-scam-card blockquote{margin:.4em 0;padding-left:.6em;border-left:3px solid #57606a;"
    "white-space:pre-wrap}"
    ".course-scams li{margin:.25em 0}</style>"
)


MOST_MISSED_SHOWN = 5


class ScamSpotter(Simulator):
    """Cards one by one with a running score, a summary, and a contact checker."""

    SHOWS = ("scams", "errors/scams", "policies/states")

    def __init__(self, lang: str | None = None, *, rng: random.Random | None = None) -> None:
        super().__init__(lang)
        self.rng = rng
        self.round: Round = new_round(rng)
        self.last_judgement: Judgement | None = None
        self.progress = lean.HTML()
        self.card_view = lean.HTML()
        self.choice = lean.RadioButtons(
            options=[(label, c) for c, label in choice_labels(self.lang).items()], value=None,
            description=self.t("ui_scams.choice_label"), style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"))
        self.cue_boxes = {
            cue: lean.Checkbox(value=False, description=label, indent=False,
                               layout=widgets.Layout(width="auto"))
            for cue, label in cue_labels(self.lang).items()}
        self.check_button = button(self.t("ui_scams.check"), self.t("ui_scams.check_tooltip"),
                                   icon="check")
        self.next_button = button(self.t("ui_scams.next"), self.t("ui_scams.next_tooltip"),
                                  icon="arrow-right")
        self.restart_button = button(self.t("ui_scams.restart"),
                                     self.t("ui_scams.restart_tooltip"), icon="undo")
        self.feedback = lean.HTML()
        self.summary_view = lean.HTML()
        self.contact = text_field(self.t("ui_scams.contact_label"),
                                  placeholder=self.t("ui_scams.contact_placeholder"))
        self.contact_button = button(self.t("ui_scams.contact_check"),
                                     self.t("ui_scams.contact_check_tooltip"), icon="search")
        self.contact_view = lean.HTML()
        self.on_click(self.check_button, self._check)
        self.on_click(self.next_button, self._next)
        self.on_click(self.restart_button, self._restart)
        self.on_click(self.contact_button, self._check_contact)
        phone = policy("states.phone_support")
        self.widget = self.frame(
            _STYLE,
            heading(self.t("ui_scams.title")),
            lean.HTML(
                f"<p>{escape(self.t('ui_scams.intro'))}</p><ul>"
                f"<li>{escape(self.t('ui_scams.fact_no_phone'))} "
                f"{badges_html(phone.provenance, self.lang)}"
                f"{sources_details_html(phone.sources, self.lang)}</li>"
                f"<li>{escape(self.t('ui_scams.fact_no_code'))}</li></ul>"),
            self.progress, self.card_view, self.choice,
            lean.HTML(f"<p><strong>{escape(self.t('ui_scams.cues_label'))}</strong></p>"),
            lean.VBox(list(self.cue_boxes.values())),
            lean.HBox([self.check_button, self.next_button, self.restart_button]),
            self.feedback, self.summary_view,
            heading(self.t("ui_scams.contact_heading"), level=4),
            lean.HTML(f"<p>{escape(self.t('ui_scams.contact_intro'))} "
                      f"{badge_html('assumed', self.lang)}</p>"),
            lean.HBox([self.contact, self.contact_button]), self.contact_view,
            css_class="course-scams",
        )
        self._show_card()

    # -- callbacks ------------------------------------------------------------------

    def _check(self) -> None:
        ticked = [cue for cue, box in self.cue_boxes.items() if box.value is True]
        step = answer(self.round, self.choice.value, ticked)
        self.result = step
        self._show_answer(step)

    def _next(self) -> None:
        self._show_card()

    def _restart(self) -> None:
        self.round = new_round(self.rng)
        self.result = self.round
        self.last_judgement = None
        self.summary_view.value = ""
        self._show_card()
        self.say(self.t("ui_scams.restarted"))

    def _check_contact(self) -> None:
        checked = check_contact(self.contact.value)
        self.result = checked
        self.contact.value = ""  # what the learner pasted is not kept
        self._show_contact(checked)

    # -- showing ----------------------------------------------------------------------

    def _score_html(self, showing: int) -> str:
        r = self.round
        text = self.t("ui_scams.progress", position=showing, total=r.total, correct=r.correct,
                      answered=r.position)
        return f"<p><strong>{escape(text)}</strong></p>"

    def _card_html(self, card: Card) -> str:
        lang = self.lang
        label = self.t("ui_scams.card_label", channel=card.channel_label(lang))
        illustrative = ""
        if any(s.unverified for s in card.facts):
            illustrative = (f"<p>{escape(self.t('ui_scams.illustrative'))} "
                            f"{badge_html('unverified', lang)}</p>")
        return (
            f'<div class="course-scam-card" role="group" aria-label="{escape(label)}">'
            f"<p><em>{escape(card.text('context', lang))}</em></p>"
            f"<p><strong>{escape(card.channel_label(lang))}</strong> — "
            f"{escape(self.t('ui_scams.sender'))} {escape(card.text('sender', lang))}</p>"
            f"<blockquote>{escape(card.text('body', lang))}</blockquote>{illustrative}</div>")

    def _show_card(self) -> None:
        card = self.round.current
        self.progress.value = self._score_html(min(self.round.position + 1, self.round.total))
        self.feedback.value = ""
        self.choice.value = None
        for box in self.cue_boxes.values():
            box.value = False
        if card is None:
            self.card_view.value = ""
            self.check_button.disabled = self.next_button.disabled = True
            return
        self.card_view.value = self._card_html(card)
        self.check_button.disabled = False
        self.next_button.disabled = True

    def _badges(self, provenance: Provenance) -> str:
        return badges_html(provenance, self.lang)

    def _sources(self, facts: list[Provenance]) -> str:
        """Every source the card's cues and the card itself rest on, once."""
        ids = [source_id for fact in facts for source_id in fact.sources]
        return sources_details_html(ids, self.lang, self.t("ui_scams.sources"))

    def _judgement_html(self, judged: Judgement) -> str:
        lang = self.lang
        truth = self.t("ui_scams.truth", verdict=self.t(f"scams.choice.{judged.verdict}"))
        grade = self.t("ui_scams.correct" if judged.correct else "ui_scams.incorrect")
        head = status_html(f"{grade} {truth}",
                           kind="correct" if judged.correct else "incorrect")
        rows = []
        for cue in judged.cues:
            mark = self.t("ui_scams.cue_spotted" if cue.spotted else "ui_scams.cue_missed")
            rows.append(f"<li><strong>{escape(mark)} {escape(cue.name[lang])}</strong> — "
                        f"{escape(cue.here[lang])} {escape(cue.why[lang])} "
                        f"{self._badges(cue.provenance)}</li>")
        extra = ""
        if judged.extra:
            names = ", ".join(self.t(f"scams.cue.{c}.name") for c in judged.extra)
            extra = f"<p>{escape(self.t('ui_scams.extra', cues=names))}</p>"
        sources = [c.provenance for c in judged.cues] + list(judged.facts)
        return (f"{head}<p>{escape(judged.feedback[lang])}</p>"
                f"<p><strong>{escape(self.t('ui_scams.cues_on_card'))}</strong></p>"
                f"<ul>{''.join(rows)}</ul>{extra}{self._sources(sources)}")

    def _summary_html(self, summary: RoundSummary) -> str:
        lang = self.lang
        missed = "".join(
            f"<li>{escape(self.t('scams.summary.missed_cue', cue=name, count=n))}</li>"
            for name, n in ((self.t(f"scams.cue.{c}.name"), n)
                            for c, n in summary.missed_cues[:MOST_MISSED_SHOWN]))
        missed_html = (f"<ul>{missed}</ul>" if missed else
                       f"<p>{escape(self.t('scams.summary.no_missed_cue'))}</p>")
        deck = load_deck()
        wrong = "".join(
            f"<li>{escape(card.channel_label(lang))} — {escape(card.text('sender', lang))}</li>"
            for card in (deck.card(c) for c in summary.wrong_cards) if card is not None)
        wrong_html = (f"<p><strong>{escape(self.t('ui_scams.review'))}</strong></p>"
                      f"<ul>{wrong}</ul>") if wrong else ""
        return (f"{heading(self.t('ui_scams.summary_heading'), level=4).value}"
                f"{status_html(summary.text(lang))}"
                f"<p><strong>{escape(self.t('ui_scams.missed_heading'))}</strong></p>"
                f"{missed_html}{wrong_html}")

    def _show_answer(self, step: RoundStep) -> None:
        judged = step.judgement
        if not judged.answered:
            assert judged.problem is not None
            self.say(judged.message(self.lang), kind="notice")
            if step.summary is not None:
                self.summary_view.value = self._summary_html(step.summary)
            return
        self.round = step.round
        self.last_judgement = judged
        self.feedback.value = self._judgement_html(judged)
        self.progress.value = self._score_html(step.round.position)
        self.check_button.disabled = True
        self.next_button.disabled = step.round.finished
        self.say(self.t("ui_scams.correct" if judged.correct else "ui_scams.incorrect"),
                 kind="correct" if judged.correct else "incorrect")
        if step.summary is not None:
            self.summary_view.value = self._summary_html(step.summary)

    def _show_contact(self, checked: ContactCheck) -> None:
        lang = self.lang
        if checked.problem is not None:
            self.contact_view.value = ""
            self.say(checked.message(lang), kind="notice")
            return
        findings = "".join(f"<li>{escape(line)}</li>" for line in checked.findings(lang))
        head = (verdict(False, checked.message(lang), lang) if checked.warnings
                else status_html(checked.message(lang), kind="notice"))
        self.contact_view.value = f"{head}<ul>{findings}</ul>"
        self.say(checked.message(lang), kind="info")


__all__ = ["ScamSpotter"]
