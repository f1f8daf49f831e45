"""who_can_find and what_if on a 10,000-person synthetic community (target: <= 0.2 s).

The identifier index is built when the community is constructed; its cost is
reported separately, once.
"""

from __future__ import annotations

import os
import random
import time
from dataclasses import replace

from benchmarks.timing import percentile, report, time_calls
from course.sim.discoverability.community import Community, synthetic_community
from course.sim.discoverability.finding import what_if, who_can_find

SIZE = 10_000
BUDGET_SECONDS = 0.2


def main() -> None:
    print("load average (1/5/15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()),
          flush=True)
    start = time.perf_counter()
    community = synthetic_community(SIZE, random.Random(2026))
    built = time.perf_counter() - start
    entries = sum(len(p.contacts) for p in community.people.values())
    start = time.perf_counter()
    Community(community.people.values())
    indexed = time.perf_counter() - start
    print(f"synthetic community of {SIZE:,} people, {entries:,} address-book entries: "
          f"generated in {built:.2f} s; Community() with its index alone {indexed:.2f} s "
          f"(once, at construction)", flush=True)

    rng = random.Random(7)
    people = [f"p{rng.randrange(SIZE)}" for _ in range(500)]
    cursor = iter(people * 10)
    durations = time_calls(lambda: who_can_find(next(cursor), community), 500)
    report(f"who_can_find, {SIZE:,} people (index warm)", durations)
    worst = max(durations)
    print(f"  slowest call {worst * 1e3:.2f} ms; p95 {percentile(durations, 95) * 1e3:.2f} ms; "
          f"budget {BUDGET_SECONDS * 1e3:.0f} ms -> "
          f"{'within budget' if worst <= BUDGET_SECONDS else 'OVER BUDGET'}", flush=True)

    found = [len(who_can_find(p, community).findings) for p in people[:200]]
    print(f"  findings per person: mean {sum(found) / len(found):.1f}, max {max(found)}",
          flush=True)

    # Worst case: a shop's public number sits in every address book.
    shop = community.people["p0"]
    crowd = Community(p if p.id == shop.id else replace(p, contacts=p.contacts | {shop.phones[0]})
                      for p in community.people.values())
    durations = time_calls(lambda: who_can_find(shop.id, crowd), 20, warmup=1)
    found = len(who_can_find(shop.id, crowd).findings)
    report(f"who_can_find, public number in all {SIZE:,} address books ({found:,} findings)",
           durations)
    print(f"  slowest call {max(durations) * 1e3:.2f} ms", flush=True)

    report(f"what_if find_by_phone off, {SIZE:,} people",
           time_calls(lambda: what_if(next(cursor), "find_by_phone", False, community), 300))
