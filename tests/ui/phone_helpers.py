"""Shared helpers for the headless tests of the phone simulators."""

from __future__ import annotations

import random
import re

import ipywidgets as widgets

from course.sim.core.clock import SimulatedClock

INTERACTIVE = (widgets.Button, widgets.Checkbox, widgets.Dropdown, widgets.Text,
               widgets.Password, widgets.RadioButtons)
TAGS = re.compile(r"<[^>]+>")


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def controls(widget) -> list[widgets.Widget]:
    return [w for w in walk(widget) if isinstance(w, INTERACTIVE)]


def text_of(widget) -> str:
    """Every piece of text on screen in a widget tree (HTML stripped, entities kept)."""
    parts = []
    for w in walk(widget):
        if isinstance(w, widgets.HTML):
            parts.append(TAGS.sub(" ", w.value))
        elif isinstance(w, (widgets.Button, widgets.Checkbox, widgets.Dropdown)):
            parts.append(w.description)
    return re.sub(r"\s+", " ", " ".join(parts)).replace("&#x27;", "'").replace("&quot;", '"')


def seeded(seed: int = 1) -> dict:
    """Clock, random source and code source for a repeatable simulator."""
    return {"clock": SimulatedClock(), "rng": random.Random(seed),
            "code_source": random.Random(seed + 100)}


def assert_labelled(widget) -> None:
    """Every control has a visible label (its description) in plain text, and nothing
    needs a drag or a hover."""
    found = controls(widget)
    assert found
    for control in found:
        assert control.description.strip(), control
        assert not getattr(control, "description_allow_html", False)
    names = {type(w).__name__ for w in walk(widget)}
    assert not any("Drag" in n or ("Drop" in n and n != "Dropdown") for n in names)
