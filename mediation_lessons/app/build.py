"""Build the course app: the course page and lessons for one learner, saved to the store."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import ipywidgets as widgets

from .. import SHIPPED_COURSE
from ..errors import LessonError
from ..loader import load_course
from ..model import Course, Lesson
from ..progress.identity import Learner, resolve_learner
from ..progress.keys import course_key
from ..progress.records import ReviewItem
from ..progress.store import ProgressStore, open_store
from ..quiz import Question, Quiz, load_quiz
from ..widgets.course import CoursePage
from ..widgets.guard import ErrorBox, describe, guarded, plain
from ..widgets.lesson import LessonView
from ..widgets.review import ReviewPanel
from ..widgets.styles import stylesheet
from ..widgets.tracking import LessonTracker

COURSE_ENV = "MEDIATION_LESSONS_COURSE"
"""Environment variable naming the course folder the app shows."""

log = logging.getLogger(__name__)


class CourseApp(widgets.VBox):
    """The whole app: a course page that opens lessons in place."""

    def __init__(self, course: Course, store: ProgressStore, learner: Learner) -> None:
        self.course = course
        self.store = store
        self.learner = learner
        self.key = course_key(course)
        self.errors = ErrorBox()
        self.page = widgets.VBox()
        self.page.add_class("ml-page")
        self._quizzes: dict[str, tuple[Quiz, str | None]] = {}
        super().__init__(children=(stylesheet(), self.errors, self.page))
        self.add_class("ml-app")
        self.review = self._review()
        self.show_course()

    # -- pages ----------------------------------------------------------------

    def show_course(self) -> None:
        """Show the course page."""
        self.page.children = (CoursePage(
            self.course, self.store, self.learner, self.key,
            on_open=self.open_lesson, on_learner=self.change_learner,
            review=self.review),)

    def open_lesson(self, slug: str) -> None:
        """Open the lesson ``slug`` at the step the learner was on."""
        lesson = self.course.lesson(slug)
        quiz, problem = self.quiz(lesson)
        tracker = LessonTracker(self.store, self.learner.name, self.key, lesson.slug)
        view = LessonView(lesson, quiz, tracker, seed=self.learner.name,
                          on_back=guarded(self.errors, self.show_course), quiz_problem=problem)
        self.page.children = (view,)

    def change_learner(self, name: str) -> None:
        """Switch to the learner ``name`` typed in the learner box."""
        self.learner = resolve_learner(os.environ, entered=name)
        self.review = self._review()
        self.show_course()

    # -- data -----------------------------------------------------------------

    def quiz(self, lesson: Lesson) -> tuple[Quiz, str | None]:
        """The lesson's quiz, or an empty one and the reason it could not be loaded."""
        if lesson.slug not in self._quizzes:
            try:
                found: tuple[Quiz, str | None] = (load_quiz(lesson), None)
            except LessonError as error:
                found = (Quiz(str(lesson.path), ()), plain(error))
            self._quizzes[lesson.slug] = found
        return self._quizzes[lesson.slug]

    def _find(self, item: ReviewItem) -> Question | None:
        try:
            lesson = self.course.lesson(item.lesson)
            return self.quiz(lesson)[0].question(item.question)
        except KeyError:
            return None

    def _review(self) -> ReviewPanel | None:
        due = self.store.due_reviews(self.learner.name, self.key)
        if not due:
            return None
        panel = ReviewPanel(due, self._find, self.store, self.learner.name, self.learner.name)
        return panel if panel.questions else None


def await_request() -> None:
    """In a preheated Voilà kernel, wait for the learner's request and its cookie.

    Voilà runs a preheated notebook before anyone connects; the request's
    variables (``HTTP_COOKIE``, which names the learner) reach the kernel only
    through ``voila.utils.wait_for_request``. Elsewhere this returns at once.
    """
    if os.environ.get("VOILA_PREHEAT", "False") == "False":
        return
    from voila.utils import wait_for_request

    wait_for_request()


def error_app(message: str) -> widgets.VBox:
    """An app that only says what went wrong, in plain words."""
    box = ErrorBox()
    box.show(message)
    app = widgets.VBox((stylesheet(), box))
    app.add_class("ml-app")
    return app


def course_app(course_path: str | os.PathLike[str] | None = None,
               db: str | os.PathLike[str] | None = None,
               learner: str | None = None) -> widgets.Widget:
    """The course app for a notebook or Voilà.

    ``course_path`` defaults to ``$MEDIATION_LESSONS_COURSE``, else the shipped
    course; ``db`` to the progress store's default; ``learner`` to the
    JupyterHub user, the remembered name or the system user. Problems become
    visible messages in the returned widget, never a traceback.
    """
    folder = Path(course_path or os.environ.get(COURSE_ENV) or SHIPPED_COURSE)
    try:
        course = load_course(folder)
        store = open_store(None if db is None else Path(db))
        await_request()
        who = resolve_learner(os.environ, entered=learner)
        return CourseApp(course, store, who)
    except LessonError as error:
        return error_app(plain(error))
    except Exception as error:  # the learner must see a sentence, not a trace
        log.exception("building the course app failed")
        return error_app(describe(error))
