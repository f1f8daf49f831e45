"""Grading: a pure function of a question and an answer, nothing else.

``grade(question, answer)`` never raises. An answer it cannot use (nothing
chosen, a wrong type, an unknown option, text that is not a number, something
huge) scores 0 and comes back "not answered", carrying a ``Problem`` that
says why in both languages. Scores are floats from 0 to 1.

Partial credit, per type:

- single choice, true/false: 1 or 0.
- multiple choice: the sum of the chosen options' fractions (Moodle style;
  wrong options may be negative), floored at 0 and capped at 1.
- ordering, ``scoring: relative_order`` (default): the share of item pairs
  the learner put in the right relative order (Kendall-style; one swap of
  neighbours in five steps costs 1/10). ``scoring: position``: the share of
  items in their exact position.
- matching: the share of prompts paired with their right choice.
- numeric: the fraction of the best rule whose tolerance covers the number.
- short text: the fraction of the accepted answer it equals after NFKC,
  case folding and removing spaces.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from numbers import Real
from typing import Any

from course.i18n import both
from course.quiz.model import Question, Text
from course.quiz.normalize import (
    MAX_NUMBER_LENGTH,
    MAX_TEXT_LENGTH,
    comparison_key,
    normalize_text,
    parse_number,
)
from course.quiz.problems import Problem, problem

MAX_PARTS = 100  # a list or mapping answer with more entries than this is refused


@dataclass(frozen=True)
class Part:
    """Feedback on one part of an answer: an option, a step or a pair."""

    label: Text  # what the part is (the option or step text)
    ok: bool
    text: Text


@dataclass(frozen=True)
class Grade:
    """The outcome of one answer: score from 0 to 1 and what to tell the learner."""

    question_id: str
    answer: Any  # the canonical answer (JSON-ready), None when not answered
    score: float
    feedback: Text | None  # the one feedback of single-feedback types, else None
    explanation: Text
    parts: tuple[Part, ...] = ()
    problem: Problem | None = None

    @property
    def correct(self) -> bool:
        """Full marks."""
        return self.score >= 1.0

    @property
    def answered(self) -> bool:
        """Whether the learner gave a usable answer."""
        return self.answer is not None

    @property
    def verdict(self) -> str:
        """``correct``, ``partial``, ``incorrect`` or ``unanswered``."""
        if not self.answered:
            return "unanswered"
        if self.correct:
            return "correct"
        return "partial" if self.score > 0 else "incorrect"


class _Refused(Exception):
    def __init__(self, why: Problem):
        self.why = why


def _clamp(score: float) -> float:
    return round(min(1.0, max(0.0, score)), 6)


def _is_text(value: object) -> bool:
    return isinstance(value, str)


def _sequence(answer: object) -> list:
    if isinstance(answer, (str, bytes, Mapping)) or not isinstance(
            answer, (list, tuple, set, frozenset)):
        raise _Refused(problem("quiz.problem.wrong_type"))
    if len(answer) > MAX_PARTS:
        raise _Refused(problem("quiz.problem.too_long"))
    return list(answer)


def _choice_id(question: Question, answer: object) -> str:
    if question.type == "true_false" and isinstance(answer, bool):
        answer = "true" if answer else "false"
    if not _is_text(answer):
        raise _Refused(problem("quiz.problem.wrong_type"))
    if question.option(answer) is None:
        raise _Refused(problem("quiz.problem.unknown_option"))
    return answer


def _single(question: Question, answer: object) -> Grade:
    option = question.option(_choice_id(question, answer))
    assert option is not None
    return Grade(question.id, option.id, _clamp(option.fraction), option.feedback,
                 question.explanation)


def _multiple(question: Question, answer: object) -> Grade:
    chosen = [answer] if _is_text(answer) else _sequence(answer)
    if not all(_is_text(c) for c in chosen):
        raise _Refused(problem("quiz.problem.wrong_type"))
    if any(question.option(c) is None for c in chosen):
        raise _Refused(problem("quiz.problem.unknown_option"))
    ids = sorted(set(chosen))
    if not ids:
        raise _Refused(problem("quiz.problem.no_answer"))
    picked = [o for o in question.options if o.id in ids]
    parts = tuple(Part(o.text, o.correct, o.feedback) for o in picked)
    missed = sum(o.correct and o.id not in ids for o in question.options)
    if missed:
        parts += (Part(both("quiz.feedback.missed_label"), False,
                       both("quiz.feedback.missed", count=missed)),)
    score = _clamp(sum(o.fraction for o in picked))
    return Grade(question.id, ids, score, None, question.explanation, parts)


def _ordering(question: Question, answer: object) -> Grade:
    order = _sequence(answer)
    if isinstance(answer, (set, frozenset)) or not all(_is_text(i) for i in order):
        raise _Refused(problem("quiz.problem.wrong_type"))
    right = [i.id for i in question.items]
    if sorted(order) != sorted(right):
        raise _Refused(problem("quiz.problem.not_a_permutation"))
    n = len(right)
    if question.scoring == "position":
        score = sum(a == b for a, b in zip(order, right, strict=True)) / n
    else:
        rank = {item_id: k for k, item_id in enumerate(right)}
        pairs = n * (n - 1) // 2
        good = sum(rank[order[i]] < rank[order[j]] for i in range(n) for j in range(i + 1, n))
        score = good / pairs
    parts = tuple(
        Part(item.text, False, item.feedback)
        for position, item_id in enumerate(order)
        if item_id != right[position] and (item := question.item(item_id)) is not None
    )
    return Grade(question.id, list(order), _clamp(score), None, question.explanation, parts)


def _matching(question: Question, answer: object) -> Grade:
    if not isinstance(answer, Mapping):
        raise _Refused(problem("quiz.problem.wrong_type"))
    if len(answer) > MAX_PARTS:
        raise _Refused(problem("quiz.problem.too_long"))
    pairs: dict[str, str] = {}
    for prompt_id, choice_id in answer.items():
        if not _is_text(prompt_id) or question.prompt(prompt_id) is None:
            raise _Refused(problem("quiz.problem.unknown_option"))
        if choice_id is None:
            continue
        if not _is_text(choice_id) or question.choice(choice_id) is None:
            raise _Refused(problem("quiz.problem.unknown_option"))
        pairs[prompt_id] = choice_id
    if not pairs:
        raise _Refused(problem("quiz.problem.no_answer"))
    parts = []
    for p in question.prompts:
        chosen = pairs.get(p.id)
        if chosen is None:
            parts.append(Part(p.text, False, both("quiz.feedback.pair_missing")))
        elif chosen != p.match:
            parts.append(Part(p.text, False, p.feedback))
    good = sum(pairs.get(p.id) == p.match for p in question.prompts)
    canonical = {k: pairs[k] for k in sorted(pairs)}
    return Grade(question.id, canonical, _clamp(good / len(question.prompts)), None,
                 question.explanation, tuple(parts))


def _number(question: Question, answer: object) -> float:
    if isinstance(answer, bool):
        raise _Refused(problem("quiz.problem.wrong_type"))
    if isinstance(answer, Real):
        value = float(answer)
        if not math.isfinite(value):
            raise _Refused(problem("quiz.problem.not_a_number"))
        return value
    if not _is_text(answer):
        raise _Refused(problem("quiz.problem.wrong_type"))
    if not answer.strip():
        raise _Refused(problem("quiz.problem.no_answer"))
    if len(answer) > MAX_NUMBER_LENGTH:
        raise _Refused(problem("quiz.problem.too_long"))
    units = tuple(question.unit.values()) if question.unit else ()
    value = parse_number(answer, units)
    if value is None:
        raise _Refused(problem("quiz.problem.not_a_number"))
    return value


def _numeric(question: Question, answer: object) -> Grade:
    value = _number(question, answer)
    canonical: float | int = int(value) if value.is_integer() and abs(value) < 2**53 else value
    rule = next((r for r in question.rules if r.matches(value)), None)
    if rule is None:
        return Grade(question.id, canonical, 0.0, question.default_feedback,
                     question.explanation)
    return Grade(question.id, canonical, _clamp(rule.fraction), rule.feedback,
                 question.explanation)


def _short_text(question: Question, answer: object) -> Grade:
    if not _is_text(answer):
        raise _Refused(problem("quiz.problem.wrong_type"))
    if len(answer) > MAX_TEXT_LENGTH:
        raise _Refused(problem("quiz.problem.too_long"))
    text = normalize_text(answer)
    if not text:
        raise _Refused(problem("quiz.problem.no_answer"))
    key = comparison_key(text)
    match = next((a for a in question.accept if a.key == key), None)
    if match is None:
        return Grade(question.id, text, 0.0, question.default_feedback, question.explanation)
    return Grade(question.id, text, _clamp(match.fraction), match.feedback,
                 question.explanation)


_GRADERS = {
    "single_choice": _single, "true_false": _single, "multiple_choice": _multiple,
    "ordering": _ordering, "matching": _matching, "numeric": _numeric,
    "short_text": _short_text,
}


def grade(question: Question, answer: object) -> Grade:
    """Grade an answer to one question (see the module docstring for the forms).

    Answer forms: an option id (single choice; true/false also takes a bool),
    a collection of option ids (multiple choice), a list of item ids in the
    learner's order (ordering), a mapping prompt id → choice id (matching),
    a number or typed text (numeric), typed text (short text).
    """
    if answer is None or (isinstance(answer, str) and not answer.strip()
                          and question.type not in ("numeric", "short_text")):
        return Grade(question.id, None, 0.0, None, question.explanation,
                     problem=problem("quiz.problem.no_answer"))
    grader = _GRADERS.get(question.type)
    if grader is None:
        return Grade(question.id, None, 0.0, None, question.explanation,
                     problem=problem("quiz.problem.unknown_type", type=str(question.type)[:40]))
    try:
        return grader(question, answer)
    except _Refused as refused:
        return Grade(question.id, None, 0.0, None, question.explanation, problem=refused.why)
    except RecursionError:  # a self-containing list; nothing a learner can type
        return Grade(question.id, None, 0.0, None, question.explanation,
                     problem=problem("quiz.problem.wrong_type"))


def move(order: tuple[str, ...] | list[str], index: int, delta: int) -> tuple[str, ...]:
    """Move the entry at ``index`` by ``delta`` places (an ordering question's
    up/down buttons); out-of-range moves leave the order unchanged."""
    items = list(order)
    target = index + delta
    if not (0 <= index < len(items) and 0 <= target < len(items)):
        return tuple(items)
    items[index], items[target] = items[target], items[index]
    return tuple(items)
