"""The review module: questions due again by the Leitner schedule, on the course page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets

from ..progress.records import ReviewItem
from ..progress.store import ProgressStore
from ..quiz.model import Question
from ..quiz.session import Attempt, QuestionSession
from .questions import QuestionWidget, question_widget

Finder = Callable[[ReviewItem], Question | None]
"""Finds the question of a review item (None when it no longer exists)."""


class ReviewPanel(widgets.VBox):
    """Due questions to answer again; answers reschedule them in the store."""

    def __init__(self, items: Sequence[ReviewItem], find: Finder, store: ProgressStore,
                 learner: str, seed: str, **kwargs: Any) -> None:
        self.store = store
        self.learner = learner
        self.items: dict[str, ReviewItem] = {}
        self.questions: list[QuestionWidget] = []
        for item in items:
            question = find(item)
            if question is None or question.id in self.items:
                continue
            self.items[question.id] = item
            self.questions.append(question_widget(question.view(seed),
                                                  QuestionSession(question), self))
        count = len(self.questions)
        plural = count != 1
        self.heading = widgets.HTML(
            f"<h2>Review</h2><p>{count} question{'s' if plural else ''} from earlier "
            f"lessons {'are' if plural else 'is'} due again. Answering them spaces out "
            "your practice.</p>")
        super().__init__(children=(self.heading, *self.questions), **kwargs)
        self.add_class("ml-review")

    def attempted(self, widget: QuestionWidget, response: Any, attempt: Attempt) -> None:
        """Record a review answer once the question is settled, rescheduling it."""
        if not attempt.settled:
            return
        item = self.items[widget.view.id]
        self.store.record_review(self.learner, item.course, item.lesson, item.step,
                                 item.question, response, attempt.feedback.correct,
                                 attempt.score, attempt.hints_used)

    def hinted(self, widget: QuestionWidget) -> None:
        """Hints are counted with the answer."""
