"""Showing a number the simulators hold in E.164 ("+819001234567").

The registry and the discoverability community keep numbers in E.164. On
screen a number is written as people write it (national at home,
international otherwise) and, once a learner typed it, masked. Both forms
come from ``check_number``, the one reader of numbers, and ``mask``, the one
masking rule, so a number looks the same in every simulator. Nothing here
stores a number.
"""

from __future__ import annotations

from course.sim.core.identifiers import clean_number
from course.sim.numbers.number_checker import check_number


def display_form(number: object) -> str | None:
    """The number grouped as people write it ("090-0123-4567"), or None if not E.164.

    Only for numbers the course itself ships (the fictional cast); a number a
    learner typed is shown with ``masked`` instead."""
    e164 = clean_number(number)
    return check_number(e164).display if e164 is not None else None


def masked(number: object) -> str | None:
    """The number with its middle hidden ("090-****-4567"), or None if not E.164."""
    e164 = clean_number(number)
    return check_number(e164).masked if e164 is not None else None
