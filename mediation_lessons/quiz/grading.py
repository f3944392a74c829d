"""Pure scoring rules above single questions: penalties and step mastery."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .model import Question


def score_after_penalty(score: float, penalty: float, wrong_before: int) -> float:
    """``score`` less ``penalty`` for each earlier wrong try, kept within [0, 1]."""
    return max(0.0, min(1.0, score - penalty * wrong_before))


def step_score(questions: Iterable[Question], scores: Mapping[str, float]) -> float | None:
    """Mean credit over the graded questions of a step; None if it has none.

    ``scores`` maps question ids to credit; an unanswered question counts 0.
    """
    graded = [question for question in questions if question.graded]
    if not graded:
        return None
    return sum(scores.get(question.id, 0.0) for question in graded) / len(graded)


def mastered(score: float | None, threshold: float) -> bool:
    """Whether a step score reaches the mastery threshold (a step with nothing graded does)."""
    return score is None or score >= threshold - 1e-9
