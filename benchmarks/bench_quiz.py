"""Benchmark: the quiz layer on the shipped lesson, against loading the lesson itself.

Run ``python benchmarks/bench_quiz.py``. In the same run, interleaved, it times:

- baseline: ``load_lesson`` of the shipped article (read, repair, parse, sanitize);
- ``load_quiz`` of that lesson (YAML with line numbers, validation, quote checks);
- building the ``QuestionView`` of every question for a new learner (render and
  sanitize prompts and options, shuffle), on freshly loaded questions, both with
  the render cache warm (every learner after the first) and cleared (the first);
- grading one right and one wrong answer for every question;
- ``QuestionSession.restore`` of every question from two saved responses.

Each figure is the best per-call CPU time over interleaved rounds, reported
with its ratio to the baseline measured in the same run.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import mediation_lessons as ml  # noqa: E402
from mediation_lessons.loader import load_lesson  # noqa: E402
from mediation_lessons.quiz import Question, QuestionSession, load_quiz  # noqa: E402
from mediation_lessons.quiz import text as quiz_text  # noqa: E402

ARTICLE = ml.SHIPPED_COURSE / "what-are-the-steps-of-mediation.md"
ROUNDS = 7
CALLS = 20


def wrong(question: Question) -> Any:
    """A well-formed response that is not the answer."""
    right = question.answer()
    if isinstance(right, bool):
        return not right
    if isinstance(right, str):
        view = question.view()
        other = [o.id for o in view.options if o.id != right]
        return other[0] if other else "surely not this"
    if isinstance(right, list):
        return list(reversed(right)) if question.kind == "ordering" else right[:1]
    if question.kind == "reflection":
        return {"text": "My answer.", "rating": 0.0}
    return {left: None for left in right}


def timed(action: Callable[[], object]) -> float:
    """CPU seconds per call of ``action`` over ``CALLS`` calls."""
    start = time.process_time()
    for _ in range(CALLS):
        action()
    return (time.process_time() - start) / CALLS


def main() -> None:
    lesson = load_lesson(ARTICLE)
    questions = load_quiz(lesson).questions
    answers = [(q, q.answer(), wrong(q)) for q in questions]
    learners = iter(range(10**9))

    def views() -> None:
        seed = f"learner-{next(learners)}"
        for question in load_quiz(lesson).questions:
            question.view(seed)

    def cold_views() -> None:
        quiz_text._cached_block.cache_clear()
        quiz_text._cached_inline.cache_clear()
        views()

    def quiz_only() -> None:
        load_quiz(lesson)

    def grading() -> None:
        for question, right, bad in answers:
            question.grade(right)
            question.grade(bad)

    def restoring() -> None:
        for question, right, bad in answers:
            QuestionSession.restore(question, (bad, right), 1)

    cases: dict[str, Callable[[], object]] = {
        "load_lesson (baseline)": lambda: load_lesson(ARTICLE),
        "load_quiz": quiz_only,
        "load_quiz + all views": views,
        "load_quiz + all views, cold": cold_views,
        "grade all (right + wrong)": grading,
        "restore all sessions": restoring,
    }
    for action in cases.values():
        action()  # warm caches and lazy imports
    best = {name: float("inf") for name in cases}
    for _ in range(ROUNDS):
        for name, action in cases.items():
            best[name] = min(best[name], timed(action))
    base = best["load_lesson (baseline)"]
    print(f"{len(questions)} questions, {len(lesson.steps)} steps; best CPU time per call "
          f"of {ROUNDS} interleaved rounds x {CALLS} calls")
    for name, seconds in best.items():
        print(f"{name:27}: {seconds * 1000:8.3f} ms  {seconds / base:6.2f}x baseline")
    views_only = best["load_quiz + all views"] - best["load_quiz"]
    cold = best["load_quiz + all views, cold"] - best["load_quiz"]
    for name, seconds in (("views alone (warm)", views_only), ("views alone (cold)", cold)):
        print(f"{name:27}: {seconds * 1000:8.3f} ms  {seconds / base:6.2f}x baseline")


if __name__ == "__main__":
    main()
