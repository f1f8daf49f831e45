"""The course as an app (Voilà), in headless Debian chromium.

One app server and one browser serve every test here (the module's fixtures;
pytest-xdist keeps a file on one worker). Every lesson, ja and en, most of
them reached by the previous lesson's "next" link: rendered, no code and no
error in the page, one real click answered by the kernel, axe-core finds no
serious or critical violation, the kernel of a lesson left behind is shut down,
and no request goes anywhere but the loopback address. Then: the language
chosen on the home page is the language of the lessons it opens; two app
windows answering at once lose no answer; a lesson that fails shows the
course's message, not a traceback; a closed page's kernel is shut down.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Page, expect

from course.paths import data_path
from course.progress.store import ProgressStore
from tests.browser.app_server import ALL_RAN, BROKEN, AppServer, poll, start_app
from tests.browser.axe import axe_violations, require_axe
from tests.browser.notebook_page import keep_screenshot

pytestmark = pytest.mark.browser
WAIT = 120_000  # a lesson runs every cell before it shows; the machine may be busy
WALKERS = 3  # lessons loading at once: their kernels run side by side
COURSE = yaml.safe_load(data_path("course.yaml").read_text(encoding="utf-8"))["notebooks"]
LESSONS = [n["stem"] for n in COURSE if n["status"] == "available"]
TITLE = {n["stem"]: n["title"] for n in COURSE}
CHECK = {"ja": "答え合わせ", "en": "Check"}
CODE = (".jp-InputArea-editor, .jp-InputPrompt, .cm-editor, .jp-CodeMirrorEditor, "
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], "
        ".course-app-error")
NOT_FOR_LEARNERS = re.compile(r"from course|setup\(|assert |Traceback|Error:|course-check|"
                              r"コースの自動テスト用|automatic tests")


@pytest.fixture(scope="module")
def app(browser, tmp_path_factory: pytest.TempPathFactory):
    server = start_app(tmp_path_factory.mktemp("app"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def requests_seen() -> list[str]:
    return []


@pytest.fixture(scope="module")
def context(browser, requests_seen):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    context.set_default_timeout(WAIT)
    context.on("request", lambda request: requests_seen.append(request.url))
    try:
        yield context
    finally:
        context.close()


def _rendered(page: Page) -> None:
    """Every cell has run: the page is there (its navigation bar) and no cell still
    waits for its output (Voilà's placeholder while it renders progressively)."""
    expect(page.locator(".course-app-nav-top")).to_be_visible(timeout=WAIT)
    page.wait_for_function(ALL_RAN, timeout=WAIT, polling=100)


# Radio options whose text overlaps the next option, or whose button sits outside
# its own option (a long answer wrapping over the next one in a fixed-height row).
OVERLAPPING_OPTIONS = """() => {
  const bad = [];
  for (const box of document.querySelectorAll('.widget-radio-box')) {
    const labels = [...box.querySelectorAll('label')].filter(l => l.offsetParent);
    labels.forEach((label, i) => {
      const r = label.getBoundingClientRect();
      const input = label.querySelector('input').getBoundingClientRect();
      const next = labels[i + 1] && labels[i + 1].getBoundingClientRect();
      if (input.top < r.top - 1 || input.bottom > r.bottom + 1
          || r.height + 1 < label.scrollHeight || (next && next.top < r.bottom - 1)) {
        bad.push(label.textContent.slice(0, 40));
      }
    });
  }
  return bad;
}"""


def _answer_first_choice(page: Page, lang: str) -> None:
    """Pick the first answer of the first single-choice question, press Check, and
    wait for the verdict only the kernel's callback writes."""
    question = page.locator(".course-selfcheck .course-question-single-choice").first
    question.get_by_role("radio").first.check()
    question.get_by_role("button", name=CHECK[lang]).click()
    expect(question.get_by_role("status").first).to_contain_text(re.compile("[✔✘]"),
                                                                 timeout=WAIT)


def _check_lesson(page: Page, lang: str, stem: str) -> None:
    _rendered(page)
    assert page.locator("html").get_attribute("lang") == lang
    expect(page.locator(".course-simulator, .course-selfcheck").first).to_be_visible(
        timeout=WAIT)
    assert page.locator(CODE).count() == 0, f"{lang}/{stem}: code or an error is shown"
    text = page.locator("#rendered_cells").inner_text()
    assert not NOT_FOR_LEARNERS.search(text), f"{lang}/{stem}: {NOT_FOR_LEARNERS.search(text)}"
    assert page.evaluate(OVERLAPPING_OPTIONS) == [], f"{lang}/{stem}: options overlap"
    _answer_first_choice(page, lang)
    if stem != LESSONS[-1]:
        following = LESSONS[LESSONS.index(stem) + 1]
        assert page.locator(".course-app-next").first.get_attribute("href") == \
            f"{following}.ipynb"
    violations = axe_violations(page, "#rendered_cells")
    assert violations == [], f"{lang}/{stem}: {violations}"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_lesson_shows_no_code_answers_a_click_and_stays_on_this_computer(
        app: AppServer, context, requests_seen, lang):
    require_axe()
    # WALKERS windows, each through a run of consecutive lessons: the first opened by
    # its address, the others by the lesson's "next" link, as a learner goes on.
    size = -(-len(LESSONS) // WALKERS)
    walks = [LESSONS[start:start + size] for start in range(0, len(LESSONS), size)]
    pages = [context.new_page() for _ in walks]
    for page, walk in zip(pages, walks, strict=True):
        page.goto(app.lesson_url(lang, walk[0]), wait_until="commit")
    for step in range(size):
        for page, walk in zip(pages, walks, strict=True):
            if step >= len(walk):
                continue
            page.wait_for_url(app.lesson_url(lang, walk[step]), wait_until="commit")
            # the window in front, as the learner's: a background one paints no frames,
            # and every click there first waits a second or two for one
            page.bring_to_front()
            _check_lesson(page, lang, walk[step])
            if step + 1 < len(walk):
                page.locator(".course-app-next").first.click()
    # leaving a lesson by its link ended its kernel: only the open lessons' are left
    assert poll(lambda: app.kernels() <= len(pages), seconds=30), app.kernels()
    for page in pages:
        page.close(run_before_unload=True)
    outside = sorted({urlsplit(u).netloc for u in requests_seen} - {f"127.0.0.1:{app.port}"})
    assert outside == [], f"requests left the machine: {outside}"


def test_english_chosen_on_the_home_page_is_the_language_of_the_lessons(app, context):
    page = context.new_page()
    page.goto(app.url)
    home = page.locator(".course-home")
    expect(home).to_be_visible(timeout=WAIT)
    expect(home.get_by_label("日本語")).to_be_checked(timeout=WAIT)
    assert page.locator("h1").first.inner_text() == "X の電話番号とアカウントの安全"
    home.get_by_label("English").check()
    expect(home.locator("caption")).to_have_text("The lessons of the course and your progress",
                                                 timeout=WAIT)
    assert axe_violations(page, "#rendered_cells") == []
    keep_screenshot(page, "app_home_en.png")
    home.get_by_role("link", name=f"03 {TITLE['03_sms_codes']['en']}").click()
    _rendered(page)
    assert page.url == app.lesson_url("en", "03_sms_codes")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").first.inner_text() == TITLE["03_sms_codes"]["en"]
    keep_screenshot(page, "app_03_sms_codes_en.png")
    page.locator(".course-app-home").first.click()  # back home: still English
    expect(page.locator(".course-home caption")).to_have_text(
        "The lessons of the course and your progress", timeout=WAIT)
    expect(page.locator(".course-home").get_by_label("English")).to_be_checked(timeout=WAIT)
    page.close(run_before_unload=True)


def test_two_app_windows_answering_at_once_lose_no_answer(app: AppServer, context):
    store = ProgressStore(app.progress / "progress.sqlite")
    learner = store.learner()

    def attempts() -> list[int]:
        return sorted(r.attempt for r in store.rows(learner)
                      if r.quiz == "00_start_here" and r.mode == "self_check")

    before = attempts()
    windows = [context.new_page() for _ in range(2)]
    for page in windows:
        page.goto(app.lesson_url("ja", "00_start_here"), wait_until="commit")
    for page in windows:
        _rendered(page)
    buttons = []
    for page in windows:
        page.bring_to_front()  # the window the learner works in (see the test above)
        question = page.locator(".course-selfcheck .course-question-single-choice").first
        question.get_by_role("radio").first.check()
        buttons.append((page, question.get_by_role("button", name=CHECK["ja"])))
    rounds = 4
    for _ in range(rounds):  # both windows press Check, one right after the other
        for page, button in buttons:
            page.bring_to_front()
            button.click(no_wait_after=True)
    expected = len(before) + rounds * len(windows)
    poll(lambda: len(attempts()) >= expected, seconds=60)
    got = attempts()
    assert len(got) == expected and len(set(got)) == len(got), got  # none lost, none doubled
    for page in windows:
        page.close(run_before_unload=True)


def test_a_failing_lesson_shows_the_course_message_and_its_kernel_ends_with_the_page(
        app: AppServer, context):
    # every page closed so far had its kernel shut down
    assert poll(lambda: app.kernels() == 0, seconds=30), app.kernels()
    page = context.new_page()
    page.goto(app.lesson_url("ja", BROKEN))
    alert = page.locator(".course-app-error")
    expect(alert).to_be_visible(timeout=WAIT)
    expect(alert).to_contain_text("この回の一部を表示できませんでした", timeout=WAIT)
    text = page.locator("body").inner_text()
    assert "Traceback" not in text and "boom" not in text and "RuntimeError" not in text
    assert app.kernels() == 1
    page.close(run_before_unload=True)  # its unload beacon asks for a shutdown
    assert poll(lambda: app.kernels() == 0, seconds=30), app.kernels()
