"""Shuffling that can be replayed: the order a learner saw follows from their
pseudonym and the quiz id alone.

No order is stored anywhere; an instructor who wants to know what learner
``learner-kqmtzpwa`` saw in ``01_why_a_phone_number`` calls ``arrange`` with
the same two strings and gets the same questions and options in the same
order. Each question has its own seed, so a notebook section that shows a
subset of a bank shows each question's options in the same order as the
whole bank does.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, replace

from course.quiz.model import Bank, Question

SEED_VERSION = "x-course-shuffle-v1"


def seed_for(learner: str, quiz_id: str, question_id: str = "") -> int:
    """A 64-bit seed from the learner's pseudonym, the quiz and (optionally) a question."""
    material = "\x1f".join((SEED_VERSION, learner, quiz_id, question_id)).encode("utf-8")
    return int.from_bytes(hashlib.sha256(material).digest()[:8], "big")


@dataclass(frozen=True)
class Arrangement:
    """What one learner sees: the question order and, per question, the order of
    its options (choice types), steps (ordering: the starting order) or choices
    (matching)."""

    learner: str
    quiz_id: str
    questions: tuple[str, ...]
    orders: dict[str, tuple[str, ...]]

    def order(self, question_id: str) -> tuple[str, ...]:
        return self.orders.get(question_id, ())


def _order(question: Question, rng: random.Random) -> tuple[str, ...]:
    if question.type in ("single_choice", "multiple_choice", "true_false"):
        ids = [o.id for o in question.options]
        if question.shuffle and question.type != "true_false":
            rng.shuffle(ids)
        return tuple(ids)
    if question.type == "ordering":
        right = [i.id for i in question.items]
        ids = right[:]
        rng.shuffle(ids)  # always shuffled: the written order is the answer
        if ids == right:
            ids = ids[1:] + ids[:1]
        return tuple(ids)
    if question.type == "matching":
        ids = [c.id for c in question.choices]
        if question.shuffle:
            rng.shuffle(ids)
        return tuple(ids)
    return ()


def arrange(bank: Bank, learner: str, question_ids: list[str] | None = None,
            shuffle: bool = True) -> Arrangement:
    """The order of questions and options for ``learner`` (deterministic).

    ``shuffle=False`` keeps every written order (except ordering questions,
    whose steps must never start in the right order).
    """
    chosen = [q for q in bank.questions if question_ids is None or q.id in question_ids]
    if question_ids is not None:
        position = {qid: k for k, qid in enumerate(question_ids)}
        chosen.sort(key=lambda q: position[q.id])
    ids = [q.id for q in chosen]
    if shuffle and bank.shuffle_questions:
        random.Random(seed_for(learner, bank.id)).shuffle(ids)
    orders = {}
    for q in chosen:
        rng = random.Random(seed_for(learner, bank.id, q.id))
        if shuffle:
            orders[q.id] = _order(q, rng)
        else:
            orders[q.id] = _order(replace(q, shuffle=False), rng)
    return Arrangement(learner, bank.id, tuple(ids), orders)
