"""Loading question banks from ``data/quizzes/*.yaml``.

A bank with a mistake must tell its author where the mistake is (file,
question id, field) rather than fail with a traceback deep inside a widget.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from course.i18n import LANGUAGES
from course.paths import data_path
from course.quiz.model import Bank, Option, Question

SUPPORTED_TYPES = ("single_choice", "true_false")


class BankError(ValueError):
    """A question bank that cannot be used, with where the problem is."""

    def __init__(self, path: Path | str, question: str | None, field: str, problem: str):
        self.path, self.question, self.field, self.problem = str(path), question, field, problem
        where = f"question {question!r}, " if question else ""
        super().__init__(f"{self.path}: {where}field {field!r}: {problem}")


def _text(raw: Any, path: Path, qid: str | None, field: str) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise BankError(path, qid, field, "needs a text per language (ja and en)")
    missing = [lang for lang in LANGUAGES if not isinstance(raw.get(lang), str) or not raw[lang]]
    if missing:
        raise BankError(path, qid, field, f"missing text in {', '.join(missing)}")
    return {lang: raw[lang] for lang in LANGUAGES}


def _option(raw: Any, path: Path, qid: str, index: int) -> Option:
    field = f"options[{index}]"
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise BankError(path, qid, f"{field}.id", "every option needs an id")
    return Option(
        id=raw["id"],
        text=_text(raw.get("text"), path, qid, f"{field}.text"),
        correct=bool(raw.get("correct", False)),
        feedback=_text(raw.get("feedback"), path, qid, f"{field}.feedback"),
    )


def _question(raw: Any, path: Path, index: int) -> Question:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise BankError(path, None, f"questions[{index}].id", "every question needs an id")
    qid = raw["id"]
    qtype = raw.get("type")
    if qtype not in SUPPORTED_TYPES:
        raise BankError(path, qid, "type", f"{qtype!r} is not one of {', '.join(SUPPORTED_TYPES)}")
    if not isinstance(raw.get("objective"), str):
        raise BankError(path, qid, "objective", "every question tests a learning objective")
    options_raw = raw.get("options")
    if not isinstance(options_raw, list) or len(options_raw) < 2:
        raise BankError(path, qid, "options", "needs at least two options")
    options = tuple(_option(o, path, qid, i) for i, o in enumerate(options_raw))
    if sum(o.correct for o in options) != 1:
        raise BankError(path, qid, "options", "needs exactly one correct option")
    if len({o.id for o in options}) != len(options):
        raise BankError(path, qid, "options", "option ids must be unique")
    hint = raw.get("hint")
    return Question(
        id=qid,
        type=qtype,
        objective=raw["objective"],
        text=_text(raw.get("text"), path, qid, "text"),
        options=options,
        explanation=_text(raw.get("explanation"), path, qid, "explanation"),
        hint=_text(hint, path, qid, "hint") if hint is not None else None,
        source=raw.get("source"),
    )


def load_bank_file(path: Path) -> Bank:
    """Read and check one bank file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise BankError(path, None, "(file)", f"cannot be read: {exc}") from None
    except yaml.YAMLError as exc:
        raise BankError(path, None, "(file)", f"is not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise BankError(path, None, "(file)", "must be a mapping with id, title and questions")
    questions_raw = raw.get("questions")
    if not isinstance(questions_raw, list) or not questions_raw:
        raise BankError(path, None, "questions", "needs at least one question")
    questions = tuple(_question(q, path, i) for i, q in enumerate(questions_raw))
    seen: set[str] = set()
    for q in questions:
        if q.id in seen:
            raise BankError(path, q.id, "id", "duplicate question id")
        seen.add(q.id)
    objectives = raw.get("objectives") or sorted({q.objective for q in questions})
    return Bank(
        id=str(raw.get("id", path.stem)),
        title=_text(raw.get("title"), path, None, "title"),
        questions=questions,
        objectives=tuple(objectives),
    )


def load_bank(name: str) -> Bank:
    """Load ``data/quizzes/<name>.yaml`` (for example ``00_start_here``)."""
    return load_bank_file(data_path("quizzes", f"{name}.yaml"))
