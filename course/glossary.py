"""The bilingual glossary (``data/glossary.yaml``): one term list for both languages.

Notebooks use these words consistently, and the glossary widget lets a learner
look a word up in either language.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from course.i18n import LANGUAGES
from course.paths import data_dir
from course.yaml_safe import safe_load


@dataclass(frozen=True)
class Term:
    """One glossary entry in every language."""

    id: str
    term: dict[str, str]
    also: dict[str, tuple[str, ...]]
    definition: dict[str, str]

    def wordings(self, lang: str) -> tuple[str, ...]:
        """The term and its accepted alternatives in one language."""
        return (self.term[lang], *self.also[lang])


def _fold(text: str) -> str:
    """Compare words ignoring width, case and spaces (ＳＭＳ = sms = "S M S")."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[Term, ...]:
    raw = safe_load(Path(path).read_text(encoding="utf-8")) or {}
    terms = []
    for entry in raw.get("terms", []):
        terms.append(Term(
            id=entry["id"],
            term={lang: entry[lang]["term"] for lang in LANGUAGES},
            also={lang: tuple(entry[lang].get("also", [])) for lang in LANGUAGES},
            definition={lang: entry[lang]["definition"] for lang in LANGUAGES},
        ))
    return tuple(terms)


def terms() -> tuple[Term, ...]:
    """Every glossary term, in file order."""
    return _load(str(data_dir() / "glossary.yaml"))


def lookup(query: object) -> list[Term]:
    """Terms whose wording in any language contains ``query``, best match first.

    An exact wording ranks before a prefix, a prefix before any other match.
    Accepts anything a learner might type; a non-string or blank query finds nothing.
    """
    if not isinstance(query, str):
        return []
    needle = _fold(query[:200])
    if not needle:
        return []
    ranked = []
    for position, term in enumerate(terms()):
        folded = [_fold(w) for lang in LANGUAGES for w in term.wordings(lang)]
        if any(needle in w for w in folded):
            rank = 0 if needle in folded else 1 if any(w.startswith(needle) for w in folded) else 2
            ranked.append((rank, position, term))
    return [term for _, _, term in sorted(ranked, key=lambda item: item[:2])]
