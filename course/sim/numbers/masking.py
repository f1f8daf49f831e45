"""The masked form of a phone number, safe to show on screen: 090-****-4567."""

from __future__ import annotations

import re

_DIGIT_RUNS = re.compile(r"[0-9]+")
_DIGIT = re.compile(r"[0-9]")
_THREE_GROUPS = re.compile(r"([0-9]{2,5})([- ])([0-9]{1,4})([- ])([0-9]{4})")


def mask(display: str | None) -> str | None:
    """Hide the middle of a number: keep the first group and the last 4 digits.

    ``090-0123-4567`` becomes ``090-****-4567`` and ``+44 7700 900123`` becomes
    ``+44 7700 ***123``. At least a quarter of the digits (and never fewer than
    two) are always hidden, so a short or unformatted number is never shown whole.
    """
    if not display:
        return None
    common = _THREE_GROUPS.fullmatch(display)
    if common is not None:  # 090-0123-4567: the middle group alone is enough to hide
        first, middle, last = common.group(1, 3, 5)
        total = len(first) + len(middle) + 4
        if len(middle) >= max(2, total // 4):
            return f"{first}{common.group(2)}{'*' * len(middle)}{common.group(4)}{last}"
    return _mask_general(display)


def _mask_general(display: str) -> str:
    """The rule itself, for any layout (``mask`` takes a shortcut for the common one)."""
    runs = _DIGIT_RUNS.findall(display)
    total = sum(map(len, runs))
    if total == 0:
        return display
    head = runs[:2] if display.startswith("+") and len(runs) > 2 else runs[:1]
    keep_front = sum(map(len, head))
    if len(runs) <= 1:
        keep_front = min(keep_front, 3)
    keep_back = 4
    must_hide = max(2, total // 4)
    while total - keep_front - keep_back < must_hide and keep_back > 2:
        keep_back -= 1
    while total - keep_front - keep_back < must_hide and keep_front > 0:
        keep_front -= 1
    while total - keep_front - keep_back < must_hide and keep_back > 0:
        keep_back -= 1
    hide_until = total - keep_back
    if hide_until <= keep_front:  # cannot happen (the loops above hide at least one digit)
        return _DIGIT.sub("*", display)
    # Positions in the text of the first and last digit to hide.
    start = end = None
    seen = 0
    for run in _DIGIT_RUNS.finditer(display):
        size = len(run.group())
        if start is None and seen + size > keep_front:
            start = run.start() + keep_front - seen
        if seen + size >= hide_until:
            end = run.start() + hide_until - seen
            break
        seen += size
    return display[:start] + _DIGIT.sub("*", display[start:end]) + display[end:]
