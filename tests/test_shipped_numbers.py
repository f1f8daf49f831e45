"""No phone number the course ships may belong to a real subscriber.

Everything the course ships (data/, notebook cell sources, the package, tests,
benchmarks, README*.md, CONTRIBUTING.md) is scanned for phone-number-like
strings: Japanese national numbers with or without separators (also in
full-width digits), numbers with "+" and a country code, numbers dialled with
Japan's international prefix 010, and North American numbers written
NNN-NNN-NNNN. A candidate passes when it lies in a declared fictional range
(data/fictional_numbers.yaml). Otherwise it fails if it could be a real
number: the pinned phonenumbers library calls it valid, or it is a 14-digit
0200 M2M number (which the library does not know). Digit strings that cannot
be anyone's number (a fictional number with a digit missing, dates, versions)
therefore pass without an allow-list entry.

If a candidate is run on with more digits ("090-0123-4567 12"), the longest
prefix that ends at a separator decides.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import phonenumbers
import pytest

from course.sim.numbers.fictional import find_range
from tests.helpers import REPO

SCANNED_DIRS = ("data", "notebooks", "course", "tests", "benchmarks")
SCANNED_TOP = ("README*.md", "CONTRIBUTING.md")
TEXT_SUFFIXES = {".py", ".yaml", ".yml", ".md", ".txt", ".json", ".cfg", ".toml", ".ipynb",
                 ".csv", ".html", ".js", ".css", ".ini", ".rst"}
SKIPPED_PARTS = {"__pycache__", ".ipynb_checkpoints", ".venv", ".hypothesis", "_data"}

# The rare digit strings that look like a real phone number but are not one.
# Each entry: (path relative to the repository, the candidate as reported): reason.
ALLOWED: dict[tuple[str, str], str] = {
    # (none yet: add an entry only with a comment saying what the digits really are)
}

_TRANSLATE = str.maketrans({
    **{chr(0xFF10 + d): str(d) for d in range(10)},  # full-width digits
    "＋": "+", "（": "(", "）": ")", "\u3000": " ", "\u00a0": " ", "．": ".",
    **dict.fromkeys("‐‑‒–—―−ー－ｰ﹣", "-"),
})
_SEP = r"(?:[-. ]|\) ?| ?\()"
# re.ASCII: \w and \d are ASCII only, so a number written right after Japanese text
# (電話は090-...) is still found, and only ASCII digits count.
# +CC ... : at most 15 digits in up to six groups; "(0)" after the country code is dropped first.
_INTERNATIONAL = re.compile(
    rf"(?<![\w+])\+ ?\d{{1,15}}(?:{_SEP}\d{{1,8}}){{0,5}}(?!\w)", re.ASCII)
# 0... national numbers: a first group of 2-5 digits, then up to four groups, or one bare run.
_NATIONAL = re.compile(
    rf"(?<![\w+.\-/:#])(?:0\d{{9,13}}|\(?0\d{{1,4}}(?:{_SEP}\d{{1,8}}){{0,4}})(?![\w\-])",
    re.ASCII)
# North American NNN-NNN-NNNN (separators required: bare 10-digit runs are mostly timestamps).
_NANP = re.compile(
    r"(?<![\w+.\-/:#])\(?[2-9]\d{2}(?:\) ?|[-. ])\d{3}[-. ]\d{4}(?![\w\-])", re.ASCII)
# Japan's country code written without "+": 81 90 0123 4567 (separators required).
_CC_WITHOUT_PLUS = re.compile(
    r"(?<![\w+.\-/:#])81[- ]\d{1,4}[- ]\d{1,4}[- ]\d{4}(?![\w\-])", re.ASCII)


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    candidate: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.candidate}"


def _groups(candidate: str) -> list[str]:
    return [g for g in re.split(r"\D+", candidate.replace("(0)", "")) if g]


def _prefixes(groups: list[str]) -> list[str]:
    """Digit strings that end at a separator, longest first."""
    return ["".join(groups[:end]) for end in range(len(groups), 0, -1)]


def _valid(number: str, region: str | None) -> bool:
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(parsed)


def _judge_international(groups: list[str]) -> bool:
    """True when the digits (after "+") could be a real subscriber's number."""
    for digits in _prefixes(groups):
        readings = [digits]
        for size in (1, 2, 3):  # "+81 090-..." keeps a trunk 0: read it without it too
            if len(digits) > size and digits[size] == "0":
                readings.append(digits[:size] + digits[size + 1:])
        if any(find_range(r) for r in readings):
            return False
        if any(_valid("+" + r, None) for r in readings):
            return True
    return False


