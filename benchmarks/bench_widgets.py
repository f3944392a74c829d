"""Benchmark: the course app's widgets on the shipped course, against a plain widget tree.

Run ``python benchmarks/bench_widgets.py``. No kernel is needed: widgets are
built, clicked and read in this process, as in the tests. In the same run,
interleaved, it times:

- baseline: a ``VBox`` of 10 ``HTML`` widgets;
- building the app: ``course_app`` (load the course, open the progress store in a
  temporary folder, resolve the learner, build the course page);
- opening the lesson: ``CourseApp.open_lesson`` (load its quiz, read the
  learner's progress, build the lesson view and the first step's questions);
- moving on: clicking "Next" (build and show the second step's questions);
- checking an answer: choosing an option and clicking "Check" (grade, redraw,
  save the attempt in SQLite).

Each figure is the best of several rounds of the mean over ``CALLS`` calls,
CPU time of this process and wall time, with the ratio to the baseline's.
Every widget is closed after each call so none pile up.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ipywidgets as widgets  # noqa: E402

import mediation_lessons as ml  # noqa: E402
from mediation_lessons.app.build import CourseApp, course_app  # noqa: E402
from mediation_lessons.progress import open_store  # noqa: E402
from mediation_lessons.widgets.lesson import LessonView  # noqa: E402
from mediation_lessons.widgets.questions import QuestionWidget  # noqa: E402

ROUNDS = 5
CALLS = 10
SLUG = "what-are-the-steps-of-mediation"

Step = tuple[Callable[[], Any], Callable[[Any], Any]]
"""(setup, action): only ``action(setup())`` is timed."""


def measure(setup: Callable[[], Any], action: Callable[[Any], Any]) -> tuple[float, float]:
    """Mean (CPU, wall) seconds of ``action`` over ``CALLS`` calls, setup not counted."""
    cpu = wall = 0.0
    for _ in range(CALLS):
        state = setup()
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        action(state)
        cpu += time.process_time() - start_cpu
        wall += time.perf_counter() - start_wall
        widgets.Widget.close_all()
    return cpu / CALLS, wall / CALLS


def main() -> None:
    os.environ.pop("JUPYTERHUB_USER", None)
    os.environ.pop("HTTP_COOKIE", None)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "progress.sqlite3"
        names = iter(range(10**9))

        def app() -> CourseApp:
            built = course_app(ml.SHIPPED_COURSE, db, learner=f"learner {next(names)}")
            if not isinstance(built, CourseApp):
                raise SystemExit("the app did not build")
            return built

        def lesson() -> LessonView:
            built = app()
            built.open_lesson(SLUG)
            view = built.page.children[0]
            assert isinstance(view, LessonView)
            return view

        def on_second_step() -> QuestionWidget:
            view = lesson()
            view.next.click()
            question = next(w for w in view.current_widgets if w.view.kind == "single")
            question.choices.index = 0
            return question

        def check(question: QuestionWidget) -> None:
            question.check.click()
            if not question.outcome:
                raise SystemExit(f"Check did not grade: {question.errors.shown}")

        cases: dict[str, Step] = {
            "VBox of 10 HTML (baseline)": (lambda: None, lambda _: widgets.VBox(
                [widgets.HTML(f"<p>Paragraph {i}</p>") for i in range(10)])),
            "build the app": (lambda: None, lambda _: app()),
            "open the lesson": (app, lambda built: built.open_lesson(SLUG)),
            "next step": (lesson, lambda view: view.next.click()),
            "click Check": (on_second_step, check),
        }
        for setup, action in cases.values():
            action(setup())  # warm caches and lazy imports
            widgets.Widget.close_all()
        best = {name: (float("inf"), float("inf")) for name in cases}
        for _ in range(ROUNDS):
            for name, (setup, action) in cases.items():
                cpu, wall = measure(setup, action)
                best[name] = (min(best[name][0], cpu), min(best[name][1], wall))
        with open_store(db) as store:
            saved = store.attempt_count()
        if saved < (ROUNDS * CALLS + 1):
            raise SystemExit(f"only {saved} attempts were saved: Check did not record them")
    base_cpu, base_wall = best["VBox of 10 HTML (baseline)"]
    print(f"best of {ROUNDS} interleaved rounds, mean of {CALLS} calls each; "
          f"{saved} attempts saved")
    print(f"{'':27}  {'CPU ms':>8} {'ratio':>7}   {'wall ms':>8} {'ratio':>7}")
    for name, (cpu, wall) in best.items():
        print(f"{name:27}: {cpu * 1000:8.2f} {cpu / base_cpu:6.1f}x   "
              f"{wall * 1000:8.2f} {wall / base_wall:6.1f}x")


if __name__ == "__main__":
    main()
