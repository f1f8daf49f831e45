"""The first hour after a takeover: X's steps in X's order, the rest marked as
whose advice it is."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from course.sim.core.errors import Refusal
from course.sim.recovery.first_hour import (
    ADDED_OK,
    ALREADY_DONE,
    IN_ORDER,
    PANIC,
    TOO_EARLY,
    guide,
    pick,
    start,
)

X_ORDER = ("change_password", "secure_email", "revoke_apps", "update_trusted_apps")


def test_x_steps_follow_the_order_of_x_help_and_the_additions_are_not_x():
    for scenario in ("logged_in", "leaked_code"):
        assert guide().scenario(scenario).x_steps == X_ORDER
    cards = guide().cards
    assert {cards[c].by for c in guide().scenario("logged_in").added} == {
        "course", "police", "npa"}
    assert cards["consult_ipa"].by == "ipa"
    assert all(cards[c].provenance.status == "assumed" for c in cards if cards[c].by == "course")


def test_a_step_too_early_is_refused_with_the_step_whose_turn_it_is():
    drill = start("logged_in")
    early = pick(drill, "revoke_apps")
    assert not early.accepted and early.reason == TOO_EARLY
    assert early.expected == "change_password" and early.drill.done == ()
    assert early.drill.mistakes == (("revoke_apps", TOO_EARLY),)


def test_additions_fit_anywhere_and_distractors_are_refused():
    drill = start("logged_in")
    added = pick(drill, "warn_followers")
    assert added.accepted and added.reason == ADDED_OK
    panic = pick(added.drill, "ask_scammer")
    assert not panic.accepted and panic.reason == PANIC
    again = pick(panic.drill, "warn_followers")
    assert again.reason == ALREADY_DONE and again.drill == panic.drill


def test_the_walk_finishes_when_every_step_is_done():
    drill = start("locked_out")
    for card in ("reset_with_username_and_email", "warn_followers", "support_with_details",
                 "note_login_history", "reused_passwords", "consult_ipa"):
        result = pick(drill, card)
        assert result.accepted, card
        drill = result.drill
    assert drill.finished and drill.mistakes == ()
    assert {c.id for c in drill.remaining()} == {"recovery_service", "phone_support"}


def test_the_cards_are_offered_in_an_order_that_does_not_give_x_order_away():
    shown = [c.id for c in start("logged_in").cards()]
    positions = [shown.index(c) for c in X_ORDER]
    assert positions != sorted(positions)
    assert shown == [c.id for c in start("logged_in").cards()]  # the same every time


def test_unknown_scenarios_and_cards_are_refused():
    assert start("nope").code == "first_hour_unknown_scenario"
    refused = pick(start("logged_in"), "reset_with_username_and_email")  # not in this one
    assert isinstance(refused, Refusal) and refused.code == "first_hour_unknown_card"
    assert pick(start("logged_in"), None).code == "first_hour_unknown_card"


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["logged_in", "leaked_code", "locked_out"]),
       st.lists(st.sampled_from([*list(guide().cards), "zzz"]), max_size=30))
def test_any_sequence_of_picks_keeps_x_steps_in_x_order(scenario, picks):
    drill = start(scenario)
    for card in picks:
        result = pick(drill, card)
        if not isinstance(result, Refusal):
            drill = result.drill
    done_x = [c for c in drill.done if c in drill.scenario.x_steps]
    assert done_x == list(drill.scenario.x_steps[:len(done_x)])
    assert all(r in (TOO_EARLY, PANIC) for _c, r in drill.mistakes)
    assert drill.finished == (set(drill.scenario.x_steps + drill.scenario.added)
                              <= set(drill.done))
    accepted_x = [c for c in drill.done if drill.kind(c) == "x"]
    assert all(pick(start(scenario), c).reason == IN_ORDER for c in accepted_x[:1])
