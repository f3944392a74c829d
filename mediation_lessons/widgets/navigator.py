"""The step navigator: every step listed, the current one marked, finished ones ticked.

Marks are text ("▶", "✓") as well as style, so they do not rely on colour.
Each step is a button, so the list works from the keyboard.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets
from traitlets import Int, List, observe


class StepNavigator(widgets.VBox):
    """A list of step buttons; ``current`` is marked, ``completed`` are ticked."""

    current = Int(0, help="Index of the step being shown (len(titles) = the summary).")
    completed = List(Int(), help="Indexes of the steps the learner has finished.")

    def __init__(self, titles: Sequence[str], on_select: Callable[[int], None],
                 **kwargs: Any) -> None:
        self.titles = tuple(titles)
        self._buttons = tuple(self._button(i, on_select) for i in range(len(self.titles)))
        heading = widgets.HTML('<div class="ml-meta">Steps in this lesson</div>')
        super().__init__(children=(heading, *self._buttons), **kwargs)
        self.add_class("ml-step-nav")
        self._redraw()

    def _button(self, index: int, on_select: Callable[[int], None]) -> widgets.Button:
        button = widgets.Button(layout=widgets.Layout(width="auto", max_width="100%"))
        button.add_class("ml-step-btn")
        button.on_click(lambda _b: on_select(index))
        return button

    @observe("current", "completed")
    def _redraw(self, _change: object = None) -> None:
        done = set(self.completed)
        with self.hold_sync():
            for index, (button, title) in enumerate(zip(self._buttons, self.titles, strict=True)):
                mark = "▶" if index == self.current else ("✓" if index in done else "•")
                state = "current step" if index == self.current else (
                    "completed" if index in done else "not started")
                button.description = f"{mark} {index + 1}. {title}"
                button.tooltip = f"Step {index + 1}: {title} ({state})"
                if index == self.current:
                    button.add_class("ml-current")
                else:
                    button.remove_class("ml-current")
                if index in done:
                    button.add_class("ml-done")
                else:
                    button.remove_class("ml-done")

    @property
    def labels(self) -> tuple[str, ...]:
        """The text shown for each step, marks included."""
        return tuple(str(button.description) for button in self._buttons)
