"""Property tests: the indexed answer equals the rules applied to every pair of
people, settings act in the expected direction, and nothing raises."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from course.sim.discoverability.community import AccountProfile, Community, Person, load_community
from course.sim.discoverability.finding import (
    INCIDENTS,
    WHAT_IF_SETTINGS,
    Discoverability,
    Exposure,
    Finding,
    Route,
    WhatIf,
    incident_exposure,
    what_if,
    who_can_find,
)
from tests.helpers import examples

PHONES = ["+819001230000", "+819001230001", "+819001230002", "+817001230003",
          "+817001230004", "+815001230005"]
EMAILS = [f"user{i}@example.com" for i in range(6)]


@st.composite
def communities(draw) -> Community:
    """Up to 7 people whose accounts and address books overlap a lot."""
    size = draw(st.integers(1, 7))
    people, serial = [], 0
    for i in range(size):
        accounts = []
        for _ in range(draw(st.integers(0, 2))):
            serial += 1
            accounts.append(AccountProfile(
                f"acct{serial}", draw(st.none() | st.sampled_from(PHONES)),
                draw(st.none() | st.sampled_from(EMAILS)), draw(st.booleans()),
                draw(st.booleans()), draw(st.booleans())))
        contacts = draw(st.frozensets(st.sampled_from(PHONES + EMAILS), max_size=5))
        people.append(Person(f"p{i}", {"ja": f"人{i}", "en": f"P{i}"}, accounts=tuple(accounts),
                             contacts=contacts))
    return Community(people)


def naive(target: Person, community: Community) -> set[Finding]:
    """The rules of domain_facts §1.2–1.3, checked for every pair of people."""
    found = set()
    for finder in community.people.values():
        if finder.id == target.id or not finder.accounts:
            continue
        uploads = any(a.upload_contacts for a in finder.accounts)
        for account in target.accounts:
            for identifier, on, route in ((account.number, account.find_by_phone,
                                           Route.SEARCH_BY_PHONE),
                                          (account.email, account.find_by_email,
                                           Route.SEARCH_BY_EMAIL)):
                if identifier and on and identifier in finder.contacts:
                    found.add(Finding(account.handle, finder.id, route, identifier))
                    if uploads:
                        found.add(Finding(account.handle, finder.id,
                                          Route.SUGGESTED_FROM_THEIR_CONTACTS, identifier))
            if account.upload_contacts and (account.find_by_phone or account.find_by_email):
                for theirs in finder.accounts:
                    for identifier in (theirs.number, theirs.email):
                        if identifier and identifier in target.contacts:
                            found.add(Finding(account.handle, finder.id,
                                              Route.SUGGESTED_FROM_YOUR_CONTACTS, identifier))
    return found


@settings(max_examples=examples(300), deadline=None)
@given(community=communities(), data=st.data())
def test_the_index_gives_the_same_answer_as_checking_every_pair(community, data):
    target = data.draw(st.sampled_from(sorted(community.people)))
    result = who_can_find(target, community)
    assert result.problem is None
    assert set(result.findings) == naive(community.people[target], community)
    assert len(result.findings) == len(set(result.findings))


@settings(max_examples=examples(200), deadline=None)
@given(community=communities(), data=st.data())
def test_what_if_is_the_difference_of_two_answers_and_moves_the_right_way(community, data):
    target = community.people[data.draw(st.sampled_from(sorted(community.people)))]
    setting = data.draw(st.sampled_from(WHAT_IF_SETTINGS))
    value = data.draw(st.booleans())
    change = what_if(target.id, setting, value, community)
    assert change.problem is None
    before, after = set(change.before.findings), set(change.after.findings)
    assert set(change.gained) == after - before and set(change.lost) == before - after
    if setting in ("find_by_phone", "find_by_email"):
        assert (not value) or not change.lost
        assert value or not change.gained
    changed = target.with_accounts(
        replace(a, **{setting: value}) if setting != "number_linked" else
        (replace(a, number=None) if not value else a) for a in target.accounts)
    if setting != "number_linked" or not value:
        assert after == naive(changed, community)


def test_the_fictional_story_matches_the_pairwise_rules():
    community = load_community()
    for person in community.people.values():
        assert set(who_can_find(person.id).findings) == naive(person, community)


ANYTHING = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20),
    st.text(min_size=400, max_size=2000), st.binary(max_size=10),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers()),
    st.sampled_from(["mika", "yoru_no_memo", "@YORU_NO_MEMO", "find_by_phone", "😀", "\x00",
                     *INCIDENTS]),
)


@settings(max_examples=examples(300), deadline=None)
@given(person=ANYTHING, setting=ANYTHING, value=ANYTHING, account=ANYTHING, community=ANYTHING)
def test_no_entry_point_raises(person, setting, value, account, community):
    found = who_can_find(person, community)
    assert isinstance(found, Discoverability) and all(found.messages().values())
    change = what_if(person, setting, value, community, account)
    assert isinstance(change, WhatIf) and all(change.messages().values())
    exposure = incident_exposure(person, setting, community)
    assert isinstance(exposure, Exposure)
    assert (exposure.problem is None) == (exposure.incident is not None)
