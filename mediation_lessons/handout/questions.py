"""What a handout shows of a quiz: questions as learners see them, and the key apart.

Learner-facing parts come from ``Question.view()`` (the same view the widgets
show, which holds no answer key); the key comes from ``Question.answer()`` and
the question's explanation, and is only used for the instructors' appendix.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import nh3

from ..model import Lesson
from ..quiz import load_quiz
from ..quiz.model import Fill, Question, QuestionView, ViewOption
from ..quiz.text import render_block, render_inline

VIEW_SEED = "handout"
"""Seed of the option order printed on handouts: the same on every export."""


@dataclass(frozen=True)
class HandoutQuestion:
    """One question of a handout, its learner view and its key kept apart."""

    id: str
    kind: str
    step: str | None
    prompt_html: str
    options: tuple[str, ...]
    """Option labels (or items to order or match) as safe HTML, in the printed order."""
    choices: tuple[str, ...] = ()
    """The right-hand column of a matching question, as safe HTML."""
    key_html: str = ""
    """The correct answer as safe HTML (answer-key appendix only)."""
    correct: tuple[int, ...] = ()
    """Positions in ``options`` that are correct (answer-key appendix only)."""
    explanation_html: str = ""
    source_html: str = ""
    """The quote from the step that answers the question (answer-key appendix only)."""


def clean(fragment: str) -> str:
    """Untrusted quiz text as safe HTML (nh3's defaults: no scripts, handlers, js: URLs)."""
    return nh3.clean(fragment)


def _labels(options: tuple[ViewOption, ...]) -> tuple[str, ...]:
    return tuple(clean(option.html) for option in options)


def _list(tag: str, items: list[str]) -> str:
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def _key(question: Question, view: QuestionView) -> tuple[str, tuple[int, ...]]:
    """The answer as HTML and the positions of correct options in the view."""
    answer: Any = question.answer()
    label = {option.id: clean(option.html) for option in
             (*view.options, *view.items, *view.left, *view.right)}
    if view.options:
        if isinstance(answer, bool):
            answer = "true" if answer else "false"
        picked = {answer} if isinstance(answer, str) else set(answer)
        correct = tuple(i for i, option in enumerate(view.options) if option.id in picked)
        return "", correct
    if view.items and isinstance(answer, list):
        return _list("ol", [label[id_] for id_ in answer]), ()
    if view.left and isinstance(answer, Mapping):
        return _list("ul", [f"{label[left]} \u2192 {label[right]}"
                            for left, right in answer.items()]), ()
    if isinstance(question, Fill):
        accepted = [clean(render_inline(text)) for text in question.answers]
        return _list("ul", accepted), ()
    if isinstance(answer, Mapping) and isinstance(answer.get("text"), str):
        return clean(render_block(answer["text"])), ()
    return clean(render_block(str(answer))), ()


def handout_question(question: Question) -> HandoutQuestion:
    """One quiz question as a handout shows it, key kept apart."""
    view = question.view(VIEW_SEED)
    key_html, correct = _key(question, view)
    return HandoutQuestion(
        id=view.id,
        kind=view.kind,
        step=view.step,
        prompt_html=clean(view.prompt),
        options=_labels(view.options or view.items or view.left),
        choices=_labels(view.right),
        key_html=key_html,
        correct=correct,
        explanation_html=clean(render_block(question.explanation)) if question.explanation
        else "",
        source_html=clean(render_inline(question.source)) if question.source else "",
    )


def handout_questions(lesson: Lesson) -> tuple[HandoutQuestion, ...]:
    """The lesson's quiz questions in quiz order (raises ``QuizError`` for a bad quiz)."""
    return tuple(handout_question(question) for question in load_quiz(lesson).questions)
