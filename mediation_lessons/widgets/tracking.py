"""The link between the widgets and the progress store for one learner in one lesson.

Every check is recorded as an attempt (with the hints used), a finished step
as a completion, and each move as the learner's position. Earlier work is
read back as question states and rebuilt into grading sessions on resume
(:func:`resume_session`).
"""

from __future__ import annotations

from typing import Any

from ..progress.records import QuestionState
from ..progress.store import ProgressStore
from ..quiz.model import Question
from ..quiz.session import Attempt, QuestionSession
from .questions.base import QuestionWidget

SUMMARY_POSITION = ":summary"
"""Position stored when the learner is on the lesson summary (no step slug has ``:``)."""


class LessonTracker:
    """Saves and reads one learner's progress in one lesson of a course."""

    def __init__(self, store: ProgressStore, learner: str, course: str, lesson: str) -> None:
        self.store = store
        self.learner = learner
        self.course = course
        self.lesson = lesson

    @property
    def key(self) -> tuple[str, str, str]:
        """(learner, course, lesson) as the store's methods take them."""
        return (self.learner, self.course, self.lesson)

    @property
    def saving(self) -> bool:
        """Whether the store is meant to save (the course page warns when it is not)."""
        return self.store.available and not self.store.read_only

    def attempted(self, widget: QuestionWidget, response: Any, attempt: Attempt) -> bool:
        """Record a graded try at ``widget``'s question; True when it was saved."""
        return self.store.record_attempt(
            *self.key, widget.view.step, widget.view.id, response,
            attempt.feedback.correct, attempt.score, attempt.hints_used,
            settled=attempt.settled)

    def unsaved(self) -> str:
        """Why the last write was not saved, for the learner (no server paths)."""
        return (self.store.learner_problem or self.store.last_error
                or "Progress was not saved. Your answers last until you close the page.")

    def hinted(self, widget: QuestionWidget) -> None:
        """Hints are saved with the next attempt (the store counts them per attempt)."""

    def moved(self, position: str) -> None:
        """Remember the step (slug) or summary the learner is on."""
        self.store.set_position(*self.key, position)

    def completed(self, step: str, score: float) -> None:
        """Mark ``step`` complete with ``score``."""
        self.store.complete_step(*self.key, step, score)

    def position(self) -> str | None:
        """Where the learner was, or None."""
        return self.store.position(*self.key)

    def completed_steps(self) -> dict[str, float]:
        """Completed steps and their scores."""
        return self.store.completed_steps(*self.key)

    def question_states(self) -> dict[str, QuestionState]:
        """The learner's earlier work on each question."""
        return self.store.question_states(*self.key)


def resume_session(question: Question, state: QuestionState) -> QuestionSession:
    """A session rebuilt from ``state`` by grading its saved responses again.

    Only the latest round counts (the tries since the learner last started the
    question afresh). Responses that no longer fit the question (the quiz
    changed since) are skipped, so feedback always comes from the quiz as it
    is now; when none fits, the session starts afresh. Never raises.
    """
    if state.responses:
        return QuestionSession.restore(question, state.responses, state.round_hints)
    return QuestionSession.restore(question, (state.last_response,), state.hints_used)
