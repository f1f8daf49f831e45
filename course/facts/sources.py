"""The sources register (``data/sources.yaml``) and the provenance of every fact.

Every fact the course shows (a policy, an error entry, a quiz question, a
checklist item, a recovery step, a scam cue ...) carries one ``Provenance``:
its status (documented / reported / assumed), the ids of the sources it rests
on, and whether the research marked it UNVERIFIED. The sources themselves live
once, in the register, with their publisher, title, canonical address, kind and
how and when the research saw them. Nothing was checked live: ``seen`` says
whether a page was seen as an archived snapshot, a stored copy, a search
excerpt or only through quotations.

The labels a learner reads (the badge of a fact, the kind of a source, how it
was seen) are built here from ``data/i18n/<lang>/sources.yaml``, so a widget, a
notebook section and the command line say the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from course.i18n import LANGUAGES, resolve_language, t
from course.paths import data_dir
from course.yaml_safe import safe_load

STATUSES = ("documented", "reported", "assumed")
KINDS = ("x_official", "regulator", "standard", "research", "vendor", "library", "news", "guide")
OFFICIAL_KINDS = frozenset(KINDS[:6])  # everything but news and guides
SEEN_HOW = ("live", "snapshot", "copy", "excerpt", "quoted", "unseen")
COPY_VIA = ("stored", "proxy", "altered", "unofficial", "archive", "repository")
# Copies the publisher did not make or control: a reader cannot rely on their wording.
THIRD_PARTY_VIA = frozenset(("proxy", "altered", "unofficial"))
# How a source must have been seen before a fact may be called documented or a
# quiz key may rest on it: more than a search excerpt, and the page itself.
SUBSTANTIAL_HOW = frozenset(("live", "snapshot", "copy", "quoted"))
BADGES = ("x_official", "other_official", "news_guide", "assumed", "unverified")
KIND_GROUPS = {"x_official": "x_official", "news": "news_guide", "guide": "news_guide"}

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_SNAPSHOT = re.compile(r"https://web\.archive\.org/web/(\d{14})/(https?://.+)")

# Host families that are never a publisher's own address for a page: group and
# mailing-list copies, blog and static-site mirrors, search engines, archives
# (an archive copy goes in ``snapshot``, never in ``url``).
_NOT_CANONICAL_HOSTS = re.compile(
    r"(^|\.)(groups\.google\.[a-z.]+|googlegroups\.com|blogspot\.[a-z.]+|pages\.dev"
    r"|duckduckgo\.com|bing\.com|search\.yahoo\.[a-z.]+|liquisearch\.com"
    r"|archive\.org|archive\.ph|archive\.today|megalodon\.jp|lists\.[a-z0-9-]+\.[a-z.]+"
    r"|translate\.goog)$")
# A page address that carries another address (or its base64, "aHR0c" = "http")
# in its query is a proxy or a redirect, not the page.
_EMBEDDED_URL = re.compile(r"(?i)(https?(%3A|:)|aHR0c)")


class SourceError(ValueError):
    """A register entry or a provenance that breaks the rules of data/sources.yaml."""


@dataclass(frozen=True)
class Seen:
    """How the research saw a page (never live in this course) and the date of that copy."""

    how: str
    date: str  # YYYY-MM-DD, YYYY-MM, YYYY or "unknown"
    via: str | None = None


@dataclass(frozen=True)
class Source:
    """One page in the register."""

    id: str
    publisher: Mapping[str, str]
    lang: str
    title_text: str | None  # the title as published; None when the copy showed none
    title: Mapping[str, str]  # the course's translation (or description) per language
    url: str | None
    snapshot: str | None
    kind: str
    seen: Seen
    published: str | None = None
    note: Mapping[str, str] | None = None

    @property
    def official(self) -> bool:
        """Published by X or another official body (not news, not a guide)."""
        return self.kind in OFFICIAL_KINDS

    @property
    def url_confirmed(self) -> bool:
        return self.url is not None

    @property
    def excerpt_only(self) -> bool:
        return self.seen.how == "excerpt"

    @property
    def copy_only(self) -> bool:
        """Seen only as a copy (no snapshot, never live)."""
        return self.seen.how == "copy"

    @property
    def third_party_copy(self) -> bool:
        """Seen only through a proxy or an unofficial copy: the wording may differ."""
        return self.seen.how == "copy" and self.seen.via in THIRD_PARTY_VIA

    @property
    def substantial(self) -> bool:
        """Seen as more than an excerpt, and the page itself (not only its address)."""
        return self.seen.how in SUBSTANTIAL_HOW

    @property
    def group(self) -> str:
        """x_official, other_official or news_guide: the badge family of the publisher."""
        return KIND_GROUPS.get(self.kind, "other_official")

    @property
    def link(self) -> str | None:
        """Where a reader can open it: the canonical address, else nothing."""
        return self.url


@dataclass(frozen=True)
class Provenance:
    """Where a fact comes from and how sure the course is of it."""

    status: str
    sources: tuple[str, ...] = ()
    unverified: bool = False

    @property
    def assumed(self) -> bool:
        return self.status == "assumed"

    def entries(self) -> tuple[Source, ...]:
        """The register entries this fact rests on, in the order given."""
        return tuple(source(s) for s in self.sources)

    @property
    def badges(self) -> tuple[str, ...]:
        """The labels a learner sees next to the fact (see ``badge_label``).

        assumed -> the course's assumption; documented -> X's own page when an X
        source carries it, otherwise another official body; reported -> news or
        guide. UNVERIFIED is added on top of any of them.
        """
        if self.status == "assumed":
            first = "assumed"
        elif self.status == "reported":
            first = "news_guide"
        else:
            kinds = {entry.kind for entry in self.entries()}
            first = "x_official" if "x_official" in kinds else "other_official"
        return (first, "unverified") if self.unverified else (first,)

    def problems(self) -> list[str]:
        """Why this provenance breaks the register's rules (empty when it holds)."""
        out = []
        if self.status not in STATUSES:
            out.append(f"status must be one of {', '.join(STATUSES)}")
        unknown = [s for s in self.sources if s not in register()]
        if unknown:
            return [*out, f"unknown source ids: {', '.join(unknown)}"]
        if self.status in ("documented", "reported") and not self.sources:
            out.append(f"a {self.status} fact needs at least one source")
        if self.status == "documented" and not any(
                e.official and e.url_confirmed and e.substantial for e in self.entries()):
            out.append("a documented fact needs an official source with a confirmed address, "
                       "seen as more than an excerpt")
        return out



