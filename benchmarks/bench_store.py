"""How fast the progress store records, reads, exports and imports (target:
at least 1,000 recorded answers per second)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.timing import report, time_calls
from course.progress.store import ProgressStore
from course.quiz.results_io import iso_utc, parse_results, to_json

ROW = {"quiz": "all_types", "question": "fx-single", "objective": "fixture.choices",
       "type": "single_choice", "answer": "six", "score": 1.0}
WRITER = Path(__file__).resolve().parent.parent / "tests" / "progress" / "writer.py"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = ProgressStore(Path(folder) / "progress.sqlite")
        store.learner()
        n = 5000
        start = time.perf_counter()
        for _ in range(n):
            store.record(**ROW)
        elapsed = time.perf_counter() - start
        print(f"record (one committed transaction each): {n / elapsed:,.0f} answers/s "
              f"({elapsed / n * 1e3:.3f} ms each, {n} answers)", flush=True)
        report("rows() of one learner (5,000 rows)", time_calls(store.rows, 20))
        rows = store.rows()
        text = to_json(rows, store.learner(), iso_utc(time.time()))
        report("export to JSON (5,000 rows)",
               time_calls(lambda: to_json(rows, "learner-x", "t"), 10))
        report("parse_results (5,000 rows, every row checked)",
               time_calls(lambda: parse_results(text), 10))
        fresh = ProgressStore(Path(folder) / "fresh.sqlite")
        parsed = parse_results(text).rows
        start = time.perf_counter()
        fresh.import_rows(parsed)
        print(f"import_rows: {len(parsed) / (time.perf_counter() - start):,.0f} rows/s",
              flush=True)
        report("open an existing file (quick_check included)",
               time_calls(lambda: ProgressStore(store.path).close(), 20))

        shared = Path(folder) / "shared.sqlite"
        ProgressStore(shared).close()
        start = time.perf_counter()
        writers = [subprocess.Popen([sys.executable, str(WRITER), str(shared), "500"],
                                    stdout=subprocess.DEVNULL) for _ in range(8)]
        for w in writers:
            w.wait()
        elapsed = time.perf_counter() - start
        total = ProgressStore(shared).count()
        print(f"8 processes x 500 answers: {total} rows in {elapsed:.2f} s "
              f"({total / elapsed:,.0f} answers/s including interpreter start-up)", flush=True)
