"""Ordering questions without drag and drop: Up/Down buttons beside each item."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .. import markup
from ..guard import guarded
from .base import QuestionWidget


class OrderingWidget(QuestionWidget):
    """Items in a list the learner reorders with keyboard-friendly Up/Down buttons."""

    kind = "ordering"
    empty_order = "Put the items in order before checking."

    def build_controls(self) -> tuple[widgets.Widget, ...]:
        self.order = [option.id for option in self.view.items]
        self._text = {option.id: option.text for option in self.view.items}
        self.list_box = widgets.VBox()
        self.list_box.add_class("ml-order-list")
        note = widgets.HTML('<div class="ml-meta">Use ↑ Up and ↓ Down to put the items '
                            "in the right order (first at the top).</div>")
        self._rows: dict[str, tuple[widgets.HBox, widgets.Button, widgets.Button]] = {
            item: self._row(item) for item in self.order}
        self._layout_rows()
        return (note, self.list_box)

    def _row(self, item: str) -> tuple[widgets.HBox, widgets.Button, widgets.Button]:
        label = widgets.HTML()
        up = widgets.Button(description="↑ Up", layout=widgets.Layout(width="auto"),
                            tooltip=f"Move “{self._text[item]}” up")
        down = widgets.Button(description="↓ Down", layout=widgets.Layout(width="auto"),
                              tooltip=f"Move “{self._text[item]}” down")
        up.add_class("ml-up")
        down.add_class("ml-down")
        up.on_click(guarded(self.errors, lambda _b: self.move(item, -1)))
        down.on_click(guarded(self.errors, lambda _b: self.move(item, +1)))
        row = widgets.HBox((up, down, label))
        row.add_class("ml-order-item")
        return row, up, down

    def move(self, item: str, offset: int) -> None:
        """Move ``item`` up (-1) or down (+1) one place."""
        if self.settled:
            return
        index = self.order.index(item)
        target = index + offset
        if 0 <= target < len(self.order):
            self.order[index], self.order[target] = self.order[target], self.order[index]
            self._layout_rows()

    def _layout_rows(self) -> None:
        with self.hold_sync():
            for position, item in enumerate(self.order):
                row, up, down = self._rows[item]
                row.children[2].value = (f'<span class="ml-order-text">{position + 1}. '
                                         f"{markup.text(self._text[item])}</span>")
                up.disabled = self.settled or position == 0
                down.disabled = self.settled or position == len(self.order) - 1
            self.list_box.children = tuple(self._rows[item][0] for item in self.order)

    def set_enabled(self, enabled: bool) -> None:
        if hasattr(self, "_rows"):
            self._layout_rows()

    @property
    def item_texts(self) -> list[str]:
        """The items' texts in the learner's current order."""
        return [self._text[item] for item in self.order]

    def response(self) -> Any:
        return list(self.order)

    def show_response(self, response: Any) -> None:
        if isinstance(response, list) and sorted(response) == sorted(self.order):
            self.order = list(response)
            self._layout_rows()
