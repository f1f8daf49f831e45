"""Throughput of the account registry, and of the recovery planner (kernel side)."""

from __future__ import annotations

import os
import random
import time

from benchmarks.timing import report, time_calls
from course.sim.accounts.account_states import State
from course.sim.accounts.registry import AccountRules, Registry
from course.sim.core.clock import SimulatedClock
from course.sim.recovery.recovery_graph import load_graph, recovery_paths


def _mixed_operations(count: int, rng: random.Random) -> float:
    """Run ``count`` random operations on 2,000 numbers; return operations per second."""
    clock = SimulatedClock()
    registry = Registry(clock, AccountRules.from_policies())
    numbers = [f"+81900{i:07d}" for i in range(2000)]
    start = time.perf_counter()
    for i in range(count):
        handle = f"user{rng.randrange(20_000)}"
        roll = rng.random()
        if roll < 0.4:
            registry.create_account(handle, f"{handle}@example.com", rng.choice(numbers))
        elif roll < 0.7:
            registry.link_number(handle, rng.choice(numbers))
        elif roll < 0.8:
            registry.remove_number(handle)
        elif roll < 0.9:
            registry.change_email(handle, f"n{i}@example.org")
        else:
            registry.number_status(rng.choice(numbers))
        clock.advance(30)
    return count / (time.perf_counter() - start)


def main() -> None:
    print("load average (1/5/15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()),
          flush=True)
    rng = random.Random(2026)
    for count in (10_000, 100_000):
        print(f"registry, {count:,} mixed operations: {_mixed_operations(count, rng):,.0f} ops/s",
              flush=True)

    clock = SimulatedClock()
    registry = Registry(clock, AccountRules.from_policies(attempts_max=10**9))
    for i in range(10):
        registry.create_account(f"full{i}", number="+819001230001")
    registry.create_account("extra", email="extra@example.com")
    assert registry.link_number("extra", "+819001230001").problem.code == "number_limit_reached"
    report("link_number refused at the limit",
           time_calls(lambda: registry.link_number("extra", "+819001230001"), 2000))
    report("number_status of a full number (history of ~2,000 refusals)",
           time_calls(lambda: registry.number_status("+819001230001"), 2000))

    haves = load_graph().haves
    report("recovery_paths, reachable (locked, password + email)",
           time_calls(lambda: recovery_paths(State.LOCKED, {"password", "email_access"}), 500))
    report("recovery_paths, dead end with would_help (second factor lost)",
           time_calls(lambda: recovery_paths(State.SECOND_FACTOR_LOST, {"password"}), 500))
    report("recovery_paths, everything held (deactivated)",
           time_calls(lambda: recovery_paths(State.DEACTIVATED, set(haves)), 500))
