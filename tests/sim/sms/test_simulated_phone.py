"""course.sim.sms.simulated_phone and course.sim.sms.phone_device: texts to the simulated
phone under its conditions, on a simulated clock."""

from __future__ import annotations

import random

import pytest

from course.sim.core.clock import SimulatedClock
from course.sim.numbers.fictional import fictional_example
from course.sim.numbers.number_checker import check_number
from course.sim.sms.delivery import Condition
from course.sim.sms.phone_device import HOLDING, PHONE_CONDITIONS, EntryState, Phone
from course.sim.sms.simulated_phone import PhoneLine, clock_label, fast_forward_steps, phone_number
from course.sim.sms.verification import SendOutcome, VerifyOutcome


def make_line(seed: int = 7) -> PhoneLine:
    return PhoneLine(SimulatedClock(), random.Random(seed), random.Random(seed + 1))


def test_the_phone_has_a_fictional_mobile_number_and_refuses_any_other():
    assert check_number(phone_number()).is_fictional
    assert Phone(phone_number()).number.masked == "090-****-4568"
    with pytest.raises(ValueError):
        Phone("03-123-4567")  # too short to be anyone's number: not a usable number


def test_a_code_to_the_phone_arrives_within_seconds_and_shows_its_time():
    line = make_line()
    report = line.request_code()
    assert report.ok and report.own_number and report.entry.state is EntryState.IN_TRANSIT
    assert line.view().inbox == ()  # nothing lands until time moves on
    jump = line.fast_forward(30)
    assert jump.events[0] == "landed" and len(jump.landed) == 1
    entry = line.view().inbox[0]
    assert entry.state is EntryState.ARRIVED and 2 <= entry.arrived_at - entry.sent_at <= 20
    assert entry.message.code in entry.message.text("ja") and entry.message.sender == "X"
    assert line.verify(entry.message.code).ok


def test_the_same_seeds_give_the_same_codes_and_arrival_times():
    def run() -> tuple[str, float]:
        line = make_line(3)
        line.request_code()
        line.fast_forward(30)
        entry = line.view().inbox[0]
        return entry.message.code, entry.arrived_at

    assert run() == run()


@pytest.mark.parametrize("condition", [Condition.AIRPLANE_MODE, Condition.NO_SIGNAL])
def test_a_text_is_held_while_the_phone_is_unreachable_and_lands_after(condition):
    line = make_line()
    assert line.set_condition(condition, True).ok
    line.request_code()
    line.fast_forward(600)
    assert line.view().inbox == ()
    why = line.explain()
    assert why.state == "held" and why.problems[0].code == condition.code
    change = line.set_condition(condition, False)
    assert len(change.released) == 1 and change.released[0].state is EntryState.IN_TRANSIT
    line.fast_forward(30)
    inbox = line.view().inbox
    assert len(inbox) == 1
    # The held code lands late: it was sent more than ten minutes ago.
    assert inbox[0].arrived_at >= inbox[0].expires_at
    assert line.verify(inbox[0].message.code).outcome is VerifyOutcome.EXPIRED


def test_switching_airplane_mode_on_while_a_text_travels_holds_it():
    line = make_line()
    line.request_code()
    line.set_condition("airplane_mode", True)
    assert line.fast_forward(30).landed == ()
    assert line.phone.entries[0].state is EntryState.HELD
    line.set_condition("airplane_mode", False)
    line.fast_forward(30)
    assert len(line.view().inbox) == 1


@pytest.mark.parametrize("condition", [Condition.SMS_REJECTED, Condition.CARRIER_OUTAGE,
                                       Condition.DATA_ONLY_SIM])
def test_blocked_texts_are_lost_with_the_catalog_cause(condition):
    line = make_line()
    line.set_condition(condition, True)
    report = line.request_code()
    assert report.ok and report.entry.state is EntryState.LOST
    line.fast_forward(600)
    assert line.view().inbox == () and line.view().junk == ()
    why = line.explain()
    assert why.state == "lost" and why.problems[0].code == condition.code
    assert why.problems[0].text("fix", "ja") and why.problems[0].text("fix", "en")


def test_the_spam_filter_puts_the_text_in_the_junk_list():
    line = make_line()
    line.set_condition(Condition.SPAM_FILTERED, True)
    line.request_code()
    line.fast_forward(30)
    view = line.view()
    assert view.inbox == () and len(view.junk) == 1
    assert line.explain().state == "junk"


def test_being_abroad_delays_the_text_by_minutes():
    line = make_line()
    line.set_condition(Condition.INTERNATIONAL_DELAY, True)
    line.request_code()
    assert line.fast_forward(60).landed == ()
    assert line.explain().state == "in_transit"
    arrival = line.phone.next_arrival()
    assert arrival is not None and arrival - line.clock.now() > 20
    line.fast_forward(1200)
    assert len(line.view().inbox) == 1


def test_fast_forward_reports_expiry_resend_wait_and_lockout_once_each():
    line = make_line()
    line.request_code()
    first = line.fast_forward(30)
    assert not first.code_expired and not first.resend_ready
    second = line.fast_forward(60)
    assert second.resend_ready and not second.code_expired
    assert line.fast_forward(600).code_expired
    assert not line.fast_forward(600).code_expired  # already expired: nothing new
    line.fast_forward(60)
    line.resend()
    line.fast_forward(30)
    for _ in range(line.verifier.policy.max_wrong_attempts):
        line.verify("999999" if line.view().inbox[0].message.code != "999999" else "888888")
    timer = line.timer()
    assert timer.locked_for == line.verifier.policy.lockout_seconds
    assert line.fast_forward(600).lockout_ended is False
    assert line.fast_forward(600).lockout_ended is True


