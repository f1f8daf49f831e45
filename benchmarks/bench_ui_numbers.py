"""How long the phone-number checker widget takes in the kernel, per Check press
(target: p95 at most 50 ms, like the other phone simulators).

The typed text is set outside the timed region; the timed call is the click:
``check_number`` once, the masked forms, the problems with their fixes and the
live status line.
"""

from __future__ import annotations

import time

from benchmarks.timing import percentile, report, time_calls
from course.ui.number_checker import NumberChecker

TARGET_MS = 50.0
CASES = {
    "usable mobile (masked forms, type, SMS)": ("JP", "090-0123-4567"),
    "trunk 0 after +81 (warning with a masked fix)": ("JP", "+81 090-0123-4567"),
    "050 IP phone (reported message)": ("JP", "050-0123-4567"),
    "too short (refused, stays in the box)": ("JP", "090-0123-456"),
    "foreign number under its own country": ("GB", "07700 900123"),
    "the longest refused input (pasted text)": ("JP", "x" * 10_000),
}


def timed_click(sim: NumberChecker, country: str, typed: str, repeat: int) -> list[float]:
    """Set the controls (not timed), then time the Check press."""
    durations = []
    for _ in range(repeat):
        sim.country.value = country
        sim.number.value = typed
        start = time.perf_counter()
        sim.check.click()
        durations.append(time.perf_counter() - start)
    return durations


def main() -> None:
    report("NumberChecker build", time_calls(lambda: NumberChecker("ja"), 50))
    sim = NumberChecker("ja")
    worst: dict[str, float] = {}
    for label, (country, typed) in CASES.items():
        durations = timed_click(sim, country, typed, 300)
        report(f"check: {label}", durations)
        worst[label] = percentile(durations, 95) * 1e3
    slowest = max(worst, key=worst.__getitem__)
    verdict = "within" if worst[slowest] <= TARGET_MS else "OVER"
    print(f"slowest check: {slowest}: p95 {worst[slowest]:.2f} ms "
          f"({verdict} the {TARGET_MS:.0f} ms target)", flush=True)
