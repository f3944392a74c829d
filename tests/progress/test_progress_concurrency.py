"""Many writers at once, and a writer killed mid-write, leave a sound database."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import time
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from mediation_lessons.progress import open_store

C, L = "mediation", "what-are-the-steps-of-mediation"
WRITERS = 8
PER_WRITER = 500
FORK = multiprocessing.get_context("fork")


def _write_attempts(path: str, writer: int, count: int, start: multiprocessing.synchronize.Event
                    ) -> None:
    store = open_store(path, timeout=30)
    if not store.available:
        raise SystemExit(f"unavailable: {store.problem}")
    start.wait()
    for i in range(count):
        if not store.record_attempt(f"learner-{writer}", C, L, f"step-{i % 5}", f"q{i}",
                                    {"writer": writer, "i": i}, i % 3 == 0, 0.5):
            raise SystemExit(f"attempt {i} of writer {writer} not saved: {store.last_error}")
    store.close()


@pytest.mark.slow
def test_eight_processes_writing_500_attempts_each_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    open_store(path).close()
    start = FORK.Event()
    writers = [FORK.Process(target=_write_attempts, args=(str(path), n, PER_WRITER, start))
               for n in range(WRITERS)]
    for process in writers:
        process.start()
    start.set()
    for process in writers:
        process.join(120)
    assert [p.exitcode for p in writers] == [0] * WRITERS
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM attempts").fetchone()[0] == WRITERS * PER_WRITER
        per_writer = dict(conn.execute("SELECT learner, count(DISTINCT question) FROM attempts"
                                       " GROUP BY learner").fetchall())
    assert per_writer == {f"learner-{n}": PER_WRITER for n in range(WRITERS)}
    store = open_store(path)
    assert len(store.question_states("learner-3", C, L)) == PER_WRITER
    assert len(store.due_reviews("learner-3", C)) == PER_WRITER - len(range(0, PER_WRITER, 3))


@pytest.mark.slow
def test_eight_processes_creating_the_same_new_database_at_once(tmp_path: Path) -> None:
    path = tmp_path / "new" / "progress.sqlite3"
    start = FORK.Event()
    writers = [FORK.Process(target=_open_and_write, args=(str(path), n, start))
               for n in range(WRITERS)]
    for process in writers:
        process.start()
    start.set()
    for process in writers:
        process.join(60)
    assert [p.exitcode for p in writers] == [0] * WRITERS
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM attempts").fetchone()[0] == WRITERS * 20
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _open_and_write(path: str, writer: int, start: multiprocessing.synchronize.Event) -> None:
    start.wait()
    store = open_store(path, timeout=30)
    if not store.available:
        raise SystemExit(f"unavailable: {store.problem}")
    for i in range(20):
        if not store.record_attempt(f"w{writer}", C, L, "s", f"q{i}", [], True, 1.0):
            raise SystemExit(f"not saved: {store.last_error}")


def _write_until_killed(path: str, report: Connection) -> None:
    store = open_store(path)
    i = 0
    while True:
        if store.record_attempt("victim", C, L, "step", f"q{i}", ["x" * 200, i], False, 0.0):
            report.send(i)  # sent only after the commit returned
        i += 1


@pytest.mark.slow
@pytest.mark.parametrize("committed_before_kill", [1, 150, 600])
def test_a_writer_killed_mid_write_keeps_every_committed_attempt(
    tmp_path: Path, committed_before_kill: int
) -> None:
    path = tmp_path / "progress.sqlite3"
    receive, send = FORK.Pipe(duplex=False)
    writer = FORK.Process(target=_write_until_killed, args=(str(path), send))
    writer.start()
    send.close()
    reported: list[int] = []
    deadline = time.monotonic() + 60
    while len(reported) < committed_before_kill and time.monotonic() < deadline:
        if receive.poll(1):
            reported.append(receive.recv())
    assert writer.pid is not None
    os.kill(writer.pid, signal.SIGKILL)
    writer.join(10)
    assert writer.exitcode == -signal.SIGKILL
    while receive.poll(0):
        try:
            reported.append(receive.recv())
        except EOFError:
            break
    assert len(reported) >= committed_before_kill
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in conn.execute("SELECT question FROM attempts")}
    assert {f"q{i}" for i in reported} <= stored
    store = open_store(path)
    assert store.available, store.problem
    assert store.record_attempt("after", C, L, "step", "q", [], True, 1.0)
