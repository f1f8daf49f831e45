"""What rests on each source: every fact-bearing record in ``data/`` and its sources.

A record is any mapping in a data file that names ``sources`` (register ids)
or points at a ``policy`` (and so takes that policy's sources): a policy, an
error entry, a quiz question, a checklist item, a recovery step, a scam cue or
card, a fictional range, a published study. Reading the files generically means
a new data file with ``sources`` is indexed without code changes.

``uses()`` answers "what must I re-check when X changes this page?";
``ids_in(scope)`` gives the sources of one data file (``"policies/sms"``,
``"quizzes/03_sms_codes"``), which is how a notebook's sources section is built;
``counts()`` gives the figures a maintainer reports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from course.facts.sources import Provenance, Source, register
from course.paths import data_dir
from course.yaml_safe import safe_load

# Files that hold no facts (text catalogs, the register itself, the course map).
_SKIPPED = ("i18n/", "sources.yaml", "course.yaml", "glossary.yaml")
# Containers whose name adds nothing to a record's label.
_CONTAINERS = frozenset(("questions", "items", "ranges", "facts"))


@dataclass(frozen=True)
class FactRecord:
    """One fact-bearing record and what it rests on."""

    scope: str  # the data file without .yaml: "policies/sms", "quizzes/03_sms_codes"
    path: tuple[str, ...]  # keys and ids inside the file
    sources: tuple[str, ...]
    status: str | None  # None for records that carry no status (questions, checklist)
    unverified: bool = False
    policy: str | None = None  # the policy this record takes its sources from

    @property
    def kind(self) -> str:
        """policy, error, question, checklist, recovery, scam, ... (from the file)."""
        head = self.scope.split("/")[0]
        return {"policies": "policy", "errors": "error", "quizzes": "question"}.get(head, head)

    @property
    def label(self) -> str:
        inner = ".".join(p for p in self.path if p not in _CONTAINERS)
        return f"{self.scope}: {inner}"

    @property
    def is_question(self) -> bool:
        return self.kind == "question"

    def entries(self) -> tuple[Source, ...]:
        return tuple(register()[s] for s in self.sources if s in register())


def _records(node: Any, scope: str, path: tuple[str, ...],
             policies: Mapping[str, Provenance]) -> Iterable[FactRecord]:
    if isinstance(node, Mapping):
        if isinstance(node.get("policy"), str) and "sources" not in node:
            found = policies.get(node["policy"])
            if found is not None:
                yield FactRecord(scope, path, found.sources, found.status,
                                 found.unverified or bool(node.get("unverified")),
                                 node["policy"])
        elif isinstance(node.get("sources"), list) and all(
                isinstance(s, str) for s in node["sources"]):
            status = node.get("status")
            yield FactRecord(scope, path, tuple(node["sources"]),
                             status if isinstance(status, str) else None,
                             node.get("unverified") is True)
        for key, value in node.items():
            if key != "sources":
                yield from _records(value, scope, (*path, str(key)), policies)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            name = item.get("id") if isinstance(item, Mapping) else None
            yield from _records(item, scope, (*path, str(name if name else index)), policies)


def _policy_provenance(root: Path) -> dict[str, Provenance]:
    out = {}
    for path in sorted((root / "policies").glob("*.yaml")):
        raw = safe_load(path.read_text(encoding="utf-8")) or {}
        for name, entry in raw.items():
            if isinstance(entry, Mapping) and isinstance(entry.get("sources"), list):
                out[f"{path.stem}.{name}"] = Provenance(
                    str(entry.get("status")), tuple(entry["sources"]),
                    entry.get("unverified") is True)
    return out


@lru_cache(maxsize=4)
def _all_records(directory: str) -> tuple[FactRecord, ...]:
    root = Path(directory)
    policies = _policy_provenance(root)
    out: list[FactRecord] = []
    for path in sorted(root.rglob("*.yaml")):
        relative = path.relative_to(root).as_posix()
        if relative.startswith(_SKIPPED):
            continue
        raw = safe_load(path.read_text(encoding="utf-8"))
        out.extend(_records(raw, relative[: -len(".yaml")], (), policies))
    return tuple(out)


def records() -> tuple[FactRecord, ...]:
    """Every fact-bearing record in the course's data, in file order."""
    return _all_records(str(data_dir()))


def uses() -> dict[str, list[FactRecord]]:
    """Source id -> the records resting on it (every register id is a key)."""
    out: dict[str, list[FactRecord]] = {source_id: [] for source_id in register()}
    for record in records():
        for source_id in record.sources:
            out.setdefault(source_id, []).append(record)
    return out


def ids_in(scope: str) -> list[str]:
    """The source ids the records of one data file cite, in first-seen order."""
    seen: dict[str, None] = {}
    for record in records():
        if record.scope == scope:
            seen.update(dict.fromkeys(record.sources))
    return list(seen)


def scopes() -> set[str]:
    """Every data file that holds records (what ``ids_in`` accepts)."""
    return {record.scope for record in records()}


@dataclass(frozen=True)
class Counts:
    """The figures a maintainer reports about the register and what rests on it."""

    sources: int
    by_kind: dict[str, int]
    by_how: dict[str, int]  # snapshot, copy:stored, copy:proxy, excerpt ...
    facts: int  # records that cite at least one source
    assumed_without_sources: int
    only_excerpts: int  # records whose every source was seen only as a search excerpt
    only_copies: int  # ... only as copies (no snapshot, no live page)
    only_third_party_copies: int  # ... only through proxies or unofficial copies
    unconfirmed_addresses: int  # sources whose canonical address is not confirmed


def counts() -> Counts:
    entries = register().values()
    by_how = Counter(e.seen.how + (f":{e.seen.via}" if e.seen.via else "") for e in entries)
    cited = [r for r in records() if r.sources]
    return Counts(
        sources=len(register()),
        by_kind=dict(Counter(e.kind for e in entries)),
        by_how=dict(by_how),
        facts=len(cited),
        assumed_without_sources=sum(1 for r in records() if not r.sources),
        only_excerpts=sum(all(e.excerpt_only for e in r.entries()) for r in cited),
        only_copies=sum(all(e.copy_only for e in r.entries()) for r in cited),
        only_third_party_copies=sum(all(e.third_party_copy for e in r.entries())
                                    for r in cited),
        unconfirmed_addresses=sum(not e.url_confirmed for e in entries),
    )
