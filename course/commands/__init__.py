"""One module per ``python -m course`` command."""

from __future__ import annotations

import sys

from course.i18n import UnknownLanguageError, normalize_language

EXIT_OK = 0
EXIT_FAILED = 1  # the command could not do its work (a store that cannot be written, ...)
EXIT_BAD_INPUT = 2  # what the user gave is wrong: a message says what; never a traceback


def chosen_language(requested: str | None, default: str) -> str | None:
    """The language a ``--lang`` option names (``default`` when absent).

    None after printing why on stderr, so every command refuses an unknown
    language with the same message and exit status.
    """
    if requested is None:
        return default
    try:
        return normalize_language(requested)
    except UnknownLanguageError as exc:
        print(exc, file=sys.stderr)
        return None
