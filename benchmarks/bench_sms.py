"""Speed of the SMS verifier, the delivery model and the troubleshooting diagnosis."""

from __future__ import annotations

import random

from benchmarks.timing import report, time_calls
from course.sim.core.clock import SimulatedClock
from course.sim.numbers.fictional import fictional_example
from course.sim.numbers.number_checker import check_number
from course.sim.sms.delivery import deliver
from course.sim.sms.troubleshooting import diagnose, scenarios
from course.sim.sms.verification import SmsVerifier


def main() -> None:
    clock = SimulatedClock()
    verifier = SmsVerifier(clock, random.Random(1))
    numbers = [check_number(fictional_example("mobile", i)) for i in range(2000)]
    state = {"i": 0}

    def start_and_verify() -> None:
        number = numbers[state["i"] % len(numbers)]
        state["i"] += 1
        clock.advance(61)
        sent = verifier.start(number)
        verifier.verify(sent.session, "000000")
        verifier.verify(sent.session, sent.message.code)

    report("start + wrong code + right code", time_calls(start_and_verify, 2000))
    rng = random.Random(2)
    checked = numbers[0]
    report("deliver (2 conditions)", time_calls(
        lambda: deliver(checked, ["spam_filtered", "international_delay"], clock=clock, rng=rng),
        5000))
    cards = scenarios()
    report("diagnose (8 checks)", time_calls(
        lambda: diagnose(cards[-1], ["restart_phone", "check_signal", "resend_code",
                                     "check_filtered_folder", "check_plan", "check_location",
                                     "reread_number", "check_x_help"]), 2000))
