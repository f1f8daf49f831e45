"""Fixture banks and small builders shared by the quiz, progress and widget tests."""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path

import yaml

from course.quiz.bank import load_bank_file
from course.quiz.model import Bank

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "quizzes"
RELEASE_CODE = "kqmt-zpwa"  # the code whose hash all_types.yaml carries


@lru_cache(maxsize=4)
def fixture_bank(name: str = "all_types") -> Bank:
    return load_bank_file(FIXTURES / f"{name}.yaml")


def fixture_data(name: str = "all_types") -> dict:
    """A fresh, mutable copy of a fixture bank's YAML data."""
    return copy.deepcopy(_raw(name))


@lru_cache(maxsize=4)
def _raw(name: str) -> dict:
    return yaml.safe_load((FIXTURES / f"{name}.yaml").read_text(encoding="utf-8"))


def question_data(data: dict, qid: str) -> dict:
    return next(q for q in data["questions"] if q["id"] == qid)
