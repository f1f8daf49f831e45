"""Kernel-side time of every accounts-explorer callback, and of a timeline redraw.

Budgets (issue #5): a callback at most 50 ms at the 95th percentile with plot
drawing excluded (``plots=False``); a plot redraw at most 200 ms. Callbacks
are timed on a busy explorer: a number at its limit with a few dozen events
in its history and a dozen accounts. CPU time is printed next to wall time
because the shared machine is often loaded.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from itertools import count

from benchmarks.timing import percentile, report, time_calls
from course.ui.accounts_explorer import AccountsExplorer

CALLBACK_BUDGET_MS = 50.0
PLOT_BUDGET_MS = 200.0
NUMBER = "090-0123-4567"  # fictional 090-0 block


def busy(lang: str = "ja", plots: bool = False) -> AccountsExplorer:
    """An explorer with a full number, a cooldown and refusals in its history."""
    sim = AccountsExplorer(lang, plots=plots)
    sim.handle.value = "hanako"
    sim.number.value = NUMBER
    sim.press("create")
    sim.press("fill")
    sim.handle.value = "sub_03"
    sim.press("remove")
    for _ in range(3):
        sim.press("another")
    sim.press("month")
    sim.press("another")
    return sim


def cpu_p95(function: Callable[[], object], repeat: int) -> float:
    durations = []
    for _ in range(repeat):
        start = time.process_time()
        function()
        durations.append(time.process_time() - start)
    return percentile(durations, 95) * 1e3


def measure(label: str, function: Callable[[], object], repeat: int,
            budget_ms: float | None) -> None:
    """Wall-time percentiles, then p95 CPU time and the verdict against ``budget_ms``
    (None: printed for information only)."""
    durations = time_calls(function, repeat)
    report(label, durations)
    wall = percentile(durations, 95) * 1e3
    cpu = cpu_p95(function, max(10, repeat // 4))
    if budget_ms is None:
        print(f"  p95 CPU time {cpu:.2f} ms (for information, no budget)", flush=True)
        return
    verdict = "within budget" if wall <= budget_ms else (
        "OVER BUDGET on wall time" + (", within on CPU time" if cpu <= budget_ms else ""))
    print(f"  p95 CPU time {cpu:.2f} ms; budget {budget_ms:.0f} ms -> {verdict}", flush=True)


def reference_plot_ms(repeat: int = 10) -> float:
    """Median CPU time of a minimal matplotlib PNG (one line, 8 x 5.5 in): a yardstick
    for how fast this machine draws at the moment."""
    import io

    from matplotlib.figure import Figure

    def draw() -> None:
        figure = Figure(figsize=(8.0, 5.5))
        figure.add_subplot().plot([1, 2, 3])
        figure.savefig(io.BytesIO(), format="png", dpi=96)

    draw()
    durations = []
    for _ in range(repeat):
        start = time.process_time()
        draw()
        durations.append(time.process_time() - start)
    return sorted(durations)[len(durations) // 2] * 1e3


def callbacks(sim: AccountsExplorer) -> dict[str, Callable[[], object]]:
    """Every button and dropdown of the explorer, as a learner would use them."""
    names = count()

    def press(name: str, **fields: str) -> Callable[[], object]:
        def run() -> object:
            for field, value in fields.items():
                getattr(sim, field).value = value.format(n=next(names))
            return sim.press(name)
        return run

    def limit() -> None:
        sim.limit.value = 3 if sim.limit.value == 10 else 10

    def cooldown() -> None:
        sim.cooldown.value = 7 if sim.cooldown.value == 30 else 30

    return {
        "create (new account on the full number: refused)":
            press("create", handle="u{n}", number=NUMBER),
        "create (new account, email only)": press("create", handle="e{n}",
                                                  email="e{n}@example.com"),
        "link (the number again: refused)": press("link", handle="hanako", number=NUMBER),
        "remove (number from an account)": press("remove", handle="sub_05"),
        "change_email": press("change_email", handle="hanako", email="h{n}@example.org"),
        "delete (unknown account)": press("delete", handle="nobody"),
        "suspend": press("suspend", handle="sub_01"),
        "reinstate": press("reinstate", handle="sub_01"),
        "inspect (typed number)": press("inspect", number=NUMBER),
        "another (one attempt)": press("another"),
        "fill (full number: one refused attempt)": press("fill"),
        "reset lookup (shared number)": press("reset", reset_id=NUMBER),
        "+1 hour": press("hour"),
        "+30 days": press("month"),
        "what-if limit (dropdown change)": limit,
        "what-if cooldown (dropdown change)": cooldown,
    }


def main() -> None:
    print("load average (1/5/15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()),
          flush=True)
    print(f"reference: a minimal matplotlib PNG takes {reference_plot_ms():.0f} ms CPU "
          "on this machine right now", flush=True)
    measure("build AccountsExplorer (no plot; once per notebook cell)",
            lambda: AccountsExplorer("ja", plots=False), 30, None)
    # Each callback on its own fresh busy explorer (100 presses each).
    for label in callbacks(busy()):
        sim = busy()
        measure(f"callback {label}", callbacks(sim)[label], 100, CALLBACK_BUDGET_MS)

    # A long session: hundreds of accounts and events on the number in focus.
    sim = busy()
    for i in range(500):
        sim.handle.value, sim.number.value = f"u{i}", NUMBER
        sim.press("create")
    for i in range(200):
        sim.handle.value, sim.email.value = f"e{i}", f"e{i}@example.com"
        sim.press("create")
    events = len(sim.result.timeline.marks)
    print(f"long session: {len(sim.result.accounts)} accounts, {events} events on the number",
          flush=True)
    long = callbacks(sim)
    for label in ("another (one attempt)", "+1 hour", "what-if limit (dropdown change)"):
        measure(f"  long session: callback {label}", long[label], 50, CALLBACK_BUDGET_MS)

    for lang in ("ja", "en"):
        plotted = busy(lang, plots=True)
        step = plotted.result
        measure(f"timeline redraw ({lang}, {len(step.timeline.rows)} rows, "
                f"{len(step.timeline.marks)} events: draw + SVG + base64)",
                lambda plotted=plotted, step=step: plotted.timeline_img(step), 30,
                PLOT_BUDGET_MS)
    plotted = busy("ja", plots=True)
    measure("callback +1 hour including the timeline redraw",
            lambda: plotted.press("hour"), 20, None)
