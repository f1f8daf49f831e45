"""Numbers the simulators hold in E.164, shown as people write them and masked.

Reading what a learner typed is ``check_number``'s job alone (issue #14.3: one
reader); these tests hold its E.164 form to the ways people write a number."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from course.sim.core.identifiers import MAX_INPUT_CHARS
from course.sim.numbers.masking import hidden_needed
from course.sim.numbers.number_checker import check_number
from course.sim.numbers.number_display import display_form, masked
from tests.sim.fictional_strategies import fictional_numbers, japanese_fictional_numbers


def read(typed: object) -> str | None:
    """What the one reader makes of typed text: E.164 when usable, else None."""
    checked = check_number(typed)
    return checked.e164 if checked.valid else None


@pytest.mark.parametrize("typed", [
    "090-0123-4567", "09001234567", "090 0123 4567", "０９０－０１２３－４５６７",
    "+81 90-0123-4567", "+819001234567", " (090) 0123-4567 ", "090.0123.4567",
    "+81 090-0123-4567",  # the trunk 0 after +81 is dropped (with a warning)
])
def test_ways_people_write_a_japanese_number_read_as_one_e164(typed):
    assert read(typed) == "+819001234567"


@pytest.mark.parametrize("typed", [
    "", "   ", "abc", "090-01", "0090-0123-4567", "+0 90 0123 4567", "090-0123-4567x",
    "＋81９0①23", "+81 90 0123 4567 8901 2345", "1" * (MAX_INPUT_CHARS + 1),
    None, 819001234567, ["090-0123-4567"], b"090-0123-4567",
])
def test_what_is_not_a_number_reads_as_none(typed):
    assert read(typed) is None


@pytest.mark.parametrize("number, shown, hidden", [
    ("+819001230001", "090-0123-0001", "090-****-0001"),
    ("+817001234567", "070-0123-4567", "070-****-4567"),
    ("+815001234567", "050-0123-4567", "050-****-4567"),
    ("+81312340008", "03-1234-0008", "03-****-0008"),
    ("+12025550143", "+1 202-555-0143", "+1 202-***-*143"),
    ("+447700900123", "+44 7700 900123", "+44 7700 ****23"),
    ("+442079460123", "+44 20 7946 0123", "+44 20 **** 0123"),
])
def test_known_numbers_are_grouped_and_masked_as_people_write_them(number, shown, hidden):
    assert display_form(number) == shown
    assert masked(number) == hidden


@pytest.mark.parametrize("bad", [None, "", "090-0123-4567", "+81", 42, "+8190012345678901"])
def test_masking_something_that_is_not_e164_gives_none(bad):
    assert masked(bad) is None and display_form(bad) is None


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@given(fictional_numbers)
def test_masking_hides_the_stated_share_and_keeps_the_last_ones(number):
    shown, hidden = display_form(number), masked(number)
    assert shown is not None and hidden is not None
    assert len(hidden) == len(shown)  # same layout, digits replaced in place
    national = len(_digits(shown)) - (len(shown.split()[0]) - 1 if shown[0] == "+" else 0)
    assert hidden.count("*") >= hidden_needed(national)
    assert all(h in ("*", s) for h, s in zip(hidden, shown, strict=True))
    assert hidden[-2:] == shown[-2:]  # enough to recognise one's own number
    # The full digit string never survives masking, in any grouping.
    assert number[1:] not in _digits(hidden) and _digits(shown) not in _digits(hidden)


@given(fictional_numbers)
def test_a_number_shown_in_its_usual_form_reads_back_to_itself(number):
    assert read(display_form(number)) == number


@given(japanese_fictional_numbers)
def test_a_japanese_number_typed_nationally_reads_as_its_e164(number):
    national = display_form(number)
    assert national.startswith("0")
    assert read(national) == number
    assert read(national.replace("-", "")) == number


@given(st.text(max_size=400))
def test_any_text_reads_as_a_clean_number_or_none(text):
    number = read(text)
    assert number is None or re.fullmatch(r"\+[1-9][0-9]{7,14}", number)
