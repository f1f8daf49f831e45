"""The discoverability explorer, driven headlessly as a learner would."""

from __future__ import annotations

import base64
import html
import re

import ipywidgets as widgets
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import course
from course.facts.policy import policy
from course.i18n import t
from course.sim.discoverability.community import load_community
from course.sim.discoverability.finding import who_can_find
from course.ui.discoverability_explorer import SWITCHES, DiscoverabilityExplorer
from tests.helpers import examples
from tests.ui.widget_text import controls, shown_text


def rows(table: str) -> int:
    return table.count("<tr>") - 1  # minus the header row


@pytest.mark.parametrize("lang, anonymous, someone", [
    ("ja", "@yoru_no_memo(匿名)", "佐藤 健二さんは、電話番号で @yoru_no_memo を見つけられます。"),
    ("en", "@yoru_no_memo (anonymous)", "Kenji Sato can find @yoru_no_memo by its phone number."),
])
def test_it_opens_on_the_anonymous_account_and_explains_who_finds_it(lang, anonymous, someone):
    sim = DiscoverabilityExplorer(lang, plots=False)
    assert sim.person.value == "mika" and sim.account.value == "yoru_no_memo"
    assert sim.account.label == anonymous
    assert [box.value for box in sim.switches.values()] == [True, True, False, True]
    assert html.escape(someone) in sim.explanation_html.value
    found = who_can_find("mika")
    assert rows(sim.table_html.value) == len(found.findings)
    assert "090-****-0001" in sim.table_html.value  # the clue, masked


@pytest.mark.parametrize("lang, status, nobody", [
    ("ja", "見つけられる方法が0通り増え、9通り減ります",
     "このコミュニティには、@yoru_no_memo を見つけられる人はいません。"),
    ("en", "This change adds 0 routes and removes 9",
     "Nobody in this community can find @yoru_no_memo."),
])
def test_turning_off_find_by_phone_updates_text_table_and_graph(lang, status, nobody):
    sim = DiscoverabilityExplorer(lang, plots=True)
    graph, table = sim.graph_image.value, sim.table_html.value
    step = sim.set_switch("find_by_phone", False)
    assert status in sim.status.value and "✔" in sim.status.value
    assert html.escape(nobody) in sim.explanation_html.value
    assert course.t("ui_discoverability.explain.lost", lang) in sim.explanation_html.value
    assert rows(sim.table_html.value) == len(step.found.findings) < rows(table)
    assert sim.graph_image.value != graph
    data = base64.b64decode(re.search(r"base64,([^\"]+)", sim.graph_image.value).group(1))
    assert data.startswith(b"<?xml")
    assert re.search(r'alt="[^"]+"', sim.graph_image.value)
    assert sim.last_error is None


def test_switching_person_syncs_the_controls_and_changes_stick_across_people():
    sim = DiscoverabilityExplorer("en", plots=False)
    sim.person.value = "kenji"
    assert sim.account.options == (("@kenji_sato", "kenji_sato"),)
    assert sim.account.value == "kenji_sato" and sim.switches["upload_contacts"].value is True
    sim.set_switch("upload_contacts", False)
    assert sim.result.change is not None and sim.result.settings["upload_contacts"] is False
    sim.person.value = "mika"
    suggested = "Kenji Sato uploaded an address book with your number or email"
    assert suggested not in html.unescape(sim.explanation_html.value)
    sim.reset_button.click()
    assert suggested in html.unescape(sim.explanation_html.value)


def test_a_person_not_on_x_has_nothing_to_switch():
    sim = DiscoverabilityExplorer("ja", plots=False)
    sim.person.value = "daichi"
    assert sim.account.disabled and all(box.disabled for box in sim.switches.values())
    assert "X のアカウントを持っていない" in sim.explanation_html.value
    assert "見つけられる人はいません" in sim.table_html.value
    assert sim.last_error is None


