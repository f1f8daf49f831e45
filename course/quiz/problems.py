"""Problems: what went wrong with an input, as a code and a text in both languages.

Public entry points return these instead of raising, so a widget or a
command can always show something a learner understands.
"""

from __future__ import annotations

from dataclasses import dataclass

from course.i18n import both
from course.quiz.model import Text


@dataclass(frozen=True)
class Problem:
    """A stable ``code`` for tests and programs, and ``text`` for people (ja and en)."""

    code: str
    text: Text


def problem(key: str, /, **values: object) -> Problem:
    """Build a problem from a catalog key, e.g. ``quiz.problem.no_answer``."""
    return Problem(key.rsplit(".", 1)[-1], both(key, **values))
