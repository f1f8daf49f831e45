"""The authenticator-app set-up flow of the two-factor lab: order of steps,
codes from a standard app, backup codes shown once, expiry and reuse."""

from __future__ import annotations

import math
import pickle
import random
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyotp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.facts.policy import value
from course.sim.core import errors
from course.sim.core.clock import SimulatedClock, SystemClock
from course.sim.twofactor.twofactor_setup import (
    MAX_FAST_FORWARD_SECONDS,
    STAGES,
    AuthenticatorSetup,
    FastForwardClock,
    group_secret,
)
from tests.helpers import examples

SIM = Path(__file__).resolve().parents[3] / "course" / "sim"

hostile = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40), st.text(alphabet=st.characters(categories=["Cc", "Cf", "So"]),
                                  max_size=20),
    st.just("😀" * 500), st.just("9" * 100_000), st.just("１２３４５６"), st.just("\x00" * 6),
    st.binary(max_size=20), st.lists(st.integers(), max_size=3),
)


def make_flow(seed: int = 1, count: int | None = None) -> AuthenticatorSetup:
    return AuthenticatorSetup(random.Random(seed), FastForwardClock(SimulatedClock()),
                              backup_code_count=count, backup_code_iterations=10)


def app_code(flow: AuthenticatorSetup) -> str:
    step = flow.look_at_app()
    assert step.app_code is not None, step.text("en")
    return step.app_code


def switched_on(flow: AuthenticatorSetup) -> tuple[str, ...]:
    """Start, scan with the simulated app, confirm its code: return the backup codes."""
    assert flow.start("@sakura_demo").accepted
    assert flow.scan_with_simulated_app().accepted
    step = flow.confirm(app_code(flow))
    assert step.accepted and step.stage == "codes_shown", step.text("en")
    return step.backup_codes


def renders(step) -> None:
    assert step.text("ja").strip() and step.text("en").strip()
    if step.problem:
        for part in errors.FIELDS:
            for lang in ("ja", "en"):
                assert step.problem.text(part, lang).strip()


# --- the happy path --------------------------------------------------------------------

def test_start_gives_a_standard_otpauth_uri_for_the_course_not_for_x():
    step = make_flow().start("sakura_demo")
    assert step.accepted and step.stage == "awaiting_code" and step.notice == "started"
    parts = urlsplit(step.uri)
    query = parse_qs(parts.query)
    assert parts.scheme == "otpauth" and parts.netloc == "totp"
    assert query["issuer"] == ["X-course-simulator"] == [step.issuer]
    assert step.label == "@sakura_demo"
    # The key for typing by hand is the URI's secret, in groups of four.
    assert step.secret_groups.replace(" ", "") == query["secret"][0]
    assert all(len(g) == 4 for g in step.secret_groups.split(" "))
    assert "X-course-simulator" in step.text("en") or "@sakura_demo" in step.text("en")


def test_the_secret_is_grouped_in_fours_for_typing_by_hand():
    assert group_secret("ABCDEFGHIJ") == "ABCD EFGH IJ"
    assert group_secret("ABCDEFGH", 2) == "AB CD EF GH"
    assert group_secret("") == ""


def test_a_standard_totp_app_reading_the_uri_turns_two_factor_on():
    # pyotp stands in for a phone app: it only sees the URI, like a scanner would.
    clock = SimulatedClock()
    flow = AuthenticatorSetup(random.Random(5), FastForwardClock(clock),
                              backup_code_iterations=10)
    phone = pyotp.parse_uri(flow.start("sakura_demo").uri)
    step = flow.confirm(phone.at(clock.now()))
    assert step.accepted and step.notice == "confirm_accepted" and step.step_offset == 0
    assert len(step.backup_codes) == value("twofactor.backup_code_count")


def test_backup_codes_appear_once_then_only_hashes_remain():
    flow = make_flow(count=3)
    codes = switched_on(flow)
    assert len(codes) == 3 and len(set(codes)) == 3
    hidden = flow.codes_saved(True)
    assert hidden.accepted and hidden.stage == "active" and hidden.backup_codes == ()
    assert hidden.backup_codes_left == 3
    # Nothing the flow still holds contains a plain code: only salted hashes.
    kept = pickle.dumps(flow)
    assert not any(code.encode() in kept for code in codes)
    again = flow.codes_saved(True)
    assert again.code == "app_setup_codes_already_hidden"


def test_hiding_needs_the_learner_to_say_the_codes_are_saved():
    flow = make_flow()
    switched_on(flow)
    for answer in (False, None, "yes", 1):
        step = flow.codes_saved(answer)
        assert step.code == "app_setup_confirm_saved" and step.stage == "codes_shown"


