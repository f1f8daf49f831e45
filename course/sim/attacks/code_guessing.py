"""How likely is it to guess a k-digit code when wrong attempts are limited?

The rules match ``course.sim.core.codes.AttemptLimiter``: an attacker may
make ``wrong_per_session`` wrong attempts, each taking ``seconds_per_attempt``,
then the verifier locks for ``lockout_seconds``; a session therefore lasts
``D = m*s + L``. Either the code stays the same the whole time (the attacker
never repeats a guess) or a new code is sent for every session (as when a new
SMS is requested after the lockout; the attacker tries m different guesses
each time).

``guessing_odds`` gives the exact probability of success within a time budget
and the exact expected time to the first success. ``simulate_guessing`` plays
the same game for many attackers at once with numpy, from an injected
Generator, so the notebook can show the simulation agreeing with the formula.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from course.facts.policy import value
from course.sim.core.errors import Refusal

MAX_DIGITS = 10
MAX_SECONDS = 10 * 365 * 86400.0  # ten years: long enough for any lesson, small enough for floats
MAX_ATTACKERS = 10_000_000


@dataclass(frozen=True)
class GuessingScenario:
    """One guessing game. ``wrong_per_session=None`` means no limit at all."""

    digits: int
    wrong_per_session: int | None
    lockout_seconds: float
    seconds_per_attempt: float
    budget_seconds: float
    new_code_each_session: bool

    @property
    def codes(self) -> int:
        return 10**self.digits

    @property
    def guesses_per_session(self) -> int:
        """Distinct guesses that fit in one session (all codes if there is no limit)."""
        m = self.wrong_per_session
        return self.codes if m is None else min(m, self.codes)

    @property
    def session_seconds(self) -> float:
        m = self.wrong_per_session
        return math.inf if m is None else m * self.seconds_per_attempt + self.lockout_seconds


def _real(x: object, low: float, high: float, *, positive: bool = False) -> float | None:
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return None
    x = float(x)
    if not math.isfinite(x) or not low <= x <= high or (positive and x <= 0):
        return None
    return x


def make_scenario(digits: object = None, wrong_per_session: object = "policy",
                  lockout_seconds: object = None, seconds_per_attempt: object = None,
                  budget_seconds: object = None,
                  new_code_each_session: object = True) -> tuple[GuessingScenario | None,
                                                                 Refusal | None]:
    """Check the parameters (defaults from policy); a refusal names the bad one."""
    if digits is None:
        digits = int(value("twofactor.sms_login_code_digits"))
    if wrong_per_session == "policy":
        wrong_per_session = int(value("twofactor.code_max_wrong_attempts"))
    if lockout_seconds is None:
        lockout_seconds = float(value("twofactor.code_lockout_seconds"))
    if seconds_per_attempt is None:
        seconds_per_attempt = float(value("attacks.guess_seconds_per_attempt"))
    if budget_seconds is None:
        budget_seconds = float(value("attacks.guess_budget_seconds"))

    if isinstance(digits, bool) or not isinstance(digits, int) or not 1 <= digits <= MAX_DIGITS:
        return None, Refusal("twofactor_guess_digits", {"low": 1, "high": MAX_DIGITS})
    if wrong_per_session is not None and (
            isinstance(wrong_per_session, bool) or not isinstance(wrong_per_session, int)
            or not 1 <= wrong_per_session <= 10**MAX_DIGITS):
        return None, Refusal("twofactor_guess_attempts")
    lockout = _real(lockout_seconds, 0.0, MAX_SECONDS)
    per_attempt = _real(seconds_per_attempt, 0.001, 86400.0, positive=True)
    budget = _real(budget_seconds, 0.0, MAX_SECONDS)
    if lockout is None or per_attempt is None or budget is None:
        return None, Refusal("twofactor_guess_seconds", {"years": int(MAX_SECONDS // 31536000)})
    if not isinstance(new_code_each_session, bool):
        return None, Refusal("twofactor_bad_argument", {"name": "new_code_each_session"})
    return GuessingScenario(digits, wrong_per_session, lockout, per_attempt, budget,
                            new_code_each_session), None


@dataclass(frozen=True)
class GuessingOdds:
    """Exact results for one scenario."""

    scenario: GuessingScenario | None
    probability: float = 0.0  # success within the budget
    expected_seconds: float = 0.0  # mean time to the first success, no budget
    attempts_in_budget: int = 0
    problem: Refusal | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def _attempts_in_budget(sc: GuessingScenario) -> tuple[int, int]:
    """(full sessions, attempts in the last partial session) that finish by the budget."""
    s, budget = Fraction(sc.seconds_per_attempt), Fraction(sc.budget_seconds)
    if sc.wrong_per_session is None:
        return 0, math.floor(budget / s)
    session = sc.wrong_per_session * s + Fraction(sc.lockout_seconds)
    full = math.floor(budget / session)
    partial = min(sc.wrong_per_session, math.floor((budget - full * session) / s))
    return full, partial


def _exact(sc: GuessingScenario) -> GuessingOdds:
    n_codes, m, s = sc.codes, sc.guesses_per_session, Fraction(sc.seconds_per_attempt)
    full, partial = _attempts_in_budget(sc)
    limit = sc.wrong_per_session
    attempts = full * (limit or 0) + partial
    if sc.new_code_each_session and limit is not None and m < n_codes:
        if partial == m:  # all of a session's tries, only its lockout left: a full session
            full, partial = full + 1, 0
        # Each session fails with probability 1 - m/N, independently; log1p and
        # expm1 keep tiny probabilities (8 digits, one try a day) accurate.
        log_fail = full * math.log1p(-m / n_codes) + math.log1p(-partial / n_codes)
        probability = -math.expm1(log_fail)
        d = limit * s + Fraction(sc.lockout_seconds)
        expected = d * (n_codes - m) / m + s * (m + 1) / 2
    else:
        # One code for the whole game (or a session long enough to try them all):
        # guesses never repeat, so the code is found at a uniform position 1..N.
        probability = min(attempts, n_codes) / n_codes
        if limit is None or limit >= n_codes:
            expected = s * (n_codes + 1) / 2
        else:
            d = limit * s + Fraction(sc.lockout_seconds)
            blocks, rest = divmod(n_codes, limit)
            total = (limit * d * blocks * (blocks - 1) / 2 + blocks * s * limit * (limit + 1) / 2
                     + rest * blocks * d + s * rest * (rest + 1) / 2)
            expected = total / n_codes
    return GuessingOdds(sc, float(min(1.0, max(0.0, probability))), float(expected), attempts)


def guessing_odds(**params: object) -> GuessingOdds:
    """Exact odds for the scenario given by ``make_scenario``'s parameters. Never raises."""
    try:
        scenario, problem = make_scenario(**params)  # type: ignore[arg-type]
    except TypeError:
        return GuessingOdds(None, problem=Refusal("twofactor_bad_argument", {"name": "params"}))
    if problem or scenario is None:
        return GuessingOdds(None, problem=problem)
    return _exact(scenario)


