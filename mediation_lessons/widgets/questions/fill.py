"""Fill-in questions: a labelled ``Text``; pressing Enter checks the answer."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..guard import guarded
from ..markup import LABEL
from .base import QuestionWidget


class FillWidget(QuestionWidget):
    """A blank to type into; Enter (or Check) submits it."""

    kind = "fill"

    def build_controls(self) -> tuple[widgets.Widget, ...]:
        self.text = widgets.Text(value="", description="Your answer", style=LABEL,
                                 placeholder="Type your answer, then press Enter",
                                 continuous_update=False,
                                 layout=widgets.Layout(width="100%", max_width="520px"))
        self.text.add_class("ml-fill")
        self.text.observe(guarded(self.errors, self._on_enter), names="value")
        return (self.text,)

    def _on_enter(self, change: dict[str, Any]) -> None:
        # Enter (or leaving the box) commits the value; submit new, non-empty text.
        if change["new"].strip() and change["new"] != self.last_response:
            self.submit()

    def response(self) -> Any:
        value = str(self.text.value)
        return value if value.strip() else None

    def empty_notice(self) -> str:
        return "Type an answer before checking."

    def show_response(self, response: Any) -> None:
        if isinstance(response, str):
            self.last_response = response
            self.text.value = response