class Sourced:
    """For a dataclass with a ``provenance`` field: the fact's status and UNVERIFIED
    mark, read through, so every sourced entry answers the same two questions."""

    provenance: Provenance

    @property
    def status(self) -> str:
        """documented (an official page says so) | reported (news, guides) | assumed."""
        return self.provenance.status

    @property
    def unverified(self) -> bool:
        return self.provenance.unverified

def _ids(raw: Mapping[str, Any], where: str) -> tuple[str, ...]:
    if "source" in raw:
        raise SourceError(f"{where}: 'source' is free text; name register ids in 'sources'")
    ids = raw.get("sources", [])
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise SourceError(f"{where}: sources must be a list of ids from data/sources.yaml")
    unknown = [i for i in ids if i not in register()]
    if unknown:
        raise SourceError(f"{where}: unknown source ids {unknown} (see data/sources.yaml)")
    return tuple(ids)


def read_provenance(raw: Mapping[str, Any], where: str) -> Provenance:
    """Build a Provenance from a data record's ``status``, ``sources`` and ``unverified``.

    Raises SourceError naming ``where`` when a field is malformed or an id is unknown.
    """
    status = raw.get("status")
    if status not in STATUSES:
        raise SourceError(f"{where}: status must be one of {', '.join(STATUSES)}")
    unverified = raw.get("unverified", False)
    if not isinstance(unverified, bool):
        raise SourceError(f"{where}: unverified must be true or false")
    return Provenance(str(status), _ids(raw, where), unverified)


def source_ids(raw: Mapping[str, Any], where: str) -> tuple[str, ...]:
    """The ``sources`` of a record without a status (a quiz question, a checklist item)."""
    return _ids(raw, where)


# --- the register ------------------------------------------------------------------


