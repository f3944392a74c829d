"""The name the progress store knows a course by, computed in one place.

The app records progress under this key and the instructor's report lists
courses by it, so both must come from :func:`course_key`.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..model import Course

FALLBACK_KEY = "course"
"""The key of a course whose folder has no name (the file system's root)."""


def course_key(course: Course | str | os.PathLike[str]) -> str:
    """The course's folder name (resolved, so ``.`` and ``courses/x/`` give ``x``).

    ``course`` is a :class:`~mediation_lessons.model.Course`, its folder, or a
    key already (a plain name is returned as it is).
    """
    folder = course.path if isinstance(course, Course) else Path(course)
    name = folder.expanduser().resolve().name
    if name:
        return name
    return course.title if isinstance(course, Course) and course.title else FALLBACK_KEY
