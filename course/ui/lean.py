"""The ipywidgets controls the course builds its views from, without a layout and a
style object each.

An ipywidgets control brings a ``Layout`` and a style of its own, and each is one
more widget model that the kernel creates, sends to the page and the page builds.
In the lessons, two in three of the 2,000-4,700 models per notebook were these,
nearly all left at their defaults. The controls here share one default layout and
one default style per style type, and ``layout(...)`` and ``style(...)`` give one
shared object per distinct setting.

A shared object is frozen: changing it would change every control that uses it,
so it raises ``AttributeError`` instead. A control whose layout changes later
(shown and hidden, resized) is given its own, ``widgets.Layout(...)``.

The text boxes (``Text``, ``Textarea``, ``Password``) send their text once, on
Enter or when they lose focus, unless made with ``continuous_update=True`` (a
filter that answers every keystroke). ipywidgets' page side holds a box's next
update back until the kernel has answered its last one, but sends a click at
once: sent keystroke by keystroke, the text could reach the kernel after the
click of the button that reads it, and the button would read part of it.
"""

from __future__ import annotations

import functools
import types
from typing import Any, TypeVar

import ipywidgets as widgets
from traitlets import default

W = TypeVar("W", bound=widgets.Widget)


class _Frozen:
    """Mixed into a shared layout or style: its settings are read-only once made."""

    _frozen = False

    def __setattr__(self, name: str, value: Any) -> None:
        if self._frozen and not name.startswith("_") and name in self.keys:  # type: ignore[attr-defined]
            raise AttributeError(
                f"this {type(self).__name__} is shared by many controls and cannot change; "
                f"give the control its own (layout=widgets.Layout(...)) to change {name!r}")
        super().__setattr__(name, value)


@functools.cache
def _frozen_type(kind: type[W]) -> type[W]:
    return types.new_class(kind.__name__, (_Frozen, kind),
                           exec_body=lambda namespace: namespace.update(__module__=__name__))


@functools.cache
def _shared_instance(kind: type[W], settings: tuple[tuple[str, Any], ...]) -> W:
    made = _frozen_type(kind)(**dict(settings))
    made._frozen = True
    return made


def is_shared(layout_or_style: widgets.Widget) -> bool:
    """True for a layout or style that ``layout``/``style`` gave (frozen, shared)."""
    return isinstance(layout_or_style, _Frozen)


def layout(**settings: Any) -> widgets.Layout:
    """The shared, frozen layout with these settings (e.g. ``width="auto"``)."""
    return _shared_instance(widgets.Layout, tuple(sorted(settings.items())))


def style(control: type[widgets.Widget], **settings: Any) -> widgets.Widget:
    """The shared, frozen style with these settings, of the type ``control`` takes
    (a ``Text`` takes a ``TextStyle``, a ``Button`` a ``ButtonStyle``...)."""
    return _shared_instance(control.class_traits()["style"].klass,
                            tuple(sorted(settings.items())))


def _sharing(base: type[W]) -> type[W]:
    """``base`` with the shared default layout, and style if it has one."""

    def body(namespace: dict[str, Any]) -> None:
        namespace["__module__"] = __name__
        namespace["__doc__"] = f"``ipywidgets.{base.__name__}`` with a shared default layout."
        namespace["_default_layout"] = default("layout")(lambda _self: layout())
        if "style" in base.class_traits():
            namespace["_default_style"] = default("style")(lambda _self: style(base))
        if "continuous_update" in base.class_traits():
            namespace["_default_continuous_update"] = default("continuous_update")(
                lambda _self: False)

    return types.new_class(base.__name__, (base,), exec_body=body)


HTML = _sharing(widgets.HTML)
Button = _sharing(widgets.Button)
Checkbox = _sharing(widgets.Checkbox)
RadioButtons = _sharing(widgets.RadioButtons)
Dropdown = _sharing(widgets.Dropdown)
Text = _sharing(widgets.Text)
Textarea = _sharing(widgets.Textarea)
Password = _sharing(widgets.Password)
VBox = _sharing(widgets.VBox)
HBox = _sharing(widgets.HBox)
