"""The authenticator-app set-up a learner walks through, as one small state machine.

X's screens go: show a QR code, type the code the app shows, see the backup
code(s) once, and from then on log in with the app or a backup code. This
module plays that flow on the real verifiers (``TotpVerifier``,
``issue_backup_codes``) so the two-factor lab's widget only reads its
controls, calls one method here and shows the ``SetupStep`` that comes back.

The secret exists only in this object's memory. The plain backup codes exist
only in the one ``SetupStep`` that shows them; afterwards the flow keeps the
hashed store alone, so they can never be shown again.

Time comes from a ``FastForwardClock``: real time (or an injected clock in
tests) plus an offset the learner may move forward to watch codes expire.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from course.i18n import t
from course.sim.core.clock import Clock
from course.sim.core.codes import CodeCheck, is_random_source
from course.sim.core.errors import Refusal
from course.sim.twofactor.backup_codes import BackupCodes, issue_backup_codes
from course.sim.twofactor.totp import (
    AuthenticatorApp,
    TotpEnrolment,
    TotpVerifier,
    enrol_totp,
    time_step,
)

STAGES = ("new", "awaiting_code", "codes_shown", "active")
LOGIN_METHODS = ("totp", "backup_code")
MAX_FAST_FORWARD_SECONDS = 86400  # one day at a time is plenty to see any expiry
WINDOW_BEFORE, WINDOW_AFTER = 3, 2  # time steps drawn either side of "now"


class _Stopped:
    """Stands in for a missing clock so a mis-built flow still answers (with a problem)."""

    def now(self) -> float:
        return 0.0


@dataclass
class FastForwardClock:
    """``base`` time plus a forward-only offset (the "fast-forward" button).

    With the real ``SystemClock`` as base, a real phone and the simulator agree
    until the learner fast-forwards; the simulated phone app reads this same
    clock, so its codes always move with the site's.
    """

    base: Clock
    offset: float = 0.0

    def now(self) -> float:
        return self.base.now() + self.offset

    def advance(self, seconds: float) -> float:
        """Move forward by ``seconds`` (callers check the value) and return the new time."""
        self.offset += max(0.0, float(seconds))
        return self.now()


def group_secret(secret_base32: str, size: int = 4) -> str:
    """The secret in groups of ``size`` for typing by hand (apps ignore the spaces)."""
    return " ".join(secret_base32[i:i + size] for i in range(0, len(secret_base32), size))


@dataclass(frozen=True)
class StepSlot:
    """One 30-second time step around now, and what the site says to its code."""

    offset: int  # steps from the current one: -3 ... +2
    starts_in: float  # seconds from now to the start of the step (negative: in the past)
    status: str  # expired | accepted | used | future


@dataclass(frozen=True)
class TotpWindow:
    """Which time steps the verifier accepts right now: the drawing for the timeline."""

    period: int
    seconds_left: int  # until the current code changes
    drift_steps: int
    slots: tuple[StepSlot, ...]


@dataclass(frozen=True)
class SetupStep:
    """What one action did: the stage afterwards, and what to show.

    ``backup_codes`` is filled once, by the step that turns two-factor on;
    ``uri`` and ``secret_groups`` by the step that starts an enrolment.
    """

    action: str
    stage: str
    accepted: bool = False
    notice: str | None = None  # key under ui_twofactor.flow
    problem: Refusal | None = None
    label: str = ""
    issuer: str = ""
    uri: str = field(default="", repr=False)
    secret_groups: str = field(default="", repr=False)
    step_offset: int | None = None
    app_code: str | None = None
    backup_codes: tuple[str, ...] = field(default=(), repr=False)
    backup_codes_left: int = 0
    clock_offset: float = 0.0
    window: TotpWindow | None = None
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def code(self) -> str | None:
        """The catalog code of the problem, if any."""
        return self.problem.code if self.problem else None

    def text(self, lang: str | None = None) -> str:
        """What happened, in one sentence: the problem's message or the notice."""
        if self.problem:
            return self.problem.text("message", lang)
        return t(f"ui_twofactor.flow.{self.notice or 'done'}", lang, **self.values)

    def advice(self, lang: str | None = None) -> tuple[str, str] | None:
        """Cause and fix of the problem, when there is one."""
        if self.problem is None:
            return None
        return self.problem.text("cause", lang), self.problem.text("fix", lang)


