"""Kernel-side time of every discoverability-explorer callback, and of a graph redraw.

Budgets (issue #5): a callback at most 50 ms at the 95th percentile with plot
drawing excluded (``plots=False``); a plot redraw at most 200 ms. CPU time is
printed next to wall time because the shared machine is often loaded.
"""

from __future__ import annotations

import os
from itertools import cycle

from benchmarks.bench_ui_accounts import (
    CALLBACK_BUDGET_MS,
    PLOT_BUDGET_MS,
    measure,
    reference_plot_ms,
)
from course.sim.discoverability.community import load_community
from course.ui.discoverability_explorer import SWITCHES, DiscoverabilityExplorer


def main() -> None:
    print("load average (1/5/15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()),
          flush=True)
    print(f"reference: a minimal matplotlib PNG takes {reference_plot_ms():.0f} ms CPU "
          "on this machine right now", flush=True)
    measure("build DiscoverabilityExplorer (no plot; once per notebook cell)",
            lambda: DiscoverabilityExplorer("ja", plots=False), 30, None)
    sim = DiscoverabilityExplorer("ja", plots=False)

    for name in SWITCHES:
        def flip(name: str = name) -> None:
            box = sim.switches[name]
            box.value = not box.value
        measure(f"callback switch {name}", flip, 200, CALLBACK_BUDGET_MS)

    people = cycle(load_community().people)
    measure("callback choose person (every person in turn)",
            lambda: setattr(sim.person, "value", next(people)), 200, CALLBACK_BUDGET_MS)
    sim.person.value = "mika"
    accounts = cycle(["mika_yamada", "yoru_no_memo"])
    measure("callback choose account", lambda: setattr(sim.account, "value", next(accounts)),
            200, CALLBACK_BUDGET_MS)
    measure("callback reset button", sim.reset_button.click, 200, CALLBACK_BUDGET_MS)

    for lang in ("ja", "en"):
        plotted = DiscoverabilityExplorer(lang, plots=True)
        step = plotted.result
        measure(f"graph redraw ({lang}, {len(step.found.findings)} arrows: "
                "draw + SVG + base64)",
                lambda plotted=plotted, step=step: plotted.graph_img(step), 30, PLOT_BUDGET_MS)
    plotted = DiscoverabilityExplorer("ja", plots=True)
    box = plotted.switches["find_by_phone"]
    measure("callback switch including the graph redraw",
            lambda: setattr(box, "value", not box.value), 20, None)
