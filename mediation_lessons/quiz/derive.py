"""Questions derived from a lesson's structure, for articles that have no authored quiz.

Put the steps in order; match each step title with its first sentence (in
groups of at most six); with fewer than two steps, reflect on each step.
"""

from __future__ import annotations

import math
import re

from ..model import Lesson, Step
from .authoring import DEFAULT_MASTERY, DEFAULT_MAX_TRIES, DEFAULT_PENALTY
from .model import Matching, Ordering, Pair, Question, Quiz, Reflection
from .text import compare_key

MAX_GROUP = 6
MAX_SENTENCE = 220
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[A-Z0-9])")


def first_sentence(step: Step) -> str:
    """The first sentence of the step's plain text, cut at a word if very long."""
    text = " ".join((step.text or step.markdown).split())
    sentence = _SENTENCE_END.split(text, maxsplit=1)[0] if text else ""
    if len(sentence) > MAX_SENTENCE:
        cut = sentence[:MAX_SENTENCE].rsplit(" ", 1)[0]
        sentence = cut.rstrip(",;:")
    return sentence


def groups(items: list[Step], size: int = MAX_GROUP) -> list[list[Step]]:
    """``items`` split into balanced groups of at most ``size``."""
    count = math.ceil(len(items) / size)
    if count == 0:
        return []
    base, extra = divmod(len(items), count)
    result, start = [], 0
    for index in range(count):
        end = start + base + (1 if index < extra else 0)
        result.append(items[start:end])
        start = end
    return result


def derive_questions(lesson: Lesson) -> tuple[Question, ...]:
    """Questions built from the step titles and their first sentences."""
    questions: list[Question] = []
    distinct = _distinct(lesson.steps, lambda step: step.title)
    if len(distinct) >= 2:
        last = distinct[-1]
        questions.append(Ordering(
            id="derived-order",
            step=last.slug,
            prompt=f"Put the steps of \u201c{lesson.title}\u201d in the order the lesson "
                   "presents them.",
            source=last.title,
            items=tuple(step.title for step in distinct),
            hints=(f"The lesson starts with \u201c{distinct[0].title}\u201d.",),
            explanation="The steps in order: "
                        + "; ".join(step.title for step in distinct) + ".",
            max_tries=DEFAULT_MAX_TRIES,
            penalty=DEFAULT_PENALTY,
        ))
    described = _distinct([s for s in distinct if first_sentence(s)], first_sentence)
    if len(described) >= 2:
        for number, group in enumerate(groups(described), start=1):
            if len(group) < 2:
                continue
            questions.append(Matching(
                id=f"derived-match-{number}",
                step=group[-1].slug,
                prompt="Match each step with the sentence that opens it.",
                source=first_sentence(group[-1]),
                pairs=tuple(Pair(step.title, first_sentence(step)) for step in group),
                hints=("Look for words the title and the sentence share.",),
                max_tries=DEFAULT_MAX_TRIES,
            penalty=DEFAULT_PENALTY,
            ))
    elif len(lesson.steps) < 2:
        for step in lesson.steps:
            sentence = first_sentence(step) or step.title
            questions.append(Reflection(
                id=f"derived-reflect-{step.slug}",
                step=step.slug,
                prompt=f"In your own words: what is \u201c{step.title}\u201d about?",
                source=sentence,
                model_answer=sentence,
            ))
    return tuple(questions)


def derived_quiz(lesson: Lesson) -> Quiz:
    """A quiz for a lesson that has none authored."""
    return Quiz(str(lesson.path), derive_questions(lesson), DEFAULT_MASTERY, {}, "derived")


def _distinct(steps: tuple[Step, ...] | list[Step], key: object) -> list[Step]:
    seen: set[str] = set()
    result = []
    for step in steps:
        value = compare_key(key(step))  # type: ignore[operator]
        if value and value not in seen:
            seen.add(value)
            result.append(step)
    return result
