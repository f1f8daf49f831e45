"""The instructor's tools: the schedule and the class results of a workshop and a large class.

build_schedule reads ten course-map entries and every notebook's JSON, so it
is measured as the guide notebook and ``python -m course schedule`` call it.
The class results are measured on the fictional class of the notebook (24
learners) and on 500 learners (a large lecture), each from a folder of
per-learner JSON exports: read, checked, merged and analysed.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from benchmarks.timing import report, time_calls
from course.quiz.bank import load_bank
from course.quiz.fictional_class import ClassSettings, fictional_rows
from course.workshop.class_results import DEMO_QUIZ, load_class_results, write_demo_class
from course.workshop.schedule import build_schedule, schedule_rows


def main() -> None:
    report("build_schedule (course map + notebooks/ja)",
           time_calls(lambda: build_schedule("13:00"), 50))
    schedule = build_schedule("13:00")
    report("schedule_rows (ja)", time_calls(lambda: schedule_rows(schedule, "ja"), 200))
    bank = load_bank(DEMO_QUIZ)
    report("fictional_rows 500 learners x 14 questions",
           time_calls(lambda: fictional_rows(bank, random.Random(1), ClassSettings(500)), 5,
                      warmup=1))
    for learners in (24, 500):
        with tempfile.TemporaryDirectory() as folder:
            write_demo_class(Path(folder), learners=learners)
            report(f"load_class_results {learners} exports (read, merge, analyse)",
                   time_calls(lambda f=folder: load_class_results(f), 5, warmup=1))


if __name__ == "__main__":
    main()
