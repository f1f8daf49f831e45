"""Backup codes: shown once, stored as salted hashes, each accepted once."""

from __future__ import annotations

import dataclasses
import hashlib
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.facts.policy import policy, value
from course.sim.core.clock import SimulatedClock
from course.sim.twofactor.backup_codes import (
    BackupCodes,
    StoredCode,
    hash_code,
    issue_backup_codes,
)
from tests.helpers import examples

FAST = 10  # PBKDF2 rounds for tests that do not measure the default cost


def issue(count=3, seed=1, iterations=FAST):
    return issue_backup_codes(random.Random(seed), SimulatedClock(), count,
                              iterations=iterations)


def test_the_count_is_a_policy_marked_unverified_in_both_languages():
    count = policy("twofactor.backup_code_count")
    assert count.value == 1 and count.status == "reported"
    assert count.provenance.unverified
    assert "未確認" in count.note["ja"] and "unverified" in count.note["en"]
    assert value("twofactor.backup_code_count_older_help_max") == 5
    issued = issue_backup_codes(random.Random(1), SimulatedClock(), iterations=FAST)
    assert issued.count == 1 and len(issued.reveal()) == 1


def test_codes_are_revealed_once_and_follow_the_policy_format():
    issued = issue(count=5)
    codes = issued.reveal()
    alphabet = value("twofactor.backup_code_alphabet")
    assert len(codes) == 5 == len(set(codes)) == issued.count
    assert all(len(c) == value("twofactor.backup_code_length") and set(c) <= set(alphabet)
               for c in codes)
    assert issued.reveal() == ()
    assert not any(c in repr(issued) for c in codes)


def test_the_same_seed_gives_the_same_codes_and_another_seed_others():
    assert issue(seed=4).reveal() == issue(seed=4).reveal() != issue(seed=5).reveal()


def _everything_stored(store: BackupCodes) -> list[bytes]:
    found = []
    for stored in store._stored:
        found += [stored.salt, stored.digest]
    return [*found, repr(vars(store)).encode()]


def test_the_store_keeps_only_salted_hashes_never_the_codes():
    issued = issue(count=3)
    codes = issued.reveal()
    stored = issued.store._stored
    assert all(isinstance(s, StoredCode) for s in stored)
    assert len({s.salt for s in stored}) == 3  # a salt per code
    blob = b"".join(_everything_stored(issued.store))
    assert not any(code.encode() in blob for code in codes)
    for code, entry in zip(codes, stored, strict=True):
        assert entry.digest == hashlib.pbkdf2_hmac("sha256", code.encode(), entry.salt, FAST)
        assert entry.digest != hashlib.sha256(code.encode()).digest()


def test_default_cost_comes_from_policy():
    issued = issue_backup_codes(random.Random(2), SimulatedClock())
    assert issued.store.iterations == value("twofactor.backup_code_hash_iterations")
    code = issued.reveal()[0]
    salt = issued.store._stored[0].salt
    assert issued.store._stored[0].digest == hash_code(code, salt, issued.store.iterations)
    assert issued.store.verify(code).accepted


def test_each_code_works_once_in_any_order_and_then_none_are_left():
    issued = issue(count=3)
    codes = issued.reveal()
    store = issued.store
    assert store.verify(codes[1]).accepted
    assert store.verify(codes[1]).code == "twofactor_backup_code_wrong"
    assert store.verify(codes[0].upper()).accepted  # case does not matter
    assert store.verify(f"{codes[2][:4]} {codes[2][4:8]}-{codes[2][8:]}").accepted
    assert store.remaining == 0
    assert store.verify(codes[0]).code == "twofactor_backup_codes_used_up"


def test_wrong_codes_count_toward_the_lockout():
    issued = issue(count=1)
    code = issued.reveal()[0]
    store = issued.store
    wrong = "a" * len(code) if code != "a" * len(code) else "b" * len(code)
    for _ in range(value("twofactor.code_max_wrong_attempts")):
        assert store.verify(wrong).counted
    assert store.verify(code).code == "twofactor_locked"
    store.limiter.clock.advance(value("twofactor.code_lockout_seconds"))
    assert store.verify(code).accepted


@pytest.mark.parametrize("count", [0, -1, 11, 2.5, "3", True, [2]])
def test_a_bad_count_is_a_problem(count):
    issued = issue_backup_codes(random.Random(1), SimulatedClock(), count, iterations=FAST)
    assert not issued.ok and issued.problem.code == "twofactor_backup_code_count"
    assert issued.store is None and issued.reveal() == () and issued.count == 0


def test_no_random_source_is_a_problem():
    issued = issue_backup_codes(object(), SimulatedClock(), 2, iterations=FAST)
    assert issued.problem.code == "twofactor_bad_argument"


@settings(max_examples=examples(50), deadline=None)
@given(typed=st.one_of(st.text(max_size=70), st.binary(max_size=12), st.integers(),
                       st.none(), st.floats(), st.dictionaries(st.text(max_size=2),
                                                                st.integers())))
def test_property_verify_never_raises_and_rejects_what_was_not_issued(typed):
    issued = issue(count=2)
    check = issued.store.verify(typed)  # a 60-bit code is never hit by chance
    assert not check.accepted and issued.store.remaining == 2
    assert check.problem.text("message", "ja") and check.problem.text("cause", "en")


@settings(max_examples=examples(25), deadline=None)
@given(order=st.lists(st.integers(0, 3), min_size=1, max_size=12), seed=st.integers(0, 50))
def test_property_every_code_is_accepted_exactly_once_whatever_the_order(order, seed):
    issued = issue(count=4, seed=seed)
    issued.store.limiter.max_failures = 10**6  # repeats are wrong codes; keep them from locking
    codes = issued.reveal()
    accepted = [i for i in order if issued.store.verify(codes[i]).accepted]
    assert sorted(accepted) == sorted(set(order))  # each chosen code once, repeats refused
    assert issued.store.remaining == 4 - len(set(order))


def test_stored_code_fields_do_not_print():
    entry = StoredCode(b"salt", b"digest")
    assert "salt" not in repr(entry) and "digest" not in repr(entry).replace("StoredCode", "")
    assert {f.name for f in dataclasses.fields(entry)} == {"salt", "digest"}
