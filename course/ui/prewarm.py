"""What a new lesson kernel loads before its page asks for the first cell.

An app page (Voilà) starts its kernel with the request and then spends about a
second loading its scripts before it sends the first cell to run. A kernel
started with ``prewarm()`` (the app's lesson kernel spec, see
``course.app.voila_config.lesson_kernel_dir``) uses that second to import the
widgets and read the course data every lesson needs, so the first cells, and
the first simulator or quiz, come sooner (benchmarks/bench_app.py).
"""

from __future__ import annotations


def prewarm() -> None:
    """Import the lesson widgets and read the sources, policies and banks, once."""
    try:
        import course.ui.closing_quiz
        import course.ui.review
        import course.ui.selfcheck
        import course.ui.simulated_phone  # noqa: F401
        from course.facts.sources import register
        from course.quiz.bank import bank_paths, load_bank_file
        from course.quiz.review import ReviewSettings

        register()
        ReviewSettings.from_policies()
        for path in bank_paths():
            load_bank_file(path)
    except Exception:
        return  # load the same things again and report any problem in the learner's language


__all__ = ["prewarm"]
