"""A number's history as timeline rows, spans and marks."""

from __future__ import annotations

import itertools
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.sim.accounts.number_history import Row, RowKind, SpanKind, build_timeline
from course.sim.accounts.registry import AccountRules, NumberEventKind, Registry
from course.sim.core.clock import SimulatedClock, days
from tests.helpers import examples

NUMBER = "+819001230001"  # 090-0123-0001, fictional block


def registry(**overrides):
    clock = SimulatedClock()
    rules = AccountRules.from_policies(**{"attempts_max": 1000, **overrides})
    return clock, Registry(clock, rules)


def test_a_held_number_is_a_bar_until_removal_then_a_cooldown_until_its_end():
    clock, reg = registry()
    reg.create_account("hanako", number=NUMBER)
    clock.advance(days(2))
    reg.remove_number("hanako")
    clock.advance(days(1))
    timeline = build_timeline(reg.history(NUMBER), clock.now())
    assert timeline.rows == (Row(RowKind.ACCOUNT, "hanako"), Row(RowKind.COOLDOWN))
    held, cooldown = timeline.spans
    assert (held.kind, held.end - held.start, held.running) == (SpanKind.HELD, days(2), False)
    assert cooldown.kind is SpanKind.COOLDOWN and cooldown.running
    assert cooldown.end - cooldown.start == reg.rules.cooldown_seconds
    kinds = [m.event.kind for m in timeline.marks]
    assert kinds == [NumberEventKind.LINKED, NumberEventKind.REMOVED,
                     NumberEventKind.COOLDOWN_ENDS]
    assert [m.scheduled for m in timeline.marks] == [False, False, True]
    assert timeline.end == cooldown.end and timeline.now == clock.now()


def test_an_account_still_holding_the_number_runs_up_to_now():
    clock, reg = registry()
    reg.create_account("hanako", number=NUMBER)
    clock.advance(3600)
    (span,) = build_timeline(reg.history(NUMBER), clock.now()).spans
    assert span.running and span.end == clock.now() and span.end - span.start == 3600


def test_a_removal_during_a_cooldown_extends_it_from_the_first_removal():
    clock, reg = registry()
    reg.create_account("a1", number=NUMBER)
    reg.create_account("a2", number=NUMBER)
    first = clock.now()
    reg.remove_number("a1")
    clock.advance(days(5))
    reg.remove_number("a2")
    timeline = build_timeline(reg.history(NUMBER), clock.now())
    cooldowns = [s for s in timeline.spans if s.kind is SpanKind.COOLDOWN]
    assert len(cooldowns) == 1
    assert cooldowns[0].start == first
    assert cooldowns[0].end == clock.now() + reg.rules.cooldown_seconds
    # The replaced end is not in the history, so it is not drawn either.
    ends = [m for m in timeline.marks if m.event.kind is NumberEventKind.COOLDOWN_ENDS]
    assert len(ends) == 1


def test_refusals_sit_on_the_refused_accounts_row_and_a_block_gets_its_own_row():
    clock, reg = registry(attempts_max=2)
    reg.create_account("a1", number=NUMBER)
    reg.create_account("a2", number=NUMBER)
    refused = reg.create_account("a3", number=NUMBER)
    assert refused.problem.code == "number_temporarily_unavailable"
    timeline = build_timeline(reg.history(NUMBER), clock.now())
    rows = {row.account or row.kind.value: i for i, row in enumerate(timeline.rows)}
    assert set(rows) == {"a1", "a2", "a3", "block"}
    refusal = next(m for m in timeline.marks if m.event.kind is NumberEventKind.REFUSED)
    assert refusal.row == rows["a3"]
    (block,) = [s for s in timeline.spans if s.kind is SpanKind.BLOCK]
    assert block.row == rows["block"] and block.running
    assert block.end - block.start == reg.rules.block_seconds


def test_no_events_make_an_empty_timeline_and_strange_input_is_skipped():
    empty = build_timeline([], 123.0)
    assert empty.empty and empty.rows == () and empty.start == empty.end == 123.0
    _clock, reg = registry()
    reg.create_account("hanako", number=NUMBER)
    mixed = [None, "linked", 42, *reg.history(NUMBER)]
    for now in (math.nan, math.inf, None, "now", True):
        timeline = build_timeline(mixed, now)
        assert len(timeline.marks) == 1 and math.isfinite(timeline.now)


OPS = st.lists(st.tuples(st.sampled_from(["create", "link", "remove", "delete", "suspend",
                                          "reinstate", "wait"]),
                         st.sampled_from(["a1", "a2", "a3", "a4"]),
                         st.floats(min_value=60, max_value=days(40))), max_size=40)


@settings(max_examples=examples(80), suppress_health_check=[HealthCheck.too_slow])
@given(OPS)
def test_any_history_gives_a_consistent_timeline(ops):
    clock, reg = registry(max_accounts_per_number=3, attempts_max=4,
                          attempts_window_seconds=3600.0, block_seconds=7200.0)
    for op, handle, seconds in ops:
        if op == "create":
            reg.create_account(handle, number=NUMBER)
        elif op == "link":
            reg.link_number(handle, NUMBER)
        elif op == "remove":
            reg.remove_number(handle)
        elif op == "delete":
            reg.delete_account(handle)
        elif op == "suspend":
            reg.suspend(handle)
        elif op == "reinstate":
            reg.reinstate(handle)
        else:
            clock.advance(seconds)
    history = reg.history(NUMBER)
    timeline = build_timeline(history, clock.now())
    assert len(timeline.marks) == len(history)
    assert all(0 <= m.row < len(timeline.rows) for m in timeline.marks)
    assert all(s.start <= s.end and 0 <= s.row < len(timeline.rows) for s in timeline.spans)
    assert timeline.start <= timeline.now <= timeline.end
    # An account's bars never overlap: it holds the number or it does not.
    by_row: dict[int, list] = {}
    for span in timeline.spans:
        by_row.setdefault((span.row, span.kind), []).append(span)
    for spans in by_row.values():
        spans.sort(key=lambda s: s.start)
        assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
    # Accounts holding the number now are exactly the running bars.
    running = {timeline.rows[s.row].account for s in timeline.spans
               if s.kind is SpanKind.HELD and s.running}
    assert running == set(reg.accounts_on(NUMBER))
