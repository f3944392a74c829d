"""Matching questions: a ``Dropdown`` per left item, starting at "Choose…"."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .. import markup
from ..markup import LABEL
from .base import QuestionWidget

PLACEHOLDER = "Choose…"


class MatchingWidget(QuestionWidget):
    """Each left item gets a labelled dropdown of the right-hand choices."""

    kind = "matching"

    def build_controls(self) -> tuple[widgets.Widget, ...]:
        choices = [(PLACEHOLDER, None), *[(o.text, o.id) for o in self.view.right]]
        self.dropdowns: dict[str, widgets.Dropdown] = {}
        rows = []
        for number, item in enumerate(self.view.left, 1):
            label = widgets.HTML(f'<div class="ml-match-left">{number}. '
                                 f"{markup.text(item.text)}</div>")
            dropdown = widgets.Dropdown(options=choices, index=0, description="Matches",
                                        style=LABEL,
                                        tooltip=f"Match for: {item.text}",
                                        layout=widgets.Layout(width="auto", max_width="100%"))
            self.dropdowns[item.id] = dropdown
            row = widgets.VBox((label, dropdown))
            row.add_class("ml-match-item")
            rows.append(row)
        group = widgets.VBox(rows)
        group.add_class("ml-match")
        return (group,)

    def input_widgets(self) -> tuple[widgets.Widget, ...]:
        return tuple(self.dropdowns.values())

    def response(self) -> Any:
        chosen = {key: box.value for key, box in self.dropdowns.items()}
        if all(value is None for value in chosen.values()):
            return None
        return chosen

    def empty_notice(self) -> str:
        return "Choose a match for at least one item before checking."

    def show_response(self, response: Any) -> None:
        if not isinstance(response, dict):
            return
        valid = {o.id for o in self.view.right}
        for key, box in self.dropdowns.items():
            value = response.get(key)
            box.index = [v for _label, v in box.options].index(value) if value in valid else 0
