"""Learner-facing text in Japanese and English.

All text a learner reads comes from the catalogs in ``data/i18n/<lang>/``: one
YAML file per area (``common.yaml``, ``doctor.yaml`` ...), the same file names
and keys in every language. A key is ``<file stem>.<dotted path>``, e.g.
``common.language.name``. Keeping text out of code lets translators work on
data alone, and a test checks that both languages carry the same keys and
placeholders.
"""

from __future__ import annotations

import os
import re
import string
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from course.paths import data_dir
from course.yaml_safe import safe_load

LANGUAGES: tuple[str, ...] = ("ja", "en")
DEFAULT_LANGUAGE = "ja"

_ALIASES = {
    "ja": "ja", "jp": "ja", "jpn": "ja", "japanese": "ja", "日本語": "ja", "ja-jp": "ja",
    "ja_jp": "ja", "nihongo": "ja",
    "en": "en", "eng": "en", "english": "en", "英語": "en", "en-us": "en", "en_us": "en",
    "en-gb": "en", "en_gb": "en",
}


class UnknownLanguageError(ValueError):
    """Raised for a language the course does not offer."""


def normalize_language(lang: object) -> str:
    """Map what a person might type ("JP", "English", "日本語") to "ja" or "en"."""
    if isinstance(lang, str):
        key = lang.strip().lower()
        if key in _ALIASES:
            return _ALIASES[key]
    raise UnknownLanguageError(
        f"Unknown language {lang!r}: use 'ja' (日本語) or 'en' (English). "
        f"言語 {lang!r} はありません。'ja'(日本語)か 'en'(英語)を指定してください。"
    )


def _initial_language() -> str:
    try:
        return normalize_language(os.environ.get("COURSE_LANG", DEFAULT_LANGUAGE))
    except UnknownLanguageError:
        return DEFAULT_LANGUAGE


_current = _initial_language()


def get_language() -> str:
    """Return the course language in use ("ja" or "en")."""
    return _current


def set_language(lang: object) -> str:
    """Choose the language of every widget and message; return the normalized code."""
    global _current
    _current = normalize_language(lang)
    return _current


def resolve_language(lang: object | None) -> str:
    """Return ``lang`` normalized, or the current language when ``lang`` is None."""
    return get_language() if lang is None else normalize_language(lang)


def _flatten(prefix: str, node: Any, out: dict[str, str], source: Path) -> None:
    if isinstance(node, Mapping):
        for key, value in node.items():
            _flatten(f"{prefix}.{key}", value, out, source)
    elif isinstance(node, str):
        out[prefix] = node
    else:
        raise ValueError(f"{source}: {prefix} must be text, not {type(node).__name__}")


def catalog_dir(lang: str, root: Path | None = None) -> Path:
    """Return the folder holding one language's catalog files."""
    return (root or data_dir()) / "i18n" / lang


@lru_cache(maxsize=8)
def _load_catalog(directory: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for path in sorted(Path(directory).glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            content = safe_load(handle) or {}
        _flatten(path.stem, content, out, path)
    return out


def catalog(lang: str | None = None) -> dict[str, str]:
    """Return every text of one language as a flat ``key -> text`` mapping."""
    return _load_catalog(str(catalog_dir(resolve_language(lang))))


# "{count|word|words}": the first form when ``count`` is 1, else the second. English
# texts use it so a count of one reads right; Japanese texts need no plural.
_PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def _is_one(value: object) -> bool:
    try:
        return float(value) == 1  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def fill(text: str, /, **values: object) -> str:
    """Fill ``{placeholders}``, choosing ``{count|one|other}`` forms by the count."""
    if "|" in text:
        text = _PLURAL.sub(lambda m: m.group(2) if _is_one(values.get(m.group(1)))
                           else m.group(3), text)
    return text.format(**values) if values else text


def placeholders(text: str) -> set[str]:
    """Return the ``{name}`` placeholders a text expects (a plural form counts as its name)."""
    text = _PLURAL.sub(lambda m: "{" + m.group(1) + "}", text)
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def has_text(key: str, lang: str | None = None) -> bool:
    """Tell whether a key exists in a language's catalog."""
    return key in catalog(lang)


def t(key: str, lang: str | None = None, /, **values: object) -> str:
    """Return the text for ``key`` in ``lang`` (default: the current language).

    Placeholders are filled from ``values``. A missing key is a defect in the
    course, so it raises ``KeyError`` naming the key (tests catch these).
    """
    texts = catalog(lang)
    try:
        text = texts[key]
    except KeyError:
        raise KeyError(f"no text {key!r} in the {resolve_language(lang)} catalog") from None
    return fill(text, **values)


def both(key: str, /, **values: object) -> dict[str, str]:
    """Return a text in every language, e.g. for a pure result that carries both."""
    return {lang: t(key, lang, **values) for lang in LANGUAGES}
