"""Injectable clocks: everything time-dependent in ``course.sim`` asks a clock.

``SystemClock`` follows real time; ``SimulatedClock`` only moves when told to,
so a simulator can fast-forward through a 10-minute expiry in one click and a
test can check a lockout to the second.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Protocol, runtime_checkable

EPOCH_2026 = datetime(2026, 1, 1, tzinfo=timezone.utc).timestamp()


@runtime_checkable
class Clock(Protocol):
    """Anything with ``now()`` returning seconds since the Unix epoch."""

    def now(self) -> float: ...


class SystemClock:
    """The real wall clock."""

    def now(self) -> float:
        return time.time()


@dataclass
class SimulatedClock:
    """A clock that stands still until ``advance`` moves it forward."""

    current: float = EPOCH_2026

    def now(self) -> float:
        return self.current

    def advance(self, seconds: float) -> float:
        """Move forward (never backward) and return the new time."""
        if seconds < 0:
            raise ValueError("a simulated clock only moves forward")
        self.current += seconds
        return self.current

    def advance_to(self, timestamp: float) -> float:
        """Jump to a later moment (no-op if it is in the past)."""
        self.current = max(self.current, timestamp)
        return self.current

    def datetime(self) -> datetime:
        return datetime.fromtimestamp(self.current, tz=timezone.utc)


def minutes(n: float) -> float:
    return n * 60.0


def tidy_amount(value: float) -> float | int:
    """An amount for a sentence: one decimal at most, none when whole ("24", not "24.0")."""
    rounded = round(value, 1)
    return int(rounded) if rounded == int(rounded) else rounded


def days(n: float) -> float:
    return timedelta(days=n).total_seconds()