def test_a_backup_code_works_once_and_a_second_use_is_refused():
    flow = make_flow(count=2)
    first, second = switched_on(flow)
    flow.codes_saved(True)
    used = flow.log_in("backup_code", f"  {first.upper()}  ")  # case and spaces do not matter
    assert used.accepted and used.notice == "backup_code_used" and used.values == {"left": 1}
    assert flow.log_in("backup_code", first).code == "twofactor_backup_code_wrong"
    assert flow.log_in("backup_code", second).accepted
    assert flow.log_in("backup_code", second).code == "twofactor_backup_codes_used_up"


def test_an_app_code_logs_in_once_and_the_next_one_after_thirty_seconds():
    flow = make_flow()
    switched_on(flow)
    first = app_code(flow)  # the same step as the code that switched two-factor on
    flow.codes_saved(True)
    assert flow.log_in("totp", first).code == "twofactor_code_reused"
    flow.fast_forward(30)
    later = app_code(flow)
    assert later != first
    step = flow.log_in("totp", later)
    assert step.accepted and step.notice == "accepted"
    assert flow.log_in("totp", later).code == "twofactor_code_reused"


def test_full_width_digits_and_spaces_from_a_japanese_keyboard_are_accepted():
    flow = make_flow()
    flow.start("sakura_demo")
    flow.scan_with_simulated_app()
    code = app_code(flow)
    wide = " ".join(chr(ord(c) + 0xFEE0) for c in code) + "\u3000"  # １ ２ ３ ... and a wide space
    assert flow.confirm(wide).accepted


# --- time: codes change, expire, and one step of drift is allowed ------------------------

def test_the_simulated_app_changes_its_code_every_thirty_seconds():
    flow = make_flow()
    flow.start("sakura_demo")
    first = flow.scan_with_simulated_app()
    assert first.values["seconds"] == 30  # the simulated clock starts on a step boundary
    assert flow.fast_forward(10).app_code == first.app_code
    moved = flow.fast_forward(20)
    assert moved.app_code != first.app_code and moved.clock_offset == 30
    assert moved.values == {"code": moved.app_code, "seconds": 30, "offset": 30}


def test_an_old_code_is_expired_and_the_previous_step_is_still_accepted():
    flow = make_flow()
    flow.start("sakura_demo")
    flow.scan_with_simulated_app()
    old = app_code(flow)
    flow.fast_forward(30)
    step = flow.confirm(old)  # one step late: clock-drift allowance (RFC 6238 §5.2)
    assert step.accepted and step.step_offset == -1 and step.notice == "confirm_accepted_previous"
    flow2 = make_flow()
    flow2.start("sakura_demo")
    flow2.scan_with_simulated_app()
    old2 = app_code(flow2)
    flow2.fast_forward(120)
    assert flow2.confirm(old2).code == "twofactor_code_expired"


def test_wrong_and_malformed_codes_are_told_apart_and_wrong_ones_lock_out():
    flow = make_flow()
    flow.start("sakura_demo")
    flow.scan_with_simulated_app()
    right = app_code(flow)
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    assert flow.confirm("12345").code == "twofactor_code_format"
    assert flow.confirm("abcdef").code == "twofactor_code_format"
    limit = int(value("twofactor.code_max_wrong_attempts"))
    codes = [flow.confirm(wrong).code for _ in range(limit)]
    assert codes == ["twofactor_code_wrong"] * limit
    locked = flow.confirm(right)
    assert locked.code == "twofactor_locked" and not locked.accepted
    flow.fast_forward(float(value("twofactor.code_lockout_seconds")))
    assert flow.confirm(app_code(flow)).accepted


def test_the_window_marks_accepted_used_expired_and_future_steps():
    flow = make_flow()
    assert flow.window() is None
    flow.start("sakura_demo")
    flow.scan_with_simulated_app()
    flow.fast_forward(12)
    window = flow.window()
    assert window is not None and window.period == 30 and window.seconds_left == 18
    assert [s.status for s in window.slots] == [
        "expired", "expired", "accepted", "accepted", "accepted", "future"]
    assert [s.offset for s in window.slots] == [-3, -2, -1, 0, 1, 2]
    assert window.slots[3].starts_in == -12
    flow.confirm(app_code(flow))
    assert [s.status for s in flow.window().slots][2:5] == ["used", "used", "accepted"]


@pytest.mark.parametrize("seconds", [0, -1, math.nan, math.inf, True, "30", None,
                                     MAX_FAST_FORWARD_SECONDS + 1])
def test_fast_forward_refuses_strange_jumps(seconds):
    flow = make_flow()
    step = flow.fast_forward(seconds)
    assert step.code == "app_setup_seconds" and flow.clock.offset == 0


def test_the_real_clock_is_used_unless_a_test_injects_one():
    flow = AuthenticatorSetup(random.Random(1), SystemClock())
    assert isinstance(flow.clock, FastForwardClock) and flow.broken is None
    assert flow.start("sakura_demo").accepted


