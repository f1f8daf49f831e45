"""Plain data for question banks: every text exists in Japanese and English.

One ``Question`` class covers every type; the fields a type does not use stay
empty. ``course.quiz.bank`` fills them from YAML, ``course.quiz.grading``
reads them, and nothing here knows about widgets or storage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Text = dict[str, str]  # language code -> text

TYPES: tuple[str, ...] = (
    "single_choice", "multiple_choice", "true_false", "ordering", "matching", "numeric",
    "short_text",
)
CHOICE_TYPES = ("single_choice", "multiple_choice", "true_false")
ORDERING_SCORING = ("relative_order", "position")


@dataclass(frozen=True)
class Option:
    """One answer a learner can pick, with the feedback it earns.

    ``fraction`` is the Moodle-style share of the mark this option adds when
    chosen (multiple choice may use negative fractions for wrong options).
    """

    id: str
    text: Text
    correct: bool
    feedback: Text
    fraction: float = 0.0


@dataclass(frozen=True)
class Item:
    """One step of an ordering question; ``feedback`` is shown when it is misplaced."""

    id: str
    text: Text
    feedback: Text


@dataclass(frozen=True)
class Prompt:
    """The left side of a matching pair; ``match`` is the id of its right choice."""

    id: str
    text: Text
    match: str
    feedback: Text  # shown when the learner pairs it with something else


@dataclass(frozen=True)
class Choice:
    """The right side of a matching question (extra choices act as distractors)."""

    id: str
    text: Text


@dataclass(frozen=True)
class NumericRule:
    """A numeric answer earns ``fraction`` when it is within ``tolerance`` of ``value``."""

    value: float
    tolerance: float
    fraction: float
    feedback: Text

    def matches(self, number: float) -> bool:
        return abs(number - self.value) <= self.tolerance + 1e-12 * max(1.0, abs(self.value))


@dataclass(frozen=True)
class TextAnswer:
    """An accepted short-text answer; ``key`` is its normalized comparison form."""

    text: str
    key: str
    fraction: float
    feedback: Text


@dataclass(frozen=True)
class Question:
    """A question of one type, tied to a learning objective."""

    id: str
    type: str
    objective: str
    text: Text
    explanation: Text
    options: tuple[Option, ...] = ()
    hint: Text | None = None
    sources: tuple[str, ...] = ()  # ids in data/sources.yaml; () = the course's own teaching
    shuffle: bool = True
    items: tuple[Item, ...] = ()  # ordering, in the correct order
    scoring: str = "relative_order"  # ordering: relative_order | position
    prompts: tuple[Prompt, ...] = ()  # matching
    choices: tuple[Choice, ...] = ()  # matching
    rules: tuple[NumericRule, ...] = ()  # numeric
    unit: Text | None = None  # numeric
    accept: tuple[TextAnswer, ...] = ()  # short_text
    default_feedback: Text | None = None  # numeric and short_text: nothing matched

    def option(self, option_id: str) -> Option | None:
        """Return the option with this id, or None."""
        return next((o for o in self.options if o.id == option_id), None)

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    def prompt(self, prompt_id: str) -> Prompt | None:
        return next((p for p in self.prompts if p.id == prompt_id), None)

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)

    def texts(self) -> list[tuple[str, Text]]:
        """Every learner-facing text of the question with a field name (for lints)."""
        out: list[tuple[str, Text]] = [("text", self.text), ("explanation", self.explanation)]
        if self.hint:
            out.append(("hint", self.hint))
        if self.unit:
            out.append(("unit", self.unit))
        if self.default_feedback:
            out.append(("default_feedback", self.default_feedback))
        for i, o in enumerate(self.options):
            out += [(f"options[{i}].text", o.text), (f"options[{i}].feedback", o.feedback)]
        for i, it in enumerate(self.items):
            out += [(f"items[{i}].text", it.text), (f"items[{i}].feedback", it.feedback)]
        for i, p in enumerate(self.prompts):
            out += [(f"prompts[{i}].text", p.text), (f"prompts[{i}].feedback", p.feedback)]
        out += [(f"choices[{i}].text", c.text) for i, c in enumerate(self.choices)]
        out += [(f"rules[{i}].feedback", r.feedback) for i, r in enumerate(self.rules)]
        out += [(f"accept[{i}].feedback", a.feedback) for i, a in enumerate(self.accept)]
        return out


@dataclass(frozen=True)
class Bank:
    """The questions of one notebook (or of the final assessment)."""

    id: str
    title: Text
    questions: tuple[Question, ...]
    objectives: tuple[str, ...] = field(default=())
    shuffle_questions: bool = False
    shuffle_options: bool = True
    release_hashes: tuple[str, ...] = ()  # salted hashes of workshop release codes
    # The quick checks inside the notebook, in order (SelfCheck(bank, part=N)). Their
    # questions are the inline part of the pool; the rest is the closing part.
    self_checks: tuple[tuple[str, ...], ...] = ()
    closing_per_objective: int = 0  # questions per objective the closing quiz draws

    def part(self, number: object) -> tuple[str, ...] | None:
        """The question ids of quick check ``number`` (1-based), or None when there is none."""
        if isinstance(number, bool) or not isinstance(number, int):
            return None
        return self.self_checks[number - 1] if 1 <= number <= len(self.self_checks) else None

    @property
    def inline_ids(self) -> frozenset[str]:
        """Every question a quick check of the notebook shows."""
        return frozenset(q for ids in self.self_checks for q in ids)

    def question(self, question_id: str) -> Question:
        """Return the question with this id (KeyError if absent)."""
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def find(self, question_id: object) -> Question | None:
        """Return the question with this id, or None (never raises)."""
        return next((q for q in self.questions if q.id == question_id), None)
