"""The instructor report lists a lesson's steps in the order learners walk them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from mediation_lessons.progress import open_store

STEPS = ("preparation", "opening-statements", "caucus", "agreement")
"""An article's order, deliberately not alphabetical."""


def test_steps_come_in_the_order_learners_reached_them(tmp_path: Path) -> None:
    store = open_store(tmp_path / "progress.sqlite3")
    assert store.available, store.problem
    clock = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
    for learner, reached in (("ana", 4), ("bo", 2), ("cy", 3)):
        for step in STEPS[:reached]:
            clock += timedelta(minutes=10)
            store.record_attempt(learner, "course", "lesson", step, f"{step}-q", ["a"],
                                 True, 1.0, at=clock)
            store.complete_step(learner, "course", "lesson", step, 1.0, at=clock)
    # One learner jumps back to the first step late: the order must not follow that.
    store.record_attempt("bo", "course", "lesson", "preparation", "preparation-q", ["a"],
                         True, 1.0, at=clock + timedelta(days=1))

    (lesson,) = store.report("course").lessons
    assert [row.step for row in lesson.steps] == list(STEPS)
    assert [row.completed for row in lesson.steps] == [3, 3, 2, 1]
