"""The progress view, headless: the table per notebook, symbols and words, the
next notebook, hidden workshop results and Refresh, in both languages."""

from __future__ import annotations

import pytest

from course.progress.checklist import ChecklistStore
from course.progress.overview import bank_size, course_map
from course.progress.store import ProgressStore
from course.quiz.bank import load_bank
from course.quiz.pools import asked_count, lesson_questions
from course.ui.progress_view import ProgressView
from course.ui.quiz import Quiz
from course.ui.selfcheck import SelfCheck
from tests.ui.widget_text import shown_text


@pytest.fixture
def store(tmp_path) -> ProgressStore:
    return ProgressStore(tmp_path / "progress.sqlite")


def test_an_empty_record_shows_every_notebook_not_started(store, tmp_path):
    view = ProgressView("ja", store=store, checklist=tmp_path / "c.json")
    text = shown_text(view.widget)
    assert "はじめに:このコースの使い方" in text and "安全チェックリストと最終確認テスト" in text
    planned = sum(entry.status == "planned" for entry in course_map())
    assert text.count("準備中") == planned and "○ 未着手" in text
    assert "次に進むノートブック:00_start_here" in view.next_step.value
    assert view.last_error is None


@pytest.mark.parametrize("lang, state", [("ja", "… 途中"), ("en", "… In progress")])
def test_answers_show_as_counts_scores_and_words(store, tmp_path, lang, state):
    quiz = SelfCheck("00_start_here", lang=lang, store=store)
    quiz.answer("start-run-cell", "ctrl-s")
    quiz.answer("start-run-cell", "shift-enter")
    view = ProgressView(lang, store=store, checklist=None)
    row = view.table.value.split("<tr>")[2]
    assert "00_start_here" in row and state in row
    asked = asked_count(load_bank("00_start_here"))  # quick checks + the closing draw
    # answered, first score, current score
    assert f"<td>1/{asked}</td><td>0/{asked}</td><td>1/{asked}</td>" in row


def test_refresh_reads_new_answers_and_the_checklist(store, tmp_path):
    checklist = ChecklistStore(tmp_path / "c.json")
    view = ProgressView("en", store=store, checklist=checklist)
    quiz = SelfCheck("00_start_here", lang="en", store=store)
    for question, answer in [("start-run-cell", "shift-enter"),
                             ("start-restart", "restart-run-all"),
                             ("start-switch-language", "language-switch"),
                             ("start-where-english", "sibling-folder")]:
        quiz.answer(question, answer)
    bank = load_bank("00_start_here")
    for question in lesson_questions(bank, store.learner())[4:]:  # the closing quiz's draw
        asked = bank.question(question)
        store.record(quiz=bank.id, question=question, objective=asked.objective,
                     type=asked.type, answer="a", score=1.0)
    checklist.set("twofa_app_or_key", "done")
    assert view.result.notebooks[0].answered == 0  # not read yet
    view.refresh_button.click()
    assert "✔ Updated." in view.status.value
    start = view.result.notebooks[0]
    assert start.finished and "✔ Finished" in view.table.value
    following = next(e.stem for e in course_map()[1:] if e.status == "available")
    assert f"Next notebook: {following}" in view.next_step.value
    twofa = next(n for n in view.result.notebooks if n.stem.startswith("06"))
    assert (twofa.checklist_done, twofa.checklist_total) == (1, 4)
    assert "checklist 1/14 items done" in view.table.value


def test_workshop_answers_wait_for_the_instructor(store):
    quiz = Quiz("09_checklist_and_final_quiz", lang="ja", mode="workshop", store=store)
    quiz.answer("final-errors-997", "no-evidence")
    view = ProgressView("ja", store=store, checklist=None)
    final = next(row for row in view.table.value.split("<tr>")
                 if "09_checklist_and_final_quiz" in row)
    asked = bank_size("09_checklist_and_final_quiz")  # inline checks + the final draw
    assert asked is not None and asked > 1
    assert "講師の公開待ち" in final and f"<td>1/{asked}</td><td>—</td><td>—</td>" in final


def test_a_damaged_checklist_is_explained_in_the_view(store, tmp_path):
    (tmp_path / "c.json").write_text("not json")
    view = ProgressView("en", store=store, checklist=tmp_path / "c.json")
    assert "was not deleted" in view.notice.value and view.last_error is None


def test_titles_are_escaped_and_the_table_has_headers(store):
    view = ProgressView("en", store=store, checklist=None)
    assert view.table.value.count('<th scope="col">') == 6
    assert view.table.value.count('<th scope="row">') == len(
        [e for e in course_map() if e.status == "available"])
    assert "<caption>Progress per notebook</caption>" in view.table.value
