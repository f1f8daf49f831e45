"""Lints over every bank of the course, run as tests (tests/quiz/test_gift_and_lints.py).

The loader already refuses a broken bank; these rules look across banks and
at the notebooks: ids unique course-wide, every objective a notebook declares
tested by at least two questions, every question's objective declared by a
notebook, and complete ja/en text. Quality rules (``quality_problems``): a
hint never contains the keyed answer; every matching question has a spare
choice. Pool rules (``pool_problems``): every objective has at least
``MIN_POOL`` questions and enough in each part for its draws. Notebook rules
(``notebook_problems``): no inline check shows a closing-part question, no
closing quiz shows the whole bank, and a review opens every lesson from the
third notebook on. They take plain data, so a test can feed them deliberately
broken banks and see each rule fire.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from course.i18n import LANGUAGES
from course.quiz.model import Bank, Question
from course.quiz.normalize import comparison_key
from course.quiz.pools import closing_part, pool_sizes

MIN_QUESTIONS_PER_OBJECTIVE = 2
MIN_POOL = 3  # questions per objective over all its parts (issue #13)
MIN_KEY_LENGTH = 2  # shorter keyed texts ("A") say nothing when found in a hint
# Two questions whose English texts share this share of word pairs ask the same
# thing in other words (measured: rewordings score 0.45-0.85, distinct ones < 0.3).
NEAR_DUPLICATE_FROM = 0.4


@dataclass(frozen=True)
class LintProblem:
    rule: str
    bank: str
    question: str | None
    detail: str

    def __str__(self) -> str:
        where = f"{self.bank}/{self.question}" if self.question else self.bank
        return f"[{self.rule}] {where}: {self.detail}"


def lint_banks(banks: Sequence[Bank],
               notebook_objectives: Mapping[str, Sequence[str]]) -> list[LintProblem]:
    """Every problem found; an empty list means the banks pass.

    ``notebook_objectives`` maps a notebook stem to the objectives its
    metadata declares (``course.objectives``).
    """
    out: list[LintProblem] = []
    declared = {o for objectives in notebook_objectives.values() for o in objectives}
    ids = Counter(q.id for b in banks for q in b.questions)
    tested = Counter(q.objective for b in banks for q in b.questions)
    for bank in banks:
        for q in bank.questions:
            if ids[q.id] > 1:
                out.append(LintProblem("unique_ids", bank.id, q.id,
                                       "the same question id is used more than once"))
            if q.type == "single_choice" and sum(o.correct for o in q.options) != 1:
                out.append(LintProblem("one_correct", bank.id, q.id,
                                       "single choice needs exactly one correct option"))
            for o in q.options:
                if not o.correct and not all(o.feedback.get(lang, "").strip()
                                             for lang in LANGUAGES):
                    out.append(LintProblem("wrong_option_feedback", bank.id, q.id,
                                           f"wrong option {o.id!r} has no feedback"))
            for where, text in q.texts():
                missing = [lang for lang in LANGUAGES if not str(text.get(lang, "")).strip()]
                if missing:
                    out.append(LintProblem("both_languages", bank.id, q.id,
                                           f"{where} has no {', '.join(missing)} text"))
            if q.objective not in declared:
                out.append(LintProblem("objective_declared", bank.id, q.id,
                                       f"objective {q.objective!r} is declared by no notebook"))
        for lang in LANGUAGES:
            if not bank.title.get(lang, "").strip():
                out.append(LintProblem("both_languages", bank.id, None, f"title has no {lang}"))
    for stem, objectives in sorted(notebook_objectives.items()):
        for objective in objectives:
            if tested[objective] < MIN_QUESTIONS_PER_OBJECTIVE:
                out.append(LintProblem(
                    "objective_coverage", stem, None,
                    f"objective {objective!r} is tested by {tested[objective]} question(s), "
                    f"needs {MIN_QUESTIONS_PER_OBJECTIVE}"))
    return out


# ---------------------------------------------------------------- quality
def _keys(question: Question) -> list[str]:
    """The texts that give the answer away, in every language."""
    if question.type in ("single_choice", "multiple_choice"):
        return [o.text[lang] for o in question.options if o.correct for lang in LANGUAGES]
    if question.type == "short_text":
        return [a.text for a in question.accept if a.fraction >= 1]
    return []


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def hint_gives_away(question: Question) -> str | None:
    """The keyed text a hint contains, or None (compared NFKC, case- and space-blind)."""
    if not question.hint:
        return None
    hints = [comparison_key(question.hint[lang]) for lang in LANGUAGES]
    for key in _keys(question):
        folded = comparison_key(key)
        if len(folded) >= MIN_KEY_LENGTH and any(folded in hint for hint in hints):
            return key
    if question.type == "numeric":
        for rule in question.rules:
            if rule.fraction >= 1:
                number = re.compile(rf"(?<![0-9.]){re.escape(_number_text(rule.value))}(?![0-9])")
                if any(number.search(hint) for hint in hints):
                    return _number_text(rule.value)
    return None


def quality_problems(banks: Sequence[Bank]) -> list[LintProblem]:
    """Hints that contain the answer; matching questions without a spare choice."""
    out = []
    for bank in banks:
        for q in bank.questions:
            found = hint_gives_away(q)
            if found is not None:
                out.append(LintProblem("hint_gives_away", bank.id, q.id,
                                       f"the hint contains the keyed answer {found!r}"))
            if q.type == "matching":
                used = {p.match for p in q.prompts}
                if len(q.choices) <= len(used):
                    out.append(LintProblem(
                        "matching_spare_choice", bank.id, q.id,
                        f"{len(q.choices)} choices for {len(used)} matches: add a choice "
                        "that matches nothing, so the last pair is not given away"))
    return out


def _word_pairs(text: str) -> set[tuple[str, str]]:
    words = re.sub(r"[^\w]+", " ", text.lower()).split()
    return set(pairwise(words))


def similarity(a: Question, b: Question) -> float:
    """Jaccard similarity of the word pairs of two questions' English texts."""
    pa, pb = _word_pairs(a.text["en"]), _word_pairs(b.text["en"])
    return len(pa & pb) / len(pa | pb) if pa | pb else 0.0


