"""The link between the widgets and the progress store for one learner in one lesson.

Every check is recorded as an attempt (with the hints used), a finished step
as a completion, and each move as the learner's position. Earlier work is
read back as question states and rebuilt into grading sessions on resume.
"""

from __future__ import annotations

from typing import Any

from ..errors import LessonError
from ..progress.records import QuestionState
from ..progress.store import ProgressStore
from ..quiz.model import Feedback, Question
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

    def attempted(self, widget: QuestionWidget, response: Any, attempt: Attempt) -> None:
        """Record a graded try at ``widget``'s question."""
        self.store.record_attempt(
            *self.key, widget.view.step, widget.view.id, response,
            attempt.feedback.correct, attempt.score, attempt.hints_used,
            settled=attempt.settled)

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


def resume_session(question: Question, state: QuestionState) -> tuple[QuestionSession, Feedback]:
    """A session rebuilt from ``state``, and the feedback of its last try.

    Tries before the last one were wrong (a right try settles the question),
    so they are rebuilt as wrong tries; the last is re-graded from its
    response. Raises :class:`LessonError` when the response no longer fits
    the question (the quiz changed).
    """
    session = QuestionSession(question)
    feedback = question.grade(state.last_response)
    tries = max(1, min(state.tries, question.max_tries))
    wrong = Feedback(False, 0.0, "")
    for number in range(1, tries):
        session.attempts.append(Attempt(None, wrong, number, 0.0, False, 0))
    session.attempts.append(Attempt(state.last_response, feedback, tries, state.last_score,
                                    state.settled, state.hints_used))
    session.hints_revealed = min(state.hints_used, len(question.hints))
    if not question.graded and not feedback.correct:
        raise LessonError("An unrated reflection cannot be resumed as a try.")
    return session, feedback
