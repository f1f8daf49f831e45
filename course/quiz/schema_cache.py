"""Which bank texts have already passed the JSON Schema, remembered on disk.

Checking a bank against ``data/quizzes/schema.json`` is the slowest part of
opening a lesson (about 40 ms a bank, plus 0.1 s to build the validator, and a
lesson's review reads every earlier bank): every app page and every notebook
starts a new kernel that would pay it again for the same unchanged files.

So a bank that passed is remembered by a digest of its exact text together
with the schema's exact text; the same text against the same schema passes
again and is not re-checked. Nothing else is trusted: a changed bank, a
changed schema or a bank built from data (not from a file) is checked in full.

The digests live in one small file in the user's cache folder
(``course.paths.cache_dir``). Lines are appended
with one ``write`` each, so several kernels can add to it at once; a file that
cannot be read or written only means the check runs again.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from course.paths import cache_dir

CACHE_FILE = "valid-banks-v1.txt"
MAX_CACHE_BYTES = 64 * 1024  # about a thousand digests; started afresh beyond that


def cache_file() -> Path:
    return cache_dir() / CACHE_FILE


def digest(schema_text: str, bank_text: str) -> str:
    """One key for "this bank text against this schema text"."""
    hasher = hashlib.sha256()
    for part in (schema_text, bank_text):
        data = part.encode("utf-8")
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def passed(key: str) -> bool:
    """Whether a bank with this key passed the schema before (on this computer)."""
    try:
        with cache_file().open(encoding="ascii") as handle:
            return any(line.strip() == key for line in handle)
    except (OSError, UnicodeDecodeError):
        return False


def remember(key: str) -> None:
    """Record that a bank with this key passed; silently skipped when not writable."""
    path = cache_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND
        if path.exists() and path.stat().st_size > MAX_CACHE_BYTES:
            flags |= os.O_TRUNC
        descriptor = os.open(path, flags, 0o644)
        try:
            os.write(descriptor, f"{key}\n".encode("ascii"))
        finally:
            os.close(descriptor)
    except OSError:
        return


__all__ = ["CACHE_FILE", "cache_file", "digest", "passed", "remember"]