# --- order of steps ----------------------------------------------------------------------

def test_steps_out_of_order_are_explained_not_raised():
    flow = make_flow()
    assert flow.confirm("123456").code == "app_setup_not_started"
    assert flow.scan_with_simulated_app().code == "app_setup_not_started"
    assert flow.look_at_app().code == "app_setup_not_started"
    assert flow.codes_saved(True).code == "app_setup_not_started"
    assert flow.log_in("totp", "123456").code == "app_setup_not_on"
    assert flow.fast_forward(30).notice == "fast_forwarded_no_app"
    flow.start("sakura_demo")
    assert flow.look_at_app().code == "app_setup_app_empty"
    assert flow.log_in("totp", "123456").code == "app_setup_not_on"
    flow.scan_with_simulated_app()
    flow.confirm(app_code(flow))
    assert flow.log_in("totp", "123456").code == "app_setup_save_codes_first"
    assert flow.confirm(app_code(flow)).code == "app_setup_already_on"
    assert flow.log_in("sms", "123456").code == "twofactor_method_unknown"


def test_reset_forgets_the_key_the_codes_the_app_and_the_clock_changes():
    flow = make_flow()
    switched_on(flow)
    flow.fast_forward(120)
    step = flow.reset()
    assert step.stage == "new" and step.notice == "reset" and step.clock_offset == 0
    assert flow.app.labels == () and flow.window() is None
    assert flow.log_in("backup_code", "abcdefghijkm").code == "app_setup_not_on"


def test_a_broken_random_source_or_clock_is_reported():
    for rng, clock in ((None, SimulatedClock()), (random.Random(1), "clock"),
                       (random.Random, SimulatedClock()), (random.Random(1), SystemClock)):
        step = AuthenticatorSetup(rng, clock).start("sakura_demo")
        assert step.code == "twofactor_bad_argument" and step.stage == "new"


def test_steps_never_show_secrets_or_codes_in_their_repr():
    flow = make_flow()
    started = flow.start("sakura_demo")
    flow.scan_with_simulated_app()
    shown = flow.confirm(app_code(flow))
    assert started.secret_groups.split(" ")[0] not in repr(started)
    assert all(code not in repr(shown) for code in shown.backup_codes)


def test_every_code_the_flow_can_report_is_in_the_catalog_and_none_is_dead():
    text = (SIM / "twofactor" / "twofactor_setup.py").read_text(encoding="utf-8")
    used = set(re.findall(r'"(app_setup_[a-z_]+)"', text))
    catalogued = {c for c in errors.catalog() if c.startswith("app_setup_")}
    assert used == catalogued and len(used) == 8


# --- properties --------------------------------------------------------------------------

@settings(max_examples=examples(150), deadline=None)
@given(a=hostile, b=hostile)
def test_property_no_entry_point_raises_and_every_answer_reads_in_both_languages(a, b):
    flow = make_flow()
    for step in (flow.start(a), flow.confirm(a), flow.scan_with_simulated_app(),
                 flow.fast_forward(a), flow.codes_saved(a), flow.log_in(a, b),
                 flow.log_in("totp", a), flow.log_in("backup_code", b)):
        renders(step)
        assert step.stage in STAGES


ACTIONS = st.lists(st.sampled_from(
    ["start", "scan", "look", "ff10", "ff30", "confirm_right", "confirm_wrong", "save",
     "login_app", "login_backup", "reset"]), max_size=25)


@settings(max_examples=examples(120), deadline=None)
@given(actions=ACTIONS)
def test_property_backup_codes_are_shown_at_most_once_per_key(actions):
    flow = make_flow(count=2)
    shown_for_this_key = 0
    written_down: tuple[str, ...] = ()
    for action in actions:
        if action == "start":
            step, shown_for_this_key = flow.start("sakura_demo"), 0
        elif action == "reset":
            step, shown_for_this_key = flow.reset(), 0
        elif action == "scan":
            step = flow.scan_with_simulated_app()
        elif action == "look":
            step = flow.look_at_app()
        elif action.startswith("ff"):
            step = flow.fast_forward(int(action[2:]))
        elif action == "confirm_right":
            code = flow.look_at_app().app_code
            step = flow.confirm(code or "000000")
        elif action == "confirm_wrong":
            step = flow.confirm("000000")
        elif action == "save":
            step = flow.codes_saved(True)
        elif action == "login_app":
            step = flow.log_in("totp", flow.look_at_app().app_code or "")
        else:
            step = flow.log_in("backup_code", written_down[0] if written_down else "")
        if step.backup_codes:
            shown_for_this_key += 1
            written_down = step.backup_codes
            assert step.stage == "codes_shown"
        assert shown_for_this_key <= 1
        assert step.stage == flow.stage in STAGES
        if step.accepted and step.action == "log_in":
            assert flow.stage == "active"
