"""Assemble a lesson's handout notebook: article text, questions, optional answer key.

Article text comes from the lesson's sanitized ``*_html`` fields; titles are
escaped; quiz text is cleaned again with nh3. Without ``with_answers`` nothing
of the key (correct flags, explanations, the "Answer key" heading) is written.
"""

from __future__ import annotations

from collections.abc import Sequence

import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_notebook

from ..model import Lesson
from .cells import html_cell, text
from .questions import HandoutQuestion

_SAFE_IMAGE = ("data:image/png;", "data:image/jpeg;", "data:image/gif;", "data:image/webp;")
_KIND_HINTS = {
    "single": "Tick one.",
    "multiple": "Tick every answer that applies.",
    "truefalse": "True or false?",
    "ordering": "Number these in the right order.",
    "matching": "Match each item with its partner.",
    "fill": "Fill in the blank.",
    "reflection": "Write a few sentences.",
}


def _header(lesson: Lesson) -> str:
    meta = [part for part in (lesson.category,) if part]
    if lesson.updated is not None:
        meta.append(f"Updated {lesson.updated:%d %B %Y}")
    meta_html = f'<p class="handout-meta">{text(" · ".join(meta))}</p>' if meta else ""
    return f"<h1>{text(lesson.title)}</h1>{meta_html}"


def _image(lesson: Lesson) -> str | None:
    image = lesson.image
    if not image or not image.startswith(_SAFE_IMAGE) or ";base64," not in image:
        return None
    return f'<figure><img src="{text(image)}" alt="{text(lesson.title)}"></figure>'


def _question(number: int, question: HandoutQuestion) -> str:
    hint = _KIND_HINTS.get(question.kind, "")
    parts = [
        f'<p class="handout-number"><strong>Question {number}.</strong> {text(hint)}</p>',
        question.prompt_html,
    ]
    if question.kind == "matching":
        items = "".join(f"<li>{label}</li>" for label in question.options)
        choices = "".join(f"<li>{label}</li>" for label in question.choices)
        parts.append(f'<ol class="handout-blanks">{items}</ol>'
                     f'<p>Choose from:</p><ol type="A">{choices}</ol>')
    elif question.kind == "ordering":
        items = "".join(f"<li>{label}</li>" for label in question.options)
        parts.append(f'<ul class="handout-blanks">{items}</ul>')
    elif question.options:
        items = "".join(f"<li>{label}</li>" for label in question.options)
        parts.append(f'<ul class="handout-options">{items}</ul>')
    else:
        lines = 1 if question.kind == "fill" else 4
        parts.append('<div class="handout-lines"></div>' * lines)
    return "".join(parts)


def _answer(number: int, question: HandoutQuestion) -> str:
    parts = [f"<h3>Question {number}</h3>"]
    if question.correct:
        items = "".join(
            f'<li class="handout-correct">{label} — correct</li>' if index in question.correct
            else f"<li>{label}</li>"
            for index, label in enumerate(question.options)
        )
        parts.append(f'<ul class="handout-key">{items}</ul>')
    if question.key_html:
        parts.append(f'<div class="handout-key-answer"><p><strong>Answer:</strong></p>'
                     f"{question.key_html}</div>")
    if question.source_html:
        parts.append(f'<p class="handout-source"><strong>From the text:</strong> '
                     f"\u201c{question.source_html}\u201d</p>")
    if question.explanation_html:
        parts.append(f'<div class="handout-explanation"><p><strong>Why:</strong></p>'
                     f"{question.explanation_html}</div>")
    return "".join(parts)


def build_notebook(
    lesson: Lesson,
    questions: Sequence[HandoutQuestion],
    with_answers: bool = False,
) -> NotebookNode:
    """The handout notebook of ``lesson``; the answer key is appended only on request."""
    notebook = new_notebook()
    notebook.metadata["title"] = lesson.title
    notebook.metadata["mediation_lessons"] = {
        "handout": lesson.slug,
        "with_answers": with_answers,
    }
    cells = notebook.cells
    cells.append(html_cell(_header(lesson), "handout-title"))
    image = _image(lesson)
    if image:
        cells.append(html_cell(image, "handout-image"))
    if lesson.summary_html.strip():
        cells.append(html_cell(f"<h2>In short</h2>{lesson.summary_html}", "handout-summary"))
    if lesson.intro_html.strip():
        cells.append(html_cell(lesson.intro_html, "handout-intro"))

    step_slugs = [step.slug for step in lesson.steps]
    by_step = {slug: [q for q in questions if q.step == slug] for slug in step_slugs}
    loose = [q for q in questions if q.step not in by_step]
    ordered = [q for slug in step_slugs for q in by_step[slug]] + loose
    numbered = list(enumerate(ordered, start=1))
    number_of = {id(question): number for number, question in numbered}

    def block(heading: str, asked: Sequence[HandoutQuestion]) -> NotebookNode:
        items = "".join(
            f'<div class="handout-question">{_question(number_of[id(q)], q)}</div>'
            for q in asked
        )
        return html_cell(heading + items, "handout-questions")

    for position, step in enumerate(lesson.steps, start=1):
        body = f'<h2 id="step-{text(step.slug)}">{position}. {text(step.title)}</h2>{step.html}'
        cells.append(html_cell(body, "handout-step"))
        if by_step[step.slug]:
            cells.append(block("<h3>Check your understanding</h3>", by_step[step.slug]))
    if loose:
        cells.append(block("<h2>More questions</h2>", loose))

    if with_answers and numbered:
        key = "<h2>Answer key</h2><p>For instructors.</p>" + "".join(
            _answer(number, question) for number, question in numbered
        )
        cells.append(html_cell(key, "handout-answers"))
    nbformat.validate(notebook)
    return notebook
