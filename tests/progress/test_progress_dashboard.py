"""The instructor dashboard: the library function and the shipped notebook."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from mediation_lessons.progress import open_store
from mediation_lessons.progress.dashboard import show

NOTEBOOK = Path(__file__).parent.parent.parent / "notebooks" / "instructor_dashboard.ipynb"
C, L = "mediation", "what-are-the-steps-of-mediation"


def _fill(path: Path) -> None:
    with open_store(path) as store:
        for n in range(4):
            learner = f"learner-{n}"
            store.record_attempt(learner, C, L, "opening", "q-hard", ["b"], n == 0, 0.0)
            store.record_attempt(learner, C, L, "opening", "q-easy", ["a"], True, 1.0)
            store.complete_step(learner, C, L, "opening", 0.5 + n / 8)
        store.record_attempt("x", C, L, "<script>alert(1)</script>", "<img src=x onerror=y>",
                             [], False, 0.0)


def test_charts_for_recorded_attempts_escape_every_name(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    _fill(db)
    board = show(db)
    html = board._repr_html_()
    assert "Instructor dashboard" in html and "5 learner(s), 9 attempt(s)" in html
    assert html.count("<svg") >= 4 and 'aria-label="completion: 80%"' in html
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "q-hard" in str(board)


def test_a_missing_database_gives_a_friendly_message_and_is_not_created(tmp_path: Path) -> None:
    db = tmp_path / "none" / "progress.sqlite3"
    board = show(db)
    assert str(board).startswith("No attempts recorded yet")
    assert not db.parent.exists()


def test_an_empty_or_damaged_database_gives_a_message(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    open_store(db).close()
    assert str(show(db)).startswith("No attempts recorded yet")
    db.write_bytes(b"garbage" * 100)
    assert "is damaged" in show(db)._repr_html_()


def _execute(monkeypatch: pytest.MonkeyPatch, db: Path) -> str:
    monkeypatch.setenv("MEDIATION_LESSONS_DB", str(db))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert 1 <= len(code) <= 2, "the dashboard notebook stays thin"
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [out for cell in code for out in cell.outputs]
    assert not [out for out in outputs if out.output_type == "error"]
    return "".join(out.get("data", {}).get("text/html", "") for out in outputs)


@pytest.mark.slow
def test_the_notebook_shows_charts_for_the_database_in_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "progress.sqlite3"
    _fill(db)
    html = _execute(monkeypatch, db)
    assert "Instructor dashboard" in html and "q-hard" in html and "<svg" in html


@pytest.mark.slow
def test_the_notebook_is_friendly_with_an_empty_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "progress.sqlite3"
    open_store(db).close()
    assert "No attempts recorded yet" in _execute(monkeypatch, db)


def test_lessons_and_steps_are_named_by_their_titles(tmp_path: Path) -> None:
    from mediation_lessons import SHIPPED_COURSE, load_course

    lesson = load_course(SHIPPED_COURSE).lessons[0]
    step = lesson.steps[1]
    db = tmp_path / "progress.sqlite3"
    with open_store(db) as store:
        store.record_attempt("ana", C, lesson.slug, step.slug, "q1", ["a"], True, 1.0)
        store.complete_step("ana", C, lesson.slug, step.slug, 1.0)
    html = show(db, course_path=SHIPPED_COURSE)._repr_html_()
    assert f"<td>{step.title}</td>" in html  # "Holding the Mediation Session(s)"
    assert f"<h3>{lesson.title} " in html
    # A course folder that cannot be loaded leaves the slugs in place.
    fallback = show(db, course_path=tmp_path / "no-such-course")._repr_html_()
    assert f"<td>{step.slug}</td>" in fallback
