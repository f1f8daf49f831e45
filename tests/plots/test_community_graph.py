"""The community graph: fixed places, one arrow per finding, routes told by line style."""

from __future__ import annotations

from dataclasses import replace

import pytest
from matplotlib.patches import FancyArrowPatch

from course.i18n import t
from course.plots.community_graph import (
    NODE_STYLE,
    ROUTE_STYLE,
    account_positions,
    circle_positions,
    draw_community_graph,
    draw_graph_legend,
)
from course.plots.number_timeline import figure_svg
from course.sim.discoverability.community import Community, load_community
from course.sim.discoverability.finding import Route, what_if, who_can_find


def arrows(figure):
    return [p for p in figure.axes[0].patches if isinstance(p, FancyArrowPatch)]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_one_arrow_per_finding_styled_by_its_route_and_a_key_in_words(lang):
    community = load_community()
    found = who_can_find("mika", community)
    figure = draw_community_graph(community, found, lang, highlight="yoru_no_memo",
                                  title="T")
    drawn = arrows(figure)
    assert len(drawn) == len(found.findings)
    styles = sorted(a.get_linestyle() for a in drawn)
    expected = sorted(ROUTE_STYLE[f.route]["linestyle"] for f in found.findings)
    assert styles == expected
    assert figure.legends == []  # the key is a figure of its own, drawn once
    legend = [text.get_text() for text in draw_graph_legend(lang).legends[0].get_texts()]
    for route in Route:
        assert t(f"discoverability.route.{route.value}.label", lang) in legend
    for kind in NODE_STYLE:
        assert t(f"ui_discoverability.graph.node.{kind}", lang) in legend
    names = {text.get_text() for text in figure.axes[0].texts}
    assert community.people["kenji"].display_name(lang) in names
    assert "@yoru_no_memo " + t("ui_discoverability.graph.anonymous", lang) in names


def test_routes_differ_by_line_style_not_only_by_colour():
    assert len({style["linestyle"] for style in ROUTE_STYLE.values()}) == len(Route)
    assert len({(s["marker"], s["markerfacecolor"]) for s in NODE_STYLE.values()}) == \
        len(NODE_STYLE)


def test_people_keep_their_places_whatever_the_settings():
    community = load_community()
    before = circle_positions(community)
    change = what_if("mika", "find_by_phone", False, community)
    changed = Community(change.changed if p.id == "mika" else p
                        for p in community.people.values())
    assert circle_positions(changed) == before
    assert list(before) == list(community.people)
    assert before[next(iter(community.people))] == pytest.approx((0.0, 1.0))
    assert all(abs(x * x + y * y - 1) < 1e-9 for x, y in before.values())
    assert len(arrows(draw_community_graph(changed, change.after, "en"))) == \
        len(change.after.findings) < len(change.before.findings)


def test_accounts_stack_in_the_middle():
    places = account_positions(["a", "b", "c"])
    assert [x for x, _ in places.values()] == [0.0, 0.0, 0.0]
    assert places["a"][1] > places["b"][1] > places["c"][1]
    assert places["b"][1] == pytest.approx(0.0)


def test_nobody_found_an_unknown_person_and_odd_names_still_draw():
    community = load_community()
    assert arrows(draw_community_graph(community, who_can_find("daichi", community))) == []
    assert arrows(draw_community_graph(community, who_can_find("nobody", community))) == []
    odd = Community(replace(p, name={"ja": "$x$\x00" * 10, "en": "<b>"})
                    for p in community.people.values())
    figure = draw_community_graph(odd, who_can_find("mika", odd), "ja", title="$" * 300)
    assert figure_svg(figure).startswith(b"<?xml")
