"""A number a learner types is never kept in full in a result or on screen.

Whatever number is typed, in whatever form, into the number checker, the phone
settings flow (with its phone) or the accounts explorer, neither the
``.result`` the widget keeps (its ``repr`` is what a cell would print and save
into the notebook file) nor any widget value (what JupyterLab can save as
widget state) holds its digits in full: only the masked form (issue #15.11).
Digits the widget showed before anything was typed (its own fictional phone,
an example in a placeholder) do not count: they are the course's, not the
learner's.
"""

from __future__ import annotations

import re

import ipywidgets as widgets
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from course.sim.numbers.number_checker import check_number
from course.ui.accounts_explorer import AccountsExplorer
from course.ui.number_checker import NumberChecker
from course.ui.settings_flow import PhoneSettingsFlow
from tests.helpers import examples
from tests.sim.fictional_strategies import fictional_numbers
from tests.ui.phone_helpers import seeded, walk

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−ー－().．]")
_FULL_WIDTH = str.maketrans({chr(0xFF10 + d): str(d) for d in range(10)})


def _texts(widget: widgets.Widget) -> list[str]:
    """Every value a widget tree holds: HTML, field values, labels, options, tooltips."""
    out = []
    for item in walk(widget):
        for name in ("value", "description", "placeholder", "tooltip"):
            text = getattr(item, name, None)
            if isinstance(text, str):
                out.append(text)
        for option in getattr(item, "options", ()) or ():
            out.append(str(option))
    return out


def _digits_of(text: str) -> str:
    return _SEPARATORS.sub("", text.translate(_FULL_WIDTH))


def _written(e164: str) -> list[str]:
    """The ways a learner may write a number: national at home, international, bare."""
    checked = check_number(e164)
    forms = [checked.display or e164, checked.international or e164, e164]
    if e164.startswith("+81"):
        national = "0" + e164[3:]
        forms += [national, "+81 " + national,  # the trunk 0 kept after +81
                  "".join(chr(0xFF10 + int(d)) for d in national)]
    return forms


def _national_digits(e164: str) -> str:
    checked = check_number(e164)
    return e164[1 + len(str(checked.country_code)):]


def _assert_never_whole(widget_owner, number: str, before: str) -> None:
    whole = _national_digits(number)
    shown = _digits_of(" ".join(_texts(widget_owner.widget)))
    if whole not in before:
        assert whole not in shown, "a typed number stayed on screen in full"
    assert whole not in _digits_of(repr(widget_owner.result))
    assert whole not in _digits_of(str(widget_owner.result))


_SETTINGS = settings(max_examples=examples(25), deadline=None,
                     suppress_health_check=[HealthCheck.too_slow,
                                            HealthCheck.function_scoped_fixture])


@_SETTINGS
@given(fictional_numbers, st.integers(0, 5), st.sampled_from(["ja", "en"]))
def test_the_number_checker_keeps_no_typed_number(number, form, lang):
    sim = NumberChecker(lang)
    before = _digits_of(" ".join(_texts(sim.widget)))
    typed = _written(number)[form % len(_written(number))]
    sim.country.value = "JP"
    sim.number.value = typed
    sim.check.click()
    assert sim.result.valid
    _assert_never_whole(sim, number, before)


@_SETTINGS
@given(fictional_numbers, st.integers(0, 5), st.sampled_from(["ja", "en"]))
def test_the_settings_flow_and_its_phone_keep_no_typed_number(number, form, lang):
    sim = PhoneSettingsFlow(lang, **seeded(5))
    for item in ("settings_and_privacy", "your_account", "account_information", "phone",
                 "update_phone_number"):
        sim.items[item].click()
    sim.password.value = sim.flow.account["password"]
    sim.password_next.click()
    before = _digits_of(" ".join(_texts(sim.widget)))
    typed = _written(number)[form % len(_written(number))]
    sim.number.value = typed
    sim.send.click()
    _assert_never_whole(sim, number, before)
    if sim.result.ok:  # the code screen, the phone's inbox and the "why no text?" answer
        sim.phone.forward[30].click()
        sim.phone.why.click()
        _assert_never_whole(sim, number, before)
        assert _national_digits(number) not in _digits_of(repr(sim.phone.result)) \
            or _national_digits(number) in before


@_SETTINGS
@given(fictional_numbers, st.integers(0, 5), st.sampled_from(["ja", "en"]),
       st.sampled_from(["create", "inspect", "fill", "another", "reset"]))
def test_the_accounts_explorer_keeps_no_typed_number(number, form, lang, action):
    sim = AccountsExplorer(lang, plots=False)
    before = _digits_of(" ".join(_texts(sim.widget)))
    typed = _written(number)[form % len(_written(number))]
    sim.handle.value = "hanako"
    if action == "reset":
        sim.number.value = typed
        sim.press("create")
        sim.reset_id.value = typed
    else:
        sim.number.value = typed
    sim.press(action)
    _assert_never_whole(sim, number, before)


@_SETTINGS
@given(fictional_numbers, st.integers(0, 5), st.sampled_from(["ja", "en"]))
def test_the_scam_spotter_never_repeats_a_pasted_number(number, form, lang):
    from course.ui.scam_spotter import ScamSpotter
    sim = ScamSpotter(lang)
    before = _digits_of(" ".join(_texts(sim.widget)))
    typed = _written(number)[form % len(_written(number))]
    sim.contact.value = f"X support ☎ {typed} https://x-com-support.example"
    sim.contact_button.click()
    assert sim.result.numbers == 1
    _assert_never_whole(sim, number, before)
