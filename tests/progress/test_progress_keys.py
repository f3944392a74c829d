"""One course key for app and report, problems without server paths for learners,
and question states that know the latest round of tries."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from mediation_lessons.cli import main
from mediation_lessons.model import Course
from mediation_lessons.progress import course_key, open_store

L = "steps"


def test_a_course_is_known_by_its_folder_name_however_it_is_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "courses" / "mediation"
    folder.mkdir(parents=True)
    link = tmp_path / "linked"
    link.symlink_to(folder)
    monkeypatch.chdir(folder)
    spellings = [folder, str(folder) + os.sep, ".", "../mediation", folder / "x" / "..", link,
                 "mediation", Course(folder, "Mediation basics", ())]
    assert {course_key(spelling) for spelling in spellings} == {"mediation"}
    assert course_key(Course(Path("/"), "Root course", ())) == "Root course"
    assert course_key("/") == "course"


def test_report_finds_a_course_by_its_folder(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "mediation"
    folder.mkdir()
    db = tmp_path / "p.sqlite3"
    with open_store(db) as store:
        store.record_attempt("ann", course_key(folder), L, "s", "q", [], True, 1.0)
        store.record_attempt("bob", "other", L, "s", "q", [], True, 1.0)
        by_folder, by_key = store.report(folder), store.report("mediation")
    assert by_folder == by_key and by_folder.course == "mediation" and by_folder.learners == 1
    assert main(["report", "--db", str(db), "--course", str(folder) + "/"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 learner(s), 1 attempt(s)") and "other" not in out


def _unusable(tmp_path: Path) -> list[tuple[Path, object]]:
    """Stores that cannot be used, for several reasons, with the path each one names."""
    not_db = tmp_path / "garbage" / "progress.sqlite3"
    not_db.parent.mkdir()
    not_db.write_bytes(b"hello" * 100)
    newer = tmp_path / "newer" / "progress.sqlite3"
    newer.parent.mkdir()
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 42")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    return [(not_db, open_store(not_db)), (newer, open_store(newer)),
            (blocker / "p.sqlite3", open_store(blocker / "p.sqlite3")),
            (folder, open_store(folder))]


def test_the_learner_sees_why_without_the_server_path(tmp_path: Path) -> None:
    for path, store in _unusable(tmp_path):
        assert not store.available
        assert store.problem and str(path) in store.problem
        learner = store.learner_problem
        assert learner and learner.startswith("Progress is not being saved:")
        assert str(tmp_path) not in learner and "/" not in learner
        assert learner == store.problem.replace(f" at {path}", "")


def test_a_store_that_fails_later_also_hides_the_path(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    store = open_store(path)
    assert store.learner_problem is None
    store._fail(sqlite3.DatabaseError("database disk image is malformed"))
    assert store.problem and str(path) in store.problem
    assert store.learner_problem and str(tmp_path) not in store.learner_problem
    assert "damaged" in store.learner_problem


def test_question_states_keep_the_latest_round_of_tries(tmp_path: Path) -> None:
    with open_store(tmp_path / "p.sqlite3") as store:
        args = ("ann", "c", L, "s", "q")
        store.record_attempt(*args, "a", False, 0.0, 1)
        store.record_attempt(*args, "b", False, 0.0, 2, settled=True)
        state = store.question_states("ann", "c", L)["q"]
        assert (state.responses, state.round_hints) == (("a", "b"), 2)
        # "Retry missed questions": a try after a settled one starts a new round.
        store.record_attempt(*args, "c", False, 0.0, 0)
        store.record_attempt(*args, "d", False, 0.0, 1)
        state = store.question_states("ann", "c", L)["q"]
        assert (state.responses, state.round_hints, state.tries) == (("c", "d"), 1, 4)
        assert state.hints_used == 2 and state.last_response == "d"
