"""The safety checklist: its items, ticking, the plan, and the saved file."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.facts.sources import register
from course.i18n import LANGUAGES
from course.progress.checklist import (
    STATES,
    ChecklistStore,
    apply_tick,
    load_items,
    make_plan,
)
from course.progress.overview import course_map
from course.sim.core.clock import SimulatedClock
from tests.helpers import REPO, examples

ITEMS = load_items()
IDS = [item.id for item in ITEMS]
AREAS = {"01": "why", "02": "add", "03": "sms", "04": "errors", "05": "privacy", "06": "twofa",
         "07": "recovery", "08": "scams"}

anything = st.one_of(st.none(), st.text(max_size=60), st.integers(), st.floats(),
                     st.lists(st.text(max_size=5), max_size=3), st.booleans(),
                     st.sampled_from(["done", "not_yet", "not_applicable", "DONE", "😀", "\x00",
                                      "090-0123-4567", *IDS]))
tick_maps = st.dictionaries(st.sampled_from(IDS), st.sampled_from(STATES))


# ---------------------------------------------------------------- items
def test_items_are_between_10_and_15_with_both_languages_and_a_teaching_notebook():
    assert 10 <= len(ITEMS) <= 15
    assert len(set(IDS)) == len(IDS)
    stems = {entry.stem for entry in course_map()}
    for item in ITEMS:
        assert item.notebook in stems, item.id
        assert item.objective.split(".")[0] == AREAS[item.notebook[:2]], item.id
        for lang in LANGUAGES:
            assert item.text[lang].strip() and item.why[lang].strip(), item.id
        assert all(s in register() for s in item.sources), item.id
    assert {i.priority for i in ITEMS} <= {1, 2, 3}


def test_items_without_a_source_say_they_are_advice():
    for item in ITEMS:
        if not item.sources:
            assert "コースの助言" in item.why["ja"] or "course's advice" in item.why["en"]


# ---------------------------------------------------------------- ticking
def test_a_tick_is_set_replaced_and_cleared():
    first = apply_tick({}, "twofa_app_or_key", "not_yet")
    assert first.ok and first.ticks == {"twofa_app_or_key": "not_yet"}
    second = apply_tick(first.ticks, "twofa_app_or_key", "done")
    assert second.ticks == {"twofa_app_or_key": "done"}
    assert apply_tick(second.ticks, "twofa_app_or_key", None).ticks == {}


def test_unknown_items_and_states_are_refused_in_both_languages():
    bad_item = apply_tick({"find_by_phone": "done"}, "<script>", "done")
    assert not bad_item.ok and bad_item.problem.code == "unknown_item"
    assert bad_item.ticks == {"find_by_phone": "done"}
    assert "<script>" in bad_item.problem.text["en"]
    assert "項目はありません" in bad_item.problem.text["ja"]
    bad_state = apply_tick({}, "find_by_phone", "maybe")
    assert not bad_state.ok and bad_state.problem.code == "bad_state"
    assert "maybe" in bad_state.problem.text["ja"]


@settings(max_examples=examples(300), deadline=None)
@given(tick_maps, anything, anything)
def test_apply_tick_never_raises_and_keeps_only_known_items_and_states(ticks, item, state):
    result = apply_tick(ticks, item, state)
    assert set(result.ticks) <= set(IDS)
    assert set(result.ticks.values()) <= set(STATES)
    if not result.ok:
        assert result.ticks == ticks and result.problem is not None
        assert all(result.problem.text[lang] for lang in LANGUAGES)


# ---------------------------------------------------------------- planning
def test_the_plan_suggests_urgent_items_not_yet_done_first():
    plan = make_plan({"twofa_app_or_key": "done", "anonymous_account": "not_applicable",
                      "number_current": "not_yet"})
    assert [i.id for i in plan.next_actions] == ["find_by_phone", "never_share_code",
                                                 "number_current"]
    assert (plan.done, plan.not_yet, plan.not_applicable, plan.open) == (1, 1, 1, 11)
    assert plan.by_notebook["05_privacy_and_discoverability"] == (0, 3)


def test_a_not_yet_item_comes_before_an_unanswered_one_of_the_same_priority():
    plan = make_plan({"no_phone_support": "not_yet"}, limit=5)
    ids = [i.id for i in plan.next_actions]
    assert ids[:3] == ["twofa_app_or_key", "find_by_phone", "never_share_code"]
    assert ids[3] == "no_phone_support"


def test_everything_done_or_not_applicable_leaves_nothing_to_do():
    plan = make_plan({i.id: ("done" if n % 2 else "not_applicable") for n, i in enumerate(ITEMS)})
    assert plan.complete and plan.next_actions == () and plan.remaining == ()


@settings(max_examples=examples(300), deadline=None)
@given(tick_maps, st.integers(min_value=-3, max_value=20))
def test_plan_counts_add_up_and_next_actions_come_from_what_is_left(ticks, limit):
    plan = make_plan(ticks, limit=limit)
    assert plan.done + plan.not_yet + plan.not_applicable + plan.open == plan.total == len(ITEMS)
    left = {i.id for i in plan.remaining}
    assert left == {i for i in IDS if ticks.get(i) not in ("done", "not_applicable")}
    assert {i.id for i in plan.next_actions} <= left
    assert len(plan.next_actions) == min(max(limit, 0), len(left))
    priorities = [i.priority for i in plan.next_actions]
    assert priorities == sorted(priorities)
    assert sum(done for done, _ in plan.by_notebook.values()) == plan.done


# ---------------------------------------------------------------- storing
def test_ticks_survive_a_new_store_on_the_same_file(tmp_path):
    path = tmp_path / "checklist.json"
    store = ChecklistStore(path)
    assert store.set("twofa_app_or_key", "done").saved
    assert store.set("find_by_phone", "not_yet").saved
    again = ChecklistStore(path)  # as after a kernel restart
    loaded = again.load()
    assert loaded.problem is None
    assert loaded.ticks == {"twofa_app_or_key": "done", "find_by_phone": "not_yet"}
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert set(saved) == {"version", "states", "saved_at"}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_the_default_store_lives_in_the_progress_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(tmp_path))
    ChecklistStore.default().set("email_current", "done")
    assert (tmp_path / "checklist.json").exists()


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00garbage", b"[1, 2, 3]",
                                     b'{"version": 1, "states": {"find_by_phone": "yes"}}',
                                     b'{"version": 99, "states": {}}', b"x" * 300_000])
def test_a_damaged_file_is_moved_aside_with_a_message_and_the_store_still_works(tmp_path,
                                                                                 content):
    path = tmp_path / "checklist.json"
    path.write_bytes(content)
    store = ChecklistStore(path, clock=SimulatedClock(1_795_000_000.0))
    loaded = store.load()
    assert loaded.ticks == {} and loaded.problem.code == "moved_aside"
    assert loaded.moved_to is not None and loaded.moved_to.read_bytes() == content
    assert loaded.moved_to.name.startswith("checklist.json.broken-")
    assert loaded.moved_to.name in loaded.problem.text["ja"]
    assert "消していません" in loaded.problem.text["ja"]
    assert "was not deleted" in loaded.problem.text["en"]
    assert store.set("find_by_phone", "done").saved
    assert ChecklistStore(path).load().ticks == {"find_by_phone": "done"}


def test_ticks_of_items_the_course_dropped_are_ignored_not_treated_as_damage(tmp_path):
    path = tmp_path / "checklist.json"
    path.write_text(json.dumps({"version": 1, "states": {"old_item": "done",
                                                         "find_by_phone": "done"}}))
    loaded = ChecklistStore(path).load()
    assert loaded.problem is None and loaded.ticks == {"find_by_phone": "done"}


def test_a_folder_that_cannot_be_written_keeps_ticks_in_memory_and_says_so(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the progress folder should be")
    store = ChecklistStore(blocker / "checklist.json")
    first = store.set("find_by_phone", "done")
    assert not first.saved and first.problem.code == "write_failed"
    assert first.ticks == {"find_by_phone": "done"}
    second = store.set("email_current", "not_yet")
    assert second.ticks == {"find_by_phone": "done", "email_current": "not_yet"}
    assert store.load().ticks == second.ticks


def test_a_memory_store_never_touches_the_disk(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = ChecklistStore(None)
    assert store.set("find_by_phone", "done").saved
    assert store.load().ticks == {"find_by_phone": "done"}
    assert list(tmp_path.iterdir()) == []


def test_clear_forgets_every_tick(tmp_path):
    store = ChecklistStore(tmp_path / "checklist.json")
    store.set("find_by_phone", "done")
    assert store.clear().saved and ChecklistStore(tmp_path / "checklist.json").load().ticks == {}


_WRITER = """
import sys
from course.progress.checklist import ChecklistStore
store = ChecklistStore(sys.argv[1])
for round_ in range(int(sys.argv[3])):
    for item in sys.argv[2].split(","):
        state = "not_yet" if round_ % 2 == 0 else "done"
        result = store.set(item, state)
        if not result.saved:
            print("fail", result.problem.code)
            sys.exit(1)
