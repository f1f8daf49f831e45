"""The simulated phone: an inbox that gets the code, or does not, as time passes.

The phone shows its own fictional number, switches for the conditions that
stop or delay a text (airplane mode, no signal, blocking settings, a carrier
outage, being abroad ...), the inbox and the unknown-senders list with the
simulated time of each text, and fast-forward buttons that move the shared
clock so an expiry, the resend wait or a lockout passes in a click. "Why no
text?" explains the fate of the last text with the catalog's cause and fix.

Used alone it asks for codes itself; ``PhoneSettingsFlow`` shares its
``PhoneLine`` and sends the codes of the settings flow to it.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import ipywidgets as widgets

from course.facts import policy as policies
from course.sim.core.clock import SimulatedClock
from course.sim.sms.delivery import Condition
from course.sim.sms.phone_device import PHONE_CONDITIONS, ConditionChange, InboxEntry
from course.sim.sms.simulated_phone import (
    CodeTimer,
    Explanation,
    LineView,
    PhoneLine,
    SendReport,
    TimeJump,
    clock_label,
    fast_forward_steps,
)
from course.sim.sms.verification import CodeSource
from course.ui import lean
from course.ui.base import Simulator, button, heading
from course.ui.phone_parts import STYLE_RULES, paragraphs, problems_html
from course.ui.sources_view import provenance_html
from course.ui.text import escape

PhoneResult = TimeJump | ConditionChange | SendReport | Explanation
SHOWN = 10  # newest texts drawn per list; older ones are counted, so a redraw stays quick


class SimulatedPhone(Simulator):
    """A phone with an inbox, condition switches and a fast-forward control."""

    SHOWS = ("policies/sms", "errors/sms")

    def __init__(self, lang: str | None = None, *, line: PhoneLine | None = None,
                 clock: SimulatedClock | None = None, rng: random.Random | None = None,
                 code_source: CodeSource | random.Random | None = None,
                 standalone: bool = True) -> None:
        super().__init__(lang)
        self.line = line if line is not None else PhoneLine(clock, rng, code_source)
        self.result: PhoneResult | None = None
        self.listeners: list[Callable[[], None]] = []
        self.standalone = standalone

        number = self.line.phone.number.display or ""
        self.own = lean.HTML(f"<p>{escape(self.t('ui_phone.phone.own_number', number=number))}"
                             "</p>")
        self.clock_line = lean.HTML()
        self.signal = lean.HTML()
        self.toggles: dict[Condition, widgets.Checkbox] = {}
        for condition in PHONE_CONDITIONS:
            box = lean.Checkbox(value=False, indent=False,
                                description=self.t(f"ui_phone.phone.conditions.{condition.value}"),
                                layout=widgets.Layout(width="auto"))
            self.on_change(box, lambda c=condition, b=box: self._show(
                self.line.set_condition(c, b.value)))
            self.toggles[condition] = box
        self.forward: dict[int, widgets.Button] = {}
        for seconds in fast_forward_steps():
            step = self._step_label(seconds)
            self.forward[seconds] = button(self.t("ui_phone.phone.forward", step=step),
                                           self.t("ui_phone.phone.forward_tooltip", step=step))
            self.on_click(self.forward[seconds],
                          lambda s=seconds: self._show(self.line.fast_forward(s)))
        self.ask = button(self.t("ui_phone.phone.ask"), self.t("ui_phone.phone.ask_tooltip"))
        self.on_click(self.ask, lambda: self._show(self.line.request_code()))
        self.why = button(self.t("ui_phone.phone.why"), self.t("ui_phone.phone.why_tooltip"))
        self.on_click(self.why, lambda: self._show(self.line.explain()))
        self.show_junk = lean.Checkbox(value=False, indent=False,
                                       description=self.t("ui_phone.phone.show_junk"),
                                       layout=widgets.Layout(width="auto"))
        self.on_change(self.show_junk, self.refresh)
        self.timer = lean.HTML()
        self.inbox = lean.HTML()
        self.junk = lean.HTML()
        self.report = lean.HTML()

        sender = policies.policy("sms.sender_label")
        about = lean.HTML(
            f"<p>{escape(self.t('ui_phone.phone.sender_note', sender=str(sender.value)))} "
            f"{provenance_html(sender.provenance, self.lang)}</p>"
            f"<p>{escape(self.t('sms.message.sample_note'))}</p>")
        actions = [self.why] + ([self.ask] if standalone else [])
        device = lean.VBox([
            heading(self.t("ui_phone.phone.title")), self.own, self.clock_line, self.signal,
            heading(self.t("ui_phone.phone.settings_heading"), 4),
            *self.toggles.values(),
            heading(self.t("ui_phone.phone.inbox_heading"), 4), self.inbox, self.show_junk,
            self.junk, about,
            heading(self.t("ui_phone.phone.time_heading"), 4),
            lean.HBox(list(self.forward.values()),
                      layout=widgets.Layout(flex_flow="row wrap")),
            self.timer,
            lean.HBox(actions, layout=widgets.Layout(flex_flow="row wrap")),
            self.report,
        ])
        device.add_class("course-phone-device")
        self.widget = self.frame(lean.HTML(f"<style>{STYLE_RULES}</style>"), device,
                                 css_class="course-phone")
        self.widget.layout.max_width = "22rem"
        self.refresh()

    # --- callbacks -------------------------------------------------------------

    def _show(self, result: PhoneResult) -> None:
        """Keep the pure result, draw it and the phone, and tell the paired flow."""
        self.result = result
        self.report.value = self._report_html(result)
        self.refresh()
        for listener in self.listeners:
            listener()

    # --- drawing ---------------------------------------------------------------

    def refresh(self) -> None:
        """Redraw the screen from the line's current state (no state changes)."""
        view = self.line.view()
        self.clock_line.value = (
            f"<p>{escape(self.t('ui_phone.phone.clock', time=clock_label(view.elapsed)))}</p>")
        self.signal.value = f"<p>{escape(self._signal_text(view))}</p>"
        self.inbox.value = self._messages_html(view.inbox, view, "inbox_empty")
        self.junk.value = (self._messages_html(view.junk, view, "junk_empty", junk=True)
                           if self.show_junk.value else "")
        self.timer.value = self._timer_html(view.timer)

    def _signal_text(self, view: LineView) -> str:
        if Condition.AIRPLANE_MODE in view.conditions:
            key = "airplane"
        elif Condition.NO_SIGNAL in view.conditions:
            key = "no_signal"
        else:
            key = "ok"
        return self.t(f"ui_phone.phone.signal.{key}")

    def _when(self, entry: InboxEntry) -> str:
        arrived = entry.arrived_at if entry.arrived_at is not None else entry.sent_at
        return clock_label(arrived - self.line.started_at)

    def _messages_html(self, entries: tuple[InboxEntry, ...], view: LineView, empty: str,
                       junk: bool = False) -> str:
        title = self.t("ui_phone.phone.junk_heading" if junk else "ui_phone.phone.inbox_label")
        if not entries:
            return f"<p>{escape(self.t(f'ui_phone.phone.{empty}'))}</p>"
        older = len(entries) - SHOWN
        entries = entries[:SHOWN]
        items = "".join(
            f"<li><p><strong>{escape(self.t('ui_phone.phone.from', sender=e.message.sender))}"
            f"</strong> · {escape(self.t('ui_phone.phone.arrived_at', time=self._when(e)))}"
            f"</p><p>{escape(e.message.text(self.lang))}</p></li>"
            for e in entries)
        more = (f"<p>{escape(self.t('ui_phone.phone.older', count=older))}</p>"
                if older > 0 else "")
        return f'<ul class="course-phone-inbox" aria-label="{escape(title)}">{items}</ul>{more}'

    def _timer_html(self, timer: CodeTimer | None) -> str:
        if timer is None:
            return f"<p>{escape(self.t('ui_phone.phone.timer.none'))}</p>"
        lines = [self.t("ui_phone.phone.timer.to", masked=timer.to_masked or "-")]
        if timer.used:
            lines.append(self.t("ui_phone.phone.timer.used"))
        elif timer.expires_in > 0:
            lines.append(self.t("ui_phone.phone.timer.expires_in",
                                time=clock_label(timer.expires_in)))
        else:
            lines.append(self.t("ui_phone.phone.timer.expired"))
        if timer.locked_for > 0:
            lines.append(self.t("ui_phone.phone.timer.locked", time=clock_label(timer.locked_for)))
        if timer.used:
            pass  # a used code needs no new one
        elif timer.sends_left == 0:
            lines.append(self.t("ui_phone.phone.timer.no_sends_left", limit=timer.max_sends))
        elif timer.can_resend_now:
            lines.append(self.t("ui_phone.phone.timer.resend_ready"))
        else:  # the resend wait or the lockout, whichever ends later
            lines.append(self.t("ui_phone.phone.timer.resend_in",
                                time=clock_label(timer.resend_in)))
        lines.append(self.t("ui_phone.phone.timer.sends", sends=timer.sends,
                            limit=timer.max_sends))
        return paragraphs(lines)

    def _step_label(self, seconds: int) -> str:
        if seconds % 60:
            return self.t("ui_phone.phone.seconds", n=seconds)
        return self.t("ui_phone.phone.minutes", n=seconds // 60)

    def _report_html(self, result: PhoneResult) -> str:
        """The answer to the last action on the phone, also read out in the status line."""
        if isinstance(result, TimeJump):
            return self._jump_html(result)
        if isinstance(result, ConditionChange):
            return self._change_html(result)
        if isinstance(result, SendReport):
            if result.ok:
                text = self.t("ui_phone.phone.asked", masked=result.to_masked or "-")
                self.say(text)
                return paragraphs([text])
            self.say(result.problem.text("message", self.lang) if result.problem else "",
                     kind="error")
            return problems_html([result.problem] if result.problem else [], self.lang)
        text = self.t(f"settings_flow.explain.{result.state}")
        self.say(text, kind="notice" if result.problems else "info")
        return paragraphs([text]) + problems_html(result.problems, self.lang)

    def _jump_html(self, jump: TimeJump) -> str:
        if not jump.ok and jump.problem is not None:
            self.say(jump.problem.text("message", self.lang), kind="error")
            return problems_html([jump.problem], self.lang)
        lines = [self.t("settings_flow.events.moved", step=self._step_label(round(jump.seconds)))]
        for name in jump.events:
            if name == "landed":
                lines.append(self.t("settings_flow.events.landed", count=len(jump.landed)))
            else:
                lines.append(self.t(f"settings_flow.events.{name}"))
        if not jump.events:
            lines.append(self.t("settings_flow.events.nothing"))
        self.say(" ".join(lines))
        return paragraphs(lines)

    def _change_html(self, change: ConditionChange) -> str:
        if not change.ok or change.condition is None:
            self.say(change.problem.text("message", self.lang) if change.problem else "",
                     kind="error")
            return problems_html([change.problem] if change.problem else [], self.lang)
        label = self.t(f"ui_phone.phone.conditions.{change.condition.value}")
        state = self.t("ui_phone.phone.on" if change.on else "ui_phone.phone.off")
        lines = [self.t("ui_phone.phone.switched", setting=label, state=state)]
        if change.released:
            lines.append(self.t("ui_phone.phone.released", count=len(change.released)))
        self.say(" ".join(lines))
        return paragraphs(lines)
