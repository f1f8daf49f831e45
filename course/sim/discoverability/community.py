"""People, their X accounts and their address books, indexed for fast lookups.

The discoverability lesson asks "who can find this account, and how?". The
answer only involves the people who hold one of the account's numbers or
emails in their address book, so ``Community`` indexes identifiers → people
once, and each question then costs about the size of its answer instead of
a scan over every pair of people (the benchmark checks 10,000 people).

``load_community()`` reads the fictional cast of ``data/community.yaml``;
``synthetic_community(size, rng)`` builds large random ones for benchmarks,
with numbers from the fictional 090-0 and 070-0 blocks only.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from course.facts.policy import value as policy_value
from course.i18n import resolve_language
from course.paths import data_path
from course.sim.core.identifiers import clean_email, clean_handle, clean_number
from course.yaml_safe import safe_load

SETTINGS = ("find_by_phone", "find_by_email", "upload_contacts")


class CommunityError(ValueError):
    """A community file or object that breaks the rules (a defect in the data)."""


def default_settings() -> dict[str, bool]:
    """The settings an account starts with (data/policies/discoverability.yaml)."""
    return {name: bool(policy_value(f"discoverability.default_{name}")) for name in SETTINGS}


@dataclass(frozen=True)
class AccountProfile:
    """One X account with what is linked to it and its discoverability settings."""

    handle: str
    number: str | None = None
    email: str | None = None
    find_by_phone: bool = True
    find_by_email: bool = True
    upload_contacts: bool = False
    anonymous: bool = False

    @property
    def identifiers(self) -> tuple[str, ...]:
        return tuple(x for x in (self.number, self.email) if x)


@dataclass(frozen=True)
class Person:
    """Someone in the community: their numbers, emails, accounts and address book."""

    id: str
    name: dict[str, str]
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    accounts: tuple[AccountProfile, ...] = ()
    contacts: frozenset[str] = frozenset()  # numbers and emails in the address book
    public_number: bool = False

    def display_name(self, lang: str | None = None) -> str:
        return self.name.get(resolve_language(lang)) or self.id

    def account(self, handle: str) -> AccountProfile | None:
        return next((a for a in self.accounts if a.handle == handle), None)

    def with_accounts(self, accounts: Iterable[AccountProfile]) -> Person:
        return replace(self, accounts=tuple(accounts))


@dataclass
class CommunityIndex:
    """identifier -> who has it in their address book, and whose accounts carry it;
    plus which people upload their address book (and from which accounts)."""

    knowers: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    owners: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    uploading: dict[str, tuple[str, ...]] = field(default_factory=dict)


class Community:
    """A set of people with their identifier index, built once when the community
    is made, so no question ever pays for it."""

    def __init__(self, people: Iterable[Person]) -> None:
        self.people: dict[str, Person] = {}
        handles: set[str] = set()
        for person in people:
            if not isinstance(person, Person) or person.id in self.people:
                raise CommunityError(f"not a person, or a duplicate id: {person!r}"[:200])
            for account in person.accounts:
                if account.handle in handles:
                    raise CommunityError(f"duplicate account @{account.handle}")
                handles.add(account.handle)
            self.people[person.id] = person
        self.index = self._build_index()

    def __len__(self) -> int:
        return len(self.people)

    def get(self, person_id: object) -> Person | None:
        return self.people.get(person_id) if isinstance(person_id, str) else None

    def _build_index(self) -> CommunityIndex:
        """One pass over every address book and account."""
        index = CommunityIndex()
        knowers, owners, uploading = index.knowers, index.owners, index.uploading
        for person in self.people.values():
            if not person.accounts:
                continue  # not on X: cannot search or be suggested anything
            pid = person.id
            for identifier in person.contacts:
                knowers[identifier].append(pid)
            handles = tuple(a.handle for a in person.accounts if a.upload_contacts)
            if handles:
                uploading[pid] = handles
            for account in person.accounts:
                for identifier in account.identifiers:
                    owners[identifier].append((pid, account.handle))
        return index


# --- loading the fictional cast ----------------------------------------------

def _account(raw: Any, defaults: Mapping[str, bool], where: str) -> AccountProfile:
    if not isinstance(raw, dict):
        raise CommunityError(f"{where}: an account must be a mapping")
    handle = clean_handle(raw.get("handle"))
    number = clean_number(raw["number"]) if raw.get("number") else None
    email = clean_email(raw["email"]) if raw.get("email") else None
    if handle is None or (raw.get("number") and number is None) or (
            raw.get("email") and email is None):
        raise CommunityError(f"{where}: bad handle, number or email in {raw!r}")
    settings = {name: raw.get(name, defaults[name]) for name in SETTINGS}
    if not all(isinstance(v, bool) for v in settings.values()):
        raise CommunityError(f"{where}: settings must be true or false")
    return AccountProfile(handle, number, email, anonymous=bool(raw.get("anonymous")),
                          **settings)


def _people(raw: Any) -> list[Person]:
    defaults = default_settings()
    entries = raw.get("people") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        raise CommunityError("community file: needs a list of people")
    by_id = {e.get("id"): e for e in entries if isinstance(e, dict)}
    people = []
    for entry in entries:
        where = f"community: {entry.get('id')!r}"
        phones = tuple(clean_number(p) for p in entry.get("phones") or ())
        emails = tuple(clean_email(e) for e in entry.get("emails") or ())
        if None in phones or None in emails or not isinstance(entry.get("name"), dict):
            raise CommunityError(f"{where}: bad name, phones or emails")
        contacts: set[str] = set()
        for other, kind in (entry.get("contacts") or {}).items():
            known = by_id.get(other)
            if known is None or kind not in ("phone", "email", "both"):
                raise CommunityError(f"{where}: bad contact {other!r}: {kind!r}")
            # An address book holds the number and address people give out: the first ones.
            if kind in ("phone", "both") and known.get("phones"):
                contacts.add(clean_number(known["phones"][0]))  # type: ignore[arg-type]
            if kind in ("email", "both") and known.get("emails"):
                contacts.add(clean_email(known["emails"][0]))  # type: ignore[arg-type]
        accounts = tuple(_account(a, defaults, where) for a in entry.get("accounts") or ())
        people.append(Person(str(entry["id"]), {k: str(v) for k, v in entry["name"].items()},
                             phones, emails, accounts,  # type: ignore[arg-type]
                             frozenset(contacts), bool(entry.get("public_number", False))))
    return people


@lru_cache(maxsize=4)
def _load(path: str) -> Community:
    return Community(_people(safe_load(Path(path).read_text(encoding="utf-8"))))


def load_community() -> Community:
    """The fictional community of data/community.yaml (shared, do not mutate)."""
    return _load(str(data_path("community.yaml")))


# --- synthetic communities for benchmarks --------------------------------------

def synthetic_community(size: int, rng: random.Random, *, contacts_per_person: int = 30,
                        second_account_share: float = 0.1, upload_share: float = 0.3,
                        off_share: float = 0.3, offline_share: float = 0.05) -> Community:
    """A random community of ``size`` people (at most 10,000,000) for benchmarks.

    Numbers are 090-0xxx-xxxx / 070-0xxx-xxxx (fictional blocks); emails are
    on example.com. Some people keep a second, anonymous account on the same
    number, as in the lesson's story.
    """
    if not 1 <= size <= 10_000_000:
        raise ValueError("size must be between 1 and 10,000,000")
    phones = [f"+81{'90' if i % 2 == 0 else '70'}0{i // 2:07d}" for i in range(size)]
    emails = [f"p{i}@example.com" for i in range(size)]
    people = []
    for i in range(size):
        accounts: list[AccountProfile] = []
        if rng.random() >= offline_share:
            accounts.append(AccountProfile(
                f"user{i}", phones[i], emails[i],
                find_by_phone=rng.random() >= off_share,
                find_by_email=rng.random() >= off_share,
                upload_contacts=rng.random() < upload_share))
            if rng.random() < second_account_share:
                accounts.append(AccountProfile(f"anon{i}", phones[i], None,
                                               find_by_phone=rng.random() >= off_share,
                                               find_by_email=False, anonymous=True))
        known = rng.sample(range(size), min(contacts_per_person, size))
        contacts = frozenset(phones[j] if rng.random() < 0.8 else emails[j]
                             for j in known if j != i)
        people.append(Person(f"p{i}", {"ja": f"人物 {i}", "en": f"Person {i}"},
                             (phones[i],), (emails[i],), tuple(accounts), contacts))
    return Community(people)
