"""The instructor report: per lesson and step, learners, completion, mean score,
and the hardest questions by first-try correctness.

Definitions (computed from the database alone):

* a learner *started* a lesson if they answered, completed or stood on any of its
  steps; a lesson's ``learners`` counts them;
* a step's ``completion`` is the share of the lesson's learners who completed it,
  and its ``mean_score`` the mean of their latest completion scores;
* a lesson's steps are the steps anyone reached (the store does not read articles);
* a question's ``first_try_correct`` is the share of learners whose *first*
  lesson attempt at it was right; the lowest come first among ``hardest``.
"""

from __future__ import annotations

import csv
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

HARDEST_PER_LESSON = 5
BAR_THRESHOLD = 200
"""Rows from which the CLI shows a progress bar (and only when stderr is a terminal)."""

CSV_COLUMNS = (
    "kind", "course", "lesson", "step", "question", "learners", "completed",
    "completion", "mean_score", "first_try_correct", "attempts",
)


@dataclass(frozen=True)
class StepRow:
    """One step of a lesson in the report."""

    course: str
    lesson: str
    step: str
    learners: int
    completed: int
    completion: float
    mean_score: float | None


@dataclass(frozen=True)
class QuestionRow:
    """One question, by how often learners got it right the first time."""

    course: str
    lesson: str
    step: str
    question: str
    learners: int
    first_try_correct: float
    attempts: int


@dataclass(frozen=True)
class LessonRow:
    """One lesson: its learners, its steps, and its hardest questions."""

    course: str
    lesson: str
    learners: int
    completion: float
    """Completed (learner, step) pairs over learners × steps."""
    steps: tuple[StepRow, ...]
    hardest: tuple[QuestionRow, ...]


@dataclass(frozen=True)
class Report:
    """The whole report, lessons sorted by course then lesson."""

    course: str | None
    learners: int
    attempts: int
    lessons: tuple[LessonRow, ...]

    @property
    def empty(self) -> bool:
        """True when nothing has been recorded (for the selected course)."""
        return not self.lessons

    def rows(self) -> list[dict[str, Any]]:
        """Flat rows for CSV: one per step (kind ``step``) and per hard question."""
        rows: list[dict[str, Any]] = []
        for lesson in self.lessons:
            for step in lesson.steps:
                rows.append({
                    "kind": "step", "course": step.course, "lesson": step.lesson,
                    "step": step.step, "question": "", "learners": step.learners,
                    "completed": step.completed, "completion": round(step.completion, 4),
                    "mean_score": "" if step.mean_score is None else round(step.mean_score, 4),
                    "first_try_correct": "", "attempts": "",
                })
            for question in lesson.hardest:
                rows.append({
                    "kind": "question", "course": question.course, "lesson": question.lesson,
                    "step": question.step, "question": question.question,
                    "learners": question.learners, "completed": "", "completion": "",
                    "mean_score": "", "first_try_correct": round(question.first_try_correct, 4),
                    "attempts": question.attempts,
                })
        return rows


def build_report(conn: sqlite3.Connection, course: str | None = None) -> Report:
    """Compute the report from an open progress database."""
    where, params = ("WHERE course = ?", (course,)) if course is not None else ("", ())
    started: dict[tuple[str, str], set[str]] = defaultdict(set)
    steps: dict[tuple[str, str], set[str]] = defaultdict(set)
    for table in ("attempts", "completions", "positions"):
        for c, le, step, learner in conn.execute(
            f"SELECT DISTINCT course, lesson, step, learner FROM {table} {where}", params
        ):
            started[(c, le)].add(learner)
            steps[(c, le)].add(step)
    done: dict[tuple[str, str, str], tuple[int, float | None]] = {
        (c, le, s): (int(n), float(mean))
        for c, le, s, n, mean in conn.execute(
            f"SELECT course, lesson, step, count(*), avg(score) FROM completions {where}"
            " GROUP BY course, lesson, step", params)
    }
    questions: dict[tuple[str, str], list[QuestionRow]] = defaultdict(list)
    totals = {
        (c, le, q): int(n)
        for c, le, q, n in conn.execute(
            "SELECT course, lesson, question, count(*) FROM attempts WHERE context = 'lesson'"
            f"{' AND course = ?' if course is not None else ''} GROUP BY course, lesson, question",
            params)
    }
    for c, le, s, q, n, right in conn.execute(
        "SELECT a.course, a.lesson, a.step, a.question, count(*), sum(a.correct)"
        " FROM attempts a JOIN (SELECT min(id) AS id FROM attempts WHERE context = 'lesson'"
        f"{' AND course = ?' if course is not None else ''}"
        " GROUP BY learner, course, lesson, question) f ON a.id = f.id"
        " GROUP BY a.course, a.lesson, a.question", params
    ):
        questions[(c, le)].append(
            QuestionRow(c, le, s, q, int(n), int(right) / int(n), totals.get((c, le, q), 0)))
    order = _step_order(conn, where, params)
    lessons = []
    for key in sorted(started):
        c, le = key
        learners = len(started[key])
        step_rows = []
        for step in sorted(steps[key], key=lambda name: (order.get((c, le, name), 0.0), name)):
            count, mean = done.get((c, le, step), (0, None))
            step_rows.append(StepRow(c, le, step, learners, count, count / learners, mean))
        hardest = sorted(questions[key], key=lambda r: (r.first_try_correct, -r.attempts,
                                                         r.question))
        total_pairs = learners * len(step_rows)
        completion = sum(r.completed for r in step_rows) / total_pairs if total_pairs else 0.0
        lessons.append(LessonRow(c, le, learners, completion, tuple(step_rows),
                                 tuple(hardest[:HARDEST_PER_LESSON])))
    everyone = {name for names in started.values() for name in names}
    attempts = int(conn.execute(f"SELECT count(*) FROM attempts {where}", params).fetchone()[0])
    return Report(course, len(everyone), attempts, tuple(lessons))


