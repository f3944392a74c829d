"""Fixtures for the quiz tests: the shipped lesson and quiz, lessons built in memory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mediation_lessons import SHIPPED_COURSE
from mediation_lessons.loader import load_lesson
from mediation_lessons.model import Lesson, Step
from mediation_lessons.quiz import Quiz, load_quiz

DATA = Path(__file__).parent / "data"
SHIPPED_ARTICLE = SHIPPED_COURSE / "what-are-the-steps-of-mediation.md"


@pytest.fixture(scope="session")
def shipped_lesson() -> Lesson:
    return load_lesson(SHIPPED_ARTICLE)


@pytest.fixture(scope="session")
def shipped_quiz(shipped_lesson: Lesson) -> Quiz:
    return load_quiz(shipped_lesson)


@pytest.fixture
def data_dir() -> Path:
    return DATA


def build_lesson(path: Path, steps: list[tuple[str, str]], extra: dict | None = None) -> Lesson:
    """A lesson made directly from (title, text) pairs, as the loader would."""
    built = tuple(
        Step(title=title, slug=f"step-{i}", markdown=text, html=f"<p>{text}</p>", text=text,
             line=i * 4 + 1)
        for i, (title, text) in enumerate(steps, start=1)
    )
    return Lesson(path=path, title="Built lesson", slug="built", category=None, summary="",
                  summary_html="", intro_markdown="", intro_html="", created=None,
                  updated=None, image=None, steps=built, extra=extra or {})


@pytest.fixture
def make_lesson() -> Callable[..., Lesson]:
    return build_lesson