def near_duplicates(banks: Sequence[Bank], owners: Mapping[str, str]) -> list[LintProblem]:
    """A question a learner meets twice in other words: a closing-part question
    like an inline one of the same notebook, or a final-assessment question like
    any lesson question."""
    out = []
    lessons = [(b, q) for b in banks for q in b.questions
               if owners.get(q.objective, b.id) == b.id]
    for bank in banks:
        inline = bank.inline_ids
        for q in bank.questions:
            final = owners.get(q.objective, bank.id) != bank.id
            if q.id in inline and not final:
                continue
            for other_bank, other in lessons:
                same_lesson = other_bank.id == bank.id and other.id in inline
                if other.id == q.id or not (final or same_lesson):
                    continue
                score = similarity(q, other)
                if score >= NEAR_DUPLICATE_FROM:
                    out.append(LintProblem(
                        "near_duplicate", bank.id, q.id,
                        f"asks what {other_bank.id}/{other.id} asks ({score:.2f} of word "
                        "pairs shared): a learner would meet it twice"))
    return out


# ---------------------------------------------------------------- pools
def pool_problems(banks: Sequence[Bank], owners: Mapping[str, str],
                  final_bank: str | None = None) -> list[LintProblem]:
    """Every objective has ``MIN_POOL`` questions; every draw has enough to draw from.

    ``owners`` maps each objective to the notebook teaching it. A lesson bank
    with a closing quiz needs ``closing_per_objective`` closing questions for
    each of its own objectives; the final bank needs as many for every other
    notebook's objective it draws.
    """
    out = []
    sizes = pool_sizes(banks, owners)
    for objective, stem in owners.items():
        size = sizes.get(objective)
        total = size.total if size else 0
        if total < MIN_POOL:
            out.append(LintProblem("pool_size", stem, None,
                                   f"objective {objective!r} has {total} question(s) in its "
                                   f"pool, needs {MIN_POOL}"))
    for bank in banks:
        wanted = bank.closing_per_objective
        if wanted <= 0:
            continue
        for objective, ids in closing_part(bank).items():
            own = owners.get(objective) == bank.id
            if bank.id == final_bank and own:
                continue  # the final notebook's own objective is practised inline only
            if len(ids) < wanted and (own or bank.id == final_bank):
                out.append(LintProblem(
                    "pool_draw", bank.id, None,
                    f"objective {objective!r}: the closing draw wants {wanted}, the closing "
                    f"part has {len(ids)}"))
    return out


