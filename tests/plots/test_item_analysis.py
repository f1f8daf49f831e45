"""Charts draw exactly the numbers the analysis computed, in the chosen language."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from course.plots.item_analysis import (
    facility_discrimination_scatter,
    label,
    option_bars,
    score_histogram,
    svg_img,
    to_svg,
)
from course.quiz.analytics import Analysis, QuizAnalysis, analyse
from course.quiz.results_io import ResultRow, merge_results
from tests.fixtures.results.synthetic import ClassSpec, synthetic_frame
from tests.helpers import examples

HAND = Path(__file__).resolve().parents[1] / "fixtures" / "results" / "hand"


@pytest.fixture(scope="module")
def hand() -> Analysis:
    return analyse(merge_results([HAND]))


@pytest.fixture(scope="module")
def quiz(hand: Analysis) -> QuizAnalysis:
    return hand.quiz("hand_quiz")


def texts(figure: Figure) -> list[str]:
    return [t.get_text() for t in figure.findobj(matplotlib.text.Text)]


def test_scatter_puts_each_question_at_its_facility_and_discrimination(hand, quiz):
    figure = facility_discrimination_scatter(quiz.questions, "en", hand.thresholds)
    assert isinstance(figure, Figure)
    axes = figure.axes[0]
    points = {c.get_gid(): c.get_offsets().tolist() for c in axes.collections}
    # q1 (60, 64.5) and q3 (40, 32.7) are fine; q2 (60, 0) is flagged (low efficiency).
    np.testing.assert_allclose(sorted(points["ok"]), [
        [40.0, quiz.question("q3").discrimination_index],
        [60.0, quiz.question("q1").discrimination_index]])
    np.testing.assert_allclose(points["flagged"], [[60.0, 0.0]], atol=1e-12)
    assert "q2" in texts(figure) and "q1" not in texts(figure)  # only flagged ones labelled
    lines = [line.get_xdata()[0] for line in axes.get_lines()][:2]
    assert lines == [10, 90]  # too hard / too easy thresholds from the policy file
    assert axes.get_xlabel() == "Facility (%)"


def test_scatter_leaves_out_questions_without_a_discrimination_index():
    rows = [ResultRow(f"l{i}", "z", q, "o", "single_choice", '"a"', float(m), 1.0, 1,
                      "2026-01-06T10:00:00Z", "self_check")
            for i, marks in enumerate([(1, 1, 0), (1, 0, 1), (1, 1, 1)])
            for q, m in zip(("all-right", "b", "c"), marks, strict=True)]
    questions = analyse(rows).quizzes[0].questions
    figure = facility_discrimination_scatter(questions, "ja")
    drawn = sum(len(c.get_offsets()) for c in figure.axes[0].collections)
    assert drawn == 2
    assert figure.axes[0].get_xlabel() == "正答率(%)"


def test_histogram_bars_are_the_distribution(quiz):
    figure = score_histogram(quiz.statistics, "ja")
    bars = figure.axes[0].patches
    distribution = quiz.statistics.distribution
    assert [b.get_height() for b in bars] == list(distribution.counts)
    assert [b.get_x() for b in bars] == pytest.approx(list(distribution.edges[:-1]))
    legend = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert legend == ["平均 53.3%", "中央値 66.7%"]


def test_option_bars_show_counts_the_key_and_no_answer(quiz):
    q2 = quiz.question("q2")
    figure = option_bars(q2, "en")
    axes = figure.axes[0]
    bars = axes.patches
    assert [b.get_width() for b in bars] == [1, 3, 1]  # a, b (key), no answer
    assert [b.get_hatch() for b in bars] == [None, "//", None]
    ticks = {t.get_position()[1]: t.get_text() for t in axes.get_yticklabels()}
    assert ticks == {2: "a", 1: "b", 0: "no answer"}  # first option on top
    assert "3 (60%)" in texts(figure)
    assert axes.get_title() == "Question q2: answers chosen"


def test_labels_from_data_cannot_break_the_drawing():
    assert label("$x^2$") == r"\$x^2\$"
    assert label("a\x1b[31mb") == "a?[31mb"
    assert len(label("q" * 100)) == 24
    rows = [ResultRow(f"l{i}", "z", "$\\frac{", "o", "single_choice",
                      '"$\\\\sqrt{"' if i else '"<b>"', float(i % 2), 1.0, 1,
                      "2026-01-06T10:00:00Z", "self_check") for i in range(4)]
    question = analyse(rows).quizzes[0].questions[0]
    svg = to_svg(option_bars(question, "en"), "t")
    assert "&lt;b&gt;" in svg and "<b>" not in svg


def test_svg_is_inline_text_without_prolog_or_scripts(quiz):
    svg = to_svg(score_histogram(quiz.statistics, "ja"), "salt")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<?xml" not in svg and "DOCTYPE" not in svg and "<script" not in svg
    assert "合計点の分布" in svg  # text stays text: the browser chooses a Japanese font
    assert "metadata" not in svg


@settings(max_examples=examples(6), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 60), st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_any_class_can_be_drawn(learners, questions, seed):
    spec = ClassSpec(learners=learners, questions=questions, missing_share=0.2)
    analysis = analyse(synthetic_frame(np.random.default_rng(seed), spec))
    quiz = analysis.quizzes[0]
    for figure in (facility_discrimination_scatter(quiz.questions, "ja", analysis.thresholds),
                   score_histogram(quiz.statistics, "en"),
                   *(option_bars(q, "ja") for q in quiz.questions)):
        assert to_svg(figure).startswith("<svg")


def test_a_chart_for_a_notebook_is_an_image_with_escaped_alt_text(quiz):
    import base64
    import re

    html_img = svg_img(score_histogram(quiz.statistics, "en"), 'Scores <"all">', "h")
    alt = re.search(r'alt="([^"]*)"', html_img).group(1)
    assert alt == "Scores &lt;&quot;all&quot;&gt;"
    data = re.search(r"base64,([^\"]+)", html_img).group(1)
    assert base64.b64decode(data).decode("utf-8").startswith("<svg")
