"""Moving a damaged file out of the way, kept for the learner to look at.

The checklist and the progress store both rename a file they cannot read to
``<name>.broken-<time>`` instead of deleting it, so whatever was in it can
still be recovered by hand.
"""

from __future__ import annotations

import os
from pathlib import Path

from course.quiz.results_io import iso_utc


def move_aside(path: Path, now: float) -> Path | None:
    """Rename ``path`` to a free ``<name>.broken-<time>[-n]``; None when it cannot be moved."""
    stamp = iso_utc(now).replace(":", "").replace("-", "").replace(".", "")
    target = path.with_name(f"{path.name}.broken-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.broken-{stamp}-{n}")
    try:
        os.replace(path, target)
    except OSError:
        return None
    return target
