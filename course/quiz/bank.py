"""Loading question banks from ``data/quizzes/*.yaml``.

A bank is checked in two steps: the JSON Schema in ``data/quizzes/schema.json``
(shape, required fields, both languages) and then the rules a schema cannot
express (exactly one correct option, references between fields, fractions).
A bank with a mistake must tell its author where it is (file, question id,
field) rather than fail with a traceback deep inside a widget.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from course.facts.sources import SourceError, source_ids
from course.i18n import LANGUAGES, both
from course.paths import data_path
from course.quiz import schema_cache
from course.quiz.model import (
    Bank,
    Choice,
    Item,
    NumericRule,
    Option,
    Prompt,
    Question,
    TextAnswer,
)
from course.quiz.normalize import comparison_key
from course.yaml_safe import SAFE_LOADER

SUPPORTED_TYPES = (
    "single_choice", "multiple_choice", "true_false", "ordering", "matching", "numeric",
    "short_text",
)
MAX_BANK_BYTES = 2_000_000
SCHEMA_FILE = "schema.json"


class BankError(ValueError):
    """A question bank that cannot be used, with where the problem is."""

    def __init__(self, path: Path | str, question: str | None, field: str, problem: str):
        self.path, self.question, self.field, self.problem = str(path), question, field, problem
        where = f"question {question!r}, " if question else ""
        super().__init__(f"{self.path}: {where}field {field!r}: {problem}")


class _BankLoader(SAFE_LOADER):  # type: ignore[misc, valid-type]
    """Safe YAML without aliases (no exponential "billion laughs" expansion, no
    cycles) and without duplicate keys (a second ``feedback:`` would silently win)."""

    def construct_document(self, node):  # type: ignore[override]
        # An alias makes one node reachable twice: refuse it before building anything.
        seen: set[int] = set()
        stack = [node]
        while stack:
            current = stack.pop()
            if id(current) in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, "aliases (*name) are not allowed in a question bank",
                    current.start_mark)
            seen.add(id(current))
            if isinstance(current, yaml.MappingNode):
                stack += [part for pair in current.value for part in pair]
            elif isinstance(current, yaml.SequenceNode):
                stack += current.value
        return super().construct_document(node)

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:  # an unhashable key; the base class reports it
                break
            if duplicate:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark)
        return super().construct_mapping(node, deep=deep)


def _jsonschema() -> Any:
    """Import jsonschema, lazily and without its optional IRI-format helper.

    ``jsonschema`` imports ``rfc3987_syntax`` when it is installed (Jupyter
    pulls it in), and that module builds three Earley parsers at import time:
    about 3.5 s of CPU (measured here) before the first quiz can appear. Bank
    schemas use no ``format`` keywords, so the import is skipped for the
    moment jsonschema loads; anything importing ``rfc3987_syntax`` later gets
    the real module.
    """
    if "jsonschema" in sys.modules:
        return sys.modules["jsonschema"]
    blocked = "rfc3987_syntax" not in sys.modules
    if blocked:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]
    try:
        import jsonschema
    finally:
        if blocked and sys.modules.get("rfc3987_syntax", False) is None:
            del sys.modules["rfc3987_syntax"]
    return jsonschema


@lru_cache(maxsize=2)
def _validator(schema_path: str) -> Any:
    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    validator_class = _jsonschema().Draft202012Validator
    validator_class.check_schema(schema)
    return validator_class(schema)


def schema_validator() -> Any:
    """The validator for ``data/quizzes/schema.json``."""
    return _validator(str(data_path("quizzes", SCHEMA_FILE)))


def _field(path: Iterable[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_UNEXPECTED = re.compile(r"\('?(.+?)'? (?:was|were) unexpected\)")


def _where(error: Any, raw: Any) -> tuple[str | None, str, str]:
    """Question id, field and message for one schema error."""
    path = list(error.absolute_path)
    question: str | None = None
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        entry = raw["questions"][path[1]]
        qid = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(qid, str) and qid and path[2:] != ["id"]:
            question, path = qid, path[2:]
    message = error.message
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [p for p in error.validator_value if p not in error.instance]
        if missing and missing[0] in LANGUAGES:
            message = f"missing text in {', '.join(m for m in missing if m in LANGUAGES)}"
        elif missing:
            path = [*path, missing[0]]
            message = "is required"
    elif path and path[-1] in LANGUAGES and error.validator in ("minLength", "pattern", "type"):
        message = f"missing text in {path[-1]}"
        path = path[:-1]
    elif error.validator in ("unevaluatedProperties", "additionalProperties"):
        found = _UNEXPECTED.search(message)
        if found:
            path = [*path, found.group(1).split("', '")[0]]
            message = "is not a field a bank may have here (a typo?)"
    if len(message) > 300:
        message = message[:300] + "…"
    field = _field(path) or "(file)"
    return question, field, message


def _rank(error: Any) -> tuple:
    path = list(error.absolute_path)
    index = path[1] if len(path) > 1 and path[0] == "questions" and isinstance(
        path[1], int) else -1
    is_type = path[2:] == ["type"]
    generic = error.validator in ("unevaluatedProperties", "additionalProperties")
    return (index, not is_type, generic, -len(path), error.message)


def _check_schema(raw: Any, path: Path) -> None:
    errors = list(schema_validator().iter_errors(raw))
    if not errors:
        return
    first = min(errors, key=_rank)
    question, field, message = _where(first, raw)
    raise BankError(path, question, field, message)


def _text(raw: dict[str, Any]) -> dict[str, str]:
    return {lang: str(raw[lang]) for lang in LANGUAGES}


def _choice_options(raw: dict, path: Path, qid: str, qtype: str) -> tuple[Option, ...]:
    options_raw = raw["options"]
    explicit = [o for o in options_raw if "fraction" in o]
    if explicit and qtype == "single_choice":
        raise BankError(path, qid, "options", "single choice has no fractions: mark one "
                        "option correct: true")
    if explicit and len(explicit) != len(options_raw):
        raise BankError(path, qid, "options", "give a fraction to every option or to none")
    # With fractions, an option is correct when its fraction is above 0.
    correct = [float(o["fraction"]) > 0 if explicit and "correct" not in o
               else bool(o.get("correct", False)) for o in options_raw]
    n_right = sum(correct)
    n_wrong = len(correct) - n_right
    if qtype == "single_choice" and n_right != 1:
        raise BankError(path, qid, "options", "needs exactly one correct option")
    if qtype == "multiple_choice" and n_right < 1:
        raise BankError(path, qid, "options", "needs at least one correct option")
    options = []
    for i, (o, right) in enumerate(zip(options_raw, correct, strict=True)):
        if "fraction" in o:
            fraction = float(o["fraction"])
            if right != (fraction > 0):
                raise BankError(path, qid, f"options[{i}].fraction",
                                "correct options need a fraction above 0, wrong ones 0 or less")
        elif qtype == "multiple_choice":
            # Defaults: the correct options share the mark; choosing every option scores 0.
            fraction = 1 / n_right if right else (-1 / n_wrong if n_wrong else 0.0)
        else:
            fraction = 1.0 if right else 0.0
        options.append(Option(o["id"], _text(o["text"]), right, _text(o["feedback"]), fraction))
    if qtype == "multiple_choice":
        total = sum(o.fraction for o in options if o.fraction > 0)
        if not math.isclose(total, 1.0, abs_tol=1e-6):
            raise BankError(path, qid, "options", f"the fractions of the correct options add "
                            f"up to {total:g}, not 1")
    return tuple(options)


def _unique(ids: list[str], path: Path, qid: str, field: str) -> None:
    if len(set(ids)) != len(ids):
        duplicate = next(i for i in ids if ids.count(i) > 1)
        raise BankError(path, qid, field, f"duplicate id {duplicate!r}")


def _sources(raw: dict, path: Path, qid: str) -> tuple[str, ...]:
    try:
        return source_ids(raw, qid)
    except SourceError as error:
        raise BankError(path, qid, "sources", str(error).split(": ", 1)[-1]) from None


def _question(raw: dict, path: Path, bank_shuffle: bool) -> Question:
    qid, qtype = raw["id"], raw["type"]
    common: dict[str, Any] = {
        "id": qid, "type": qtype, "objective": raw["objective"], "text": _text(raw["text"]),
        "explanation": _text(raw["explanation"]), "sources": _sources(raw, path, qid),
        "hint": _text(raw["hint"]) if "hint" in raw else None,
        "shuffle": bool(raw.get("shuffle", bank_shuffle)),
    }
    if qtype in ("single_choice", "multiple_choice"):
        options = _choice_options(raw, path, qid, qtype)
        _unique([o.id for o in options], path, qid, "options")
        return Question(**common, options=options)
    if qtype == "true_false":
        answer = bool(raw["answer"])
        options = (
            Option("true", both("quiz.answer_true"), answer, _text(raw["feedback_true"]),
                   1.0 if answer else 0.0),
            Option("false", both("quiz.answer_false"), not answer, _text(raw["feedback_false"]),
                   0.0 if answer else 1.0),
        )
        return Question(**{**common, "shuffle": False}, options=options)
    if qtype == "ordering":
        items = tuple(Item(i["id"], _text(i["text"]), _text(i["feedback"]))
                      for i in raw["items"])
        _unique([i.id for i in items], path, qid, "items")
        return Question(**common, items=items, scoring=raw.get("scoring", "relative_order"))
    if qtype == "matching":
        prompts = tuple(Prompt(p["id"], _text(p["text"]), p["match"], _text(p["feedback"]))
                        for p in raw["prompts"])
        choices = tuple(Choice(c["id"], _text(c["text"])) for c in raw["choices"])
        _unique([p.id for p in prompts], path, qid, "prompts")
        _unique([c.id for c in choices], path, qid, "choices")
        known = {c.id for c in choices}
        for i, p in enumerate(prompts):
            if p.match not in known:
                raise BankError(path, qid, f"prompts[{i}].match",
                                f"{p.match!r} is not the id of a choice")
        return Question(**common, prompts=prompts, choices=choices)
    if qtype == "numeric":
        rules = []
        for i, r in enumerate(raw["rules"]):
            value, tolerance = float(r["value"]), float(r.get("tolerance", 0))
            if not (math.isfinite(value) and math.isfinite(tolerance)):
                raise BankError(path, qid, f"rules[{i}]", "value and tolerance must be finite")
            rules.append(NumericRule(value, tolerance, float(r.get("fraction", 1)),
                                     _text(r["feedback"])))
        if not any(r.fraction == 1 for r in rules):
            raise BankError(path, qid, "rules", "needs a rule with fraction 1 (the right answer)")
        return Question(**common, rules=tuple(sorted(rules, key=lambda r: -r.fraction)),
                        unit=_text(raw["unit"]) if "unit" in raw else None,
                        default_feedback=_text(raw["default_feedback"]))
    # short_text
    accept = []
    for i, a in enumerate(raw["accept"]):
        key = comparison_key(str(a["answer"]))
        if not key:
            raise BankError(path, qid, f"accept[{i}].answer", "is empty after normalization")
        accept.append(TextAnswer(str(a["answer"]), key, float(a.get("fraction", 1)),
                                 _text(a["feedback"])))
    _unique([a.key for a in accept], path, qid, "accept")
    if not any(a.fraction == 1 for a in accept):
        raise BankError(path, qid, "accept", "needs an answer with fraction 1")
    return Question(**common, accept=tuple(sorted(accept, key=lambda a: -a.fraction)),
                    default_feedback=_text(raw["default_feedback"]))


def _read(path: Path) -> Any:
    return _parse(_read_text(path), path)


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_BANK_BYTES:
            raise BankError(path, None, "(file)", f"is larger than {MAX_BANK_BYTES} bytes")
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BankError(path, None, "(file)", f"cannot be read: {exc}") from None


def _parse(text: str, path: Path) -> Any:
    try:
        return yaml.load(text, Loader=_BankLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise BankError(path, None, "(file)", f"is not valid YAML: {exc}") from None
    except RecursionError:
        raise BankError(path, None, "(file)", "is nested too deeply") from None


def _self_checks(raw: list[list[str]], path: Path, known: set[str]
                 ) -> tuple[tuple[str, ...], ...]:
    """The quick checks; a question belongs to at most one, and must exist."""
    owner: dict[str, int] = {}
    for number, ids in enumerate(raw, 1):
        for qid in ids:
            if qid not in known:
                raise BankError(path, qid, "self_checks", "is not a question of this bank")
            if qid in owner:
                raise BankError(path, qid, "self_checks",
                                f"is already in quick check {owner[qid]}")
            owner[qid] = number
    return tuple(tuple(ids) for ids in raw)


def bank_from_data(raw: Any, path: Path | str = "(bank)", *,
                   schema_passed: bool = False) -> Bank:
    """Check parsed bank data (a dict as YAML gives it) and build a ``Bank``.

    ``schema_passed`` skips only the JSON Schema step, for a text known to
    have passed it (``course.quiz.schema_cache``); every other rule still runs."""
    path = Path(path)
    if not isinstance(raw, dict):
        raise BankError(path, None, "(file)", "must be a mapping with id, title and questions")
    if not schema_passed:
        try:
            _check_schema(raw, path)
        except RecursionError:
            raise BankError(path, None, "(file)", "is nested too deeply") from None
    shuffle_options = bool(raw.get("shuffle_options", True))
    questions = tuple(_question(q, path, shuffle_options) for q in raw["questions"])
    seen: set[str] = set()
    for q in questions:
        if q.id in seen:
            raise BankError(path, q.id, "id", "duplicate question id")
        seen.add(q.id)
    objectives = tuple(raw.get("objectives") or sorted({q.objective for q in questions}))
    for q in questions:
        if q.objective not in objectives:
            raise BankError(path, q.id, "objective",
                            f"{q.objective!r} is not in the bank's objectives")
    self_checks = _self_checks(raw.get("self_checks") or [], path, seen)
    return Bank(
        id=raw["id"], title=_text(raw["title"]), questions=questions, objectives=objectives,
        self_checks=self_checks,
        closing_per_objective=int(raw.get("closing_per_objective", 0)),
        shuffle_questions=bool(raw.get("shuffle_questions", False)),
        shuffle_options=shuffle_options,
        release_hashes=tuple((raw.get("workshop") or {}).get("release_hashes", ())),
    )


def load_bank_file(path: Path | str) -> Bank:
    """Read and check one bank file; any problem is a ``BankError``.

    A file is validated once per change: the result is cached by path,
    modification time and size, so several quizzes in one notebook (or a
    rebuilt widget) do not pay for JSON Schema validation again; and a text
    that passed the schema in an earlier kernel is not schema-checked again
    (``course.quiz.schema_cache``), so a new app page opens sooner.
    """
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        return bank_from_data(_read(path), path)  # raises the "cannot be read" BankError
    return _cached(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _cached(path: str, _mtime_ns: int, _size: int) -> Bank:
    text = _read_text(Path(path))
    raw = _parse(text, Path(path))
    key = schema_cache.digest(_schema_text(), text)
    if schema_cache.passed(key):
        return bank_from_data(raw, Path(path), schema_passed=True)
    bank = bank_from_data(raw, Path(path))
    schema_cache.remember(key)
    return bank


def _schema_text() -> str:
    return data_path("quizzes", SCHEMA_FILE).read_text(encoding="utf-8")


def bank_paths(directory: Path | None = None) -> list[Path]:
    """Every bank file of the course (``data/quizzes/*.yaml``)."""
    folder = directory or data_path("quizzes")
    return sorted(folder.glob("*.yaml"))


def load_bank(name: str) -> Bank:
    """Load ``data/quizzes/<name>.yaml`` (for example ``00_start_here``)."""
    if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9][a-z0-9_]{0,63}", name):
        raise BankError(f"{name!r}", None, "(name)", "is not the name of a question bank "
                        "(for example 00_start_here)")
    return load_bank_file(data_path("quizzes", f"{name}.yaml"))
