"""Reflection questions: free text, then the model answer, then a self-rating."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .. import markup
from ..guard import guarded
from ..markup import LABEL
from .base import QuestionWidget

RATINGS = (("I missed it", 0.0), ("Partly", 0.5), ("Fully", 1.0))


class ReflectionWidget(QuestionWidget):
    """A ``Textarea``, a "Show model answer" button and a self-rating."""

    kind = "reflection"
    check_label = "Show model answer"

    def build_controls(self) -> tuple[widgets.Widget, ...]:
        self.text = widgets.Textarea(value="", description="Your answer", style=LABEL,
                                     placeholder="Write a few sentences in your own words.",
                                     layout=widgets.Layout(width="100%", height="110px"))
        self.text.add_class("ml-reflection")
        self.model_answer = widgets.HTML()
        self.model_answer.add_class("ml-model-answer")
        self.rating = widgets.RadioButtons(options=list(RATINGS), index=None,
                                           description="How close?", style=LABEL,
                                           layout=widgets.Layout(width="auto"))
        self.rating.add_class("ml-rating")
        self.rate = widgets.Button(description="Save rating", icon="star",
                                   layout=widgets.Layout(width="auto"))
        self.rate.add_class("ml-rate")
        self.rating_box = widgets.VBox((self.rating, self.rate))
        self.rating_box.layout.display = "none"
        return (self.text, self.model_answer, self.rating_box)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rate.on_click(guarded(self.errors, lambda _b: self.submit_rating()))

    def input_widgets(self) -> tuple[widgets.Widget, ...]:
        return (self.text, self.rating, self.rate)

    def response(self) -> Any:
        text = str(self.text.value)
        return {"text": text} if text.strip() else None

    def empty_notice(self) -> str:
        return "Write your answer before looking at the model answer."

    def submit(self) -> None:
        """Show the model answer for the text written (not a graded try)."""
        response = self.response()
        if response is None:
            self.notice = self.empty_notice()
            return
        attempt = self.session.submit(response)
        self.notice = ""
        self._reveal(attempt.feedback.message)

    def _reveal(self, message: str) -> None:
        with self.hold_sync():
            self.model_answer.value = (f'<div class="ml-explanation">'
                                       f"{markup.inline(message)}</div>")
            self.rating_box.layout.display = None
        self._redraw()

    def submit_rating(self) -> None:
        """Save the learner's self-rating as the question's score."""
        if self.settled:
            return
        if self.rating.value is None:
            self.notice = "Choose how close your answer was, then save."
            return
        response = {"text": str(self.text.value), "rating": float(self.rating.value)}
        attempt = self.session.submit(response)
        self.last_response = response
        self.show_attempt(attempt.feedback, attempt.score)
        if self.listener is not None:
            self.listener.attempted(self, response, attempt)

    def show_response(self, response: Any) -> None:
        if not isinstance(response, dict):
            return
        self.text.value = str(response.get("text", ""))
        values = [value for _label, value in RATINGS]
        if response.get("rating") in values:
            self.rating.index = values.index(response["rating"])
        if self.text.value.strip():
            feedback = self.session.question.grade({"text": self.text.value})
            self._reveal(feedback.message)

    def set_enabled(self, enabled: bool) -> None:
        super().set_enabled(enabled)
        self.check.disabled = not enabled or bool(self.model_answer.value)

    def _feedback_html(self) -> str:
        if self.notice or self.outcome != "correct":
            return super()._feedback_html()
        label = next((name for name, value in RATINGS if value == self.score), "")
        return (f'<div class="ml-feedback-correct" role="status"><strong>✓ Saved</strong> — '
                f"you rated your answer: {markup.text(label or self.score)}.</div>")
