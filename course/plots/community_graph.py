"""Who can find a person's accounts, drawn as a graph of the community.

Drawing only: the findings come computed from
``course.sim.discoverability.finding.who_can_find``. People sit on a fixed circle in
the order of the community file, so a node never moves when a setting
changes; the chosen person's accounts sit inside the circle, and an arrow
runs from each person who can find an account to that account. The route is
told by line style and by the legend's words (colour only repeats it), and
people are told apart by marker shape: a star for the chosen person, filled
circles for those who can find them, open circles for those who cannot,
squares for people not on X.
"""

from __future__ import annotations

import math

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from course.i18n import resolve_language, t
from course.plots.number_timeline import (
    BLACK,
    BLUE,
    GREY,
    ORANGE,
    VERMILION,
    safe_label,
)
from course.plots.style import plot_style
from course.sim.discoverability.community import Community
from course.sim.discoverability.finding import Discoverability, Route

GREEN, PURPLE = "#009E73", "#CC79A7"
ROUTE_STYLE: dict[Route, dict[str, object]] = {
    Route.SEARCH_BY_PHONE: {"linestyle": "-", "color": BLUE, "rad": 0.0},
    Route.SEARCH_BY_EMAIL: {"linestyle": "--", "color": VERMILION, "rad": 0.12},
    Route.SUGGESTED_FROM_THEIR_CONTACTS: {"linestyle": ":", "color": GREEN, "rad": 0.24},
    Route.SUGGESTED_FROM_YOUR_CONTACTS: {"linestyle": "-.", "color": PURPLE, "rad": -0.24},
}
NODE_STYLE: dict[str, dict[str, object]] = {  # marker, face and size per kind of person
    "you": {"marker": "*", "markerfacecolor": ORANGE, "markersize": 20},
    "finder": {"marker": "o", "markerfacecolor": BLACK, "markersize": 11},
    "other": {"marker": "o", "markerfacecolor": "white", "markersize": 11},
    "offline": {"marker": "s", "markerfacecolor": "white", "markersize": 10},
    "account": {"marker": "D", "markerfacecolor": GREY, "markersize": 10},
}


def circle_positions(community: Community, radius: float = 1.0
                     ) -> dict[str, tuple[float, float]]:
    """Each person's place on the circle, clockwise from the top, in file order."""
    ids = list(community.people)
    count = max(1, len(ids))
    return {pid: (radius * math.sin(2 * math.pi * i / count),
                  radius * math.cos(2 * math.pi * i / count)) for i, pid in enumerate(ids)}


def account_positions(handles: list[str]) -> dict[str, tuple[float, float]]:
    """The chosen person's accounts, stacked in the middle of the circle."""
    step = 0.36
    top = step * (len(handles) - 1) / 2
    return {handle: (0.0, top - i * step) for i, handle in enumerate(handles)}


def _pulled_back(start: tuple[float, float], end: tuple[float, float], gap: float = 0.07
                 ) -> tuple[tuple[float, float], tuple[float, float]]:
    """Both ends moved ``gap`` toward each other, so arrows stop short of the markers."""
    (x0, y0), (x1, y1) = start, end
    length = math.hypot(x1 - x0, y1 - y0)
    if length <= 2 * gap:
        return start, end
    dx, dy = (x1 - x0) / length * gap, (y1 - y0) / length * gap
    return (x0 + dx, y0 + dy), (x1 - dx, y1 - dy)


def _kind(pid: str, you: str | None, finders: set[str], community: Community) -> str:
    if pid == you:
        return "you"
    if pid in finders:
        return "finder"
    person = community.people[pid]
    return "other" if person.accounts else "offline"


