"""The course page: lesson cards, error cards, the learner box, the saving banner, review."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from ..model import Course
from ..progress.identity import Learner
from ..progress.keys import course_key as progress_course_key
from ..progress.store import ProgressStore
from . import markup
from .cards import ErrorCard, LessonCard
from .guard import ErrorBox, guarded
from .markup import LABEL


def saving_banner(store: ProgressStore) -> widgets.HTML | None:
    """A plain banner when progress is not being saved, else None.

    It shows the store's ``learner_problem``, which names no server path (the
    full sentence is in ``store.problem`` and the server's log).
    """
    if store.available and not store.read_only:
        return None
    lead = "Progress is not being saved:"
    problem = store.learner_problem or "the progress database is open read-only."
    if problem.startswith(lead):
        problem = problem[len(lead):].strip()
    banner = widgets.HTML(
        f'<div class="ml-banner" role="alert"><strong>⚠ {lead}</strong> '
        f"{markup.text(problem)} "
        "You can keep working; your answers last until you close the page.</div>")
    banner.add_class("ml-saving-banner")
    return banner


class LearnerBox(widgets.VBox):
    """A labelled name box and a save button, for learners without a JupyterHub account."""

    def __init__(self, learner: Learner, on_save: Callable[[str], None],
                 errors: ErrorBox, **kwargs: Any) -> None:
        known = learner.source in ("entered", "cookie", "guest")
        self.name = widgets.Text(value=learner.name if known else "",
                                 description="Your name", style=LABEL,
                                 placeholder="Type your name to keep your progress",
                                 layout=widgets.Layout(width="auto"))
        self.name.add_class("ml-learner-input")
        self.save = widgets.Button(description="Save name", icon="user",
                                   layout=widgets.Layout(width="auto"))
        self.save.add_class("ml-learner-save")
        self.save.on_click(guarded(errors, lambda _b: on_save(str(self.name.value))))
        advice = ("Type your name and Save to keep your progress under it."
                  if learner.source == "guest" else "Your progress is kept under this name.")
        self.status = widgets.HTML(
            f'<div class="ml-meta">Learning as <strong>{markup.text(learner.name)}</strong>. '
            f"{advice}</div>")
        row = widgets.HBox((self.name, self.save))
        super().__init__(children=(row, self.status), **kwargs)
        self.add_class("ml-learner")


class CoursePage(widgets.VBox):
    """Everything a learner sees before opening a lesson."""

    def __init__(self, course: Course, store: ProgressStore, learner: Learner,
                 course_key: str | None, on_open: Callable[[str], None],
                 on_learner: Callable[[str], None], review: widgets.Widget | None = None,
                 **kwargs: Any) -> None:
        """``course_key`` is the name the store knows the course by; None means
        :func:`~mediation_lessons.progress.course_key` of the course's folder."""
        key = course_key or progress_course_key(course)
        self.errors = ErrorBox()
        parts: list[widgets.Widget] = [widgets.HTML(
            f"<h1>{markup.text(course.title)}</h1>"
            f'<p class="ml-meta">{len(course.lessons)} lesson'
            f"{'s' if len(course.lessons) != 1 else ''} · learn step by step, "
            "check your understanding as you go.</p>")]
        banner = saving_banner(store)
        if banner is not None:
            parts.append(banner)
        if learner.source == "jupyterhub":
            parts.append(widgets.HTML(f'<div class="ml-meta">Signed in as '
                                      f"<strong>{markup.text(learner.name)}</strong>.</div>"))
        else:
            parts.append(LearnerBox(learner, on_learner, self.errors))
        parts.append(self.errors)
        if review is not None:
            parts.append(review)
        self.cards: list[LessonCard] = []
        for lesson in course.lessons:
            done = store.completed_steps(learner.name, key, lesson.slug)
            slugs = {step.slug for step in lesson.steps}
            scores = [score for slug, score in done.items() if slug in slugs]
            self.cards.append(LessonCard(
                lesson, len(scores), sum(scores) / len(scores) if scores else None,
                guarded(self.errors, lambda slug=lesson.slug: on_open(slug))))
        self.error_cards = [ErrorCard(error) for error in course.errors]
        if not course.lessons and not course.errors:
            parts.append(widgets.HTML('<div class="ml-banner">This course has no lessons yet: '
                                      "add markdown articles to its folder.</div>"))
        grid = widgets.VBox((*self.cards, *self.error_cards))
        grid.add_class("ml-card-grid")
        parts.append(grid)
        super().__init__(children=tuple(parts), **kwargs)
        self.add_class("ml-course")
