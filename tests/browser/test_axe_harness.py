"""The accessibility check can fail: it flags controls without a name."""

from __future__ import annotations

import pytest

from tests.browser.axe import axe_violations, require_axe

pytestmark = pytest.mark.browser


def test_axe_flags_an_unlabelled_button_and_field(page):
    require_axe()
    page.set_content(
        '<html lang="en"><body><main><div class="probe">'
        '<button></button><input type="text"></div></main></body></html>'
    )
    found = {v["id"] for v in axe_violations(page, ".probe")}
    assert {"button-name", "label"} <= found
