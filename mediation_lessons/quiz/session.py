"""One learner's work on one question: tries, hints, penalty, settled state."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import ResponseError
from .grading import score_after_penalty
from .model import Feedback, Question


@dataclass(frozen=True)
class Attempt:
    """One submitted response, its feedback and what it leaves the learner with."""

    response: object
    feedback: Feedback
    try_number: int
    score: float
    """Credit after the penalty for earlier wrong tries."""
    settled: bool
    hints_used: int


class QuestionSession:
    """Tracks one learner's tries at a question.

    Hints are revealed one at a time: one up front, one more after each wrong
    try (``hints_revealed < 1 + wrong_tries``). The explanation is given only
    once the question is settled (answered correctly or out of tries).
    """

    def __init__(self, question: Question) -> None:
        self.question = question
        self.attempts: list[Attempt] = []
        self.hints_revealed = 0

    @classmethod
    def restore(cls, question: Question, responses: Iterable[object] = (),
                hints_revealed: int = 0) -> QuestionSession:
        """A session rebuilt from a learner's saved ``responses`` (oldest first).

        Each response is graded again against ``question`` as it is now, so
        scores, penalties and feedback follow the current quiz. A response that
        no longer grades (an option removed since, a changed shape) is skipped,
        as is an unrated reflection; responses after the question settles are
        ignored. ``hints_revealed`` is kept within what the hint rule allows.
        Never raises for saved data.
        """
        session = cls(question)
        session.hints_revealed = _count(hints_revealed, len(question.hints))
        for response in responses:
            if session.settled:
                break
            try:
                session.submit(response)
            except ResponseError:
                continue
        session.hints_revealed = min(session.hints_revealed, 1 + session.wrong_tries)
        return session

    @property
    def tries(self) -> int:
        """Graded tries so far (a reflection's unrated first look does not count)."""
        return len(self.attempts)

    @property
    def wrong_tries(self) -> int:
        """Tries that were not correct."""
        return sum(not attempt.feedback.correct for attempt in self.attempts)

    @property
    def tries_left(self) -> int:
        """How many more tries the learner has."""
        return 0 if self.settled else self.question.max_tries - self.tries

    @property
    def settled(self) -> bool:
        """Whether the question is done: answered correctly or out of tries."""
        if not self.attempts:
            return False
        return self.attempts[-1].feedback.correct or self.tries >= self.question.max_tries

    @property
    def score(self) -> float:
        """Credit of the last try after penalties (0 before any try)."""
        return self.attempts[-1].score if self.attempts else 0.0

    @property
    def correct(self) -> bool:
        """Whether the last try was correct."""
        return bool(self.attempts) and self.attempts[-1].feedback.correct

    @property
    def explanation(self) -> str | None:
        """The explanation, only once the question is settled."""
        return self.question.explanation if self.settled else None

    @property
    def hints(self) -> tuple[str, ...]:
        """The hints revealed so far."""
        return self.question.hints[: self.hints_revealed]

    @property
    def hint_available(self) -> bool:
        """Whether :meth:`next_hint` would reveal a hint now."""
        return (
            not self.settled
            and self.hints_revealed < len(self.question.hints)
            and self.hints_revealed < 1 + self.wrong_tries
        )

    def next_hint(self) -> str | None:
        """Reveal the next hint: one up front, one more after each wrong try; else None."""
        if not self.hint_available:
            return None
        self.hints_revealed += 1
        return self.question.hints[self.hints_revealed - 1]

    def submit(self, response: object) -> Attempt:
        """Grade ``response`` as the next try; raises :class:`ResponseError` if malformed."""
        if self.settled:
            raise ResponseError(
                f"Question `{self.question.id}` is already settled. Move on to the next one."
            )
        feedback = self.question.grade(response)
        if not self.question.graded and not feedback.correct:
            # A reflection before its self-rating: show the model answer, count nothing.
            return Attempt(response, feedback, self.tries, 0.0, False, self.hints_revealed)
        number = self.tries + 1
        score = feedback.score if not self.question.graded else score_after_penalty(
            feedback.score, self.question.penalty, number - 1
        )
        attempt = Attempt(response, feedback, number, score, False, self.hints_revealed)
        self.attempts.append(attempt)
        settled = self.settled
        if settled:
            attempt = Attempt(response, feedback, number, score, True, self.hints_revealed)
            self.attempts[-1] = attempt
        return attempt


def _count(value: object, most: int) -> int:
    """``value`` as a whole number in [0, most]; anything else counts as 0."""
    if isinstance(value, bool) or not isinstance(value, int):
        return 0
    return max(0, min(value, most))
