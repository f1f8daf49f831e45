"""Item analysis of a large class: 5,000 learners x 60 questions (target: 1 s or less).

Also measured, for the report: building the table from checked rows, reading
and merging 5,000 exported files, and writing the terminal and HTML reports.
Data come from the seeded synthetic class generator used by the tests.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.timing import report, time_calls
from course.quiz.analytics import analyse
from course.quiz.results_io import merge_results
from course.workshop.graded import ClassResults
from course.workshop.report_html import render_html
from course.workshop.report_text import render_text
from tests.fixtures.results.synthetic import (
    ClassSpec,
    rows_of,
    synthetic_frame,
    write_learner_files,
)

LEARNERS, QUESTIONS = 5_000, 60


def cpu_median(function, repeat: int) -> float:
    """Median CPU time of a call in ms: steadier than wall time on a shared machine."""
    function()
    times = []
    for _ in range(repeat):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return sorted(times)[len(times) // 2] * 1e3


def main() -> None:
    spec = ClassSpec(learners=LEARNERS, questions=QUESTIONS, missing_share=0.02)
    frame = synthetic_frame(np.random.default_rng(2026), spec)
    rows = rows_of(frame)
    first = int((frame["attempt"] == 1).sum())
    print(f"class: {LEARNERS} learners x {QUESTIONS} questions, {len(frame)} rows "
          f"({first} first attempts)", flush=True)
    report("analyse(DataFrame) 5,000 x 60", time_calls(lambda: analyse(frame), 10, warmup=2))
    report("analyse(ResultRow list) 5,000 x 60", time_calls(lambda: analyse(rows), 5, warmup=1))
    print(f"CPU time: analyse(DataFrame) {cpu_median(lambda: analyse(frame), 5):.0f} ms, "
          f"analyse(rows) {cpu_median(lambda: analyse(rows), 5):.0f} ms", flush=True)

    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        write_learner_files(Path(folder), rows)
        print(f"writing {LEARNERS} JSON exports: {time.perf_counter() - start:.1f} s", flush=True)
        report(f"merge_results({LEARNERS} JSON files)",
               time_calls(lambda: merge_results([folder]), 3, warmup=1))
        print(f"CPU time: merge_results({LEARNERS} JSON files) "
              f"{cpu_median(lambda: merge_results([folder]), 3):.0f} ms "
              "(read, check every row, de-duplicate)", flush=True)
        merged = merge_results([folder])
    analysis = analyse(merged)
    results = ClassResults("", merged, analysis, {}, sources=len(merged.files))
    report("render_text (terminal table)",
           time_calls(lambda: render_text(results, "ja"), 5, warmup=1))
    flagged = len(analysis.quizzes[0].flagged)
    report(f"render_html (2 charts + {flagged} option charts of flagged questions)",
           time_calls(lambda: render_html(results, "ja"), 3, warmup=1))

    small = ClassSpec(learners=30, questions=8)
    small_frame = synthetic_frame(np.random.default_rng(7), small)
    report("analyse(DataFrame) 30 x 8 (a workshop)",
           time_calls(lambda: analyse(small_frame), 50))


if __name__ == "__main__":
    main()
