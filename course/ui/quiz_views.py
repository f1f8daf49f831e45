"""The controls of one question, per type. No drag and drop anywhere: ordering
uses ↑/↓ buttons, matching uses one dropdown per item, so everything works
with the keyboard (Tab, Space, Enter, arrow keys) and with screen readers.
Every control has a visible label (its ``description``, which ipywidgets
renders as text, never as markup)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from course.i18n import t
from course.quiz.grading import move
from course.quiz.model import Question
from course.ui import lean
from course.ui.quiz_html import status_block
from course.ui.text import escape


class QuestionView:
    """Prompt, controls, Check button, optional hint, feedback (a live region)."""

    def __init__(self, question: Question, number: int, order: tuple[str, ...], *,
                 lang: str, on_check: Callable[[QuestionView], object],
                 workshop: bool = False):
        # ``on_check`` is the quiz's answer callback: the view knows nothing else of it.
        self.on_check = on_check
        self.question, self.number, self.lang = question, number, lang
        self.prompt = lean.HTML(
            f"<p><strong>{escape(t('quiz.question_label', lang, number=number))}</strong> "
            f"{escape(question.text[lang])}</p>")
        controls = self._build(order)
        label = "quiz.submit" if workshop else "quiz.check"
        self.check = lean.Button(description=t(label, lang),
                                 tooltip=t(f"{label}_tooltip", lang), icon="check")
        self.check.on_click(self._on_check)
        buttons: list[widgets.Widget] = [self.check]
        self.hint = lean.HTML()
        self.hint_button: widgets.Button | None = None
        if question.hint:
            self.hint_button = lean.Button(description=t("quiz.hint_button", lang),
                                           tooltip=t("quiz.hint_tooltip", lang),
                                           icon="lightbulb-o")
            self.hint_button.on_click(self._on_hint)
            buttons.append(self.hint_button)
        self.feedback = lean.HTML()
        self.widget = lean.VBox([self.prompt, *controls, lean.HBox(buttons), self.hint,
                                 self.feedback])
        self.widget.add_class(f"course-question-{question.type.replace('_', '-')}")

    def _build(self, order: tuple[str, ...]) -> list[widgets.Widget]:
        raise NotImplementedError

    @property
    def value(self) -> Any:
        """The answer the controls hold now, in ``course.quiz.grade``'s form."""
        return self._get()

    @value.setter
    def value(self, answer: Any) -> None:
        self._set(answer)

    def _get(self) -> Any:
        raise NotImplementedError

    def _set(self, answer: Any) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        self._set(None)
        self.feedback.value = ""

    def _on_check(self, _button: widgets.Button) -> None:
        self.on_check(self)

    def _on_hint(self, _button: widgets.Button) -> None:
        if self.hint.value:
            self.hint.value = ""
        elif self.question.hint:
            self.hint.value = (f"<p><em>{escape(t('quiz.hint', self.lang))}:</em> "
                               f"{escape(self.question.hint[self.lang])}</p>")


class ChoiceView(QuestionView):
    """Single choice and true/false: radio buttons labelled with the option text."""

    def _build(self, order: tuple[str, ...]) -> list[widgets.Widget]:
        options = [self.question.option(i) for i in order]
        self.choice = lean.RadioButtons(
            options=[(o.text[self.lang], o.id) for o in options if o is not None], value=None,
            description=t("quiz.answer_label", self.lang, number=self.number),
            style=lean.style(lean.RadioButtons, description_width="initial"),
            layout=lean.layout(width="auto"))
        return [self.choice]

    def _get(self) -> Any:
        return self.choice.value

    def _set(self, answer: Any) -> None:
        ids = [v for _, v in self.choice.options]
        self.choice.value = answer if answer in ids else None


class MultipleChoiceView(QuestionView):
    """Multiple choice: one labelled checkbox per option."""

    def _build(self, order: tuple[str, ...]) -> list[widgets.Widget]:
        self.boxes: dict[str, widgets.Checkbox] = {}
        for option_id in order:
            option = self.question.option(option_id)
            if option is not None:
                self.boxes[option_id] = lean.Checkbox(
                    value=False, description=option.text[self.lang], indent=False,
                    layout=lean.layout(width="auto"))
        note = lean.HTML(f"<p>{escape(t('quiz.multiple.instructions', self.lang))}</p>")
        return [note, lean.VBox(list(self.boxes.values()))]

    def _get(self) -> Any:
        return sorted(i for i, box in self.boxes.items() if box.value)

    def _set(self, answer: Any) -> None:
        chosen = set(answer) if isinstance(answer, (list, tuple, set)) else set()
        for option_id, box in self.boxes.items():
            box.value = option_id in chosen


