"""Item analysis for instructors: how each question and each quiz performed.

The statistics are Moodle's quiz statistics, computed the way Moodle's code
does (Moodle ``question/classes/statistics/questions/
calculator.php`` and ``mod/quiz/report/statistics/classes/calculator.php``):

* only **first attempts** count: later attempts "probably do not satisfy the
  assumptions that underlie item analysis" (MoodleDocs "Quiz statistics
  calculations");
* for a question, x = its mark, X = the learner's total, y = X - x (rest of
  the test); every variance and covariance divides by (s - 1);
* facility F = mean(x) / x_max; SD = sqrt(var(x)) / x_max;
* discrimination index DI = 100 * cov(x, y) / sqrt(var(x) * var(y)) (the
  correlation with the rest of the test, not a top/bottom 27 % split);
* discriminative efficiency DE = 100 * cov(x, y) / cov_max(x, y), cov_max
  pairing x and y both sorted ascending;
* effective weight EW = 100 * sqrt(cov(x, X)) / sum of sqrt(cov(x_p, X)) over
  questions whose covariance with the total is not negative;
* for the quiz: mean, median, SD, skewness, kurtosis, coefficient of internal
  consistency CIC = 100 * p/(p-1) * (1 - sum var(x) / var(X)) (Cronbach's
  alpha, in %), error ratio ER = 100 * sqrt(1 - CIC/100), standard error
  SE = ER * SD / 100.

Percentages everywhere, as Moodle reports them. A statistic that is not
defined for the data (one learner, no spread) is ``None``, never NaN.

Vectorised with numpy over a learners x questions matrix: 5,000 learners x
60 questions take well under a second (benchmarks/bench_analytics.py). This
module imports pandas; ``import course.quiz`` does not import this module.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import itemgetter
from typing import Any

import numpy as np
import pandas as pd

from course.facts.policy import policy
from course.quiz.model import CHOICE_TYPES as MODEL_CHOICE_TYPES
from course.quiz.results_io import FIELDS, MergedResults, Problem, ResultRow, safe_display

# Question types whose ``answer`` is one option id or a list of option ids: the bank's own.
CHOICE_TYPES: frozenset[str] = frozenset(MODEL_CHOICE_TYPES)

# Question flags (text in data/i18n/<lang>/report.yaml under report.flag.*).
TOO_EASY = "too_easy"
TOO_HARD = "too_hard"
LOW_DISCRIMINATION = "low_discrimination"
LOW_EFFICIENCY = "low_efficiency"
NEGATIVE_COVARIANCE = "negative_covariance"
QUESTION_FLAGS = (TOO_EASY, TOO_HARD, LOW_DISCRIMINATION, LOW_EFFICIENCY, NEGATIVE_COVARIANCE)
# Quiz flag.
LOW_CONSISTENCY = "low_consistency"

MISSING_POLICIES = ("zero", "exclude_learner")
_EPS = 1e-12  # variances below this (in squared marks) are "no spread": float noise


@dataclass(frozen=True)
class Thresholds:
    """When a question or quiz is flagged; values come from data/policies/analytics.yaml."""

    facility_too_easy_from: float
    facility_too_hard_up_to: float
    discrimination_index_min: float
    discriminative_efficiency_min: float
    cic_unsatisfactory_below: float
    cic_satisfactory_from: float
    min_learners: int
    small_group_below: int
    missing_answer: str

    @classmethod
    def from_policies(cls) -> Thresholds:
        """Read every threshold from the policy catalog (each has a source there)."""
        return cls(**{name: policy(f"analytics.{name}").value for name in POLICY_NAMES})


POLICY_NAMES: tuple[str, ...] = tuple(Thresholds.__dataclass_fields__)


@dataclass(frozen=True)
class OptionCount:
    """How many learners chose an option on their first attempt."""

    option: str
    count: int
    share: float  # % of the learners in the analysis
    mean_score: float | None  # mean mark (% of max) of those who chose it; 100 = the key


@dataclass(frozen=True)
class QuestionStats:
    """Moodle's item statistics for one question (percentages; None = undefined)."""

    quiz: str
    question: str
    type: str
    objective: str
    learners: int  # s: learners counted
    answered: int  # learners with a first-attempt row that has an answer
    facility: float | None
    sd: float | None
    intended_weight: float | None
    effective_weight: float | None
    discrimination_index: float | None
    discriminative_efficiency: float | None
    negative_covariance: bool
    options: tuple[OptionCount, ...]  # empty unless a choice type
    flags: tuple[str, ...]

    @property
    def no_answer(self) -> int:
        return self.learners - self.answered


