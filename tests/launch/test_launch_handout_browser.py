"""Exported handouts opened from disk in headless Chromium, on screen and printed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

import mediation_lessons as ml
from mediation_lessons.cli import main

HERE = Path(__file__).parent
SHIPPED_ARTICLE = ml.SHIPPED_COURSE / "what-are-the-steps-of-mediation.md"
KEY_ONLY = ("KEYONLY-", "Answer key", "— correct", "From the text:")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def handouts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The quizzed shipped article exported with and without answers."""
    root = tmp_path_factory.mktemp("handouts")
    shutil.copy(SHIPPED_ARTICLE, root / "lesson.md")
    shutil.copy(HERE / "data" / "handout.quiz.yaml", root / "lesson.quiz.yaml")
    out = root / "out"
    assert main(["export", str(root / "lesson.md"), "--to", "html", "--out", str(out)]) == 0
    assert main(["export", str(root / "lesson.md"), "--out", str(out), "--with-answers"]) == 0
    return {"learner": out / "lesson.html", "instructor": out / "lesson-with-answers.html"}


def _open(page: Any, path: Path) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.resolve().as_uri())
    return requests


def test_learner_handout_shows_six_steps_and_no_answers(
        launch_page: Any, handouts: dict[str, Path]) -> None:
    requests = _open(launch_page, handouts["learner"])
    headings = launch_page.locator(".handout-step h2").all_inner_texts()
    lesson = ml.load_lesson(SHIPPED_ARTICLE)
    assert headings == [f"{n}. {step.title}" for n, step in enumerate(lesson.steps, start=1)]
    assert len(headings) == 6
    assert launch_page.locator(".handout-question").count() == 7
    assert launch_page.locator(".handout-image img").first.is_visible()
    body = launch_page.inner_text("body")
    for needle in KEY_ONLY:
        assert needle not in body, needle
    assert launch_page.locator(".handout-answers").count() == 0
    # Nothing is fetched from anywhere: the page is self-contained.
    assert all(url.startswith(("file:", "data:")) for url in requests), requests


def test_instructor_handout_ends_with_the_key(
        launch_page: Any, handouts: dict[str, Path]) -> None:
    _open(launch_page, handouts["instructor"])
    key = launch_page.locator(".handout-answers")
    key.wait_for(state="visible")
    text = key.inner_text()
    for needle in ("Answer key", "KEYONLY-SINGLE", "KEYONLY-MODEL", "— correct"):
        assert needle in text, needle
    assert launch_page.locator(".handout-answers h3").count() == 7


def test_handout_prints_with_the_key_on_its_own_page(
        launch_page: Any, handouts: dict[str, Path]) -> None:
    _open(launch_page, handouts["instructor"])
    launch_page.emulate_media(media="print")
    breaks = launch_page.locator(".handout-answers").evaluate(
        "element => getComputedStyle(element.closest('.handout-answers')).breakBefore")
    assert breaks == "page"
    assert launch_page.locator("a.anchor-link").count() == 0
    pdf = launch_page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= 3, pages
