"""Backup codes: single-use codes for when the phone or key is gone.

The site keeps only a salted PBKDF2 hash of each code and compares in constant
time, so a copy of its database does not reveal the codes. The plain codes
exist once, in the ``IssuedBackupCodes`` handed back at creation, and
``reveal()`` gives them out a single time, like the screen that shows them.

How many codes X gives is unverified (one, or up to five in older Help text),
so the count comes from policy ``twofactor.backup_code_count`` and can be set.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field

from course.facts.policy import value
from course.sim.core.clock import Clock
from course.sim.core.codes import (
    AttemptLimiter,
    CodeCheck,
    check_code,
    clean_typed_code,
    is_random_source,
    random_below,
    random_bytes,
)
from course.sim.core.errors import Refusal

SALT_BYTES = 16
MAX_COUNT = 10


def _settings() -> tuple[int, int, str, int]:
    return (int(value("twofactor.backup_code_count")), int(value("twofactor.backup_code_length")),
            str(value("twofactor.backup_code_alphabet")),
            int(value("twofactor.backup_code_hash_iterations")))


def hash_code(code: str, salt: bytes, iterations: int) -> bytes:
    """PBKDF2-HMAC-SHA256 of a normalised code."""
    return hashlib.pbkdf2_hmac("sha256", code.encode("ascii"), salt, iterations)


@dataclass(frozen=True)
class StoredCode:
    """What the site keeps for one code: salt and hash, never the code."""

    salt: bytes = field(repr=False)
    digest: bytes = field(repr=False)


class BackupCodes:
    """The site's store of unused backup codes (hashes only)."""

    def __init__(self, stored: list[StoredCode], *, iterations: int, length: int, alphabet: str,
                 limiter: AttemptLimiter) -> None:
        self._stored = list(stored)
        self.iterations = iterations
        self.length = length
        self.alphabet = alphabet
        self.limiter = limiter

    @property
    def remaining(self) -> int:
        return len(self._stored)

    def _normalise(self, typed: object) -> str | None:
        text = clean_typed_code(typed)
        if text is None:
            return None
        text = text.lower()
        if len(text) != self.length or any(c not in self.alphabet for c in text):
            return None
        return text

    def verify(self, typed: object) -> CodeCheck:
        """Accept an unused code once; never raises."""
        return check_code(self.limiter, typed, self._normalise,
                          CodeCheck(False, Refusal("twofactor_backup_code_format",
                                                   {"length": self.length})),
                          self._judge)

    def _judge(self, code: str) -> CodeCheck:
        """A well-formed code against every stored one; a match is used up."""
        if not self._stored:
            return CodeCheck(False, Refusal("twofactor_backup_codes_used_up"))
        # Hash against every stored code and compare each in constant time, so
        # the time taken does not tell which (if any) code matched.
        matches = [hmac.compare_digest(hash_code(code, s.salt, self.iterations), s.digest)
                   for s in self._stored]
        hit = next((i for i, m in enumerate(matches) if m), None)
        if hit is None:
            return CodeCheck(False, Refusal("twofactor_backup_code_wrong"), counted=True)
        del self._stored[hit]  # single use: the hash is gone, the code can never match again
        return CodeCheck(True)


class IssuedBackupCodes:
    """The result of creating backup codes: the store, and the codes to show once."""

    def __init__(self, store: BackupCodes | None, codes: tuple[str, ...],
                 problem: Refusal | None = None) -> None:
        self.store = store
        self._codes = codes
        self.problem = problem

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def count(self) -> int:
        return self.store.remaining if self.store else 0

    def reveal(self) -> tuple[str, ...]:
        """The plain codes, the first time only; afterwards an empty tuple."""
        codes, self._codes = self._codes, ()
        return codes

    def __repr__(self) -> str:  # never print codes by accident
        return f"IssuedBackupCodes(count={self.count}, revealed={not self._codes})"


def issue_backup_codes(rng: object, clock: Clock, count: object = None, *,
                       iterations: int | None = None) -> IssuedBackupCodes:
    """Create ``count`` codes (default: policy, 1) from the injected random source.

    ``iterations`` overrides the PBKDF2 cost, e.g. to keep property tests fast.
    """
    default_count, length, alphabet, default_iterations = _settings()
    if count is None:
        count = default_count
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_COUNT:
        return IssuedBackupCodes(None, (), Refusal("twofactor_backup_code_count",
                                                   {"low": 1, "high": MAX_COUNT}))
    if not is_random_source(rng):
        return IssuedBackupCodes(None, (), Refusal("twofactor_bad_argument", {"name": "rng"}))
    rounds = default_iterations if iterations is None else iterations
    codes, stored = [], []
    for _ in range(count):
        code = "".join(alphabet[random_below(rng, len(alphabet))]  # type: ignore[arg-type]
                       for _ in range(length))
        salt = random_bytes(rng, SALT_BYTES)  # type: ignore[arg-type]
        codes.append(code)
        stored.append(StoredCode(salt, hash_code(code, salt, rounds)))
    store = BackupCodes(stored, iterations=rounds, length=length, alphabet=alphabet,
                        limiter=AttemptLimiter.from_policy(clock))
    return IssuedBackupCodes(store, tuple(codes))
