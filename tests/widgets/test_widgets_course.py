"""The course app end to end without a kernel: cards, error cards, the learner box,
the saving banner, the review module and the builder's defaults."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import mediation_lessons as ml
from mediation_lessons.app import course_app
from mediation_lessons.app.build import CourseApp
from mediation_lessons.progress import open_store
from mediation_lessons.widgets.cards import ErrorCard, LessonCard
from mediation_lessons.widgets.course import CoursePage, LearnerBox
from mediation_lessons.widgets.lesson import LessonView
from mediation_lessons.widgets.review import ReviewPanel

ARTICLE = "what-are-the-steps-of-mediation"


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    """A course folder: the shipped article and its quiz, plus a broken article."""
    folder = tmp_path / "course"
    folder.mkdir()
    for path in ml.SHIPPED_COURSE.iterdir():
        shutil.copy(path, folder / path.name)
    (folder / "broken.md").write_text("---\ntitle: [unclosed\nsummary: x\n---\n\n## Step\n\nText\n",
                                      encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def no_hub(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as a learner without JupyterHub or a remembered cookie."""
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.delenv("HTTP_COOKIE", raising=False)
    monkeypatch.delenv("SERVER_SOFTWARE", raising=False)


def page_of(app: Any) -> Any:
    assert isinstance(app, CourseApp), getattr(app, "children", app)
    return app.page.children[0]


def test_cards_and_an_error_card_for_a_broken_article(course_dir: Path, tmp_path: Path,
                                                      text_of: Any) -> None:
    app = course_app(course_dir, tmp_path / "db.sqlite3", learner="Bea")
    page = page_of(app)
    assert isinstance(page, CoursePage)
    assert len(page.cards) == 1 and len(page.error_cards) == 1
    card = page.cards[0]
    assert isinstance(card, LessonCard) and "ml-course-card" in card._dom_classes
    assert 'src="data:image/webp;base64,' in card.body.value
    assert "What are the steps of mediation?" in card.body.value
    assert "0 of 6 steps complete" in card.body.value
    error = page.error_cards[0]
    assert isinstance(error, ErrorCard) and "ml-error-card" in error._dom_classes
    assert "broken.md" in error.value and "could not be loaded" in error.value
    assert "line" in error.value
    assert str(tmp_path) not in error.value  # the server's folders stay private
    card.open_button.click()
    lesson = app.page.children[0]
    assert isinstance(lesson, LessonView) and app.errors.shown == ""
    assert "ml-app" in app._dom_classes and "<style>" in app.children[0].value
    back = next(w for w in lesson.children if "ml-back" in getattr(w, "_dom_classes", ()))
    back.click()
    assert isinstance(app.page.children[0], CoursePage)
    assert "Bea" in text_of(app)


def test_progress_shows_on_the_card(course_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    store = open_store(db)
    store.complete_step("Bea", "course", "what-are-the-steps-of-mediation",
                        "what-are-the-steps-of-mediation", 0.9)
    store.set_position("Bea", "course", "what-are-the-steps-of-mediation", "conclusion")
    store.close()
    app = course_app(course_dir, db, learner="Bea")
    card = page_of(app).cards[0]
    assert "1 of 6 steps complete (17%)" in card.body.value and "score 90%" in card.body.value
    assert card.open_button.description == "Continue"
    card.open_button.click()
    view = app.page.children[0]
    assert view.step_index == 5 and view.navigator.labels[0].startswith("✓")


def test_learner_box_saves_a_new_name(course_dir: Path, tmp_path: Path, text_of: Any) -> None:
    app = course_app(course_dir, tmp_path / "db.sqlite3")
    box = next(w for w in page_of(app).children if isinstance(w, LearnerBox))
    assert "ml-learner-input" in box.name._dom_classes
    assert "ml-learner-save" in box.save._dom_classes
    assert box.name.description == "Your name"
    box.name.value = "  Zoë  "
    box.save.click()
    assert app.learner.name == "Zoë" and "Zoë" in text_of(app)
    box = next(w for w in page_of(app).children if isinstance(w, LearnerBox))
    box.name.value = "bad\x00name"
    box.save.click()
    assert "control character" in text_of(app) and app.learner.name == "Zoë"


def test_jupyterhub_user_needs_no_name_box(course_dir: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "hubuser")
    app = course_app(course_dir, tmp_path / "db.sqlite3")
    page = page_of(app)
    assert app.learner.name == "hubuser"
    assert not any(isinstance(w, LearnerBox) for w in page.children)


def test_under_voila_a_nameless_visitor_is_a_guest_shown_in_the_name_box(
        course_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text_of: Any) -> None:
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.8")
    db = tmp_path / "db.sqlite3"
    first, second = course_app(course_dir, db), course_app(course_dir, db)
    assert first.learner.source == "guest" and first.learner.name != second.learner.name
    box = next(w for w in page_of(first).children if isinstance(w, LearnerBox))
    assert re.fullmatch(r"Guest [0-9a-f]{6}", box.name.value)
    assert box.name.value == first.learner.name
    assert "Type your name and Save to keep your progress under it" in text_of(first)
    box.name.value = "Ines"
    box.save.click()
    assert first.learner.name == "Ines" and "keep your progress under it" not in text_of(first)


def test_outside_voila_the_name_box_starts_empty_for_the_os_user(
        course_dir: Path, tmp_path: Path) -> None:
    app = course_app(course_dir, tmp_path / "db.sqlite3")
    assert app.learner.source in ("os", "anonymous")
    box = next(w for w in page_of(app).children if isinstance(w, LearnerBox))
    assert box.name.value == ""


def test_banner_when_progress_is_not_saved(course_dir: Path, tmp_path: Path,
                                           text_of: Any) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"garbage" * 500)
    app = course_app(course_dir, damaged, learner="Bea")
    text = text_of(app)
    assert text.count("Progress is not being saved") == 1
    assert "damaged" in text and "keep working" in text
    assert str(tmp_path) not in text and "damaged.sqlite3" not in text
    assert app.store.problem and str(damaged) in app.store.problem  # for the instructor
    page_of(app).cards[0].open_button.click()
    assert isinstance(app.page.children[0], LessonView)


