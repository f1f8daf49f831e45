"""The one rule that keeps phone numbers and verification codes out of results.

Simulators in this course ask learners to type phone numbers and codes; a
quiz answer or a pseudonym must never become a copy of one. The progress
store applies this rule before it records an answer, and the results reader
(``course.quiz.results_io``) applies it to every pseudonym and answer it
reads, so both refuse exactly the same things.

After NFKC (full-width digits and hyphens count like ASCII ones):

- a text is sensitive when it holds 6 or more digits in a row (spaces,
  hyphens, dots, commas, slashes, brackets, "+" and "_" between digits still
  count as "in a row"): 6-digit codes, phone numbers in any format and most
  other identifiers;
- an answer (its JSON text) is sensitive when that text is, when any text
  inside it is once decoded (``"\\u0030..."`` escapes hide nothing), or when
  a number inside it has 6 or more digits before the decimal point;
- except that the answer to a ``numeric`` question may be a number of up to
  9 digits before the decimal point (no question needs a phone-number
  length); a number that is not finite is refused too.

A refused answer is still graded and shown; it is only not written down.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata

DIGIT_RUN = re.compile(r"\d(?:[\s\-.,/()+_]*\d){5,}")
NUMERIC_MAX_DIGITS = 9
TEXT_MAX_INTEGER = 100_000  # 6 digits before the decimal point
_UNREADABLE = object()


def looks_like_number_or_code(text: str) -> bool:
    """True when the text holds 6 or more digits in a row (separators allowed)."""
    return bool(DIGIT_RUN.search(unicodedata.normalize("NFKC", text)))


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _integer_digits(value: float) -> int:
    """Digits before the decimal point; a number that is not finite counts as endless."""
    if not math.isfinite(value) or abs(value) >= 1e300:
        return 301
    return len(str(int(abs(value))))


def _hides_number(value: object) -> bool:
    """Look inside a decoded answer: every text (keys too) and every number.

    Iterative, so an answer nested as deep as JSON allows cannot overflow.
    """
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if looks_like_number_or_code(item):
                return True
        elif _is_number(item):
            if not math.isfinite(item):
                continue  # Infinity is not a phone number
            if abs(item) >= TEXT_MAX_INTEGER or looks_like_number_or_code(repr(item)):
                return True
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
    return False


def answer_is_sensitive(answer: str, question_type: str) -> bool:
    """Whether an answer (its JSON text, as stored and exported) must not be kept."""
    try:
        value = json.loads(answer)
    except (TypeError, ValueError, RecursionError):
        value = _UNREADABLE
    if question_type == "numeric" and _is_number(value):
        return _integer_digits(value) > NUMERIC_MAX_DIGITS  # type: ignore[arg-type]
    if looks_like_number_or_code(answer):
        return True
    return value is not _UNREADABLE and _hides_number(value)
