"""A phone number's history as a timeline: who held it, when it was on hold.

Drawing only: the rows, spans and marks come computed from
``course.sim.accounts.number_history.build_timeline``. Each account is a row with a
bar for the time it held the number; the cooldown and the temporary block
have rows of their own. Events are told apart by marker shape and by the
legend's words, bars by hatching, so nothing rests on colour alone. Figures
are built without pyplot (no global state, nothing shown by itself).
"""

from __future__ import annotations

import io
import math

import matplotlib
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from course.i18n import resolve_language, t
from course.plots.style import plot_style
from course.sim.accounts.number_history import DAY, RowKind, SpanKind, Timeline
from course.sim.accounts.registry import NumberEventKind

# Okabe–Ito colours (distinguishable with common colour-vision deficiencies);
# shapes, hatching and words carry the meaning, colour only repeats it.
BLUE, ORANGE, VERMILION, GREY, BLACK = "#0072B2", "#E69F00", "#D55E00", "#999999", "#000000"

MARKERS: dict[NumberEventKind, tuple[str, bool]] = {  # (marker, filled)
    NumberEventKind.LINKED: ("o", True),
    NumberEventKind.REMOVED: ("s", False),
    NumberEventKind.REFUSED: ("X", True),
    NumberEventKind.COOLDOWN_ENDS: ("|", True),
    NumberEventKind.BLOCKED: ("v", True),
    NumberEventKind.BLOCK_ENDS: ("|", True),
    NumberEventKind.HOLDER_SUSPENDED: ("D", True),
    NumberEventKind.HOLDER_REINSTATED: ("D", False),
}
SPAN_STYLE: dict[SpanKind, dict[str, object]] = {
    SpanKind.HELD: {"facecolor": BLUE, "hatch": "", "alpha": 0.55},
    SpanKind.COOLDOWN: {"facecolor": ORANGE, "hatch": "//", "alpha": 0.45},
    SpanKind.BLOCK: {"facecolor": VERMILION, "hatch": "xx", "alpha": 0.45},
}


def figure_svg(figure: Figure) -> bytes:
    """The figure as SVG bytes, for an ``<img>`` with alt text in a widget.

    Text stays text (``svg.fonttype: none``) and the browser draws it with the
    learner's fonts; that skips rasterising every glyph, which made a PNG of the
    same figure about 40 % slower. Ids and metadata are fixed, so the same
    figure always gives the same bytes.
    """
    buffer = io.BytesIO()
    with plot_style(), matplotlib.rc_context({"svg.fonttype": "none",
                                              "svg.hashsalt": "course"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def safe_label(text: object, limit: int = 28) -> str:
    """Text from data made safe to draw: no mathtext, no control characters, short."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in str(text))
    if len(clean) > limit:
        clean = clean[: limit - 1] + "…"
    return clean.replace("$", r"\$")


def _row_label(kind: RowKind, account: str | None, lang: str) -> str:
    if kind is RowKind.ACCOUNT:
        return safe_label(f"@{account}")
    return t(f"ui_accounts.timeline.row.{kind.value}", lang)


def draw_number_timeline(timeline: Timeline, origin: float, lang: str | None = None, *,
                         number_label: str = "") -> Figure:
    """Bars for who held the number and when it was on hold, marks for events,
    a line for "now". ``origin`` is the start of day 1 on the x axis (the lab's start);
    ``number_label`` is the masked number for the title."""
    lang = resolve_language(lang)
    rows = max(1, len(timeline.rows))
    with plot_style():
        # Fixed margins instead of a layout engine: one draw per image, not three.
        height = 2.1 + 0.3 * rows
        figure = Figure(figsize=(8.0, height))
        figure.subplots_adjust(left=0.15, right=0.97, top=1 - 0.45 / height,
                               bottom=1.25 / height)
        axes = figure.add_subplot()

        def x(at: float) -> float:  # day 1 starts at the lab's start, as in the text list
            return 1 + (at - origin) / DAY

        # One artist per kind of span and per kind of mark: drawing cost stays
        # flat however long the history grows.
        for kind, style in SPAN_STYLE.items():
            spans = [s for s in timeline.spans if s.kind is kind]
            if spans:
                axes.barh([s.row for s in spans],
                          [max(x(s.end) - x(s.start), 0.004) for s in spans],
                          left=[x(s.start) for s in spans], height=0.5, edgecolor=BLACK,
                          linewidth=0.6, **style)  # type: ignore[arg-type]
        groups: dict[tuple[NumberEventKind, bool], list[tuple[float, int]]] = {}
        for mark in timeline.marks:
            groups.setdefault((mark.event.kind, mark.scheduled), []).append(
                (x(mark.event.at), mark.row))
        for (kind, scheduled), points in groups.items():
            marker, filled = MARKERS[kind]
            axes.plot([p[0] for p in points], [p[1] for p in points], linestyle="none",
                      marker=marker, markersize=8, markeredgecolor=BLACK, markeredgewidth=1.2,
                      markerfacecolor=BLACK if filled else "white",
                      alpha=0.5 if scheduled else 1.0)
        now = x(timeline.now)
        axes.axvline(now, color=BLACK, linestyle="--", linewidth=1)
        axes.text(now, 1.01, t("ui_accounts.timeline.now", lang),
                  transform=axes.get_xaxis_transform(), va="bottom", fontsize=8)

        left, right = x(timeline.start), x(timeline.end)
        pad = max(0.05 * (right - left), 0.25)
        axes.set_xlim(left - pad, right + pad)
        axes.set_ylim(rows - 0.5, -0.5)
        # Row names as plain texts, not tick labels: a tick is five artists.
        axes.set_yticks([])
        for index, row in enumerate(timeline.rows):
            axes.text(-0.01, index, _row_label(row.kind, row.account, lang), ha="right",
                      va="center", transform=axes.get_yaxis_transform(), gid="row-label")
        # Ticks on whole days counted from day 1, as the text list counts them.
        step = max(1, math.ceil((right + pad - 1) / 6))
        axes.set_xticks(range(1, math.floor(right + pad) + 1, step))
        axes.set_xlabel(t("ui_accounts.timeline.x_label", lang))
        # A figure text rather than an axes title: no overlap search on every draw.
        figure.text(0.01, 1 - 0.1 / height,
                    t("ui_accounts.timeline.title", lang, number=safe_label(number_label)),
                    va="top", ha="left", fontsize=11)
        axes.grid(axis="x", linestyle=":", linewidth=0.6, color=GREY)

        handles: list[Line2D | Patch] = [
            Patch(edgecolor=BLACK, label=t(f"ui_accounts.timeline.span.{kind.value}", lang),
                  **style)  # type: ignore[arg-type]
            for kind, style in SPAN_STYLE.items()
            if any(s.kind is kind for s in timeline.spans)]
        for kind in dict.fromkeys(m.event.kind for m in timeline.marks):
            marker, filled = MARKERS[kind]
            handles.append(Line2D([], [], linestyle="none", marker=marker, markersize=7,
                                  markeredgecolor=BLACK, markerfacecolor=BLACK if filled
                                  else "white",
                                  label=t(f"ui_accounts.timeline.kind.{kind.value}", lang)))
        handles.append(Line2D([], [], color=BLACK, linestyle="--",
                              label=t("ui_accounts.timeline.now", lang)))
        figure.legend(handles=handles, loc="lower center", ncols=3, frameon=False,
                      fontsize=8, bbox_to_anchor=(0.5, 0.0))
    return figure
