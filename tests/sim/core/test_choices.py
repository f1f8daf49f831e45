"""course.sim.core.choices: ticked choices are read, or refused with a problem, never raised."""

from __future__ import annotations

import itertools

from course.sim.core.choices import clean_choices
from course.sim.core.errors import Refusal

KNOWN = {"phone", "email"}


def shown(values: list[object]) -> str:
    return ", ".join(repr(v) for v in values)


def clean(raw: object) -> frozenset[str] | Refusal:
    return clean_choices(raw, KNOWN, 3, "recovery_bad_have", shown)


def test_none_one_name_or_several():
    assert clean(None) == frozenset()
    assert clean("phone") == {"phone"}
    assert clean(["phone", "email", "phone"]) == {"phone", "email"}


def test_anything_else_is_refused_with_what_was_wrong():
    assert clean(7) == Refusal("recovery_bad_have", {"items": "7"})
    assert clean({"phone": True}) == Refusal("recovery_bad_have", {"items": "{'phone': True}"})
    assert clean(["phone", "fax", 3]) == Refusal("recovery_bad_have", {"items": "'fax', 3"})


def test_an_endless_iterable_is_read_only_past_the_limit():
    assert clean(itertools.repeat("phone")) == Refusal("recovery_bad_have", {"items": "…"})
