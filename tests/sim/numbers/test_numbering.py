"""course.sim.numbers.numbering must agree with phonenumbers itself on every number.

The fast path exists only for speed (benchmarks/bench_numbers.py); these
properties hold it to the library's verdicts, formats and length checks.
Numbers are generated at run time and never written down.
"""

from __future__ import annotations

import phonenumbers
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from course.sim.numbers.fictional import find_range
from course.sim.numbers.number_checker import NumberType, check_number
from course.sim.numbers.numbering import country_plan, plan_for, single_region
from tests.helpers import examples

NSN = st.from_regex(r"\A[1-9][0-9]{6,13}\Z")
LIBRARY_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE: NumberType.MOBILE,
    phonenumbers.PhoneNumberType.VOIP: NumberType.VOIP,
    phonenumbers.PhoneNumberType.FIXED_LINE: NumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.TOLL_FREE: NumberType.TOLL_FREE,
    phonenumbers.PhoneNumberType.PAGER: NumberType.PAGER_M2M,
    phonenumbers.PhoneNumberType.PREMIUM_RATE: NumberType.PREMIUM_RATE,
    phonenumbers.PhoneNumberType.UAN: NumberType.UAN,
    phonenumbers.PhoneNumberType.PERSONAL_NUMBER: NumberType.PERSONAL,
    phonenumbers.PhoneNumberType.UNKNOWN: NumberType.UNKNOWN,
}


def library_view(nsn: str):
    number = phonenumbers.PhoneNumber(country_code=81, national_number=int(nsn))
    return (phonenumbers.number_type(number),
            phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL),
            phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
            phonenumbers.is_possible_number_with_reason(number))


@settings(max_examples=examples(600), deadline=None)
@given(NSN)
@example("9001234567")  # fictional 090-0...: UNKNOWN in the library
@example("312345678")  # 03-1...: FIXED_LINE in the library
@example("8001234567")  # 080-0... read as 0800
@example("2001234567890")  # 14-digit 0200 M2M: unknown to the library
@example("120123456")
def test_the_fast_path_gives_the_librarys_type_formats_and_length_verdict(nsn):
    plan = plan_for("JP")
    ours = (plan.number_type(nsn), plan.national(nsn), plan.international(nsn),
            plan.length_check(nsn))
    assert ours == library_view(nsn)


@settings(max_examples=examples(300), deadline=None)
@given(st.from_regex(r"\A0[1-9][0-9]{8,12}\Z"))
def test_the_checker_reads_a_typed_national_number_as_the_library_parses_it(typed):
    assume(not typed.startswith("010"))  # Japan's international prefix: see test_numbers.py
    parsed = phonenumbers.parse(typed, "JP")
    result = check_number(typed)
    assert result.e164 == phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    assert result.library_valid == phonenumbers.is_valid_number(parsed)
    fictional = find_range(result.e164[1:])
    m2m_14 = len(typed) == 14 and typed.startswith("0200")
    if fictional is None and not m2m_14:
        assert result.number_type is LIBRARY_TYPES[phonenumbers.number_type(parsed)]


@settings(max_examples=examples(800), deadline=None)
@given(st.sampled_from([1, 44, 81, 33, 49, 39, 7, 61, 86]), st.from_regex(r"\A[0-9]{4,14}\Z"))
@example(44, "7700900123")  # Ofcom drama mobile: invalid in the library
@example(44, "2079460123")  # Ofcom drama London number: valid
@example(1, "2025550123")  # NANP 555-01xx: valid, FIXED_LINE_OR_MOBILE
@example(39, "0612345678")  # Italy keeps its leading zero
def test_country_plans_find_the_librarys_region_type_and_formats(code, nsn):
    number = phonenumbers.PhoneNumber(country_code=code, national_number=int(nsn))
    zeros = len(nsn) - len(nsn.lstrip("0"))
    if zeros:
        if len(nsn) == zeros:
            return  # an all-zero national number is not a number at all
        number.italian_leading_zero = True
        number.number_of_leading_zeros = zeros
    plan = country_plan(code)
    region, kind = plan.classify(nsn)
    assert region == phonenumbers.region_code_for_number(number)
    assert kind == phonenumbers.number_type(number)
    assert (kind != phonenumbers.PhoneNumberType.UNKNOWN) == phonenumbers.is_valid_number(number)
    assert plan.main.national(nsn) == phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.NATIONAL)
    assert plan.main.international(nsn) == phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    assert plan.main.length_check(nsn) == phonenumbers.is_possible_number_with_reason(number)


def test_non_geographic_codes_have_no_country_plan():
    assert country_plan(800) is None and country_plan(999) is None


def test_only_single_region_country_codes_take_the_fast_path():
    assert single_region(81) == "JP"
    assert single_region(1) is None  # shared by the US, Canada and others
    assert single_region(44) is None  # shared with the Channel Islands and the Isle of Man
    assert single_region(800) is None  # non-geographic
    assert single_region(999) is None  # unassigned


def test_format_choices_are_remembered_for_the_course_countries():
    # The optimisation is on for JP, GB and US (digit-only format patterns, bounded
    # leading digits); the properties above check it changes no result.
    for region in ("JP", "GB", "US"):
        plan = plan_for(region)
        assert plan._national.depth is not None and plan._international.depth is not None
