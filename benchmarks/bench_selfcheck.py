"""How long the self-check widget takes to build and to answer (kernel side)."""

from __future__ import annotations

from benchmarks.timing import report, time_calls
from course.ui import SelfCheck


def main() -> None:
    report("SelfCheck build (4 questions)", time_calls(lambda: SelfCheck("00_start_here"), 50))
    check = SelfCheck("00_start_here")
    view = check.view("start-run-cell")
    view.choice.value = "shift-enter"
    report("Check button callback", time_calls(lambda: view.check.click(), 500))
