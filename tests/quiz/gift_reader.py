"""A reader for GIFT text written for the tests, following the steps of Moodle's
own importer (question/format/gift/format.php, ``readquestion``): escapes are
swapped for placeholders first, the answer block is the text between the first
``{`` and the first ``}``, ``####`` starts the general feedback, and the type is
decided the way Moodle decides it. It is independent of course.quiz.gift, so
reading back what the exporter wrote checks that Moodle would see the same
questions."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_ESCAPES = {"\\:": "\ue001", "\\#": "\ue002", "\\=": "\ue003", "\\{": "\ue004", "\\}": "\ue005",
            "\\~": "\ue006", "\\n": "\ue007"}
_BACK = {"\ue001": ":", "\ue002": "#", "\ue003": "=", "\ue004": "{", "\ue005": "}", "\ue006": "~",
         "\ue007": "\n", "\ue008": "\\"}
_WEIGHT = re.compile(r"^%(-*[0-9]{1,2}\.?[0-9]*)%")


@dataclass
class GiftAnswer:
    text: str
    fraction: float
    feedback: str


@dataclass
class GiftQuestion:
    name: str
    qtype: str
    text: str
    general_feedback: str
    answers: list[GiftAnswer] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    true_false: bool | None = None
    feedback_true: str = ""
    feedback_false: str = ""
    numbers: list[tuple[float, float, float, str]] = field(default_factory=list)


def _pre(text: str) -> str:
    text = text.replace("\\\\", "\ue008")
    for escaped, placeholder in _ESCAPES.items():
        text = text.replace(escaped, placeholder)
    return text


def _post(text: str) -> str:
    for placeholder, char in _BACK.items():
        text = text.replace(placeholder, char)
    return text


def _formatted(text: str, fmt: str) -> str:
    text = text.strip()
    if text.startswith("["):
        end = text.index("]")
        fmt, text = text[1:end], text[end + 1:]
    text = _post(text).strip()
    return html.unescape(text) if fmt == "html" else text


def _split_comment(answer: str, fmt: str) -> tuple[str, str]:
    bits = answer.split("#", 1)
    return _formatted(bits[0], fmt), _formatted(bits[1], fmt) if len(bits) > 1 else ""


def read_gift(text: str) -> list[GiftQuestion | str]:
    """Questions, and ``$CATEGORY`` lines as plain strings, in file order."""
    out: list[GiftQuestion | str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [" " if line.strip().startswith("//") else line for line in block.split("\n")]
        body = "\n".join(lines).strip()
        if not body:
            continue
        body = _pre(body)
        if body.startswith("$CATEGORY:"):
            out.append(body[len("$CATEGORY:"):].strip())
            continue
        name = ""
        if body.startswith("::"):
            end = body.index("::", 2)
            name, body = _post(body[2:end]), body[end + 2:].strip()
        start, finish = body.index("{"), body.index("}")
        answer_text = body[start + 1:finish].strip()
        question_text = body[:start]
        fmt = "moodle"
        if question_text.startswith("["):
            fmt = question_text[1:question_text.index("]")]
        general = ""
        if "####" in answer_text:
            cut = answer_text.rindex("####")
            general, answer_text = answer_text[cut + 4:], answer_text[:cut].strip()
        q = GiftQuestion(name, "", _formatted(question_text, "moodle"), _formatted(general, fmt))
        if answer_text.startswith("#"):
            q.qtype = "numerical"
            rest = answer_text[1:]
            wrong = ""
            if "~" in rest:
                rest, wrong = rest[:rest.index("~")], rest[rest.index("~"):]
            for part in filter(None, (p.strip() for p in rest.split("="))):
                weight = 1.0
                if (m := _WEIGHT.match(part)):
                    weight, part = float(m.group(1)) / 100, part[m.end():]
                value, feedback = _split_comment(part, fmt)
                number, tolerance = value.split(":") if ":" in value else (value, "0")
                q.numbers.append((float(number), float(tolerance), weight, feedback))
            if wrong:
                q.answers.append(GiftAnswer("*", 0.0, _split_comment(wrong[1:], fmt)[1]))
        elif "~" in answer_text:
            q.qtype = "multichoice"
            parts = answer_text.replace("=", "~=").split("~")
            for part in filter(None, (p.strip() for p in parts)):
                if part.startswith("="):
                    weight, part = 1.0, part[1:]
                elif (m := _WEIGHT.match(part)):
                    weight, part = float(m.group(1)) / 100, part[m.end():]
                else:
                    weight = 0.0
                answer, feedback = _split_comment(part, fmt)
                q.answers.append(GiftAnswer(answer, weight, feedback))
        elif "=" in answer_text and "->" in answer_text:
            q.qtype = "match"
            for part in filter(None, (p.strip() for p in answer_text.split("="))):
                marker = part.index("->")
                q.pairs.append((_formatted(part[:marker], fmt), _post(part[marker + 2:]).strip()))
        else:
            check = answer_text.split("#", 1)[0].strip()
            if check in ("T", "TRUE", "F", "FALSE"):
                q.qtype = "truefalse"
                bits = answer_text.split("#", 2)
                wrong = _formatted(bits[1], fmt) if len(bits) > 1 else ""
                right = _formatted(bits[2], fmt) if len(bits) > 2 else ""
                q.true_false = check in ("T", "TRUE")
                q.feedback_true, q.feedback_false = (right, wrong) if q.true_false else (
                    wrong, right)
            else:
                q.qtype = "shortanswer"
                for part in filter(None, (p.strip() for p in answer_text.split("="))):
                    weight = 1.0
                    if (m := _WEIGHT.match(part)):
                        weight, part = float(m.group(1)) / 100, part[m.end():]
                    answer, feedback = _split_comment(part, fmt)
                    q.answers.append(GiftAnswer(answer, weight, feedback))
        out.append(q)
    return out
