"""The accessibility check can fail: it flags controls without a name, in any of
the regions it is given, and refuses a region that is not on the page."""

from __future__ import annotations

import pytest

from tests.browser.axe import axe_violations, require_axe

pytestmark = pytest.mark.browser


def test_axe_flags_an_unlabelled_button_and_field(page):
    require_axe()
    page.set_content(
        '<html lang="en"><body><main><div class="probe">'
        '<button></button><input type="text"></div>'
        '<div class="clean"><button>OK</button></div>'
        '<div class="second"><img src="data:,"></div></main></body></html>'
    )
    found = {v["id"] for v in axe_violations(page, ".probe")}
    assert {"button-name", "label"} <= found
    assert axe_violations(page, ".clean") == []
    # Several regions in one run: a problem in any of them is reported, with its place.
    both = axe_violations(page, ".clean", ".second")
    assert {v["id"] for v in both} == {"image-alt"}
    assert all(".clean" not in node for v in both for node in v["nodes"])
    with pytest.raises(AssertionError, match="nothing on the page matches"):
        axe_violations(page, ".clean", ".not-rendered")
