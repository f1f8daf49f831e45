"""The scam spotter, headless: judge cards, tick cues, read feedback and the
summary, and check a pasted number or link, in both languages."""

from __future__ import annotations

import random
import re
from html import escape

import ipywidgets as widgets
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.i18n import LANGUAGES, t
from course.sim.scams.scam_spotter import ContactCheck, RoundStep, load_deck
from course.ui.scam_spotter import ScamSpotter
from tests.helpers import examples

DECK = load_deck()


def shown(sim: ScamSpotter) -> str:
    out, stack = [], [sim.widget]
    while stack:
        item = stack.pop()
        if isinstance(item, widgets.HTML):
            out.append(item.value)
        stack.extend(getattr(item, "children", ()))
    return " ".join(out)


def judge_current(sim: ScamSpotter, choice: str, cues: tuple[str, ...] = ()) -> RoundStep:
    sim.choice.value = choice
    for cue in cues:
        sim.cue_boxes[cue].value = True
    sim.check_button.click()
    return sim.result


@pytest.mark.parametrize("lang", LANGUAGES)
def test_it_opens_on_the_first_card_with_the_two_key_facts(lang):
    sim = ScamSpotter(lang)
    first = DECK.cards[0]
    assert escape(first.text("body", lang)) in sim.card_view.value
    assert escape(first.channel_label(lang)) in sim.card_view.value
    html = shown(sim)
    assert escape(t("ui_scams.fact_no_phone", lang)) in html
    assert escape(t("sources.badge.news_guide", lang)) in html  # no phone line: reported
    assert t("ui_scams.progress", lang, position=1, total=13, correct=0, answered=0) in html
    assert sim.next_button.disabled and not sim.check_button.disabled


@pytest.mark.parametrize("lang", LANGUAGES)
def test_checking_without_a_choice_asks_for_one(lang):
    sim = ScamSpotter(lang)
    sim.check_button.click()
    assert sim.result.judgement.problem.code == "scam_no_choice"
    assert escape(sim.result.judgement.message(lang)) in sim.status.value
    assert sim.round.position == 0 and sim.feedback.value == "" and sim.last_error is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_right_answer_shows_a_tick_the_cues_found_and_missed_and_the_sources(lang):
    sim = ScamSpotter(lang)
    step = judge_current(sim, "scam", ("phone_support_claim",))
    assert step.judgement.correct and step.judgement.missed == ("impersonation",)
    html = sim.feedback.value
    assert t("ui_scams.correct", lang) in html
    assert escape(t("ui_scams.cue_spotted", lang)) in html
    assert escape(t("ui_scams.cue_missed", lang)) in html
    assert escape(t("scams.card.search_fake_support_number.cues.impersonation", lang)) in html
    assert '<a href="https://www.hvovo.com/article/633"' in html  # the no-phone-line source
    assert t("ui_scams.progress", lang, position=1, total=13, correct=1, answered=1) in shown(sim)
    assert sim.check_button.disabled and not sim.next_button.disabled


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_wrong_answer_shows_a_cross_and_the_feedback_for_that_choice(lang):
    sim = ScamSpotter(lang)
    judge_current(sim, "genuine", ("asks_for_code",))
    html = sim.feedback.value
    assert "✘" in html and t("ui_scams.incorrect", lang) in html
    expected = t("scams.card.search_fake_support_number.feedback.genuine", lang)
    assert escape(expected) in html
    assert escape(t("ui_scams.extra", lang, cues=t("scams.cue.asks_for_code.name", lang))) in html