def draw_community_graph(community: Community, found: Discoverability,
                         lang: str | None = None, *, highlight: str | None = None,
                         title: str = "") -> Figure:
    """The community with arrows for every (finder, account, route) in ``found``.

    ``highlight`` is the account whose switches the learner is changing (drawn
    with a thicker outline); ``title`` goes above the graph.
    """
    lang = resolve_language(lang)
    places = circle_positions(community)
    you = community.get(found.person)
    handles = [a.handle for a in you.accounts] if you else []
    accounts = account_positions(handles)
    finders = set(found.finders())
    with plot_style():
        figure = Figure(figsize=(7.2, 6.0))
        figure.subplots_adjust(left=0.02, right=0.98, top=0.95, bottom=0.02)
        axes = figure.add_subplot()
        axes.set_axis_off()
        axes.set_aspect("equal")
        axes.set_xlim(-1.6, 1.6)
        axes.set_ylim(-1.15, 1.15)

        if you is not None:
            for x, y in accounts.values():  # "owns" lines, thin and grey
                px, py = places[you.id]
                axes.plot([px, x], [py, y], color=GREY, linewidth=0.8, zorder=1)
        for finding in found.findings:
            style = ROUTE_STYLE[finding.route]
            start, end = places.get(finding.finder), accounts.get(finding.account)
            if start is None or end is None:
                continue
            # Ends pulled back from the markers here, not by matplotlib's shrink
            # (which splits Bézier curves on every draw); added as an artist, not
            # a patch, because the limits are fixed anyway.
            axes.add_artist(FancyArrowPatch(
                *_pulled_back(start, end), arrowstyle="-|>", mutation_scale=12,
                shrinkA=0, shrinkB=0, connectionstyle=f"arc3,rad={style['rad']}",
                linestyle=style["linestyle"], color=style["color"], linewidth=1.6, zorder=2))

        groups: dict[str, list[tuple[float, float]]] = {}
        for pid, point in places.items():
            groups.setdefault(_kind(pid, found.person, finders, community), []).append(point)
        if accounts:
            groups["account"] = list(accounts.values())
        for kind, points in groups.items():
            axes.plot([p[0] for p in points], [p[1] for p in points], linestyle="none",
                      markeredgecolor=BLACK, markeredgewidth=1.2, zorder=3,
                      **NODE_STYLE[kind])  # type: ignore[arg-type]
        for pid, (x, y) in places.items():
            name = safe_label(community.people[pid].display_name(lang), 18)
            # Outside the circle: to the right of nodes on the right, left on the left.
            side = "left" if x > 0.2 else "right" if x < -0.2 else "center"
            axes.text(x * 1.09, y * 1.09, name, ha=side, va="center", fontsize=9,
                      fontweight="bold" if pid == found.person else "normal")
        anonymous = {a.handle for a in you.accounts if a.anonymous} if you else set()
        for handle, (x, y) in accounts.items():
            label = f"@{handle}"
            if handle in anonymous:
                label += " " + t("ui_discoverability.graph.anonymous", lang)
            axes.text(x + 0.07, y, safe_label(label, 30), va="center", fontsize=9,
                      fontweight="bold" if handle == highlight else "normal",
                      bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                            "edgecolor": BLACK if handle == highlight else GREY,
                            "linewidth": 1.5 if handle == highlight else 0.6})

        if title:
            figure.text(0.02, 0.985, safe_label(title, 90), va="top", ha="left", fontsize=10)
    return figure


def draw_graph_legend(lang: str | None = None) -> Figure:
    """The key to the graph's arrows and markers, in words.

    A figure of its own because it never changes within a language: drawn once
    and cached by the widget, it no longer costs every redraw of the graph
    (laying out the legend was nearly half of each redraw).
    """
    lang = resolve_language(lang)
    with plot_style():
        figure = Figure(figsize=(7.2, 1.1))
        handles: list[Line2D] = [
            Line2D([], [], color=style["color"], linestyle=style["linestyle"], linewidth=1.6,
                   label=t(f"discoverability.route.{route.value}.label", lang))
            for route, style in ROUTE_STYLE.items()]  # type: ignore[arg-type]
        handles += [
            Line2D([], [], linestyle="none", markeredgecolor=BLACK, markeredgewidth=1.2,
                   label=t(f"ui_discoverability.graph.node.{kind}", lang),
                   **{**NODE_STYLE[kind], "markersize": 9})  # type: ignore[arg-type]
            for kind in NODE_STYLE]
        figure.legend(handles=handles, loc="center", ncols=2, frameon=False, fontsize=8)
    return figure
