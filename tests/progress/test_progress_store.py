"""The SQLite progress store: records, resume reads, reviews, and bad databases."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import platformdirs
import pytest

from mediation_lessons.errors import ProgressError
from mediation_lessons.progress import default_db_path, open_store
from mediation_lessons.progress.schema import SCHEMA_VERSION
from mediation_lessons.progress.store import ProgressStore

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
DAY = timedelta(days=1)
C, L = "mediation", "what-are-the-steps-of-mediation"


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    opened = open_store(tmp_path / "progress.sqlite3")
    assert opened.available, opened.problem
    return opened


def test_a_new_database_is_wal_versioned_and_checks_out(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "p.sqlite3"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_default_path_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("MEDIATION_LESSONS_DB", str(path))
    with open_store() as opened:
        assert opened.path == path and opened.available
    assert path.is_file()


def test_without_the_variable_the_user_data_folder_is_used() -> None:
    expected = Path(platformdirs.user_data_dir("mediation-lessons")) / "progress.sqlite3"
    assert default_db_path({}) == expected
    assert default_db_path({"MEDIATION_LESSONS_DB": "  "}) == expected
    assert default_db_path({"MEDIATION_LESSONS_DB": "~/p.db"}) == Path.home() / "p.db"


def test_attempts_make_question_states(store: ProgressStore) -> None:
    assert store.record_attempt("ann", C, L, "opening", "q1", ["b"], False, 0.0, 1, at=T0)
    assert store.record_attempt("ann", C, L, "opening", "q1", {"pick": ["a", "c"]}, True, 0.5, 2,
                                at=T0 + timedelta(minutes=1))
    assert store.record_attempt("ann", C, L, "caucus", "q2", "free text", False, 0.0, 0,
                                settled=True, at=T0)
    store.record_attempt("bob", C, L, "opening", "q1", ["a"], True, 1.0, 0, at=T0)
    states = store.question_states("ann", C, L)
    assert set(states) == {"q1", "q2"}
    q1 = states["q1"]
    assert (q1.tries, q1.best_score, q1.last_score, q1.last_correct) == (2, 0.5, 0.5, True)
    assert q1.last_response == {"pick": ["a", "c"]}
    assert (q1.hints_used, q1.settled, q1.first_correct, q1.step) == (2, True, False, "opening")
    assert q1.last_at == T0 + timedelta(minutes=1)
    assert states["q2"].settled and not states["q2"].last_correct
    assert store.question_states("ann", C, "other-lesson") == {}


def test_positions_and_completed_steps_resume_a_lesson(store: ProgressStore) -> None:
    assert store.position("ann", C, L) is None
    store.set_position("ann", C, L, "opening", at=T0)
    store.set_position("ann", C, L, "caucus", at=T0 + DAY)
    store.set_position("ann", C, "second-lesson", "intro", at=T0 + 2 * DAY)
    assert store.position("ann", C, L) == "caucus"
    assert store.last_lesson("ann", C) == ("second-lesson", "intro")
    store.complete_step("ann", C, L, "opening", 1.0, at=T0)
    store.complete_step("ann", C, L, "caucus", 0.5, at=T0 + DAY)
    store.complete_step("ann", C, L, "caucus", 0.25, at=T0 + 2 * DAY)
    assert store.completed_steps("ann", C, L) == {"opening": 1.0, "caucus": 0.25}
    progress = store.lesson_progress("ann", C, L, total_steps=4)
    assert (progress.completed, progress.total, progress.fraction) == (2, 4, 0.5)
    assert progress.score == pytest.approx(0.625)
    assert store.lesson_progress("ann", C, L).fraction is None
    assert store.lesson_progress("bob", C, L, 4).score is None


def test_missed_questions_come_back_for_review_by_leitner_boxes(store: ProgressStore) -> None:
    store.record_attempt("ann", C, L, "opening", "q1", ["b"], False, 0.0, at=T0)
    store.record_attempt("ann", C, L, "opening", "q1", ["a"], True, 1.0, at=T0)
    store.record_attempt("ann", C, L, "caucus", "q2", ["a"], True, 1.0, at=T0)
    assert store.due_reviews("ann", C, now=T0 - timedelta(seconds=1)) == []
    (item,) = store.due_reviews("ann", C, now=T0 + timedelta(hours=2))
    assert (item.lesson, item.step, item.question, item.box, item.due) == (
        L, "opening", "q1", 1, T0)
    now = T0 + timedelta(hours=2)
    for box, wait in [(2, 1), (3, 3), (4, 7), (5, 14)]:
        moved = store.record_review("ann", C, L, "opening", "q1", ["a"], True, at=now)
        assert moved is not None and (moved.box, moved.due) == (box, now + wait * DAY)
        assert store.due_reviews("ann", C, now=now + wait * DAY - timedelta(seconds=1)) == []
        now += wait * DAY
        assert [r.box for r in store.due_reviews("ann", C, now=now)] == [box]
    assert store.record_review("ann", C, L, "opening", "q1", ["a"], True, at=now) is None
    assert store.due_reviews("ann", C, now=now + 365 * DAY) == []
    # review answers do not count as lesson tries
    assert store.question_states("ann", C, L)["q1"].tries == 2


def test_a_wrong_review_answer_resets_to_box_one(store: ProgressStore) -> None:
    store.record_attempt("ann", C, L, "opening", "q1", ["b"], False, 0.0, at=T0)
    store.record_review("ann", C, L, "opening", "q1", ["a"], True, at=T0)
    moved = store.record_review("ann", C, L, "opening", "q1", ["b"], False, at=T0 + DAY)
    assert moved is not None and (moved.box, moved.due) == (1, T0 + DAY)
    assert store.due_reviews("bob", C, now=T0 + 99 * DAY) == []


@pytest.mark.parametrize("name", [
    "'; DROP TABLE attempts; --", "../../etc/passwd", "Robert'); DELETE FROM positions;--",
    "/tmp/evil", "..\\..\\win.ini", "%s %d {0}",
])
def test_injection_names_are_stored_verbatim_and_create_no_files(
    tmp_path: Path, name: str
) -> None:
    db = tmp_path / "p.sqlite3"
    store = open_store(db)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    assert store.record_attempt(name, C, L, "opening", "q1", [name], False, 0.0)
    assert store.set_position(name, C, L, "opening")
    assert store.complete_step(name, C, L, "opening", 1.0)
    assert store.learners() == [name]
    assert store.question_states(name, C, L)["q1"].last_response == [name]
    assert store.position(name, C, L) == "opening"
    assert store.export_learner(name)["learner"] == name
    store.close()
    after = sorted(p.name for p in tmp_path.rglob("*"))
    assert set(after) <= set(before) and "p.sqlite3" in after
    assert not Path("/etc/passwd.sqlite3").exists()
    with sqlite3.connect(db) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        assert {"attempts", "positions", "completions", "reviews"} <= tables
        assert conn.execute("SELECT learner FROM attempts").fetchall() == [(name,)]


def _assert_unavailable(store: ProgressStore, *words: str) -> None:
    assert not store.available
    assert store.problem and store.problem.startswith("Progress is not being saved")
    for word in words:
        assert word in store.problem
    assert store.record_attempt("ann", C, L, "s", "q", [], True, 1.0) is False
    assert store.set_position("ann", C, L, "s") is False
    assert store.complete_step("ann", C, L, "s", 1.0) is False
    assert store.record_review("ann", C, L, "s", "q", [], True) is None
    assert store.position("ann", C, L) is None
    assert store.question_states("ann", C, L) == {}
    assert store.completed_steps("ann", C, L) == {}
    assert store.due_reviews("ann", C) == []
    with pytest.raises(ProgressError, match="Progress is not being saved"):
        store.export_learner("ann")


@pytest.mark.parametrize("content", [
    b"this is not a database at all\n" * 10, b"\x00" * 4096, b"SQLite format 2\x00" + b"x" * 200,
])
def test_a_file_that_is_not_a_database_is_reported_and_kept(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(content)
    store = open_store(path)
    _assert_unavailable(store, str(path), "damaged", "instructor")
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.sqlite3"]


def test_a_database_with_damaged_pages_is_reported_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    with open_store(path) as store:
        for i in range(400):
            store.record_attempt(f"learner{i}", C, L, "step", f"q{i}", ["x" * 100], True, 1.0)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 8 * page
    data[5 * page: 7 * page] = b"\xa5" * (2 * page)
    path.write_bytes(bytes(data))
    store = open_store(path)
    _assert_unavailable(store, "damaged")
    assert path.read_bytes() == bytes(data)


def test_a_location_that_cannot_be_created_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    _assert_unavailable(open_store(blocker / "progress.sqlite3"), "cannot be written")
    _assert_unavailable(open_store(tmp_path), "cannot be written", "folder")


def _open_without_privileges(path: Path, as_nobody: Callable[[Callable[[], Any]], Any]
                             ) -> tuple[bool, str | None, bool]:
    """(available, problem, attempt saved) for a store opened by a user who cannot
    write ``path`` (as root: a child that drops to nobody)."""

    def job() -> tuple[bool, str | None, bool]:
        store = open_store(path, timeout=0.5)
        saved = store.record_attempt("a", C, L, "s", "q", 1, True, 1.0)
        return store.available, store.problem, saved

    available, problem, saved = as_nobody(job)
    return available, problem, saved


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder other users can enter but not write (pytest's own is private to us)."""
    folder = Path(tempfile.mkdtemp(prefix="progress-ro-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def test_a_read_only_folder_is_reported(
    shared_dir: Path, as_nobody: Callable[[Callable[[], Any]], Any]
) -> None:
    folder = shared_dir / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    available, problem, saved = _open_without_privileges(folder / "progress.sqlite3", as_nobody)
    assert (available, saved) == (False, False)
    assert problem and "cannot be written" in problem and "progress.sqlite3" in problem
    assert list(folder.iterdir()) == []


def test_a_read_only_database_file_is_reported(
    shared_dir: Path, as_nobody: Callable[[Callable[[], Any]], Any]
) -> None:
    path = shared_dir / "progress.sqlite3"
    with open_store(path) as store:
        store.record_attempt("ann", C, L, "s", "q", [1], True, 1.0)
    path.chmod(0o444)
    before = path.read_bytes()
    available, problem, saved = _open_without_privileges(path, as_nobody)
    assert (available, saved) == (False, False)
    assert problem and "cannot be written" in problem
    assert path.read_bytes() == before


def test_a_locked_database_is_reported_without_waiting_forever(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    open_store(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO meta (key, value) VALUES ('holder', 'x')")
    try:
        _assert_unavailable(open_store(path, timeout=0.2), "locked")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert open_store(path).available


def test_a_write_that_stays_busy_is_not_saved_but_the_store_recovers(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    store = open_store(path, timeout=0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    assert store.record_attempt("ann", C, L, "s", "q1", [], True, 1.0) is False
    assert store.available and store.last_error and "busy" in store.last_error
    holder.execute("ROLLBACK")
    holder.close()
    assert store.record_attempt("ann", C, L, "s", "q2", [], True, 1.0) is True
    assert store.last_error is None
    assert set(store.question_states("ann", C, L)) == {"q2"}


def test_a_database_from_a_newer_version_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE future (x)")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    before = path.read_bytes()
    _assert_unavailable(open_store(path), "newer version", "Upgrade")
    assert path.read_bytes() == before


def test_an_empty_sqlite_file_at_version_zero_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    path.touch()
    store = open_store(path)
    assert store.available
    assert store.record_attempt("ann", C, L, "s", "q", [1], True, 1.0)
    assert store.attempt_count() == 1


def test_reopening_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    with open_store(path) as store:
        store.record_attempt("ann", C, L, "s", "q", [1], True, 1.0)
        store.set_position("ann", C, L, "s")
    with open_store(path) as store:
        assert store.attempt_count() == 1 and store.position("ann", C, L) == "s"


@pytest.mark.parametrize("kwargs, message", [
    ({"score": 1.5}, "between 0 and 1"),
    ({"score": float("nan")}, "between 0 and 1"),
    ({"score": True}, "between 0 and 1"),
    ({"correct": "yes"}, "True or False"),
    ({"hints_used": -1}, "hints_used"),
    ({"learner": ""}, "learner"),
    ({"response": {1, 2}}, "not JSON data"),
    ({"response": float("inf")}, "not JSON data"),
])
def test_wrong_arguments_raise_progress_error_and_save_nothing(
    store: ProgressStore, kwargs: dict[str, object], message: str
) -> None:
    call: dict[str, object] = {
        "learner": "ann", "course": C, "lesson": L, "step": "s", "question": "q",
        "response": [], "correct": True, "score": 1.0, "hints_used": 0,
    }
    call.update(kwargs)
    with pytest.raises(ProgressError, match=message):
        store.record_attempt(**call)  # type: ignore[arg-type]
    assert store.attempt_count() == 0


def test_closed_store_does_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path / "p.sqlite3")
    store.close()
    _assert_unavailable(store, "closed")


def test_threads_sharing_one_store_lose_nothing(store: ProgressStore) -> None:
    def work(n: int) -> None:
        for i in range(100):
            assert store.record_attempt(f"t{n}", C, L, "s", f"q{i}", [n, i], i % 2 == 0, 0.5)
            store.question_states(f"t{n}", C, L)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.attempt_count() == 400
    assert len(store.question_states("t2", C, L)) == 100
