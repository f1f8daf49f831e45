"""Reading a number a learner types, and showing it masked (090-****-4567).

The registry only takes E.164 ("+819001234567"), but a Japanese learner types
"090-0123-4567", often with full-width digits or spaces. ``read_typed_number``
turns such input into E.164 and lets the registry's own cleaner
(``course.sim.core.identifiers.clean_number``) decide whether the shape is right, so
there is one rule for what a number looks like.

Once typed, a number is never shown whole again: ``masked`` keeps the first
group and the last digits and hides the middle. Nothing here stores a number.
"""

from __future__ import annotations

import re
import unicodedata

from course.sim.core.identifiers import MAX_INPUT_CHARS, clean_number

# What people put between digits: spaces, hyphens of every width, dots, brackets.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−ー.()]")
_JAPAN = "+81"
# Japanese national numbers whose first group has three digits (0A0 mobile, IP, M2M);
# other fixed numbers are shown 0X-XXXX-XXXX as Tokyo (03) and Osaka (06) numbers are.
_THREE_DIGIT_PREFIXES = ("020", "050", "060", "070", "080", "090")
_KNOWN_COUNTRY_CODES = ("1", "44", "81")


def read_typed_number(value: object) -> str | None:
    """E.164 form of what a learner typed, or None when it is not a number's shape.

    Accepts "+81 90-0123-4567", "090-0123-4567" (a Japanese national number:
    the leading 0 becomes +81) and full-width digits; everything else goes
    through ``clean_number`` unchanged, which refuses it.
    """
    if not isinstance(value, str) or len(value) > MAX_INPUT_CHARS:
        return None
    text = _SEPARATORS.sub("", unicodedata.normalize("NFKC", value))
    if text.startswith("0") and not text.startswith("00"):
        text = _JAPAN + text[1:]
    return clean_number(text)


def _groups(e164: str) -> tuple[str, list[str]]:
    """(prefix, digit groups) of a cleaned number: national form for Japan,
    "+CC" and groups for the UK and North America, "+CC" and one run otherwise
    (only the numbers the course uses need the exact grouping)."""
    digits = e164[1:]
    if e164.startswith(_JAPAN):
        national = "0" + digits[2:]
        if len(national) == 11 and national.startswith(_THREE_DIGIT_PREFIXES):
            return "", [national[:3], national[3:7], national[7:]]
        if len(national) == 10:
            return "", [national[:2], national[2:6], national[6:]]
        return "", [national]
    if digits.startswith("1") and len(digits) == 11:
        return "+1 ", [digits[1:4], digits[4:7], digits[7:]]
    if digits.startswith("4420") and len(digits) == 12:
        return "+44 ", [digits[2:4], digits[4:8], digits[8:]]
    if digits.startswith("44") and len(digits) == 12:
        return "+44 ", [digits[2:6], digits[6:]]
    code = next((c for c in _KNOWN_COUNTRY_CODES if digits.startswith(c)), digits[:2])
    return f"+{code} ", [digits[len(code):]]


def display_form(number: object) -> str | None:
    """The number grouped as people write it ("090-0123-4567"), or None if not E.164.

    Only for numbers the course itself ships (the fictional cast); a number a
    learner typed is shown with ``masked`` instead."""
    e164 = clean_number(number)
    if e164 is None:
        return None
    prefix, groups = _groups(e164)
    separator = " " if prefix.startswith("+44") else "-"
    return prefix + separator.join(groups)


def masked(number: object) -> str | None:
    """The number with its middle hidden: "090-****-4567", "+44 7700 **0123".

    Keeps the first group and the last four digits; at least a quarter of the
    digits (never fewer than three) are always hidden, so no form of the
    number is shown whole. None when ``number`` is not E.164.
    """
    e164 = clean_number(number)
    if e164 is None:
        return None
    prefix, groups = _groups(e164)
    total = sum(len(g) for g in groups)
    must_hide = max(3, total // 4)
    keep_front = len(groups[0]) if len(groups) > 1 else 0
    keep_back = 4
    while total - keep_front - keep_back < must_hide:
        if keep_back > 2:
            keep_back -= 1
        elif keep_front > 0:
            keep_front -= 1
        else:
            keep_back -= 1
    shown = []
    index = 0
    for group in groups:
        chars = []
        for ch in group:
            hidden = keep_front <= index < total - keep_back
            chars.append("*" if hidden else ch)
            index += 1
        shown.append("".join(chars))
    separator = " " if prefix.startswith("+44") else "-"
    return prefix + separator.join(shown)
