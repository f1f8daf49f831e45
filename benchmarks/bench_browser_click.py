"""Click to updated text in a real browser (target: p95 at most 300 ms).

Starts the course's JupyterLab on a loopback port in a temporary folder, opens a
scratch notebook per simulator in headless chromium, and times, inside the page,
the interval from a click on a control to the moment the simulator's visible text
has changed: the whole round trip through the kernel's callback and the widget
front end. Needs /usr/bin/chromium and playwright (the test extra); skipped
with a reason otherwise.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.timing import report

REPEAT = 12

# Clicks the control, then resolves with the milliseconds until the root's text differs.
_TIME_ONE_CLICK = """
async ([selector, role, name]) => {
  const root = document.querySelector(selector);
  const controls = role === 'button'
    ? [...root.querySelectorAll('button')]
    : [...root.querySelectorAll('label')].map(l => l.control || l.querySelector('input'));
  const label = c => role === 'button' ? c.textContent.trim()
    : (c.labels && c.labels[0] ? c.labels[0].textContent.trim() : '');
  const control = controls.find(c => c && label(c) === name);
  if (!control) return -1;
  const before = root.innerText;
  const start = performance.now();
  return await new Promise(resolve => {
    const observer = new MutationObserver(() => {
      if (root.innerText !== before) { observer.disconnect(); resolve(performance.now() - start); }
    });
    observer.observe(root, {subtree: true, childList: true, characterData: true});
    setTimeout(() => { observer.disconnect(); resolve(-2); }, 10000);
    control.click();
  });
}
"""


@dataclass(frozen=True)
class Case:
    """One simulator and one control whose every click changes the text shown."""

    label: str
    code: str
    selector: str
    role: str  # "button" or "checkbox"
    name: str


CASES = (
    Case("two-factor lab: clock +30 s (new code)", "from course.ui.twofactor_lab import "
         "TwoFactorLab\nTwoFactorLab().widget", ".course-twofactor-lab", "button",
         "時計を30秒進める"),
    Case("simulated phone: +30 s", "from course.ui.simulated_phone import SimulatedPhone\n"
         "SimulatedPhone().widget", ".course-phone", "button", "+30秒進める"),
    Case("SMS lab: another card", "from course.ui.sms_lab import SmsLab\nSmsLab().widget",
         ".course-sms-lab", "button", "別のカード"),
    Case("accounts explorer: +30 days", "from course.ui.accounts_explorer import "
         "AccountsExplorer\nAccountsExplorer().widget", ".course-accounts", "button", "+30日"),
    Case("discoverability explorer: toggle find-by-phone (graph redrawn)",
         "from course.ui.discoverability_explorer import DiscoverabilityExplorer\n"
         "DiscoverabilityExplorer().widget", ".course-discoverability", "checkbox",
         "電話番号の照合と通知を許可する"),
)


def _measure(page, lab, case: Case, index: int) -> list[float]:
    from tests.browser.notebook_page import open_notebook, run_all_cells
    from tests.browser.scratch_notebook import write_notebook

    path = write_notebook(lab.root, f"bench_{index}", ['from course import setup\nsetup("ja")',
                                                       case.code])
    open_notebook(page, lab.url, path)
    run_all_cells(page)
    page.locator(case.selector).first.wait_for(timeout=120_000)
    page.wait_for_timeout(1000)
    durations = []
    for _ in range(REPEAT + 2):
        elapsed = page.evaluate(_TIME_ONE_CLICK, [case.selector, case.role, case.name])
        if elapsed < 0:
            raise RuntimeError(f"{case.label}: control not found or no change ({elapsed})")
        durations.append(elapsed / 1000)
        page.wait_for_timeout(100)
    return durations[2:]  # the first two clicks warm up the comm channel


def main() -> None:
    try:
        from playwright.sync_api import sync_playwright

        from tests.browser.lab import CHROMIUM, CHROMIUM_ARGS, start_lab
    except ImportError as exc:
        print(f"skipped: {exc} (install the test extra)")
        return
    if not os.path.exists(CHROMIUM):
        print(f"skipped: {CHROMIUM} is missing (Debian: apt-get install chromium)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        lab = start_lab(Path(tmp))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                for index, case in enumerate(CASES):
                    report(f"{case.label} (click to text)", _measure(page, lab, case, index))
                browser.close()
        finally:
            lab.stop()
