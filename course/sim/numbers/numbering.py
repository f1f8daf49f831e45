"""A fast path through the pinned ``phonenumbers`` metadata.

``phonenumbers.parse`` + ``is_valid_number`` + ``number_type`` + two
``format_number`` calls cost about a hundred microseconds per number, too slow
for checking tens of thousands of numbers a second. For geographic country
codes this module applies the *same metadata* the library uses (its patterns,
possible lengths, leading digits and formats), compiled once, in the
library's own order. ``tests/sim/test_numbers_fast_path.py``
checks it against the library on many generated numbers; anything this path
does not cover goes through the library itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumberType
from phonenumbers.phonenumberutil import ValidationResult

# The library's order of type checks (phonenumberutil._number_type_helper).
_TYPE_ORDER = (
    ("premium_rate", PhoneNumberType.PREMIUM_RATE),
    ("toll_free", PhoneNumberType.TOLL_FREE),
    ("shared_cost", PhoneNumberType.SHARED_COST),
    ("voip", PhoneNumberType.VOIP),
    ("personal_number", PhoneNumberType.PERSONAL_NUMBER),
    ("pager", PhoneNumberType.PAGER),
    ("uan", PhoneNumberType.UAN),
    ("voicemail", PhoneNumberType.VOICEMAIL),
)


@dataclass(frozen=True)
class _Desc:
    pattern: re.Pattern[str] | None
    lengths: frozenset[int]

    def matches(self, nsn: str) -> bool:
        if self.pattern is None:
            return False
        if self.lengths and len(nsn) not in self.lengths:
            return False
        return self.pattern.fullmatch(nsn) is not None


@dataclass(frozen=True)
class _Format:
    leading: re.Pattern[str] | None
    pattern: re.Pattern[str]
    national_rule: str  # a str.format template: "0{0}-{1}-{2}"
    international_rule: str


def _template(rule: str) -> str:
    """Turn a "\\1-\\2" substitution rule into "{0}-{1}" (Match.expand re-parses every time)."""
    escaped = rule.replace("{", "{{").replace("}", "}}")
    return re.sub(r"\\(\d)", lambda m: "{" + str(int(m.group(1)) - 1) + "}", escaped)


_DIGITS_ONLY_FORMAT = re.compile(r"(?:\(\\d(?:\{\d+(?:,\d+)?\})?\))+")


class _FormatChooser:
    """Pick the first format whose leading digits and pattern fit, as the library does.

    When every format pattern is made of ``(\\d{n})`` groups only, whether it fits
    depends on the number's length alone, and the leading-digit patterns read a
    bounded number of digits; the choice is then remembered per (length, leading
    digits), which saves scanning a dozen patterns for each number.
    """

    def __init__(self, formats: tuple[_Format, ...], raw_patterns: list[str],
                 depth: int | None) -> None:
        self.formats = formats
        cacheable = depth is not None and all(
            _DIGITS_ONLY_FORMAT.fullmatch(p) for p in raw_patterns)
        self.depth = depth if cacheable else None
        self._chosen: dict[tuple[int, str], int] = {}

    def _scan(self, nsn: str) -> int:
        for index, item in enumerate(self.formats):
            if item.leading is not None and item.leading.match(nsn) is None:
                continue
            if item.pattern.fullmatch(nsn) is not None:
                return index
        return -1

    def choose(self, nsn: str) -> _Format | None:
        if self.depth is None:
            index = self._scan(nsn)
        else:
            key = (len(nsn), nsn[: self.depth])
            index = self._chosen.get(key)
            if index is None:
                if len(self._chosen) > 50_000:
                    self._chosen.clear()
                index = self._chosen[key] = self._scan(nsn)
        return self.formats[index] if index >= 0 else None


def _pattern_width(pattern: str) -> int | None:
    """The longest text a regular expression can match, or None (unbounded or unknown)."""
    try:  # CPython's own regex parser: re._parser from 3.11, sre_parse before
        from re import _constants as constants  # type: ignore[attr-defined]
        from re import _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_constants as constants
        import sre_parse as parser
    try:
        width = parser.parse(pattern).getwidth()[1]
    except Exception:  # pragma: no cover - then the formats are simply scanned every time
        return None
    return None if width >= constants.MAXREPEAT else width


def _leading_depth(formats) -> int | None:
    """How many leading digits the formats' leading-digit patterns can read (None: unbounded)."""
    depth = 0
    for item in formats:
        if item.leading_digits_pattern:
            width = _pattern_width(item.leading_digits_pattern[-1])
            if width is None:
                return None
            depth = max(depth, width)
    return depth


def _chooser(formats, national: bool) -> _FormatChooser:
    return _FormatChooser(_formats(formats, national), [f.pattern for f in formats],
                          _leading_depth(formats))


def _desc(raw) -> _Desc:
    if raw is None or not raw.national_number_pattern:
        return _Desc(None, frozenset())
    lengths = frozenset(n for n in (raw.possible_length or ()) if n > 0)
    return _Desc(re.compile(raw.national_number_pattern), lengths)


