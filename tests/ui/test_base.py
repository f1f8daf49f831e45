"""The shared simulator base: guarded callbacks, status messages, badges."""

from __future__ import annotations

import ipywidgets as widgets

from course.ui.base import Simulator, button, text_field, verdict


class _Echo(Simulator):
    def __init__(self, lang=None):
        super().__init__(lang)
        self.field = text_field(self.t("common.language.name"))
        self.go = button("go", "go")
        self.on_click(self.go, self._go)
        self.widget = self.frame(self.field, self.go, css_class="course-echo")

    def _go(self):
        if self.field.value == "boom":
            raise RuntimeError("boom")
        self.result = self.field.value.upper()
        self.say(self.result)


def test_callback_result_is_kept_and_shown():
    sim = _Echo("en")
    sim.field.value = "abc"
    sim.go.click()
    assert sim.result == "ABC" and "ABC" in sim.status.value and sim.last_error is None


def test_an_unexpected_error_becomes_a_message_in_the_learners_language():
    sim = _Echo("ja")
    sim.field.value = "boom"
    sim.go.click()  # must not raise
    assert isinstance(sim.last_error, RuntimeError)
    assert "思わぬ問題" in sim.status.value and "RuntimeError" in sim.status.value
    assert 'role="status"' in sim.status.value


def test_frame_is_labelled_with_classes_and_keeps_the_status_last():
    sim = _Echo("en")
    assert isinstance(sim.widget, widgets.VBox)
    assert "course-simulator" in sim.widget._dom_classes
    assert sim.widget.children[-1] is sim.status


def test_verdicts_use_symbols_and_words_not_only_colour():
    assert "✔" in verdict(True, "fine", "en") and "OK" in verdict(True, "fine", "en")
    assert "✘" in verdict(False, "no", "ja") and "問題あり" in verdict(False, "no", "ja")

