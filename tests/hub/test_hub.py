"""A real JupyterHub with the results service: learners answer through their own
servers and kernels, the instructor's dashboard shows exactly those answers, the
service refuses what it must, and nothing is lost when the service or the hub
restarts.

One hub for the whole module (``conftest.hub``); the fault tests come last
because they restart parts of it.
"""

from __future__ import annotations

import json
import os
import signal
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.hub.conftest import INSTRUCTOR, LEARNERS
from tests.hub.hubserver import PASSWORD, Hub

# Each learner answers some questions of 03 in workshop mode, in this order.
ANSWERS = {
    "alice": [("sms-code-digits", "six"), ("sms-code-single-use", "true"),
              ("sms-latest-code", "newest")],
    "bob": [("sms-code-digits", "four"), ("sms-code-digits", "six"),
            ("sms-airplane-word", "airplane mode")],
    "carol": [("sms-code-digits", "eight"), ("sms-attempt-limit", ["guessable", "nist"])],
}
KERNEL_SETUP = """
import json
from course.ui.quiz import Quiz
quiz = Quiz("03_sms_codes", "en")
assert quiz.session.mode == "workshop" and quiz.sender is not None, "not on the hub"
def answer(pairs):
    for question, value in pairs:
        assert quiz.answer(question, value).saved
def rows():
    return [dict(r.as_dict(), learner=None) for r in quiz.session.store.rows(mode="workshop")]
"""


