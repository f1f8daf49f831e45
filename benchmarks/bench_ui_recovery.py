"""How long the recovery navigator's callbacks take in the kernel (target: p95 at most 50 ms).

No plot is drawn by this simulator, so every figure here is a callback.
"""

from __future__ import annotations

import itertools
import time

from benchmarks.timing import report, time_calls
from course.sim.recovery.recovery_navigator import situations
from course.ui.recovery_navigator import RecoveryNavigator


def _timed_steps(sim: RecoveryNavigator, repeat: int) -> list[float]:
    """Time "do the next step" only; the restart that gives it a fresh walk is not timed."""
    durations = []
    for _ in range(repeat):
        sim.restart_button.click()
        start = time.perf_counter()
        sim.next_button.click()
        durations.append(time.perf_counter() - start)
    return durations


def main() -> None:
    report("RecoveryNavigator build", time_calls(lambda: RecoveryNavigator("ja"), 30))
    sim = RecoveryNavigator("ja")
    ids = itertools.cycle([s.id for s in situations()])
    report("situation change (rebuild boxes + plan)",
           time_calls(lambda: setattr(sim.situation_choice, "value", next(ids)), 200))

    sim.situation_choice.value = "number_changed"  # the worst case: a dead end, 8 what-ifs
    for box in sim.have_boxes.values():
        box.value = False
    password = sim.have_boxes["password"]
    report("tick a box on a dead end (replan + what would help)",
           time_calls(lambda: setattr(password, "value", not password.value), 300))

    sim.situation_choice.value = "locked"
    report("start over (replan)", time_calls(sim.restart_button.click, 300))
    report("do the next step (locked: unlock by phone)", _timed_steps(sim, 300))
    sim.situation_choice.value = "limited"
    report("do the next step (limited: wait on the clock)", _timed_steps(sim, 300))
    sim.situation_choice.value = "suspended"
    report("do the next step (suspended: file the appeal)", _timed_steps(sim, 300))
