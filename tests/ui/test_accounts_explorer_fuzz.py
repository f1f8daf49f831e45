"""Whatever a learner types or presses, the explorer answers in words, never a traceback."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from course.ui.accounts_explorer import AccountsExplorer
from tests.helpers import examples

BUTTONS = ["create", "link", "remove", "change_email", "delete", "suspend", "reinstate",
           "inspect", "another", "fill", "reset", "hour", "day", "week", "month"]
NASTY = st.sampled_from([
    "", " ", "\x00", "\u202e090-0123-4567", "🙂📱", "０９０ー０１２３ー４５６７", "<b>x</b>",
    "@hanako", "hanako@example.com", "090-0123-4567", "+1 202-555-0143", "\n\t", "x" * 5000,
    "'; DROP TABLE accounts; --", "{limit}", "$x^2$",
])
TEXT = st.one_of(st.text(max_size=80), NASTY)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(BUTTONS), TEXT, TEXT, TEXT, TEXT), max_size=12))
@example([("create", "x" * 100_000, "\x00" * 500, "🙂" * 1000, "\u0000"),
          ("reset", "", "", "", "9" * 100_000)])
def test_any_input_and_any_button_give_a_message_never_an_error(presses):
    sim = AccountsExplorer("ja", plots=False)
    for name, handle, email, number, identifier in presses:
        sim.handle.value, sim.email.value = handle, email
        sim.number.value, sim.reset_id.value = number, identifier
        sim.press(name)
        assert sim.last_error is None
        assert 'role="status"' in sim.status.value and ("✔" in sim.status.value
                                                        or "✘" in sim.status.value)
        assert sim.number.value == ""
        if sim.result.problem is not None:
            assert sim.result.problem.text("fix", "ja") in sim.refusal_html.value.replace(
                "&quot;", '"').replace("&#x27;", "'")


@settings(max_examples=examples(30), deadline=None)
@given(st.sampled_from([None, *range(1, 21)]), st.sampled_from([None, 1, 7, 30, 90]))
def test_any_what_if_choice_is_shown_without_error(limit, cooldown):
    sim = AccountsExplorer("en", plots=False)
    sim.limit.value = limit
    sim.cooldown.value = cooldown
    assert sim.last_error is None and sim.result.ok
    if limit is not None:  # "1 account", "2 accounts" (issue #15.13: no "1 accounts")
        assert f"at most {limit} account{'' if limit == 1 else 's'}" in sim.rules_html.value
        assert re.search(r"(?<![0-9])1 accounts", sim.rules_html.value) is None