# ---------------------------------------------------------------- notebooks
QUIZ_CLASSES = ("SelfCheck", "Quiz", "ClosingQuiz", "FinalAssessment")


@dataclass
class NotebookUsage:
    """What a notebook's code cells show: inline checks, whole-bank quizzes, draws, reviews."""

    stem: str
    inline: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (bank, question ids)
    parts: list[tuple[str, object]] = field(default_factory=list)  # (bank, part number)
    whole_bank: list[str] = field(default_factory=list)  # Quiz(bank): every question of the bank
    closing: list[str] = field(default_factory=list)  # ClosingQuiz / FinalAssessment: banks
    reviews: list[str] = field(default_factory=list)  # Review(lesson): lessons


def _literal(node: ast.AST | None) -> object:
    try:
        return ast.literal_eval(node) if node is not None else None
    except ValueError:
        return None


def notebook_usage(stem: str, sources: Iterable[str]) -> NotebookUsage:
    """Read the quiz and review calls of a notebook's learner cells (their source)."""
    usage = NotebookUsage(stem)
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            name = node.func.id
            keywords = {k.arg: k.value for k in node.keywords if k.arg}
            first = _literal(node.args[0]) if node.args else _literal(keywords.get("bank"))
            if name == "Review":
                usage.reviews.append(str(first or _literal(keywords.get("lesson"))))
                continue
            if name not in QUIZ_CLASSES or not isinstance(first, str):
                continue
            questions = _literal(keywords.get("questions"))
            if questions is None and len(node.args) > 2:
                questions = _literal(node.args[2])
            part = _literal(keywords.get("part"))
            draw = _literal(keywords.get("draw"))
            if isinstance(questions, str):
                questions = [questions]
            if name in ("ClosingQuiz", "FinalAssessment") or draw in ("closing", "final"):
                usage.closing.append(first)
            elif part is not None:
                usage.parts.append((first, part))
            elif isinstance(questions, (list, tuple)):
                usage.inline.append((first, tuple(str(q) for q in questions)))
            else:
                usage.whole_bank.append(first)
    return usage


def notebook_problems(banks: Sequence[Bank], usages: Sequence[NotebookUsage],
                      review_from: Sequence[str] = ()) -> list[LintProblem]:
    """Inline checks show only inline-part questions; no closing quiz repeats them.

    ``review_from``: the stems whose notebooks must open with a ``Review``.
    """
    by_id = {b.id: b for b in banks}
    out = []
    for usage in usages:
        for bank_id, ids in usage.inline:
            bank = by_id.get(bank_id)
            inline = bank.inline_ids if bank else frozenset()
            for qid in ids:
                if qid not in inline:
                    out.append(LintProblem(
                        "inline_and_closing", usage.stem, qid,
                        f"shown inline but not in {bank_id}'s self_checks, so its closing quiz "
                        "may ask it again"))
        for bank_id, part in usage.parts:
            bank = by_id.get(bank_id)
            if bank is None or bank.part(part) is None:
                out.append(LintProblem("unknown_part", usage.stem, None,
                                       f"{bank_id} has no quick check {part!r}"))
        for bank_id in usage.whole_bank:
            bank = by_id.get(bank_id)
            if bank is not None and bank.self_checks:
                out.append(LintProblem(
                    "inline_and_closing", usage.stem, None,
                    f"a quiz shows every question of {bank_id}, inline checks included: "
                    "use ClosingQuiz (or FinalAssessment)"))
        if usage.stem in review_from and usage.stem not in usage.reviews:
            out.append(LintProblem("review_opens_lesson", usage.stem, None,
                                   "the lesson does not open with a Review of earlier lessons"))
    return out
