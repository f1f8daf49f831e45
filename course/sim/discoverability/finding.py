"""Who can find a person's X accounts, by which route, and what a setting changes.

The lesson's story is an anonymous account that X suggests to people who know
its owner's phone number. The rules come from X's Help on discoverability
(policies ``discoverability.*``, each with its sources):

* someone who has your number (or email) can find each of your accounts on
  it whose "let people who have your phone number (email) find you" setting
  is on, by searching or, after uploading their address book, as a
  suggestion ("people you may know");
* each account on a shared number has its own setting;
* your own uploaded address book is used to suggest your account to the
  people in it, unless both find-by settings are off.

``who_can_find`` answers from the community's index (identifier → people),
``what_if`` shows the difference one setting makes, and ``incident_exposure``
replays the 2019 and 2022 incidents for the notebook's "check the claim"
exercise (the 2022 bug reportedly ignored the setting).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from enum import Enum
from typing import NamedTuple

from course.facts.policy import Policy, policy
from course.i18n import LANGUAGES, t
from course.sim.core.errors import Refusal
from course.sim.discoverability.community import AccountProfile, Community, Person, load_community

WHAT_IF_SETTINGS = ("find_by_phone", "find_by_email", "upload_contacts", "number_linked")
INCIDENTS = ("incident_2019_number_matching", "incident_2022_lookup_bug")


class Route(str, Enum):
    """How a finder reaches an account."""

    SEARCH_BY_PHONE = "search_by_phone"
    SEARCH_BY_EMAIL = "search_by_email"
    SUGGESTED_FROM_THEIR_CONTACTS = "suggested_from_their_contacts"
    SUGGESTED_FROM_YOUR_CONTACTS = "suggested_from_your_contacts"

    def label(self, lang: str | None = None) -> str:
        return t(f"discoverability.route.{self.value}.label", lang)


class Finding(NamedTuple):
    """``finder`` can reach ``account`` by ``route`` through ``via`` (a number or email).

    A named tuple rather than a dataclass: a public number can yield thousands
    of findings, and tuples are built, hashed and sorted in C."""

    account: str
    finder: str
    route: Route
    via: str

    def text(self, community: Community, lang: str | None = None) -> str:
        person = community.get(self.finder)
        name = person.display_name(lang) if person else self.finder
        return t(f"discoverability.route.{self.route.value}.finding", lang,
                 finder=name, account=self.account)


@dataclass(frozen=True)
class Discoverability:
    """The answer of ``who_can_find``: every (account, finder, route) found."""

    person: str | None
    findings: tuple[Finding, ...] = ()
    problem: Refusal | None = None

    def finders(self) -> tuple[str, ...]:
        return tuple(sorted({f.finder for f in self.findings}))

    def by_account(self) -> dict[str, tuple[Finding, ...]]:
        out: dict[str, list[Finding]] = {}
        for finding in self.findings:
            out.setdefault(finding.account, []).append(finding)
        return {k: tuple(v) for k, v in out.items()}

    def route_counts(self) -> dict[Route, int]:
        return dict(Counter(f.route for f in self.findings))

    def message(self, lang: str | None = None) -> str:
        if self.problem is not None:
            return self.problem.text("message", lang)
        return t("discoverability.summary", lang, people=len(self.finders()),
                 routes=len(self.findings))

    def messages(self) -> dict[str, str]:
        return {lang: self.message(lang) for lang in LANGUAGES}


@dataclass(frozen=True)
class WhatIf:
    """How one setting change alters who can find the person."""

    person: str | None
    setting: str | None
    value: bool | None
    account: str | None
    before: Discoverability
    after: Discoverability
    gained: tuple[Finding, ...] = ()
    lost: tuple[Finding, ...] = ()
    problem: Refusal | None = None
    changed: Person | None = None  # the person with the setting applied, to keep exploring

    def message(self, lang: str | None = None) -> str:
        if self.problem is not None:
            return self.problem.text("message", lang)
        return t("discoverability.what_if.summary", lang, gained=len(self.gained),
                 lost=len(self.lost))

    def messages(self) -> dict[str, str]:
        return {lang: self.message(lang) for lang in LANGUAGES}


@dataclass(frozen=True)
class Exposure:
    """Which accounts an incident could tie to a number or email, and the facts."""

    incident: str | None
    person: str | None
    accounts: tuple[tuple[str, str], ...] = ()  # (handle, identifier)
    setting_respected: bool | None = None
    facts: Policy | None = None
    problem: Refusal | None = None

    def title(self, lang: str | None = None) -> str:
        """The incident's title, or the problem's message."""
        if self.problem is not None:
            return self.problem.text("message", lang)
        return t(f"discoverability.incident.{self.incident}.title", lang)

    def summary(self, lang: str | None = None) -> str:
        if self.problem is not None:
            return self.problem.text("cause", lang)
        return t(f"discoverability.incident.{self.incident}.summary", lang)


# --- the rules -----------------------------------------------------------------

def _setting_for(account: AccountProfile, identifier: str) -> bool:
    if identifier == account.number:
        return account.find_by_phone
    return account.find_by_email


def _findings(person: Person, community: Community) -> tuple[Finding, ...]:
    index = community.index
    found: set[Finding] = set()
    for account in person.accounts:
        for identifier in account.identifiers:
            if not _setting_for(account, identifier):
                continue
            route = (Route.SEARCH_BY_PHONE if identifier == account.number
                     else Route.SEARCH_BY_EMAIL)
            for finder in index.knowers.get(identifier, ()):
                if finder != person.id:
                    found.add(Finding(account.handle, finder, route, identifier))
                    if finder in index.uploading:
                        found.add(Finding(account.handle, finder,
                                          Route.SUGGESTED_FROM_THEIR_CONTACTS, identifier))
        # X Help: your uploaded contacts suggest you only while a find-by
        # setting is on (both off stops it).
        if account.upload_contacts and (account.find_by_phone or account.find_by_email):
            for identifier in person.contacts:
                for finder, _handle in index.owners.get(identifier, ()):
                    if finder != person.id:
                        found.add(Finding(account.handle, finder,
                                          Route.SUGGESTED_FROM_YOUR_CONTACTS, identifier))
    return tuple(sorted(found))


def _resolve(person: object, community: object) -> tuple[Person, Community] | Refusal:
    if community is None:
        community = load_community()
    if not isinstance(community, Community):
        return Refusal("discover_bad_community")
    if isinstance(person, Person):
        return person, community
    found = community.get(person)
    return (found, community) if found else Refusal("discover_unknown_person")


def who_can_find(person: object, community: object = None) -> Discoverability:
    """Everyone in ``community`` (default: the fictional cast) who can reach one of
    ``person``'s accounts, and how. ``person`` is an id or a ``Person``."""
    resolved = _resolve(person, community)
    if isinstance(resolved, Refusal):
        return Discoverability(None, problem=resolved)
    target, where = resolved
    return Discoverability(target.id, _findings(target, where))


