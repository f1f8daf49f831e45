"""The number-timeline plot: rows, bars, marks, legend words, in both languages."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from course.i18n import t
from course.plots.number_timeline import MARKERS, draw_number_timeline, figure_svg, safe_label
from course.sim.accounts.number_history import build_timeline
from course.sim.accounts.registry import AccountRules, NumberEventKind, Registry
from course.sim.core.clock import SimulatedClock, days
from tests.helpers import examples

NUMBER = "+819001230001"  # 090-0123-0001, fictional block


def scenario():
    """hanako holds the number, removes it, sub_01 is refused during the cooldown."""
    clock = SimulatedClock()
    registry = Registry(clock, AccountRules.from_policies(attempts_max=1000))
    origin = clock.now()
    registry.create_account("hanako", number=NUMBER)
    clock.advance(days(2))
    registry.remove_number("hanako")
    registry.create_account("sub_01", number=NUMBER)
    clock.advance(days(1))
    return build_timeline(registry.history(NUMBER), clock.now()), origin


def row_labels(figure) -> list[str]:
    return [text.get_text() for text in figure.axes[0].texts if text.get_gid() == "row-label"]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_rows_are_accounts_then_the_cooldown_and_the_legend_names_every_symbol(lang):
    timeline, origin = scenario()
    figure = draw_number_timeline(timeline, origin, lang, number_label="090-****-0001")
    assert isinstance(figure, Figure)
    axes = figure.axes[0]
    labels = row_labels(figure)
    assert labels == ["@hanako", "@sub_01", t("ui_accounts.timeline.row.cooldown", lang)]
    legend = [text.get_text() for text in figure.legends[0].get_texts()]
    for key in ("span.held", "span.cooldown", "kind.linked", "kind.removed", "kind.refused",
                "kind.cooldown_ends", "now"):
        assert t(f"ui_accounts.timeline.{key}", lang) in legend
    titles = [text.get_text() for text in figure.texts]
    assert t("ui_accounts.timeline.title", lang, number="090-****-0001") in titles
    # Bars: one held (hanako, 2 days long, starting on day 1) and one cooldown.
    bars = sorted((round(p.get_x(), 3), round(p.get_width(), 3)) for p in axes.patches)
    assert (1.0, 2.0) in bars
    assert (3.0, 30.0) in bars
    # The "now" line sits on day 4 (three days after the start of day 1).
    assert [line.get_xdata()[0] for line in axes.lines if line.get_linestyle() == "--"] == [4.0]


def test_events_differ_by_marker_shape_or_fill_not_only_by_colour():
    styles = {kind: MARKERS[kind] for kind in (NumberEventKind.LINKED, NumberEventKind.REMOVED,
                                               NumberEventKind.REFUSED,
                                               NumberEventKind.BLOCKED)}
    assert len(set(styles.values())) == len(styles)


def test_an_empty_timeline_and_odd_labels_draw_without_error():
    timeline = build_timeline([], 0.0)
    figure = draw_number_timeline(timeline, 0.0, "en", number_label="$\\x\x00" + "9" * 200)
    assert figure_svg(figure).startswith(b"<?xml")
    assert safe_label("$a$") == "\\$a\\$" and safe_label("a\x00b") == "a?b"
    assert len(safe_label("x" * 100)) == 28


@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["create", "remove", "wait", "suspend"]),
                          st.sampled_from(["a1", "a2", "a3"])), max_size=15))
def test_any_history_draws(ops):
    clock = SimulatedClock()
    registry = Registry(clock, AccountRules.from_policies(max_accounts_per_number=2,
                                                          attempts_max=3))
    for op, handle in ops:
        if op == "create":
            registry.create_account(handle, number=NUMBER)
        elif op == "remove":
            registry.remove_number(handle)
        elif op == "suspend":
            registry.suspend(handle)
        else:
            clock.advance(days(3))
    timeline = build_timeline(registry.history(NUMBER), clock.now())
    figure = draw_number_timeline(timeline, 0.0, "ja")
    assert len(row_labels(figure)) == len(timeline.rows)
