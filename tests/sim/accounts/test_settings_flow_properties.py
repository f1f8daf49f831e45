"""Property tests: the settings flow, the phone line and the lab never raise,
whatever a learner types or clicks, and keep their invariants over any
sequence of actions."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.i18n import LANGUAGES
from course.sim.accounts.settings_flow import (
    MENUS,
    PATH,
    Screen,
    SettingsFlow,
    Situation,
    demo_account,
)
from course.sim.core.clock import SimulatedClock
from course.sim.sms.phone_device import PHONE_CONDITIONS, EntryState
from course.sim.sms.simulated_phone import PhoneLine, phone_number
from course.sim.sms.sms_lab import lab_report
from course.sim.sms.troubleshooting import Check, scenarios
from tests.helpers import examples

SETTINGS = settings(max_examples=examples(60), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
ITEMS = sorted({item for entries in MENUS.values() for item, _ in entries})
PASSWORD = demo_account()["password"]
OWN = phone_number()

anything = st.one_of(
    st.text(max_size=80), st.text(alphabet="0123456789０１２３ -+()ー\u3000", max_size=30),
    st.sampled_from(["", " ", "\x00\x1b[2J", "😀📱", "090-0123-4568\n", "ａｂｃ", "+", "0" * 500,
                     "x" * 5000, OWN, "+81 90 0123 4568", "(090) 0123-4568"]),
    st.integers(), st.floats(), st.none(), st.booleans(), st.lists(st.integers(), max_size=3),
    st.binary(max_size=10),
)


def make_flow(seed: int, situation: Situation = Situation.FRESH) -> SettingsFlow:
    return SettingsFlow(PhoneLine(SimulatedClock(), random.Random(seed),
                                  random.Random(seed + 1)), situation)


def assert_readable(step) -> None:
    assert step.screen in PATH and step.breadcrumbs[-1] is step.screen
    for problem in step.problems:
        for lang in LANGUAGES:
            assert problem.text("message", lang) and problem.text("fix", lang)
    for note in step.notes:
        assert all(note.both().values())


@SETTINGS
@given(value=anything)
def test_every_form_and_menu_answers_anything_with_a_readable_step(value):
    flow = make_flow(1)
    assert_readable(flow.open(value))
    for item in ("settings_and_privacy", "your_account", "account_information", "phone",
                 "update_phone_number"):
        flow.open(item)
    assert_readable(flow.enter_password(value))
    flow.enter_password(PASSWORD)
    for step in (flow.enter_number("JP", value), flow.enter_number(value, OWN),
                 flow.enter_number("JP", OWN, value)):
        assert_readable(step)
    if flow.screen is Screen.CODE:
        assert_readable(flow.enter_code(value))
    assert_readable(flow.start_over(value))


@SETTINGS
@given(value=anything, on=anything)
def test_the_line_answers_anything(value, on):
    line = PhoneLine(SimulatedClock(), random.Random(2), random.Random(3))
    before = line.clock.now()
    jump = line.fast_forward(value)
    assert line.clock.now() >= before and (jump.ok or line.clock.now() == before)
    change = line.set_condition(value, on)
    assert change.ok or change.problem.code == "phone_bad_condition"
    assert line.verify(value).problem is not None
    assert line.send(value).problem is not None


@SETTINGS
@given(card=st.one_of(st.sampled_from([c.id for c in scenarios()]), anything),
       checks=st.one_of(st.lists(st.one_of(st.sampled_from(list(Check)), anything),
                                 max_size=15), anything))
def test_the_lab_answers_any_card_and_checks(card, checks):
    report = lab_report(card, checks)
    assert report.card is not None or report.problem is not None
    if report.found:
        assert report.diagnosis.found_at >= report.diagnosis.shortest
        assert report.extra == report.diagnosis.found_at - report.diagnosis.shortest
        assert len(report.fixes) == len(report.card.conditions)
    assert len(report.wasted) <= len(report.checks)


ACTIONS = st.one_of(
    st.tuples(st.just("open"), st.sampled_from([*ITEMS, "nowhere"])),
    st.tuples(st.just("back")),
    st.tuples(st.just("password"), st.sampled_from([PASSWORD, PASSWORD.upper(), ""])),
    st.tuples(st.just("number"), st.sampled_from(["JP", "US", "GB"]),
              st.sampled_from([OWN, "+81 90-0123-4568", "090-0123-4569", "050-0123-4567",
                               "03-1234-5678", "+1 202-555-0123", "0901", ""]),
              st.booleans()),
    st.tuples(st.just("code"), st.sampled_from(["latest", "000000", "12", ""])),
    st.tuples(st.just("resend")),
    st.tuples(st.just("forward"), st.sampled_from([30, 60, 600])),
    st.tuples(st.just("condition"), st.sampled_from(PHONE_CONDITIONS), st.booleans()),
    st.tuples(st.just("start_over"), st.sampled_from([s.value for s in Situation])),
)


def run(flow: SettingsFlow, action: tuple):
    name, *args = action
    if name == "open":
        return flow.open(args[0])
    if name == "back":
        return flow.back()
    if name == "password":
        return flow.enter_password(args[0])
    if name == "number":
        return flow.enter_number(*args)
    if name == "code":
        inbox = flow.line.view().inbox
        typed = inbox[0].message.code if args[0] == "latest" and inbox else args[0]
        return flow.enter_code(typed)
    if name == "resend":
        return flow.resend()
    if name == "forward":
        return flow.line.fast_forward(args[0])
    if name == "condition":
        return flow.line.set_condition(*args)
    return flow.start_over(args[0])


@settings(max_examples=examples(80), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions=st.lists(ACTIONS, max_size=40), seed=st.integers(0, 1000))
def test_any_sequence_of_actions_keeps_the_invariants(actions, seed):
    flow = make_flow(seed)
    e164 = flow.line.phone.number.e164
    digits = OWN.replace("-", "")
    last_time = flow.line.clock.now()
    for action in actions:
        before = flow.current_number()
        situation = flow.situation
        result = run(flow, action)
        now = flow.line.clock.now()
        assert now >= last_time
        last_time = now
        # The account's number changes only through a right code (or a new situation).
        if flow.current_number() != before and flow.situation is situation:
            assert action[0] == "code" and result.ok and result.screen is Screen.DONE
        if hasattr(result, "breadcrumbs"):
            assert_readable(result)
            assert digits not in repr(result) and OWN not in repr(result)
        accounts = flow.registry.accounts_on(e164)
        assert len(accounts) <= flow.registry.rules.max_accounts_per_number
        for entry in flow.line.phone.entries:
            if entry.state.on_phone:
                assert entry.arrived_at is not None and entry.arrived_at <= now
            if entry.state is EntryState.IN_TRANSIT:
                assert entry.arrives_at is not None and entry.arrives_at > now
        if not flow.line.phone.reachable:
            assert all(e.state is not EntryState.IN_TRANSIT or e.arrives_at > now
                       for e in flow.line.phone.entries)
