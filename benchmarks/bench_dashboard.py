"""The hub's class dashboard for 200 learners x every question of the course (270
today; the target was set for 128): one refresh, from stored rows to the HTML
the instructors' page swaps in (target: 1 s or less). Data: every learner
answers every question of every bank once, with seeded random options (graded
by the course)."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from benchmarks.bench_analytics import cpu_median
from benchmarks.timing import report, time_calls
from course.hub.dashboard import class_view, live_html
from course.hub.storage import Incoming, SQLiteStorage
from course.quiz.bank import bank_paths, load_bank
from course.quiz.grading import grade
from course.quiz.results_io import ResultRow, answer_json

LEARNERS = 200


def _value(question, rng: random.Random):
    if question.options:
        if question.type == "multiple_choice":
            return sorted({o.id for o in rng.sample(question.options, 2)})
        return rng.choice(question.options).id
    if question.items:
        order = [i.id for i in question.items]
        rng.shuffle(order)
        return order
    if question.prompts:
        return {p.id: rng.choice(question.choices).id for p in question.prompts}
    if question.rules:
        return question.rules[0].value + rng.choice((0, 0, 5))
    return rng.choice([a.text for a in question.accept] + ["I don't know"])


def class_rows(learners: int = LEARNERS, seed: int = 2026) -> list[ResultRow]:
    rng = random.Random(seed)
    banks = [load_bank(p.stem) for p in bank_paths()]
    rows = []
    for n in range(learners):
        for bank in banks:
            for question in bank.questions:
                result = grade(question, _value(question, rng))
                rows.append(ResultRow(f"learner{n:03d}", bank.id, question.id,
                                      question.objective, question.type,
                                      answer_json(result.answer), result.score, 1.0, 1,
                                      "2026-01-06T10:00:00Z", "workshop"))
    return rows


def main() -> None:
    rows = class_rows()
    questions = len({(r.quiz, r.question) for r in rows})
    print(f"class: {LEARNERS} learners x {questions} questions = {len(rows)} answers",
          flush=True)

    def refresh() -> str:
        return live_html(class_view(rows, {}), "ja", "")

    report("dashboard refresh, cold (grade every answer again, analyse, render)",
           time_calls(refresh, 5, warmup=1))
    grades: dict = {}
    class_view(rows, {}, (), grades)

    def warm() -> str:
        return live_html(class_view(rows, {}, (), grades), "ja", "")

    report("dashboard refresh while the class works (grades of earlier answers kept)",
           time_calls(warm, 5, warmup=1))
    print(f"CPU time (steadier on a shared machine): cold {cpu_median(refresh, 3):.0f} ms, "
          f"while the class works {cpu_median(warm, 3):.0f} ms", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        storage = SQLiteStorage(Path(folder) / "results.sqlite")
        start = time.perf_counter()
        storage.add(Incoming(row) for row in rows)
        print(f"storing {len(rows)} rows in one transaction: "
              f"{time.perf_counter() - start:.2f} s", flush=True)

        def from_storage() -> str:
            stored = storage.rows()
            return live_html(class_view([s.row for s in stored], storage.releases(), (),
                                        grades), "en", "")

        report("dashboard refresh including reading every row from SQLite",
               time_calls(from_storage, 5, warmup=1))
        storage.close()


if __name__ == "__main__":
    main()
