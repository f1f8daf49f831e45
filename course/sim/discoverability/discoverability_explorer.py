"""The discoverability explorer's model: pick a person, flip settings, see who finds them.

``DiscoverabilityLab`` holds the fictional community as the learner has
changed it. Each call (choose a person, choose one of their accounts, turn a
setting on or off, start over) returns an ``Exploration``: who can find the
person's accounts and by which route (``who_can_find``), what the last
setting change gained and lost (``what_if``), and what the 2019 and 2022
incidents could tie to them anyway (``incident_exposure``). A changed
setting is written back into the community, so the next question, and the
view from another person, sees it too.

No method raises on bad input; a problem comes back as a ``Refusal`` from
``data/errors/discoverability.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from course.sim.core.errors import Refusal
from course.sim.discoverability.community import AccountProfile, Community, Person, load_community
from course.sim.discoverability.finding import (
    INCIDENTS,
    WHAT_IF_SETTINGS,
    Discoverability,
    Exposure,
    WhatIf,
    incident_exposure,
    what_if,
    who_can_find,
)


@dataclass(frozen=True)
class Exploration:
    """Everything the explorer shows after one action."""

    person: str | None
    account: str | None
    settings: dict[str, bool]
    found: Discoverability
    community: Community = field(compare=False, repr=False)
    change: WhatIf | None = None
    exposures: tuple[Exposure, ...] = ()
    problem: Refusal | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def default_person(community: Community) -> str | None:
    """The lesson's protagonist: the first person with an anonymous account that
    can be found by phone, else the first with an anonymous account, else anyone."""
    people = list(community.people.values())
    for wanted in (lambda a: a.anonymous and a.number and a.find_by_phone,
                   lambda a: a.anonymous):
        for person in people:
            if any(wanted(a) for a in person.accounts):
                return person.id
    return people[0].id if people else None


def default_account(person: Person | None) -> str | None:
    """The person's anonymous account if they have one, else their first account."""
    if person is None or not person.accounts:
        return None
    return next((a.handle for a in person.accounts if a.anonymous), person.accounts[0].handle)


def account_settings(account: AccountProfile | None) -> dict[str, bool]:
    """The four switches of one account as the explorer shows them."""
    if account is None:
        return {}
    return {"find_by_phone": account.find_by_phone, "find_by_email": account.find_by_email,
            "upload_contacts": account.upload_contacts,
            "number_linked": account.number is not None}


class DiscoverabilityLab:
    """The community as changed so far, the chosen person and account."""

    def __init__(self, community: Community | None = None, person: object = None) -> None:
        self.original = community if isinstance(community, Community) else load_community()
        self.community = self.original
        start = self.community.get(person) if person is not None else None
        self.person = start.id if start else default_person(self.community)
        self.account = default_account(self.community.get(self.person))

    # -- actions --------------------------------------------------------------

    def view(self) -> Exploration:
        """The current state, nothing changed."""
        return self._explore()

    def choose(self, person: object) -> Exploration:
        """Look at another person (their anonymous account chosen first)."""
        chosen = self.community.get(person)
        if chosen is None:
            return self._explore(problem=Refusal("discover_unknown_person"))
        self.person, self.account = chosen.id, default_account(chosen)
        return self._explore()

    def choose_account(self, handle: object) -> Exploration:
        """Pick which of the person's accounts the switches change."""
        person = self.community.get(self.person)
        key = handle.lstrip("@").lower() if isinstance(handle, str) else None
        if person is None or key is None or person.account(key) is None:
            return self._explore(problem=Refusal("discover_unknown_account"))
        self.account = key
        return self._explore()

    def toggle(self, setting: object, value: object) -> Exploration:
        """Turn one switch of the chosen account on or off and keep the change."""
        person = self.community.get(self.person)
        if person is None:
            return self._explore(problem=Refusal("discover_unknown_person"))
        if self.account is None:
            return self._explore(problem=Refusal("discover_not_on_x"))
        change = what_if(person, setting, value, self.community, self.account)
        if change.problem is not None or change.changed is None:
            return self._explore(problem=change.problem or Refusal("discover_bad_setting"))
        changed = change.changed
        self.community = Community(changed if p.id == changed.id else p
                                   for p in self.community.people.values())
        return self._explore(change=change)

    def reset(self) -> Exploration:
        """Every setting back to the data (the chosen person stays)."""
        self.community = self.original
        self.account = default_account(self.community.get(self.person))
        return self._explore()

    # -- building the answer ---------------------------------------------------

    def _explore(self, change: WhatIf | None = None, problem: Refusal | None = None
                 ) -> Exploration:
        person = self.community.get(self.person)
        found = who_can_find(person if person else self.person, self.community)
        account = person.account(self.account) if person and self.account else None
        exposures = tuple(incident_exposure(person, incident, self.community)
                          for incident in INCIDENTS) if person else ()
        return Exploration(self.person, self.account, account_settings(account), found,
                           self.community, change, exposures, problem)


__all__ = ["WHAT_IF_SETTINGS", "DiscoverabilityLab", "Exploration", "account_settings",
           "default_account", "default_person"]
