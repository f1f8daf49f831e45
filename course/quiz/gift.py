"""Export a bank to Moodle's GIFT format, in one language.

GIFT covers single and multiple choice (with Moodle percentage weights,
negative ones included), true/false, matching, numeric (value:tolerance,
several weighted rules) and short answer. It has no ordering syntax, so
ordering questions are skipped and listed with the reason. What GIFT cannot
carry is reported as a note: hints, per-pair feedback of matching questions,
units of numeric questions, and our NFKC/width folding of short answers
(Moodle only ignores case).

Text is written as ``[html]`` with HTML special characters escaped, so bank
text can never become markup in Moodle either; GIFT's own special characters
(``~ = # { } :`` and the backslash) are escaped with a backslash and line
breaks become ``\\n``, as Moodle's own exporter does.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from course.i18n import both, normalize_language
from course.quiz.model import Bank, Question, Text

_SPECIAL = {"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}",
            ":": "\\:", "\n": "\\n", "\r": ""}


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters (Moodle's ``repchar``)."""
    return "".join(_SPECIAL.get(c, c) for c in text)


def _html(text: str) -> str:
    return gift_escape(html.escape(text, quote=False))


def _weight(fraction: float) -> str:
    percent = f"{fraction * 100:.5f}".rstrip("0").rstrip(".")
    return "0" if percent in ("-0", "") else percent


@dataclass(frozen=True)
class GiftExport:
    """The GIFT text and what could not go into it."""

    text: str
    exported: tuple[str, ...]
    skipped: tuple[tuple[str, Text], ...]  # (question id, why)
    notes: tuple[tuple[str, Text], ...]  # (question id, what was lost)


def _general(question: Question, lang: str) -> str:
    return f"\t####{_html(question.explanation[lang])}\n"


def _body(question: Question, lang: str) -> tuple[str | None, list[Text], Text | None]:
    """The answer block, notes, and the reason when the type has no GIFT form."""
    notes: list[Text] = []
    if question.hint:
        notes.append(both("quiz.gift.note_hint"))
    t = question.type
    if t == "single_choice":
        lines = [f"\t{'=' if o.correct else '~'}{_html(o.text[lang])}#{_html(o.feedback[lang])}\n"
                 for o in question.options]
        return "{\n" + "".join(lines) + _general(question, lang) + "}", notes, None
    if t == "multiple_choice":
        lines = [f"\t~%{_weight(o.fraction)}%{_html(o.text[lang])}#{_html(o.feedback[lang])}\n"
                 for o in question.options]
        return "{\n" + "".join(lines) + _general(question, lang) + "}", notes, None
    if t == "true_false":
        right = next(o for o in question.options if o.correct)
        wrong = next(o for o in question.options if not o.correct)
        word = "TRUE" if right.id == "true" else "FALSE"
        return (f"{{{word}#{_html(wrong.feedback[lang])}#{_html(right.feedback[lang])}"
                f"####{_html(question.explanation[lang])}}}"), notes, None
    if t == "matching":
        notes.append(both("quiz.gift.note_pair_feedback"))
        used = {p.match for p in question.prompts}
        lines = [f"\t={_html(p.text[lang])} -> "
                 f"{gift_escape(question.choice(p.match).text[lang])}\n"  # type: ignore[union-attr]
                 for p in question.prompts]
        lines += [f"\t= -> {gift_escape(c.text[lang])}\n" for c in question.choices
                  if c.id not in used]
        return "{\n" + "".join(lines) + _general(question, lang) + "}", notes, None
    if t == "numeric":
        if question.unit:
            notes.append(both("quiz.gift.note_unit"))
        lines = [f"\t=%{_weight(r.fraction)}%{r.value!r}:{r.tolerance!r}#"
                 f"{_html(r.feedback[lang])}\n" for r in question.rules]
        if question.default_feedback:
            lines.append(f"\t~#{_html(question.default_feedback[lang])}\n")
        return "{#\n" + "".join(lines) + _general(question, lang) + "}", notes, None
    if t == "short_text":
        notes.append(both("quiz.gift.note_normalization"))
        lines = [f"\t=%{_weight(a.fraction)}%{gift_escape(a.text)}#{_html(a.feedback[lang])}\n"
                 for a in question.accept]
        if question.default_feedback:
            lines.append(f"\t=%0%*#{_html(question.default_feedback[lang])}\n")
        return "{\n" + "".join(lines) + _general(question, lang) + "}", notes, None
    if t == "ordering":
        return None, [], both("quiz.gift.skip_ordering")
    return None, [], both("quiz.gift.skip_unknown", type=t)


def to_gift(bank: Bank, lang: str = "ja") -> GiftExport:
    """The bank in GIFT, one language; ordering questions are skipped with a reason."""
    lang = normalize_language(lang)
    blocks = [f"// x-phone-course question bank {bank.id} ({lang}), made by python -m course gift",
              f"$CATEGORY: x-phone-course/{bank.id}"]
    exported, skipped, notes = [], [], []
    for question in bank.questions:
        body, lost, reason = _body(question, lang)
        if body is None:
            skipped.append((question.id, reason or both("quiz.gift.skip_ordering")))
            continue
        exported.append(question.id)
        notes += [(question.id, note) for note in lost]
        blocks.append(f"::{gift_escape(question.id)}::[html]{_html(question.text[lang])}{body}")
    return GiftExport("\n\n".join(blocks) + "\n", tuple(exported), tuple(skipped), tuple(notes))
