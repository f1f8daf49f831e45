"""course.ui.text: catalog text put into widgets safely; sources go through sources_view."""

from __future__ import annotations

import ast
from pathlib import Path

import course.ui
from course.ui.text import escape, status_html


def test_text_is_escaped_and_status_is_a_live_region():
    assert escape('<b>"x"</b>') == "&lt;b&gt;&quot;x&quot;&lt;/b&gt;"
    html = status_html("<i>done</i>", kind="ok")
    assert 'role="status"' in html and "&lt;i&gt;" in html


def test_the_scam_spotter_takes_no_helper_from_the_recovery_navigator():
    # Issue #14.3: ui/scam_spotter imported ui/recovery_navigator for one helper.
    path = Path(course.ui.__file__).with_name("scam_spotter.py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "course.ui.recovery_navigator" not in imported


def test_no_widget_builds_source_links_of_its_own():
    # One renderer of sources (course.ui.sources_view): no free-text source helper elsewhere.
    for path in Path(course.ui.__file__).parent.glob("*.py"):
        if path.name == "sources_view.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "def source_html" not in text and ".source)" not in text, path.name
