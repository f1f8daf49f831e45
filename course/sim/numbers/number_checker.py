"""Check a phone number the way a careful support agent would.

``check_number(text, region="JP")`` accepts anything a learner might type (or
anything at all) and returns a ``NumberCheck``: whether the number is usable,
its E.164 and national forms, a masked form for display, its type, whether it
can receive X's verification SMS, whether it is one of the course's fictional
numbers, and the problems found, each a code of ``data/errors/numbers.yaml``
with its message, cause and fix in Japanese and English.

The library underneath is ``phonenumbers`` 9.0.43 (pinned). Numbers of
geographic country codes go through ``course.sim.numbers.numbering``, a compiled copy
of the library's own rules, so that tens of thousands of numbers a second can
be checked; the library itself handles the rest. The checker adds
what the library does not know: the course's fictional ranges, the 14-digit
0200 M2M numbers, and the mistakes people really make (full-width digits, odd
dashes, a trunk 0 after +81, 010 in front of a domestic number, a foreign
number without its country code, 080-0 read as 0800).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumberType
from phonenumbers.phonenumberutil import ValidationResult

from course.facts import policy
from course.sim.core.problems import Problem, Severity, error, notice, warning
from course.sim.numbers.fictional import FictionalRange
from course.sim.numbers.fictional import ranges as fictional_ranges
from course.sim.numbers.masking import mask
from course.sim.numbers.number_input import TypedNumber, printable, read_number_input
from course.sim.numbers.numbering import country_plan


class NumberType(str, Enum):
    """What kind of line a number belongs to (values match fictional_numbers.yaml)."""

    MOBILE = "mobile"
    VOIP = "voip"
    FIXED_LINE = "fixed_line"
    FIXED_LINE_OR_MOBILE = "fixed_line_or_mobile"
    TOLL_FREE = "toll_free"
    PAGER_M2M = "pager_m2m"
    PREMIUM_RATE = "premium_rate"
    UAN = "uan"
    PERSONAL = "personal"
    OTHER = "other"
    UNKNOWN = "unknown"


class SmsCapability(str, Enum):
    """Can the number receive X's verification SMS (policy: data/policies/numbers.yaml)."""

    YES = "yes"
    USUALLY_FAILS = "usually_fails"
    NO = "no"
    UNKNOWN = "unknown"


_LIBRARY_TYPES = {
    PhoneNumberType.MOBILE: NumberType.MOBILE,
    PhoneNumberType.VOIP: NumberType.VOIP,
    PhoneNumberType.FIXED_LINE: NumberType.FIXED_LINE,
    PhoneNumberType.FIXED_LINE_OR_MOBILE: NumberType.FIXED_LINE_OR_MOBILE,
    PhoneNumberType.TOLL_FREE: NumberType.TOLL_FREE,
    PhoneNumberType.PAGER: NumberType.PAGER_M2M,
    PhoneNumberType.PREMIUM_RATE: NumberType.PREMIUM_RATE,
    PhoneNumberType.UAN: NumberType.UAN,
    PhoneNumberType.PERSONAL_NUMBER: NumberType.PERSONAL,
    PhoneNumberType.SHARED_COST: NumberType.OTHER,
    PhoneNumberType.VOICEMAIL: NumberType.OTHER,
    PhoneNumberType.UNKNOWN: NumberType.UNKNOWN,
}

# Why a number cannot take the SMS, by type (only types whose policy is not "yes").
_NO_SMS_PROBLEM = {
    NumberType.VOIP: "number_voip_usually_fails",
    NumberType.FIXED_LINE: "number_fixed_line_no_sms",
    NumberType.PAGER_M2M: "number_m2m_no_sms",
    NumberType.FIXED_LINE_OR_MOBILE: "number_sms_unknown",
}
_SERVICE_NO_SMS = "number_service_number_no_sms"
NO_SMS_CODES = frozenset(_NO_SMS_PROBLEM.values()) - {"number_sms_unknown"} | {_SERVICE_NO_SMS}


