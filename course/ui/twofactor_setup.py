"""Two-factor lab, part 1: set up an authenticator app and practise with it.

The learner makes a QR code (a real ``otpauth://`` URI that a phone app can
scan, issuer "X-course-simulator"), types the code the app shows, sees the
backup codes once, hides them for good, and practises the second login step.
Learners without a phone use the simulated app and move its clock forward.

Every callback reads its controls, calls one method of
``course.sim.twofactor.twofactor_setup.AuthenticatorSetup`` and shows the
``SetupStep`` it returns; the step is kept on ``self.result``.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from course.facts.policy import value
from course.sim.core.clock import Clock, SystemClock
from course.sim.twofactor.twofactor_setup import (
    AuthenticatorSetup,
    FastForwardClock,
    SetupStep,
    TotpWindow,
)
from course.ui import lean
from course.ui.base import Simulator, button, heading, text_field
from course.ui.sources_view import badge_html
from course.ui.twofactor_render import (
    STYLE,
    app_screen_html,
    backup_codes_html,
    enrolment_html,
    note_html,
    step_html,
    timeline_html,
)

FAST_FORWARD_SECONDS = (10, 30, 120)
HISTORY_LINES = 6


def _paragraph(text: str, badge: str = "") -> widgets.HTML:
    return lean.HTML(note_html(text, badge))


def _feedback() -> widgets.HTML:
    return lean.HTML(layout=widgets.Layout(min_height="1.5em"))


class AppSetupLab(Simulator):
    """Enrol an authenticator app by QR code, verify its code, see backup codes once.

    ``rng`` defaults to ``secrets.SystemRandom()`` and ``clock`` to the real
    clock, so a real phone app agrees with the simulator; tests pass a seeded
    ``random.Random`` and a ``SimulatedClock``. ``backup_code_iterations``
    lowers the hashing cost in tests only. ``on_result`` is told every new
    result (``TwoFactorLab`` uses it to follow both parts).
    """

    SHOWS = ("policies/twofactor", "errors/twofactor", "errors/twofactor_setup")

    def __init__(self, lang: str | None = None, *, rng: object = None,
                 clock: Clock | None = None, backup_code_iterations: int | None = None,
                 on_result: Callable[[Any], None] | None = None):
        super().__init__(lang)
        self.on_result = on_result
        self._rng = rng if rng is not None else secrets.SystemRandom()
        self._base_clock = clock if clock is not None else SystemClock()
        self._iterations = backup_code_iterations
        self.flow = self._new_flow()
        self.history: list[str] = []
        t = self.t

        self.handle = text_field(t("ui_twofactor.setup.handle_label"),
                                 value=str(value("attacks.victim_handle")))
        self.make_qr = button(t("ui_twofactor.setup.make_qr"),
                              t("ui_twofactor.setup.make_qr_tooltip"))
        self.qr = lean.HTML()
        self.qr_feedback = _feedback()

        self.scan = button(t("ui_twofactor.setup.scan"), t("ui_twofactor.setup.scan_tooltip"))
        self.look = button(t("ui_twofactor.setup.look"), t("ui_twofactor.setup.look_tooltip"))
        self.forward = {s: button(t("ui_twofactor.setup.forward", seconds=s),
                                  t("ui_twofactor.setup.forward_tooltip", seconds=s))
                        for s in FAST_FORWARD_SECONDS}
        self.app_screen = lean.HTML()
        self.app_feedback = _feedback()

        self.code = text_field(t("ui_twofactor.setup.code_label"), placeholder="123 456")
        self.check = button(t("ui_twofactor.setup.check"), t("ui_twofactor.setup.check_tooltip"))
        self.verify_feedback = _feedback()
        self.show_timeline = lean.Checkbox(value=True, indent=False,
                                           description=t("ui_twofactor.setup.timeline_toggle"))
        self.timeline = lean.HTML()

        self.backup_codes = lean.HTML()
        self.saved = lean.Checkbox(value=False, indent=False,
                                   description=t("ui_twofactor.setup.saved_label"),
                                   layout=widgets.Layout(width="auto"))
        self.hide_codes = button(t("ui_twofactor.setup.hide"),
                                 t("ui_twofactor.setup.hide_tooltip"))
        self.backup_feedback = _feedback()

        self.login_method = lean.RadioButtons(
            options=[(t(f"ui_twofactor.setup.login_method.{m}"), m)
                     for m in ("totp", "backup_code")],
            value="totp", description=t("ui_twofactor.setup.login_method_label"),
            style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
        self.login_code = text_field(t("ui_twofactor.setup.login_code_label"))
        self.log_in = button(t("ui_twofactor.setup.log_in"),
                             t("ui_twofactor.setup.log_in_tooltip"))
        self.login_feedback = _feedback()
        self.restart = button(t("ui_twofactor.setup.restart"),
                              t("ui_twofactor.setup.restart_tooltip"))

        self.on_click(self.make_qr, lambda: self._show(self.flow.start(self.handle.value)))
        self.on_click(self.scan, lambda: self._show(self.flow.scan_with_simulated_app()))
        self.on_click(self.look, lambda: self._show(self.flow.look_at_app()))
        for seconds, control in self.forward.items():
            self.on_click(control, lambda s=seconds: self._show(self.flow.fast_forward(s)))
        self.on_click(self.check, lambda: self._show(self.flow.confirm(self.code.value)))
        self.on_click(self.hide_codes, lambda: self._show(self.flow.codes_saved(self.saved.value)))
        self.on_click(self.log_in, lambda: self._show(
            self.flow.log_in(self.login_method.value, self.login_code.value)))
        self.on_click(self.restart, self._restart)
        self.on_change(self.show_timeline, self.redraw_timeline)

        assumed = badge_html("assumed", self.lang)
        self.widget = self.frame(
            lean.HTML(STYLE), heading(t("ui_twofactor.setup.title")),
            _paragraph(t("ui_twofactor.setup.simulator_notice"), assumed),
            _paragraph(t("ui_twofactor.setup.delete_afterwards")),
            _paragraph(t("ui_twofactor.setup.memory_only")),
            heading(t("ui_twofactor.setup.qr_heading"), 4),
            self.handle, self.make_qr, self.qr_feedback, self.qr,
            heading(t("ui_twofactor.setup.app_heading"), 4),
            _paragraph(t("ui_twofactor.setup.app_intro")),
            lean.HBox([self.scan, self.look], layout=widgets.Layout(flex_flow="row wrap")),
            lean.HBox(list(self.forward.values()),
                      layout=widgets.Layout(flex_flow="row wrap")),
            self.app_feedback, self.app_screen,
            heading(t("ui_twofactor.setup.verify_heading"), 4),
            _paragraph(t("twofactor.app.drift_note"), assumed),
            self.code, self.check, self.verify_feedback, self.show_timeline, self.timeline,
            heading(t("ui_twofactor.setup.backup_heading"), 4),
            _paragraph(t("ui_twofactor.setup.backup_intro")),
            self.backup_codes, self.saved, self.hide_codes, self.backup_feedback,
            heading(t("ui_twofactor.setup.login_heading"), 4),
            _paragraph(t("ui_twofactor.setup.login_intro")),
            self.login_method, self.login_code, self.log_in, self.login_feedback,
            self.restart,
            css_class="course-twofactor-setup",
        )
        self.widget.add_class("course-twofactor")

    def _new_flow(self) -> AuthenticatorSetup:
        return AuthenticatorSetup(self._rng, FastForwardClock(self._base_clock),
                                  backup_code_iterations=self._iterations)

    # --- showing results ----------------------------------------------------------
    def _feedback_for(self, action: str) -> widgets.HTML:
        return {"start": self.qr_feedback, "scan": self.app_feedback, "look": self.app_feedback,
                "fast_forward": self.app_feedback, "confirm": self.verify_feedback,
                "codes_saved": self.backup_feedback, "log_in": self.login_feedback,
                }.get(action, self.status)

    def _show(self, step: SetupStep) -> None:
        self.result = step
        if self.on_result:
            self.on_result(step)
        self._feedback_for(step.action).value = step_html(step, self.lang)
        enrolment = self.flow.enrolment
        if step.action == "start" and step.accepted and enrolment:
            self.qr.value = enrolment_html(step, self.lang, enrolment.digits, enrolment.period)
            self.app_screen.value = ""
            self.backup_codes.value = ""
            self.history.clear()
        if step.app_code:
            line = self.t("ui_twofactor.setup.history_line", offset=int(step.clock_offset),
                          code=step.app_code)
            self.history = [*self.history, line][-HISTORY_LINES:]
            self.app_screen.value = app_screen_html(step, self.lang, self.history)
        if step.backup_codes:
            self.backup_codes.value = backup_codes_html(step.backup_codes, self.lang)
            # Set-up is over: like a real site, stop showing the key (it stays in memory).
            self.qr.value = note_html(self.t("ui_twofactor.setup.qr_hidden"))
        elif step.action == "codes_saved" and step.accepted:
            self.backup_codes.value = ""  # hidden for good: only the hashes remain
            self.saved.value = False
        self._draw(step.window)

    def redraw_timeline(self) -> None:
        """Draw the accepted time steps around now (the check box's callback)."""
        self._draw(self.flow.window())

    def _draw(self, window: TotpWindow | None) -> None:
        """Draw ``window``, or clear the figure when it is switched off or there is no key."""
        if not self.show_timeline.value or window is None:
            self.timeline.value = ""
            return
        # matplotlib is imported when the timeline is first drawn, not with the
        # lesson's setup cell: the lesson's first widgets appear about 0.4 s sooner.
        from course.plots.twofactor import draw_totp_window, figure_png

        figure = draw_totp_window(window)
        self.timeline.value = timeline_html(figure_png(figure), window, self.lang)

    def _restart(self) -> None:
        self._show(self.flow.reset())
        self.qr.value = self.app_screen.value = self.backup_codes.value = ""
        for area in (self.qr_feedback, self.app_feedback, self.verify_feedback,
                     self.backup_feedback, self.login_feedback):
            area.value = ""
        self.history.clear()
