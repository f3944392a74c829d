"""Choice questions: single choice, multiple select and true/false."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..markup import LABEL
from .base import QuestionWidget

_WIDE = {"width": "auto", "max_width": "100%"}


class SingleChoiceWidget(QuestionWidget):
    """One option among several: ``RadioButtons`` starting with nothing selected."""

    kind = "single"

    def build_controls(self) -> tuple[widgets.Widget, ...]:
        self.choices = widgets.RadioButtons(
            options=[(option.text, option.id) for option in self.view.options],
            index=None, description="Answer", style=LABEL, layout=widgets.Layout(**_WIDE))
        self.choices.add_class("ml-choices")
        return (self.choices,)

    def response(self) -> Any:
        return self.choices.value

    def show_response(self, response: Any) -> None:
        ids = [option.id for option in self.view.options]
        if response in ids:
            self.choices.index = ids.index(response)


class TrueFalseWidget(QuestionWidget):
    """A statement to judge: ``RadioButtons`` True/False, nothing selected."""

    kind = "truefalse"

    def build_controls(self) -> tuple[widgets.Widget, ...]:
        self.choices = widgets.RadioButtons(options=[("True", True), ("False", False)],
                                            index=None, description="Answer", style=LABEL)
        self.choices.add_class("ml-choices")
        return (self.choices,)

    def response(self) -> Any:
        return self.choices.value

    def show_response(self, response: Any) -> None:
        if isinstance(response, bool):
            self.choices.index = 0 if response else 1


class MultipleSelectWidget(QuestionWidget):
    """Several options may be right: one labelled ``Checkbox`` per option."""

    kind = "multiple"

    def build_controls(self) -> tuple[widgets.Widget, ...]:
        self.boxes = tuple(
            widgets.Checkbox(value=False, description=option.text, indent=False,
                             layout=widgets.Layout(**_WIDE))
            for option in self.view.options)
        note = widgets.HTML('<div class="ml-meta">Tick every option that applies.</div>')
        group = widgets.VBox((note, *self.boxes))
        group.add_class("ml-choices")
        return (group,)

    def input_widgets(self) -> tuple[widgets.Widget, ...]:
        return self.boxes

    def response(self) -> Any:
        pairs = zip(self.view.options, self.boxes, strict=True)
        picked = [option.id for option, box in pairs if box.value]
        return picked or None

    def empty_notice(self) -> str:
        return "Tick at least one option before checking."

    def show_response(self, response: Any) -> None:
        chosen = set(response) if isinstance(response, (list, tuple)) else set()
        for option, box in zip(self.view.options, self.boxes, strict=True):
            box.value = option.id in chosen
