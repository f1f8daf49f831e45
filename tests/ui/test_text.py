"""course.ui.text: catalog text and sources put into widgets safely."""

from __future__ import annotations

import ast
from pathlib import Path

import course.ui
from course.ui.text import source_html


def test_source_links_are_escaped_and_only_http_urls_become_links():
    html = source_html('see <b>x</b> https://example.com/a?b=1&c=2. and javascript:alert(1)')
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert html.count("<a ") == 1 and 'href="https://example.com/a?b=1&amp;c=2"' in html
    assert "javascript:alert(1)" in html and 'href="javascript' not in html


def test_the_scam_spotter_takes_the_source_helper_from_the_shared_module():
    # Issue #14.3: ui/scam_spotter imported ui/recovery_navigator for this one helper.
    path = Path(course.ui.__file__).with_name("scam_spotter.py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "course.ui.recovery_navigator" not in imported
