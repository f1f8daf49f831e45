"""Problems: what went wrong with an input, as a stable code and a text in every language.

Public entry points return a problem instead of raising, so a widget or a
command can always show something a learner or an instructor understands.
There is one problem type, ``Problem``, and two kinds of it, named by where
their text lives:

* ``course.sim.core.problems.Problem`` (and ``course.sim.core.errors.Refusal``):
  the simulators' problems. Their text is an entry of the error catalog
  (``data/errors/*.yaml``): a message, its cause and its fix, with the
  status and source of the rule behind it; a simulator problem also has a
  severity. Read the parts with ``text(part, lang)``.
* ``course.quiz.problems.Problem``: the quiz side's problems (grading,
  storing, results files). The text is one message in ``data/i18n``
  (``<area>.<code>``), and a results-file problem also says where it was found.

Code that only shows a problem uses the shared part: ``code``, ``params``,
``message(lang)`` and ``messages()``, whichever kind it holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from course.i18n import LANGUAGES


class Problem:
    """The shared part of every problem; the kinds above are dataclasses built on it."""

    __slots__ = ()
    code: str  # stable, for tests and programs
    params: Mapping[str, Any]  # the values its text needs (kept out of ``repr``)

    def message(self, lang: str | None = None) -> str:
        """What went wrong, in one language (the current one by default)."""
        raise NotImplementedError

    def messages(self) -> dict[str, str]:
        """The message in every course language (what a pure result hands to a widget)."""
        return {lang: self.message(lang) for lang in LANGUAGES}
