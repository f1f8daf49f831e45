"""Kernel-side cost of every two-factor lab callback, and of the timeline redraw.

Callbacks are timed with the timeline figure switched off (drawing is timed
on its own), on a simulated clock, with the backup-code hash cost from policy.
Budgets: a callback at most 50 ms at the 95th percentile; a redraw at most 200 ms.
Only the click itself is timed; the steps that lead up to it are not.

Each line also gives the 95th percentile of CPU time (``time.process_time``):
on a shared, busy machine wall time includes waiting for a core, CPU time
does not, so the two together tell a slow callback from a crowded machine.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import date
from itertools import count, cycle

from benchmarks.timing import percentile, report
from course.sim.core.clock import SimulatedClock
from course.ui.twofactor_lab import AppSetupLab, AttackLab, TwoFactorLab

REPEAT = 200
SLOW_REPEAT = 60  # the steps that hash backup codes (PBKDF2, 20,000 rounds each)


def timed(prepare: Callable[[], object], action: Callable[[], object],
          repeat: int) -> tuple[list[float], list[float]]:
    """Run ``prepare`` (not timed) then ``action`` (timed), ``repeat`` times, after
    three untimed warm-up rounds; return wall and CPU durations in seconds."""
    for _ in range(3):
        prepare()
        action()
    wall, cpu = [], []
    for _ in range(repeat):
        prepare()
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def time_calls(action: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    return timed(lambda: None, action, repeat)


def show(label: str, measured: tuple[list[float], list[float]]) -> None:
    wall, cpu = measured
    report(label, wall)
    print(f"    cpu p95 {percentile(cpu, 95) * 1e3:.2f} ms", flush=True)


def _lab(seed: int = 1) -> AppSetupLab:
    sim = AppSetupLab("ja", rng=random.Random(seed), clock=SimulatedClock())
    sim.show_timeline.value = False
    return sim


def _scanned(sim: AppSetupLab) -> None:
    sim.make_qr.click()
    sim.scan.click()
    sim.code.value = sim.result.app_code


def _switched_on(sim: AppSetupLab) -> tuple[str, ...]:
    _scanned(sim)
    sim.check.click()
    codes = sim.result.backup_codes
    sim.saved.value = True
    sim.hide_codes.click()
    return codes


def _set_up_callbacks() -> None:
    sim = _lab()
    show("make QR code (secret, URI, QR SVG)", time_calls(sim.make_qr.click, REPEAT))
    show("scan with the simulated app", time_calls(sim.scan.click, REPEAT))
    show("look at the app again", time_calls(sim.look.click, REPEAT))
    show("clock +30 s", time_calls(sim.forward[30].click, REPEAT))

    wrong_so_far = count()

    def fresh_key_before_lockout() -> None:  # four wrong codes per key: never locked out
        sim.code.value = "000000"
        if next(wrong_so_far) % 4 == 0:
            sim.make_qr.click()

    show("check a wrong code", timed(fresh_key_before_lockout, sim.check.click, REPEAT))
    show("check the right code (turns 2FA on, issues the backup code)",
           timed(lambda: _scanned(sim), sim.check.click, SLOW_REPEAT))

    def codes_on_screen() -> None:
        _scanned(sim)
        sim.check.click()
        sim.saved.value = True

    show("hide the backup codes", timed(codes_on_screen, sim.hide_codes.click, SLOW_REPEAT))

    def app_code_ready() -> None:
        if sim.result.stage not in ("active",):
            _switched_on(sim)
        sim.forward[30].click()
        sim.login_method.value = "totp"
        sim.login_code.value = sim.result.app_code

    show("log in with an app code", timed(app_code_ready, sim.log_in.click, REPEAT))

    def backup_code_ready() -> None:
        codes = _switched_on(sim)
        sim.login_method.value = "backup_code"
        sim.login_code.value = codes[0]

    show("log in with a backup code (hash check)",
           timed(backup_code_ready, sim.log_in.click, SLOW_REPEAT))
    show("use the same backup code again (refused)",
           timed(lambda: None, sim.log_in.click, REPEAT))
    show("start again", time_calls(sim.restart.click, REPEAT))


def _attack_callbacks() -> None:
    sim = AttackLab("ja")
    show("next step", time_calls(sim.next.click, REPEAT))
    show("show all steps", time_calls(sim.all.click, REPEAT))
    show("from the beginning (runs the attack)", time_calls(sim.again.click, REPEAT))
    methods = cycle(["sms", "totp", "security_key", "backup_code", "none"])
    show("choose a method (runs the attack)",
           time_calls(lambda: setattr(sim.method, "value", next(methods)), REPEAT))
    attacks = cycle(["relay", "sim_swap"])
    show("choose an attack (runs the attack)",
           time_calls(lambda: setattr(sim.attack, "value", next(attacks)), REPEAT))
    sim.attack.value = "relay"
    sim.method.value = "backup_code"
    delays = cycle([5, 60, 120, 900])
    show("choose a relay delay (relay against backup codes)",
           time_calls(lambda: setattr(sim.delay, "value", next(delays)), REPEAT))
    sim.day.value = date(2023, 3, 1)
    show("check the SMS rule for a day", time_calls(sim.check_rule.click, REPEAT))


def _plot_redraw() -> None:
    sim = AppSetupLab("ja", rng=random.Random(1), clock=SimulatedClock())
    sim.make_qr.click()
    show("timeline redraw (figure, PNG, HTML)", time_calls(sim.redraw_timeline, 60))
    sim.show_timeline.value = False
    toggle = cycle([True, False])
    show("timeline switched on/off (redraw or clear)",
           time_calls(lambda: setattr(sim.show_timeline, "value", next(toggle)), 60))


def _build() -> None:
    show("build AppSetupLab", time_calls(lambda: AppSetupLab("ja"), 20))
    show("build AttackLab (attack table cached after the first build)",
           time_calls(lambda: AttackLab("ja"), 20))
    show("build TwoFactorLab", time_calls(lambda: TwoFactorLab("ja"), 20))


def main() -> None:
    _set_up_callbacks()
    _attack_callbacks()
    _plot_redraw()
    _build()
