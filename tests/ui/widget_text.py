"""Read what a widget tree shows, for headless assertions."""

from __future__ import annotations

import base64
import html
import re

import ipywidgets as widgets

_TAGS = re.compile(r"<[^>]+>")
_IMAGE_DATA = re.compile(r'src="data:image/svg\+xml;base64,([^"]*)"')


def walk(widget: widgets.Widget):
    """Every widget in the tree, depth first."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def shown_text(widget: widgets.Widget) -> str:
    """All text a learner can read or have read out: HTML without tags (but with
    alt texts), field values, descriptions, placeholders and option labels."""
    parts = []
    for item in walk(widget):
        value = getattr(item, "value", None)
        if isinstance(item, widgets.HTML):
            markup = _IMAGE_DATA.sub("", item.value)
            parts += re.findall(r'alt="([^"]*)"', markup)
            parts.append(html.unescape(_TAGS.sub(" ", markup)))
        elif isinstance(value, str):
            parts.append(value)
        for name in ("description", "placeholder", "tooltip"):
            text = getattr(item, name, None)
            if isinstance(text, str):
                parts.append(text)
        if isinstance(item, widgets.Dropdown):
            parts += [str(label) for label in item._options_labels]
    return html.unescape(" ".join(parts))


def controls(widget: widgets.Widget) -> list[widgets.Widget]:
    """Every control a learner operates."""
    kinds = (widgets.Button, widgets.Text, widgets.Dropdown, widgets.Checkbox,
             widgets.IntSlider, widgets.RadioButtons)
    return [w for w in walk(widget) if isinstance(w, kinds)]


def images(widget: widgets.Widget) -> list[str]:
    """The decoded SVG of every image shown in the tree."""
    return [base64.b64decode(data).decode("utf-8") for data in _IMAGE_DATA.findall(markup(widget))]


def markup(widget: widgets.Widget) -> str:
    return " ".join(w.value for w in walk(widget) if isinstance(w, widgets.HTML))