class OrderingView(QuestionView):
    """Ordering: numbered rows with ↑/↓ buttons; each move is announced."""

    def _build(self, order: tuple[str, ...]) -> list[widgets.Widget]:
        self.start = tuple(order)
        self.order: tuple[str, ...] = tuple(order)
        self.labels: list[widgets.HTML] = []
        self.up: list[widgets.Button] = []
        self.down: list[widgets.Button] = []
        rows = []
        n = len(order)
        for position in range(n):
            label = lean.HTML(layout=lean.layout(min_width="18rem"))
            up = lean.Button(
                description=t("quiz.ordering.up", self.lang, position=position + 1),
                disabled=position == 0, layout=lean.layout(width="auto"))
            down = lean.Button(
                description=t("quiz.ordering.down", self.lang, position=position + 1),
                disabled=position == n - 1, layout=lean.layout(width="auto"))
            up.on_click(lambda _b, p=position: self._on_move(p, -1))
            down.on_click(lambda _b, p=position: self._on_move(p, +1))
            self.labels.append(label)
            self.up.append(up)
            self.down.append(down)
            rows.append(lean.HBox([label, up, down]))
        self.moved = lean.HTML()
        note = lean.HTML(f"<p>{escape(t('quiz.ordering.instructions', self.lang))}</p>")
        self._show_order()
        return [note, lean.VBox(rows), self.moved]

    def _text(self, item_id: str) -> str:
        item = self.question.item(item_id)
        return item.text[self.lang] if item else item_id

    def _show_order(self) -> None:
        for position, (label, item_id) in enumerate(zip(self.labels, self.order, strict=True)):
            text = t("quiz.ordering.row", self.lang, position=position + 1,
                     item=self._text(item_id))
            label.value = f"<span>{escape(text)}</span>"

    def _on_move(self, position: int, delta: int) -> None:
        self.order = move(self.order, position, delta)
        self._show_order()
        target = position + delta
        if 0 <= target < len(self.order):
            self.moved.value = status_block(escape(t(
                "quiz.ordering.moved", self.lang, item=self._text(self.order[target]),
                position=target + 1)), "info")

    def _get(self) -> Any:
        return list(self.order)

    def _set(self, answer: Any) -> None:
        if isinstance(answer, (list, tuple)) and sorted(answer) == sorted(self.start):
            self.order = tuple(answer)
        elif answer is None:
            self.order = self.start
        self.moved.value = ""
        self._show_order()


class MatchingView(QuestionView):
    """Matching: one dropdown per item, labelled with the item's text."""

    def _build(self, order: tuple[str, ...]) -> list[widgets.Widget]:
        # "" stands for "nothing chosen": ipywidgets treats an option whose value
        # is None as no selection at all and would show a blank box.
        choices = [(t("quiz.matching.choose", self.lang), "")] + [
            (c.text[self.lang], c.id) for c in (self.question.choice(i) for i in order) if c]
        self.selects: dict[str, widgets.Dropdown] = {
            p.id: lean.Dropdown(options=choices, description=p.text[self.lang],
                                style=lean.style(lean.Dropdown, description_width="initial"),
                                layout=lean.layout(width="auto"))
            for p in self.question.prompts}
        note = lean.HTML(f"<p>{escape(t('quiz.matching.instructions', self.lang))}</p>")
        return [note, lean.VBox(list(self.selects.values()))]

    def _get(self) -> Any:
        return {pid: dd.value or None for pid, dd in self.selects.items()}

    def _set(self, answer: Any) -> None:
        pairs = answer if isinstance(answer, dict) else {}
        for pid, dd in self.selects.items():
            ids = [v for _, v in dd.options]
            chosen = pairs.get(pid)
            dd.value = chosen if chosen in ids else ""


class TextEntryView(QuestionView):
    """Numeric and short text: a labelled text field (full-width input is fine)."""

    def _build(self, order: tuple[str, ...]) -> list[widgets.Widget]:
        kind = "numeric" if self.question.type == "numeric" else "short_text"
        self.entry = lean.Text(
            value="", description=t(f"quiz.{kind}.label", self.lang, number=self.number),
            placeholder=t(f"quiz.{kind}.placeholder", self.lang),
            style=lean.style(lean.Text, description_width="initial"),
            layout=lean.layout(width="auto"))
        out: list[widgets.Widget] = [self.entry]
        if self.question.unit:
            unit = t("quiz.numeric.unit", self.lang, unit=self.question.unit[self.lang])
            out.append(lean.HTML(f"<p>{escape(unit)}</p>"))
        return out

    def _get(self) -> Any:
        return self.entry.value

    def _set(self, answer: Any) -> None:
        self.entry.value = "" if answer is None else str(answer)


VIEWS: dict[str, type[QuestionView]] = {
    "single_choice": ChoiceView, "true_false": ChoiceView,
    "multiple_choice": MultipleChoiceView, "ordering": OrderingView,
    "matching": MatchingView, "numeric": TextEntryView, "short_text": TextEntryView,
}
