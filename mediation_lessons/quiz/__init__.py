"""Quizzes for lessons: question kinds, pure grading, authoring, checking, sessions.

A lesson's quiz comes from ``<article stem>.quiz.yaml`` beside the article,
else from the frontmatter ``quiz:`` key, else from the lesson's structure.
"""

from __future__ import annotations

from .loading import check_quiz, load_quiz
from .model import Feedback, Question, QuestionView, Quiz
from .session import QuestionSession

__all__ = [
    "Feedback",
    "Question",
    "QuestionSession",
    "QuestionView",
    "Quiz",
    "check_quiz",
    "load_quiz",
]
