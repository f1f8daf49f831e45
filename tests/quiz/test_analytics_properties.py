"""Property tests: the vectorised analysis equals Moodle's formulas written out
literally, keeps its invariants, and never raises on bad input."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.i18n import LANGUAGES, catalog
from course.quiz.analytics import Analysis, Thresholds, analyse, frame_from_rows
from course.quiz.results_io import ResultRow
from tests.fixtures.results.synthetic import (
    IMPOSSIBLE,
    MISKEYED,
    TRIVIAL,
    ClassSpec,
    synthetic_frame,
    synthetic_rows,
)
from tests.helpers import examples

SETTINGS = settings(max_examples=examples(60), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def rows_of(marks: list[list[float]], quiz: str = "p") -> list[ResultRow]:
    return [ResultRow(f"l{i}", quiz, f"q{j}", "obj", "single_choice",
                      '"a"' if m == 1 else '"b"', float(m), 1.0, 1, "2026-01-06T10:00:00Z",
                      "self_check")
            for i, values in enumerate(marks) for j, m in enumerate(values)]


def reference(marks: list[list[float]]) -> dict[str, list[float | None]]:
    """Moodle's question statistics, one loop per sum, as calculator.php writes them."""
    s, p = len(marks), len(marks[0])
    totals = [sum(r) for r in marks]
    out: dict[str, list[float | None]] = {"facility": [], "sd": [], "di": [], "de": []}
    for j in range(p):
        x = [r[j] for r in marks]
        y = [totals[i] - x[i] for i in range(s)]
        mx, my = sum(x) / s, sum(y) / s
        out["facility"].append(100 * mx)
        if s < 2:
            out["sd"].append(None), out["di"].append(None), out["de"].append(None)
            continue
        var_x = sum((v - mx) ** 2 for v in x) / (s - 1)
        var_y = sum((v - my) ** 2 for v in y) / (s - 1)
        cov = sum((x[i] - mx) * (y[i] - my) for i in range(s)) / (s - 1)
        cov_max = sum((a - mx) * (b - my) for a, b in zip(sorted(x), sorted(y), strict=True)
                      ) / (s - 1)
        out["sd"].append(100 * math.sqrt(var_x))
        out["di"].append(100 * cov / math.sqrt(var_x * var_y)
                         if var_x > 1e-12 and var_y > 1e-12 else None)
        out["de"].append(100 * cov / cov_max if abs(cov_max) > 1e-12 else None)
    return out


def reference_cic(marks: list[list[float]]) -> float | None:
    s, p = len(marks), len(marks[0])
    if s < 2 or p < 2:
        return None
    totals = [sum(r) for r in marks]
    mean = sum(totals) / s
    k2 = sum((v - mean) ** 2 for v in totals) / (s - 1)
    if k2 <= 1e-12:
        return None
    item_var = 0.0
    for j in range(p):
        x = [r[j] for r in marks]
        m = sum(x) / s
        item_var += sum((v - m) ** 2 for v in x) / (s - 1)
    return 100 * p / (p - 1) * (1 - item_var / k2)


marks_strategy = st.integers(1, 12).flatmap(lambda p: st.lists(
    st.lists(st.sampled_from([0.0, 0.5, 1.0]), min_size=p, max_size=p), min_size=1,
    max_size=25))


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-7)


@SETTINGS
@given(marks_strategy)
def test_vectorised_statistics_equal_the_literal_formulas(marks):
    quiz = analyse(rows_of(marks)).quizzes[0]
    expected = reference(marks)
    # Questions come back sorted by id (q0, q1, q10, q11, q2 ...): match by id.
    by_id = {q.question: q for q in quiz.questions}
    for j in range(len(marks[0])):
        q = by_id[f"q{j}"]
        assert close(q.facility, expected["facility"][j])
        assert close(q.sd, expected["sd"][j])
        assert close(q.discrimination_index, expected["di"][j])
        assert close(q.discriminative_efficiency, expected["de"][j])
    assert close(quiz.statistics.cic, reference_cic(marks))


@SETTINGS
@given(marks_strategy)
def test_invariants_of_every_analysis(marks):
    quiz = analyse(rows_of(marks)).quizzes[0]
    for q in quiz.questions:
        assert 0 <= q.facility <= 100
        assert q.discrimination_index is None or -100 <= q.discrimination_index <= 100
        # cov <= cov_max by the rearrangement inequality.
        assert q.discriminative_efficiency is None or q.discriminative_efficiency <= 100 + 1e-7
        assert q.effective_weight is None or 0 <= q.effective_weight <= 100 + 1e-7
        assert q.learners == len(marks) and 0 <= q.answered <= q.learners
    weights = [q.effective_weight for q in quiz.questions if q.effective_weight is not None]
    if weights and not any(q.negative_covariance for q in quiz.questions):
        assert sum(weights) == pytest.approx(100.0)
    assert sum(w.intended_weight for w in quiz.questions) == pytest.approx(100.0)
    stats = quiz.statistics
    assert sum(stats.distribution.counts) == len(marks)
    assert stats.cic is None or stats.cic <= 100 + 1e-7
    assert 0 <= stats.mean <= 100 and 0 <= stats.median <= 100


