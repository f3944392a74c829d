"""The part every question widget shares: prompt, Check, feedback, hints, tries, explanation.

The widget shows a :class:`~mediation_lessons.quiz.model.QuestionView` and
nothing else; grading is delegated to a ``QuestionSession`` kept as a plain
Python attribute, so the answer key never reaches a synced trait. Feedback,
the explanation and any per-part marks appear only after the learner checks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import ipywidgets as widgets
from traitlets import Bool, Float, Int, Unicode, observe

from ...quiz.model import Feedback, QuestionView
from ...quiz.session import Attempt, QuestionSession
from ...quiz.text import render_block
from .. import markup
from ..guard import ErrorBox, guarded


class Listener(Protocol):
    """Who hears about a learner's checks and hints (the progress tracker)."""

    def attempted(self, widget: QuestionWidget, response: Any, attempt: Attempt) -> None:
        """A response was graded."""

    def hinted(self, widget: QuestionWidget) -> None:
        """A hint was revealed."""


class QuestionWidget(widgets.VBox):
    """Base of the question widgets; subclasses add the controls for one kind."""

    kind = ""
    check_label = "Check"

    tries_left = Int(0, help="Tries the learner has left on this question.")
    hints_shown = Int(0, help="Number of hints revealed so far.")
    outcome = Unicode("", help="'' before a check, then 'correct', 'partial' or 'wrong'.")
    settled = Bool(False, help="True once answered right or out of tries.")
    score = Float(0.0, help="Credit of the latest check, after any penalty, in [0, 1].")
    notice = Unicode("", help="A note that is not feedback, e.g. 'Choose an answer first.'")

    def __init__(self, view: QuestionView, session: QuestionSession,
                 listener: Listener | None = None, **kwargs: Any) -> None:
        self.view = view
        self.session = session
        """The grading session (holds the question and its key); never synced."""
        self.listener = listener
        self.message = ""
        self.last_response: Any = None
        self.hint_texts: list[str] = []
        self.errors = ErrorBox()
        self.prompt = widgets.HTML(f'<div class="ml-prompt">{markup.clean(view.prompt)}</div>')
        self.check = self._button(self.check_label, "check", "ml-check", self._on_check)
        self.hint = self._button("Show hint", "lightbulb-o", "ml-hint", self._on_hint)
        self.tries = widgets.HTML()
        self.tries.add_class("ml-tries")
        self.feedback = widgets.HTML()
        self.feedback.add_class("ml-feedback")
        self.hint_area = widgets.HTML()
        self.hint_area.add_class("ml-hints")
        self.explanation = widgets.HTML()
        self.explanation.add_class("ml-explanation-box")
        self.controls = self.build_controls()
        actions = widgets.HBox((self.check, self.hint, self.tries))
        actions.add_class("ml-actions")
        super().__init__(children=(self.prompt, *self.controls, actions, self.feedback,
                                   self.hint_area, self.explanation, self.errors), **kwargs)
        self.add_class("ml-question")
        self.add_class(f"ml-question-{view.kind}")
        self.tries_left = int(session.tries_left)
        self._redraw()

    # -- subclass hooks ----------------------------------------------------

    def build_controls(self) -> tuple[widgets.Widget, ...]:
        """The input controls for this kind."""
        raise NotImplementedError

    def response(self) -> Any:
        """The learner's response in the quiz model's shape, or None when incomplete."""
        raise NotImplementedError

    def show_response(self, response: Any) -> None:
        """Put an earlier ``response`` back into the controls (when resuming)."""
        raise NotImplementedError

    def set_enabled(self, enabled: bool) -> None:
        """Enable or disable the input controls."""
        for control in self.input_widgets():
            control.disabled = not enabled

    def input_widgets(self) -> tuple[widgets.Widget, ...]:
        """Every control that takes input."""
        return tuple(c for c in self.controls if hasattr(c, "disabled"))

    def empty_notice(self) -> str:
        """What to say when Check is pressed with no answer."""
        return "Choose an answer before checking."

    # -- actions -------------------------------------------------------------

    def _button(self, label: str, icon: str, css: str,
                action: Callable[[], None]) -> widgets.Button:
        button = widgets.Button(description=label, icon=icon,
                                layout=widgets.Layout(width="auto"))
        button.add_class(css)
        button.on_click(guarded(self.errors, lambda _b: action()))
        return button

    def submit(self) -> None:
        """Grade the current response through the session and show the feedback."""
        if self.settled:
            return
        response = self.response()
        if response is None:
            self.notice = self.empty_notice()
            return
        if self.outcome and response == self.last_response:
            self.notice = "You already checked this answer. Change it to try again."
            return
        attempt = self.session.submit(response)
        self.last_response = response
        self.show_attempt(attempt.feedback, attempt.score)
        if self.listener is not None:
            self.listener.attempted(self, response, attempt)

    def show_attempt(self, feedback: Feedback, score: float) -> None:
        """Show ``feedback`` for the latest try and the session's state after it."""
        self.message = feedback.message
        with self.hold_sync():
            self.notice = ""
            self.score = score
            self.tries_left = int(self.session.tries_left)
            self.settled = bool(self.session.settled)
            self.outcome = ("correct" if feedback.correct
                            else "partial" if feedback.score > 0 else "wrong")

    def _on_check(self) -> None:
        self.submit()

    def _on_hint(self) -> None:
        text = self.session.next_hint()
        if text is None:
            return
        self.hint_texts.append(str(text))
        self.hints_shown = len(self.hint_texts)
        if self.listener is not None:
            self.listener.hinted(self)

    # -- display -------------------------------------------------------------

    @observe("tries_left", "hints_shown", "outcome", "settled", "score", "notice")
    def _redraw(self, _change: object = None) -> None:
        with self.hold_sync():
            self.feedback.value = self._feedback_html()
            self.tries.value = (
                "" if self.settled or not self.view.graded else
                f'<span class="ml-meta">Tries left: {self.tries_left}</span>')
            self.hint_area.value = "".join(
                f'<div class="ml-hint-text"><strong>Hint {i}:</strong> '
                f"{markup.clean(render_block(text))}</div>"
                for i, text in enumerate(self.hint_texts, 1))
            left = self.view.hint_count - self.hints_shown
            self.hint.disabled = not self.session.hint_available
            # A settled question needs no hints: the explanation says it all.
            shown = self.view.hint_count and not self.settled
            self.hint.layout.display = None if shown else "none"
            self.hint.description = f"Show hint ({left} left)" if left else "No more hints"
            self.hint.tooltip = ("" if self.hint.disabled or not left else
                                 "Reveals one hint; another opens after each wrong try.")
            self.check.disabled = self.settled
            self.set_enabled(not self.settled)
            explanation = self._explanation() if self.settled else ""
            self.explanation.value = (
                f'<div class="ml-explanation"><strong>Explanation:</strong> '
                f"{markup.clean(render_block(explanation))}</div>" if explanation else "")

    def _explanation(self) -> str:
        return str(getattr(self.session, "explanation", "") or "")

    def _feedback_html(self) -> str:
        if self.notice:
            return f'<div class="ml-feedback-note">ℹ {markup.text(self.notice)}</div>'
        if not self.outcome:
            return ""
        if self.outcome == "correct":
            head, css = "✓ Correct", "ml-feedback-correct"
        elif self.outcome == "partial":
            head, css = f"◐ Partly right ({markup.percent(self.score)}%)", "ml-feedback-wrong"
        else:
            head, css = "✗ Not quite", "ml-feedback-wrong"
        tail = "" if self.settled or self.outcome == "correct" else " Try again."
        if self.settled and self.outcome != "correct":
            tail = " No tries left."
        return (f'<div class="{css}" role="status"><strong>{head}</strong> — '
                f"{markup.inline(self.message)}{tail}</div>")

    @property
    def feedback_text(self) -> str:
        """The feedback shown, as HTML (empty before the first check)."""
        return str(self.feedback.value)