@dataclass(frozen=True)
class SimulatedGuessing:
    """Monte Carlo estimates, each with its standard error."""

    scenario: GuessingScenario | None
    attackers: int = 0
    probability: float = 0.0
    probability_error: float = 0.0
    mean_seconds: float = 0.0
    mean_seconds_error: float = 0.0
    problem: Refusal | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def success_times(sc: GuessingScenario, attackers: int, rng: np.random.Generator) -> np.ndarray:
    """When each simulated attacker first gets the code right, in seconds.

    Each attacker tries codes 0, 1, 2 ... in order (m of them per session); the
    secret is uniform, so its position in that order is what decides.
    """
    n_codes, m, s = sc.codes, sc.guesses_per_session, sc.seconds_per_attempt
    limit = sc.wrong_per_session
    if limit is None:
        secret = rng.integers(0, n_codes, size=attackers)
        return (secret + 1) * s
    d = limit * s + sc.lockout_seconds
    if sc.new_code_each_session and m < n_codes:
        # A fresh secret each session: a session succeeds when its secret is
        # among the m codes tried, probability m/N; count the failed sessions.
        failed = rng.geometric(m / n_codes, size=attackers) - 1
        secret = rng.integers(0, m, size=attackers)  # the winning session's secret, given < m
        return failed * d + (secret + 1) * s
    secret = rng.integers(0, n_codes, size=attackers)
    session, position = np.divmod(secret, limit)
    return session * d + (position + 1) * s


def simulate_guessing(rng: object, attackers: object = 1_000_000,
                      **params: object) -> SimulatedGuessing:
    """Play the scenario for ``attackers`` independent attackers. Never raises."""
    if isinstance(rng, int) and not isinstance(rng, bool) and rng >= 0:
        rng = np.random.default_rng(rng)
    if not isinstance(rng, np.random.Generator):
        return SimulatedGuessing(None, problem=Refusal("twofactor_bad_argument", {"name": "rng"}))
    if isinstance(attackers, bool) or not isinstance(attackers, int) \
            or not 1 <= attackers <= MAX_ATTACKERS:
        return SimulatedGuessing(None, problem=Refusal("twofactor_guess_attackers",
                                                       {"high": MAX_ATTACKERS}))
    try:
        scenario, problem = make_scenario(**params)  # type: ignore[arg-type]
    except TypeError:
        problem, scenario = Refusal("twofactor_bad_argument", {"name": "params"}), None
    if problem or scenario is None:
        return SimulatedGuessing(None, problem=problem)
    times = success_times(scenario, attackers, rng)
    hits = times <= scenario.budget_seconds
    p = float(hits.mean())
    return SimulatedGuessing(
        scenario, attackers, p, math.sqrt(p * (1 - p) / attackers),
        float(times.mean()), float(times.std(ddof=1) / math.sqrt(attackers)) if attackers > 1
        else 0.0)
