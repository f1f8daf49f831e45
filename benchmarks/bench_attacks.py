"""Code guessing (exact and Monte Carlo) and the SIM-swap / relay table.

Target: 1,000,000 simulated guessing attackers in at most 0.5 s.
"""

from __future__ import annotations

import numpy as np

from benchmarks.timing import report, time_calls
from course.sim.attacks.attack_runs import attack_matrix, run_attack
from course.sim.attacks.code_guessing import guessing_odds, simulate_guessing

ATTACKERS = 1_000_000


def main() -> None:
    rng = np.random.default_rng(2026)
    for renew in (True, False):
        label = "new code each session" if renew else "one code"
        durations = time_calls(
            lambda renew=renew: simulate_guessing(rng, ATTACKERS, new_code_each_session=renew),
            20)
        report(f"Monte Carlo, {ATTACKERS:,} attackers, 6 digits, {label}", durations)
    report("Monte Carlo, 1,000,000 attackers, no attempt limit",
           time_calls(lambda: simulate_guessing(rng, ATTACKERS, wrong_per_session=None,
                                                new_code_each_session=False), 20))
    report("Exact odds (guessing_odds, default scenario)", time_calls(guessing_odds, 2000))
    report("One attack run (SMS, SIM swap)", time_calls(lambda: run_attack("sms", "sim_swap"),
                                                        50))
    report("One attack run (security key, relay)",
           time_calls(lambda: run_attack("security_key", "relay"), 50))
    report("Whole table (5 methods x 2 attacks)", time_calls(attack_matrix, 10))
