"""The 30-second timeline figure and the lab's HTML pieces, checked as data."""

from __future__ import annotations

import random

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from course.plots.twofactor import STYLE, draw_totp_window, figure_png
from course.sim.attacks.attack_figures import compare_with_google_2019, google_2019
from course.sim.attacks.attack_runs import attack_matrix
from course.sim.attacks.twofactor_attacks import attack_table, start_walkthrough
from course.sim.core.clock import SimulatedClock
from course.sim.twofactor.twofactor_setup import AuthenticatorSetup, FastForwardClock
from course.ui.twofactor_render import (
    attack_table_html,
    google_html,
    timeline_text,
    walkthrough_html,
)


def window_after_a_login(forward: float = 12):
    flow = AuthenticatorSetup(random.Random(1), FastForwardClock(SimulatedClock()),
                              backup_code_iterations=5)
    flow.start("sakura_demo")
    flow.scan_with_simulated_app()
    flow.fast_forward(forward)
    flow.confirm(flow.look_at_app().app_code)
    return flow.window()


def test_one_box_per_time_step_with_its_symbol_and_the_present_marked():
    window = window_after_a_login()
    figure = draw_totp_window(window)
    assert isinstance(figure, Figure)
    axes = figure.axes[0]
    boxes = [p for p in axes.patches if isinstance(p, Rectangle)]
    assert [round(b.get_x(), 6) for b in boxes] == [s.starts_in for s in window.slots]
    assert all(b.get_width() == window.period for b in boxes)
    symbols = [t.get_text() for t in axes.texts if t.get_text() in {v[0] for v in STYLE.values()}]
    assert symbols == [STYLE[s.status][0] for s in window.slots]
    # Each status has its own hatch or fill as well as its symbol: never colour alone.
    assert len({(v[0], v[2]) for v in STYLE.values()}) == len(STYLE)
    assert [line.get_xdata()[0] for line in axes.lines] == [0]  # "now"
    left, right = axes.get_xlim()
    assert left == window.slots[0].starts_in and right == window.slots[-1].starts_in + 30


def test_the_figure_has_no_words_so_it_needs_no_japanese_font():
    window = window_after_a_login()
    figure = draw_totp_window(window)
    texts = [t.get_text() for t in figure.axes[0].texts]
    # Only symbols, step numbers and the seconds left: nothing to translate.
    assert all(all(c.isascii() or not c.isalpha() for c in text) for text in texts), texts
    assert [t for t in texts if t.endswith(" s")] == [f"+{window.seconds_left} s"]


def test_the_png_is_an_image_and_the_words_are_beside_it():
    window = window_after_a_login(forward=45)
    png = figure_png(draw_totp_window(window))
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 2000
    assert timeline_text(window, "en").startswith("The current code changes in 15 s.")
    assert "区切り-1:受け付けない" in timeline_text(window, "ja")


def test_a_broken_matrix_or_walkthrough_shows_a_problem_in_words():
    broken = attack_matrix("seed")
    assert broken.problem is not None
    assert "✘" in attack_table_html(broken, "en") and "<table" not in attack_table_html(
        broken, "en")
    walk = start_walkthrough("carrier_pigeon", "relay")
    html = walkthrough_html(walk, "ja")
    assert "✘" in html and walk.problem.text("message", "ja") in html


def test_google_rows_without_a_matching_method_say_so():
    html = google_html(google_2019(), compare_with_google_2019(attack_table()), "en")
    assert html.count("no matching method here") == 2  # recovery phone, on-device prompt
    assert "up to 100%" in html and "76%" in html
    assert html.count("<tr>") == 1 + len(google_2019().rows)