def _formats(formats, national: bool) -> tuple[_Format, ...]:
    out = []
    for item in formats:
        patterns = item.leading_digits_pattern
        leading = re.compile(patterns[-1]) if patterns else None
        rule = item.format
        national_rule = rule
        if national and item.national_prefix_formatting_rule:
            # The library puts the trunk prefix into the first group only.
            national_rule = re.sub(r"(\\\d)", lambda _m, r=item.national_prefix_formatting_rule: r,
                                   rule, count=1)
        out.append(_Format(leading, re.compile(item.pattern), _template(national_rule),
                           _template(rule)))
    return tuple(out)


class RegionPlan:
    """Classify and format national significant numbers of one region."""

    def __init__(self, region: str) -> None:
        metadata = PhoneMetadata.metadata_for_region(region)
        if metadata is None:
            raise ValueError(f"no metadata for region {region!r}")
        self.region = region
        self.country_code = metadata.country_code
        self.leading = re.compile(metadata.leading_digits) if metadata.leading_digits else None
        self._general = _desc(metadata.general_desc)
        self._types = tuple((_desc(getattr(metadata, name)), kind) for name, kind in _TYPE_ORDER)
        self._fixed = _desc(metadata.fixed_line)
        self._mobile = _desc(metadata.mobile)
        self._same_fixed_mobile = bool(metadata.same_mobile_and_fixed_line_pattern)
        self._lengths = sorted(metadata.general_desc.possible_length or ())
        self._local_lengths = frozenset(metadata.general_desc.possible_length_local_only or ())
        self._national = _chooser(metadata.number_format, national=True)
        intl = metadata.intl_number_format or metadata.number_format
        self._international = _chooser(intl, national=False)

    def number_type(self, nsn: str) -> int:
        """The ``PhoneNumberType`` the library gives this national number."""
        if not self._general.matches(nsn):
            return PhoneNumberType.UNKNOWN
        for desc, kind in self._types:
            if desc.matches(nsn):
                return kind
        if self._fixed.matches(nsn):
            if self._same_fixed_mobile or self._mobile.matches(nsn):
                return PhoneNumberType.FIXED_LINE_OR_MOBILE
            return PhoneNumberType.FIXED_LINE
        if not self._same_fixed_mobile and self._mobile.matches(nsn):
            return PhoneNumberType.MOBILE
        return PhoneNumberType.UNKNOWN

    def length_check(self, nsn: str) -> int:
        """The library's ``ValidationResult`` for the number's length alone."""
        length = len(nsn)
        if length in self._local_lengths:  # dialable only inside an area, without its code
            return ValidationResult.IS_POSSIBLE_LOCAL_ONLY
        if not self._lengths or length in self._lengths:
            return ValidationResult.IS_POSSIBLE
        if length < self._lengths[0]:
            return ValidationResult.TOO_SHORT
        if length > self._lengths[-1]:
            return ValidationResult.TOO_LONG
        return ValidationResult.INVALID_LENGTH

    @staticmethod
    def _apply(nsn: str, chooser: _FormatChooser, national: bool) -> str | None:
        item = chooser.choose(nsn)
        if item is None:
            return None
        match = item.pattern.fullmatch(nsn)
        rule = item.national_rule if national else item.international_rule
        return rule.format(*match.groups())

    def national(self, nsn: str) -> str:
        """National format, e.g. ``090-0123-4567`` (``nsn`` unformatted when no rule fits)."""
        return self._apply(nsn, self._national, national=True) or nsn

    def international(self, nsn: str) -> str:
        """International format, e.g. ``+81 90-0123-4567``."""
        body = self._apply(nsn, self._international, national=False) or nsn
        return f"+{self.country_code} {body}"


@lru_cache(maxsize=64)
def plan_for(region: str) -> RegionPlan:
    return RegionPlan(region)


class CountryPlan:
    """Every region that shares one country code (e.g. +1: the US, Canada ...).

    The library finds the region of a number by trying the regions in its own
    order (a region's leading digits, else a full type check); formats and
    length checks use the code's main region. This class does the same.
    """

    def __init__(self, country_code: int) -> None:
        regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(country_code, ())
        if not regions or regions[0] == phonenumbers.REGION_CODE_FOR_NON_GEO_ENTITY:
            raise ValueError(f"no geographic regions for +{country_code}")
        self.country_code = country_code
        self.members = tuple(plan_for(region) for region in regions)
        self.main = self.members[0]

    def region_for(self, nsn: str) -> RegionPlan | None:
        if len(self.members) == 1:
            return self.main
        for plan in self.members:
            if plan.leading is not None:
                if plan.leading.match(nsn):
                    return plan
            elif plan.number_type(nsn) != PhoneNumberType.UNKNOWN:
                return plan
        return None

    def classify(self, nsn: str) -> tuple[str | None, int]:
        """The number's region (None when no region claims it) and its type."""
        plan = self.region_for(nsn)
        if plan is None:
            return None, PhoneNumberType.UNKNOWN
        return plan.region, plan.number_type(nsn)


@lru_cache(maxsize=64)
def country_plan(country_code: int) -> CountryPlan | None:
    """The plan for a geographic country code, or None (non-geographic or unknown codes)."""
    try:
        return CountryPlan(country_code)
    except ValueError:
        return None


def single_region(country_code: int) -> str | None:
    """The region of a country code used by one region only (e.g. 81 -> "JP")."""
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(country_code, ())
    if len(regions) == 1 and regions[0] != phonenumbers.REGION_CODE_FOR_NON_GEO_ENTITY:
        return regions[0]
    return None
