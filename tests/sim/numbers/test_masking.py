"""The one masking rule: every simulator hides the same digits of a number (issue #15.10)."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from course.sim.numbers.masking import MIN_HIDDEN, hidden_needed, mask
from course.sim.numbers.number_checker import check_number
from course.sim.numbers.number_display import masked
from tests.helpers import examples
from tests.sim.fictional_strategies import fictional_numbers


def _joined(*groups: str, sep: str = "-") -> str:
    # Service numbers are built at run time: written out whole they could be a real line.
    return sep.join(groups)


@pytest.mark.parametrize("display, shown", [
    ("090-0123-4567", "090-****-4567"),
    ("03-1234-5678", "03-****-5678"),
    (_joined("0120", "12" + "3", "45" + "6"), "0120-***-*56"),
    (_joined("0800", "12" + "3", "45" + "67"), "0800-***-*567"),
    (_joined("07700", "900123", sep=" "), "07700 ****23"),
    ("+44 7700 900123", "+44 7700 ****23"),
    ("+44 20 7946 0123", "+44 20 **** 0123"),
    ("+1 202-555-0123", "+1 202-***-*123"),
    ("+81 90-0123-4567", "+81 90-****-4567"),
    (_joined("+886 912", "34" + "5", "67" + "8", sep=" "), "+886 912 *** *78"),
    (_joined("+61 491", "57" + "0", "15" + "6", sep=" "), "+61 491 *** *56"),
    ("+819001234567", "+81900****567"),
    ("0900123456", "090****456"),
    ("123", "***"),
    (None, None), ("", None),
])
def test_the_rule_keeps_the_first_group_and_the_last_digits(display, shown):
    assert mask(display) == shown


@pytest.mark.parametrize("display", [
    _joined("0120", "12" + "3", "45" + "6"), _joined("0570", "00" + "0", "00" + "0"),
    _joined("0990", "12" + "3", "45" + "6"), _joined("07700", "900123", sep=" "),
    _joined("0491", "57" + "0", "15" + "6", sep=" "),
])
def test_short_numbers_are_no_longer_shown_with_only_two_digits_hidden(display):
    # Issue #15.10: 0120-**3-456 left 100 candidates; four hidden digits leave 10,000.
    assert mask(display).count("*") >= MIN_HIDDEN


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@settings(max_examples=examples(300), deadline=None)
@given(st.from_regex(r"\A\+?[0-9]{1,5}(?:[- ][0-9]{1,6}){0,4}\Z"))
@example("0100")
@example("+44 7700 900123")
def test_at_least_the_stated_share_of_digits_is_hidden_and_the_layout_kept(display):
    shown = mask(display)
    assert shown is not None and len(shown) == len(display)
    assert all(s in ("*", d) for s, d in zip(shown, display, strict=True))
    assert re.sub(r"[0-9*]", "", shown) == re.sub(r"[0-9]", "", display)
    runs = re.findall(r"[0-9]+", display)
    country = 0  # the country code stays visible: at most its digits are not counted
    if display.startswith("+"):
        country = len(runs[0]) if len(runs) > 1 and len(runs[0]) <= 3 else 3
    national = max(0, len(_digits(display)) - country)
    assert shown.count("*") >= hidden_needed(national)


def test_the_stated_minimum():
    assert MIN_HIDDEN == 4
    assert [hidden_needed(n) for n in (3, 4, 10, 11, 12, 14, 15)] == [3, 4, 4, 4, 4, 5, 5]


@pytest.mark.parametrize("display", ["090-0123-4567", "03-1234-5678", "050-0123-4567",
                                     "+44 7700 900123", "+1 202-555-0143", "020-0123-4567"])
def test_the_quick_path_for_the_common_layout_agrees_with_the_general_rule(display):
    from course.sim.numbers import masking
    assert masking.mask(display) == masking._mask_general(display)


@settings(max_examples=examples(300), deadline=None)
@given(st.from_regex(r"\A\+?[0-9]{2,5}[- ][0-9]{1,6}[- ][0-9]{4}\Z"))
def test_the_quick_path_agrees_with_the_general_rule_everywhere(display):
    from course.sim.numbers import masking
    assert masking.mask(display) == masking._mask_general(display)


@settings(max_examples=examples(100), deadline=None)
@given(fictional_numbers)
def test_every_simulator_masks_a_number_alike(number):
    # The checker (typed input), the registry's numbers (E.164) and any text form agree.
    checked = check_number(number)
    assert checked.masked == masked(number) == mask(checked.display)
    assert _digits(number)[-9:] not in _digits(checked.masked)
