"""The one masking rule for a phone number on screen: 090-****-4567.

Every simulator that shows a number a learner typed (or one the simulated
registry holds) shows it through ``mask``, so the same number looks the same
everywhere. The rule:

* the country code (for an international form) and the first group stay,
  so a learner still sees what kind of number it is (090, 0120, +44 7700 ...);
* at most the last four digits stay, so a learner recognises their own number;
* at least ``MIN_HIDDEN`` digits, and at least a third of the digits after the
  country code, are always hidden (``hidden_needed``). Four hidden digits
  leave 10,000 candidates; two would leave 100. When there is not enough to
  hide, the end gives way first (down to two digits), then the first group.
"""

from __future__ import annotations

import math
import re

import phonenumbers

from course.sim.core.problems import Problem

MIN_HIDDEN = 4  # never fewer hidden digits (10,000 candidates), unless the number is shorter
KEEP_LAST = 4  # at most this many digits stay at the end
_KEEP_LAST_AT_LEAST = 2  # the end gives way to this before the first group does
_SINGLE_RUN_FRONT = 3  # an unformatted run keeps this many leading digits at most

_DIGIT_RUNS = re.compile(r"[0-9]+")
_DIGIT = re.compile(r"[0-9]")
# The common national layout (090-0123-4567, 03-1234-5678): masked without the general walk.
_THREE_GROUPS = re.compile(r"([0-9]{2,5})([- ])([0-9]{1,6})([- ])([0-9]{4})")


def hidden_needed(digits: int) -> int:
    """How many of ``digits`` digits (after any country code) the rule always hides."""
    return min(digits, max(MIN_HIDDEN, math.ceil(digits / 3)))


def _country_code_length(display: str, runs: list[str]) -> int:
    """Digits of the country code at the start of an international form (0 for national)."""
    if not display.startswith("+"):
        return 0
    if len(runs) > 1 and len(runs[0]) <= 3:
        return len(runs[0])
    first = runs[0] if runs else ""
    for size in (1, 2, 3):  # "+819001234567": the code is the first 1-3 digits
        head = first[:size]
        if len(first) > size and head[0] != "0" \
                and int(head) in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            return size
    return 0


def _kept(total: int, front: int) -> tuple[int, int]:
    """(digits kept at the front, digits kept at the end) for ``total`` national digits."""
    must_hide = hidden_needed(total)
    back = min(KEEP_LAST, total)
    while total - front - back < must_hide and back > _KEEP_LAST_AT_LEAST:
        back -= 1
    while total - front - back < must_hide and front > 0:
        front -= 1
    while total - front - back < must_hide and back > 0:
        back -= 1
    return front, back


def mask(display: str | None) -> str | None:
    """The number with its middle hidden, laid out as given ("090-****-4567").

    ``display`` is a number as people write it (national or international,
    any separators). None for None or empty text.
    """
    if not display:
        return None
    common = _THREE_GROUPS.fullmatch(display)
    if common is not None:
        first, middle, last = common.group(1, 3, 5)
        total = len(first) + len(middle) + len(last)
        if len(middle) >= hidden_needed(total):  # the middle group alone is enough to hide
            return f"{first}{common.group(2)}{'*' * len(middle)}{common.group(4)}{last}"
    return _mask_general(display)


def _mask_general(display: str) -> str:
    """The rule for any layout (``mask`` takes a shortcut for the common one)."""
    runs = _DIGIT_RUNS.findall(display)
    if not runs:
        return display
    country = _country_code_length(display, runs)
    total = sum(map(len, runs)) - country
    national_runs = runs[1:] if country and len(runs) > 1 and len(runs[0]) == country else None
    if national_runs is not None and len(national_runs) > 1:
        front = len(national_runs[0])
    elif national_runs is None and country == 0 and len(runs) > 1:
        front = len(runs[0])
    else:  # one unformatted run: its grouping is unknown
        front = min(_SINGLE_RUN_FRONT, total)
    front, back = _kept(total, front)
    hide_from, hide_until = country + front, country + total - back
    if hide_until <= hide_from:
        return display
    # Positions in the text of the first and the last digit to hide.
    start = end = len(display)
    seen = 0
    for run in _DIGIT_RUNS.finditer(display):
        size = len(run.group())
        if start == len(display) and seen + size > hide_from:
            start = run.start() + hide_from - seen
        if seen + size >= hide_until:
            end = run.start() + hide_until - seen
            break
        seen += size
    return display[:start] + _DIGIT.sub("*", display[start:end]) + display[end:]


def masked_problems(problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
    """Problems with any suggested number masked: a typed number is never shown in
    full, not even inside a hint ("did you mean +81 90-****-4567?")."""
    out = []
    for problem in problems:
        suggestion = problem.params.get("suggestion")
        if isinstance(suggestion, str):
            problem = Problem(problem.code, problem.severity,
                              {**problem.params, "suggestion": mask(suggestion) or "-"})
        out.append(problem)
    return tuple(out)
