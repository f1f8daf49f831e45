"""The course's fictional phone numbers (``data/fictional_numbers.yaml``).

Japan has no official range for fiction, so the course declares blocks that
the numbering plan never gives to subscribers (see the file's header). The
checker reports a number from these blocks as fictional, and simulators and
notebooks get their sample numbers from ``fictional_example`` so that nothing
the course prints can reach a real person.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import phonenumbers

from course.facts.sources import source_ids
from course.paths import data_dir
from course.yaml_safe import safe_load

_TRAILING_FREE_DIGITS = re.compile(r"\\d\{(\d+)\}$")


@dataclass(frozen=True)
class FictionalRange:
    """One declared block: its id, number type, country and E.164 pattern."""

    id: str
    type: str  # a course.sim.numbers.number_checker.NumberType value, e.g. "mobile"
    country: str  # ISO region code, e.g. "JP"
    pattern: re.Pattern[str] = field(repr=False)  # fully matches the E.164 digits (no "+")
    example: str = field(repr=False)  # as people write it: national for JP, else international
    basis: dict[str, str] = field(repr=False, default_factory=dict)
    sources: tuple[str, ...] = field(repr=False, default=())

    @property
    def example_digits(self) -> str:
        """The example as E.164 digits without "+"."""
        return e164_digits_of_example(self.example, self.country)

    @property
    def size(self) -> int:
        """How many distinct numbers ``fictional_example`` can give from this block."""
        return 10 ** _free_digits(self)

    def contains(self, e164_digits: str) -> bool:
        return self.pattern.fullmatch(e164_digits) is not None


class FictionalRangeError(ValueError):
    """The fictional-number file is malformed (a defect in the course data)."""


def e164_digits_of_example(example: str, country: str) -> str:
    digits = "".join(ch for ch in example if ch.isdigit())
    if example.lstrip().startswith("+"):
        return digits
    code = phonenumbers.country_code_for_region(country)
    return f"{code}{digits[1:]}"  # drop the national trunk prefix 0


def _free_digits(entry: FictionalRange) -> int:
    match = _TRAILING_FREE_DIGITS.search(entry.pattern.pattern)
    return int(match.group(1)) if match else 0


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[FictionalRange, ...]:
    raw = safe_load(Path(path).read_text(encoding="utf-8")) or {}
    out = []
    for item in raw.get("ranges", []):
        try:
            entry = FictionalRange(
                id=str(item["id"]), type=str(item["type"]), country=str(item["country"]),
                pattern=re.compile(str(item["pattern"])), example=str(item["example"]),
                basis={lang: str(text) for lang, text in item["basis"].items()},
                sources=source_ids(item, f"data/fictional_numbers.yaml: {item['id']}"),
            )
        except (KeyError, TypeError, AttributeError, re.error) as exc:
            raise FictionalRangeError(f"{path}: bad range {item!r}: {exc}") from exc
        if not entry.contains(entry.example_digits):
            raise FictionalRangeError(f"{path}: {entry.id}: example is outside its own pattern")
        out.append(entry)
    return tuple(out)


@lru_cache(maxsize=8)
def _ranges_for(data_override: str) -> tuple[FictionalRange, ...]:
    return _load(str(data_dir() / "fictional_numbers.yaml"))


def ranges() -> tuple[FictionalRange, ...]:
    """Every declared fictional block, in file order."""
    # Keyed on the data-folder override: finding the folder costs more than a lookup.
    return _ranges_for(os.environ.get("COURSE_DATA_DIR", ""))


@lru_cache(maxsize=8)
def _combined(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for every block: a number is tested once, not once per block."""
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


def find_range(e164_digits: str) -> FictionalRange | None:
    """The declared block holding a number given as E.164 digits, if any."""
    blocks = ranges()
    if _combined(tuple(entry.pattern.pattern for entry in blocks)).fullmatch(e164_digits) is None:
        return None
    return next((entry for entry in blocks if entry.contains(e164_digits)), None)


def kinds() -> tuple[str, ...]:
    """Every name ``fictional_example`` accepts: range ids and number types."""
    names = [entry.id for entry in ranges()]
    names += sorted({entry.type for entry in ranges()})
    return tuple(names)


def _pick_range(kind: str, country: str) -> FictionalRange:
    by_id = {entry.id: entry for entry in ranges()}
    if kind in by_id:
        return by_id[kind]
    of_type = [entry for entry in ranges() if entry.type == kind]
    preferred = [entry for entry in of_type if entry.country == country] or of_type
    if not preferred:
        raise ValueError(f"no fictional range {kind!r}; choose one of {', '.join(kinds())}")
    return preferred[0]


def fictional_example(kind: str = "mobile", index: int = 0, country: str = "JP") -> str:
    """The ``index``-th number of a fictional block, written like its example.

    ``kind`` is a range id (``jp_mobile_090_0``) or a number type (``mobile``,
    ``voip``, ``fixed_line``, ``pager_m2m`` ...; for a type, a block of
    ``country`` is preferred). Index 0 is the block's example; the index wraps
    around the block's size, so any integer gives a number inside the block.
    An unknown kind is a defect in the calling code and raises ``ValueError``
    listing the known kinds.
    """
    entry = _pick_range(kind, country)
    free = _free_digits(entry)
    base = entry.example_digits
    # Index 0 is the block's own example; later indexes count on from it.
    tail = (int(base[len(base) - free:]) + int(index)) % (10**free) if free else 0
    digits = base[: len(base) - free] + (f"{tail:0{free}d}" if free else "")
    if not entry.contains(digits):  # a pattern whose free part is not a plain \d{n} tail
        digits = base
    return _write_like_example(entry, digits)


def _write_like_example(entry: FictionalRange, e164_digits: str) -> str:
    """Lay E.164 digits out like the block's example (its separators stay put)."""
    if entry.example.lstrip().startswith("+"):
        written = e164_digits
    else:
        code = str(phonenumbers.country_code_for_region(entry.country))
        written = "0" + e164_digits[len(code):]
    replacement = iter(written)
    return "".join(next(replacement) if ch.isdigit() else ch for ch in entry.example)


def fictional_examples(kind: str = "mobile", count: int = 5, start: int = 0,
                       country: str = "JP") -> list[str]:
    """Several distinct numbers from one block (for lists and tables)."""
    return [fictional_example(kind, start + i, country) for i in range(max(0, int(count)))]