def _changed(account: AccountProfile, setting: str, value: bool, person: Person
             ) -> AccountProfile:
    if setting != "number_linked":
        return replace(account, **{setting: value})
    if not value:
        return replace(account, number=None)
    return account if account.number else replace(
        account, number=person.phones[0] if person.phones else None)


def what_if(person: object, setting: object, value: object, community: object = None,
            account: object = None) -> WhatIf:
    """Turn one setting on or off (on one account, or all of the person's when
    ``account`` is None) and list the routes gained and lost.

    Settings: find_by_phone, find_by_email, upload_contacts, and number_linked
    (False removes the phone number from the account).
    """
    def refused(code: str) -> WhatIf:
        empty = Discoverability(None, problem=Refusal(code))
        return WhatIf(None, None, None, None, empty, empty, problem=Refusal(code))

    resolved = _resolve(person, community)
    if isinstance(resolved, Refusal):
        return refused(resolved.code)
    target, where = resolved
    if not isinstance(setting, str) or setting not in WHAT_IF_SETTINGS:
        return refused("discover_bad_setting")
    if not isinstance(value, bool):
        return refused("discover_bad_value")
    handles = {a.handle for a in target.accounts}
    if account is not None and (not isinstance(account, str)
                                or account.lstrip("@").lower() not in handles):
        return refused("discover_unknown_account")
    chosen = account.lstrip("@").lower() if isinstance(account, str) else None
    changed = target.with_accounts(
        _changed(a, setting, value, target) if chosen in (None, a.handle) else a
        for a in target.accounts)
    before = who_can_find(target, where)
    after = who_can_find(changed, where)
    old, new = set(before.findings), set(after.findings)
    return WhatIf(target.id, setting, value, chosen, before, after,
                  tuple(sorted(new - old)), tuple(sorted(old - new)), changed=changed)


def incident_exposure(person: object, incident: object, community: object = None
                      ) -> Exposure:
    """Which of the person's accounts an incident could link to their number or
    email. In 2019 only accounts with find-by-phone on were matched; the 2022
    bug is reported to have revealed accounts even with the setting off."""
    resolved = _resolve(person, community)
    if isinstance(resolved, Refusal):
        return Exposure(None, None, problem=resolved)
    target, _ = resolved
    if not isinstance(incident, str) or incident not in INCIDENTS:
        return Exposure(None, target.id, problem=Refusal("discover_unknown_incident"))
    facts = policy(f"discoverability.{incident}")
    respected = bool(facts.value["setting_respected"])
    kinds = set(facts.value["identifiers"])
    exposed = []
    for account in target.accounts:
        for identifier in account.identifiers:
            kind = "phone" if identifier == account.number else "email"
            if kind in kinds and (not respected or _setting_for(account, identifier)):
                exposed.append((account.handle, identifier))
    return Exposure(incident, target.id, tuple(exposed), respected, facts)
