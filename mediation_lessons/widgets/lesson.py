"""The lesson view: header, step navigator, progress, the step's content and questions,
and a closing summary with scores per step and a way to retry missed questions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
from traitlets import Int, observe

from ..model import Lesson
from ..quiz.grading import mastered, step_score
from ..quiz.model import Question, Quiz
from ..quiz.session import Attempt, QuestionSession
from . import markup
from .guard import ErrorBox, guarded
from .navigator import StepNavigator
from .progressbar import LessonProgress
from .questions import QuestionWidget, question_widget
from .summary import LessonSummary, StepScore
from .tracking import SUMMARY_POSITION, LessonTracker, resume_session


def header_html(lesson: Lesson, compact: bool = False) -> str:
    """The lesson header: image, title, summary and intro.

    ``compact`` folds the summary and intro into an "About this lesson"
    disclosure, so later steps start with their own content.
    """
    title = ('<div class="ml-lesson-title">'
             f'{markup.image(lesson.image, lesson.title, "ml-thumb")}'
             f"<h1>{markup.text(lesson.title)}</h1></div>")
    about = []
    if lesson.category:
        about.append(f'<div class="ml-meta">Category: {markup.text(lesson.category)}</div>')
    if lesson.summary_html:
        about.append('<div class="ml-summary-text"><strong>In short:</strong> '
                     f"{markup.clean(lesson.summary_html)}</div>")
    if lesson.intro_html:
        about.append(f'<div class="ml-intro">{markup.clean(lesson.intro_html)}</div>')
    if compact and about:
        return (f'{title}<details class="ml-about"><summary>About this lesson</summary>'
                f'{"".join(about)}</details>')
    return title + "".join(about)


class LessonView(widgets.VBox):
    """One lesson, step by step, with its questions graded and saved as the learner goes."""

    step_index = Int(0, help="Index of the step shown; the number of steps means the summary.")

    def __init__(self, lesson: Lesson, quiz: Quiz, tracker: LessonTracker, seed: str,
                 on_back: Callable[[], None] | None = None,
                 quiz_problem: str | None = None, **kwargs: Any) -> None:
        self.lesson = lesson
        self.quiz = quiz
        self.tracker = tracker
        self.seed = seed
        self.errors = ErrorBox()
        self._unsaved_shown = False
        self.done: set[int] = set()
        self.states = tracker.question_states()
        self.built: dict[str, list[QuestionWidget]] = {}
        """Question widgets of the steps shown so far (built when first needed)."""
        self.header = widgets.HTML(header_html(lesson))
        self.header.add_class("ml-lesson-header")
        self.navigator = StepNavigator([s.title for s in lesson.steps],
                                       guarded(self.errors, self.go))
        self.progress = LessonProgress(len(lesson.steps))
        self.step_html = widgets.HTML()
        self.step_html.add_class("ml-step-body")
        self.step_questions = widgets.VBox()
        self.step_questions.add_class("ml-step-questions")
        self.summary = LessonSummary(guarded(self.errors, self.retry_missed))
        self.prev = self._nav_button("Previous", "arrow-left", "ml-prev", -1)
        self.next = self._nav_button("Next", "arrow-right", "ml-next", +1)
        self.next.icon = ""
        nav = widgets.HBox((self.prev, self.next))
        nav.add_class("ml-nav-buttons")
        top: list[widgets.Widget] = []
        if on_back is not None:
            back = widgets.Button(description="All lessons", icon="arrow-left",
                                  layout=widgets.Layout(width="auto"))
            back.add_class("ml-back")
            back.on_click(guarded(self.errors, lambda _b: on_back()))
            top.append(back)
        if quiz_problem:
            top.append(widgets.HTML(f'<div class="ml-banner" role="alert">⚠ The questions of '
                                    f"this lesson could not be loaded: "
                                    f"{markup.text(quiz_problem)}</div>"))
        super().__init__(children=(*top, self.header, self.navigator,
                                   self.progress, self.errors, self.step_html,
                                   self.step_questions, self.summary, nav), **kwargs)
        self.add_class("ml-lesson")
        self._resume()
        self._show()

    # -- construction -------------------------------------------------------

    def _widget(self, question: Question, session: QuestionSession) -> QuestionWidget:
        return question_widget(question.view(self.seed), session, self)

    def _nav_button(self, label: str, icon: str, css: str, offset: int) -> widgets.Button:
        button = widgets.Button(description=label, icon=icon,
                                layout=widgets.Layout(width="auto"))
        button.add_class(css)
        button.on_click(guarded(self.errors, lambda _b: self.go(self.step_index + offset)))
        return button

    def _resume(self) -> None:
        """Restore completed steps and the position from the store."""
        slugs = [step.slug for step in self.lesson.steps]
        self.done = {slugs.index(s) for s in self.tracker.completed_steps() if s in slugs}
        position = self.tracker.position()
        if position == SUMMARY_POSITION:
            self.step_index = len(slugs)
        elif position in slugs:
            self.step_index = slugs.index(position)

    def step_widgets(self, slug: str) -> list[QuestionWidget]:
        """The question widgets of step ``slug``, built (and resumed) on first use."""
        if slug not in self.built:
            self.built[slug] = [self._resumed(q) for q in self.quiz.for_step(slug)]
        return self.built[slug]

    def _resumed(self, question: Question) -> QuestionWidget:
        """A widget for ``question`` showing the learner's earlier work, if any.

        Saved responses are graded again against the quiz as it is now, so a
        question changed since shows no stale feedback (see :func:`resume_session`).
        """
        state = self.states.get(question.id)
        session = (QuestionSession(question) if state is None
                   else resume_session(question, state))
        widget = self._widget(question, session)
        widget.hint_texts = list(session.hints)
        widget.hints_shown = len(widget.hint_texts)
        if session.attempts:
            last = session.attempts[-1]
            widget.show_response(last.response)
            widget.last_response = last.response
            widget.show_attempt(last.feedback, last.score)
        return widget

    # -- listener (question widgets call these) -------------------------------

    def attempted(self, widget: QuestionWidget, response: Any, attempt: Attempt) -> None:
        """Save the try, then complete the step if all its questions are settled.

        A save that fails while the store was saving is said in the lesson's
        error box (the course page already warned about a store that never saved).
        """
        saving = self.tracker.saving
        if self.tracker.attempted(widget, response, attempt):
            if self._unsaved_shown:
                self.errors.clear()
                self._unsaved_shown = False
        elif saving or self.tracker.store.last_error:
            self.errors.show(self.tracker.unsaved())
            self._unsaved_shown = True
        self._check_complete(widget.view.step)

    def hinted(self, widget: QuestionWidget) -> None:
        """Pass hint use on to the tracker."""
        self.tracker.hinted(widget)

    # -- navigation -----------------------------------------------------------

    def go(self, index: int) -> None:
        """Show step ``index`` (the summary when it equals the number of steps)."""
        index = max(0, min(index, len(self.lesson.steps)))
        leaving = self.step_index
        if leaving < len(self.lesson.steps) and index > leaving:
            self._check_complete(self.lesson.steps[leaving].slug, visited=True)
        self.step_index = index
        self._show()

    @observe("step_index")
    def _on_step(self, _change: object = None) -> None:
        slugs = [step.slug for step in self.lesson.steps]
        where = slugs[self.step_index] if self.step_index < len(slugs) else SUMMARY_POSITION
        self.tracker.moved(where)

    def step_scores(self) -> list[StepScore]:
        """Scores of every step, for the summary."""
        scores = []
        for step in self.lesson.steps:
            graded = [w for w in self.step_widgets(step.slug) if w.view.graded]
            value = step_score([w.session.question for w in graded],
                               {w.view.id: w.score for w in graded})
            scores.append(StepScore(
                title=step.title, score=value or 0.0, questions=len(graded),
                answered=sum(1 for w in graded if w.settled),
                missed=sum(1 for w in graded if w.settled and w.score < 1.0)))
        return scores

    def _check_complete(self, slug: str, visited: bool = False) -> None:
        index = [step.slug for step in self.lesson.steps].index(slug)
        widgets_ = self.step_widgets(slug)
        graded = [w for w in widgets_ if w.view.graded]
        if not all(w.settled for w in widgets_) or (not widgets_ and not visited):
            return
        value = step_score([w.session.question for w in graded],
                           {w.view.id: w.score for w in graded})
        if not mastered(value, self.quiz.mastery_for(slug)):
            return
        self.tracker.completed(slug, 1.0 if value is None else value)
        if index not in self.done:
            self.done = self.done | {index}
            self._show_progress()

    def _show_progress(self) -> None:
        with self.hold_sync():
            self.navigator.completed = sorted(self.done)
            self.navigator.current = self.step_index
            self.progress.done = len(self.done)
            self.progress.step = self.step_index

    def _show(self) -> None:
        """Redraw for the current step or the summary."""
        total = len(self.lesson.steps)
        on_summary = self.step_index >= total
        with self.hold_sync():
            self._show_progress()
            self.header.value = header_html(self.lesson, compact=self.step_index > 0)
            self.prev.disabled = self.step_index == 0
            self.next.disabled = on_summary
            self.next.description = ("Finish: see summary" if self.step_index == total - 1
                                     else "Next")
            if on_summary:
                self.step_html.value = ""
                self.step_questions.children = ()
                self.summary.show(self.step_scores(), self.quiz.mastery)
                self.summary.layout.display = None
            else:
                step = self.lesson.steps[self.step_index]
                self.step_html.value = (f"<h2>{markup.text(step.title)}</h2>"
                                        f"{markup.clean(step.html)}")
                self.step_questions.children = tuple(self.step_widgets(step.slug))
                self.summary.layout.display = "none"

    def retry_missed(self) -> None:
        """Give every missed question a fresh start and go to the first of them."""
        first: int | None = None
        for index, step in enumerate(self.lesson.steps):
            fresh = []
            for widget in self.step_widgets(step.slug):
                if widget.view.graded and widget.settled and widget.score < 1.0:
                    question = widget.session.question
                    widget = self._widget(question, QuestionSession(question))
                    first = index if first is None else first
                fresh.append(widget)
            self.built[step.slug] = fresh
        if first is None:
            self.errors.show("There are no missed questions to retry.")
            return
        self.go(first)

    @property
    def current_widgets(self) -> tuple[QuestionWidget, ...]:
        """The question widgets of the step shown."""
        return tuple(w for w in self.step_questions.children if isinstance(w, QuestionWidget))