def _judge_national(groups: list[str]) -> bool:
    """True when a number written with a leading 0 could be a real subscriber's."""
    digits = "".join(groups)
    if digits.startswith("00"):
        return False  # carrier-selection codes, not a subscriber format
    if digits.startswith("010"):  # Japan's international prefix: what follows is dialled abroad
        rest = list(groups)
        rest[0] = rest[0][3:]
        rest = [g for g in rest if g]
        if rest and rest[0].startswith("0"):
            return _judge_national(rest)
        return _judge_international(rest)
    for prefix in _prefixes(groups):
        if find_range("81" + prefix[1:]):
            return False
        uk = find_range("44" + prefix[1:])
        if uk is not None and uk.id == "uk_mobile_7700_900":
            # 07700 900xxx: read as Japanese, its exchange code would start with 0, impossible.
            return False
        if _valid(prefix, "JP") or (len(prefix) == 14 and prefix.startswith("0200")):
            return True
    return False


def candidates(text: str, path: str = "<text>") -> list[tuple[Finding, bool]]:
    """Every phone-number-like string in a text, with True when it could be real."""
    found = []
    for number, raw_line in enumerate(text.splitlines(), 1):
        line = raw_line.translate(_TRANSLATE)
        taken: list[tuple[int, int]] = []
        for pattern, judge in ((_INTERNATIONAL, _judge_international),
                               (_NATIONAL, _judge_national),
                               (_NANP, lambda g: _judge_international(["1", *g])),
                               (_CC_WITHOUT_PLUS, _judge_international)):
            for match in pattern.finditer(line):
                if any(start <= match.start() < end for start, end in taken):
                    continue
                taken.append(match.span())
                finding = Finding(path, number, match.group().strip())
                found.append((finding, judge(_groups(match.group()))))
    return found


def scan_text(text: str, path: str = "<text>") -> list[Finding]:
    """The candidates in a text that could be real numbers."""
    return [finding for finding, real in candidates(text, path) if real]


def _notebook_text(path: Path) -> str:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    sources = []
    for cell in notebook.get("cells", []):
        source = cell.get("source", "")
        sources.append("".join(source) if isinstance(source, list) else str(source))
    return "\n".join(sources)


def shipped_files(root: Path) -> list[Path]:
    files: list[Path] = []
    for name in SCANNED_DIRS:
        folder = root / name
        if folder.is_dir():
            files += [p for p in folder.rglob("*") if p.is_file()]
    for pattern in SCANNED_TOP:
        files += sorted(root.glob(pattern))
    return sorted(p for p in set(files)
                  if p.suffix in TEXT_SUFFIXES and not SKIPPED_PARTS & set(p.parts))


def scan_tree(root: Path) -> list[Finding]:
    findings = []
    for path in shipped_files(root):
        text = _notebook_text(path) if path.suffix == ".ipynb" else path.read_text(
            encoding="utf-8", errors="replace")
        relative = path.relative_to(root).as_posix()
        findings += [f for f in scan_text(text, relative)
                     if (f.path, f.candidate) not in ALLOWED]
    return findings


def test_the_course_ships_no_phone_number_outside_the_fictional_ranges():
    findings = scan_tree(REPO)
    assert [str(f) for f in findings] == []


def test_the_scan_covers_every_kind_of_shipped_file():
    files = {p.relative_to(REPO).as_posix() for p in shipped_files(REPO)}
    assert "data/fictional_numbers.yaml" in files
    assert "CONTRIBUTING.md" in files and "README.md" in files
    assert any(f.startswith("notebooks/") and f.endswith(".ipynb") for f in files)
    assert any(f.startswith("course/sim/") for f in files)
    assert "tests/test_shipped_numbers.py" in files


def test_the_scanner_sees_the_fictional_examples_it_lets_through():
    # Guard against patterns that match nothing: every declared example is a candidate.
    text = (REPO / "data" / "fictional_numbers.yaml").read_text(encoding="utf-8")
    seen = {finding.candidate for finding, real in candidates(text) if not real}
    examples = re.findall(r'example: "([^"]+)"', text)
    assert len(examples) >= 9
    assert set(examples) <= seen


