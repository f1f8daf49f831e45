"""What every simulator widget shares.

A simulator builds ``self.widget`` from labelled controls, wires each control
to a callback that reads values, calls one pure function from ``course.sim``
and shows what came back, and keeps that pure result on ``self.result`` so
tests and notebook check cells can assert on data instead of pixels.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import ipywidgets as widgets

from course.i18n import resolve_language, t
from course.ui import lean
from course.ui.display import ShowsWidget
from course.ui.text import escape, status_html

F = TypeVar("F", bound=Callable[..., Any])

# ipywidgets gives each radio option a fixed one-line height: a long answer
# wraps over the options below it and pushes its own button under the next
# option's text (a click then picks the wrong answer). Course widgets let an
# option grow with its text instead.
RADIO_RULES = (
    "[class*='course-'] .widget-radio-box label{height:auto;min-height:"
    "var(--jp-widgets-radio-item-height);line-height:1.45;white-space:normal;"
    "display:flex;align-items:flex-start;padding:.15em 0}"
    "[class*='course-'] .widget-radio-box input{order:-1;flex:none;height:1.45em;"
    "margin:0 .5em 0 1px}"
)

# One small stylesheet; meaning never rests on colour alone (every state also
# has a symbol and words), colours only reinforce it.
STYLE = lean.HTML(
    "<style>"
    + RADIO_RULES +
    ".course-status{padding:.4em .6em;margin:.3em 0;border-left:4px solid #57606a}"
    ".course-status-correct,.course-status-ok{border-left-color:#1a7f37}"
    ".course-status-incorrect,.course-status-error{border-left-color:#cf222e}"
    ".course-status-notice{border-left-color:#9a6700}"
    ".course-badge{display:inline-block;padding:0 .4em;border:1px solid #57606a;"
    "border-radius:.3em;font-size:85%}"
    "</style>"
)


class Simulator(ShowsWidget):
    """Base class: language, a live status line, guarded callbacks and ``result``."""

    # The data files whose facts this widget shows ("policies/sms", "errors/sms",
    # "recovery" ...). A notebook's sources section lists the sources of every
    # widget it uses (python -m course sources --write-notebooks).
    SHOWS: tuple[str, ...] = ()

    def __init__(self, lang: str | None = None):
        self.lang = resolve_language(lang)
        self.result: Any = None
        self.last_error: BaseException | None = None
        self.status = lean.HTML(layout=lean.layout(min_height="1.5em"))

    def t(self, key: str, **values: object) -> str:
        """A catalog text in this simulator's language."""
        return t(key, self.lang, **values)

    def say(self, text: str, kind: str = "info") -> None:
        """Show a message in the live status region (read out by screen readers)."""
        self.status.value = status_html(text, kind=kind)

    def guarded(self, callback: F) -> F:
        """Wrap a callback so an unexpected error becomes a message, not a traceback.

        Bad input is handled by the pure layer and never reaches this; the guard
        is the last line of defence. The error is kept on ``last_error`` so tests
        can insist it stays ``None``.
        """

        @functools.wraps(callback)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return callback(*args, **kwargs)
            except Exception as exc:
                self.last_error = exc
                self.say(self.t("common.unexpected", detail=type(exc).__name__), kind="error")
                return None

        return run  # type: ignore[return-value]

    def on_click(self, button: widgets.Button, callback: Callable[[], Any]) -> None:
        """Run ``callback()`` (guarded) when ``button`` is pressed."""
        button.on_click(self.guarded(lambda _button: callback()))

    def on_change(self, control: widgets.ValueWidget, callback: Callable[[], Any]) -> None:
        """Run ``callback()`` (guarded) whenever ``control.value`` changes."""
        control.observe(self.guarded(lambda _change: callback()), names="value")

    def frame(self, *children: widgets.Widget, css_class: str) -> widgets.VBox:
        """The outer box of a simulator, with the shared style and a CSS class."""
        box = lean.VBox([STYLE, *children, self.status],
                        layout=widgets.Layout(max_width="60rem"))
        box.add_class("course-simulator")
        box.add_class(css_class)
        return box


def button(label: str, tooltip: str, icon: str = "") -> widgets.Button:
    """A button whose accessible name is its visible label."""
    return lean.Button(description=label, tooltip=tooltip, icon=icon,
                       layout=lean.layout(width="auto"))


def text_field(label: str, placeholder: str = "", value: str = "", *,
               live: bool = False) -> widgets.Text:
    """A text box with a visible label (its description). It sends its text once,
    on Enter or on leaving the box (see ``course.ui.lean``), unless ``live``: a
    filter that answers every keystroke."""
    return lean.Text(value=value, description=label, placeholder=placeholder,
                     style=lean.style(lean.Text, description_width="initial"),
                     layout=lean.layout(width="auto", min_width="24rem"),
                     continuous_update=live)


def heading(text: str, level: int = 3) -> widgets.HTML:
    return lean.HTML(f"<h{level}>{escape(text)}</h{level}>")


def verdict(ok: bool, text: str, lang: str) -> str:
    """HTML for a right/wrong message: symbol and words first, colour only as a border."""
    word = t("common.verdict.ok" if ok else "common.verdict.wrong", lang)
    return status_html(f"{word} {text}", kind="ok" if ok else "error")

