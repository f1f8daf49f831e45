"""Charts of an item analysis: drawing only, every number comes computed.

Each function takes results from ``course.quiz.analytics`` and returns a
matplotlib ``Figure`` built without pyplot (no global state, nothing shown
by itself); a notebook displays it, the report command saves it as SVG.
Text comes from ``data/i18n/<lang>/report.yaml``. Questions and options are
told apart by marker shape and hatching as well as colour.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import matplotlib
from matplotlib.figure import Figure

from course.i18n import resolve_language, t
from course.plots.style import plot_style, quiet_glyphs, svg_image_tag

if TYPE_CHECKING:
    from course.quiz.analytics import QuestionStats, QuizStatistics, Thresholds

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
BLUE, ORANGE, GREY, GREEN = "#0072B2", "#D55E00", "#999999", "#009E73"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
LABEL_LIMIT = 24


def label(text: object, limit: int = LABEL_LIMIT) -> str:
    """A data-given id made safe to draw: no control characters, no mathtext, short."""
    clean = _CONTROL.sub("?", str(text))
    if len(clean) > limit:
        clean = clean[: limit - 1] + "…"
    return clean.replace("$", r"\$")


def facility_discrimination_scatter(
    questions: Sequence[QuestionStats], lang: str | None = None,
    thresholds: Thresholds | None = None,
) -> Figure:
    """One point per question: facility across, discrimination index up.

    Flagged questions are orange crosses with their id; the others blue dots.
    Questions whose discrimination is undefined (no spread) are left out.
    With ``thresholds``, dashed lines show where the flags start.
    """
    lang = resolve_language(lang)
    with plot_style():
        figure = Figure(figsize=(6.4, 4.2), layout="constrained")
        axes = figure.subplots()
        shown = [q for q in questions
                 if q.facility is not None and q.discrimination_index is not None]
        for flagged, marker, colour in ((False, "o", BLUE), (True, "X", ORANGE)):
            group = [q for q in shown if bool(q.flags) == flagged]
            if group:
                axes.scatter([q.facility for q in group],
                             [q.discrimination_index for q in group],
                             marker=marker, s=46 if flagged else 30, color=colour,
                             edgecolors="black" if flagged else "none", linewidths=0.5,
                             zorder=3, gid="flagged" if flagged else "ok")
        for q in shown:
            if q.flags:
                axes.annotate(label(q.question), (q.facility, q.discrimination_index),
                              xytext=(4, 4), textcoords="offset points", fontsize=8)
        if thresholds is not None:
            line = {"color": GREY, "linestyle": "--", "linewidth": 0.9, "zorder": 1}
            axes.axvline(thresholds.facility_too_hard_up_to, **line)
            axes.axvline(thresholds.facility_too_easy_from, **line)
            axes.axhline(thresholds.discrimination_index_min, **line)
        axes.set_xlim(0, 100)
        axes.set_ylim(-100, 100)
        axes.grid(alpha=0.3, zorder=0)
        axes.set_title(t("report.chart.scatter_title", lang))
        axes.set_xlabel(t("report.chart.scatter_x", lang))
        axes.set_ylabel(t("report.chart.scatter_y", lang))
    return figure


def score_histogram(statistics: QuizStatistics, lang: str | None = None) -> Figure:
    """Learners per band of total score, with the mean and median marked."""
    lang = resolve_language(lang)
    distribution = statistics.distribution
    edges = list(distribution.edges)
    with plot_style():
        figure = Figure(figsize=(6.4, 3.4), layout="constrained")
        axes = figure.subplots()
        widths = [b - a for a, b in itertools.pairwise(edges)]
        axes.bar(edges[:-1], distribution.counts, width=widths, align="edge", color=BLUE,
                 edgecolor="white", linewidth=1.0, zorder=2)
        for value, style, key in ((statistics.mean, "-", "report.stat.mean"),
                                  (statistics.median, ":", "report.stat.median")):
            if value is not None:
                axes.axvline(value, color=ORANGE, linestyle=style, linewidth=1.6, zorder=3,
                             label=f"{t(key, lang)} {value:.1f}%")
        if statistics.mean is not None:
            axes.legend(loc="upper left", frameon=False)
        axes.set_xlim(min(0.0, edges[0]), max(100.0, edges[-1]))
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.grid(axis="y", alpha=0.3, zorder=0)
        axes.set_title(t("report.chart.histogram_title", lang))
        axes.set_xlabel(t("report.chart.histogram_x", lang))
        axes.set_ylabel(t("report.chart.histogram_y", lang))
    return figure


def option_bars(question: QuestionStats, lang: str | None = None) -> Figure:
    """How many learners chose each option of one question (first attempts).

    Options whose choosers all scored full marks (the key) are green and
    hatched; a last grey bar counts learners who gave no answer.
    """
    lang = resolve_language(lang)
    options = list(question.options)
    names = [label(o.option) for o in options] + [t("report.summary.no_answer", lang)]
    counts = [o.count for o in options] + [question.no_answer]
    keys = [o.mean_score is not None and o.mean_score >= 100.0 for o in options] + [False]
    colours = [GREEN if k else BLUE for k in keys[:-1]] + [GREY]
    with plot_style():
        figure = Figure(figsize=(6.4, 0.9 + 0.32 * len(names)), layout="constrained")
        axes = figure.subplots()
        positions = list(range(len(names)))[::-1]  # first option on top
        bars = axes.barh(positions, counts, color=colours, zorder=2, height=0.7)
        for bar, key in zip(bars, keys, strict=True):
            if key:
                bar.set_hatch("//")
                bar.set_edgecolor("black")
        for position, count in zip(positions, counts, strict=True):
            share = 100.0 * count / question.learners if question.learners else 0.0
            axes.annotate(f"{count} ({share:.0f}%)", (count, position), xytext=(3, 0),
                          textcoords="offset points", va="center", fontsize=8)
        axes.set_yticks(positions, names)
        axes.set_xlim(0, max([*counts, 1]) * 1.25)
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.grid(axis="x", alpha=0.3, zorder=0)
        if any(keys):
            from matplotlib.patches import Patch

            axes.legend(handles=[Patch(facecolor=GREEN, hatch="//", edgecolor="black",
                                       label=t("report.chart.key_legend", lang))],
                        loc="lower right", frameon=False, fontsize=8)
        axes.set_title(t("report.chart.options_title", lang, question=label(question.question)))
        axes.set_xlabel(t("report.chart.options_x", lang))
    return figure


def to_svg(figure: Figure, salt: str = "") -> str:
    """The figure as an inline ``<svg>`` element: text stays text (the browser
    picks a Japanese font), no metadata, no XML prolog, ids unique per ``salt``."""
    buffer = io.StringIO()
    with quiet_glyphs(), matplotlib.rc_context({"svg.fonttype": "none",
                                                 "svg.hashsalt": salt or None}):
        figure.savefig(buffer, format="svg", metadata={
            "Date": None, "Creator": None, "Type": None, "Format": None})
    text = buffer.getvalue()
    return text[text.index("<svg"):].strip()


def svg_img(figure: Figure, alt: str, salt: str = "") -> str:
    """The figure as an ``<img>`` with alt text, for a notebook's HTML output:
    a bare SVG output has no text alternative for a screen reader."""
    return svg_image_tag(to_svg(figure, salt), alt)