def noncanonical_reason(url: str) -> str | None:
    """Why ``url`` is not a publisher's canonical address (None when it may be one)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https":
        return "not https"
    if not host or (parts.netloc.split("@")[-1].split(":")[0].endswith(".")):
        return "a host name ending in a dot"
    if _NOT_CANONICAL_HOSTS.search(host):
        return f"{host} is a mirror, a copy, a search engine or an archive, not the publisher"
    if _EMBEDDED_URL.search(parts.query):
        return "a proxy or redirect: the query carries another address"
    if host.endswith(("google.com", "bing.com")) and parts.path.startswith("/search"):
        return "a search-engine URL"
    return None


def _text_pair(raw: object, where: str, field: str) -> dict[str, str]:
    if isinstance(raw, Mapping) and set(raw) - set(LANGUAGES):
        raise SourceError(f"{where}: {field} has unknown keys {sorted(set(raw) - set(LANGUAGES))} "
                          "(a comma in unquoted text splits a YAML flow mapping)")
    if not isinstance(raw, Mapping) or any(not isinstance(raw.get(lang), str) or not raw[lang]
                                           for lang in LANGUAGES):
        raise SourceError(f"{where}: {field} needs text in {', '.join(LANGUAGES)}")
    return {lang: raw[lang] for lang in LANGUAGES}


def _date(value: object, where: str, field: str) -> str:
    text = str(value)
    if text == "unknown":
        return text
    match = _DATE.fullmatch(text)
    if not match:
        raise SourceError(f"{where}: {field} must be YYYY-MM-DD, YYYY-MM, YYYY or unknown")
    return text


def _seen(raw: object, where: str) -> Seen:
    if not isinstance(raw, Mapping):
        raise SourceError(f"{where}: seen needs how and date")
    how, via = raw.get("how"), raw.get("via")
    if how not in SEEN_HOW:
        raise SourceError(f"{where}: seen.how must be one of {', '.join(SEEN_HOW)}")
    if (how == "copy") != (via is not None):
        raise SourceError(f"{where}: seen.via is given for a copy, and only for a copy")
    if via is not None and via not in COPY_VIA:
        raise SourceError(f"{where}: seen.via must be one of {', '.join(COPY_VIA)}")
    if "date" not in raw:
        raise SourceError(f"{where}: seen.date is a date or unknown")
    return Seen(str(how), _date(raw["date"], where, "seen.date"), via)


def _title(raw: object, lang: str, where: str) -> tuple[str | None, dict[str, str]]:
    if not isinstance(raw, Mapping):
        raise SourceError(f"{where}: title needs text and/or ja and en")
    extra = sorted(set(raw) - {"text", *LANGUAGES})
    if extra:
        raise SourceError(f"{where}: title has unknown keys {extra} "
                          "(a comma in unquoted text splits a YAML flow mapping)")
    text = raw.get("text")
    if text is not None and not (isinstance(text, str) and text):
        raise SourceError(f"{where}: title.text must be text")
    out = {}
    for code in LANGUAGES:
        value = raw.get(code) or (text if code == lang else None)
        if not isinstance(value, str) or not value:
            raise SourceError(f"{where}: title needs {code} (or text, for a page in {code})")
        out[code] = value
    return text, out


def _entry(key: object, raw: object, where: str) -> Source:
    if not isinstance(key, str) or not _ID.fullmatch(key):
        raise SourceError(f"{where}: {key!r} is not an id (lower-case words joined by '-')")
    where = f"{where}: {key}"
    if not isinstance(raw, Mapping):
        raise SourceError(f"{where}: must be a mapping")
    unknown = set(raw) - {"publisher", "lang", "title", "url", "snapshot", "kind", "seen",
                          "published", "note"}
    if unknown:
        raise SourceError(f"{where}: unknown fields {sorted(unknown)}")
    lang = raw.get("lang")
    if not isinstance(lang, str) or not re.fullmatch(r"[a-z]{2}", lang):
        raise SourceError(f"{where}: lang is the page's language code (ja, en, tr ...)")
    if raw.get("kind") not in KINDS:
        raise SourceError(f"{where}: kind must be one of {', '.join(KINDS)}")
    if "url" not in raw:
        raise SourceError(f"{where}: url is the canonical address, or null when not confirmed")
    url = raw["url"]
    if url is not None:
        reason = noncanonical_reason(str(url))
        if reason:
            raise SourceError(f"{where}: url {url} is not canonical ({reason})")
    snapshot = raw.get("snapshot")
    if snapshot is not None:
        match = _SNAPSHOT.fullmatch(str(snapshot))
        if not match or url is None or match.group(2).split("://", 1)[1] != url.split("://", 1)[1]:
            raise SourceError(f"{where}: snapshot must be https://web.archive.org/web/"
                              "<14-digit timestamp>/<the url>")
    seen = _seen(raw.get("seen"), where)
    if (seen.how == "snapshot") != (snapshot is not None):
        raise SourceError(f"{where}: a source seen as a snapshot names it, and only then")
    text, title = _title(raw.get("title"), lang, where)
    note = _text_pair(raw["note"], where, "note") if "note" in raw else None
    published = _date(raw["published"], where, "published") if "published" in raw else None
    return Source(key, _text_pair(raw.get("publisher"), where, "publisher"), lang, text, title,
                  url, snapshot, str(raw["kind"]), seen, published, note)


def load_register(path: Path) -> dict[str, Source]:
    """Read and check a register file (the course's is ``data/sources.yaml``)."""
    raw = safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(raw, Mapping):
        raise SourceError(f"{path}: must map source ids to entries")
    return {key: _entry(key, entry, str(path)) for key, entry in raw.items()}


@lru_cache(maxsize=4)
def _register(directory: str) -> dict[str, Source]:
    return load_register(Path(directory) / "sources.yaml")


def register() -> dict[str, Source]:
    """Every source the course cites, by id."""
    return _register(str(data_dir()))


def source(source_id: str) -> Source:
    """One register entry (KeyError naming the id when absent)."""
    try:
        return register()[source_id]
    except KeyError:
        raise KeyError(f"no source {source_id!r} in data/sources.yaml") from None


# --- words for a reader ------------------------------------------------------------


def format_date(date: str, lang: str | None = None) -> str:
    """A register date in words: 2018-09-18 -> 2018年9月18日 / 18 Sep 2018."""
    lang = resolve_language(lang)
    if date == "unknown":
        return t("sources.date.unknown", lang)
    year, month, day = _DATE.fullmatch(date).groups()  # type: ignore[union-attr]
    if day:
        return t("sources.date.day", lang, year=year, day=int(day),
                 month_name=t(f"sources.month.{int(month)}", lang))
    if month:
        return t("sources.date.month", lang, year=year,
                 month_name=t(f"sources.month.{int(month)}", lang))
    return t("sources.date.year", lang, year=year)


def seen_text(entry: Source, lang: str | None = None) -> str:
    """How and when the research saw the page, honestly: never "checked on"."""
    lang = resolve_language(lang)
    key = f"sources.seen.{entry.seen.how}" + (f"_{entry.seen.via}" if entry.seen.via else "")
    return t(key, lang, date=format_date(entry.seen.date, lang))


def kind_label(kind: str, lang: str | None = None) -> str:
    return t(f"sources.kind.{kind}", lang)


def badge_label(badge: str, lang: str | None = None) -> str:
    return t(f"sources.badge.{badge}", lang)


def status_label(status: str, lang: str | None = None) -> str:
    return t(f"sources.status.{status}", lang)


def title_text(entry: Source, lang: str | None = None) -> str:
    """The title in its own language, with the course's translation when they differ.

    A page whose copy showed no title gets the course's description, marked so.
    """
    lang = resolve_language(lang)
    if entry.title_text is None:
        return t("sources.described", lang, description=entry.title[lang])
    if entry.lang == lang or entry.title[lang] == entry.title_text:
        return t("sources.quoted", lang, title=entry.title_text)
    return t("sources.translated", lang, title=entry.title_text, translation=entry.title[lang])


@dataclass(frozen=True)
class SourceLines:
    """Every piece of text a view needs to show one source, in one language."""

    id: str
    publisher: str
    title: str
    kind: str
    seen: str
    note: str | None
    link: str | None
    snapshot: str | None
    unconfirmed: str | None  # set when the canonical address is not confirmed


def source_lines(entry: Source, lang: str | None = None) -> SourceLines:
    lang = resolve_language(lang)
    return SourceLines(
        entry.id, entry.publisher[lang], title_text(entry, lang), kind_label(entry.kind, lang),
        seen_text(entry, lang), entry.note[lang] if entry.note else None, entry.url,
        entry.snapshot, None if entry.url_confirmed else t("sources.unconfirmed", lang))


def plain_text(entry: Source, lang: str | None = None) -> str:
    """One line for a terminal or a plain-text export."""
    lines = source_lines(entry, lang)
    parts = [f"{lines.publisher} {lines.title}", lines.kind, lines.seen]
    parts.append(lines.link or lines.unconfirmed or "")
    if lines.snapshot:
        parts.append(t("sources.snapshot", lang, url=lines.snapshot))
    return " — ".join(p for p in parts if p)


def group_of(entries: Iterable[Source]) -> dict[str, list[Source]]:
    """Sources grouped by badge family (x_official, other_official, news_guide), in order."""
    out: dict[str, list[Source]] = {"x_official": [], "other_official": [], "news_guide": []}
    for entry in entries:
        out[entry.group].append(entry)
    return out


def select_sources(group: str | None = None, how: str | None = None, text: object = ""
                   ) -> tuple[Source, ...]:
    """Register entries matching a badge family, a way of being seen and a search text.

    ``None`` or ``"all"`` means any; ``text`` is matched, case-folded, against the
    publisher and the title in both languages. Anything else (a number, a very long
    string) matches nothing rather than raising.
    """
    if not isinstance(text, str) or len(text) > 200:
        return ()
    needle = text.strip().casefold()
    out = []
    for entry in register().values():
        if group not in (None, "all") and entry.group != group:
            continue
        if how not in (None, "all") and entry.seen.how != how:
            continue
        haystack = " ".join([*entry.publisher.values(), *entry.title.values(),
                             entry.title_text or "", entry.id]).casefold()
        if needle and needle not in haystack:
            continue
        out.append(entry)
    return tuple(sorted(out, key=lambda e: (e.publisher["en"].casefold(), e.id)))
