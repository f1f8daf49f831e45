"""Problems a pure result carries instead of raising.

A ``Problem`` names an error-catalog code (``data/errors/*.yaml``), how serious
it is, and the values its text needs. It is the simulators' kind of
``course.problems.Problem``, the one problem type of the course. The text
itself stays in the catalog, so a result is cheap to build (checking thousands
of numbers a second) and a widget renders the message, cause and fix in either
language only when it shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from course.i18n import LANGUAGES
from course.problems import Problem as BaseProblem
from course.sim.core.errors import ErrorEntry, Refusal, error_entry, render


class Severity(str, Enum):
    """How much a problem matters to the person who typed the input."""

    ERROR = "error"  # the input cannot be used as typed
    WARNING = "warning"  # usable, but probably not what was meant, or no good for SMS
    NOTICE = "notice"  # harmless: we tidied the input or add a fact worth knowing


@dataclass(frozen=True)
class Problem(BaseProblem):
    """One error-catalog code with its severity and the values for its placeholders
    (the simulators' kind of ``course.problems.Problem``)."""

    code: str
    severity: Severity = Severity.ERROR
    # Kept out of ``repr``: a value may be a number the learner typed (a suggestion).
    params: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def entry(self) -> ErrorEntry:
        return error_entry(self.code)

    def text(self, part: str = "message", lang: str | None = None) -> str:
        """The message, cause or fix in one language, placeholders filled."""
        return render(self.code, part, lang, **self.params)

    def both(self, part: str = "message") -> dict[str, str]:
        """The same part in every course language."""
        return {lang: self.text(part, lang) for lang in LANGUAGES}

    def message(self, lang: str | None = None) -> str:
        return self.text("message", lang)

    @property
    def shown_by_x(self) -> bool:
        """True when the message is X's own reported wording, not the course's."""
        return self.entry().shown_by_x

    def refusal(self) -> Refusal:
        return Refusal(self.code, dict(self.params))


def error(code: str, **params: Any) -> Problem:
    return Problem(code, Severity.ERROR, params)


def warning(code: str, **params: Any) -> Problem:
    return Problem(code, Severity.WARNING, params)


def notice(code: str, **params: Any) -> Problem:
    return Problem(code, Severity.NOTICE, params)
