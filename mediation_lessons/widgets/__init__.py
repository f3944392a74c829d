"""ipywidgets composites of the course app: questions, lesson view, course page.

They show only what the quiz model's ``QuestionView`` holds and grade through
``QuestionSession``, so the answer key stays in the kernel.
"""

from __future__ import annotations

from .cards import ErrorCard, LessonCard
from .course import CoursePage
from .lesson import LessonView
from .questions import QuestionWidget, question_widget

__all__ = [
    "CoursePage",
    "ErrorCard",
    "LessonCard",
    "LessonView",
    "QuestionWidget",
    "question_widget",
]
