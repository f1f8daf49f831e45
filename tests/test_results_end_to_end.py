"""From learners' answers to the instructor's report, through the real commands.

Five learners answer the course's first bank on their own computers (each with
their own progress folder): two through the quiz widget, three through
``QuizSession``; one also answers in workshop mode. Each exports with
``python -m course export`` (JSON for some, CSV for others; one learner twice,
before and after answering more). The instructor runs ``python -m course
report`` over the files, as a table and as an HTML page. The report must show
what the item analysis computes straight from the learners' stores, and the
learner who exported twice must count once.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from course.progress import ProgressStore, QuizSession
from course.quiz import load_bank
from course.quiz.analytics import analyse
from course.quiz.results_io import merge_results
from course.sim.core.clock import SimulatedClock
from course.ui import Quiz
from course.workshop.banks import bank_views
from course.workshop.graded import grade_class
from course.workshop.report_html import render_html
from course.workshop.report_text import render_text
from tests.helpers import run_course

BANK = "00_start_here"
RUN, RESTART, SWITCH, WHERE = ("start-run-cell", "start-restart", "start-switch-language",
                               "start-where-english")
# (learner, how they answer, export format, answers in the order given; a
# question named twice is a retry). Keys: shift-enter, restart-run-all,
# language-switch, sibling-folder.
PLANS = [
    ("widget", "json", [(RUN, "shift-enter"), (RESTART, "restart-run-all"),
                        (SWITCH, "language-switch"), (WHERE, "sibling-folder")]),
    ("widget", "csv", [(RUN, "ctrl-s"), (RUN, "shift-enter"), (RESTART, "close-browser"),
                       (RESTART, "restart-run-all"), (SWITCH, "os-language"),
                       (WHERE, "sibling-folder")]),
    ("session", "json", [(RUN, "shift-enter"), (RESTART, "delete-cell"), "export",
                         (RESTART, "restart-run-all"), (SWITCH, "language-switch"),
                         (WHERE, "download")]),
    ("session", "csv", [(RUN, "double-click"), (RESTART, "close-browser"),
                        (SWITCH, "rename-file"), (WHERE, "sibling-folder")]),
    ("session", "json", [(RUN, "ctrl-s"), (RESTART, "restart-run-all"),
                         (SWITCH, "language-switch"), "workshop", (RUN, "shift-enter"),
                         (WHERE, "sibling-folder")]),
]
# First attempts, worked out by hand from PLANS (the fifth learner's workshop
# answer to RUN is later than their self-check one, so it is the one counted).
FACILITY = {RUN: "60.0%", RESTART: "40.0%", SWITCH: "60.0%", WHERE: "80.0%"}
FIRST_ATTEMPTS_USED, LATER_ATTEMPTS = 20, 3
FILES, DUPLICATES = 6, 2  # the third learner's first export repeats two rows


def _export(folder: Path, out: Path) -> Path:
    done = run_course("export", "--output", str(out),
                      env={"COURSE_PROGRESS_DIR": str(folder), "COURSE_LANG": "en"})
    assert done.returncode == 0, done.stderr
    return out


def _answer(how: str, store: ProgressStore, mode: str, question: str, option: str,
            quiz: dict) -> None:
    """One answer through the widget's controls or the pure session."""
    if how == "widget":
        if mode not in quiz:
            quiz[mode] = Quiz(BANK, lang="en", mode=mode, store=store)
        view = quiz[mode].view(question)
        view.choice.value = option
        view.check.click()
        submission = quiz[mode].result
    else:
        if mode not in quiz:
            quiz[mode] = QuizSession(load_bank(BANK), mode=mode, store=store)
        submission = quiz[mode].answer(question, option)
    assert submission.saved, submission.problem