@dataclass(frozen=True)
class ScoreDistribution:
    """Histogram of total scores in % of the maximum: ``counts[i]`` learners in
    ``[edges[i], edges[i+1])`` (the last bin includes its right edge). For a
    short all-or-nothing quiz each bin is one possible total, centred on it,
    so the first and last edges lie half a step outside 0-100 %."""

    edges: tuple[float, ...]
    counts: tuple[int, ...]
    totals: tuple[float, ...]  # every learner's total in %, ascending (for box plots)


@dataclass(frozen=True)
class QuizStatistics:
    """Moodle's test statistics for one quiz (percentages of the maximum total)."""

    learners: int
    questions: int
    max_total: float
    mean: float | None
    median: float | None
    sd: float | None
    skewness: float | None
    kurtosis: float | None
    cic: float | None  # Cronbach's alpha in %
    error_ratio: float | None
    standard_error: float | None
    distribution: ScoreDistribution
    flags: tuple[str, ...]


@dataclass(frozen=True)
class QuizAnalysis:
    """Everything about one quiz: the whole-test statistics and every question."""

    quiz: str
    learners: int
    excluded_learners: int  # left out because of missing answers (missing_answer policy)
    statistics: QuizStatistics
    questions: tuple[QuestionStats, ...]
    answers_used: int = 0  # first-attempt rows analysed
    later_attempts: int = 0  # rows of attempt 2 or more, ignored as Moodle does

    def question(self, question_id: str) -> QuestionStats:
        for item in self.questions:
            if item.question == question_id:
                return item
        raise KeyError(question_id)

    @property
    def flagged(self) -> tuple[QuestionStats, ...]:
        return tuple(q for q in self.questions if q.flags)


@dataclass(frozen=True)
class Analysis:
    """The result of ``analyse``: one entry per quiz, or problems saying why not."""

    quizzes: tuple[QuizAnalysis, ...]
    problems: tuple[Problem, ...]
    thresholds: Thresholds | None
    first_attempt_rows: int = 0
    later_attempt_rows: int = 0  # ignored, as Moodle does

    @property
    def ok(self) -> bool:
        return not self.problems

    def quiz(self, quiz_id: str) -> QuizAnalysis:
        for item in self.quizzes:
            if item.quiz == quiz_id:
                return item
        raise KeyError(quiz_id)


# ---------------------------------------------------------------------------
# Input: every text column becomes integer codes once, the rest is numpy


CODED_COLUMNS = ("learner", "quiz", "question", "answer")
_DEFAULTS = {"type": "", "objective": "", "answer": "null", "answered_at": ""}


@dataclass
class _Table:
    """The rows as numpy columns.

    ``codes[c]`` / ``names[c]`` encode the columns the analysis groups by;
    other text (type, objective, answered_at) is fetched only for the few
    rows that need it, through ``fetch(column, original_row_numbers)``.
    """

    codes: dict[str, np.ndarray]
    names: dict[str, np.ndarray]
    score: np.ndarray
    max_score: np.ndarray
    attempt: np.ndarray
    origin: np.ndarray  # row numbers in the caller's input
    fetch: Callable[[str, np.ndarray], list[str]]

    def __len__(self) -> int:
        return len(self.score)

    def take(self, index: np.ndarray) -> _Table:
        return _Table({c: v[index] for c, v in self.codes.items()}, self.names,
                      self.score[index], self.max_score[index], self.attempt[index],
                      self.origin[index], self.fetch)

    def text(self, column: str, index: np.ndarray) -> list[str]:
        """Values of an uncoded text column at positions ``index`` of this table."""
        return self.fetch(column, self.origin[index])