def _real_looking(*groups: str, sep: str = "-") -> str:
    # Assembled at run time so that the real-looking digits never sit in a shipped file.
    return sep.join(groups)


@pytest.mark.parametrize("planted", [
    _real_looking("090", "12" + "34", "56" + "78"),
    _real_looking("090", "12" + "34", "56" + "78", sep=""),
    _real_looking("+81 90", "12" + "34", "56" + "78"),
    _real_looking("+81 090", "12" + "34", "56" + "78"),
    _real_looking("０９０", "１２" + "３４", "５６" + "７８", sep="－"),
    _real_looking("080", "98" + "76", "54" + "32", sep="ー"),
    _real_looking("03", "52" + "22", "11" + "11"),
    _real_looking("(03) 52" + "22", "11" + "11"),
    _real_looking("0120", "12" + "3", "45" + "6"),
    _real_looking("+44 79", "11 12" + "34", "56"),
    _real_looking("+1 212", "73" + "6", "50" + "00"),
    _real_looking("212", "73" + "6", "50" + "00"),
    _real_looking("010-1-212", "73" + "6", "50" + "00"),
    _real_looking("0200", "12" + "345", "67" + "890"),
    _real_looking("090", "12" + "34", "56" + "78 and more text", sep="-"),
    _real_looking("電話は090", "12" + "34", "56" + "78です"),
    _real_looking("TEL：０９０", "１２" + "３４", "５６" + "７８まで", sep="ー"),
    _real_looking("81 90", "12" + "34", "56" + "78", sep=" "),
])
def test_the_scanner_flags_a_planted_real_looking_number(tmp_path, planted):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "planted.yaml").write_text(f"example: '{planted}'\n", encoding="utf-8")
    findings = scan_tree(tmp_path)
    assert [f.path for f in findings] == ["data/planted.yaml"], planted


def test_an_allow_list_entry_excuses_exactly_that_string_in_that_file(tmp_path, monkeypatch):
    planted = _real_looking("0123", "45", "6789")  # e.g. a digit alphabet with separators
    for name in ("a.py", "b.py"):
        (tmp_path / "course").mkdir(exist_ok=True)
        (tmp_path / "course" / name).write_text(f"x = '{planted}'\n", encoding="utf-8")
    monkeypatch.setitem(ALLOWED, ("course/a.py", planted), "test entry")
    assert [f.path for f in scan_tree(tmp_path)] == ["course/b.py"]


def test_the_scanner_flags_planted_numbers_in_notebook_cells(tmp_path):
    (tmp_path / "notebooks").mkdir()
    cell = {"cell_type": "markdown", "metadata": {},
            "source": ["Call me on ", _real_looking("090", "12" + "34", "56" + "78")]}
    notebook = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "notebooks" / "x.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    assert len(scan_tree(tmp_path)) == 1


@pytest.mark.parametrize("harmless", [
    "090-0123-4567", "０９０－０１２３－４５６７", "09001234567", "+81 90-0123-4567",
    "+81 (0)90 0123 4567", "+819001234567", "03-1234-5678", "(06) 1234-5678", "050-0123-4567",
    "020-0123-4567", "+1 202-555-0123", "202-555-0123", "(202) 555-0199", "+44 7700 900123",
    "07700 900123", "+44 20 7946 0123", "010-1-202-555-0123", "010-090-0123-4567",
    "090-0123-4567 12", "電話は090-0123-4567です", "81 90 0123 4567",
    # dates, times, versions, ports, hashes, identifiers and test vectors
    "2026-01-01", "2024-07-24 12:30:00", "phonenumbers==9.0.43", "127.0.0.1:8888",
    "pid 1111111109", "sha 0a1b2c3d4e5f60718293a4b5c6d7e8f9", "RFC 4226: 755224 287082",
    "T=59 gives 94287082 and 07081804", "12345678901234567890", "1767225600.0",
    "0.0123456789", "v0.11.0", "01kiban06_02000116", "20240724-2991922",
    # a fictional number with a digit missing or added cannot be anyone's number
    "090-0123-456", "090-0123-45678",
])
def test_the_scanner_leaves_fictional_numbers_and_other_digits_alone(harmless):
    assert scan_text(f"x = '{harmless}'\n") == []
