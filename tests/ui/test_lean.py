"""The controls of course.ui.lean share their layout and style objects, which are
frozen, and every view of the course builds its controls from them."""

from __future__ import annotations

import ast
from pathlib import Path

import ipywidgets as widgets
import pytest

import course.ui
from course.ui import Quiz, lean
from tests.quiz.helpers import fixture_bank

CONTROLS = ("HTML", "Button", "Checkbox", "RadioButtons", "Dropdown", "Text", "Textarea",
            "Password", "VBox", "HBox")


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


@pytest.mark.parametrize("name", CONTROLS)
def test_two_controls_share_one_layout_and_style_and_stay_what_ipywidgets_expects(name):
    kind = getattr(lean, name)
    first, second = kind(), kind()
    assert isinstance(first, getattr(widgets, name))
    assert first.get_state()["_model_name"] == getattr(widgets, name)()._model_name
    assert first.layout is second.layout and lean.is_shared(first.layout)
    if "style" in kind.class_traits():
        assert first.style is second.style and lean.is_shared(first.style)


def test_a_shared_layout_or_style_cannot_change_but_a_controls_own_can():
    shown = lean.HTML("a")
    with pytest.raises(AttributeError, match="shared by many controls"):
        shown.layout.display = "none"
    with pytest.raises(AttributeError, match="shared by many controls"):
        lean.Button().style.button_color = "red"
    assert lean.HTML("b").layout.display is None and lean.Button().style.button_color is None
    own = lean.HTML("c", layout=widgets.Layout(width="10rem"))
    own.layout.display = "none"
    assert own.layout.display == "none" and not lean.is_shared(own.layout)


def test_one_shared_object_per_setting_and_style_type():
    assert lean.layout(width="auto") is lean.layout(width="auto")
    assert lean.layout(width="auto") is not lean.layout(width="auto", min_width="24rem")
    assert lean.layout(width="auto").width == "auto"
    text_style = lean.style(lean.Text, description_width="initial")
    assert text_style is lean.style(widgets.Text, description_width="initial")
    assert isinstance(text_style, widgets.widgets.widget_string.TextStyle)
    assert lean.style(lean.Dropdown, description_width="initial") is not text_style
    field = lean.Text(style=text_style)
    assert field.style is text_style and field.style.description_width == "initial"


def test_every_control_of_every_question_type_uses_shared_layout_and_style():
    quiz = Quiz(fixture_bank(), lang="ja", store=None)
    kinds = {type(view).__name__ for view in quiz.views}
    assert kinds >= {"ChoiceView", "MultipleChoiceView", "OrderingView", "MatchingView",
                     "TextEntryView"}
    for view in quiz.views:
        for control in walk(view.widget):
            assert lean.is_shared(control.layout), (type(view).__name__, control)
            if "style" in control.class_traits():
                assert lean.is_shared(control.style), (type(view).__name__, control)


def _direct_controls(path: Path) -> list[str]:
    """``widgets.HTML(...)``-style calls: controls made with a layout and style each."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "widgets"
                and node.func.attr in CONTROLS):
            found.append(f"{path.name}:{node.lineno} widgets.{node.func.attr}")
    return found


def test_the_views_build_their_controls_from_lean():
    folder = Path(course.ui.__file__).parent
    direct = [hit for path in sorted(folder.glob("*.py")) if path.name != "lean.py"
              for hit in _direct_controls(path)]
    assert direct == [], "use course.ui.lean's controls: " + ", ".join(direct)
