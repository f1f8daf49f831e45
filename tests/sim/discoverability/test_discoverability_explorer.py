"""The discoverability explorer's model: choices, switches that stick, incidents."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.sim.discoverability.community import Community, Person, load_community
from course.sim.discoverability.discoverability_explorer import (
    DiscoverabilityLab,
    Exploration,
    default_account,
    default_person,
)
from course.sim.discoverability.finding import INCIDENTS, Route, who_can_find
from tests.helpers import examples


def routes_to(step: Exploration, account: str) -> set[tuple[str, Route]]:
    return {(f.finder, f.route) for f in step.found.findings if f.account == account}


def test_it_starts_with_the_owner_of_the_anonymous_account_and_that_account():
    step = DiscoverabilityLab().view()
    assert (step.person, step.account) == ("mika", "yoru_no_memo")
    assert step.settings == {"find_by_phone": True, "find_by_email": True,
                             "upload_contacts": False, "number_linked": True}
    assert ("kenji", Route.SEARCH_BY_PHONE) in routes_to(step, "yoru_no_memo")
    assert ("kenji", Route.SUGGESTED_FROM_THEIR_CONTACTS) in routes_to(step, "yoru_no_memo")
    assert [e.incident for e in step.exposures] == list(INCIDENTS)
    assert step.ok and step.change is None


def test_turning_find_by_phone_off_hides_the_anonymous_account_and_the_change_sticks():
    lab = DiscoverabilityLab()
    step = lab.toggle("find_by_phone", False)
    assert step.ok and step.settings["find_by_phone"] is False
    assert routes_to(step, "yoru_no_memo") == set()
    assert routes_to(step, "mika_yamada")  # the real-name account keeps its own setting
    assert {f.account for f in step.change.lost} == {"yoru_no_memo"}
    assert step.change.gained == ()
    assert lab.view().found == step.found  # the change is kept
    # 2019: only accounts with find-by-phone on were matched; 2022: the setting did not help.
    y2019, y2022 = step.exposures
    assert ("yoru_no_memo", "+819001230001") not in y2019.accounts
    assert ("yoru_no_memo", "+819001230001") in y2022.accounts
    back = lab.reset()
    assert back.settings["find_by_phone"] is True and routes_to(back, "yoru_no_memo")


def test_removing_the_number_from_the_account_stops_both_incidents_matching_it():
    lab = DiscoverabilityLab()
    step = lab.toggle("number_linked", False)
    assert step.settings["number_linked"] is False
    assert all(identifier != "+819001230001" for e in step.exposures
               for handle, identifier in e.accounts if handle == "yoru_no_memo")
    assert lab.toggle("number_linked", True).settings["number_linked"] is True


def test_a_change_to_someone_elses_upload_shows_up_from_the_chosen_persons_side():
    lab = DiscoverabilityLab()
    assert ("kenji", Route.SUGGESTED_FROM_THEIR_CONTACTS) in routes_to(lab.view(), "mika_yamada")
    chosen = lab.choose("kenji")
    assert (chosen.person, chosen.account) == ("kenji", "kenji_sato")
    assert lab.toggle("upload_contacts", False).ok
    mika = lab.choose("mika")
    assert ("kenji", Route.SUGGESTED_FROM_THEIR_CONTACTS) not in routes_to(mika, "mika_yamada")
    assert ("kenji", Route.SEARCH_BY_PHONE) in routes_to(mika, "mika_yamada")
    # The lab's answer is what who_can_find says on the changed community.
    assert mika.found == who_can_find("mika", lab.community)


def test_switches_change_only_the_chosen_account():
    lab = DiscoverabilityLab()
    lab.choose_account("@Mika_Yamada")
    step = lab.toggle("find_by_phone", False)
    assert step.account == "mika_yamada" and routes_to(step, "mika_yamada") <= {
        ("yui", Route.SEARCH_BY_EMAIL)}
    assert routes_to(step, "yoru_no_memo")


def test_bad_choices_answer_with_a_refusal_and_change_nothing():
    lab = DiscoverabilityLab()
    before = lab.view()
    for step, code in [
        (lab.choose("nobody"), "discover_unknown_person"),
        (lab.choose(None), "discover_unknown_person"),
        (lab.choose(["mika"]), "discover_unknown_person"),
        (lab.choose_account("kenji_sato"), "discover_unknown_account"),
        (lab.choose_account(7), "discover_unknown_account"),
        (lab.toggle("find_by_fax", True), "discover_bad_setting"),
        (lab.toggle("find_by_phone", "yes"), "discover_bad_value"),
        (lab.toggle("find_by_phone", 1), "discover_bad_value"),
    ]:
        assert step.problem.code == code and not step.ok
        assert (step.person, step.account, step.found) == (before.person, before.account,
                                                           before.found)
    offline = lab.choose("daichi")
    assert offline.ok and offline.account is None and offline.settings == {}
    assert offline.found.findings == ()
    assert lab.toggle("find_by_phone", False).problem.code == "discover_not_on_x"


def test_defaults_on_other_communities():
    people = [Person("a", {"ja": "A", "en": "A"}), Person("b", {"ja": "B", "en": "B"})]
    community = Community(people)
    assert default_person(community) == "a" and default_account(people[0]) is None
    assert default_person(Community([])) is None
    lab = DiscoverabilityLab(community, person="b")
    assert lab.view().person == "b"
    empty = DiscoverabilityLab(Community([])).view()
    assert empty.problem is None and empty.found.problem.code == "discover_unknown_person"
    assert DiscoverabilityLab("not a community").view().person == "mika"


IDS = st.sampled_from([*load_community().people, "nobody"]) | st.text(max_size=10)
VALUES = st.booleans() | st.none() | st.integers() | st.text(max_size=5)
SETTINGS = st.sampled_from(["find_by_phone", "find_by_email", "upload_contacts",
                            "number_linked", "other"])


@settings(max_examples=examples(80), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(
    st.tuples(st.just("choose"), IDS),
    st.tuples(st.just("account"), st.sampled_from(["mika_yamada", "yoru_no_memo",
                                                   "haruka_ito", "hoshizora_log", "x"])),
    st.tuples(st.just("toggle"), st.tuples(SETTINGS, VALUES)),
    st.tuples(st.just("reset"), st.none())), max_size=20))
def test_any_sequence_answers_and_agrees_with_who_can_find(actions):
    lab = DiscoverabilityLab()
    for action, arg in actions:
        if action == "choose":
            step = lab.choose(arg)
        elif action == "account":
            step = lab.choose_account(arg)
        elif action == "toggle":
            step = lab.toggle(*arg)
        else:
            step = lab.reset()
        assert isinstance(step, Exploration)
        assert step.found == who_can_find(step.person, lab.community)
        person = lab.community.get(step.person)
        if step.account is not None:
            account = person.account(step.account)
            assert step.settings["find_by_phone"] == account.find_by_phone
            assert step.settings["number_linked"] == (account.number is not None)
        if step.change is not None:
            assert set(step.change.after.findings) == set(step.found.findings)
