"""How many typed numbers ``check_number`` handles per second.

The input is a realistic mix, generated in memory (never written anywhere):
about 40% numbers from the course's fictional ranges written in the ways
learners write them, 30% ordinary Japanese numbers (mobile, landline, 050,
free-dial), and 30% mistakes (full-width digits and odd dashes, +81 with its
0, 080-0, 010 in front, a UK number without +44, missing or extra digits,
letters, emoji, empty input, huge input, non-text).

Three figures, each the best and the median of several rounds (the machine
is shared with parallel test runs, so the median wanders; the best round is
the code's speed):

* cold: every input is new and the result cache is cleared first, so each
  check runs in full (course.sim.numbers.numbering's compiled copy of the library's
  rules, and the library itself only for non-geographic codes and for the
  "foreign number without country code" retry);
* warm: 2,000 distinct inputs checked 20 times each, as when many learners
  type the same examples (results are cached, 4,096 entries);
* library only: phonenumbers.parse + is_valid_number + number_type + two
  format_number calls, for comparison.
"""

from __future__ import annotations

import os
import random
import statistics
import string
import time

import phonenumbers

from benchmarks.timing import report, time_calls
from course.sim.numbers import number_checker as numbers
from course.sim.numbers.fictional import fictional_example, kinds

TARGET_PER_SECOND = 20_000
FULL_WIDTH = str.maketrans({str(d): chr(0xFF10 + d) for d in range(10)})


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _fictional(rng: random.Random) -> str:
    number = fictional_example(rng.choice(kinds()), rng.randrange(10**7))
    style = rng.random()
    if style < 0.2 and not number.startswith("+"):
        return number.replace("-", "")
    if style < 0.3 and not number.startswith("+"):
        return "+81 " + number[1:]
    return number


def _ordinary(rng: random.Random) -> str:
    kind = rng.random()
    tail = f"{_digits(rng, 3)}-{_digits(rng, 4)}"
    if kind < 0.6:
        return f"0{rng.choice('789')}0-{rng.choice('123456789')}{tail}"
    if kind < 0.8:
        return f"0{rng.choice('36')}-{rng.choice('23456789')}{tail}"
    if kind < 0.9:
        return f"050-{rng.choice('123456789')}{tail}"
    return f"0120-{_digits(rng, 3)}-{_digits(rng, 3)}"


def _mistake(rng: random.Random) -> object:
    base = fictional_example("mobile", rng.randrange(10**7))
    choice = rng.randrange(12)
    return [
        lambda: base.translate(FULL_WIDTH).replace("-", "－"),
        lambda: base.replace("-", "ー"),
        lambda: "+81 " + base,
        lambda: f"080-0{_digits(rng, 3)}-{_digits(rng, 4)}",
        lambda: "010-" + base,
        lambda: f"07700 900{_digits(rng, 3)}",
        lambda: base[:-1],
        lambda: base + rng.choice(string.digits),
        lambda: base[:-4] + "ABCD",
        lambda: "📱" + base,
        lambda: rng.choice(["", "   ", None, 12345, "9" * 200]),
        lambda: f"202-555-01{_digits(rng, 2)}",
    ][choice]()


def mix(count: int, seed: int = 2026) -> list[object]:
    rng = random.Random(seed)
    out: list[object] = []
    while len(out) < count:
        roll = rng.random()
        out.append(_fictional(rng) if roll < 0.4 else _ordinary(rng) if roll < 0.7
                   else _mistake(rng))
    return out


def _clear() -> None:
    numbers._check_text.cache_clear()
    numbers._library_reading.cache_clear()


def _check_all(inputs: list[object]) -> None:
    for value in inputs:
        numbers.check_number(value)


def _library_all(inputs: list[object]) -> None:
    for value in inputs:
        if not isinstance(value, str):
            continue
        try:
            parsed = phonenumbers.parse(value, "JP")
        except phonenumbers.NumberParseException:
            continue
        phonenumbers.is_valid_number(parsed)
        phonenumbers.number_type(parsed)
        phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)


def _rates(label: str, inputs: list[object], run, rounds: int, cold: bool
           ) -> tuple[float, float]:
    """Numbers per second over several rounds: best and median, wall clock and CPU time.

    The best round is the machine's capacity; the median shows how much other
    work on the machine (e.g. parallel test runs) slowed the rest. CPU time
    counts only the time this process ran, so it is the steadier figure on a
    shared machine.
    """
    wall_rates, cpu_rates = [], []
    for _ in range(rounds):
        if cold:
            _clear()
        wall, cpu = time.perf_counter(), time.process_time()
        run(inputs)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        wall_rates.append(len(inputs) / wall)
        cpu_rates.append(len(inputs) / max(cpu, 1e-9))
    print(f"{label}: best {max(wall_rates):,.0f}/s, median {statistics.median(wall_rates):,.0f}/s "
          f"wall; best {max(cpu_rates):,.0f}/s CPU ({rounds} rounds of {len(inputs):,})",
          flush=True)
    return max(wall_rates), max(cpu_rates)


def main() -> None:
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    inputs = mix(10_000)
    numbers.check_number("090-0123-4567")  # load policies, catalogs and compiled metadata
    cold_wall, cold_cpu = _rates("check_number, cold (every input new, cache cleared)", inputs,
                                 _check_all, rounds=7, cold=True)
    repeated = [inputs[i % 2000] for i in range(40_000)]
    _rates("check_number, warm (40,000 checks of 2,000 distinct inputs)", repeated, _check_all,
           rounds=3, cold=False)
    _rates("phonenumbers alone (parse, validate, type, 2 formats)", inputs[:5000],
           _library_all, rounds=3, cold=False)
    report("check_number, one cold input", time_calls(
        lambda: (_clear(), numbers.check_number(inputs[0])), 2000))

    def verdict(rate: float) -> str:
        return "meets" if rate >= TARGET_PER_SECOND else "misses"

    print(f"target {TARGET_PER_SECOND:,}/s cold: wall clock {verdict(cold_wall)} it, "
          f"CPU time {verdict(cold_cpu)} it; load average after: {os.getloadavg()[0]:.1f}",
          flush=True)