def _step_order(conn: sqlite3.Connection, where: str,
                params: tuple[str, ...]) -> dict[tuple[str, str, str], float]:
    """Each step's mean rank in the order learners first reached it.

    The store does not know the article, but learners walk its steps in order,
    so this puts steps in article order for the report (ties: by name).
    """
    first: dict[tuple[str, str, str, str], float] = {}
    for table in ("attempts", "completions", "positions"):
        for learner, c, le, step, at in conn.execute(
            f"SELECT learner, course, lesson, step, min(at) FROM {table} {where}"
            " GROUP BY learner, course, lesson, step", params
        ):
            key = (learner, c, le, step)
            first[key] = min(at, first.get(key, at))
    per_learner: dict[tuple[str, str, str], list[tuple[float, str]]] = defaultdict(list)
    for (learner, c, le, step), at in first.items():
        per_learner[(learner, c, le)].append((at, step))
    ranks: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for (_learner, c, le), visits in per_learner.items():
        for rank, (_at, step) in enumerate(sorted(visits)):
            ranks[(c, le, step)].append(rank)
    return {key: sum(values) / len(values) for key, values in ranks.items()}


# -- output ---------------------------------------------------------------------


def cell(value: object, width: int = 40) -> str:
    """``value`` as one terminal-safe table cell: control characters shown as ``�``,
    long text cut with ``…``."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.0%}" if 0 <= value <= 1 else f"{value:.2f}"
    text = "".join("\ufffd" if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch
                   for ch in str(value))
    return text if len(text) <= width else text[: width - 1] + "…"


def table(headers: tuple[str, ...], rows: Sequence[tuple[object, ...]]) -> str:
    """An aligned plain-text table; numbers right-aligned."""
    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    numeric = [bool(rows) and all(isinstance(row[i], int | float) or row[i] is None
                                  for row in rows)
               for i in range(len(headers))]

    def line(values: list[str]) -> str:
        parts = [v.rjust(w) if num else v.ljust(w)
                 for v, w, num in zip(values, widths, numeric, strict=True)]
        return "  ".join(parts).rstrip()

    out = [line(list(headers)), line(["-" * w for w in widths])]
    out.extend(line(r) for r in cells)
    return "\n".join(out)


def format_text(report: Report) -> str:
    """The report as aligned text tables (steps, then hardest questions)."""
    if report.empty:
        scope = f" for course {report.course!r}" if report.course else ""
        return f"No attempts recorded yet{scope}."
    step_rows = [(s.course, s.lesson, s.step, s.learners, s.completed, s.completion, s.mean_score)
                 for lesson in report.lessons for s in lesson.steps]
    question_rows = [(q.course, q.lesson, q.question, q.step, q.learners, q.first_try_correct,
                      q.attempts)
                     for lesson in report.lessons for q in lesson.hardest]
    parts = [
        f"{report.learners} learner(s), {report.attempts} attempt(s), "
        f"{len(report.lessons)} lesson(s).",
        "",
        table(("Course", "Lesson", "Step", "Learners", "Completed", "Completion", "Mean score"),
              step_rows),
    ]
    if question_rows:
        parts += ["", "Hardest questions (lowest first-try correctness first):", "",
                  table(("Course", "Lesson", "Question", "Step", "Learners", "First try right",
                         "Attempts"), question_rows)]
    return "\n".join(parts)


def write_csv(rows: Iterable[dict[str, Any]], handle: IO[str]) -> None:
    """Write report rows (see :meth:`Report.rows`) as CSV with a header line."""
    writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)


def wants_bar(rows: int, stream: IO[str]) -> bool:
    """Show a progress bar only for long reports (≥ BAR_THRESHOLD rows) on a terminal."""
    isatty = getattr(stream, "isatty", None)
    return rows >= BAR_THRESHOLD and bool(isatty and isatty())
