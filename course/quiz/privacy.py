"""The rule that keeps phone numbers and verification codes out of stored answers.

Simulators in this course ask learners to type phone numbers and codes; a
quiz answer must never become a copy of one. So the progress store and the
results import refuse an answer when, after NFKC (full-width digits count),

- the question is not numeric and the answer holds 6 or more digits in a row
  (spaces, hyphens, dots, commas, slashes, brackets and "+" between digits
  still count as "in a row"): that covers 6-digit codes, phone numbers in any
  format and most other identifiers; or
- the question is numeric and the number has 10 or more digits before the
  decimal point (phone-number length; no question in the course needs one).

A refused answer is still graded and shown; it is only not written down.
"""

from __future__ import annotations

import json
import re
import unicodedata

from course.quiz.problems import Problem, problem

DIGIT_RUN = re.compile(r"\d(?:[\s\-.,/()+_]*\d){5,}")
NUMERIC_MAX_DIGITS = 9


def looks_like_number_or_code(text: str) -> bool:
    """True when the text holds 6 or more digits in a row (separators allowed)."""
    return bool(DIGIT_RUN.search(unicodedata.normalize("NFKC", text)))


def sensitive_answer(answer: str, question_type: str) -> Problem | None:
    """Why an answer (its JSON text, as stored) must not be stored, or None."""
    if question_type == "numeric":
        try:
            value = json.loads(answer)
        except (ValueError, RecursionError):
            value = None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            digits = len(str(int(abs(value)))) if abs(value) < 1e300 else 301
            if digits > NUMERIC_MAX_DIGITS:
                return problem("quiz.problem.looks_like_phone_or_code")
            return None
        # Not a number: fall through to the text rule.
    if looks_like_number_or_code(answer):
        return problem("quiz.problem.looks_like_phone_or_code")
    return None
