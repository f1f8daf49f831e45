"""App mode (``python -m course app``) in a real browser.

- first widget visible after navigation (target: median at most 3 s on the
  2-core machine): from ``page.goto`` to the first simulator or quiz on screen;
- click to updated text (target: p95 at most 300 ms): inside the page, from a
  click on a quiz's Check button to the kernel's new verdict on screen, and from
  a click on the simulated phone's "+30 s" to its redrawn screen, the whole
  round trip through the kernel;
- memory of one app kernel with the course imported (RSS and PSS of the
  kernel processes after a lesson has rendered).

Starts the app on a loopback port in a temporary folder (as the browser tests
do), headless Debian chromium. Needs /usr/bin/chromium and playwright (the test
extra); skipped with a reason otherwise.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.bench_browser_click import _TIME_ONE_CLICK as TIME_CONTROL
from benchmarks.timing import report

LESSONS = ("00_start_here", "03_sms_codes", "04_errors_and_accounts_per_number",
           "06_two_factor_and_life_without_sms", "08_scams_and_official_support")
ROUNDS = 2  # each lesson opened this many times (kernels and browser warm after the first)
CLICKS = 14

# Picks another answer, clicks Check, resolves with the milliseconds until the verdict differs.
_TIME_ONE_CLICK = """
async (index) => {
  const question = document.querySelector('.course-selfcheck .course-question-single-choice');
  const radios = [...question.querySelectorAll('input[type=radio]')];
  const button = [...question.querySelectorAll('button')].find(
      b => b.textContent.trim() === '答え合わせ');
  radios[index % radios.length].click();  // another answer each time: the verdict changes
  await new Promise(resolve => {  // settle: nothing changes in the question for 400 ms
    let timer = setTimeout(done, 400);
    const calm = new MutationObserver(() => {
      clearTimeout(timer); timer = setTimeout(done, 400);
    });
    function done() { calm.disconnect(); resolve(); }
    calm.observe(question, {subtree: true, childList: true, characterData: true,
                            attributes: true});
  });
  const verdict = () => [...question.querySelectorAll('[role=status]')]
      .map(e => e.innerText).join('|');
  const before = verdict();
  const start = performance.now();
  return await new Promise(resolve => {
    const observer = new MutationObserver(() => {
      const now = verdict();
      if (now !== before && /[✔✘]/.test(now)) {  // the kernel's new verdict is on screen
        observer.disconnect(); resolve(performance.now() - start);
      }
    });
    observer.observe(question, {subtree: true, childList: true, characterData: true});
    setTimeout(() => { observer.disconnect(); resolve(-2); }, 10000);
    button.click();
  });
}
"""


def _memory_kib(pid: str) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB, from /proc."""
    rss = pss = 0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1])
        elif line.startswith("Pss:"):
            pss = int(line.split()[1])
    return rss, pss


def _kernel_pids(server_pid: int) -> list[str]:
    children = Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split()
    return [pid for pid in children
            if b"ipykernel" in Path(f"/proc/{pid}/cmdline").read_bytes()]


def main() -> None:
    try:
        from playwright.sync_api import sync_playwright

        from tests.browser.app_server import ALL_RAN, start_app
        from tests.browser.lab import CHROMIUM, CHROMIUM_ARGS
    except ImportError as exc:
        print(f"skipped: {exc} (install the test extra)")
        return
    if not os.path.exists(CHROMIUM):
        print(f"skipped: {CHROMIUM} is missing (Debian: apt-get install chromium)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        app = start_app(Path(tmp))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                     args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                first_widget, memory = [], []
                for round_number in range(ROUNDS):
                    for stem in LESSONS:
                        start = time.perf_counter()
                        page.goto(app.lesson_url("ja", stem), wait_until="commit")
                        page.locator(".course-simulator, .course-selfcheck").first.wait_for(
                            state="visible", timeout=120_000)
                        first_widget.append(time.perf_counter() - start)
                        if round_number == ROUNDS - 1:  # the newest kernel is this page's
                            page.wait_for_function(ALL_RAN, timeout=120_000, polling=100)
                            newest = max(_kernel_pids(app.process.pid), key=int)
                            memory.append((stem, *_memory_kib(newest)))
                report("app lesson: navigation to first widget visible", first_widget)
                print(f"  first round {statistics.median(first_widget[:len(LESSONS)]):.2f} s"
                      f" median, later rounds "
                      f"{statistics.median(first_widget[len(LESSONS):]):.2f} s median")
                page.goto(app.lesson_url("ja", "03_sms_codes"))
                page.locator(".course-selfcheck .course-question-single-choice").first.wait_for(
                    timeout=120_000)
                clicks = [page.evaluate(_TIME_ONE_CLICK, i) for i in range(CLICKS + 2)][2:]
                if min(clicks) < 0:
                    raise RuntimeError(f"a click changed nothing: {clicks}")
                report("app lesson: click Check to updated verdict",
                       [c / 1000 for c in clicks])
                phone = [page.evaluate(TIME_CONTROL, [".course-phone", "button", "+30秒進める"])
                         for _ in range(CLICKS + 2)][2:]
                if min(phone) < 0:
                    raise RuntimeError(f"a click changed nothing: {phone}")
                report("app lesson: simulated phone +30 s to updated screen",
                       [c / 1000 for c in phone])
                rss = [r for _, r, _ in memory]
                print(f"app kernel memory (course imported, one kernel per page): RSS median "
                      f"{statistics.median(rss) / 1024:.0f} MiB, max {max(rss) / 1024:.0f} MiB; "
                      + ", ".join(f"{stem[:2]} {r / 1024:.0f}/{p / 1024:.0f}"
                                  for stem, r, p in memory) + " (RSS/PSS MiB)", flush=True)
                browser.close()
        finally:
            app.stop()
