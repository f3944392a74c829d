"""The instructor dashboard: the report as HTML with inline SVG bar charts.

``show(db=None)`` returns a :class:`Dashboard`; as the last expression of a
notebook cell Jupyter (and Voilà) render it through ``_repr_html_``. Pure
HTML, no widget or plotting library, so the progress layer stays free of
``ipywidgets`` and ``IPython``. Every name from the database is HTML-escaped.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path

from .paths import ENV_VAR, default_db_path
from .reporting import LessonRow, Report, format_text
from .store import open_store

BAR_WIDTH = 160
BAR_HEIGHT = 14


@dataclass(frozen=True)
class Dashboard:
    """What the dashboard shows: HTML for notebooks, text for everything else."""

    html: str
    text: str

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.text


Titles = Mapping[tuple[str, str], str]
"""Human titles by ``(lesson slug, step slug)``; ``(lesson slug, "")`` is the lesson's."""


def show(db: str | Path | None = None, course: str | None = None,
         course_path: str | Path | None = None) -> Dashboard:
    """The dashboard for the progress database ``db`` (default: as the app uses).

    Lessons and steps are named by their titles from ``course_path`` (default:
    ``$MEDIATION_LESSONS_COURSE``, else the shipped course); slugs stand in for
    what that folder does not have.

    A missing, empty or unusable database gives a friendly message instead of
    charts; this function never raises for database trouble and never creates
    a database.
    """
    path = Path(db).expanduser() if db is not None else default_db_path()
    if not path.is_file():
        text = (f"No attempts recorded yet: there is no progress database at {path}. "
                f"It appears when a learner first answers a question (set {ENV_VAR} to "
                "look elsewhere).")
        return _message(text)
    with open_store(path, read_only=True) as store:
        if not store.available:
            return _message(store.problem or f"The progress database at {path} cannot be used.")
        report = store.report(course)
    if report.empty:
        return _message(f"No attempts recorded yet in {path}. Charts appear once learners "
                        "answer questions.")
    return Dashboard(render(report, course_titles(course_path)), format_text(report))


def course_titles(course_path: str | Path | None = None) -> dict[tuple[str, str], str]:
    """Lesson and step titles of a course folder; empty when it cannot be loaded."""
    from .. import SHIPPED_COURSE
    from ..errors import LessonError
    from ..loader import load_course

    folder = Path(course_path or os.environ.get("MEDIATION_LESSONS_COURSE") or SHIPPED_COURSE)
    try:
        course = load_course(folder)
    except LessonError:
        return {}
    titles: dict[tuple[str, str], str] = {}
    for lesson in course.lessons:
        titles[(lesson.slug, "")] = lesson.title
        for step in lesson.steps:
            titles[(lesson.slug, step.slug)] = step.title
    return titles


def render(report: Report, titles: Titles | None = None) -> str:
    """The report as an HTML fragment with one section per lesson."""
    names = titles or {}
    head = (f"<p>{report.learners} learner(s), {report.attempts} attempt(s), "
            f"{len(report.lessons)} lesson(s).</p>")
    return ('<div class="mediation-dashboard"><h2>Instructor dashboard</h2>'
            + head + "".join(_lesson(lesson, names) for lesson in report.lessons) + "</div>")


def bar(fraction: float | None, label: str) -> str:
    """An inline SVG bar showing ``fraction`` (0–1), with an accessible label."""
    if fraction is None:
        return "<span>–</span>"
    width = round(max(0.0, min(1.0, fraction)) * BAR_WIDTH)
    return (
        f'<svg width="{BAR_WIDTH + 48}" height="{BAR_HEIGHT}" role="img" '
        f'aria-label="{escape(label)}: {fraction:.0%}">'
        f'<rect width="{BAR_WIDTH}" height="{BAR_HEIGHT}" fill="#e5e7eb"/>'
        f'<rect width="{width}" height="{BAR_HEIGHT}" fill="#2563eb"/>'
        f'<text x="{BAR_WIDTH + 6}" y="{BAR_HEIGHT - 3}" font-size="11">{fraction:.0%}</text>'
        "</svg>"
    )


def _lesson(lesson: LessonRow, names: Titles) -> str:
    def step_name(step: str) -> str:
        return escape(names.get((lesson.lesson, step), step))

    steps = "".join(
        f"<tr><td>{step_name(s.step)}</td><td>{s.learners}</td><td>{s.completed}</td>"
        f"<td>{bar(s.completion, 'completion')}</td><td>{bar(s.mean_score, 'mean score')}</td></tr>"
        for s in lesson.steps
    )
    hardest = "".join(
        f"<tr><td>{escape(q.question)}</td><td>{step_name(q.step)}</td><td>{q.learners}</td>"
        f"<td>{bar(q.first_try_correct, 'first try right')}</td><td>{q.attempts}</td></tr>"
        for q in lesson.hardest
    )
    parts = [
        f"<h3>{escape(names.get((lesson.lesson, ''), lesson.lesson))} "
        f"<small>({escape(lesson.course)} / {escape(lesson.lesson)})</small></h3>",
        f"<p>{lesson.learners} learner(s); {lesson.completion:.0%} of steps completed.</p>",
        "<table><thead><tr><th>Step</th><th>Learners</th><th>Completed</th>"
        "<th>Completion</th><th>Mean score</th></tr></thead><tbody>" + steps + "</tbody></table>",
    ]
    if hardest:
        parts.append(
            "<h4>Hardest questions</h4><table><thead><tr><th>Question</th><th>Step</th>"
            "<th>Learners</th><th>First try right</th><th>Attempts</th></tr></thead><tbody>"
            + hardest + "</tbody></table>"
        )
    return "<section>" + "".join(parts) + "</section>"


def _message(text: str) -> Dashboard:
    return Dashboard(f'<div class="mediation-dashboard"><p>{escape(text)}</p></div>', text)
