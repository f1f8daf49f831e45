"""Property tests: the state machine never leaves its declared table, and the
recovery planner returns valid, shortest, monotone plans without raising."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from course.sim.accounts.account_states import (
    REASONS,
    TIMED_EVENTS,
    TRANSITIONS,
    AccountStateMachine,
    Event,
    Reason,
    State,
    StepResult,
)
from course.sim.core.clock import SimulatedClock
from course.sim.recovery.recovery_graph import RecoveryPlan, load_graph, recovery_paths
from tests.helpers import examples

GRAPH = load_graph()
EVENT_INPUT = st.sampled_from(list(Event)) | st.sampled_from([e.value for e in Event]) | st.text(
    max_size=12)
REASON_INPUT = st.none() | st.sampled_from(list(Reason)) | st.text(max_size=12)


class StateMachineRun(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = SimulatedClock()
        self.machine = AccountStateMachine(self.clock, limited_seconds=3600.0,
                                           deactivation_window_seconds=7200.0)

    @rule(event=EVENT_INPUT, reason=REASON_INPUT, clearable=st.booleans(),
          duration=st.none() | st.floats(min_value=-10, max_value=10_000) | st.integers())
    def fire(self, event, reason, clearable, duration):
        before = self.machine.state
        result = self.machine.apply(event, reason, duration_seconds=duration,
                                    self_clearable=clearable)
        assert isinstance(result, StepResult) and all(result.messages().values())
        if result.ok:
            assert TRANSITIONS[(before, result.transition.event)] is result.state
            assert result.transition.reason in REASONS[result.transition.event]
        else:
            assert self.machine.state is before and result.problem is not None

    @rule(event=st.sampled_from(list(Event)))
    def fire_valid_event(self, event):
        self.machine.apply(event, None, self_clearable=True)

    @rule(seconds=st.sampled_from([1.0, 600.0, 3600.0, 7200.0, 86400.0]))
    def wait(self, seconds):
        self.clock.advance(seconds)

    @invariant()
    def state_is_declared_and_history_is_a_chain_of_declared_moves(self):
        state = self.machine.state
        assert isinstance(state, State)
        previous, last_time = State.ACTIVE, float("-inf")
        for step in self.machine.history:
            assert step.source is previous
            assert TRANSITIONS[(step.source, step.event)] is step.target
            assert step.at >= last_time
            previous, last_time = step.target, step.at
        assert previous is state

    @invariant()
    def timed_states_have_a_future_deadline_and_others_none(self):
        state, deadline = self.machine.state, self.machine.deadline
        if state in TIMED_EVENTS:
            assert deadline is not None and deadline > self.clock.now()
        else:
            assert deadline is None


TestStateMachineRun = StateMachineRun.TestCase
TestStateMachineRun.settings = settings(max_examples=examples(80), stateful_step_count=40,
                                        deadline=None)

STATES = st.sampled_from(list(State))
HAVES = st.frozensets(st.sampled_from(GRAPH.haves))
CONDITIONS = st.fixed_dictionaries({}, optional={name: st.booleans() for name in GRAPH.conditions})


def replay(state: State, has: frozenset[str], conditions: dict, actions) -> State:
    """Apply actions by the graph's rules; raise AssertionError when one is not possible."""
    chosen = {name: c.default for name, c in GRAPH.conditions.items()} | conditions
    by_id = {a.id: a for a in GRAPH.actions}
    for action_id in actions:
        action = by_id[action_id]
        assert action.possible(state, has, chosen) and not action.last_resort
        state, has = action.target or state, has | action.grants
    return state


@settings(max_examples=examples(300), deadline=None)
@given(state=STATES, has=HAVES, conditions=CONDITIONS)
def test_a_plan_is_a_valid_chain_that_ends_active(state, has, conditions):
    plan = recovery_paths(state, has, conditions)
    assert plan.problem is None
    if plan.reachable:
        assert replay(state, has, conditions, [s.action for s in plan.steps]) is State.ACTIVE
        assert all(s.text["ja"] and s.text["en"] and s.provenance.problems() == []
               for s in plan.steps)
    else:
        assert plan.dead_end is not None and plan.dead_end.state is state
        assert state is not State.ACTIVE


def layers(state: State, has: frozenset[str], conditions: dict, count: int) -> list[set]:
    """Every (state, haves) reachable in exactly 0, 1, ... count-1 actions, by plain
    expansion (independent of the planner's parent bookkeeping)."""
    chosen = {name: c.default for name, c in GRAPH.conditions.items()} | conditions
    usable = [a for a in GRAPH.actions if not a.last_resort]
    out = [{(state, has)}]
    for _ in range(count - 1):
        out.append({(a.target or s, h | a.grants) for s, h in out[-1] for a in usable
                    if a.possible(s, h, chosen)})
    return out[:count]


@settings(max_examples=examples(300), deadline=None)
@given(state=STATES, has=HAVES, conditions=CONDITIONS)
def test_no_shorter_plan_exists(state, has, conditions):
    plan = recovery_paths(state, has, conditions)
    depth = len(plan.steps) if plan.reachable else 2 * len(GRAPH.actions)
    for layer in layers(state, has, conditions, depth):
        assert all(s is not State.ACTIVE for s, _ in layer), plan.steps


@settings(max_examples=examples(200), deadline=None)
@given(state=STATES, has=HAVES, extra=HAVES, conditions=CONDITIONS)
def test_having_more_never_makes_the_way_back_longer(state, has, extra, conditions):
    less = recovery_paths(state, has, conditions)
    more = recovery_paths(state, has | extra, conditions)
    if less.reachable:
        assert more.reachable and len(more.steps) <= len(less.steps)


@settings(max_examples=examples(150), deadline=None)
@given(state=STATES, has=HAVES, conditions=CONDITIONS)
def test_would_help_lists_exactly_the_single_items_that_open_a_path(state, has, conditions):
    plan = recovery_paths(state, has, conditions)
    if plan.reachable:
        return
    for item in GRAPH.haves:
        if item in has:
            continue
        opens = recovery_paths(state, has | {item}, conditions).reachable
        assert opens == (item in plan.dead_end.would_help), item


ANYTHING = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
    st.text(min_size=500, max_size=3000), st.binary(max_size=10),
    st.lists(st.one_of(st.text(max_size=10), st.integers(), st.none()), max_size=5),
    st.dictionaries(st.text(max_size=20), st.one_of(st.booleans(), st.integers()), max_size=3),
    st.sampled_from(["locked", "LOCKED", " deleted ", "😀", "\x00", "password"]),
)


@settings(max_examples=examples(300), deadline=None)
@given(state=ANYTHING, has=ANYTHING, conditions=ANYTHING)
def test_the_planner_never_raises(state, has, conditions):
    plan = recovery_paths(state, has, conditions)
    assert isinstance(plan, RecoveryPlan) and all(plan.summaries().values())


@settings(max_examples=examples(300), deadline=None)
@given(event=ANYTHING, reason=ANYTHING, duration=ANYTHING, clearable=ANYTHING)
def test_the_machine_never_raises(event, reason, duration, clearable):
    machine = AccountStateMachine(SimulatedClock())
    result = machine.apply(event, reason, duration_seconds=duration, self_clearable=clearable)
    assert isinstance(result, StepResult) and isinstance(machine.state, State)
    assert all(result.messages().values())
