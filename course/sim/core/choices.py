"""Reading a set of ticked choices from whatever a caller passed.

The recovery navigator ("what do you still have?") and the scam spotter
("which warning signs did you see?") both take one name, a list of names or
nothing, and must refuse anything else with a problem rather than raise.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping

from course.sim.core.errors import Refusal


def clean_choices(raw: object, known: Container[object], limit: int, code: str,
                  shown: Callable[[list[object]], str]) -> frozenset[str] | Refusal:
    """The known names in ``raw``, or a ``code`` refusal whose ``items`` says what was wrong.

    ``None`` is no choice; one string is one choice. The input is read only
    up to ``limit + 1`` items, so a huge or endless iterable cannot stall a
    widget; ``shown`` renders the offending values for the message.
    """
    if raw is None:
        return frozenset()
    items = [raw] if isinstance(raw, str) else raw
    if isinstance(items, Mapping) or not isinstance(items, Iterable):
        return Refusal(code, {"items": shown([raw])})
    values: list[object] = []
    for item in items:
        values.append(item)
        if len(values) > limit:
            return Refusal(code, {"items": "…"})
    unknown = [v for v in values if not isinstance(v, str) or v not in known]
    if unknown:
        return Refusal(code, {"items": shown(unknown)})
    return frozenset(values)  # type: ignore[arg-type]
