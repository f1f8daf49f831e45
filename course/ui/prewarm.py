"""What a new lesson kernel loads before its page asks for the first cell.

An app page (Voilà) starts its kernel with the request and then spends about a
second loading its scripts before it sends the first cell to run. A kernel
started with ``prewarm()`` (the app's lesson kernel spec, see
``course.app.voila_config.lesson_kernel_dir``) uses that second to import the
widgets and read the course data the lesson needs, so the first cells, and
the first simulator or quiz, come sooner (benchmarks/bench_app.py).

Voilà tells the kernel which page it serves (``VOILA_REQUEST_URL``): only that
lesson's bank and the banks its opening review draws from are read.
"""

from __future__ import annotations

import importlib
import os
import re
from urllib.parse import unquote, urlsplit

REQUEST_URL = "VOILA_REQUEST_URL"
# What every lesson page shows first: its review, quick checks, phone and closing quiz.
LESSON_MODULES = ("course.ui.review", "course.ui.selfcheck", "course.ui.simulated_phone",
                  "course.ui.closing_quiz")
_NOTEBOOK = re.compile(r"([A-Za-z0-9_]+)\.ipynb$")


def lesson_of(url: str | None) -> str | None:
    """The notebook stem a Voilà page URL renders (``.../ja/03_sms_codes.ipynb``)."""
    match = _NOTEBOOK.search(unquote(urlsplit(url or "").path))
    return match.group(1) if match else None


def prewarm(environ: dict[str, str] | os._Environ[str] = os.environ) -> None:
    """Import the lesson widgets and read the sources, policies and banks, once."""
    try:
        for module in LESSON_MODULES:
            importlib.import_module(module)
        from course.facts.sources import register
        from course.progress.learning import lessons_before
        from course.quiz.bank import BankError, load_bank
        from course.quiz.review import ReviewSettings

        register()
        ReviewSettings.from_policies()
        lesson = lesson_of(environ.get(REQUEST_URL))
        for stem in ([*lessons_before(lesson), lesson] if lesson else []):
            try:
                load_bank(stem)
            except BankError:
                continue  # a page without a bank (the home page, the sources)
    except Exception:  # only a head start: the lesson's own cells load the same
        return  # things again and report any problem in the learner's language


__all__ = ["LESSON_MODULES", "REQUEST_URL", "lesson_of", "prewarm"]