def test_next_clears_the_answer_and_shows_the_next_card():
    sim = ScamSpotter("en")
    judge_current(sim, "scam", ("phone_support_claim",))
    sim.next_button.click()
    assert sim.choice.value is None and not any(b.value for b in sim.cue_boxes.values())
    assert escape(DECK.cards[1].text("body", "en")) in sim.card_view.value
    assert sim.feedback.value == "" and sim.next_button.disabled
    assert "Card 2 of 13" in sim.progress.value


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_whole_round_ends_with_a_summary_and_can_start_over(lang):
    sim = ScamSpotter(lang)
    for index, card in enumerate(DECK.cards):
        wrong = "genuine" if card.verdict == "scam" else "scam"
        judge_current(sim, card.verdict if index else wrong, card.cues)
        sim.next_button.click()
    summary = sim.result.summary
    assert summary.correct == 12 and summary.wrong_cards == (DECK.cards[0].id,)
    html = sim.summary_view.value
    assert escape(summary.text(lang)) in html
    assert escape(t("scams.summary.no_missed_cue", lang)) in html
    assert escape(t("ui_scams.review", lang)) in html
    assert sim.check_button.disabled and sim.next_button.disabled
    sim.check_button.click()  # pressed once more by accident
    assert sim.last_error is None
    sim.restart_button.click()
    assert sim.round.position == 0 and sim.summary_view.value == ""
    assert escape(DECK.cards[0].text("body", lang)) in sim.card_view.value


def test_an_injected_random_source_sets_the_order():
    a, b = ScamSpotter("ja", rng=random.Random(3)), ScamSpotter("ja", rng=random.Random(3))
    assert a.round.order == b.round.order != tuple(c.id for c in DECK.cards)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_contact_checker_reports_without_repeating_the_number_and_empties_the_box(lang):
    sim = ScamSpotter(lang)
    sim.contact.value = "☎ 090-0274-3391  https://x-com-support.example/login"
    sim.contact_button.click()
    assert isinstance(sim.result, ContactCheck) and sim.result.warnings == 2
    html = sim.contact_view.value
    assert "✘" in html and "x-com-support.example" in html
    assert "3391" not in shown(sim) and sim.contact.value == ""


def test_x_own_domain_gets_no_tick_because_nothing_proves_a_message_genuine():
    sim = ScamSpotter("en")
    sim.contact.value = "help.x.com"
    sim.contact_button.click()
    assert sim.result.warnings == 0
    assert "does not prove" in sim.contact_view.value and "✔" not in sim.contact_view.value


def test_every_control_has_a_visible_label():
    sim = ScamSpotter("ja")
    assert sim.choice.description and sim.contact.description
    assert all(box.description for box in sim.cue_boxes.values())
    for button in (sim.check_button, sim.next_button, sim.restart_button, sim.contact_button):
        assert button.description and button.tooltip


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400) | st.sampled_from(["", " ", "\x00\x1b[31m", "😀" * 50,
                                                "x" * 5000, "090-0123-4567\u202e"]),
       st.sampled_from(LANGUAGES))
def test_any_text_in_the_checker_gives_a_message_never_a_traceback(text, lang):
    sim = ScamSpotter(lang)
    sim.contact.value = text
    sim.contact_button.click()
    assert sim.last_error is None and isinstance(sim.result, ContactCheck)
    assert sim.status.value and sim.contact.value == ""
    assert not re.search(r"\{[a-z_]+\}", shown(sim))


ACTIONS = st.lists(st.one_of(
    st.tuples(st.just("choose"), st.sampled_from(["scam", "genuine", None])),
    st.tuples(st.just("tick"), st.sampled_from(list(DECK.cues)), st.booleans()),
    st.tuples(st.just("check")), st.tuples(st.just("next")), st.tuples(st.just("restart")),
), max_size=40)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ACTIONS)
def test_any_sequence_of_clicks_keeps_score_and_screen_in_step(actions):
    sim = ScamSpotter("en")
    for action in actions:
        if action[0] == "choose":
            sim.choice.value = action[1]
        elif action[0] == "tick":
            sim.cue_boxes[action[1]].value = action[2]
        elif action[0] == "check":
            sim.check_button.click()
        elif action[0] == "next":
            sim.next_button.click()
        else:
            sim.restart_button.click()
        assert sim.last_error is None
        r = sim.round
        assert f"{r.correct} of {r.position} correct" in sim.progress.value
        assert 0 <= r.correct <= r.position <= r.total
