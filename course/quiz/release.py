"""Workshop release codes: correctness stays hidden until the instructor
announces a code, and every learner's own JupyterLab can check that code
offline.

The bank (``workshop.release_hashes``) holds only a salted PBKDF2 hash of
each code, never the code. ``python -m course release --new`` makes a code
and its hash for the instructor. Codes are compared after NFKC, case folding
and removing spaces and hyphens, so "KQMT-ZPWA", "kqmt zpwa" and full-width
input all work.

This is a classroom gate, not an exam lock: the bank file on the learner's
computer also holds the answers.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable
from typing import Protocol

from course.quiz.normalize import normalize_text

ITERATIONS = 200_000
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz"  # letters only: easy to say aloud, no 0/O or 1/l
_HASH = re.compile(r"pbkdf2-sha256\$(\d{3,7})\$([0-9a-f]{16,64})\$([0-9a-f]{64})")


class ChoiceSource(Protocol):
    def choice(self, seq: str) -> str: ...


def canonical_code(code: str) -> str:
    """The form a code is hashed in: normalized, without spaces or hyphens."""
    return re.sub(r"[\s\-_・ー]", "", normalize_text(code))


def hash_release_code(code: str, salt: bytes, iterations: int = ITERATIONS) -> str:
    """``pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>`` for a code."""
    digest = hashlib.pbkdf2_hmac("sha256", canonical_code(code).encode("utf-8"), salt,
                                 iterations)
    return f"pbkdf2-sha256${iterations}${salt.hex()}${digest.hex()}"


def check_release_code(code: object, hashes: Iterable[str]) -> bool:
    """Whether ``code`` matches one of the hashes. Never raises."""
    if not isinstance(code, str) or not code.strip() or len(code) > 100:
        return False
    plain = canonical_code(code).encode("utf-8")
    for entry in hashes:
        found = _HASH.fullmatch(entry) if isinstance(entry, str) else None
        if not found:
            continue
        iterations, salt, expected = int(found[1]), bytes.fromhex(found[2]), found[3]
        digest = hashlib.pbkdf2_hmac("sha256", plain, salt, iterations).hex()
        if hmac.compare_digest(digest, expected):
            return True
    return False


def new_release_code(source: ChoiceSource | None = None, groups: int = 2) -> str:
    """A fresh code like ``kqmt-zpwa`` (about 36 bits for two groups)."""
    rng = source or secrets.SystemRandom()
    return "-".join("".join(rng.choice(CODE_ALPHABET) for _ in range(4))
                    for _ in range(groups))


def new_salt() -> bytes:
    return secrets.token_bytes(16)
