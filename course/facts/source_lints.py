"""The honesty rules for sources, as functions a test or a command can run.

* every URL a learner can read is in the register (or is one of the reserved
  example names the course invents, like ``x-com-support.example``);
* a fact marked documented rests on an official source whose address is
  confirmed and which was seen as more than a search excerpt;
* a quiz question's correct answer never rests only on a search excerpt (or on
  a page nobody saw);
* learner-facing text names no research note, no section sign, no data file.

Each function returns problems as text (empty when the rule holds).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from course.facts.source_uses import FactRecord, records
from course.facts.sources import Provenance, register

URL = re.compile(r"https?://[^\s<>\"'`)\]]+")
# Names reserved for examples and tests (RFC 2606, RFC 6761): never a real site.
_RESERVED = (".example", ".test", ".invalid", ".localhost")
_RESERVED_HOSTS = {"example.com", "example.org", "example.net", "localhost", "127.0.0.1"}
# What must never reach a learner: the research notes, section signs, data paths.
INTERNAL = re.compile(r"domain[_]facts|quiz[_]anchors|aesthetics[_]anchors|§"
                      r"|\bdata/[\w./-]+\.(?:ya?ml|json)")


# X's own front doors, which the course teaches as the only official places to
# go (they are addresses to type, not pages cited as sources).
TAUGHT_ADDRESSES = frozenset(("https://x.com", "https://help.x.com", "https://twitter.com"))


def register_addresses() -> set[str]:
    """Every canonical address and snapshot in the register."""
    out: set[str] = set()
    for entry in register().values():
        out.update(a for a in (entry.url, entry.snapshot) if a)
    return out


def _reserved(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return host in _RESERVED_HOSTS or host.endswith(_RESERVED) or any(
        host.endswith("." + h) for h in _RESERVED_HOSTS)


def urls_in(text: str) -> list[str]:
    """The URLs in a text, without trailing punctuation."""
    return [m.group().rstrip(".,;:") for m in URL.finditer(text)]


def unregistered_urls(text: str) -> list[str]:
    """URLs in ``text`` that are neither in the register nor reserved example names."""
    known = register_addresses() | TAUGHT_ADDRESSES
    return [u for u in urls_in(text) if u.rstrip("/") not in known and u not in known
            and not _reserved(u)]


def internal_mentions(text: str) -> list[str]:
    """Research-note names, section signs and data-file paths found in ``text``."""
    return [m.group() for m in INTERNAL.finditer(text)]


def fact_problems(found: Iterable[FactRecord] | None = None) -> list[str]:
    """Records whose status and sources break the rules (unknown ids included)."""
    out = []
    for record in found if found is not None else records():
        unknown = [s for s in record.sources if s not in register()]
        if unknown:
            out.append(f"{record.label}: unknown source ids {unknown}")
            continue
        if record.status is None:
            continue
        for problem in Provenance(record.status, record.sources, record.unverified).problems():
            out.append(f"{record.label}: {problem}")
    return out


def quiz_key_problems(found: Iterable[FactRecord] | None = None) -> list[str]:
    """Questions whose answer rests only on excerpts or on pages nobody saw."""
    out = []
    for record in found if found is not None else records():
        if record.is_question and record.sources and not any(
                e.substantial for e in record.entries()):
            out.append(f"{record.label}: the answer rests only on "
                       + ", ".join(f"{e.id} ({e.seen.how})" for e in record.entries()))
    return out


def ids_cited_in(text: str) -> set[str]:
    """Register ids whose address (or snapshot) appears in ``text`` (e.g. a README)."""
    found = set(urls_in(text))
    return {e.id for e in register().values() if {e.url, e.snapshot} & found}


def unused_sources(also_used: Iterable[str] = ()) -> list[str]:
    """Register entries nothing cites (``also_used``: ids cited outside data/)."""
    used = {s for record in records() for s in record.sources} | set(also_used)
    return sorted(set(register()) - used)