def api(hub: Hub, path: str, token: str | None, method: str = "GET", body: bytes | None = None
        ) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"token {token}"
    request = urllib.request.Request(hub.service_url + path, data=body, method=method,
                                     headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            text = response.read().decode()
            return response.status, (json.loads(text) if text.startswith("{") else
                                     {"text": text})
    except urllib.error.HTTPError as exc:
        text = exc.read().decode()
        return exc.code, (json.loads(text) if text.startswith("{") else {"text": text})


@pytest.fixture(scope="module")
def kernels(hub: Hub) -> dict[str, str]:
    """One kernel per learner, started and set up in parallel (as a class would)."""
    from concurrent.futures import ThreadPoolExecutor

    def start(name: str) -> str:
        kernel = hub.start_kernel(name)
        hub.execute(name, kernel, KERNEL_SETUP)
        return kernel

    with ThreadPoolExecutor(len(LEARNERS)) as pool:
        return dict(zip(LEARNERS, pool.map(start, LEARNERS), strict=True))


@pytest.fixture(scope="module")
def tokens(hub: Hub) -> dict[str, str]:
    return {name: hub.user_token(name) for name in (*LEARNERS, INSTRUCTOR, "mallory")}


def local_rows(hub: Hub, kernels: dict[str, str], name: str) -> list[dict]:
    return json.loads(hub.execute(name, kernels[name], "print(json.dumps(rows()))"))


def service_rows(hub: Hub, tokens: dict[str, str], learner: str | None = None) -> list[dict]:
    query = "api/answers?all=1" if learner is None else f"api/answers?learner={learner}"
    status, body = api(hub, query, tokens[INSTRUCTOR])
    assert status == 200, body
    return body["rows"]


def flush(hub: Hub, kernels: dict[str, str], name: str, seconds: float = 30) -> None:
    assert hub.execute(name, kernels[name],
                       f"print(quiz.sender.flush({seconds}))").strip() == "True"


def test_each_learner_answers_in_their_own_kernel_and_the_dashboard_shows_exactly_that(
        hub, kernels, tokens):
    for name, pairs in ANSWERS.items():
        hub.execute(name, kernels[name], f"answer({pairs!r})")
    for name in ANSWERS:
        flush(hub, kernels, name)
    for name in ANSWERS:
        mine = {(r["question"], r["attempt"], r["answer"], r["score"])
                for r in local_rows(hub, kernels, name)}
        theirs = {(r["question"], r["attempt"], r["answer"], r["score"])
                  for r in service_rows(hub, tokens, name)}
        assert mine == theirs and len(mine) == len(ANSWERS[name])
    everyone = service_rows(hub, tokens)
    assert sorted({r["learner"] for r in everyone}) == sorted(ANSWERS)
    assert len(everyone) == sum(map(len, ANSWERS.values()))
    # The learner sees in the quiz that the answers arrived.
    status = hub.execute("bob", kernels["bob"], "print(quiz.delivery.value)")
    assert "Your 3 answer(s) have reached the instructor" in status
    # The dashboard (fragment) counts exactly these learners and answers.
    status, body = api(hub, "live?lang=en", tokens[INSTRUCTOR])
    assert status == 200
    assert f"{len(ANSWERS)} learner(s), {len(everyone)} answer(s)" in body["text"]
    assert "typed “airplane mode”" in body["text"]


def test_a_learner_reads_only_their_own_rows_and_cannot_write_as_another(hub, tokens):
    status, body = api(hub, "api/answers?learner=bob", tokens["alice"])
    assert status == 403 and body["error"] == "not_yours"
    assert "Only instructors" in body["message"]["en"]
    status, body = api(hub, "api/answers?all=1", tokens["alice"])
    assert status == 403
    status, mine = api(hub, "api/answers", tokens["alice"])
    assert status == 200 and {r["learner"] for r in mine["rows"]} == {"alice"}
    forged = {"rows": [{"learner": "bob", "quiz": "03_sms_codes", "question": "sms-code-digits",
                        "answer": '"six"', "attempt": 9, "answered_at": "2026-01-06T10:00:00Z",
                        "mode": "workshop"}]}
    status, body = api(hub, "api/answers", tokens["alice"], "POST", json.dumps(forged).encode())
    assert status == 403 and body["error"] == "other_learner"
    assert all(r["attempt"] != 9 for r in service_rows(hub, tokens, "bob"))


def test_no_token_or_a_wrong_token_is_refused(hub):
    for token in (None, "not-a-token"):
        status, body = api(hub, "api/answers", token)
        assert status == 403 and body["error"] == "no_identity"
        status, _ = api(hub, "api/answers", token, "POST", b'{"rows": []}')
        assert status == 403


def test_a_forged_score_is_graded_again_and_flagged(hub, tokens):
    forged = {"rows": [{"quiz": "03_sms_codes", "question": "sms-code-digits", "answer": '"four"',
                        "score": 1.0, "attempt": 1, "answered_at": "2026-01-06T10:00:00Z",
                        "mode": "workshop"}]}
    status, body = api(hub, "api/answers", tokens["mallory"], "POST",
                       json.dumps(forged).encode())
    assert status == 200 and body["results"][0] == {
        "status": "stored", "score": 0.0, "regraded": True, "invalid": None}
    stored = service_rows(hub, tokens, "mallory")
    assert [(r["answer"], r["score"], r["regraded"]) for r in stored] == [('"four"', 0.0, True)]
    status, page = api(hub, "live?lang=en", tokens[INSTRUCTOR])
    assert "arrived with a score the course does not give" in page["text"]
    assert "mallory" in page["text"]


@pytest.mark.parametrize("body, code", [
    (b"x" * (300 * 1024), "too_big"), (b"{oops", "not_json"), (b'{"rows": 3}', "no_rows")])
def test_an_oversized_or_malformed_body_is_a_400_with_a_message_and_the_service_goes_on(
        hub, tokens, body, code):
    status, reply = api(hub, "api/answers", tokens["mallory"], "POST", body)
    assert status == 400 and reply["error"] == code and reply["message"]["ja"]
    status, _ = api(hub, "api/answers", tokens["mallory"])
    assert status == 200


@pytest.mark.browser  # chromium: make check (-m "not browser") leaves it out
def test_markup_in_an_answer_is_inert_on_the_dashboard_in_a_real_browser(hub, tokens):
    from tests.browser.conftest import _require_browser

    _require_browser()
    from playwright.sync_api import sync_playwright

    from tests.browser.lab import CHROMIUM, CHROMIUM_ARGS

    markup = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
    rows = [{"quiz": "03_sms_codes", "question": q, "answer": json.dumps(markup), "attempt": 1,
             "answered_at": "2026-01-06T10:00:00Z", "mode": "workshop"}
            for q in ("sms-airplane-word", "sms-latest-code")]  # typed text; not an option
    status, _ = api(hub, "api/answers", tokens["mallory"], "POST",
                    json.dumps({"rows": rows}).encode())
    assert status == 200
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            page.set_default_timeout(30_000)
            page.goto(hub.url + "/hub/login")
            page.fill("#username_input", INSTRUCTOR)
            page.fill("#password_input", PASSWORD)
            page.click("#login_submit")
            page.wait_for_url(lambda url: "/hub/login" not in url)
            page.goto(hub.url + "/services/course-results/dashboard?lang=en")
            page.wait_for_selector("#live")
            text = page.inner_text("#live")
            assert '“<img src=x onerror="window.__pwned=1">' in text  # shown as text
            assert "Answers that are not valid for their question" in text
            assert page.locator("#live img, #live script").count() == 0
            # A refresh while the class works brings new rows in, still inert.
            later = dict(rows[0], attempt=2)
            api(hub, "api/answers", tokens["mallory"], "POST",
                json.dumps({"rows": [later]}).encode())
            deadline = time.monotonic() + 20
            while "2 answer(s)" not in page.inner_text("#live") and "Updated" not in \
                    page.inner_text("#status"):
                assert time.monotonic() < deadline, page.inner_text("#status")
                time.sleep(0.3)
            assert page.locator("#live img, #live script").count() == 0
            assert page.evaluate("window.__pwned") is None
            # A learner's browser is refused the dashboard.
            other = browser.new_page()
            other.goto(hub.url + "/hub/login")
            other.fill("#username_input", "alice")
            other.fill("#password_input", PASSWORD)
            other.click("#login_submit")
            other.wait_for_url(lambda url: "/hub/login" not in url)
            response = other.goto(hub.url + "/services/course-results/dashboard?lang=ja")
            assert response.status == 403 and "講師専用" in other.inner_text("body")
        finally:
            browser.close()


def test_releasing_from_the_dashboard_shows_learners_their_results(hub, kernels, tokens):
    form = b"quiz=03_sms_codes&lang=en"
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    status, _ = api(hub, "release", tokens["alice"], "POST", form)
    assert status == 403  # only instructors release
    request = urllib.request.Request(hub.service_url + "release", data=form, method="POST",
                                     headers={**headers,
                                              "Authorization": f"token {tokens[INSTRUCTOR]}"})
    with urllib.request.urlopen(request, timeout=20) as response:  # redirected to the page
        assert response.status == 200 and "Released" in response.read().decode()
    code = """
import time
deadline = time.monotonic() + 30
while not quiz.session.released and time.monotonic() < deadline:
    time.sleep(0.1)
print(quiz.session.released, "✔" in quiz.view("sms-code-digits").feedback.value,
      "The instructor released the answers" in quiz.notice.value)
"""
    assert hub.execute("alice", kernels["alice"], code).split() == ["True", "True", "True"]


def test_the_class_export_is_read_by_the_report_command(hub, tokens, tmp_path):
    from tests.helpers import run_course

    status, body = api(hub, "export.csv", tokens[INSTRUCTOR])
    assert status == 200 and body["text"].startswith("learner,quiz,question")
    (tmp_path / "class.csv").write_text(body["text"], encoding="utf-8")
    result = run_course("report", str(tmp_path / "class.csv"), env={"COURSE_LANG": "en"})
    assert result.returncode == 0, result.stderr
    assert "Quiz 03_sms_codes" in result.stdout and "not a valid answer" in result.stdout
    status, _ = api(hub, "export.csv", tokens["alice"])
    assert status == 403


def test_a_learner_lands_on_the_app_home_page_served_by_their_own_server(hub, tokens):
    """The hub's default URL is the app: Voilà in the learner's server, with the
    course's template (navigation, no code) and nothing fetched from a CDN."""
    from course.hub.config import DEFAULT_URL

    request = urllib.request.Request(f"{hub.url}/user/alice{DEFAULT_URL}",
                                     headers={"Authorization": f"token {tokens['alice']}"})
    with urllib.request.urlopen(request, timeout=90) as response:
        page = response.read().decode()
    assert response.status == 200 and "/user/alice/voila/" in response.url
    assert "course-app" in page, "the course's Voilà template was not used"
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page
    assert "course-check" not in page


def _pid_of_service(hub: Hub) -> int:
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if b"course.hub.service" in cmdline and str(hub.root).encode() in environ:
            return int(entry.name)
    raise LookupError("the results service is not running")


def _answer_all_of_00(hub: Hub, kernels: dict[str, str], name: str) -> None:
    hub.execute(name, kernels[name], """
more = Quiz("00_start_here", "en")
for question, value in [("start-run-cell", "shift-enter"), ("start-restart", "close-browser"),
                        ("start-switch-language", "language-switch")]:
    assert more.answer(question, value).saved
""")


def _assert_every_answer_arrived_once(hub, kernels, tokens) -> None:
    for name in LEARNERS:
        flush(hub, kernels, name, 60)
        mine = local_rows(hub, kernels, name)
        theirs = service_rows(hub, tokens, name)
        keys = [(r["quiz"], r["question"], r["mode"], r["attempt"]) for r in theirs]
        assert len(keys) == len(set(keys)), "a row arrived twice"
        assert {(r["quiz"], r["question"], r["attempt"], r["answer"]) for r in mine} == {
            (r["quiz"], r["question"], r["attempt"], r["answer"]) for r in theirs}


def test_the_service_killed_mid_class_comes_back_and_every_answer_arrives_once(
        hub, kernels, tokens):
    os.kill(_pid_of_service(hub), signal.SIGKILL)
    for name in LEARNERS:  # the class goes on answering while the service is down
        _answer_all_of_00(hub, kernels, name)
    waiting = hub.execute("alice", kernels["alice"], "print(quiz.sender.status().waiting)")
    assert int(waiting) > 0
    shown = hub.execute("alice", kernels["alice"], "print(more.delivery.value)")
    assert "have not reached the instructor yet" in shown
    deadline = time.monotonic() + 60
    while not hub.service_up():  # the hub restarts its managed service
        assert time.monotonic() < deadline, hub.log()
        time.sleep(0.3)
    _assert_every_answer_arrived_once(hub, kernels, tokens)


def test_after_a_hub_restart_learners_servers_keep_working_and_sending(hub, kernels, tokens):
    # Answers are scheduled in the kernel for a moment the hub is down.
    hub.execute("carol", kernels["carol"], """
import threading
threading.Timer(1.0, lambda: more.answer("start-where-english", "sibling-folder")).start()
""")
    hub.stop_hub()
    time.sleep(2.0)
    hub.start(instructors=(INSTRUCTOR,))
    # The servers were never stopped: the same kernels answer, through the new hub.
    for name in LEARNERS:  # a second attempt at a question of 00 (03 is released: locked)
        hub.execute(name, kernels[name], 'assert more.answer("start-run-cell", "ctrl-s").saved')
    _assert_every_answer_arrived_once(hub, kernels, tokens)
    carol = service_rows(hub, tokens, "carol")
    assert any(r["question"] == "start-where-english" for r in carol)
