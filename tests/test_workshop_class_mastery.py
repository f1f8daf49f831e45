"""The instructor's view of mastery per objective and what to revisit, from a
class's answer rows, in both languages."""

from __future__ import annotations

import random

from course.quiz.bank import load_bank
from course.quiz.fictional_class import ClassSettings, fictional_rows
from course.quiz.mastery import MasterySettings
from course.quiz.results_io import ResultRow
from course.workshop.class_mastery import class_objectives, mastery_rows, revisit_lines

QUIZ = "06_two_factor_and_life_without_sms"


def _row(learner: str, question: str, objective: str, score: float,
         attempt: int = 1) -> ResultRow:
    return ResultRow(learner, QUIZ, question, objective, "true_false", '"true"', score, 1.0,
                     attempt, "2026-02-01T00:00:00Z", "self_check")


def test_the_class_table_covers_answered_objectives_in_course_order():
    rows = fictional_rows(load_bank(QUIZ), random.Random(2026), ClassSettings(24))
    table = mastery_rows(rows, "en")
    names = [r["Learning objective"] for r in table]
    assert [n.rsplit("(", 1)[1].rstrip(")") for n in names] == [
        "twofa.sms_change", "twofa.methods", "twofa.app_setup", "twofa.avoid_050"]
    assert all(r["Learners who answered"] == "24" for r in table)
    assert {r["Verdict"] for r in table} <= {"✔ Fine for the class", "↻ Revisit with the class"}
    everything = mastery_rows(rows, "ja", answered_only=False)
    assert len(everything) == len(class_objectives(rows)) > len(table)
    assert "○ 答えがない" in {r["判定"] for r in everything}


def test_objectives_below_the_threshold_are_named_weakest_first_with_their_notebook():
    rows = []
    for n in range(4):
        rows += [_row(f"learner-{n}", "q-low", "twofa.methods", 0.0 if n else 1.0),
                 _row(f"learner-{n}", "q-mid", "twofa.app_setup", 1.0 if n < 2 else 0.0),
                 _row(f"learner-{n}", "q-high", "twofa.avoid_050", 1.0),
                 _row(f"learner-{n}", "q-high", "twofa.avoid_050", 0.0, attempt=2)]
    lines = revisit_lines(rows, "en")
    assert len(lines) == 2 and lines[0].startswith("↻ compare SMS")
    assert "first-attempt average 25%" in lines[0] and "notebook 06_two_factor" in lines[0]
    assert "first-attempt average 50%" in lines[1]
    assert not any("avoid_050" in line for line in lines)  # the retry's 0 does not count
    lenient = revisit_lines(rows, "ja", MasterySettings(class_revisit_below=0.2))
    assert lenient == ["✔ クラスの1回目の平均が 20% 未満の学習目標はありません。"]


def test_a_single_learner_is_not_judged_and_unknown_objectives_are_shown_safely():
    rows = [_row("learner-solo", "q", "twofa.methods", 0.0),
            _row("learner-a", "x", "other.thing", 0.0), _row("learner-b", "x", "other.thing", 0.0)]
    table = {r["Learning objective"]: r for r in mastery_rows(rows, "en")}
    solo = next(v for k, v in table.items() if "twofa.methods" in k)
    assert solo["Verdict"] == "… Too few learners to judge"
    assert table["other.thing"]["Verdict"] == "↻ Revisit with the class"
    assert table["other.thing"]["Notebook"] == ""
    assert revisit_lines([], "en")[0].startswith("✔ No learning objective")


def test_the_report_text_and_page_show_mastery_from_regraded_answers():
    from course.quiz.results_io import MergedResults
    from course.workshop.graded import grade_class
    from course.workshop.report_html import render_html
    from course.workshop.report_text import render_text

    # Two learners claim full marks for a wrong answer: the course grades them again.
    rows = [ResultRow(learner, "03_sms_codes", "sms-code-digits", "sms.code_rules",
                      "single_choice", '"four"', 1.0, 1.0, 1, "2026-01-06T10:00:00Z",
                      "self_check") for learner in ("learner-owl", "learner-fox")]
    results = grade_class(MergedResults(tuple(rows), (), 0, 0, ()))
    text = render_text(results, "en")
    assert "[Mastery per learning objective (first attempts)]" in text
    line = next(x for x in text.splitlines() if "(sms.code_rules)" in x and "%" in x)
    assert "0%" in line and "↻ Revisit with the class" in line
    assert "[Objectives to revisit with the class]" in text
    page = render_html(results, "ja")
    assert "<h2>学習目標ごとの身につき具合(1回目の答え)</h2>" in page
    assert "↻ もう一度扱う" in page and "(sms.code_rules)" in page
