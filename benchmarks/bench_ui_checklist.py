"""How long the checklist and progress view take in the kernel (target: p95 at most 50 ms
per tick, 200 ms per refresh).

A tick re-reads the file under the lock, writes a temporary file, fsyncs it
and renames it, so its time is mostly the disk's. Everything runs in a
temporary folder: no learner file is touched.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.timing import report, time_calls
from course.progress.checklist import STATES, ChecklistStore, load_items, make_plan
from course.progress.overview import course_overview
from course.progress.store import ProgressStore
from course.ui.progress_view import ProgressView
from course.ui.safety_checklist import SafetyChecklist


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-checklist-"))
    items = [item.id for item in load_items()]
    path = folder / "checklist.json"
    report("SafetyChecklist build (saved file)", time_calls(
        lambda: SafetyChecklist("ja", store=path), 30))
    sim = SafetyChecklist("ja", store=path)
    turn = iter(range(10**9))

    def tick() -> None:
        n = next(turn)
        sim.tick(items[n % len(items)], STATES[(n // len(items)) % len(STATES)])

    report("tick (save to disk + plan + redraw)", time_calls(tick, 300))
    memory = SafetyChecklist("ja", store=None)
    report("tick (memory only: plan + redraw)", time_calls(
        lambda: memory.tick(items[next(turn) % len(items)], STATES[next(turn) % 3]), 300))
    ticks = dict(zip(items, STATES * 5, strict=False))
    report("make_plan (pure)", time_calls(lambda: make_plan(ticks), 2000))

    store = ProgressStore(folder / "progress.sqlite")
    for n in range(200):  # a learner who answered every quiz several times
        store.record(quiz="00_start_here", question=f"start-q{n % 4}",
                     objective="start.use_jupyter", type="single_choice", answer="a",
                     score=float(n % 2))
        store.record(quiz="09_checklist_and_final_quiz", question=f"final-q{n % 20}",
                     objective="checklist.personal_plan", type="single_choice", answer="a",
                     score=1.0)
    checklist = ChecklistStore(path)
    report("course_overview (400 stored answers)", time_calls(
        lambda: course_overview(store, checklist), 100))
    view = ProgressView("ja", store=store, checklist=checklist)
    report("ProgressView refresh (400 stored answers)", time_calls(
        view.refresh_button.click, 100))