"""


@pytest.mark.slow
def test_two_kernels_ticking_at_once_lose_no_tick_and_never_break_the_file(tmp_path):
    path = tmp_path / "checklist.json"
    halves = [",".join(IDS[:7]), ",".join(IDS[7:])]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    writers = [subprocess.Popen([sys.executable, "-c", _WRITER, str(path), half, "20"],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True) for half in halves]
    outputs = [w.communicate(timeout=300) for w in writers]
    assert [w.returncode for w in writers] == [0, 0], outputs
    loaded = ChecklistStore(path).load()
    assert loaded.problem is None
    assert loaded.ticks == {item: "done" for item in IDS}  # round 19 of both writers
    assert not [p for p in Path(tmp_path).iterdir() if ".broken-" in p.name]


@settings(max_examples=examples(150), deadline=None)
@given(st.one_of(st.binary(max_size=400),
                 st.builds(lambda states: json.dumps({"version": 1, "states": states}).encode(),
                           st.dictionaries(st.text(max_size=20), st.text(max_size=12),
                                           max_size=6))))
def test_any_file_content_loads_as_ticks_or_is_moved_aside_never_raising(tmp_path_factory,
                                                                         content):
    folder = tmp_path_factory.mktemp("content")
    path = folder / "checklist.json"
    path.write_bytes(content)
    loaded = ChecklistStore(path).load()
    assert set(loaded.ticks) <= set(IDS) and set(loaded.ticks.values()) <= set(STATES)
    if loaded.problem is None:
        assert path.read_bytes() == content  # a readable file is left as it is
    else:
        assert loaded.problem.code == "moved_aside" and not path.exists()
        assert loaded.moved_to.read_bytes() == content


@settings(max_examples=examples(150), deadline=None)
@given(st.lists(st.tuples(anything, anything), max_size=8))
def test_the_store_never_raises_and_the_file_always_reads_back(tmp_path_factory, changes):
    path = tmp_path_factory.mktemp("store") / "checklist.json"
    store = ChecklistStore(path)
    expected: dict[str, str] = {}
    for item, state in changes:
        result = store.set(item, state)
        step = apply_tick(expected, item, state)
        assert result.saved == step.ok and result.ticks == step.ticks
        expected = dict(step.ticks)
    assert ChecklistStore(path).load().ticks == expected
    if path.exists():
        assert not re.search(r"\d{3}-\d{4}", path.read_text(encoding="utf-8"))
