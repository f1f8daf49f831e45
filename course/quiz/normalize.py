"""How typed answers are compared: full-width and half-width, upper and lower case
all count as the same text.

Japanese keyboards switch between full-width (ＡＢＣ１２３) and half-width
(ABC123) input; learners should not lose marks for that. NFKC folds the
widths, ``casefold`` the case, and spaces are collapsed (and ignored when
comparing, so "Shift + Enter" matches "shift+enter").
"""

from __future__ import annotations

import math
import re
import unicodedata

MAX_TEXT_LENGTH = 200  # a short-text answer longer than this is refused, not graded
MAX_NUMBER_LENGTH = 40

_SPACES = re.compile(r"\s+")
_MINUS_SIGNS = dict.fromkeys(map(ord, "\u2212\u2012\u2013\u2014\u2015\ufe63\uff0d"), "-")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:(?:,\d{3})+|(?: \d{3})+)(?:\.\d*)?")


def normalize_text(text: str) -> str:
    """NFKC, case folding, no control characters, single spaces, no outer spaces.

    Idempotent: normalizing a normalized text changes nothing.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = unicodedata.normalize("NFKC", folded)  # casefold output may need NFKC again
    visible = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in folded)
    return _SPACES.sub(" ", visible).strip()


def comparison_key(text: str) -> str:
    """The form two answers are compared in: normalized, spaces removed."""
    return normalize_text(text).replace(" ", "")


def parse_number(raw: str, units: tuple[str, ...] = ()) -> float | None:
    """Read a number a learner typed: "６０", "60 分", "1,500", "−3.5", "1e3".

    Returns None for anything that is not one finite number.
    """
    text = normalize_text(raw).translate(_MINUS_SIGNS)
    for unit in sorted((normalize_text(u) for u in units if u), key=len, reverse=True):
        if unit and text.endswith(unit):
            text = text[: -len(unit)].strip()
            break
    text = text.strip()
    if _GROUPED.fullmatch(text):
        text = text.replace(",", "").replace(" ", "")
    text = re.sub(r"^([+-]) ", r"\1", text)
    if not _NUMBER.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None
