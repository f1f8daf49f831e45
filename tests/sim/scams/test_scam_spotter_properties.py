"""Property tests: grading, rounds and the contact checker never raise, stay
consistent, and never repeat a phone number someone pasted."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from course.i18n import LANGUAGES
from course.sim.scams.scam_spotter import (
    CHOICES,
    ContactCheck,
    Judgement,
    answer,
    check_contact,
    judge,
    load_deck,
    new_round,
    summarize,
)
from tests.helpers import examples

DECK = load_deck()
CARD_IDS = [c.id for c in DECK.cards]
CUE_IDS = list(DECK.cues)
ANY = st.none() | st.integers() | st.floats() | st.text(max_size=80) | st.binary(max_size=8) | (
    st.lists(st.text(max_size=8), max_size=4))
CARD_INPUT = st.sampled_from(CARD_IDS) | ANY
CHOICE_INPUT = st.sampled_from(CHOICES) | ANY
SPOTTED_INPUT = st.lists(st.sampled_from(CUE_IDS), max_size=6) | ANY
TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
# Fictional numbers only (data/fictional_numbers.yaml), written the ways people write them.
FICTIONAL_NUMBER = st.builds(
    lambda head, a, b, sep: f"{head}{sep}0{a:03d}{sep}{b:04d}",
    st.sampled_from(["090", "070", "050"]), st.integers(0, 999), st.integers(0, 9999),
    st.sampled_from(["-", " ", ""]))


@settings(max_examples=examples(300), deadline=None)
@given(CARD_INPUT, CHOICE_INPUT, SPOTTED_INPUT)
def test_judge_never_raises_and_is_consistent(card, choice, spotted):
    graded = judge(card, choice, spotted)
    assert isinstance(graded, Judgement)
    assert all(graded.messages()[lang].strip() for lang in LANGUAGES)
    if graded.answered:
        found = DECK.card(graded.card_id)
        assert tuple(c.cue for c in graded.cues) == found.cues
        assert set(graded.missed) | set(graded.spotted) == set(found.cues)
        assert not set(graded.missed) & set(graded.spotted)
        assert not set(graded.extra) & set(found.cues)
        assert graded.correct == (graded.choice == found.verdict)
    else:
        assert not graded.correct and graded.problem is not None


@settings(max_examples=examples(100), deadline=None)
@given(st.integers(0, 2**32 - 1), st.lists(st.tuples(CHOICE_INPUT, SPOTTED_INPUT), max_size=20))
def test_any_sequence_of_answers_keeps_the_round_and_summary_consistent(seed, answers):
    round_ = new_round(random.Random(seed))
    for choice, spotted in answers:
        step = answer(round_, choice, spotted)
        assert step.round.position in (round_.position, round_.position + 1)
        assert (step.round.position == round_.position + 1) == (
            step.judgement.answered and not round_.finished)
        round_ = step.round
        assert 0 <= round_.correct <= round_.position <= round_.total
    summary = summarize(round_)
    assert summary.correct == round_.correct
    assert len(summary.wrong_cards) == round_.position - round_.correct
    assert sum(n for _, n in summary.missed_cues) == sum(len(j.missed) for j in round_.judgements)


@settings(max_examples=examples(300), deadline=None)
@given(ANY | TEXT)
def test_check_contact_never_raises_on_any_input(text):
    checked = check_contact(text)
    assert isinstance(checked, ContactCheck)
    assert all(checked.messages()[lang].strip() for lang in LANGUAGES)
    hosts = sum(h.warning for h in checked.hosts)
    assert checked.warnings == (1 if checked.numbers else 0) + hosts
    if checked.problem is None:
        assert checked.numbers or checked.hosts
        for lang in LANGUAGES:
            assert len(checked.findings(lang)) == (1 if checked.numbers else 0) + len(
                checked.hosts)


@settings(max_examples=examples(200), deadline=None)
@given(TEXT, FICTIONAL_NUMBER, TEXT)
def test_a_pasted_number_is_found_and_never_shown_back(before, number, after):
    # "、" ends a digit run, so the number is read on its own whatever surrounds it.
    checked = check_contact(f"{before}、{number}、{after}")
    assert checked.problem is None and checked.numbers >= 1
    tail = "".join(ch for ch in number if ch.isdigit())[-7:]
    elsewhere = "".join(ch for ch in before + after if ch.isdigit())
    for lang in LANGUAGES:
        shown = " ".join((checked.message(lang), *checked.findings(lang)))
        assert tail not in "".join(ch for ch in shown if ch.isdigit()) or tail in elsewhere
