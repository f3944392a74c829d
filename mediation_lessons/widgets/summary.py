"""The closing summary of a lesson: score per step as a bar chart with numbers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from . import markup


@dataclass(frozen=True)
class StepScore:
    """How the learner did on one step."""

    title: str
    score: float
    """Mean score of the step's questions in [0, 1]."""
    answered: int
    questions: int
    missed: int
    """Questions settled without full marks."""


def chart(scores: Sequence[StepScore]) -> str:
    """An HTML/CSS bar chart of per-step scores, each with its number as text."""
    rows = []
    for item in scores:
        if item.questions:
            pct = markup.percent(item.score)
            value = f"{pct}%"
        else:
            pct, value = 0, "no quiz"
        rows.append(
            f'<div class="ml-chart-label">{markup.text(item.title)}</div>'
            f'<div class="ml-bar" role="img" aria-label="{markup.text(item.title)}: {value}">'
            f'<span style="width:{pct}%"></span></div>'
            f'<div class="ml-chart-value">{value}</div>'
        )
    return f'<div class="ml-chart">{"".join(rows)}</div>'


class LessonSummary(widgets.VBox):
    """Scores per step, the overall result and a "Retry missed questions" button."""

    def __init__(self, on_retry: Callable[[], None], **kwargs: Any) -> None:
        self.body = widgets.HTML()
        self.retry = widgets.Button(description="Retry missed questions", icon="redo",
                                    layout=widgets.Layout(width="auto"))
        self.retry.add_class("ml-retry")
        self.retry.on_click(lambda _b: on_retry())
        super().__init__(children=(self.body, self.retry), **kwargs)
        self.add_class("ml-summary")

    def show(self, scores: Sequence[StepScore], mastery: float) -> None:
        """Redraw for ``scores``; ``mastery`` is the fraction needed to master a step."""
        graded = [s for s in scores if s.questions]
        total_q = sum(s.questions for s in graded)
        answered = sum(s.answered for s in graded)
        missed = sum(s.missed for s in graded)
        overall = (sum(s.score * s.questions for s in graded) / total_q) if total_q else 0.0
        mastered = sum(1 for s in graded if s.score >= mastery)
        lines = [
            "<h2>Lesson summary</h2>",
            f"<p><strong>Overall score: {markup.percent(overall)}%</strong> · "
            f"{answered} of {total_q} questions answered · "
            f"{mastered} of {len(graded)} quizzed steps mastered "
            f"(mastery = {markup.percent(mastery)}%).</p>",
            chart(scores),
        ]
        if missed:
            lines.append(f"<p>{missed} question(s) missed. Try them again below.</p>")
        elif total_q and answered == total_q:
            lines.append("<p>✓ Every question answered correctly. Well done!</p>")
        with self.hold_sync():
            self.body.value = "".join(lines)
            self.retry.disabled = missed == 0
            self.retry.description = (f"Retry missed questions ({missed})" if missed
                                      else "Retry missed questions")
