"""The course overview: per notebook answered / total, scores, checklist, next notebook."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from course.progress.checklist import ChecklistStore
from course.progress.overview import (
    CourseEntry,
    bank_size,
    build_overview,
    course_map,
    course_overview,
)
from course.progress.store import ProgressStore
from course.progress.summary import summarize
from course.quiz.bank import load_bank
from course.quiz.pools import asked_count, lesson_questions
from course.quiz.results_io import ResultRow
from tests.helpers import examples

START = "00_start_here"
FINAL = "09_checklist_and_final_quiz"


def _record(store: ProgressStore, question: str, score: float, quiz: str = START,
            mode: str = "self_check") -> None:
    result = store.record(quiz=quiz, question=question, objective="start.use_jupyter",
                          type="single_choice", answer="a", score=score, mode=mode)
    assert result.saved, result.problem


def test_the_overview_follows_the_course_map_with_titles_in_both_languages(tmp_path):
    overview = course_overview(ProgressStore(tmp_path / "p.sqlite"),
                               ChecklistStore(tmp_path / "c.json"))
    assert [n.stem for n in overview.notebooks] == [e.stem for e in course_map()]
    first = overview.notebooks[0]
    assert first.title["ja"] == "はじめに:このコースの使い方"
    assert first.title["en"].startswith("Start")
    assert (first.answered, first.total, first.first_score) == (
        0, asked_count(load_bank(START)), None)  # quick checks + the closing draw
    assert overview.next_stem == START and overview.problems == ()


def test_first_and_current_scores_and_the_next_notebook(tmp_path):
    store = ProgressStore(tmp_path / "p.sqlite")
    _record(store, "start-run-cell", 0.0)
    _record(store, "start-run-cell", 1.0)  # a retry: the current score improves
    _record(store, "start-restart", 1.0)
    overview = course_overview(store, ChecklistStore(tmp_path / "c.json"))
    start = overview.notebooks[0]
    assert (start.answered, start.first_score, start.current_score) == (2, 1.0, 2.0)
    assert not start.finished and overview.next_stem == START
    asked = lesson_questions(load_bank(START), store.learner())  # quick checks + closing draw
    for question in asked[2:-1]:
        _record(store, question, 1.0)
    assert not course_overview(store, ChecklistStore(tmp_path / "c.json")).notebooks[0].finished
    _record(store, asked[-1], 1.0)
    overview = course_overview(store, ChecklistStore(tmp_path / "c.json"))
    assert overview.notebooks[0].finished
    # The next one is the first available notebook after 00 (planned ones are skipped).
    assert overview.next_stem == next(e.stem for e in course_map()[1:] if e.status == "available")


def test_the_same_totals_as_python_m_course_progress(tmp_path):
    store = ProgressStore(tmp_path / "p.sqlite")
    _record(store, "start-run-cell", 1.0)
    _record(store, "start-restart", 0.0)
    cli = next(e for e in summarize(store.rows(), bank_size) if e.quiz == START)
    view = course_overview(store, ChecklistStore(None)).notebooks[0]
    assert (view.answered, view.total, view.first_score, view.current_score) == (
        cli.answered, cli.total, cli.first_score, cli.current_score)


def test_workshop_scores_stay_hidden_until_released(tmp_path):
    store = ProgressStore(tmp_path / "p.sqlite")
    _record(store, "final-errors-997", 1.0, quiz=FINAL, mode="workshop")
    final = next(n for n in course_overview(store, ChecklistStore(None)).notebooks
                 if n.stem == FINAL)
    assert final.hidden and final.answered == 1 and final.current_score is None
    store.mark_released(FINAL)
    final = next(n for n in course_overview(store, ChecklistStore(None)).notebooks
                 if n.stem == FINAL)
    assert not final.hidden and final.current_score == 1.0


def test_checklist_ticks_are_counted_per_teaching_notebook(tmp_path):
    checklist = ChecklistStore(tmp_path / "c.json")
    checklist.set("find_by_phone", "done")
    checklist.set("anonymous_account", "not_applicable")
    overview = course_overview(ProgressStore(tmp_path / "p.sqlite"), checklist)
    privacy = next(n for n in overview.notebooks if n.stem == "05_privacy_and_discoverability")
    assert (privacy.checklist_done, privacy.checklist_total) == (1, 3)
    assert (overview.checklist_done, overview.checklist_total) == (1, 13)


def test_a_damaged_checklist_file_is_reported_in_the_overview(tmp_path):
    (tmp_path / "c.json").write_text("{broken")
    overview = course_overview(ProgressStore(tmp_path / "p.sqlite"),
                               ChecklistStore(tmp_path / "c.json"))
    assert [p.code for p in overview.problems] == ["moved_aside"]


def test_rows_of_quizzes_outside_the_course_map_are_ignored():
    row = ResultRow("learner-abcdefgh", "all_types", "fx-single", "fixture.choices",
                    "single_choice", '"six"', 1.0, 1.0, 1, "2026-11-25T10:00:00.000Z",
                    "self_check")
    overview = build_overview([row], course_map(), bank_size)
    assert overview.answered == 0


STEMS = [e.stem for e in course_map()]
rows = st.lists(st.builds(
    lambda quiz, question, score, attempt, mode: ResultRow(
        "learner-abcdefgh", quiz, question, "x.y", "single_choice", '"a"', score, 1.0, attempt,
        "2026-11-25T10:00:00.000Z", mode),
    st.sampled_from([*STEMS, "zz_unknown"]), st.sampled_from([f"q{n}" for n in range(8)]),
    st.sampled_from([0.0, 0.5, 1.0]), st.integers(1, 4), st.sampled_from(["self_check",
                                                                           "workshop"])),
    max_size=60)
sizes = st.dictionaries(st.sampled_from(STEMS), st.one_of(st.none(), st.integers(0, 10)))


@settings(max_examples=examples(200), deadline=None)
@given(rows, sizes, st.sets(st.sampled_from(STEMS)),
       st.sampled_from([[CourseEntry(s, st_, {"ja": s, "en": s}) for s in STEMS]
                        for st_ in ("available", "planned")]))
def test_overview_invariants_hold_for_any_stored_rows(found, size, released, entries):
    overview = build_overview(found, entries, lambda stem: size.get(stem),
                              released=lambda stem: stem in released)
    assert [n.stem for n in overview.notebooks] == STEMS
    for n in overview.notebooks:
        if n.total is not None:
            assert 0 <= n.answered <= n.total
        if n.current_score is not None:
            assert 0 <= n.current_score <= n.answered
        assert not (n.hidden and n.current_score is not None)
    if overview.next_stem is not None:
        chosen = next(n for n in overview.notebooks if n.stem == overview.next_stem)
        assert chosen.status == "available" and not chosen.finished and chosen.total
        earlier = overview.notebooks[:STEMS.index(overview.next_stem)]
        assert all(n.finished or not n.total or n.status != "available" for n in earlier)
    assert overview.answered == sum(n.answered for n in overview.notebooks)