@dataclass(frozen=True)
class NumberCheck:
    """The verdict on one typed number. Full forms stay out of ``repr``."""

    valid: bool  # usable: a number of the plan or of a fictional range, no error found
    number_type: NumberType
    sms: SmsCapability
    masked: str | None  # e.g. 090-****-4567: safe to show on screen
    region: str | None  # ISO code of the number's country, e.g. "JP"
    country_code: int | None
    fictional: FictionalRange | None = None
    problems: tuple[Problem, ...] = ()
    library_valid: bool = False  # what phonenumbers alone says
    e164: str | None = field(default=None, repr=False)
    national: str | None = field(default=None, repr=False)
    international: str | None = field(default=None, repr=False)
    display: str | None = field(default=None, repr=False)  # national at home, else international

    @property
    def can_receive_sms(self) -> bool:
        """True when the simulator lets a verification SMS reach this number."""
        return self.valid and self.sms in (SmsCapability.YES, SmsCapability.UNKNOWN)

    @property
    def no_code_problem(self) -> Problem | None:
        """Why no verification code can go to this number, as an error; None when one can.

        The first error of an unusable number, or the warning that the number
        cannot receive SMS raised to an error: every simulator that sends a
        code stops on it (the settings flow, the accounts explorer, the verifier).
        """
        if self.can_receive_sms:
            return None
        for problem in self.problems:
            if problem.severity is Severity.ERROR:
                return problem
        for problem in self.problems:
            if problem.code in NO_SMS_CODES:
                return Problem(problem.code, Severity.ERROR, problem.params)
        return error("number_invalid")

    @property
    def is_fictional(self) -> bool:
        return self.fictional is not None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(problem.code for problem in self.problems)

    def of_severity(self, severity: Severity) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is severity)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return self.of_severity(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self.of_severity(Severity.WARNING)

    @property
    def notices(self) -> tuple[Problem, ...]:
        return self.of_severity(Severity.NOTICE)


@dataclass(frozen=True, eq=False)
class _Settings:
    """Policies and fictional ranges, read once: a lookup per number costs more than a check."""

    home_region: str
    foreign_regions: tuple[str, ...]
    max_input_characters: int
    sms: dict[NumberType, SmsCapability]
    blocks: tuple[FictionalRange, ...]
    any_block: re.Pattern[str]

    def fictional(self, e164_digits: str) -> FictionalRange | None:
        """The fictional block holding these E.164 digits (one regex test for a miss)."""
        if self.any_block.fullmatch(e164_digits) is None:
            return None
        return next((block for block in self.blocks if block.contains(e164_digits)), None)


@lru_cache(maxsize=8)
def _settings_for(data_override: str) -> _Settings:
    blocks = fictional_ranges()
    return _Settings(
        home_region=str(policy.value("numbers.home_region")),
        foreign_regions=tuple(str(r) for r in policy.value("numbers.foreign_regions_to_try")),
        max_input_characters=int(policy.value("numbers.max_input_characters")),
        sms={kind: SmsCapability(policy.value(f"numbers.sms_{kind.value}"))
             for kind in NumberType},
        blocks=blocks,
        any_block=re.compile("|".join(f"(?:{block.pattern.pattern})" for block in blocks)),
    )


def _settings() -> _Settings:
    # Keyed on the data-folder override so that tests pointing COURSE_DATA_DIR
    # elsewhere get that folder's policies and ranges.
    return _settings_for(os.environ.get("COURSE_DATA_DIR", ""))


# --- reading the digits as a number -----------------------------------------------


@dataclass(slots=True)
class _Reading:
    """One interpretation of the digits (internal; built for every check, so kept light)."""

    country_code: int
    nsn: str  # national significant number (no trunk 0)
    region: str | None
    library_type: int
    library_valid: bool
    length: int  # phonenumbers ValidationResult
    national: str
    international: str
    fictional: FictionalRange | None
    is_m2m_14: bool = False  # 14-digit 0200: real (MIC), but unknown to the library
    usable: bool = False  # valid in the library, fictional, or a 14-digit M2M number
    number_type: NumberType = NumberType.UNKNOWN

    def __post_init__(self) -> None:
        self.is_m2m_14 = (self.country_code == 81 and len(self.nsn) == 13
                          and self.nsn.startswith("200"))
        self.usable = self.library_valid or self.fictional is not None or self.is_m2m_14
        if self.fictional is not None:
            self.number_type = NumberType(self.fictional.type)
        elif self.is_m2m_14:
            self.number_type = NumberType.PAGER_M2M
        else:
            self.number_type = _LIBRARY_TYPES.get(self.library_type, NumberType.UNKNOWN)

    @property
    def e164(self) -> str:
        return f"+{self.country_code}{self.nsn}"


@lru_cache(maxsize=8192)
def _library_reading(country_code: int, nsn: str) -> tuple[str | None, int, bool, int, str, str]:
    """The library's view of a number outside the fast path (cached: it is slow)."""
    number = phonenumbers.PhoneNumber(country_code=country_code, national_number=int(nsn))
    zeros = len(nsn) - len(nsn.lstrip("0"))
    if zeros and len(nsn) > 1:
        number.italian_leading_zero = True
        number.number_of_leading_zeros = zeros
    region = phonenumbers.region_code_for_number(number)
    kind = phonenumbers.number_type(number)
    valid = phonenumbers.is_valid_number(number)
    length = phonenumbers.is_possible_number_with_reason(number)
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    international = phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return region, kind, valid, length, national, international


def _evaluate(ctx: _Settings, country_code: int, nsn: str) -> _Reading:
    fictional = ctx.fictional(f"{country_code}{nsn}")
    plan = country_plan(country_code)
    if not nsn:
        region = plan.main.region if plan is not None else None
        return _Reading(country_code, nsn, region, PhoneNumberType.UNKNOWN, False,
                        ValidationResult.TOO_SHORT, "", f"+{country_code}", fictional)
    if plan is not None:  # the fast path (course.sim.numbers.numbering)
        region, kind = plan.classify(nsn)
        main = plan.main
        national, international = main.national(nsn), main.international(nsn)
        length = main.length_check(nsn)
    else:  # non-geographic codes such as +800: the library itself, cached
        region, kind, _, length, national, international = _library_reading(country_code, nsn)
        region = None if region in (None, "ZZ", "001") else region
    valid = kind != PhoneNumberType.UNKNOWN
    if region is None and fictional is not None:
        region = fictional.country
    return _Reading(country_code, nsn, region, kind, valid, length, national, international,
                    fictional)


def _split_country_code(digits: str) -> tuple[int, str] | None:
    for size in (1, 2, 3):
        head = digits[:size]
        if head and head[0] != "0" and int(head) in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            return int(head), digits[size:]
    return None


@lru_cache(maxsize=64)
def _prefixes(region: str) -> tuple[int, str, str]:
    """Country code, national (trunk) prefix and plain international prefix of a region."""
    metadata = PhoneMetadata.metadata_for_region(region)
    international = metadata.international_prefix or ""
    if not international.isdigit():
        international = ""
    return metadata.country_code, metadata.national_prefix or "", international


def _foreign_reading(ctx: _Settings, digits: str, home: str) -> tuple[str, _Reading] | None:
    """The first other country (from policy) in which the typed digits make a number.

    The digits are read as that country's national number: its trunk prefix
    (0 in Britain, 1 in North America) is dropped when present.
    """
    for region in ctx.foreign_regions:
        if region == home:
            continue
        code, trunk, _ = _prefixes(region)
        nsn = digits[len(trunk):] if trunk and digits.startswith(trunk) else digits
        reading = _evaluate(ctx, code, nsn)
        if reading.usable:
            return region, reading
    return None


def _foreign_fictional(ctx: _Settings, digits: str, home: str) -> _Reading | None:
    """A fictional number of another country written with its trunk 0 (cheap: no parsing)."""
    for region in ctx.foreign_regions:
        code, trunk, _ = _prefixes(region)
        if region != home and trunk and digits.startswith(trunk) \
                and ctx.fictional(f"{code}{digits[len(trunk):]}") is not None:
            return _evaluate(ctx, code, digits[len(trunk):])
    return None


def _interpret(ctx: _Settings, typed: TypedNumber, home: str
               ) -> tuple[_Reading | None, list[Problem]]:
    """Decide which number the person meant, and what went wrong on the way."""
    digits = typed.digits
    problems: list[Problem] = []
    home_code, trunk, exit_prefix = _prefixes(home)
    if typed.plus:
        split = _split_country_code(digits)
        if split is None:
            return None, [error("number_invalid_country_code")]
        code, rest = split
        region = phonenumbers.region_code_for_country_code(code)
        region_trunk = _prefixes(region)[1] if region not in (None, "ZZ", "001") else ""
        if region_trunk and rest.startswith(region_trunk) and len(rest) > len(region_trunk):
            fixed = _evaluate(ctx, code, rest[len(region_trunk):])
            problems.append(warning("number_trunk_zero_after_country_code",
                                    country_code=code, suggestion=fixed.international))
            return fixed, problems
        return _evaluate(ctx, code, rest), problems

    if exit_prefix and digits.startswith(exit_prefix) and len(digits) > len(exit_prefix):
        rest = digits[len(exit_prefix):]
        if trunk and rest.startswith(trunk) and len(rest) > len(trunk):
            domestic = _evaluate(ctx, home_code, rest[len(trunk):])
            problems.append(error("number_international_prefix_before_domestic",
                                  suggestion=domestic.national))
            return domestic, problems
        split = _split_country_code(rest)
        if split is not None:
            abroad = _evaluate(ctx, *split)
            if abroad.usable:
                problems.append(notice("number_international_prefix_used",
                                       suggestion=abroad.international))
                return abroad, problems
        return None, [error("number_international_prefix_invalid")]

    if trunk and digits.startswith(trunk):
        reading = _evaluate(ctx, home_code, digits[len(trunk):])
        if not reading.usable:
            foreign = _foreign_reading(ctx, digits, home)
            if foreign is not None:
                problems.append(error("number_foreign_without_country_code",
                                      country_code=foreign[1].country_code,
                                      suggestion=foreign[1].international))
        elif reading.fictional is None:
            other = _foreign_fictional(ctx, digits, home)
            if other is not None:  # e.g. a London drama number, typed as if Japanese
                problems.append(warning("number_maybe_foreign", country_code=other.country_code,
                                        suggestion=other.international))
        return reading, problems

    # Neither "+" nor a trunk 0: read it as a national number, as after a country picker.
    reading = _evaluate(ctx, home_code, digits)
    code_text = str(home_code)
    if not reading.usable and digits.startswith(code_text):
        meant = _evaluate(ctx, home_code, digits[len(code_text):])
        if meant.usable:
            problems.append(error("number_country_code_without_plus",
                                  suggestion=meant.international))
            return reading, problems
    foreign = _foreign_reading(ctx, digits, home)
    if foreign is not None:
        other = foreign[1]
        if not reading.usable:
            problems.append(error("number_foreign_without_country_code",
                                  country_code=other.country_code,
                                  suggestion=other.international))
        elif other.fictional is not None or reading.number_type is not NumberType.MOBILE:
            problems.append(warning("number_maybe_foreign", country_code=other.country_code,
                                    suggestion=other.international))
    return reading, problems


_JP_0A0 = frozenset({"20", "50", "60", "70", "80", "90"})


def _shape_problems(reading: _Reading, typed: TypedNumber, home: str) -> list[Problem]:
    """What the digits themselves say: length, validity, 080-0, M2M, fiction."""
    problems: list[Problem] = []
    count = len(reading.nsn) + (1 if reading.country_code == _prefixes(home)[0] else 0)
    if reading.is_m2m_14:
        problems.append(warning("number_m2m_14_digit"))
    elif not reading.usable and reading.country_code == 81 and reading.nsn[:2] in _JP_0A0 \
            and len(reading.nsn) != 10:
        # 0A0 numbers (mobile, IP phone, M2M) always have 11 digits with the 0.
        code = "number_too_short" if len(reading.nsn) < 10 else "number_too_long"
        problems.append(error(code, digits=count))
    elif not reading.usable:
        length_codes = {
            ValidationResult.TOO_SHORT: "number_too_short",
            ValidationResult.TOO_LONG: "number_too_long",
            ValidationResult.INVALID_LENGTH: "number_invalid_length",
        }
        problems.append(error(length_codes.get(reading.length, "number_invalid"), digits=count))
    first_group = typed.groups[0] if typed.groups else ""
    if (reading.country_code == 81 and reading.nsn.startswith("800") and len(reading.nsn) == 10
            and (first_group == "080" or len(typed.groups) == 1)):
        problems.append(warning("number_080_0_is_toll_free"))
    if reading.fictional is not None:
        problems.append(notice("number_fictional", range_id=reading.fictional.id))
        if reading.library_valid and reading.fictional.country == "JP" \
                and reading.fictional.type == NumberType.FIXED_LINE.value:
            problems.append(notice("number_library_accepts_impossible"))
    return problems


def _sms_problem(kind: NumberType, sms: SmsCapability) -> Problem | None:
    if sms is SmsCapability.YES:
        return None
    code = _NO_SMS_PROBLEM.get(kind)
    if code is None:
        if sms is SmsCapability.UNKNOWN:
            return None  # an unusable number already carries its own error
        code = _SERVICE_NO_SMS
    return notice(code) if sms is SmsCapability.UNKNOWN else warning(code)


def home_region() -> str:
    """The country a number without "+" belongs to (policy numbers.home_region)."""
    return _settings().home_region


def _refused(problem: Problem) -> NumberCheck:
    return NumberCheck(valid=False, number_type=NumberType.UNKNOWN, sms=SmsCapability.UNKNOWN,
                       masked=None, region=None, country_code=None, problems=(problem,))


def _region_code(region: object, ctx: _Settings) -> str | None:
    if region is None:
        return ctx.home_region
    if not isinstance(region, str):
        return None
    code = region.strip().upper()
    if code in phonenumbers.SUPPORTED_REGIONS:
        return code
    return None


def check_number(text: object, region: object = None) -> NumberCheck:
    """Check anything typed as a phone number; never raises.

    ``region`` is the country a number without "+" belongs to (default: the
    policy's home region, Japan). The result lists every problem found; a
    number is ``valid`` when no problem is an error.
    """
    ctx = _settings()
    home = _region_code(region, ctx)
    if home is None:
        return _refused(error("number_unknown_region", region=printable(str(region)[:12]) or "-"))
    if not isinstance(text, str):
        return _refused(error("number_not_text", kind=type(text).__name__))
    limit = ctx.max_input_characters
    if len(text) > limit:
        return _refused(error("number_input_too_long", limit=limit))
    return _check_text(text, home, ctx)


@lru_cache(maxsize=4096)
def _check_text(text: str, home: str, ctx: _Settings) -> NumberCheck:
    typed = read_number_input(text)
    if isinstance(typed, Problem):
        return _refused(typed)
    if len(typed.digits) > 20:  # longer than any number plus an international prefix
        return _refused(error("number_too_long", digits=len(typed.digits)))
    reading, found = _interpret(ctx, typed, home)
    problems = list(typed.problems) + found
    if reading is None:
        return NumberCheck(valid=False, number_type=NumberType.UNKNOWN, sms=SmsCapability.UNKNOWN,
                           masked=None, region=None, country_code=None, problems=tuple(problems))
    problems += _shape_problems(reading, typed, home)
    kind = reading.number_type
    sms = ctx.sms[kind]
    sms_problem = _sms_problem(kind, sms) if reading.usable else None
    if sms_problem is not None:
        problems.append(sms_problem)
    valid = reading.usable and all(p.severity is not Severity.ERROR for p in problems)
    home_code, trunk, _ = _prefixes(home)
    if reading.country_code == home_code:
        display = reading.national
        if display == reading.nsn:  # no format fits (a wrong length): still show the trunk 0
            display = f"{trunk}{reading.nsn}"
    else:
        display = reading.international
    return NumberCheck(
        valid=valid, number_type=kind, sms=sms, masked=mask(display), region=reading.region,
        country_code=reading.country_code, fictional=reading.fictional,
        problems=tuple(problems), library_valid=reading.library_valid, e164=reading.e164,
        national=reading.national, international=reading.international, display=display,
    )
