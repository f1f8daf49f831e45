"""Bad input anywhere in the two-factor lab gives a message, never a traceback;
and every control is labelled, every image described, every verdict in words."""

from __future__ import annotations

import random
import re
from datetime import date

import ipywidgets as widgets
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from traitlets import TraitError

from course.sim.core.clock import SimulatedClock
from course.ui.twofactor_lab import AppSetupLab, AttackLab, TwoFactorLab
from tests.helpers import examples

typed = st.one_of(
    st.text(max_size=40), st.text(alphabet=st.characters(categories=["Cc", "Cf", "So", "Zs"]),
                                  max_size=30),
    st.sampled_from(["😀" * 2000, "9" * 100_000, "１２３４５６", "\x00" * 6, "\u202e123456",
                     "<script>alert(1)</script>", "' OR 1=1 --", "@" * 16, "sakura_demo\n"]),
)
ODD_VALUES = [None, 0, -1, 10**30, 1e308, float("nan"), True, "", "😀" * 1000, "\x00\x1b",
              date.min, date.max, [], {}, ("a", "b")]


def controls(widget: widgets.Widget) -> list[widgets.Widget]:
    found = [widget]
    for child in getattr(widget, "children", ()):
        found.extend(controls(child))
    return found


def buttons(widget: widgets.Widget) -> list[widgets.Button]:
    return [c for c in controls(widget) if isinstance(c, widgets.Button)]


def html_of(widget: widgets.Widget) -> str:
    return "\n".join(c.value for c in controls(widget) if isinstance(c, widgets.HTML))


@pytest.fixture(scope="module")
def lab() -> TwoFactorLab:
    return TwoFactorLab("ja", rng=random.Random(3), clock=SimulatedClock(),
                        backup_code_iterations=5)


@settings(max_examples=examples(40), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(handle=typed, code=typed, login=typed, method=st.sampled_from(["totp", "backup_code"]))
def test_property_typed_text_never_breaks_the_set_up(handle, code, login, method):
    sim = AppSetupLab("en", rng=random.Random(1), clock=SimulatedClock(),
                      backup_code_iterations=5)
    sim.show_timeline.value = False  # drawing is tested elsewhere; keep fuzzing quick
    sim.handle.value = handle
    sim.make_qr.click()
    assert sim.qr_feedback.value.startswith('<div class="course-status')
    sim.code.value = code
    sim.check.click()
    assert ("✔" in sim.verify_feedback.value) == sim.result.accepted
    sim.saved.value = True
    sim.hide_codes.click()
    sim.login_method.value = method
    sim.login_code.value = login
    sim.log_in.click()
    assert "✔" in sim.login_feedback.value or "✘" in sim.login_feedback.value
    assert "<script>" not in html_of(sim.widget)
    assert sim.last_error is None


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_odd_values_on_every_control_then_every_button(lang):
    sim = TwoFactorLab(lang, rng=random.Random(2), clock=SimulatedClock(),
                       backup_code_iterations=5)
    sim.setup.show_timeline.value = False
    accepted = 0
    for control in controls(sim.widget):
        if isinstance(control, (widgets.HTML, widgets.Box, widgets.Button)):
            continue
        for odd in ODD_VALUES:
            try:
                control.value = odd
                accepted += 1
            except (TraitError, TypeError, ValueError, AttributeError):
                pass  # refused by traitlets or the widget's serializer; press on anyway
            for press in buttons(sim.widget):
                press.click()
            assert sim.last_error is None, (control, odd, sim.last_error)
    assert accepted > 10  # the check really reached the callbacks with odd values


def test_the_walkthrough_controls_accept_none_and_explain(lab):
    attacks = lab.attacks
    attacks.method.value = None
    assert attacks.result.problem.code == "twofactor_attack_unknown_method"
    assert "✘" in attacks.steps.value and "方式" in attacks.steps.value
    attacks.next.click()
    attacks.all.click()
    attacks.method.value = "totp"
    assert attacks.result.ok
    assert lab.last_error is None


@pytest.mark.parametrize("cls", [AppSetupLab, AttackLab, TwoFactorLab])
def test_every_control_has_a_visible_label(cls):
    sim = cls("en")
    for control in controls(sim.widget):
        if isinstance(control, widgets.Button):
            assert control.description.strip() and control.tooltip.strip(), control
        elif isinstance(control, widgets.ValueWidget) and not isinstance(control, widgets.HTML):
            assert control.description.strip(), control


def test_images_are_described_and_verdicts_use_symbols_and_words():
    sim = AppSetupLab("en", rng=random.Random(4), clock=SimulatedClock(),
                      backup_code_iterations=5)
    sim.make_qr.click()
    images = re.findall(r"<img [^>]*>", html_of(sim.widget))
    assert len(images) == 2  # the QR code and the timeline
    assert all(re.search(r'alt="[^"]{20,}"', image) for image in images)
    sim.scan.click()
    sim.code.value = sim.flow.look_at_app().app_code
    sim.check.click()
    sim.hide_codes.click()  # not ticked: an error verdict
    html = html_of(sim.widget)
    for kind, symbol in (("ok", "✔"), ("error", "✘")):
        boxes = re.findall(rf'course-status-{kind}"[^>]*>([^<]*)<', html)
        assert boxes and all(box.startswith(symbol) for box in boxes), boxes
    assert "color:" not in re.sub(r"<style>.*?</style>", "", html, flags=re.S)


def test_every_button_is_reachable_from_the_keyboard():
    # ipywidgets buttons, check boxes, radio buttons and dropdowns are native
    # form controls; none is taken out of the tab order.
    sim = TwoFactorLab("en")
    for control in controls(sim.widget):
        if isinstance(control, widgets.DOMWidget) and hasattr(control, "tabbable"):
            assert control.tabbable is not False
            assert not getattr(control, "disabled", False)
