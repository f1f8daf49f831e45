"""Timing helpers shared by the benchmarks: percentiles of repeated calls."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def time_calls(function: Callable[[], object], repeat: int, warmup: int = 3) -> list[float]:
    """Return the duration of each of ``repeat`` calls, in seconds."""
    for _ in range(warmup):
        function()
    durations = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        durations.append(time.perf_counter() - start)
    return durations


def percentile(durations: list[float], q: float) -> float:
    ordered = sorted(durations)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def report(label: str, durations: list[float]) -> None:
    """Print median and 95th percentile in milliseconds."""
    print(f"{label}: median {statistics.median(durations) * 1e3:.2f} ms, "
          f"p95 {percentile(durations, 95) * 1e3:.2f} ms over {len(durations)} calls", flush=True)
