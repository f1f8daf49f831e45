"""How long loading banks, grading and the quiz widget take (kernel side)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml

from benchmarks.timing import report, time_calls
from course.progress.store import ProgressStore
from course.quiz import grade, to_gift
from course.quiz.bank import bank_from_data, load_bank_file
from course.quiz.shuffle import arrange
from course.ui import Quiz

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "quizzes" / \
    "all_types.yaml"
ANSWERS = {
    "fx-single": "six", "fx-multiple": ["app", "email"], "fx-true-false": True,
    "fx-ordering": ["account-info", "open-settings", "password", "code"],
    "fx-matching": {"used": "limit", "invalid": "weather"}, "fx-numeric": "６０分",
    "fx-short": "ＤＩＳＣＯＶＥＲＡＢＩＬＩＴＹ and contacts",
}


def main() -> None:
    raw = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    report("validate and build a bank (9 questions, JSON Schema + rules)",
           time_calls(lambda: bank_from_data(raw, FIXTURE), 30))
    report("load_bank_file again (unchanged file, cached)",
           time_calls(lambda: load_bank_file(FIXTURE), 300))
    bank = load_bank_file(FIXTURE)
    for qid, answer in ANSWERS.items():
        question = bank.question(qid)
        report(f"grade {question.type}", time_calls(lambda q=question, a=answer: grade(q, a),
                                                    2000))
    report("arrange (shuffle every question for a learner)",
           time_calls(lambda: arrange(bank, "learner-abcdefgh"), 500))
    report("GIFT export (ja)", time_calls(lambda: to_gift(bank, "ja"), 200))
    report("Quiz widget build, no store (9 questions)",
           time_calls(lambda: Quiz(bank, lang="ja", store=None), 30))
    with tempfile.TemporaryDirectory() as folder:
        store = ProgressStore(Path(folder) / "progress.sqlite")
        quiz = Quiz(bank, lang="ja", store=store)
        view = quiz.view("fx-ordering")
        view.value = ANSWERS["fx-ordering"]
        report("Check callback with recording (ordering)", time_calls(view.check.click, 300))
        report("Quiz widget build with resume (300 stored answers)",
               time_calls(lambda: Quiz(bank, lang="ja", store=store), 20))
