"""The two-factor lab: set up an authenticator app, then see how each method
stands up to a SIM swap and a phishing relay.

``TwoFactorLab`` puts the two parts one above the other; a notebook can also
show them one at a time (``AppSetupLab``, ``AttackLab``). ``result`` is the
pure result the learner produced last in either part, and ``last_error`` the
first unexpected error either part caught.
"""

from __future__ import annotations

from typing import Any

from course.sim.core.clock import Clock
from course.ui.base import Simulator, heading
from course.ui.twofactor_attacks import AttackLab
from course.ui.twofactor_setup import AppSetupLab

__all__ = ["AppSetupLab", "AttackLab", "TwoFactorLab"]


class TwoFactorLab(Simulator):
    """Both parts of the two-factor lab in one widget."""

    SHOWS = (*AppSetupLab.SHOWS, *AttackLab.SHOWS)

    def __init__(self, lang: str | None = None, *, rng: object = None,
                 clock: Clock | None = None, seed: int = 0,
                 backup_code_iterations: int | None = None):
        super().__init__(lang)
        self.setup = AppSetupLab(self.lang, rng=rng, clock=clock,
                                 backup_code_iterations=backup_code_iterations,
                                 on_result=self._keep)
        self.attacks = AttackLab(self.lang, seed=seed, on_result=self._keep)
        self.result = self.attacks.result
        self.widget = self.frame(heading(self.t("ui_twofactor.lab.title"), 2),
                                 self.setup.widget, self.attacks.widget,
                                 css_class="course-twofactor-lab")

    def _keep(self, result: Any) -> None:
        self.result = result

    @property
    def last_error(self) -> BaseException | None:  # type: ignore[override]
        """The first unexpected error caught by the lab itself or by either part."""
        parts = [getattr(self, name, None) for name in ("setup", "attacks")]
        errors = [self._own_error, *(p.last_error for p in parts if p is not None)]
        return next((e for e in errors if e is not None), None)

    @last_error.setter
    def last_error(self, error: BaseException | None) -> None:
        self._own_error = error
