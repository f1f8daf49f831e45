"""The quiz side's kind of problem: a code and one message in data/i18n.

It is a ``course.problems.Problem`` (the course's one problem type; the
simulators' kind reads the error catalog instead). One type serves the whole
quiz side: a grading or storing refusal has only a ``code``; a problem in a
results file also says where (file, row, field).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from course.i18n import t
from course.problems import Problem as BaseProblem

RESULTS_AREA = "quiz.results.problem"  # texts of the results exchange format
WHERE = "quiz.results.where"  # "file, row 3, field score"


@dataclass(frozen=True)
class Problem(BaseProblem):
    """A stable ``code`` for tests and programs, and a text for people (ja and en).

    The text is ``<area>.<code>`` in data/i18n, filled with ``params``.
    ``file`` / ``row`` / ``field`` say where (any may be None); ``row`` is the
    1-based position in a JSON ``rows`` list, or the line number when
    ``csv_line`` is set.
    """

    code: str
    file: str | None = None
    row: int | None = None
    field: str | None = None
    params: Mapping[str, Any] = dataclass_field(default_factory=dict)
    csv_line: bool = False
    area: str = RESULTS_AREA

    def where(self, lang: str | None = None) -> str:
        """The location part of the message ("a.json, row 3, field “score”")."""
        parts = []
        if self.file is not None:
            parts.append(self.file)
        if self.row is not None:
            parts.append(t(f"{WHERE}.{'line' if self.csv_line else 'row'}", lang, row=self.row))
        if self.field is not None:
            parts.append(t(f"{WHERE}.field", lang, field=self.field))
        return t(f"{WHERE}.separator", lang).join(parts)

    def message(self, lang: str | None = None) -> str:
        """The whole message in one language: where (if known), then what is wrong."""
        what = t(f"{self.area}.{self.code}", lang, **self.params)
        where = self.where(lang)
        return t(f"{WHERE}.joined", lang, where=where, what=what) if where else what

    @property
    def text(self) -> dict[str, str]:
        """The message in every language: the same as ``messages()`` (kept for callers
        that index it, ``problem.text[lang]``)."""
        return self.messages()


def problem(key: str, /, **values: object) -> Problem:
    """Build a problem from a catalog key, e.g. ``quiz.problem.no_answer``."""
    area, code = key.rsplit(".", 1)
    return Problem(code, params=values, area=area)
