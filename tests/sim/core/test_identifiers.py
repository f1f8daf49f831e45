"""What counts as a phone number, email address or user name when typed."""

from __future__ import annotations

from course.sim.core.identifiers import clean_email, clean_handle, clean_number


def test_cleaners_accept_the_expected_forms_only():
    fictional = "+819001234567"  # 090-0123-4567; malformed variants are built from it
    assert clean_number(f" {fictional} ") == fictional
    assert clean_number(fictional.replace("+", "+0")) is None  # no country code starts with 0
    assert clean_number(fictional[:8]) is None  # too short
    assert clean_number(fictional + "0123") is None  # longer than E.164 allows
    assert clean_number(fictional.replace("9", "\u0669", 1)) is None  # Arabic-Indic digit
    assert clean_email(" Ab.C@Example.COM ") == "ab.c@example.com"
    assert clean_email("a@b") is None and clean_email("a b@example.com") is None
    assert clean_email("a@example.com\n") == "a@example.com"
    assert clean_email("a@exa\x00mple.com") is None
    assert clean_handle("@Hanako_2026") == "hanako_2026"
    assert clean_handle("はなこ") is None and clean_handle("a" * 400) is None
