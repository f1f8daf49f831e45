"""Input cleaning for identifiers a learner types: phone numbers (E.164), email
addresses and user names.

The registry, the discoverability community and the number reader all need the
same idea of what an identifier looks like, so it lives here, below them all.
"""

from __future__ import annotations

import re

MAX_INPUT_CHARS = 320
_E164 = re.compile(r"\+[1-9][0-9]{7,14}", re.ASCII)
_HANDLE = re.compile(r"@?[A-Za-z0-9_]{1,15}", re.ASCII)
_EMAIL = re.compile(
    r"[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@"
    r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+",
    re.ASCII,
)


def _text(value: object) -> str | None:
    if not isinstance(value, str) or len(value) > MAX_INPUT_CHARS:
        return None
    return value.strip()


def clean_number(value: object) -> str | None:
    """Return ``value`` if it is an E.164 number ("+" and 8–15 ASCII digits), else None."""
    text = _text(value)
    return text if text is not None and _E164.fullmatch(text) else None


def clean_email(value: object) -> str | None:
    """Return the address lower-cased, or None when it is not name@domain.tld."""
    text = _text(value)
    if text is None or len(text) > 254:
        return None
    text = text.lower()
    return text if _EMAIL.fullmatch(text) else None


def clean_handle(value: object) -> str | None:
    """Return a user name without "@", lower-cased (X treats names case-blind), or None."""
    text = _text(value)
    if text is None or not _HANDLE.fullmatch(text):
        return None
    return text.lstrip("@").lower()