class AuthenticatorSetup:
    """Set up an authenticator app for one (fictional) account and practise with it.

    ``clock`` is a ``FastForwardClock``, or any clock (it is wrapped in one).
    Each public method answers with a ``SetupStep`` and never raises.
    """

    def __init__(self, rng: object, clock: object, *,
                 backup_code_count: int | None = None,
                 backup_code_iterations: int | None = None) -> None:
        if isinstance(clock, Clock) and not isinstance(clock, (FastForwardClock, type)):
            clock = FastForwardClock(clock)
        self.rng = rng
        self.clock = clock if isinstance(clock, FastForwardClock) else FastForwardClock(_Stopped())
        self.broken = None if is_random_source(rng) and isinstance(clock, FastForwardClock) \
            else Refusal("twofactor_bad_argument", {"name": "rng/clock"})
        self.backup_code_count = backup_code_count
        self.backup_code_iterations = backup_code_iterations
        self.stage = "new"
        self.app = AuthenticatorApp(self.clock)  # the simulated phone, for learners without one
        self._enrolment: TotpEnrolment | None = None
        self._verifier: TotpVerifier | None = None
        self._backup: BackupCodes | None = None

    @property
    def enrolment(self) -> TotpEnrolment | None:
        """The key being set up (its URI and secret), or None before ``start``."""
        return self._enrolment

    # --- what every step carries --------------------------------------------------
    def _step(self, action: str, **fields: Any) -> SetupStep:
        label = self._enrolment.label if self._enrolment else ""
        issuer = self._enrolment.issuer if self._enrolment else ""
        return SetupStep(action, self.stage, label=label, issuer=issuer,
                         backup_codes_left=self._backup.remaining if self._backup else 0,
                         clock_offset=self.clock.offset, window=self.window(), **fields)

    def _refuse(self, action: str, code: str, **params: Any) -> SetupStep:
        return self._step(action, problem=Refusal(code, params))

    def window(self) -> TotpWindow | None:
        """The accepted time steps around now (None before an enrolment)."""
        verifier = self._verifier
        if verifier is None:
            return None
        now = self.clock.now()
        period = verifier.period
        current = time_step(now, period)
        last = verifier.last_accepted_step
        slots = []
        for offset in range(-WINDOW_BEFORE, WINDOW_AFTER + 1):
            step = current + offset
            if last is not None and step <= last and abs(offset) <= verifier.drift_steps:
                status = "used"
            elif abs(offset) <= verifier.drift_steps:
                status = "accepted"
            else:
                status = "expired" if offset < 0 else "future"
            slots.append(StepSlot(offset, step * period - now, status))
        seconds_left = math.ceil((current + 1) * period - now)
        return TotpWindow(period, seconds_left, verifier.drift_steps, tuple(slots))

    # --- the flow -------------------------------------------------------------------
    def start(self, handle: object) -> SetupStep:
        """Create a new secret and its QR-code URI; any earlier set-up is forgotten."""
        if self.broken:
            return self._step("start", problem=self.broken)
        enrolment = enrol_totp(handle, self.rng)
        if not enrolment.ok:
            return self._step("start", problem=enrolment.problem)
        self._enrolment = enrolment
        self._verifier = TotpVerifier.for_enrolment(enrolment, self.clock)
        self._backup = None
        self.stage = "awaiting_code"
        return self._step("start", accepted=True, notice="started", uri=enrolment.uri,
                          secret_groups=group_secret(enrolment.secret_base32),
                          values={"issuer": enrolment.issuer, "label": enrolment.label})

    def reset(self) -> SetupStep:
        """Forget the secret, the backup codes, the simulated app and the clock changes."""
        self.clock = FastForwardClock(self.clock.base)
        self.app = AuthenticatorApp(self.clock)
        self._enrolment = self._verifier = None
        self._backup = None
        self.stage = "new"
        return self._step("reset", accepted=True, notice="reset")

    def scan_with_simulated_app(self) -> SetupStep:
        """The simulated phone app reads the QR code, as a real app would."""
        if self._enrolment is None:
            return self._refuse("scan", "app_setup_not_started")
        problem = self.app.add(self._enrolment.uri)
        if problem:
            return self._step("scan", problem=problem)
        return self._app_view("scan", "scanned")

    def _app_view(self, action: str, notice: str) -> SetupStep:
        assert self._enrolment is not None
        code = self.app.code(self._enrolment.label)
        if code is None:
            return self._refuse(action, "app_setup_app_empty")
        window = self.window()
        seconds = window.seconds_left if window else 0
        return self._step(action, accepted=True, notice=notice, app_code=code,
                          values={"code": code, "seconds": seconds,
                                  "offset": int(self.clock.offset)})

    def look_at_app(self) -> SetupStep:
        """The code the simulated app shows at this moment."""
        if self._enrolment is None:
            return self._refuse("look", "app_setup_not_started")
        return self._app_view("look", "app_code")

    def fast_forward(self, seconds: object) -> SetupStep:
        """Move the simulator's clock forward, e.g. 30 s to see the next code."""
        if (isinstance(seconds, bool) or not isinstance(seconds, (int, float))
                or not 0 < seconds <= MAX_FAST_FORWARD_SECONDS):  # also refuses nan
            return self._refuse("fast_forward", "app_setup_seconds",
                                high=MAX_FAST_FORWARD_SECONDS)
        self.clock.advance(seconds)
        if self._enrolment is not None and self.app.entry(self._enrolment.label):
            return self._app_view("fast_forward", "fast_forwarded")
        return self._step("fast_forward", accepted=True, notice="fast_forwarded_no_app",
                          values={"offset": int(self.clock.offset)})

    def confirm(self, typed: object) -> SetupStep:
        """Check the first code from the app; when right, two-factor is on and the
        backup codes are shown, in this step only."""
        if self._verifier is None:
            return self._refuse("confirm", "app_setup_not_started")
        if self.stage != "awaiting_code":
            return self._refuse("confirm", "app_setup_already_on")
        check = self._verifier.verify(typed)
        if not check.accepted:
            return self._checked("confirm", check)
        issued = issue_backup_codes(self.rng, self.clock, self.backup_code_count,
                                    iterations=self.backup_code_iterations)
        if not issued.ok:
            return self._step("confirm", problem=issued.problem)
        self._backup = issued.store
        self.stage = "codes_shown"
        codes = issued.reveal()
        return self._checked("confirm", check, backup_codes=codes, values={"count": len(codes)})

    def _checked(self, action: str, check: CodeCheck, **fields: Any) -> SetupStep:
        if not check.accepted:
            return self._step(action, problem=check.problem, step_offset=check.step_offset)
        notice = {None: "accepted", 0: "accepted", -1: "accepted_previous",
                  1: "accepted_next"}.get(check.step_offset, "accepted")
        if action == "confirm":
            notice = f"confirm_{notice}"
        return self._step(action, accepted=True, notice=notice, step_offset=check.step_offset,
                          **fields)

    def codes_saved(self, confirmed: object) -> SetupStep:
        """The learner says the backup codes are stored safely; they are never shown again."""
        if self.stage != "codes_shown":
            code = "app_setup_not_started" if self.stage in ("new", "awaiting_code") \
                else "app_setup_codes_already_hidden"
            return self._refuse("codes_saved", code)
        if confirmed is not True:
            return self._refuse("codes_saved", "app_setup_confirm_saved")
        self.stage = "active"
        return self._step("codes_saved", accepted=True, notice="codes_hidden")

    def log_in(self, method: object, typed: object) -> SetupStep:
        """Practise the second step of a login with an app code or a backup code."""
        if method not in LOGIN_METHODS:
            return self._refuse("log_in", "twofactor_method_unknown")
        if self.stage != "active":
            code = "app_setup_save_codes_first" if self.stage == "codes_shown" \
                else "app_setup_not_on"
            return self._refuse("log_in", code)
        verifier = self._verifier if method == "totp" else self._backup
        assert verifier is not None
        check = verifier.verify(typed)
        if check.accepted and method == "backup_code":
            left = self._backup.remaining if self._backup else 0
            return self._step("log_in", accepted=True, notice="backup_code_used",
                              values={"left": left})
        return self._checked("log_in", check)
