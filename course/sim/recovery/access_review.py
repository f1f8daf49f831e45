"""Reviewing connected apps and logged-in sessions, and revoking what you do not
recognise.

``data/access_review.yaml`` holds a fictional account's 「アプリとセッション」
screen: apps with their permissions and sessions with place and time, some
of them suspicious. A learner removes entries (revokes an app, logs a
session out, or logs out every other session); ``review`` says, entry by
entry, what that did: a suspicious entry caught or missed, something the
owner uses removed for nothing, an unused app tidied away. The current
session cannot log itself out, as on the real screen.

The list is the course's invention (status ``assumed``); the facts about the
screen and what revoking does carry their own sources and status.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from course.facts.sources import SourceError, read_provenance
from course.paths import data_path
from course.sim.core.choices import clean_choices
from course.sim.core.data_text import Fact, bilingual_text
from course.sim.core.errors import Refusal
from course.yaml_safe import safe_load

EXPECTED = ("revoke", "keep", "either")
# What removing (or keeping) an entry amounted to.
CAUGHT, MISSED, KEPT, REMOVED_NEEDED, TIDIED, LEFT_UNUSED = (
    "caught", "missed", "kept", "removed_needed", "tidied", "left_unused")
MAX_CHOICES = 64


class AccessDataError(ValueError):
    """data/access_review.yaml is malformed (a defect in the course, caught by tests)."""


@dataclass(frozen=True)
class Entry:
    """One connected app or one logged-in session."""

    id: str
    kind: str  # app | session
    name: dict[str, str]
    note: dict[str, str]
    when: dict[str, str]  # authorized (apps) or last active (sessions)
    expected: str  # revoke | keep | either
    cues: tuple[str, ...]
    permission: str | None = None  # apps: read | read_write | read_write_dm
    email: bool = False  # apps: may see the email address
    place: dict[str, str] | None = None  # sessions
    current: bool = False  # sessions: the device in use

    @property
    def suspicious(self) -> bool:
        return self.expected == "revoke"


@dataclass(frozen=True)
class AccessList:
    facts: tuple[Fact, ...]
    entries: tuple[Entry, ...]
    cues: dict[str, dict[str, str]]

    def entry(self, entry_id: str) -> Entry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    @property
    def apps(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.kind == "app")

    @property
    def sessions(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.kind == "session")


_text = partial(bilingual_text, error=AccessDataError)


def _entry(raw: dict[str, Any], kind: str, cues: dict, permissions: list[str]) -> Entry:
    eid = raw["id"]
    if raw.get("expected") not in EXPECTED:
        raise AccessDataError(f"{eid}: expected must be one of {EXPECTED}")
    unknown = set(raw.get("cues") or ()) - set(cues)
    if unknown:
        raise AccessDataError(f"{eid}: unknown cues {sorted(unknown)}")
    if raw["expected"] == "revoke" and not raw.get("cues"):
        raise AccessDataError(f"{eid}: a suspicious entry needs the cues that give it away")
    common = {"id": eid, "kind": kind, "name": _text(raw["name"], eid),
              "note": _text(raw["note"], eid), "expected": raw["expected"],
              "cues": tuple(raw.get("cues") or ())}
    if kind == "app":
        if raw.get("permission") not in permissions:
            raise AccessDataError(f"{eid}: permission must be one of {permissions}")
        return Entry(**common, when=_text(raw["authorized"], eid),
                     permission=raw["permission"], email=bool(raw.get("email", False)))
    current = bool(raw.get("current", False))
    if current and raw["expected"] != "keep":
        raise AccessDataError(f"{eid}: the current session is kept")
    return Entry(**common, when=_text(raw["when"], eid), place=_text(raw["place"], eid),
                 current=current)


@lru_cache(maxsize=2)
def _load(path: str) -> AccessList:
    raw = safe_load(Path(path).read_text(encoding="utf-8"))
    cues = {cid: _text(text, f"cue {cid}") for cid, text in raw["cue"].items()}
    facts = []
    for fid, entry in raw["facts"].items():
        try:
            provenance = read_provenance(entry, f"fact {fid}")
        except SourceError as error:
            raise AccessDataError(str(error)) from None
        facts.append(Fact(fid, _text(entry["text"], fid), provenance))
    entries = [_entry(a, "app", cues, raw["permissions"]) for a in raw["apps"]]
    entries += [_entry(s, "session", cues, raw["permissions"]) for s in raw["sessions"]]
    ids = [e.id for e in entries]
    if len(set(ids)) != len(ids) or sum(e.current for e in entries) != 1:
        raise AccessDataError(f"{path}: ids must be unique and exactly one session current")
    return AccessList(tuple(facts), tuple(entries), cues)


def access_list(path: Path | None = None) -> AccessList:
    """The fictional account's apps and sessions (``data/access_review.yaml``)."""
    return _load(str(path or data_path("access_review.yaml")))


def other_sessions() -> frozenset[str]:
    """What "log out all other sessions" removes: every session but this device."""
    return frozenset(e.id for e in access_list().sessions if not e.current)


@dataclass(frozen=True)
class EntryVerdict:
    entry: Entry
    removed: bool
    verdict: str  # caught | missed | kept | removed_needed | tidied | left_unused


@dataclass(frozen=True)
class AccessReview:
    """What the removals amount to, entry by entry."""

    removed: frozenset[str]
    verdicts: tuple[EntryVerdict, ...]

    def of(self, entry_id: str) -> EntryVerdict:
        return next(v for v in self.verdicts if v.entry.id == entry_id)

    @property
    def missed(self) -> tuple[Entry, ...]:
        return tuple(v.entry for v in self.verdicts if v.verdict == MISSED)

    @property
    def removed_needed(self) -> tuple[Entry, ...]:
        return tuple(v.entry for v in self.verdicts if v.verdict == REMOVED_NEEDED)

    @property
    def all_clear(self) -> bool:
        """Every suspicious entry is gone."""
        return not self.missed


def _verdict(entry: Entry, removed: bool) -> str:
    if entry.expected == "revoke":
        return CAUGHT if removed else MISSED
    if entry.expected == "keep":
        return REMOVED_NEEDED if removed else KEPT
    return TIDIED if removed else LEFT_UNUSED


def review(remove: Iterable[str] | str | None) -> AccessReview | Refusal:
    """Remove the entries named in ``remove`` and say what that did.

    Unknown ids, or the current session (it cannot log itself out), are
    refused with a problem; nothing raises.
    """
    data = access_list()
    known = {e.id for e in data.entries}
    chosen = clean_choices(remove, known, MAX_CHOICES, "access_unknown_entry",
                           lambda items: ", ".join(str(i)[:30] for i in items[:5]))
    if isinstance(chosen, Refusal):
        return chosen
    current = next(e for e in data.sessions if e.current)
    if current.id in chosen:
        return Refusal("access_current_session")
    return AccessReview(chosen, tuple(EntryVerdict(e, e.id in chosen, _verdict(e, e.id in chosen))
                                      for e in data.entries))


__all__ = ["CAUGHT", "EXPECTED", "KEPT", "LEFT_UNUSED", "MISSED", "REMOVED_NEEDED", "TIDIED",
           "AccessList", "AccessReview", "Entry", "EntryVerdict", "access_list",
           "other_sessions", "review"]
