"""Who can find whom: the fictional community, the routes, what_if and the incidents."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from functools import lru_cache

import pytest
import yaml

from course.facts.policy import policy
from course.i18n import LANGUAGES
from course.paths import data_path
from course.sim.discoverability.community import Community, load_community, synthetic_community
from course.sim.discoverability.finding import (
    INCIDENTS,
    Route,
    incident_exposure,
    what_if,
    who_can_find,
)
from tests.helpers import cited

RESERVED_EMAIL = re.compile(r".+@(example\.(com|org|net)|[a-z0-9.-]+\.(example|test))")


@lru_cache(maxsize=1)
def fictional_patterns() -> list[re.Pattern[str]]:
    ranges = yaml.safe_load(data_path("fictional_numbers.yaml").read_text(encoding="utf-8"))
    return [re.compile(r["pattern"]) for r in ranges["ranges"]]


def is_fictional(number: str) -> bool:
    return any(p.fullmatch(number.lstrip("+")) for p in fictional_patterns())


def routes(result, account):
    return {(f.finder, f.route) for f in result.findings if f.account == account}


# --- the data --------------------------------------------------------------------

def test_the_community_is_small_fictional_and_uses_reserved_domains():
    community = load_community()
    assert 10 <= len(community) <= 15
    for person in community.people.values():
        assert person.name["ja"] and person.name["en"]
        numbers = [*person.phones, *(a.number for a in person.accounts if a.number)]
        assert all(is_fictional(n) for n in numbers), person.id
        emails = [*person.emails, *(a.email for a in person.accounts if a.email)]
        assert all(RESERVED_EMAIL.fullmatch(e) for e in emails), person.id
        assert all(is_fictional(c) or RESERVED_EMAIL.fullmatch(c) for c in person.contacts)


def test_synthetic_communities_use_fictional_numbers_only():
    community = synthetic_community(500, random.Random(3))
    numbers = {a.number for p in community.people.values() for a in p.accounts if a.number}
    assert numbers and all(is_fictional(n) for n in numbers)
    assert len(synthetic_community(200, random.Random(9)).people) == 200
    first = who_can_find("p7", synthetic_community(300, random.Random(5)))
    again = who_can_find("p7", synthetic_community(300, random.Random(5)))
    assert first == again  # the injected random source makes it reproducible


def test_the_default_settings_come_from_the_policies_and_say_japan_is_unverified():
    phone = policy("discoverability.default_find_by_phone")
    assert phone.value is True and phone.status == "reported"
    assert phone.provenance.unverified and "未確認" in phone.note["ja"]
    mika = load_community().get("mika")
    assert all(a.find_by_phone for a in mika.accounts)  # left at the default


# --- the story -------------------------------------------------------------------

def test_the_anonymous_account_is_suggested_to_people_who_have_mikas_number():
    result = who_can_find("mika")
    anonymous = routes(result, "yoru_no_memo")
    suggested = {f for f, r in anonymous if r is Route.SUGGESTED_FROM_THEIR_CONTACTS}
    assert suggested == {"kenji", "keiko", "takumi"}  # they uploaded their address books
    searchers = {f for f, r in anonymous if r is Route.SEARCH_BY_PHONE}
    assert searchers == {"kenji", "keiko", "takumi", "yui", "ren", "sora"}
    assert "daichi" not in result.finders()  # has the number, but is not on X
    assert (("yui", Route.SEARCH_BY_EMAIL) in anonymous) is False  # its email is private
    assert all(result.messages().values())


def test_turning_off_find_by_phone_on_the_anonymous_account_only_hides_that_account():
    change = what_if("mika", "find_by_phone", False, account="@yoru_no_memo")
    assert change.problem is None and change.gained == ()
    assert {f.account for f in change.lost} == {"yoru_no_memo"}
    assert routes(change.after, "yoru_no_memo") == set()
    assert routes(change.after, "mika_yamada") == routes(change.before, "mika_yamada")
    assert "9" in change.messages()["en"]


def test_removing_the_number_from_the_anonymous_account_has_the_same_effect():
    hidden = what_if("mika", "number_linked", False, account="yoru_no_memo")
    assert routes(hidden.after, "yoru_no_memo") == set()


def test_each_account_on_a_shared_number_keeps_its_own_setting():
    result = who_can_find("sora")
    assert routes(result, "sora_plays") == set()
    assert ("ren", Route.SEARCH_BY_PHONE) in routes(result, "sora_kobayashi")


def test_your_uploaded_contacts_suggest_you_until_both_find_settings_are_off():
    before = who_can_find("kenji")
    reverse = {(f.finder, f.via) for f in before.findings
               if f.route is Route.SUGGESTED_FROM_YOUR_CONTACTS}
    assert ("mika", "+819001230001") in reverse and ("ren", "+819001230012") in reverse
    one_off = what_if("kenji", "find_by_phone", False)
    assert all(f.route is not Route.SUGGESTED_FROM_YOUR_CONTACTS for f in one_off.lost)
    kenji = load_community().get("kenji")
    phone_off = kenji.with_accounts(replace(a, find_by_phone=False) for a in kenji.accounts)
    community = Community([p for p in load_community().people.values() if p.id != "kenji"]
                          + [phone_off])
    both_off = what_if("kenji", "find_by_email", False, community)
    assert {f.route for f in both_off.lost} >= {Route.SUGGESTED_FROM_YOUR_CONTACTS}
    assert not any(f.route is Route.SUGGESTED_FROM_YOUR_CONTACTS for f in both_off.after.findings)


def test_starting_to_upload_contacts_adds_suggestions_to_the_people_in_them():
    change = what_if("mika", "upload_contacts", True, account="mika_yamada")
    gained = {(f.account, f.finder) for f in change.gained}
    assert gained == {("mika_yamada", "kenji"), ("mika_yamada", "yui"),
                      ("mika_yamada", "keiko"), ("mika_yamada", "hinata_cafe")}
    assert change.lost == ()


def test_a_careful_person_is_not_found_by_search_or_suggestion():
    assert who_can_find("haruka").findings == ()
    assert who_can_find("oliver").findings == ()


# --- the incidents -----------------------------------------------------------------

def test_2019_matching_respected_the_setting_but_the_2022_bug_did_not():
    assert incident_exposure("haruka", "incident_2019_number_matching").accounts == ()
    exposed = incident_exposure("haruka", "incident_2022_lookup_bug")
    assert not exposed.setting_respected
    assert {h for h, _ in exposed.accounts} == {"haruka_ito", "hoshizora_log"}
    assert exposed.facts.status == "reported" and "posteo.de" in cited(exposed.facts)
    assert exposed.facts.value["records"] == 5_400_000
    mika_2019 = incident_exposure("mika", "incident_2019_number_matching")
    assert {h for h, _ in mika_2019.accounts} == {"mika_yamada", "yoru_no_memo"}
    assert all(i for _, i in mika_2019.accounts if i.startswith("+"))


@pytest.mark.parametrize("incident", INCIDENTS)
def test_incidents_have_titles_and_summaries_in_both_languages(incident):
    exposure = incident_exposure("mika", incident)
    for lang in LANGUAGES:
        assert exposure.title(lang) and exposure.summary(lang)
    unknown = incident_exposure("mika", "incident_1999")
    assert unknown.title("en") == "That incident is not in the data."


# --- bad input ------------------------------------------------------------------

@pytest.mark.parametrize("call, code", [
    (lambda: who_can_find("nobody"), "discover_unknown_person"),
    (lambda: who_can_find(None), "discover_unknown_person"),
    (lambda: who_can_find("mika", community={"people": []}), "discover_bad_community"),
    (lambda: what_if("mika", "be_invisible", True), "discover_bad_setting"),
    (lambda: what_if("mika", "find_by_phone", "off"), "discover_bad_value"),
    (lambda: what_if("mika", "find_by_phone", 0), "discover_bad_value"),
    (lambda: what_if("mika", "find_by_phone", False, account="kenji_sato"),
     "discover_unknown_account"),
    (lambda: incident_exposure("mika", "incident_2030"), "discover_unknown_incident"),
])
def test_bad_input_returns_a_problem_in_both_languages(call, code):
    result = call()
    assert result.problem.code == code
    for lang in LANGUAGES:
        assert result.problem.text("message", lang) and result.problem.text("fix", lang)


def test_every_route_and_setting_has_text_in_both_languages():
    from course.i18n import t
    from course.sim.discoverability.finding import WHAT_IF_SETTINGS

    labels = policy("discoverability.setting_labels")
    for lang in LANGUAGES:
        for route in Route:
            assert route.label(lang)
            assert "@a" in t(f"discoverability.route.{route.value}.finding", lang,
                             finder="F", account="a")
        for setting in WHAT_IF_SETTINGS:
            assert t(f"discoverability.setting.{setting}.label", lang)
        for key in labels.value.values():
            assert t(key, lang)
    phone_label = t("discoverability.setting.find_by_phone.label", "ja")
    assert phone_label == "電話番号の照合と通知を許可する"  # the label reported in §1.3
    assert labels.provenance.unverified
