"""The 30-second timeline of an authenticator app: which codes the site accepts now.

Drawing only: the window comes from ``course.sim.twofactor.twofactor_setup``. The
figure carries no words, only seconds, step numbers and symbols, so it reads
the same in Japanese and English on machines without a Japanese font; the
widget puts the words (legend, alt text) next to it. Every status has its own
symbol and hatch, so nothing rests on colour alone.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

if TYPE_CHECKING:
    from course.sim.twofactor.twofactor_setup import TotpWindow

# status -> (symbol, face colour, hatch); the symbol is what carries the meaning.
STYLE = {
    "accepted": ("\u2714", "#dafbe1", ""),
    "used": ("\u00d7", "#eaeef2", "xx"),
    "expired": ("\u2013", "#ffffff", ".."),
    "future": ("\u2026", "#ffffff", ""),
}


def draw_totp_window(window: TotpWindow) -> Figure:
    """One box per time step around now, the present moment marked, and how many
    seconds remain until the code changes written at that boundary."""
    figure = Figure(figsize=(7.0, 1.6), dpi=100)
    figure.subplots_adjust(left=0.01, right=0.99, bottom=0.2, top=0.85)
    axes = figure.add_subplot()
    axes.set_axis_off()  # no ticks: cheaper to draw, and the words live beside the figure
    period = window.period
    for slot in window.slots:
        symbol, face, hatch = STYLE[slot.status]
        axes.add_patch(Rectangle((slot.starts_in, 0), period, 1, facecolor=face,
                                 edgecolor="#24292f", hatch=hatch, linewidth=1.2))
        middle = slot.starts_in + period / 2
        axes.text(middle, 0.6, symbol, ha="center", va="center", fontsize=16,
                  fontweight="bold", color="#24292f",
                  bbox={"facecolor": "white", "edgecolor": "none", "pad": 2})
        axes.text(middle, 0.22, f"{slot.offset:+d}" if slot.offset else "0", ha="center",
                  va="center", fontsize=10, color="#24292f",
                  bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    axes.axvline(0, ymin=0, ymax=1 / 1.2, color="#24292f", linewidth=2.5)
    axes.text(0, 1.0, "\u25bc", ha="center", va="bottom", fontsize=12, color="#24292f")
    axes.text(window.seconds_left, -0.04, f"+{window.seconds_left} s", ha="center", va="top",
              fontsize=10, color="#24292f")
    first, last = window.slots[0], window.slots[-1]
    axes.set_xlim(first.starts_in, last.starts_in + period)
    axes.set_ylim(-0.25, 1.2)
    return figure


def figure_png(figure: Figure) -> bytes:
    """PNG bytes of a figure (Agg, no pyplot state, nothing left open)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
