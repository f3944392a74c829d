"""Plain records the progress store returns: question states, lesson progress, reviews."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any


def to_epoch(moment: datetime) -> float:
    """Seconds since the epoch; a naive ``moment`` is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def from_epoch(seconds: float) -> datetime:
    """An aware UTC datetime from seconds since the epoch."""
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class QuestionState:
    """What a learner has done with one question of a lesson (lesson attempts only)."""

    question: str
    step: str
    tries: int
    best_score: float
    last_score: float
    last_response: Any
    """The last response, decoded from JSON."""
    last_correct: bool
    hints_used: int
    """Most hints revealed in any attempt."""
    settled: bool
    """True once an attempt was right or used the last try."""
    first_correct: bool
    """Whether the first attempt was right."""
    last_at: datetime
    responses: tuple[Any, ...] = ()
    """Responses since the learner last started the question afresh (a try after a
    settled one begins a new round, as "retry missed questions" does), oldest first."""
    round_hints: int = 0
    """Most hints revealed in the attempts of ``responses``."""


@dataclass(frozen=True)
class LessonProgress:
    """How far a learner is through a lesson."""

    completed: int
    """Number of steps completed."""
    total: int | None
    """Number of steps in the lesson, when the caller said so."""
    fraction: float | None
    """``completed / total`` (capped at 1), or None without ``total``."""
    score: float | None
    """Mean score of the completed steps, or None when none is complete."""


@dataclass(frozen=True)
class ReviewItem:
    """A question waiting in a learner's review deck."""

    course: str
    lesson: str
    step: str
    question: str
    box: int
    """Leitner box, 1 to 5 (see :mod:`mediation_lessons.progress.schedule`)."""
    due: datetime
