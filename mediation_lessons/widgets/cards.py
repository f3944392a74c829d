"""Cards of the course page: one per lesson, and an error card per broken article."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ..errors import LessonError
from ..model import Lesson
from . import markup


class LessonCard(widgets.VBox):
    """A lesson's image, title, summary and progress, with a button to open it."""

    def __init__(self, lesson: Lesson, done: int, score: float | None,
                 on_open: Callable[[], None], **kwargs: Any) -> None:
        self.lesson = lesson
        total = len(lesson.steps)
        fraction = done / total if total else 0.0
        status = ("Not started" if done == 0 else
                  "Complete" if done >= total else "In progress")
        score_text = "" if score is None else f" · score {markup.percent(score)}%"
        self.body = widgets.HTML(
            '<div class="ml-card-body">'
            f"{markup.image(lesson.image, lesson.title, 'ml-card-img')}"
            "<div>"
            f'<div class="ml-card-title">{markup.text(lesson.title)}</div>'
            f'<div class="ml-card-summary">{markup.clean(lesson.summary_html)}</div>'
            f'<div class="ml-meta ml-card-progress">{status}: {done} of {total} steps '
            f"complete ({markup.percent(fraction)}%){score_text}</div>"
            f'<div class="ml-bar" role="img" aria-label="{markup.percent(fraction)}% complete">'
            f'<span style="width:{markup.percent(fraction)}%"></span></div>'
            "</div></div>")
        verb = "Start lesson" if done == 0 else "Review lesson" if done >= total else "Continue"
        self.open_button = widgets.Button(description=verb, icon="play",
                                   button_style="primary", layout=widgets.Layout(width="auto"))
        self.open_button.add_class("ml-open")
        self.open_button.on_click(lambda _b: on_open())
        super().__init__(children=(self.body, self.open_button), **kwargs)
        self.add_class("ml-course-card")


class ErrorCard(widgets.HTML):
    """A broken article: its file, the problem and what to do, as plain text."""

    def __init__(self, error: LessonError, **kwargs: Any) -> None:
        where = Path(error.path).name if error.path else "an article"
        line = f", line {error.line}" if error.line is not None else ""
        super().__init__(
            '<div role="alert"><div class="ml-card-title">⚠ This lesson could not be loaded'
            f'</div><div class="ml-meta">File: <code>{markup.text(where)}</code>{line}</div>'
            f"<p>{markup.text(error.message)}</p></div>", **kwargs)
        self.add_class("ml-error-card")