def _lock_out(line: PhoneLine) -> None:
    line.fast_forward(30)
    code = line.view().inbox[0].message.code
    for _ in range(line.verifier.policy.max_wrong_attempts):
        line.verify("999999" if code != "999999" else "888888")


def test_no_new_code_is_promised_during_the_lockout():
    # Issue #15.8: after five wrong codes the phone said "The wait is over. A new code
    # can be asked for" beside "Locked after wrong codes: 14:00 left", and the resend
    # was refused.
    line = make_line()
    line.request_code()
    _lock_out(line)
    lockout = line.verifier.policy.lockout_seconds
    jump = line.fast_forward(60)
    assert not jump.resend_ready and "resend_ready" not in jump.events
    timer = line.timer()
    assert timer.locked_for == lockout - 60 and timer.resend_in == timer.locked_for
    assert not timer.can_resend_now
    assert line.resend().send.outcome is SendOutcome.LOCKED_OUT
    after = line.fast_forward(lockout)
    assert after.lockout_ended and after.resend_ready
    assert line.timer().can_resend_now and line.resend().ok


def test_no_new_code_is_promised_once_the_send_limit_or_the_code_is_used():
    line = make_line()
    line.request_code()
    for _ in range(line.verifier.policy.max_sends_per_session - 1):
        line.fast_forward(60)
        assert line.resend().ok
    jump = line.fast_forward(60)
    assert not jump.resend_ready and not line.timer().can_resend_now
    assert line.timer().sends_left == 0
    used = make_line()
    used.request_code()
    used.fast_forward(30)
    assert used.verify(used.view().inbox[0].message.code).ok
    assert not used.fast_forward(60).resend_ready and not used.timer().can_resend_now


def test_the_timer_counts_down_sends_and_the_resend_wait():
    line = make_line()
    assert line.timer() is None
    line.request_code()
    timer = line.timer()
    assert timer.expires_in == 600 and timer.resend_in == 60 and timer.sends == 1
    assert timer.to_masked == "090-****-4568"
    refused = line.resend()
    assert refused.send.outcome is SendOutcome.RESEND_TOO_SOON
    assert refused.problem.params["seconds"] == 60
    line.fast_forward(60)
    assert line.resend().ok and line.timer().sends == 2


@pytest.mark.parametrize("seconds", [0, -5, float("nan"), float("inf"), 10**9, True, "30", None])
def test_bad_time_steps_are_refused_and_the_clock_does_not_move(seconds):
    line = make_line()
    before = line.clock.now()
    jump = line.fast_forward(seconds)
    assert not jump.ok and jump.problem.code == "phone_bad_time_step"
    assert line.clock.now() == before


@pytest.mark.parametrize("condition, on", [("wrong_number", True), ("nope", True),
                                           (Condition.AIRPLANE_MODE, "yes"), (None, None)])
def test_bad_condition_switches_are_refused(condition, on):
    line = make_line()
    change = line.set_condition(condition, on)
    assert not change.ok and change.problem.code == "phone_bad_condition"
    assert line.phone.conditions == frozenset()


def test_explain_before_anything_was_sent_and_for_a_refused_send():
    line = make_line()
    assert line.explain().problems[0].code == "phone_no_code_requested"
    line.request_code()
    line.request_code()  # a new verification to the same number within the wait
    why = line.explain()
    assert why.state == "refused" and why.problems[0].code == "sms_resend_too_soon"


def test_a_text_to_another_number_never_lands_on_this_phone():
    line = make_line()
    report = line.send(check_number(fictional_example("jp_mobile_070_0", 4)))
    assert report.ok and not report.own_number and report.entry is None
    assert report.delivery.stopped_by is Condition.OTHER_NUMBER  # two digits off: no typo
    line.fast_forward(3600)
    assert line.phone.entries == ()


@pytest.mark.parametrize("typed, region, condition", [
    ("090-0123-4569", "JP", Condition.WRONG_NUMBER),  # one digit changed
    ("090-0123-4586", "JP", Condition.WRONG_NUMBER),  # two neighbours swapped
    ("070-0123-4568", "JP", Condition.WRONG_NUMBER),  # a digit of the prefix changed
    ("070-0999-1111", "JP", Condition.OTHER_NUMBER),
    ("+44 7700 900123", "JP", Condition.OTHER_NUMBER),
    ("07700 900123", "GB", Condition.OTHER_NUMBER),
])
def test_why_no_text_blames_a_typo_only_when_the_number_is_one_slip_away(
        typed, region, condition):
    # Issue #15.9: any other number was explained as "differs from your own by a digit".
    line = make_line()
    report = line.send(check_number(typed, region))
    assert report.ok and not report.own_number
    why = line.explain()
    assert [p.code for p in why.problems] == [condition.code]
    if condition is Condition.OTHER_NUMBER:
        assert "digit" not in why.problems[0].text("cause", "en")


def test_the_phone_offers_every_condition_and_the_offered_steps():
    assert set(HOLDING) <= set(PHONE_CONDITIONS)
    assert Condition.WRONG_NUMBER not in PHONE_CONDITIONS
    assert Condition.OTHER_NUMBER not in PHONE_CONDITIONS
    assert fast_forward_steps() == (30, 60, 600)
    assert clock_label(0) == "0:00" and clock_label(95.9) == "1:35"
    assert clock_label(3725) == "1:02:05" and clock_label(-3) == "0:00"


def test_nothing_in_a_report_shows_the_number_in_full():
    line = make_line()
    report = line.request_code()
    digits = phone_number().replace("-", "")
    assert digits not in repr(report) and phone_number() not in repr(report)
    assert report.entry.message.code not in repr(report)
