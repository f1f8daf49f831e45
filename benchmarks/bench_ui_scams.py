"""How long the scam spotter's callbacks take in the kernel (target: p95 at most 50 ms).

No plot is drawn by this simulator, so every figure here is a callback.
"""

from __future__ import annotations

import time

from benchmarks.timing import report, time_calls
from course.ui.scam_spotter import ScamSpotter


def _check_and_next(sim: ScamSpotter, repeat: int) -> tuple[list[float], list[float]]:
    """Time "check" and "next card" on every card in turn; start over (untimed) at the end."""
    checks, nexts = [], []
    for _ in range(repeat):
        if sim.round.finished:
            sim.restart_button.click()
        card = sim.round.current
        sim.choice.value = card.verdict
        for cue in card.cues:
            sim.cue_boxes[cue].value = True
        start = time.perf_counter()
        sim.check_button.click()
        checks.append(time.perf_counter() - start)
        start = time.perf_counter()
        sim.next_button.click()
        nexts.append(time.perf_counter() - start)
    return checks, nexts


def main() -> None:
    report("ScamSpotter build", time_calls(lambda: ScamSpotter("ja"), 30))
    sim = ScamSpotter("ja")
    checks, nexts = _check_and_next(sim, 390)
    report("check (grade + feedback; summary on the last card)", checks)
    report("next card", nexts)
    report("start over", time_calls(sim.restart_button.click, 300))

    def check(text: str) -> None:
        sim.contact.value = text
        sim.contact_button.click()

    typical = "X サポート窓口 ☎ 090-0274-3391 https://x-com-support.example/login"
    report("check a number/link (typical)", time_calls(lambda: check(typical), 500))
    worst = ("https://x-com-support.example/a " * 70)[:2000]  # the longest text accepted
    report("check a number/link (2,000 characters)", time_calls(lambda: check(worst), 300))
