"""Small file helpers the learner's stores share.

- ``move_aside``: a file a store cannot read is renamed ``<name>.broken-<time>``
  instead of deleted, so whatever was in it can still be recovered by hand.
- ``locked``: an advisory lock on ``<path>.lock`` (``fcntl`` or ``msvcrt``), so a
  read-change-write is one step across kernels (two app windows, two notebooks).
- ``write_atomically``: a temporary file in the same folder replaces the old
  one (``os.replace`` is atomic), so a reader never sees half a file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
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


@contextlib.contextmanager
def locked(path: Path | None) -> Iterator[None]:
    """Hold an exclusive lock on ``<path>.lock`` across processes (best effort:
    where no lock can be taken, the atomic rename still keeps the file whole)."""
    if path is None:
        yield
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(f"{path}.lock", "a+b")  # noqa: SIM115 - closed below
    except OSError:
        yield
        return
    try:
        try:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        except ImportError:  # Windows
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
        except OSError:
            pass
        yield
    finally:
        handle.close()  # closing releases the lock


def write_atomically(path: Path, text: str, prefix: str) -> None:
    """Write ``text`` to ``path`` through a temporary file that replaces it.

    Raises ``OSError`` when the folder cannot be written; the old file is then
    left as it was and no temporary file stays behind.
    """
    temp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent,
                                         prefix=prefix, suffix=".tmp",
                                         delete=False) as handle:
            temp = handle.name
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        raise