def test_each_account_has_its_own_switches():
    sim = DiscoverabilityExplorer("en", plots=False)
    sim.account.value = "mika_yamada"
    sim.set_switch("find_by_phone", False)
    sim.account.value = "yoru_no_memo"
    assert sim.switches["find_by_phone"].value is True  # the other account kept its setting
    sim.account.value = "mika_yamada"
    assert sim.switches["find_by_phone"].value is False


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_incident_panel_says_what_leaks_whatever_the_setting(lang):
    sim = DiscoverabilityExplorer(lang, plots=False)
    sim.set_switch("find_by_phone", False)
    panel = html.unescape(sim.incidents_html.value)
    for incident in ("incident_2019_number_matching", "incident_2022_lookup_bug"):
        assert course.t(f"discoverability.incident.{incident}.title", lang) in panel
    y2019, y2022 = panel.split(course.t(
        "discoverability.incident.incident_2022_lookup_bug.title", lang))
    phone = course.t("ui_discoverability.incidents.kind.phone", lang)
    assert course.t("ui_discoverability.incidents.item", lang, account="yoru_no_memo",
                    kind=phone) not in y2019
    assert course.t("ui_discoverability.incidents.item", lang, account="yoru_no_memo",
                    kind=phone) in y2022
    assert "posteo.de" in y2022 and "zdnet.com" in y2019  # sources
    assert policy("discoverability.incident_2022_lookup_bug").note[lang] in y2022
    assert course.t("sources.badge.news_guide", lang) in panel
    assert course.t("discoverability.incident.check_the_claim", lang) in panel


def test_controls_are_labelled_and_the_notes_label_unverified_facts():
    sim = DiscoverabilityExplorer("ja", plots=False)
    for control in controls(sim.widget):
        assert control.description.strip(), control
    labels = [box.description for box in sim.switches.values()]
    assert labels[0] == "電話番号の照合と通知を許可する"
    assert "未確認" in sim.notes_html.value  # the Japanese default and the English label
    assert "<caption>" in sim.table_html.value and 'scope="row"' in sim.table_html.value
    assert "course-discoverability" in sim.widget._dom_classes
    assert not [w for w in controls(sim.widget) if isinstance(w, widgets.IntSlider)]


def test_wrong_values_set_on_the_dropdowns_become_messages():
    sim = DiscoverabilityExplorer("en", plots=False)
    sim.person.value = None
    assert sim.result.problem.code == "discover_unknown_person"
    assert "That person is not in this community." in sim.status.value
    assert sim.person.value == "mika"  # the control shows the person still chosen
    sim.account.value = None
    assert sim.result.problem.code == "discover_unknown_account"
    assert sim.account.value == "yoru_no_memo" and sim.last_error is None


def test_what_the_explorer_shows_never_includes_a_whole_number():
    text = shown_text(DiscoverabilityExplorer("en", plots=True).widget)
    assert "090-****-0001" in text
    assert "0123-0001" not in text and "+819001230001" not in text


PEOPLE = list(load_community().people)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(
    st.tuples(st.just("person"), st.sampled_from([*PEOPLE, None])),
    st.tuples(st.just("account"), st.integers(0, 3)),
    st.tuples(st.just("switch"), st.tuples(st.sampled_from(SWITCHES), st.booleans())),
    st.tuples(st.just("reset"), st.none())), max_size=15))
def test_any_sequence_of_choices_keeps_views_and_model_in_step(actions):
    sim = DiscoverabilityExplorer("ja", plots=False)
    for action, arg in actions:
        if action == "person":
            sim.person.value = arg
        elif action == "account" and sim.account.options:
            sim.account.value = sim.account.options[arg % len(sim.account.options)][1]
        elif action == "switch" and not sim.switches[arg[0]].disabled:
            sim.set_switch(*arg)
        elif action == "reset":
            sim.reset_button.click()
        assert sim.last_error is None
        step = sim.result
        assert step.found == who_can_find(step.person, sim.lab.community)
        assert sim.person.value == step.person and sim.account.value == step.account
        assert {n: b.value for n, b in sim.switches.items() if not b.disabled} == \
            {n: step.settings[n] for n in SWITCHES if step.settings}
        assert rows(sim.table_html.value) == len(step.found.findings) or \
            not step.found.findings


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_key_to_the_graph_is_shown_once_in_words_and_not_redrawn(lang):
    sim = DiscoverabilityExplorer(lang)
    key = sim.legend_image.value
    assert key.startswith('<img src="data:image/svg+xml;base64,')
    alt = re.search(r'alt="([^"]+)"', key).group(1)
    assert t("ui_discoverability.graph.node.finder", lang) in alt
    sim.set_switch("find_by_phone", not sim.switches["find_by_phone"].value)
    assert sim.legend_image.value == key