@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    """Every learner answers and exports; returns the stores and the exported files."""
    root = tmp_path_factory.mktemp("classroom")
    clock = SimulatedClock()
    stores, files = [], []
    for number, (how, fmt, steps) in enumerate(PLANS, 1):
        folder = root / f"computer-{number}"
        store = ProgressStore(folder / "progress.sqlite", clock=clock,
                              random_source=random.Random(number))
        stores.append(store)
        mode, sessions = "self_check", {}
        for step in steps:
            if step == "export":
                files.append(_export(folder, root / f"learner-{number}-first.{fmt}"))
            elif step == "workshop":
                mode = "workshop"
            else:
                clock.advance(60)
                _answer(how, store, mode, *step, sessions)
        files.append(_export(folder, root / f"learner-{number}.{fmt}"))
    yield stores, files
    for store in stores:
        store.close()


@pytest.fixture(scope="module")
def direct(classroom):
    """The analysis computed straight from the learners' stores, no file involved."""
    stores, files = classroom
    rows = [row for store in stores for row in store.rows()]
    banks = bank_views({BANK})
    analysis = analyse(rows, question_order={BANK: banks[BANK].order},
                       options={BANK: dict(banks[BANK].options)})
    assert analysis.ok
    merged = merge_results(files)
    results = grade_class(merged)
    # Honest learners' scores were the course's own: grading again changes nothing.
    assert results.regraded.changed == () and results.regraded.invalid == ()
    assert results.analysis.quizzes == analysis.quizzes
    return rows, analysis, results, merged


def test_the_files_carry_every_stored_answer_once(classroom, direct):
    _, files = classroom
    rows, _, _, merged = direct
    assert sorted(p.suffix for p in files) == [".csv", ".csv", ".json", ".json", ".json",
                                                ".json"]
    assert merged.ok and sorted(merged.rows) == sorted(rows)
    assert (len(merged.files), merged.duplicates, merged.conflicts) == (FILES, DUPLICATES, 0)
    assert merged.learners == len(PLANS)


def test_the_report_shows_the_directly_computed_figures(classroom, direct, tmp_path):
    _, files = classroom
    _, analysis, results, _merged = direct
    page = tmp_path / "report.html"
    result = run_course("report", *map(str, files), "--html", str(page),
                        env={"COURSE_LANG": "en"})
    assert result.returncode == 0 and result.stderr == "", result.stderr
    out = result.stdout
    assert out == render_text(results, "en") + "\n" + \
        f"HTML report written: {page}\n"
    # The same figures, worked out by hand: five learners, each counted once.
    assert (f"5 learners, {FIRST_ATTEMPTS_USED} first-attempt answers used, "
            f"{LATER_ATTEMPTS} later attempts ignored.") in out
    assert f"{FILES} files read, {DUPLICATES} duplicate rows counted once (0 of them" in out
    for number, question in enumerate((RUN, RESTART, SWITCH, WHERE), 1):
        line = next(x for x in out.splitlines() if re.match(rf"\s*{number}\s+{question}\s", x))
        assert line.split()[2:5] == ["5", "5", FACILITY[question]], line
        stats = analysis.quizzes[0].question(question)
        assert f"{stats.facility:.1f}%" == FACILITY[question]
    assert "learner-" not in out  # aggregates only
    html = page.read_text(encoding="utf-8")
    assert html == render_html(results, "en")
    assert all(figure in html for figure in FACILITY.values())


def test_the_japanese_report_is_the_same_analysis(classroom, direct):
    _, files = classroom
    _, _analysis, results, _merged = direct
    result = run_course("report", *map(str, files), "--lang", "ja", env={"COURSE_LANG": "en"})
    assert result.returncode == 0, result.stderr
    assert result.stdout == render_text(results, "ja") + "\n"
    assert "正答率" in result.stdout and FACILITY[WHERE] in result.stdout


def test_a_learner_exporting_twice_counts_once(classroom, direct):
    _, files = classroom
    _, analysis, _, _ = direct
    twice = [f for f in files if f.name.startswith("learner-3")]
    once = [f for f in files if not f.name.startswith("learner-3")] + [twice[-1]]
    with_both, with_one = merge_results(files), merge_results(once)
    assert len(twice) == 2 and sorted(with_both.rows) == sorted(with_one.rows)
    assert (with_both.duplicates, with_one.duplicates) == (DUPLICATES, 0)
    assert analyse(with_both).quizzes == analyse(with_one).quizzes
    assert analyse(with_both).quizzes[0].learners == analysis.quizzes[0].learners == 5
