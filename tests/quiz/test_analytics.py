"""Item analysis against values worked out by hand, edge cases and invariants.

The hand class (tests/fixtures/results/hand/README.md), first attempts:

    learner  q1 q2 q3 | X (total)
    hand-01   1  1  1 | 3
    hand-02   1  1  0 | 2
    hand-03   1  0  1 | 2
    hand-04   0  1  0 | 1
    hand-05   0  0  0 | 0

s = 5 learners, p = 3 questions, x_max = 1; variances divide by s - 1 = 4.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from course.quiz.analytics import (
    LOW_CONSISTENCY,
    LOW_DISCRIMINATION,
    LOW_EFFICIENCY,
    NEGATIVE_COVARIANCE,
    TOO_EASY,
    TOO_HARD,
    Analysis,
    Thresholds,
    analyse,
    frame_from_rows,
    option_ids,
    question_table,
)
from course.quiz.results_io import ResultRow, merge_results

HAND = Path(__file__).resolve().parents[1] / "fixtures" / "results" / "hand"


def row(learner: str, question: str, score: float, answer: str = '"a"', attempt: int = 1,
        quiz: str = "t", qtype: str = "single_choice", at: str = "2026-01-06T10:00:00Z",
        ) -> ResultRow:
    return ResultRow(learner, quiz, question, "obj", qtype, answer, float(score), 1.0, attempt,
                     at, "self_check")


def matrix_rows(marks: dict[str, list[float]], quiz: str = "t") -> list[ResultRow]:
    return [row(learner, f"q{j + 1}", m, '"a"' if m else '"b"', quiz=quiz)
            for learner, values in marks.items() for j, m in enumerate(values)]


@pytest.fixture(scope="module")
def hand() -> Analysis:
    merged = merge_results([HAND])
    assert merged.ok, [p.message("en") for p in merged.problems]
    return analyse(merged)


def test_hand_files_merge_without_double_counting():
    merged = merge_results([HAND])
    assert len(merged.files) == 7
    # hand-02 exported twice (3 rows) and hand-03 again as CSV (3 rows).
    assert (merged.duplicates, merged.conflicts) == (6, 0)
    assert merged.learners == 5
    assert len(merged.rows) == 15 + 2  # 15 first attempts, 2 retries


def test_hand_facility_and_sd(hand: Analysis):
    quiz = hand.quiz("hand_quiz")
    q1, q2, q3 = quiz.questions
    # Facility = mean / max: q1 3/5, q2 3/5, q3 2/5.
    assert [q.facility for q in quiz.questions] == pytest.approx([60.0, 60.0, 40.0])
    # q1: deviations from 0.6 are .4,.4,.4,-.6,-.6; squares .16*3 + .36*2 = 1.2; /4 = 0.3.
    # q3: deviations from 0.4 are .6,-.4,.6,-.4,-.4; squares .36*2 + .16*3 = 1.2; /4 = 0.3.
    assert q1.sd == q2.sd == q3.sd == pytest.approx(100 * math.sqrt(0.3))  # 54.77 %
    assert q1.intended_weight == pytest.approx(100 / 3)


def test_hand_discrimination_index_is_the_rest_of_test_correlation(hand: Analysis):
    q1, q2, q3 = hand.quiz("hand_quiz").questions
    # q1: y = X - x = 2,1,1,1,0 (mean 1, deviations 1,0,0,0,-1) -> var(y) = 2/4 = 0.5.
    #     cov = (.4*1 + .4*0 + .4*0 - .6*0 - .6*-1) / 4 = 1.0/4 = 0.25
    #     DI = 100 * 0.25 / sqrt(0.3 * 0.5) = 64.55 %
    assert q1.discrimination_index == pytest.approx(100 * 0.25 / math.sqrt(0.3 * 0.5))
    assert q1.discrimination_index == pytest.approx(64.5497, abs=1e-4)
    # q2: y = 2,1,2,0,0 (mean 1); cov = (.4*1 + .4*0 - .6*1 + .4*-1 - .6*-1)/4 = 0.
    assert q2.discrimination_index == pytest.approx(0.0, abs=1e-12)
    # q3: y = 2,2,1,1,0 (mean 1.2, deviations .8,.8,-.2,-.2,-1.2) -> var(y) = 2.8/4 = 0.7
    #     cov = (.6*.8 - .4*.8 - .6*.2 + .4*.2 + .4*1.2)/4 = 0.6/4 = 0.15
    #     DI = 100 * 0.15 / sqrt(0.3 * 0.7) = 32.73 %
    assert q3.discrimination_index == pytest.approx(100 * 0.15 / math.sqrt(0.21))


def test_hand_discriminative_efficiency_pairs_both_sorted_lists(hand: Analysis):
    q1, q2, q3 = hand.quiz("hand_quiz").questions
    # q1: x sorted 0,0,1,1,1; y sorted 0,1,1,1,2:
    #     (-.6*-1 + -.6*0 + .4*0 + .4*0 + .4*1)/4 = 1.0/4 = 0.25 = cov -> DE 100 %.
    assert q1.discriminative_efficiency == pytest.approx(100.0)
    # q2: cov_max: x 0,0,1,1,1 vs y 0,0,1,2,2 -> (.6+.6+0+.4+.4)/4 = 0.5; cov 0 -> DE 0 %.
    assert q2.discriminative_efficiency == pytest.approx(0.0, abs=1e-12)
    # q3: x 0,0,0,1,1 vs y 0,1,1,2,2 -> (.48+.08+.08+.48+.48)/4 = 0.4; DE = .15/.4 = 37.5 %.
    assert q3.discriminative_efficiency == pytest.approx(37.5)


def test_hand_effective_weights(hand: Analysis):
    quiz = hand.quiz("hand_quiz")
    # cov(x, X) with X deviations 1.4,.4,.4,-.6,-1.6 (mean 1.6):
    #   q1 (.56+.16+.16+.36+.96)/4 = 0.55; q2 (.56+.16-.24-.24+.96)/4 = 0.3;
    #   q3 (.84-.16+.24+.24+.64)/4 = 0.45 (they add up to var(X) = 1.3).
    roots = [math.sqrt(0.55), math.sqrt(0.3), math.sqrt(0.45)]
    expected = [100 * r / sum(roots) for r in roots]  # 37.83, 27.94, 34.22
    assert [q.effective_weight for q in quiz.questions] == pytest.approx(expected)
    assert not any(q.negative_covariance for q in quiz.questions)


def test_hand_quiz_statistics(hand: Analysis):
    stats = hand.quiz("hand_quiz").statistics
    # X = 3,2,2,1,0: mean 1.6/3 = 53.33 %, median 2/3 = 66.67 %.
    assert stats.mean == pytest.approx(100 * 1.6 / 3)
    assert stats.median == pytest.approx(100 * 2 / 3)
    # Squared deviations 1.96+.16+.16+.36+2.56 = 5.2 -> k2 = 5.2/4 = 1.3; SD = sqrt(1.3)/3.
    assert stats.sd == pytest.approx(100 * math.sqrt(1.3) / 3)  # 38.01 %
    # m2 = 5.2/5 = 1.04; m3 = (2.744+.064+.064-.216-4.096)/5 = -0.288;
    # k3 = 25 * -0.288 / (4*3) = -0.6; skew = -0.6 / 1.3^1.5 = -0.405.
    assert stats.skewness == pytest.approx(-0.6 / 1.3 ** 1.5)
    # m4 = (3.8416+.0256+.0256+.1296+6.5536)/5 = 2.1152;
    # k4 = 25 * (6*2.1152 - 3*4*1.04**2) / (4*3*2) = -0.3; kurt = -0.3/1.3**2 = -0.178.
    assert stats.kurtosis == pytest.approx(-0.3 / 1.69)
    # CIC = 100 * 3/2 * (1 - (0.3+0.3+0.3)/1.3) = 46.15 %
    assert stats.cic == pytest.approx(100 * 1.5 * (1 - 0.9 / 1.3))
    # ER = 100 * sqrt(1 - 0.4615) = 73.38 %; SE = ER * SD / 100 = 27.89 %.
    assert stats.error_ratio == pytest.approx(100 * math.sqrt(1 - 1.5 * (1 - 0.9 / 1.3)))
    assert stats.standard_error == pytest.approx(stats.error_ratio * stats.sd / 100)
    assert stats.flags == (LOW_CONSISTENCY,)  # 46 % < 64 %


def test_hand_score_distribution_has_one_bin_per_possible_total(hand: Analysis):
    distribution = hand.quiz("hand_quiz").statistics.distribution
    # Totals 0, 1, 2, 3 marks -> 0, 33.3, 66.7, 100 %: one learner, one, two, one.
    assert distribution.counts == (1, 1, 2, 1)
    assert len(distribution.edges) == 5
    assert distribution.edges[1] == pytest.approx(100 / 6)
    assert distribution.totals == pytest.approx((0, 100 / 3, 200 / 3, 200 / 3, 100))


def test_hand_option_choices_and_no_answer(hand: Analysis):
    q1, q2, q3 = hand.quiz("hand_quiz").questions
    assert [(o.option, o.count) for o in q1.options] == [("a", 3), ("b", 1), ("c", 1)]
    assert [o.share for o in q1.options] == pytest.approx([60.0, 20.0, 20.0])
    assert [o.mean_score for o in q1.options] == [100.0, 0.0, 0.0]  # a is the key
    # hand-05 gave no answer to q2: it counts for nobody's option.
    assert [(o.option, o.count) for o in q2.options] == [("a", 1), ("b", 3)]
    assert (q2.answered, q2.no_answer) == (4, 1)
    assert [(o.option, o.count) for o in q3.options] == [("a", 2), ("b", 1), ("c", 2)]


def test_hand_flags_follow_the_policy_thresholds(hand: Analysis):
    q1, q2, q3 = hand.quiz("hand_quiz").questions
    assert (q1.flags, q3.flags) == ((), ())
    assert q2.flags == (LOW_EFFICIENCY,)  # DE 0 % < 15 %; DI 0 is not below 0


def test_only_first_attempts_count(hand: Analysis):
    quiz = hand.quiz("hand_quiz")
    assert (quiz.answers_used, quiz.later_attempts) == (15, 2)
    assert (hand.first_attempt_rows, hand.later_attempt_rows) == (15, 2)


def test_one_learner_gives_facility_but_no_spread_statistics():
    analysis = analyse(matrix_rows({"solo": [1, 0, 1]}))
    quiz = analysis.quizzes[0]
    assert [q.facility for q in quiz.questions] == [100.0, 0.0, 100.0]
    for q in quiz.questions:
        assert (q.sd, q.discrimination_index, q.discriminative_efficiency) == (None, None, None)
        assert q.flags == ()  # one learner is below min_learners: no verdict
    stats = quiz.statistics
    assert stats.mean == pytest.approx(200 / 3)
    assert (stats.sd, stats.cic, stats.skewness, stats.kurtosis) == (None, None, None, None)
    assert sum(stats.distribution.counts) == 1


def test_zero_variance_question_and_equal_totals():
    # Everybody right on q1; q2/q3 mirror each other so every total is 2.
    analysis = analyse(matrix_rows({"a": [1, 1, 0], "b": [1, 0, 1], "c": [1, 1, 0]}))
    quiz = analysis.quizzes[0]
    q1 = quiz.question("q1")
    assert q1.facility == 100.0 and q1.sd == 0.0
    assert q1.discrimination_index is None and q1.discriminative_efficiency is None
    assert q1.effective_weight is None  # no spread in the totals at all
    assert TOO_EASY in q1.flags
    stats = quiz.statistics
    assert stats.sd == 0.0 and stats.cic is None and stats.error_ratio is None
    assert stats.distribution.counts[2] == 3


def test_missing_answers_score_zero_or_leave_the_learner_out():
    marks = {"a": [1, 1, 1], "b": [1, 0, 1], "c": [0, 1, 0], "d": [0, 0, 0]}
    rows = [*matrix_rows(marks), row("e", "q1", 1)]  # e answered q1 only
    as_zero = analyse(rows).quizzes[0]
    assert as_zero.learners == 5 and as_zero.excluded_learners == 0
    assert as_zero.question("q2").answered == 4 and as_zero.question("q2").no_answer == 1
    # Treating e's missing answers as 0 is the same as e answering them wrongly.
    explicit = analyse([*rows, row("e", "q2", 0, "null"), row("e", "q3", 0, "null")])
    assert explicit.quizzes[0].questions == as_zero.questions

    policy = replace(Thresholds.from_policies(), missing_answer="exclude_learner")
    excluded = analyse(rows, thresholds=policy).quizzes[0]
    assert excluded.learners == 4 and excluded.excluded_learners == 1
    without_e = analyse(matrix_rows(marks), thresholds=policy).quizzes[0]
    assert excluded.questions == without_e.questions
    assert excluded.statistics == without_e.statistics


def test_flags_for_easy_hard_and_miskeyed_questions():
    # q1 everyone right but one; q2 nobody right but one; q3 answered right by the weakest.
    marks = {f"l{i}": [1 if i else 0, 0 if i < 9 else 1, 1 if i < 3 else 0, 1 if i > 4 else 0]
             for i in range(10)}
    quiz = analyse(matrix_rows(marks)).quizzes[0]
    assert TOO_EASY in quiz.question("q1").flags  # 90 %
    assert TOO_HARD in quiz.question("q2").flags  # 10 %
    q3 = quiz.question("q3")
    assert q3.discrimination_index < 0
    assert {LOW_DISCRIMINATION, LOW_EFFICIENCY, NEGATIVE_COVARIANCE} <= set(q3.flags)
    assert q3.effective_weight is None


def test_custom_thresholds_change_the_flags(hand: Analysis):
    strict = replace(hand.thresholds, discrimination_index_min=40.0,
                     discriminative_efficiency_min=50.0)
    quiz = analyse(merge_results([HAND]), thresholds=strict).quiz("hand_quiz")
    assert quiz.question("q1").flags == ()
    assert set(quiz.question("q3").flags) == {LOW_DISCRIMINATION, LOW_EFFICIENCY}


def test_thresholds_come_from_the_policy_file_with_sources():
    from course.facts.policy import policy

    thresholds = Thresholds.from_policies()
    assert thresholds.discriminative_efficiency_min == 15  # Moodle's is_dubious_question
    assert thresholds.cic_unsatisfactory_below == 64
    assert thresholds.missing_answer == "zero"
    entry = policy("analytics.discriminative_efficiency_min")
    assert entry.status == "documented" and entry.sources == ("moodle-statistics-table",)
    assert policy("analytics.small_group_below").assumed


def test_multiple_choice_answers_count_each_option():
    rows = [row("a", "q1", 1, '["a", "c"]', qtype="multiple_choice"),
            row("b", "q1", 0.5, '["a"]', qtype="multiple_choice"),
            row("c", "q1", 0, "[]", qtype="multiple_choice")]
    q1 = analyse(rows).quizzes[0].question("q1")
    assert [(o.option, o.count) for o in q1.options] == [("a", 2), ("c", 1)]
    assert q1.options[0].mean_score == pytest.approx(75.0)
    assert q1.answered == 2 and q1.no_answer == 1


def test_text_answers_get_no_option_counts():
    rows = [row("a", "q1", 1, '"tokyo"', qtype="short_text"), row("b", "q1", 0, '"osaka"',
                                                                   qtype="short_text")]
    assert analyse(rows).quizzes[0].question("q1").options == ()


def test_bank_order_and_options_nobody_chose():
    rows = matrix_rows({"a": [1, 0], "b": [0, 1]})
    analysis = analyse(rows, question_order={"t": ["q2", "q1"]},
                       options={"t": {"q1": ["z", "b", "a"]}})
    quiz = analysis.quizzes[0]
    assert [q.question for q in quiz.questions] == ["q2", "q1"]
    assert [(o.option, o.count) for o in quiz.question("q1").options] == [
        ("z", 0), ("b", 1), ("a", 1)]


def test_quizzes_are_analysed_separately_and_can_be_chosen():
    rows = matrix_rows({"a": [1, 0], "b": [0, 1]}, quiz="one") + matrix_rows(
        {"a": [1, 1, 1], "c": [0, 0, 1]}, quiz="two")
    both = analyse(rows)
    assert [q.quiz for q in both.quizzes] == ["one", "two"]
    assert both.quiz("two").learners == 2 and len(both.quiz("two").questions) == 3
    only = analyse(rows, quiz="two")
    assert [q.quiz for q in only.quizzes] == ["two"]
    assert only.quizzes[0] == both.quiz("two")


def test_unknown_quiz_is_a_problem_in_both_languages():
    analysis = analyse(matrix_rows({"a": [1]}), quiz="nope")
    assert not analysis.ok and analysis.quizzes == ()
    problem = analysis.problems[0]
    assert problem.code == "unknown_quiz"
    assert "nope" in problem.text["en"] and "nope" in problem.text["ja"]


def test_a_dataframe_gives_the_same_analysis_as_rows(hand: Analysis):
    merged = merge_results([HAND])
    frame = frame_from_rows(merged.rows)
    assert analyse(frame).quizzes == hand.quizzes
    # A raw table may repeat a row: the analysis still counts it once.
    doubled = pd.concat([frame, frame.iloc[:4]], ignore_index=True)
    assert analyse(doubled).quizzes == hand.quizzes


def test_a_raw_table_keeps_the_latest_of_repeated_first_attempts():
    early = row("a", "q1", 0, '"b"', at="2026-01-06T10:00:00Z")
    late = row("a", "q1", 1, '"a"', at="2026-01-06T11:00:00Z")
    rows = [late, early, row("b", "q1", 0, '"b"')]
    quiz = analyse(frame_from_rows(rows)).quizzes[0]
    assert quiz.question("q1").facility == 50.0


def test_question_table_has_one_line_per_question(hand: Analysis):
    table = question_table(hand.quiz("hand_quiz"))
    assert list(table["question"]) == ["q1", "q2", "q3"]
    assert table.loc[1, "flags"] == LOW_EFFICIENCY
    assert table["facility"].tolist() == pytest.approx([60, 60, 40])


@pytest.mark.parametrize("answer, expected", [
    ('"b"', ("b",)), ('["a", "c", "a"]', ("a", "c")), ("null", ()), ('""', ()), ("[]", ()),
    ("3.5", ("3.5",)), ('{"x": 1}', ('{"x": 1}',)), ("not json", ("not json",)),
])
def test_option_ids_read_the_answer_json(answer, expected):
    assert option_ids(answer) == expected


def test_the_choice_types_are_the_bank_s_own():
    # Issue #14.3: analytics listed three question types that do not exist
    # (multi_choice, multi_select, many_choice).
    from course.quiz import analytics, model
    assert frozenset(model.CHOICE_TYPES) == analytics.CHOICE_TYPES
    assert set(model.TYPES) >= analytics.CHOICE_TYPES