def _encode(values: Sequence[Any] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes numbered in sorted order of the texts, so the result does not
    depend on the order of the input rows (not even in the last bit of a sum)."""
    codes, uniques = pd.factorize(np.asarray(values, dtype=object))
    names = np.array([str(u) for u in uniques], dtype=object)
    if (codes < 0).any():  # None / NaN in a caller's table: one more value, named "nan"
        codes = np.where(codes < 0, len(names), codes)
        names = np.append(names, "nan")
    order = np.argsort(names, kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[codes], names[order]


def _table_from_rows(rows: Sequence[ResultRow]) -> _Table:
    def column(name: str) -> list[Any]:
        return list(map(itemgetter(FIELDS.index(name)), rows))  # C speed, no Python loop

    codes, names = {}, {}
    for name in CODED_COLUMNS:
        codes[name], names[name] = _encode(column(name))

    def fetch(name: str, index: np.ndarray) -> list[str]:
        position = FIELDS.index(name)
        return [str(rows[i][position]) for i in index.tolist()]

    return _Table(codes, names, np.asarray(column("score"), dtype=float),
                  np.asarray(column("max_score"), dtype=float),
                  np.asarray(column("attempt"), dtype=float), np.arange(len(rows)), fetch)


def frame_from_rows(rows: Iterable[ResultRow]) -> pd.DataFrame:
    """The rows as a DataFrame with the exchange-format columns."""
    rows = list(rows)
    return pd.DataFrame({name: [getattr(r, name) for r in rows] for name in FIELDS})


def _problem(code: str, **params: Any) -> Problem:
    """A problem of the analysis (its text under ``report.problem``)."""
    return Problem(code, params=params, area="report.problem")


NO_ROWS = Problem("no_rows")  # the same words as for a results file with no answers


def _as_table(results: object) -> tuple[_Table | None, Problem | None]:
    if isinstance(results, MergedResults):
        results = results.rows
    if isinstance(results, pd.DataFrame):
        return _table_from_frame(results)
    if isinstance(results, (str, bytes, Mapping)) or not isinstance(results, Iterable):
        return None, _problem("not_results")
    try:
        rows = list(results)
    except Exception:  # a broken iterable is bad input, not a crash
        return None, _problem("not_results")
    if not set(map(type, rows)) <= {ResultRow}:  # checked in C: 300,000 rows in 10 ms
        return None, _problem("not_results")
    if not rows:
        return None, NO_ROWS
    return _table_from_rows(rows), None


def _table_from_frame(frame: pd.DataFrame) -> tuple[_Table | None, Problem | None]:
    """Check a caller's DataFrame: every score, max_score and attempt possible (vectorised)."""
    needed = ("learner", "quiz", "question", "score", "max_score", "attempt")
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        return None, _problem("frame_columns", fields=", ".join(missing))
    if frame.empty:
        return None, NO_ROWS
    numbers = {}
    for column in ("score", "max_score", "attempt"):
        values = pd.to_numeric(frame[column], errors="coerce")
        numbers[column] = np.asarray(values, dtype=float)
    score, max_score, attempt = numbers["score"], numbers["max_score"], numbers["attempt"]
    with np.errstate(invalid="ignore"):
        bad = (~np.isfinite(score) | ~np.isfinite(max_score) | (max_score <= 0) | (score < 0)
               | (score > max_score) | ~np.isfinite(attempt) | (attempt < 1)
               | (attempt != np.round(attempt)))
    if bool(bad.any()):
        return None, _problem("frame_values", count=int(bad.sum()))
    codes, names = {}, {}
    for column in CODED_COLUMNS:
        if column in frame.columns:
            codes[column], names[column] = _encode(frame[column].to_numpy(dtype=object))
        else:
            codes[column], names[column] = _encode(np.full(len(frame), _DEFAULTS[column]))

    def fetch(column: str, index: np.ndarray) -> list[str]:
        if column not in frame.columns:
            return [_DEFAULTS[column]] * len(index)
        return [str(v) for v in frame[column].iloc[index].tolist()]

    return _Table(codes, names, score, max_score, attempt, np.arange(len(frame)), fetch), None


# ---------------------------------------------------------------------------
# Statistics on a learners x questions matrix of marks


def _none(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


def _item_statistics(marks: np.ndarray, x_max: np.ndarray) -> dict[str, np.ndarray]:
    """Moodle's per-question statistics, one array entry per question (NaN = undefined)."""
    s, p = marks.shape
    nan = np.full(p, np.nan)
    facility = 100.0 * marks.mean(axis=0) / x_max if s else nan
    if s < 2:
        return {"facility": facility, "sd": nan, "di": nan, "de": nan, "ew": nan,
                "negcovar": np.zeros(p, dtype=bool), "var": nan}
    totals = marks.sum(axis=1)
    rest = totals[:, None] - marks  # y: the rest of the test
    dx = marks - marks.mean(axis=0)
    dy = rest - rest.mean(axis=0)
    dX = totals - totals.mean()
    var_x = (dx * dx).sum(axis=0) / (s - 1)
    var_y = (dy * dy).sum(axis=0) / (s - 1)
    cov_xy = (dx * dy).sum(axis=0) / (s - 1)
    # Largest covariance the two score distributions allow: both sorted ascending.
    sx = np.sort(marks, axis=0) - marks.mean(axis=0)
    sy = np.sort(rest, axis=0) - rest.mean(axis=0)
    cov_max = (sx * sy).sum(axis=0) / (s - 1)
    cov_total = (dx * dX[:, None]).sum(axis=0) / (s - 1)

    var_x = np.where(var_x <= _EPS, 0.0, var_x)
    var_y = np.where(var_y <= _EPS, 0.0, var_y)
    with np.errstate(divide="ignore", invalid="ignore"):
        di = np.where(var_x * var_y > 0, 100.0 * cov_xy / np.sqrt(var_x * var_y), np.nan)
        de = np.where(np.abs(cov_max) > _EPS, 100.0 * cov_xy / cov_max, np.nan)
    di = np.clip(di, -100.0, 100.0)  # a correlation; clip float noise only
    cov_total = np.where(np.abs(cov_total) <= _EPS, 0.0, cov_total)
    negcovar = cov_total < 0
    roots = np.sqrt(np.where(negcovar, 0.0, cov_total))
    total_root = roots.sum()
    ew = np.where(negcovar, np.nan, 100.0 * roots / total_root) if total_root > 0 else nan
    return {"facility": facility, "sd": 100.0 * np.sqrt(var_x) / x_max, "di": di, "de": de,
            "ew": ew, "negcovar": negcovar, "var": var_x}


def _distribution(totals_pct: np.ndarray, max_total: float, whole_marks: bool,
                  ) -> ScoreDistribution:
    """One bin per possible total for short all-or-nothing quizzes, else ten 10 % bins."""
    if whole_marks and 1 <= max_total <= 20 and float(max_total).is_integer():
        # Bins centred on 0, 1, ..., n marks, so they reach half a step beyond 0 and 100 %.
        n = int(max_total)
        edges = (np.arange(n + 2) - 0.5) * 100.0 / n
    else:
        edges = np.linspace(0.0, 100.0, 11)
    counts, _ = np.histogram(np.clip(totals_pct, 0.0, 100.0), bins=edges)
    return ScoreDistribution(tuple(float(e) for e in edges), tuple(int(c) for c in counts),
                             tuple(float(v) for v in np.sort(totals_pct)))


def _quiz_statistics(marks: np.ndarray, x_max: np.ndarray, item_var: np.ndarray,
                     thresholds: Thresholds) -> QuizStatistics:
    s, p = marks.shape
    max_total = float(x_max.sum())
    totals = marks.sum(axis=1)
    pct = 100.0 * totals / max_total if s else totals
    whole = bool(np.all(x_max == 1.0) and np.all((marks == 0) | (marks == 1)))
    distribution = _distribution(pct, max_total, whole)
    mean = _none(pct.mean()) if s else None
    median = _none(float(np.median(pct))) if s else None
    sd = skew = kurt = cic = er = se = None
    if s >= 2:
        d = totals - totals.mean()
        m2, m3, m4 = (d ** 2).mean(), (d ** 3).mean(), (d ** 4).mean()
        k2 = s * m2 / (s - 1)  # the sample variance of the totals
        if k2 > _EPS:
            sd = 100.0 * math.sqrt(k2) / max_total
            if s >= 3:
                k3 = s * s * m3 / ((s - 1) * (s - 2))
                skew = k3 / k2 ** 1.5
            if s >= 4:
                k4 = (s * s * ((s + 1) * m4 - 3 * (s - 1) * m2 * m2)
                      / ((s - 1) * (s - 2) * (s - 3)))
                kurt = k4 / (k2 * k2)
            if p >= 2:
                cic = 100.0 * p / (p - 1) * (1.0 - float(np.nansum(item_var)) / k2)
                er = 100.0 * math.sqrt(max(0.0, 1.0 - cic / 100.0))
                se = er * sd / 100.0
        else:
            sd = 0.0
    flags = ()
    if (cic is not None and s >= thresholds.min_learners
            and cic < thresholds.cic_unsatisfactory_below):
        flags = (LOW_CONSISTENCY,)
    return QuizStatistics(s, p, max_total, mean, median, sd, _none_or(skew), _none_or(kurt),
                          _none_or(cic), _none_or(er), _none_or(se), distribution, flags)


def _none_or(value: float | None) -> float | None:
    return None if value is None else _none(value)


def question_flags(facility: float | None, di: float | None, de: float | None,
                   negcovar: bool, learners: int, thresholds: Thresholds) -> tuple[str, ...]:
    """Which warnings a question earns (none below ``min_learners`` learners)."""
    if learners < thresholds.min_learners:
        return ()
    flags = []
    if facility is not None and facility >= thresholds.facility_too_easy_from:
        flags.append(TOO_EASY)
    if facility is not None and facility <= thresholds.facility_too_hard_up_to:
        flags.append(TOO_HARD)
    if di is not None and di < thresholds.discrimination_index_min:
        flags.append(LOW_DISCRIMINATION)
    if de is not None and de < thresholds.discriminative_efficiency_min:
        flags.append(LOW_EFFICIENCY)
    if negcovar:
        flags.append(NEGATIVE_COVARIANCE)
    return tuple(flags)


# ---------------------------------------------------------------------------
# Option choices


@lru_cache(maxsize=65536)
def option_ids(answer: str) -> tuple[str, ...]:
    """The option ids in an ``answer`` JSON text; () for no answer.

    '"b"' -> ("b",); '["a", "c"]' -> ("a", "c"); 'null' -> (); anything else
    (a number, an object) is kept as its JSON text so it still shows up.
    """
    try:
        value = json.loads(answer)
    except (TypeError, ValueError, RecursionError):
        return (str(answer),)
    if value is None or value == "" or value == []:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(dict.fromkeys(value))
    return (json.dumps(value, ensure_ascii=False, sort_keys=True),)


def _option_counts(table: _Table, local_q: np.ndarray, question_names: Sequence[str],
                   choice: np.ndarray, learners: int,
                   known: Mapping[str, Sequence[str]]) -> dict[str, tuple[OptionCount, ...]]:
    """Count options per choice question, parsing each distinct answer text once."""
    rows = choice[local_q]
    if not rows.any():
        return {}
    answer_names = table.names["answer"]
    n_answers = len(answer_names)
    pair = local_q[rows] * n_answers + table.codes["answer"][rows]
    groups, inverse, sizes = np.unique(pair, return_inverse=True, return_counts=True)
    fraction = table.score[rows] / table.max_score[rows]
    sums = np.bincount(inverse, weights=fraction, minlength=len(groups))
    tallies: dict[int, dict[str, list[float]]] = {}
    for group, size, total in zip(groups.tolist(), sizes.tolist(), sums.tolist(), strict=True):
        question, answer = divmod(group, n_answers)
        per_question = tallies.setdefault(question, {})
        for option in option_ids(answer_names[answer]):
            tally = per_question.setdefault(option, [0, 0.0])
            tally[0] += size
            tally[1] += total
    out = {}
    for j in np.flatnonzero(choice).tolist():
        per_question = tallies.get(j, {})
        name = question_names[j]
        order = list(dict.fromkeys([*known.get(name, ()), *sorted(per_question)]))
        counts = []
        for option in order:
            count, total = per_question.get(option, (0, 0.0))
            counts.append(OptionCount(
                option, int(count), 100.0 * count / learners if learners else 0.0,
                100.0 * total / count if count else None))
        out[name] = tuple(counts)
    return out


# ---------------------------------------------------------------------------
# One quiz


def _question_order(names: np.ndarray, order: Sequence[str] | None) -> np.ndarray:
    """Indices of ``names`` in the bank's order, then the others alphabetically."""
    position = {name: i for i, name in enumerate(names.tolist())}
    wanted = [position[q] for q in dict.fromkeys(order or ()) if q in position]
    rest = sorted(set(range(len(names))) - set(wanted), key=lambda i: str(names[i]))
    return np.array(wanted + rest, dtype=np.int64)


def _analyse_quiz(quiz: str, table: _Table, thresholds: Thresholds,
                  order: Sequence[str] | None, known_options: Mapping[str, Sequence[str]],
                  choice_types: frozenset[str]) -> QuizAnalysis:
    learner_ids, local_l = np.unique(table.codes["learner"], return_inverse=True)
    question_codes, first_row, local_q = np.unique(
        table.codes["question"], return_index=True, return_inverse=True)
    names = table.names["question"][question_codes]
    permutation = _question_order(names, order)  # new position -> old position
    rank = np.empty_like(permutation)
    rank[permutation] = np.arange(len(permutation))
    local_q = rank[local_q]
    names, first_row = names[permutation], first_row[permutation]
    n_learners, n_questions = len(learner_ids), len(names)
    types, objectives = table.text("type", first_row), table.text("objective", first_row)

    marks = np.full((n_learners, n_questions), np.nan)
    marks[local_l, local_q] = table.score
    x_max = np.zeros(n_questions)
    np.maximum.at(x_max, local_q, table.max_score)
    answer_names = table.names["answer"]
    given = np.array([bool(option_ids(a)) for a in answer_names], dtype=bool)
    answered = np.zeros((n_learners, n_questions), dtype=bool)
    answered[local_l, local_q] = given[table.codes["answer"]]

    excluded = 0
    if thresholds.missing_answer == "exclude_learner":
        complete = ~np.isnan(marks).any(axis=1)
        excluded = int((~complete).sum())
        keep_rows = complete[local_l]
        renumber = np.cumsum(complete) - 1
        table = table.take(np.flatnonzero(keep_rows))
        local_l, local_q = renumber[local_l[keep_rows]], local_q[keep_rows]
        marks, answered = marks[complete], answered[complete]
    marks = np.nan_to_num(marks, nan=0.0)  # an unanswered question scores 0 (Moodle)
    s = marks.shape[0]

    stats = _item_statistics(marks, x_max)
    intended = 100.0 * x_max / x_max.sum()
    choice = np.array([t_ in choice_types for t_ in types], dtype=bool)
    options = _option_counts(table, local_q, [str(n) for n in names], choice, s, known_options)
    answered_counts = answered.sum(axis=0)
    items = []
    for j, question in enumerate(names.tolist()):
        facility, di, de = (_none(stats[k][j]) if s else None for k in ("facility", "di", "de"))
        negcovar = bool(stats["negcovar"][j])
        items.append(QuestionStats(
            quiz=quiz, question=str(question), type=types[j], objective=objectives[j],
            learners=s, answered=int(answered_counts[j]) if s else 0,
            facility=facility, sd=_none(stats["sd"][j]),
            intended_weight=_none(intended[j]), effective_weight=_none(stats["ew"][j]),
            discrimination_index=di, discriminative_efficiency=de, negative_covariance=negcovar,
            options=options.get(str(question), ()),
            flags=question_flags(facility, di, de, negcovar, s, thresholds),
        ))
    quiz_stats = _quiz_statistics(marks, x_max, stats["var"], thresholds)
    return QuizAnalysis(quiz, s, excluded, quiz_stats, tuple(items), len(table))


# ---------------------------------------------------------------------------
# The entry point


def analyse(
    results: object,
    *,
    quiz: str | None = None,
    thresholds: Thresholds | None = None,
    question_order: Mapping[str, Sequence[str]] | None = None,
    options: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
    choice_types: Iterable[str] = CHOICE_TYPES,
) -> Analysis:
    """Item analysis of every quiz in ``results`` (or only ``quiz``).

    ``results`` is a ``MergedResults``, a sequence of ``ResultRow`` or a
    DataFrame with the exchange-format columns. Only first attempts count;
    a question a learner did not answer scores 0 (or the learner is left out,
    per ``missing_answer`` in data/policies/analytics.yaml).

    ``question_order`` (quiz -> question ids) keeps the bank's order;
    ``options`` (quiz -> question -> option ids) lists options nobody chose.
    Never raises on bad input: the ``Analysis`` then carries problems.
    """
    try:
        thresholds = thresholds or Thresholds.from_policies()
    except (KeyError, TypeError, ValueError) as exc:  # a broken policy file
        return Analysis((), (_problem("bad_policy", detail=str(exc)[:200]),), None)
    if thresholds.missing_answer not in MISSING_POLICIES:
        return Analysis((), (_problem("bad_policy", detail="missing_answer"),), thresholds)
    table, problem = _as_table(results)
    if problem is not None or table is None:
        return Analysis((), (problem or _problem("not_results"),), thresholds)
    first = table.take(np.flatnonzero(table.attempt == 1))
    later = len(table) - len(first)
    later_by_quiz = np.bincount(table.codes["quiz"][table.attempt != 1],
                                minlength=len(table.names["quiz"]))
    sizes = [len(table.names[c]) for c in ("learner", "question", "quiz")]
    key = ((first.codes["learner"] * sizes[1] + first.codes["question"]) * sizes[2]
           + first.codes["quiz"])
    ordered = np.sort(key)
    if bool((ordered[1:] == ordered[:-1]).any()):
        # Merged files hold one row per mode and attempt, so a learner who answered
        # in self-check and in a workshop, or a raw table, may have two first
        # attempts: keep the latest (the later row on a tie).
        times = np.array(first.text("answered_at", np.arange(len(first))), dtype=object)
        by_time = np.argsort(times, kind="stable")
        reverse = key[by_time][::-1]
        last = len(key) - 1 - np.unique(reverse, return_index=True)[1]
        first = first.take(np.sort(by_time[last]))
    quiz_names = first.names["quiz"]
    present = np.unique(first.codes["quiz"])
    if quiz is not None:
        wanted = [c for c in present.tolist() if quiz_names[c] == quiz]
        if not isinstance(quiz, str) or not wanted:
            return Analysis((), (_problem("unknown_quiz", quiz=safe_display(quiz, 60)),),
                            thresholds, len(first), later)
        present = np.array(wanted)
    if not len(first):
        return Analysis((), (_problem("no_first_attempts"),), thresholds, 0, later)
    order = question_order or {}
    known = options or {}
    types = frozenset(choice_types)
    quizzes, used = [], 0
    for code in sorted(present.tolist(), key=lambda c: str(quiz_names[c])):
        name = str(quiz_names[code])
        part = first.take(np.flatnonzero(first.codes["quiz"] == code))
        used += len(part)
        result = _analyse_quiz(name, part, thresholds, order.get(name), known.get(name, {}),
                               types)
        quizzes.append(replace(result, later_attempts=int(later_by_quiz[code])))
    return Analysis(tuple(quizzes), (), thresholds, used, later)


def question_table(quiz: QuizAnalysis) -> pd.DataFrame:
    """The per-question statistics as a DataFrame (for notebooks and exports)."""
    columns = ("question", "type", "objective", "learners", "answered", "facility", "sd",
               "intended_weight", "effective_weight", "discrimination_index",
               "discriminative_efficiency")
    data = {c: [getattr(q, c) for q in quiz.questions] for c in columns}
    data["flags"] = [", ".join(q.flags) for q in quiz.questions]
    return pd.DataFrame(data)