def test_review_module_shows_due_questions(course_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    store = open_store(db)
    yesterday = datetime.now(timezone.utc) - timedelta(days=1)
    store.record_attempt("Bea", "course", ARTICLE, "what-are-the-steps-of-mediation",
                         "prep-before-session", "nope", False, 0.0, at=yesterday)
    store.close()
    app = course_app(course_dir, db, learner="Bea")
    review = next(w for w in page_of(app).children if isinstance(w, ReviewPanel))
    assert "1 question from earlier lessons is due again" in review.heading.value
    widget = review.questions[0]
    widget.choices.value = widget.session.question.answer()
    widget.check.click()
    assert widget.outcome == "correct"
    check = open_store(db)
    assert check.due_reviews("Bea", "course") == []
    check.close()


def test_quiz_problem_is_shown_in_the_lesson(course_dir: Path, tmp_path: Path,
                                             text_of: Any) -> None:
    (course_dir / f"{ARTICLE}.quiz.yaml").write_text("questions: [\n", encoding="utf-8")
    app = course_app(course_dir, tmp_path / "db.sqlite3", learner="Bea")
    page_of(app).cards[0].open_button.click()
    view = app.page.children[0]
    assert isinstance(view, LessonView)
    assert "could not be loaded" in text_of(view) and ".quiz.yaml" in text_of(view)
    view.next.click()
    assert view.step_index == 1


def test_builder_defaults_and_a_missing_course(tmp_path: Path, course_dir: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               text_of: Any) -> None:
    monkeypatch.setenv("MEDIATION_LESSONS_DB", str(tmp_path / "env.sqlite3"))
    monkeypatch.setenv("MEDIATION_LESSONS_COURSE", str(course_dir))
    app = course_app(learner="Bea")
    assert app.course.path == course_dir and app.store.path == tmp_path / "env.sqlite3"
    monkeypatch.delenv("MEDIATION_LESSONS_COURSE")
    assert course_app(learner="Bea").course.path == ml.SHIPPED_COURSE
    missing = course_app(tmp_path / "nowhere", learner="Bea")
    assert not isinstance(missing, CourseApp)
    assert "not a folder of articles" in text_of(missing)


def test_app_package_does_not_import_widgets() -> None:
    code = ("import sys, mediation_lessons, mediation_lessons.app; "
            "sys.exit('ipywidgets' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], env=os.environ.copy(), check=False)
    assert result.returncode == 0


HOSTILE = Path(__file__).parent / "data" / "hostile"
UNSAFE = [
    re.compile(r"<\s*(script|iframe|object|embed)\b", re.I),
    re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    re.compile(r"""(href|src)\s*=\s*["']?\s*javascript:""", re.I),
]


def test_hostile_articles_render_as_inert_text(tmp_path: Path, browser_state: Any) -> None:
    app = course_app(HOSTILE, tmp_path / "db.sqlite3", learner="Eve")
    page = page_of(app)
    titles = sorted(card.lesson.title for card in page.cards)
    assert titles == ['Evil "title"', "Only an intro"]
    for number in range(len(page.cards)):
        page_of(app).cards[number].open_button.click()
        view = app.page.children[0]
        assert isinstance(view, LessonView) and app.errors.shown == ""
        for _ in range(len(view.lesson.steps) + 1):
            view.next.click()
        assert view.summary.layout.display is None
        states = [state for state in browser_state(app)
                  if "<style>" not in str(state.get("value", ""))[:10]]
        text = json.dumps(states)
        for pattern in UNSAFE:
            assert not pattern.search(text), pattern.pattern
        view.children[0].click()  # back to the course page