@SETTINGS
@given(marks_strategy, st.randoms(use_true_random=False))
def test_row_order_later_attempts_and_repeats_change_nothing(marks, rnd):
    rows = rows_of(marks)
    base = analyse(rows)
    shuffled = rows[:]
    rnd.shuffle(shuffled)
    retries = [r._replace(attempt=2, score=1.0, answer='"a"') for r in rows[::2]]
    noisy = shuffled + retries

    def core(analysis: Analysis) -> list:
        return [(q.learners, q.questions, q.statistics) for q in analysis.quizzes]

    again = analyse(noisy)
    assert core(again) == core(base)
    assert again.quizzes[0].later_attempts == len(retries)
    assert core(analyse(frame_from_rows(noisy + rows[:3]))) == core(base)


def garbage():
    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                        st.text(max_size=20), st.binary(max_size=20))
    return st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=4)),
        max_leaves=12)


def assert_problem(analysis: Analysis) -> None:
    assert not analysis.ok and analysis.quizzes == ()
    for problem in analysis.problems:
        assert problem.code
        assert all(problem.text[lang] for lang in LANGUAGES)


@SETTINGS
@given(garbage())
def test_any_object_gives_a_problem_not_an_exception(value):
    assert_problem(analyse(value))


@SETTINGS
@given(st.dictionaries(st.sampled_from(["learner", "quiz", "question", "score", "max_score",
                                        "attempt", "answer", "type"]),
                       st.lists(st.one_of(st.none(), st.text(max_size=8),
                                          st.floats(allow_nan=True), st.integers(-3, 3),
                                          st.sampled_from(["😀", "\x00", "1e999", "-0"])),
                                min_size=1, max_size=5), min_size=1))
def test_any_dataframe_gives_an_analysis_or_a_problem(columns):
    length = min(len(v) for v in columns.values())
    frame = pd.DataFrame({k: v[:length] for k, v in columns.items()})
    analysis = analyse(frame)
    if not analysis.ok:
        assert_problem(analysis)
    else:
        assert analysis.quizzes


BAD_INPUTS = [
    (None, "not_results"), ("rows.json", "not_results"), (42, "not_results"), ([], "no_rows"),
    ([{"learner": "a"}], "not_results"), (pd.DataFrame(), "frame_columns"),
    (pd.DataFrame({"learner": ["a"], "quiz": ["q"], "question": ["x"], "score": [2.0],
                   "max_score": [1.0], "attempt": [1]}), "frame_values"),
    (pd.DataFrame({"learner": ["a"], "quiz": ["q"], "question": ["x"], "score": [1.0],
                   "max_score": [1.0], "attempt": [2]}), "no_first_attempts"),
]


@pytest.mark.parametrize("bad, code", BAD_INPUTS)
def test_bad_input_codes(bad, code):
    analysis = analyse(bad)
    assert [p.code for p in analysis.problems] == [code]
    assert_problem(analysis)


def test_every_analysis_problem_text_is_reachable():
    """The report's problem texts are all used, and every problem has its text."""
    rows = rows_of([[1, 0], [0, 1]])
    broken = replace(Thresholds.from_policies(), missing_answer="sometimes")
    analyses = [analyse(bad) for bad, _ in BAD_INPUTS]
    analyses += [analyse(rows, quiz="nope"), analyse(rows, thresholds=broken)]
    for analysis in analyses:
        assert_problem(analysis)
    produced = {p.code for a in analyses for p in a.problems if p.area == "report.problem"}
    prefix = "report.problem."
    assert produced == {k[len(prefix):] for k in catalog("en") if k.startswith(prefix)}


def test_huge_emoji_and_control_character_ids_are_analysed_as_data():
    ids = ["😀" * 50, "q\u200b", "x" * 10_000]
    rows = [ResultRow("a", "z", q, "o", "single_choice", '"\\u0007"', 1.0, 1.0, 1,
                      "2026-01-06T10:00:00Z", "self_check") for q in ids]
    quiz = analyse(rows).quizzes[0]
    assert {q.question for q in quiz.questions} == set(ids)
    assert quiz.question(ids[0]).options[0].option == "\x07"


def test_the_synthetic_class_is_reproducible_and_its_planted_questions_are_flagged():
    spec = ClassSpec(learners=400, questions=12)
    one = analyse(synthetic_frame(np.random.default_rng(11), spec)).quizzes[0]
    again = analyse(synthetic_rows(np.random.default_rng(11), spec)).quizzes[0]
    assert one == again
    assert "low_discrimination" in one.question(MISKEYED).flags
    assert "too_easy" in one.question(TRIVIAL).flags
    assert "too_hard" in one.question(IMPOSSIBLE).flags
    ordinary = [q for q in one.questions if q.question not in (MISKEYED, TRIVIAL, IMPOSSIBLE)]
    assert all(q.discrimination_index > 0 for q in ordinary)
    assert one.later_attempts > 0  # retries were generated and left out


def test_different_seeds_give_different_classes():
    spec = ClassSpec(learners=50, questions=6)
    first = synthetic_frame(np.random.default_rng(1), spec)
    second = synthetic_frame(np.random.default_rng(2), spec)
    assert not first.equals(second)
