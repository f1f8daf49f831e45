"""The quiz widget for every question type, driven headlessly as a learner
would: labelled controls, no drag and drop, words and symbols for right and
wrong, live regions, inert bank text, workshop release, resume and reset."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from course.progress import ProgressStore
from course.ui import Quiz, SelfCheck
from course.ui.base import STYLE
from course.ui.quiz_views import (
    ChoiceView,
    MatchingView,
    MultipleChoiceView,
    OrderingView,
    TextEntryView,
)
from tests.quiz.helpers import RELEASE_CODE, fixture_bank

INTERACTIVE = (widgets.Button, widgets.RadioButtons, widgets.Checkbox, widgets.Dropdown,
               widgets.Text)


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "progress.sqlite")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_type_renders_with_labelled_keyboard_controls_and_no_drag_and_drop(lang):
    quiz = Quiz(fixture_bank(), lang=lang, store=None)
    kinds = {v.question.id: type(v) for v in quiz.views}
    assert kinds["fx-single"] is ChoiceView and kinds["fx-true-false"] is ChoiceView
    assert kinds["fx-multiple"] is MultipleChoiceView and kinds["fx-ordering"] is OrderingView
    assert kinds["fx-matching"] is MatchingView and kinds["fx-numeric"] is TextEntryView
    controls = [w for w in walk(quiz.widget) if isinstance(w, INTERACTIVE)]
    assert controls
    for control in controls:  # every control says what it is, as text
        assert control.description.strip(), control
        assert not getattr(control, "description_allow_html", False)
    names = {type(w).__name__ for w in walk(quiz.widget)}
    assert not any("Drag" in n or ("Drop" in n and n != "Dropdown") for n in names)


def test_answering_each_type_through_its_controls(store):
    quiz = Quiz(fixture_bank(), lang="en", store=store)
    multiple = quiz.view("fx-multiple")
    multiple.boxes["app"].value = True
    multiple.check.click()
    assert quiz.result.score == 0.5 and "◐ Partly correct (score 0.5 of 1)" in \
        multiple.feedback.value
    ordering = quiz.view("fx-ordering")
    right = [i.id for i in ordering.question.items]
    for target, item_id in enumerate(right):  # move each step up to its place, by buttons
        while ordering.order.index(item_id) > target:
            ordering.up[ordering.order.index(item_id)].click()
    assert "Moved" in ordering.moved.value and 'role="status"' in ordering.moved.value
    ordering.check.click()
    assert quiz.result.correct and "✔ Correct" in ordering.feedback.value
    assert ordering.up[0].disabled and ordering.down[-1].disabled
    matching = quiz.view("fx-matching")
    matching.selects["used"].value = "limit"
    matching.selects["invalid"].value = "weather"
    matching.check.click()
    assert quiz.result.score == 0.5 and "✘" in matching.feedback.value
    numeric = quiz.view("fx-numeric")
    numeric.entry.value = "６０分"
    numeric.check.click()
    assert quiz.result.correct and "Unit: minutes" in numeric.widget.children[2].value
    assert [r.question for r in store.rows()] == ["fx-multiple", "fx-ordering", "fx-matching",
                                                   "fx-numeric"]


@pytest.mark.parametrize("lang, right, wrong, partial", [
    ("ja", "✔ 正解", "✘ 不正解", "◐ 部分正解"), ("en", "✔ Correct", "✘ Incorrect",
                                                "◐ Partly correct")])
def test_right_partial_and_wrong_are_said_in_words_and_symbols_in_a_live_region(lang, right,
                                                                                  wrong, partial):
    quiz = Quiz(fixture_bank(), lang=lang, store=None)
    for qid, answer, expected in (("fx-single", "six", right), ("fx-single", "four", wrong),
                                  ("fx-weighted", ["b"], partial)):
        quiz.answer(qid, answer)
        feedback = quiz.view(qid).feedback.value
        assert expected in feedback and 'role="status"' in feedback
        assert 'aria-live="polite"' in feedback


def test_the_hint_and_the_source_are_shown_when_asked_and_after_answering():
    quiz = Quiz(fixture_bank(), lang="en", store=None)
    view = quiz.view("fx-single")
    view.hint_button.click()
    assert "two-factor authentication says it" in view.hint.value
    view.hint_button.click()
    assert view.hint.value == ""
    quiz.answer("fx-multiple", ["app", "key"])
    feedback = quiz.view("fx-multiple").feedback.value
    assert "Silicon Republic" in feedback and "siliconrepublic.com" in feedback


def test_a_hostile_bank_renders_inert():
    quiz = Quiz(fixture_bank("hostile"), lang="en", store=None)
    quiz.answer("h-single", "wrong")
    quiz.answer("h-multiple", ["a", "b"])
    quiz.answer("h-ordering", ["s3", "s2", "s1"])
    quiz.answer("h-matching", {"p1": "c2", "p2": "c1"})
    quiz.answer("h-numeric", "2")
    quiz.answer("h-short", "x")
    quiz.view("h-single").hint_button.click()
    assert STYLE in walk(quiz.widget)  # the course's own stylesheet, the same every time
    html = " ".join(w.value for w in walk(quiz.widget)
                    if isinstance(w, widgets.HTML) and w is not STYLE)
    for tag in ("<script", "<img", "<iframe", "<svg", "<style", "<b>", "<i>", "<u>",
                "<a href=javascript", "<b onmouseover"):
        assert tag not in html, tag
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<a " not in html  # the hostile bank cites no source, so no link at all
    labels = [w.description for w in walk(quiz.widget) if isinstance(w, widgets.Checkbox)]
    assert "<a href=javascript:alert(5)>a</a>" in labels  # shown as text by ipywidgets


def test_workshop_mode_hides_results_until_the_release_code(store):
    quiz = Quiz(fixture_bank(), lang="ja", mode="workshop", store=store)
    assert quiz.view("fx-single").check.description == "回答する"
    result = quiz.answer("fx-single", "four")
    feedback = quiz.view("fx-single").feedback.value
    assert result.saved and not result.revealed
    assert "記録しました" in feedback and "✔" not in feedback and "✘" not in feedback
    assert "公開コードを伝えたあと" in quiz.summary.value
    assert not quiz.release("abcd-efgh").ok
    assert "違います" in quiz.release_status.value
    assert quiz.release(RELEASE_CODE).ok
    assert "✘ 不正解" in quiz.view("fx-single").feedback.value  # revealed now
    assert quiz.view("fx-single").check.disabled
    rebuilt = Quiz(fixture_bank(), lang="ja", mode="workshop", store=store)
    assert "✘ 不正解" in rebuilt.view("fx-single").feedback.value


def test_the_mode_can_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("COURSE_QUIZ_MODE", "workshop")
    assert Quiz(fixture_bank(), store=None).session.mode == "workshop"
    assert SelfCheck(fixture_bank(), store=None).session.mode == "self_check"
    monkeypatch.setenv("COURSE_QUIZ_MODE", "exam")
    assert Quiz(fixture_bank(), store=None).session.mode == "self_check"


def test_rebuilding_the_widget_shows_previous_answers_and_scores(store):
    first = Quiz(fixture_bank(), lang="en", store=store)
    first.answer("fx-single", "four")
    first.answer("fx-single", "six")
    first.answer("fx-matching", {"used": "limit", "invalid": "typo"})
    first.answer("fx-short", "Discoverability")
    again = Quiz(fixture_bank(), lang="en", store=store)
    assert again.view("fx-single").choice.value == "six"
    assert "✔ Correct" in again.view("fx-single").feedback.value
    assert again.view("fx-matching").value == {"used": "limit", "invalid": "typo"}
    assert again.view("fx-short").entry.value == "discoverability"
    assert "So far: 2 of 9 correct" in again.summary.value
    assert "Score 2.5 of 9 (first attempts: 1.5 of 9)" in again.summary.value


def test_reset_asks_first_and_cancel_keeps_everything(store):
    quiz = Quiz(fixture_bank(), lang="en", store=store)
    quiz.answer("fx-single", "six")
    quiz.reset_button.click()
    assert quiz.reset_question.layout.display == "flex"
    assert "erases your 1 recorded answer" in quiz.reset_status.value
    quiz.reset_cancel.click()
    assert quiz.reset_question.layout.display == "none" and len(store.rows()) == 1
    assert quiz.reset() == 1
    assert store.rows() == [] and quiz.view("fx-single").choice.value is None
    assert quiz.view("fx-single").feedback.value == "" and "0 of 9" in quiz.summary.value


def test_store_none_records_nothing_and_a_damaged_store_is_announced(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_PROGRESS_DIR", str(tmp_path))
    quiz = Quiz(fixture_bank(), store=None)
    quiz.answer("fx-single", "six")
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "progress.sqlite").write_bytes(b"garbage" * 100)
    announced = Quiz(fixture_bank(), lang="en")
    assert "was renamed to" in announced.notice.value
    assert 'role="status"' in announced.notice.value


def test_a_phone_number_typed_as_an_answer_is_graded_but_not_saved(store):
    quiz = Quiz(fixture_bank(), lang="ja", store=store)
    result = quiz.answer("fx-short", "090-0123-4567")
    assert result.answered and not result.saved
    assert "保存していません" in quiz.view("fx-short").feedback.value
    assert store.rows() == []


def test_unusable_input_never_raises_and_says_why():
    quiz = Quiz(fixture_bank(), lang="en", store=None)
    for text in ("", "sixty", "1e999", "\x00", "🙂" * 50, "9" * 500):
        result = quiz.answer("fx-numeric", text)
        assert not result.answered
        assert quiz.view("fx-numeric").feedback.value.count('role="status"') == 1
    broken = Quiz("no_such_bank", lang="en")
    assert broken.problem and "could not be loaded" in broken.widget.children[0].value
    partial = Quiz(fixture_bank(), lang="en", questions=["fx-single", "nope"], store=None)
    assert [v.question.id for v in partial.views] == ["fx-single"]
    assert "nope" in partial.notice.value


def test_odd_arguments_fall_back_instead_of_failing(tmp_path):
    quiz = Quiz(fixture_bank(), lang="klingon", questions="fx-single", store=None)
    assert quiz.lang == "ja" and "klingon" in quiz.notice.value
    assert [v.question.id for v in quiz.views] == ["fx-single"]
    explicit = Quiz(fixture_bank(), store=tmp_path / "mine.sqlite")
    explicit.answer("fx-single", "six")
    assert len(ProgressStore(tmp_path / "mine.sqlite").rows()) == 1
    assert Quiz(fixture_bank(), store=42).session.store is None  # type: ignore[arg-type]
    assert Quiz(None).problem  # type: ignore[arg-type]


def test_matching_starts_on_a_visible_choose_entry():
    quiz = Quiz(fixture_bank(), lang="en", store=None)
    select = quiz.view("fx-matching").selects["used"]
    assert select.index == 0 and select.label == "— choose —"
    assert quiz.view("fx-matching").value == {"used": None, "invalid": None}
    quiz.answer("fx-matching", {"used": "limit"})
    quiz.view("fx-matching").clear()
    assert select.index == 0


def test_the_question_views_do_not_import_the_quiz_back():
    # Issue #14.3: ui/quiz.py and ui/quiz_views.py imported each other; a view now
    # gets a callback for its Check button instead of the whole quiz.
    import ast
    from pathlib import Path

    import course.ui.quiz_views as views
    tree = ast.parse(Path(views.__file__).read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "course.ui.quiz" not in imported
