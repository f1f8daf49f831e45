"""Draws and mastery: what a notebook pays to open its review or closing quiz,
and what an instructor pays for the class's mastery per objective.

The review reads the learner's stored rows and every earlier bank; measured
for a learner who has answered every question of 01-08 once (about 130 rows).
Class mastery is measured on 500 learners x 60 questions (30,000 first
attempts), the large-lecture case of bench_workshop.
"""

from __future__ import annotations

import random

from benchmarks.timing import report, time_calls
from course.progress.learning import lessons_before, review_draw
from course.quiz.bank import load_bank
from course.quiz.pools import draw_closing
from course.quiz.results_io import ResultRow
from course.workshop.class_mastery import mastery_rows


def _learner_rows(learner: str) -> list[ResultRow]:
    rng = random.Random(7)
    rows = []
    for day, stem in enumerate(lessons_before("09_checklist_and_final_quiz"), 1):
        for q in load_bank(stem).questions:
            rows.append(ResultRow(learner, stem, q.id, q.objective, q.type, '"x"',
                                  float(rng.random() < 0.7), 1.0, 1,
                                  f"2026-01-{day:02d}T00:00:00Z", "self_check"))
    return rows


def _class_rows(learners: int, questions: int) -> list[ResultRow]:
    rng = random.Random(1)
    return [ResultRow(f"learner-{n}", "06_two_factor_and_life_without_sms", f"q{q}",
                      "twofa.methods" if q % 2 else "twofa.app_setup", "true_false", '"true"',
                      float(rng.random() < 0.7), 1.0, 1, "2026-01-01T00:00:00Z", "self_check")
            for n in range(learners) for q in range(questions)]


def main() -> None:
    bank = load_bank("03_sms_codes")
    report("draw_closing 03_sms_codes", time_calls(lambda: draw_closing(bank, "learner-a"), 500))
    rows = _learner_rows("learner-kqmtzpwa")
    report(f"review_draw at 09 over {len(rows)} stored rows",
           time_calls(lambda: review_draw("09_checklist_and_final_quiz", rows,
                                          "learner-kqmtzpwa"), 50))
    big = _class_rows(500, 60)
    report("mastery_rows 500 learners x 60 questions (ja)",
           time_calls(lambda: mastery_rows(big, "ja"), 5, warmup=1))


if __name__ == "__main__":
    main()
