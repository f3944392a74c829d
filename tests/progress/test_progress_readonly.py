"""Read commands open the database read-only: reports and exports work on read-only
media and leave the file exactly as it was; writes through such a store do nothing."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mediation_lessons.cli import build_parser, main
from mediation_lessons.errors import ProgressError
from mediation_lessons.progress import open_store
from mediation_lessons.progress.dashboard import show

C, L = "mediation", "steps"


def _classroom(path: Path) -> None:
    with open_store(path) as store:
        store.record_attempt("ann", C, L, "opening", "q1", ["a"], False, 0.0)
        store.record_attempt("ann", C, L, "opening", "q1", ["b"], True, 0.75)
        store.complete_step("ann", C, L, "opening", 0.75)
        store.record_attempt("bob", C, L, "opening", "q1", ["b"], True, 1.0)
        store.set_position("bob", C, L, "closing")


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


@pytest.fixture
def read_only_copy() -> Iterator[Path]:
    """A copy of a database in a folder nobody may write, like a mounted read-only disk."""
    folder = Path(tempfile.mkdtemp(prefix="progress-media-"))
    source = folder / "source"
    source.mkdir()
    _classroom(source / "progress.sqlite3")
    media = folder / "media"
    media.mkdir()
    shutil.copy(source / "progress.sqlite3", media / "progress.sqlite3")
    (media / "progress.sqlite3").chmod(0o444)
    media.chmod(0o555)
    folder.chmod(0o755)
    yield media / "progress.sqlite3"
    media.chmod(0o755)
    shutil.rmtree(folder)


def test_report_and_export_work_on_a_read_only_copy_and_change_nothing(
    read_only_copy: Path, as_nobody: Callable[[Callable[[], Any]], Any]
) -> None:
    before = _snapshot(read_only_copy.parent)

    def read() -> dict[str, Any]:
        with open_store(read_only_copy, read_only=True) as store:
            report = store.report()
            exported = store.export_learner("ann")
            saved = store.record_attempt("ann", C, L, "opening", "q2", ["x"], True, 1.0)
            return {"available": store.available, "learners": report.learners,
                    "attempts": report.attempts, "exported": len(exported["attempts"]),
                    "saved": saved, "last_error": store.last_error,
                    "states": sorted(store.question_states("ann", C, L))}

    result = as_nobody(read)
    assert result == {"available": True, "learners": 2, "attempts": 3, "exported": 2,
                      "saved": False, "states": ["q1"],
                      "last_error": "Progress was not saved: the progress database is open "
                                    "read-only."}
    assert _snapshot(read_only_copy.parent) == before


def test_the_ordinary_open_cannot_use_the_read_only_copy(
    read_only_copy: Path, as_nobody: Callable[[Callable[[], Any]], Any]
) -> None:
    def ordinary() -> tuple[bool, str | None]:
        store = open_store(read_only_copy, timeout=0.5)
        return store.available, store.problem

    available, problem = as_nobody(ordinary)
    assert not available and problem and "cannot be written" in problem


def test_the_dashboard_reads_a_read_only_copy(
    read_only_copy: Path, as_nobody: Callable[[Callable[[], Any]], Any]
) -> None:
    before = _snapshot(read_only_copy.parent)
    text = as_nobody(lambda: str(show(read_only_copy)))
    assert text.startswith("2 learner(s), 3 attempt(s), 1 lesson(s).") and "q1" in text
    assert _snapshot(read_only_copy.parent) == before


def test_the_report_command_works_on_a_read_only_copy(
    read_only_copy: Path, as_nobody: Callable[[Callable[[], Any]], Any]
) -> None:
    before = _snapshot(read_only_copy.parent)
    build_parser()  # import everything first: the interpreter's own files may be private
    code = as_nobody(lambda: main(["report", "--db", str(read_only_copy)]))
    assert code == 0
    assert _snapshot(read_only_copy.parent) == before


def test_read_only_never_creates_a_database(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "progress.sqlite3"
    store = open_store(missing, read_only=True)
    assert not store.available and store.problem and str(missing) in store.problem
    assert not (tmp_path / "nowhere").exists()


def test_read_only_refuses_imports_and_writes_in_a_writable_folder(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    _classroom(path)
    before = path.read_bytes()
    with open_store(path, read_only=True) as store:
        assert store.set_position("ann", C, L, "x") is False
        assert store.complete_step("ann", C, L, "x", 1.0) is False
        assert store.record_review("ann", C, L, "x", "q1", [], True) is None
        with pytest.raises(ProgressError, match="read-only"):
            store.import_learner(store.export_learner("ann"))
        assert store.position("bob", C, L) == "closing"
    assert path.read_bytes() == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM positions").fetchone()[0] == 1


def test_read_only_reports_other_schemas_instead_of_guessing(tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite3"
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 99")
    store = open_store(newer, read_only=True)
    assert not store.available and store.problem and "newer version" in store.problem
    older = tmp_path / "older.sqlite3"
    with sqlite3.connect(older) as conn:
        conn.execute("CREATE TABLE t (x)")
    store = open_store(older, read_only=True)
    assert not store.available and store.problem and "older layout" in store.problem
    with sqlite3.connect(older) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 0


def test_read_only_reports_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(b"not a database\n" * 50)
    store = open_store(path, read_only=True)
    assert not store.available and store.problem and "damaged" in store.problem
    assert store.learner_problem and str(tmp_path) not in store.learner_problem
