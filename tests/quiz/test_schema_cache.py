"""A bank text that passed the schema once is not schema-checked again in a new
kernel; any change to the bank or to the schema is checked in full."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from course.quiz import BankError, load_bank_file, schema_cache
from course.quiz import bank as bank_module
from tests.quiz.helpers import fixture_data


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("COURSE_CACHE_DIR", str(folder))
    bank_module._cached.cache_clear()  # a "new kernel": nothing remembered in memory
    return folder / schema_cache.CACHE_FILE


@pytest.fixture
def schema_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = bank_module._check_schema

    def counting(raw, path):
        calls.append(str(path))
        return real(raw, path)

    monkeypatch.setattr(bank_module, "_check_schema", counting)
    return calls


def _write(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _new_kernel() -> None:
    bank_module._cached.cache_clear()


def test_a_passed_bank_is_not_schema_checked_again(tmp_path, cache, schema_calls):
    path = _write(tmp_path / "bank.yaml", fixture_data())
    first = load_bank_file(path)
    assert schema_calls == [str(path)] and cache.read_text().count("\n") == 1
    _new_kernel()
    again = load_bank_file(path)
    assert schema_calls == [str(path)]  # not checked a second time
    assert again == first  # and built the same


def test_a_changed_bank_is_checked_in_full(tmp_path, cache, schema_calls):
    data = fixture_data()
    path = _write(tmp_path / "bank.yaml", data)
    load_bank_file(path)
    data["questions"][0]["no_such_field"] = 1
    _write(path, data)
    _new_kernel()
    with pytest.raises(BankError, match="no_such_field"):
        load_bank_file(path)
    assert len(schema_calls) == 2


def test_a_changed_schema_checks_every_bank_again(tmp_path, cache, schema_calls, monkeypatch):
    path = _write(tmp_path / "bank.yaml", fixture_data())
    load_bank_file(path)
    monkeypatch.setattr(bank_module, "_schema_text", lambda: '{"changed": true}')
    _new_kernel()
    load_bank_file(path)
    assert len(schema_calls) == 2


def test_a_failed_bank_is_never_remembered(tmp_path, cache, schema_calls):
    data = fixture_data()
    data["questions"][0].pop("objective")
    path = _write(tmp_path / "bank.yaml", data)
    for _ in range(2):
        _new_kernel()
        with pytest.raises(BankError):
            load_bank_file(path)
    assert len(schema_calls) == 2 and not cache.exists()


def test_an_unwritable_cache_only_means_checking_again(tmp_path, monkeypatch, schema_calls):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("COURSE_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    path = _write(tmp_path / "bank.yaml", fixture_data())
    for _ in range(2):
        _new_kernel()
        load_bank_file(path)
    assert len(schema_calls) == 2


def test_a_full_cache_starts_afresh(tmp_path, cache):
    cache.parent.mkdir(parents=True)
    cache.write_text("0" * (schema_cache.MAX_CACHE_BYTES + 1))
    schema_cache.remember("abc")
    assert cache.read_text() == "abc\n" and schema_cache.passed("abc")
    assert not schema_cache.passed("ab")


def test_the_key_tells_schema_from_bank_text():
    assert schema_cache.digest("ab", "c") != schema_cache.digest("a", "bc")
