"""Property tests: navigate never raises, and any walk with any answers stays
on the machine's table and ends where the plan says."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from course.i18n import LANGUAGES
from course.sim.accounts.account_states import State
from course.sim.recovery.recovery_graph import load_graph
from course.sim.recovery.recovery_navigator import Navigation, navigate, situations
from tests.helpers import examples

GRAPH = load_graph()
SITUATIONS = [s.id for s in situations()]
ANY = st.none() | st.integers() | st.text(max_size=40) | st.lists(st.text(max_size=8), max_size=3)
HAVES = st.lists(st.sampled_from(GRAPH.haves), max_size=8) | ANY
CONDITIONS = st.dictionaries(st.sampled_from(list(GRAPH.conditions)), st.booleans()) | ANY
ANSWERS = st.lists(st.sampled_from(["granted", "refused"]) | ANY, max_size=8)


@settings(max_examples=examples(300), deadline=None)
@given(st.sampled_from(SITUATIONS) | ANY, HAVES, CONDITIONS)
def test_navigate_never_raises_and_always_explains(chosen, has, conditions):
    nav = navigate(chosen, has, conditions)
    assert isinstance(nav, Navigation)
    assert all(nav.summaries()[lang].strip() for lang in LANGUAGES)
    assert (nav.walk is None) == (nav.problem is not None)
    if nav.problem is None:
        assert set(nav.has) <= set(nav.situation.offered_haves)
        assert all(nav.conditions[k] == v for k, v in nav.situation.fixed.items())
        assert not set(nav.would_help) & nav.situation.unavailable


@settings(max_examples=examples(200), deadline=None)
@given(st.sampled_from(SITUATIONS), st.lists(st.sampled_from(GRAPH.haves), max_size=8),
       st.dictionaries(st.sampled_from(list(GRAPH.conditions)), st.booleans()), ANSWERS)
def test_any_walk_stays_on_the_table_and_ends_where_the_plan_says(chosen, has, conditions,
                                                                   answers):
    nav = navigate(chosen, has, conditions)
    if nav.walk is None:
        return
    walk = nav.walk
    for answer in answers + ["granted"] * 4:
        before = walk.done
        step = walk.advance(answer)
        assert isinstance(step.after, State) and all(step.messages().values())
        assert walk.done == before + (1 if step.ok and not step.refused else 0)
        assert walk.done <= walk.total
    if walk.refused:
        assert walk.state is State.SUSPENDED
    elif nav.reachable:
        assert walk.finished and walk.state is State.ACTIVE
    else:
        assert walk.state is nav.situation.state and walk.done == 0
