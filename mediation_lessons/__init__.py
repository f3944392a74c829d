"""mediation-lessons: turn written articles into interactive Jupyter lessons.

The core API loads articles into lessons::

    >>> import mediation_lessons as ml
    >>> course = ml.load_course(ml.SHIPPED_COURSE)
    >>> course.lessons[0].title
    'What are the steps of mediation?'
"""

from __future__ import annotations

from pathlib import Path

from .errors import LessonError
from .loader import load_course, load_lesson
from .model import Course, Lesson, Step

SHIPPED_COURSE = Path(__file__).parent / "courses" / "mediation"
"""The folder of the course that ships with the package."""

__all__ = [
    "SHIPPED_COURSE",
    "Course",
    "Lesson",
    "LessonError",
    "Step",
    "load_course",
    "load_lesson",
]
