"""Accessibility checks with axe-core (from the npm registry) inside JupyterLab.

``.ci/run`` installs axe-core with ``npm ci --prefix tests/browser``; on a
machine without it the accessibility part is skipped with a visible reason,
and in CI (``COURSE_REQUIRE_BROWSER=1``) its absence is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def require_axe() -> None:
    if AXE.exists():
        return
    problem = f"{AXE} is missing (run: npm ci --prefix tests/browser)"
    if os.environ.get("COURSE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"accessibility checks are required here, but {problem}")
    pytest.skip(f"accessibility check skipped: {problem}")


def axe_violations(page: Page, *selectors: str) -> list[dict]:
    """Serious and critical WCAG 2.x A/AA violations inside the elements matching
    any of ``selectors``, in one axe run (each run first walks the whole page,
    which in JupyterLab costs about half a second). Every selector must match
    something, so a region that failed to render is not checked as "clean"."""
    assert selectors, "name at least one region to check"
    missing = [s for s in selectors if page.locator(s).count() == 0]
    assert not missing, f"nothing on the page matches {missing}: no accessibility check ran"
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async (selectors) => {
            const results = await axe.run({include: selectors.map(s => [s])}, {
              runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                                               'best-practice']},
              resultTypes: ['violations'],
            });
            return results.violations.map(v => ({
              id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.map(n => n.target.join(' ')),
            }));
        }""",
        list(selectors),
    )
    return [v for v in result if v["impact"] in BLOCKING]
