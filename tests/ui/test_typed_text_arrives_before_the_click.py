"""A text box a button reads sends its text once, before the click (continuous_update off).

ipywidgets (the page side) holds a control's next update back until the kernel
has answered the last one, but sends a button's click at once. CI saw a click
reach the kernel before a dropdown's new choice; a box that sent every keystroke
could likewise reach it after the click of the button that reads it, which would
read part of what was typed. Only a filter that answers each keystroke (its value
observed) may send as the learner types.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import pytest

import course.lessons as lessons
from course.ui import lean
from course.ui.base import text_field
from tests.quiz.helpers import fixture_bank
from tests.ui.phone_helpers import walk


def _quiz(cls: type) -> Any:
    return cls(fixture_bank(), lang="ja", store=None)


# Views whose constructor needs more than a language.
_BUILDERS: dict[str, Callable[[type], Any]] = {
    "Quiz": _quiz, "SelfCheck": _quiz, "ClosingQuiz": _quiz, "FinalAssessment": _quiz,
    "Review": lambda cls: cls("03_sms_codes", lang="ja", store=None),
    "LanguageSwitch": lambda cls: cls("03_sms_codes", lang="ja"),
}


# Views that have text boxes: the rule must meet real ones, or it proves nothing.
_WITH_BOXES = ("AccountsExplorer", "ScamSpotter", "AppSetupLab", "PhoneSettingsFlow",
               "NumberChecker", "SourcesBrowser", "Quiz")


def _views() -> list[str]:
    return [name for name in lessons.__all__
            if inspect.isclass(value := getattr(lessons, name))
            and value.__module__.startswith("course.ui.")]


def _build(name: str) -> Any:
    cls = getattr(lessons, name)
    if name in _BUILDERS:
        return _BUILDERS[name](cls)
    stores = {store: None for store in ("store", "checklist", "preferences")
              if store in inspect.signature(cls).parameters}
    return cls(lang="ja", **stores)


def _private_stores(tmp_path, monkeypatch) -> None:
    """A view that opens its default store opens one in the test's own folder."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(tmp_path / "progress"))


def _typed_boxes(view) -> list[widgets.Text]:
    """The boxes on screen now and those a later step shows (kept on the view)."""
    found = {}
    for root in [view.widget, *vars(view).values()]:
        if isinstance(root, widgets.Widget):
            for w in walk(root):
                if isinstance(w, widgets.Text | widgets.Textarea):
                    found[id(w)] = w
    return list(found.values())


def _watched(box: widgets.Widget) -> bool:
    """True when course code observes the box's value (a live filter)."""
    return bool(box._trait_notifiers.get("value", {}).get("change"))


def test_the_list_of_views_covers_every_simulator_the_notebooks_use():
    names = _views()
    assert set(names) >= set(_WITH_BOXES) | set(_BUILDERS)


@pytest.mark.parametrize("name", _views())
def test_a_box_a_button_reads_sends_its_text_once(name, tmp_path, monkeypatch):
    _private_stores(tmp_path, monkeypatch)
    view = _build(name)
    for box in _typed_boxes(view):
        if not _watched(box):
            assert box.continuous_update is False, (name, box.description)


def test_views_with_typed_boxes_are_checked_at_all(tmp_path, monkeypatch):
    _private_stores(tmp_path, monkeypatch)
    boxes = {name: _typed_boxes(_build(name)) for name in _WITH_BOXES}
    assert all(boxes.values()), {n: len(b) for n, b in boxes.items()}
    assert any(_watched(b) for b in boxes["SourcesBrowser"])  # the live search box


def test_text_field_is_sent_once_unless_it_is_a_live_filter():
    assert text_field("番号").continuous_update is False
    assert text_field("検索", live=True).continuous_update is True


@pytest.mark.parametrize("kind", [lean.Text, lean.Textarea, lean.Password])
def test_the_course_text_boxes_send_once_by_default(kind):
    assert kind().continuous_update is False
    assert kind(continuous_update=True).continuous_update is True
