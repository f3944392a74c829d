"""The lesson progress bar with its text, e.g. "Step 2 of 6 · 40% complete"."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
from traitlets import Int, observe


class LessonProgress(widgets.VBox):
    """An ``IntProgress`` and a sentence saying where the learner is."""

    step = Int(0, help="Index of the step being shown (== total on the summary page).")
    total = Int(1, help="Number of steps in the lesson.")
    done = Int(0, help="Number of steps the learner has finished.")

    def __init__(self, total: int, **kwargs: Any) -> None:
        self.bar = widgets.IntProgress(value=0, min=0, max=max(total, 1),
                                       description="Progress", bar_style="info",
                                       layout=widgets.Layout(width="100%"))
        self.bar.add_class("ml-progress-bar")
        self.label = widgets.HTML()
        self.label.add_class("ml-progress-text")
        super().__init__(children=(self.bar, self.label), **kwargs)
        self.add_class("ml-progress")
        self.total = max(total, 1)
        self._redraw()

    @observe("step", "total", "done")
    def _redraw(self, _change: object = None) -> None:
        percent = round(100 * min(self.done, self.total) / self.total)
        where = ("Summary" if self.step >= self.total
                 else f"Step {self.step + 1} of {self.total}")
        with self.hold_sync():
            self.bar.max = self.total
            self.bar.value = min(self.done, self.total)
            self.label.value = f"{where} · {percent}% complete"

    @property
    def text(self) -> str:
        """The sentence shown under the bar."""
        return str(self.label.value)
