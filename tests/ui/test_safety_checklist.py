"""The safety checklist widget, headless: tick as a learner would, read what is
left and the plan, restart, recover from a damaged file, in both languages."""

from __future__ import annotations

import ipywidgets as widgets
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.progress.checklist import STATES, ChecklistStore, load_items
from course.ui.safety_checklist import SafetyChecklist
from tests.helpers import examples
from tests.ui.widget_text import shown_text, walk

ITEMS = load_items()


@pytest.mark.parametrize("lang, saved, left", [("ja", "✔ 保存しました", "残っている項目"),
                                               ("en", "✔ Saved", "Items left")])
def test_a_tick_is_saved_and_the_plan_and_list_follow(tmp_path, lang, saved, left):
    sim = SafetyChecklist(lang, store=tmp_path / "checklist.json")
    sim.tick("twofa_app_or_key", "done")
    assert saved in sim.status.value
    assert sim.result.done == 1 and "twofa_app_or_key" not in [i.id for i in sim.result.remaining]
    text = shown_text(sim.widget)
    assert left in text
    first = sim.result.next_actions[0]
    assert first.id == "find_by_phone" and first.text[lang] in sim.plan.value
    assert sim.last_error is None


def test_ticks_survive_a_kernel_restart(tmp_path):
    path = tmp_path / "checklist.json"
    before = SafetyChecklist("ja", store=path)
    before.tick("backup_codes_offline", "done")
    before.tick("anonymous_account", "not_applicable")
    after = SafetyChecklist("en", store=path)  # a new kernel builds the widget again
    assert after.choices["backup_codes_offline"].value == "done"
    assert after.choices["anonymous_account"].value == "not_applicable"
    assert after.result.done == 1 and after.result.not_applicable == 1


def test_every_item_links_to_the_notebook_that_teaches_it_and_says_where_it_comes_from():
    sim = SafetyChecklist("en", store=None)
    text = shown_text(sim.widget)
    for item in ITEMS:
        assert item.text["en"] in text and item.notebook in text
    assert "Sources" in text and "Silicon Republic" in text and "The course's advice" in text
    assert '<a href="06_two_factor_and_life_without_sms.ipynb">' in sim.remaining.value


def test_states_are_words_and_symbols_and_there_is_no_text_field():
    sim = SafetyChecklist("ja", store=None)
    assert not [w for w in walk(sim.widget) if isinstance(w, (widgets.Text, widgets.Textarea))]
    labels = sim.choices["find_by_phone"]._options_labels
    assert labels == ("✔ 済み", "… まだ", "— 該当しない")


def test_a_damaged_file_is_explained_moved_aside_and_the_widget_still_works(tmp_path):
    path = tmp_path / "checklist.json"
    path.write_bytes(b"\x00\x01 not a checklist")
    sim = SafetyChecklist("ja", store=path)
    assert "名前で残し、新しく始めました" in sim.notice.value
    assert [p.name for p in tmp_path.iterdir() if ".broken-" in p.name]
    sim.tick("email_current", "done")
    assert "✔ 保存しました" in sim.status.value
    assert ChecklistStore(path).load().ticks == {"email_current": "done"}


def test_an_unwritable_folder_says_the_tick_was_not_saved(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    sim = SafetyChecklist("en", store=blocker / "checklist.json")
    sim.tick("email_current", "done")
    assert "✘ Not saved." in sim.status.value and "could not be saved" in sim.status.value
    assert sim.result.done == 1 and sim.last_error is None


def test_clearing_asks_first_then_empties_the_list(tmp_path):
    path = tmp_path / "checklist.json"
    sim = SafetyChecklist("en", store=path)
    sim.tick("find_by_phone", "done")
    sim.clear_button.click()
    assert "Are you sure?" in sim.status.value and sim.clear_question.layout.display == "flex"
    sim.clear_cancel.click()
    assert ChecklistStore(path).load().ticks == {"find_by_phone": "done"}
    sim.clear()
    assert sim.choices["find_by_phone"].value is None and sim.result.done == 0
    assert ChecklistStore(path).load().ticks == {}
    assert "Every tick has been cleared." in sim.status.value


def test_everything_done_shows_nothing_left():
    sim = SafetyChecklist("en", store=None)
    for item in ITEMS:
        sim.tick(item.id, "done")
    assert sim.result.complete
    assert "Every item is done or does not apply." in sim.remaining.value
    assert "Nothing to do next" in sim.plan.value


@settings(max_examples=examples(40), deadline=None)
@given(st.lists(st.tuples(st.sampled_from([i.id for i in ITEMS]),
                          st.sampled_from([*STATES, None])), max_size=20))
def test_any_sequence_of_ticks_matches_the_file_and_never_fails(tmp_path_factory, ticks):
    path = tmp_path_factory.mktemp("fuzz") / "checklist.json"
    sim = SafetyChecklist("ja", store=path)
    for item, state in ticks:
        sim.tick(item, state)
    expected = {item: sim.choices[item].value for item in sim.choices
                if sim.choices[item].value is not None}
    assert sim.ticks == expected
    if ticks:
        assert ChecklistStore(path).load().ticks == expected
    assert sim.last_error is None
