"""Frozen dataclasses for what the content layer produces: lessons, steps, courses.

The model imports nothing from the widgets and nothing from Jupyter, so every
content rule runs and is tested without a kernel.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .errors import Finding, LessonError


@dataclass(frozen=True)
class Step:
    """One `##` section of an article: a module of the lesson."""

    title: str
    slug: str
    markdown: str
    html: str
    text: str = ""
    """Plain text of the step (markdown stripped), used to trace quiz quotes."""
    line: int | None = None
    """Line of the step's heading in the source file."""


@dataclass(frozen=True)
class Lesson:
    """An article turned into a lesson, repaired where it was broken."""

    path: Path
    title: str
    slug: str
    category: str | None
    summary: str
    summary_html: str
    intro_markdown: str
    intro_html: str
    created: datetime | None
    updated: datetime | None
    image: str | None
    """A safe ``data:image/...;base64,`` URI, or ``None``."""
    steps: tuple[Step, ...]
    warnings: tuple[Finding, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Frontmatter keys the loader does not know, kept as they were."""
    order: int | None = None
    """The frontmatter ``order`` (courses sort by it, then by file name)."""

    def step(self, key: str) -> Step:
        """The step whose slug or title is ``key``."""
        for step in self.steps:
            if key in (step.slug, step.title):
                return step
        raise KeyError(key)


@dataclass(frozen=True)
class Course:
    """Lessons of one folder in a stable order, and the articles that failed."""

    path: Path
    title: str
    lessons: tuple[Lesson, ...]
    errors: tuple[LessonError, ...] = ()
    warnings: tuple[Finding, ...] = ()
    """Problems with the course itself (e.g. its ``course.yaml``), already worked around."""

    def lesson(self, slug: str) -> Lesson:
        """The lesson whose slug is ``slug``."""
        for lesson in self.lessons:
            if lesson.slug == slug:
                return lesson
        raise KeyError(slug)
