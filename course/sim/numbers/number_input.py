"""Read what a person typed into a phone-number field, character by character.

People type full-width digits (０９０), katakana long-vowel marks or minus signs
instead of hyphens, full-width spaces, parentheses and dots. These are read as
digits and separators, with a notice. Letters are refused rather than turned
into keypad digits (which phonenumbers would do silently), and control
characters, emoji and other symbols are refused and named, so a learner can
see what slipped in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from course.sim.core.problems import Problem, error, notice

_DASHES = frozenset("-‐‑‒–—―−ー－ｰ─━﹣⁃˗")
_SPACES = frozenset(" \u3000\u00a0")
_OTHER_SEPARATORS = frozenset("()（）.．/／")
_PLUSES = frozenset("+＋")
_FULL_WIDTH_DIGITS = {chr(0xFF10 + d): str(d) for d in range(10)}
_PLAIN_SEPARATORS = frozenset("- ")
_PLAIN_INPUT = re.compile(r"\+?[0-9]+(?:[- ][0-9]+)*")  # ASCII digits, hyphens, spaces
_PLAIN_GROUPS = re.compile(r"[- ]")


@dataclass(frozen=True)
class TypedNumber:
    """The digits of a typed number, and what was tidied on the way."""

    digits: str
    plus: bool
    groups: tuple[str, ...]  # digit groups as typed, split at separators
    problems: tuple[Problem, ...]


def shown(chars: list[str]) -> str:
    """Characters for a message: invisible ones as U+XXXX, at most six."""
    unique = list(dict.fromkeys(chars))[:6]
    return " ".join(ch if ch.isprintable() and not ch.isspace() else f"U+{ord(ch):04X}"
                    for ch in unique)


def printable(text: str) -> str:
    """Text for a message with invisible characters written as U+XXXX."""
    return "".join(ch if ch.isprintable() else f"U+{ord(ch):04X}" for ch in text)


def read_number_input(text: str) -> TypedNumber | Problem:
    """Turn typed characters into digits, or name what makes them unreadable."""
    stripped = text.strip()
    if not stripped:
        return error("number_empty")
    if _PLAIN_INPUT.fullmatch(stripped):  # the common case: ASCII digits, hyphens, spaces
        plus = stripped.startswith("+")
        groups = tuple(_PLAIN_GROUPS.split(stripped[1:] if plus else stripped))
        return TypedNumber("".join(groups), plus, groups, ())
    digits: list[str] = []
    groups: list[str] = []
    current: list[str] = []
    letters: list[str] = []
    odd: list[str] = []
    odd_separators: list[str] = []
    full_width = False
    plus = False
    for ch in stripped:
        if "0" <= ch <= "9" or ch in _FULL_WIDTH_DIGITS:
            if ch in _FULL_WIDTH_DIGITS:
                full_width = True
                ch = _FULL_WIDTH_DIGITS[ch]
            digits.append(ch)
            current.append(ch)
            continue
        if ch in _PLUSES:
            if digits or plus:
                return error("number_misplaced_plus")
            plus = True
            continue
        if ch in _DASHES or ch in _SPACES or ch in _OTHER_SEPARATORS:
            if ch not in _PLAIN_SEPARATORS:
                odd_separators.append(ch)
            if current:
                groups.append("".join(current))
                current = []
            continue
        if ch.isalpha():
            letters.append(ch)
        else:
            odd.append(ch)
    if current:
        groups.append("".join(current))
    if letters:
        return error("number_contains_letters", chars=shown(letters))
    if odd:
        return error("number_unexpected_characters", chars=shown(odd))
    if not digits:
        return error("number_no_digits")
    tidy = []
    if full_width:
        tidy.append(notice("number_full_width_digits"))
    if odd_separators:
        tidy.append(notice("number_separators_normalized", chars=shown(odd_separators)))
    return TypedNumber("".join(digits), plus, tuple(groups), tuple(tidy))
