"""course.sim.numbers.fictional: the declared fictional ranges and the examples drawn from them."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.sim.numbers import fictional
from course.sim.numbers.number_checker import NumberType, check_number
from tests.helpers import examples


def test_the_declared_ranges_cover_the_kinds_the_simulators_need():
    kinds = {(r.country, r.type) for r in fictional.ranges()}
    assert {("JP", "mobile"), ("JP", "voip"), ("JP", "fixed_line"), ("JP", "pager_m2m"),
            ("US", "fixed_line_or_mobile"), ("GB", "mobile"), ("GB", "fixed_line")} <= kinds
    assert all(r.type in NumberType._value2member_map_ for r in fictional.ranges())


@pytest.mark.parametrize("entry", fictional.ranges(), ids=lambda r: r.id)
def test_each_range_example_is_reported_as_that_fictional_range(entry):
    result = check_number(entry.example, entry.country)
    assert result.valid and result.fictional == entry
    assert result.number_type.value == entry.type
    assert result.region == entry.country
    assert entry.basis["ja"] and entry.basis["en"] and entry.sources


def test_the_library_cannot_tell_fiction_which_is_why_the_course_declares_it():
    # domain_facts §4.2: fictional JP mobiles are invalid, 03-1... and +1 555-01xx are "valid".
    def valid(text, region):
        return phonenumbers.is_valid_number(phonenumbers.parse(text, region))
    assert not valid(fictional.fictional_example("mobile"), "JP")
    assert valid(fictional.fictional_example("fixed_line"), "JP")
    assert valid(fictional.fictional_example("us_555_01"), "US")
    assert not valid(fictional.fictional_example("uk_mobile_7700_900"), "GB")


@settings(max_examples=examples(200), deadline=None)
@given(st.sampled_from(fictional.kinds()), st.integers(min_value=-10**12, max_value=10**12))
def test_every_example_falls_in_its_block_whatever_the_index(kind, index):
    number = fictional.fictional_example(kind, index)
    result = check_number(number)
    assert result.fictional is not None
    if kind in {r.id for r in fictional.ranges()}:
        assert result.fictional.id == kind
    else:
        assert result.fictional.type == kind


def test_index_zero_is_the_example_and_indexes_give_distinct_numbers():
    assert fictional.fictional_example("mobile") == "090-0123-4567"
    assert fictional.fictional_example("jp_ip_050_0", 1) == "050-0123-4568"
    numbers = fictional.fictional_examples("us_555_01", 100)
    assert len(set(numbers)) == 100  # the whole 555-0100..0199 block
    assert fictional.fictional_example("us_555_01", 100) == numbers[0]  # wraps around


def test_a_type_prefers_a_block_of_the_requested_country():
    assert fictional.fictional_example("mobile", country="GB").startswith("+44 7700 900")
    assert fictional.fictional_example("fixed_line", country="GB").startswith("+44 20 7946 0")


def test_an_unknown_kind_names_the_known_ones():
    with pytest.raises(ValueError, match="jp_mobile_090_0"):
        fictional.fictional_example("satellite")


def test_a_range_whose_example_is_outside_its_pattern_is_refused(tmp_path, monkeypatch):
    (tmp_path / "fictional_numbers.yaml").write_text(
        "ranges:\n  - {id: bad, type: mobile, country: JP, pattern: '8190[0]\\\\d{7}',\n"
        "     example: '070-0123-4567', basis: {ja: x, en: y}, sources: []}\n",
        encoding="utf-8")
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path))
    with pytest.raises(fictional.FictionalRangeError, match="outside its own pattern"):
        fictional.ranges()
