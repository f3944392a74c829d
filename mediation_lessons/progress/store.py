"""The SQLite progress store: attempts, step completions, positions and the review deck.

Open it with :func:`open_store`; it never raises to the learner. When the
database cannot be used (damaged, not a database, unwritable, locked, written
by a newer version) the store comes back with ``available`` False and
``problem`` set to a sentence the app shows; its writes then do nothing and
return False, and its reads return empty results. A damaged file is never
deleted or overwritten. ``problem`` names the file's full path, for the
instructor and the logs; ``learner_problem`` says the same without any server
path, for the learner's screen.

Read commands (reports, exports) open the file with ``read_only=True``: an
SQLite ``mode=ro`` connection that writes nothing, so they work on read-only
media and never change the file they read.

Every write is one short ``BEGIN IMMEDIATE`` transaction in WAL mode with a
busy timeout, so many kernels can share one database file. Learner names and
all other values are bound as SQL parameters, never spliced into SQL or paths.

Instructor operations (:meth:`ProgressStore.export_learner`,
:meth:`~ProgressStore.import_learner`, :meth:`~ProgressStore.report`) raise
:class:`~mediation_lessons.errors.ProgressError` instead, since silently
doing nothing there would lose data.
"""

from __future__ import annotations

import logging
import math
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from ..errors import ProgressError
from . import schedule
from .keys import course_key
from .paths import ENV_VAR, default_db_path
from .records import (
    LessonProgress,
    QuestionState,
    ReviewItem,
    from_epoch,
    to_epoch,
    utc_now,
)
from .reporting import Report, build_report
from .rows import ATTEMPT_COLUMNS, INSERT_ATTEMPT, decode_response, encode_response
from .schema import SCHEMA_VERSION, NewerSchema, migrate
from .transfer import export_rows, import_rows, validate_export

T = TypeVar("T")

log = logging.getLogger(__name__)
"""Problems with full paths go here, for the server's log (silent until logging is set up)."""
log.addHandler(logging.NullHandler())

SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_TIMEOUT = 10.0
"""Seconds a write waits for another process's lock before giving up."""


class ProgressStore:
    """Progress of every learner in one SQLite file. Use :func:`open_store`.

    Writes return True when saved. When one returns False, show the learner
    ``problem`` (the store stopped saving: damaged, unwritable, full disk) or,
    while ``available`` is still True, ``last_error`` (the database was busy
    for longer than the timeout; the next write tries again). Safe to share
    between threads of one process; each process opens its own store.
    """

    def __init__(
        self, path: Path, conn: sqlite3.Connection | None, problem: str | None = None,
        learner_problem: str | None = None, *, read_only: bool = False,
    ) -> None:
        self.path = path
        self._conn = conn
        self._lock = threading.RLock()
        self.problem: str | None = problem
        """Why progress is not being saved, as a sentence naming the database's full
        path (for the instructor, the command line and logs); None while all is well."""
        self._learner_problem = learner_problem
        self.read_only = read_only
        """True when opened for reading only: every write does nothing and returns False."""
        self.last_error: str | None = None
        """The last write or read that failed while the store stayed available (a
        sentence without server paths)."""

    # -- state -------------------------------------------------------------

    @property
    def available(self) -> bool:
        """True when the database can be used (read and, unless ``read_only``, written)."""
        return self._conn is not None

    @property
    def learner_problem(self) -> str | None:
        """``problem`` for the learner's screen: the same sentence without server paths."""
        if self.problem is None:
            return None
        return self._learner_problem or (
            "Progress is not being saved: the progress database cannot be used. "
            "Ask your instructor to check the server's log."
        )

    def close(self) -> None:
        """Close the database connection; later writes do nothing."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
                if self.problem is None:
                    self.problem = "Progress is not being saved: the progress store was closed."
                    self._learner_problem = self.problem

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "available" if self.available else f"unavailable: {self.problem}"
        return f"<ProgressStore {str(self.path)!r} {state}>"

    # -- plumbing ----------------------------------------------------------

    def _fail(self, error: sqlite3.Error) -> None:
        """Stop saving after a fatal database error, keeping the file as it is."""
        self.problem = describe_problem(self.path, error)
        self._learner_problem = describe_problem(None, error)
        log.warning("%s", self.problem)
        if self._conn is not None:
            with suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None

    def _write(self, action: Callable[[sqlite3.Connection], T]) -> tuple[bool, T | None]:
        """Run ``action`` in one immediate transaction; (saved?, result)."""
        with self._lock:
            conn = self._conn
            if conn is None:
                return False, None
            if self.read_only:
                self.last_error = "Progress was not saved: the progress database is open read-only."
                return False, None
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    result = action(conn)
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        with suppress(sqlite3.Error):
                            conn.execute("ROLLBACK")
                    raise
            except sqlite3.OperationalError as error:
                if _is_busy(error):
                    self.last_error = (
                        "Progress was not saved: the progress database was busy for too "
                        "long. Your next answer will be saved if it frees up."
                    )
                    return False, None
                self._fail(error)
                return False, None
            except sqlite3.DatabaseError as error:
                self._fail(error)
                return False, None
            self.last_error = None
            return True, result

    def _read(self, action: Callable[[sqlite3.Connection], T], empty: T) -> T:
        """Run a read; ``empty`` when the store is unavailable or the read fails."""
        with self._lock:
            conn = self._conn
            if conn is None:
                return empty
            try:
                return action(conn)
            except sqlite3.OperationalError as error:
                if not _is_busy(error):
                    self._fail(error)
                else:
                    self.last_error = f"Progress could not be read: {error}."
                return empty
            except sqlite3.DatabaseError as error:
                self._fail(error)
                return empty

    @contextmanager
    def _instructor_connection(self) -> Iterator[sqlite3.Connection]:
        """The connection for instructor operations; ProgressError when unavailable."""
        with self._lock:
            if self._conn is None:
                raise ProgressError(self.problem or f"The progress database {self.path} is closed.")
            conn = self._conn
            try:
                yield conn
            except BaseException as error:
                if conn.in_transaction:
                    with suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                if isinstance(error, sqlite3.Error):
                    raise ProgressError(describe_problem(self.path, error)) from error
                raise

    # -- writes ------------------------------------------------------------

    def record_attempt(
        self,
        learner: str,
        course: str,
        lesson: str,
        step: str,
        question: str,
        response: Any,
        correct: bool,
        score: float,
        hints_used: int = 0,
        *,
        settled: bool | None = None,
        at: datetime | None = None,
    ) -> bool:
        """Record one answer to a question in a lesson; True when it was saved.

        ``response`` must be JSON data (lists, dicts, strings, numbers, bools,
        None). ``settled`` says whether the question is finished for the
        learner (right, or out of tries); it defaults to ``correct``. A wrong
        answer also puts the question in the learner's review deck (box 1).
        Raises :class:`ProgressError` only for arguments of the wrong kind
        (a programming error), never for database trouble.
        """
        row = _attempt_row(
            learner, course, lesson, step, question, response, correct, score, hints_used,
            "lesson", correct if settled is None else settled, at,
        )

        def action(conn: sqlite3.Connection) -> None:
            _insert_attempt(conn, row)
            if not correct:
                slot = schedule.missed(from_epoch(row["at"]))
                _put_slot(conn, learner, course, lesson, step, question, slot, row["at"])

        return self._write(action)[0]

    def set_position(
        self, learner: str, course: str, lesson: str, step: str, *, at: datetime | None = None
    ) -> bool:
        """Remember the step the learner is on in a lesson; True when saved."""
        moment = to_epoch(at or utc_now())
        _check_text(learner=learner, course=course, lesson=lesson, step=step)

        def action(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO positions (learner, course, lesson, step, at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (learner, course, lesson) DO UPDATE SET step = excluded.step,"
                " at = excluded.at",
                (learner, course, lesson, step, moment),
            )

        return self._write(action)[0]

    def complete_step(
        self,
        learner: str,
        course: str,
        lesson: str,
        step: str,
        score: float,
        *,
        at: datetime | None = None,
    ) -> bool:
        """Mark a step complete with its score in [0, 1]; keeps the best score too."""
        _check_text(learner=learner, course=course, lesson=lesson, step=step)
        value = _check_score(score)
        moment = to_epoch(at or utc_now())

        def action(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO completions (learner, course, lesson, step, score, best_score, at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (learner, course, lesson, step)"
                " DO UPDATE SET score = excluded.score,"
                " best_score = max(best_score, excluded.score), at = excluded.at",
                (learner, course, lesson, step, value, value, moment),
            )

        return self._write(action)[0]

    def record_review(
        self,
        learner: str,
        course: str,
        lesson: str,
        step: str,
        question: str,
        response: Any,
        correct: bool,
        score: float | None = None,
        hints_used: int = 0,
        *,
        at: datetime | None = None,
    ) -> ReviewItem | None:
        """Record an answer given in the review module and reschedule the question.

        Returns the question's new place in the deck, or None when it left
        review (answered right in the last box) or nothing was saved.
        """
        row = _attempt_row(
            learner, course, lesson, step, question, response, correct,
            (1.0 if correct else 0.0) if score is None else score, hints_used,
            "review", True, at,
        )

        def action(conn: sqlite3.Connection) -> ReviewItem | None:
            _insert_attempt(conn, row)
            found = conn.execute(
                "SELECT box, due FROM reviews WHERE learner = ? AND course = ? AND lesson = ?"
                " AND question = ?",
                (learner, course, lesson, question),
            ).fetchone()
            current = (
                schedule.Slot(found[0], None if found[1] is None else from_epoch(found[1]))
                if found
                else schedule.Slot(None, None)
            )
            slot = schedule.answered(current, correct, from_epoch(row["at"]))
            _put_slot(conn, learner, course, lesson, step, question, slot, row["at"])
            if slot.box is None or slot.due is None:
                return None
            return ReviewItem(course, lesson, step, question, slot.box, slot.due)

        return self._write(action)[1]

    # -- reads -------------------------------------------------------------

    def position(self, learner: str, course: str, lesson: str) -> str | None:
        """The step the learner was last on in a lesson, or None."""

        def action(conn: sqlite3.Connection) -> str | None:
            row = conn.execute(
                "SELECT step FROM positions WHERE learner = ? AND course = ? AND lesson = ?",
                (learner, course, lesson),
            ).fetchone()
            return None if row is None else str(row[0])

        return self._read(action, None)

    def last_lesson(self, learner: str, course: str) -> tuple[str, str] | None:
        """(lesson, step) the learner was last on in a course, or None."""

        def action(conn: sqlite3.Connection) -> tuple[str, str] | None:
            row = conn.execute(
                "SELECT lesson, step FROM positions WHERE learner = ? AND course = ?"
                " ORDER BY at DESC, rowid DESC LIMIT 1",
                (learner, course),
            ).fetchone()
            return None if row is None else (str(row[0]), str(row[1]))

        return self._read(action, None)

    def completed_steps(self, learner: str, course: str, lesson: str) -> dict[str, float]:
        """Completed steps of a lesson mapped to their latest score, oldest first."""

        def action(conn: sqlite3.Connection) -> dict[str, float]:
            rows = conn.execute(
                "SELECT step, score FROM completions WHERE learner = ? AND course = ?"
                " AND lesson = ? ORDER BY at, step",
                (learner, course, lesson),
            )
            return {str(step): float(score) for step, score in rows}

        return self._read(action, {})

    def lesson_progress(
        self, learner: str, course: str, lesson: str, total_steps: int | None = None
    ) -> LessonProgress:
        """Steps complete and mean score in a lesson; pass the lesson's step count as
        ``total_steps`` to get ``fraction``."""
        done = self.completed_steps(learner, course, lesson)
        score = sum(done.values()) / len(done) if done else None
        fraction = None
        if total_steps is not None:
            fraction = 1.0 if total_steps <= 0 else min(1.0, len(done) / total_steps)
        return LessonProgress(len(done), total_steps, fraction, score)

    def question_states(self, learner: str, course: str, lesson: str) -> dict[str, QuestionState]:
        """Each question of a lesson the learner answered, by question id (lesson
        attempts only; review answers do not change them)."""

        def action(conn: sqlite3.Connection) -> dict[str, QuestionState]:
            rows = conn.execute(
                "SELECT question, step, response, correct, score, hints_used, settled, at"
                " FROM attempts WHERE learner = ? AND course = ? AND lesson = ?"
                " AND context = 'lesson' ORDER BY id",
                (learner, course, lesson),
            )
            states: dict[str, QuestionState] = {}
            rounds_settled: dict[str, bool] = {}
            for question, step, response, correct, score, hints, settled, at in rows:
                before = states.get(question)
                decoded = decode_response(response)
                fresh = before is None or bool(rounds_settled.get(question))
                rounds_settled[question] = bool(settled)
                states[question] = QuestionState(
                    question=question,
                    step=step,
                    tries=1 if before is None else before.tries + 1,
                    best_score=score if before is None else max(before.best_score, score),
                    last_score=float(score),
                    last_response=decoded,
                    last_correct=bool(correct),
                    hints_used=hints if before is None else max(before.hints_used, hints),
                    settled=bool(settled) or (before is not None and before.settled),
                    first_correct=bool(correct) if before is None else before.first_correct,
                    last_at=from_epoch(at),
                    responses=(decoded,) if fresh or before is None else (
                        *before.responses, decoded),
                    round_hints=hints if fresh or before is None else max(
                        before.round_hints, hints),
                )
            return states

        return self._read(action, {})

    def due_reviews(
        self, learner: str, course: str, now: datetime | None = None
    ) -> list[ReviewItem]:
        """Questions in the learner's review deck that are due at ``now``, soonest first.

        Call it once when a session starts: questions missed during the
        session then come back in a later one (see :mod:`.schedule`).
        """
        moment = to_epoch(now or utc_now())

        def action(conn: sqlite3.Connection) -> list[ReviewItem]:
            rows = conn.execute(
                "SELECT lesson, step, question, box, due FROM reviews WHERE learner = ?"
                " AND course = ? AND box IS NOT NULL AND due <= ? ORDER BY due, lesson, question",
                (learner, course, moment),
            )
            return [
                ReviewItem(course, lesson, step, question, int(box), from_epoch(due))
                for lesson, step, question, box, due in rows
            ]

        return self._read(action, [])

    def learners(self) -> list[str]:
        """Every learner with recorded progress, sorted."""

        def action(conn: sqlite3.Connection) -> list[str]:
            rows = conn.execute(
                "SELECT learner FROM attempts UNION SELECT learner FROM completions"
                " UNION SELECT learner FROM positions ORDER BY 1"
            )
            return [str(row[0]) for row in rows]

        return self._read(action, [])

    def attempt_count(self) -> int:
        """Number of attempts recorded for all learners."""
        return self._read(lambda conn: int(conn.execute(
            "SELECT count(*) FROM attempts").fetchone()[0]), 0)

    # -- instructor operations ----------------------------------------------

    def export_learner(self, learner: str) -> dict[str, Any]:
        """Everything recorded for ``learner`` as versioned JSON data."""
        with self._instructor_connection() as conn:
            return export_rows(conn, learner)

    def import_learner(self, data: Any) -> int:
        """Merge an export into this store; returns the number of new attempts.

        Importing the same data twice adds nothing the second time. Bad data
        raises :class:`ProgressError` naming the field and nothing is written.
        """
        clean = validate_export(data)
        if self.read_only:
            raise ProgressError(
                f"The progress database {self.path} is open read-only, so nothing can be "
                "imported. Open it without read_only."
            )
        with self._instructor_connection() as conn:
            conn.execute("BEGIN IMMEDIATE")
            added = import_rows(conn, clean)
            conn.execute("COMMIT")
            return added

    def report(self, course: str | os.PathLike[str] | None = None) -> Report:
        """The instructor report (a :class:`~.reporting.Report`), optionally for one course:
        its key or its folder, named as the app names it (see :func:`~.keys.course_key`)."""
        key = None if course is None else course_key(course)
        with self._instructor_connection() as conn:
            return build_report(conn, key)


# -- opening ---------------------------------------------------------------


def open_store(
    path: str | Path | None = None, *, timeout: float = DEFAULT_TIMEOUT, read_only: bool = False
) -> ProgressStore:
    """Open (creating if needed) the progress database; never raises.

    ``path`` defaults to :func:`~.paths.default_db_path`. ``timeout`` is how
    many seconds a write waits for other processes. If the database cannot be
    used the store's ``available`` is False and ``problem`` says why.

    With ``read_only`` the file must exist; it is opened with SQLite's
    ``mode=ro`` and nothing is written (no migration, no "last opened" time),
    so reports and exports work on read-only media.
    """
    target = Path(path).expanduser() if path is not None else default_db_path()
    if read_only:
        return _open_read_only(target, timeout)
    problems = _precheck(target)
    if problems is not None:
        return _unavailable(target, *problems)
    try:
        conn = sqlite3.connect(
            str(target), timeout=timeout, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as error:
        return _unavailable(target, *_sentences(describe_problem, target, error))
    try:
        _prepare(conn, target, timeout)
    except NewerSchema as newer:
        conn.close()
        return _unavailable(target, *_sentences(_newer_sentence, target, newer.found))
    except _Damaged as damaged:
        conn.close()
        return _unavailable(target, *_sentences(_damaged_sentence, target, str(damaged)))
    except sqlite3.Error as error:
        conn.close()
        return _unavailable(target, *_sentences(describe_problem, target, error))
    return ProgressStore(target, conn)


def _open_read_only(target: Path, timeout: float) -> ProgressStore:
    """The store for ``target`` opened with ``mode=ro``, or an unavailable one."""
    if not target.is_file():
        return _unavailable(target, (
            f"There is no progress database at {target}. Check the path; the database is "
            "created when a learner first answers a question."
        ), "There is no progress database yet.")
    problems = _precheck(target)
    if problems is not None:
        return _unavailable(target, *problems)
    uri = target.resolve().as_uri()
    conn: sqlite3.Connection | None = None
    # A WAL database needs its shared-memory file; on read-only media that file
    # cannot be created, and nothing can change the database there, so it is
    # then read as immutable.
    for options in ("?mode=ro", "?mode=ro&immutable=1"):
        try:
            conn = sqlite3.connect(uri + options, uri=True, timeout=timeout,
                                   isolation_level=None, check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000):d}")
            found = int(conn.execute("PRAGMA user_version").fetchone()[0])
            break
        except sqlite3.Error as error:
            if conn is not None:
                conn.close()
                conn = None
            failure = error
    if conn is None:
        return _unavailable(target, *_sentences(describe_problem, target, failure))
    if found > SCHEMA_VERSION:
        conn.close()
        return _unavailable(target, *_sentences(_newer_sentence, target, found))
    if found < SCHEMA_VERSION:
        conn.close()
        return _unavailable(target, (
            f"The progress database at {target} has an older layout (schema {found}; this "
            f"version reads {SCHEMA_VERSION}). Open it once where it can be written (any "
            "lesson or 'progress import' upgrades it), then read it again."
        ), "The progress database has an older layout and cannot be read as it is.")
    return ProgressStore(target, conn, read_only=True)


def _unavailable(target: Path, problem: str, learner_problem: str | None = None) -> ProgressStore:
    """A store that saves nothing, its problem logged for the instructor."""
    log.warning("%s", problem)
    return ProgressStore(target, None, problem, learner_problem)


def _sentences(
    sentence: Callable[[Path | None, Any], str], target: Path, detail: Any
) -> tuple[str, str]:
    """(sentence naming ``target``, the same sentence without the path)."""
    return sentence(target, detail), sentence(None, detail)


class _Damaged(Exception):
    """The integrity check failed."""


def _precheck(target: Path) -> tuple[str, str] | None:
    """(problem, learner's problem) for paths SQLite must not touch, else None."""
    try:
        if target.is_dir():
            return _sentences(_unwritable_sentence, target, "it is a folder, not a file")
        if target.exists():
            with target.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
            if header and header != SQLITE_HEADER:
                return _sentences(_damaged_sentence, target, "it is not an SQLite database")
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return _sentences(_unwritable_sentence, target, error.strerror or str(error))
    return None


def _prepare(conn: sqlite3.Connection, target: Path, timeout: float) -> None:
    """Set pragmas, check integrity, migrate, and prove the file is writable."""
    conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000):d}")
    check = conn.execute("PRAGMA quick_check(1)").fetchone()
    if check is None or check[0] != "ok":
        raise _Damaged(f"integrity check: {check[0] if check else 'no answer'}")
    found = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if found > SCHEMA_VERSION:
        raise NewerSchema(found)
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
    if mode is None or str(mode[0]).lower() != "wal":
        raise sqlite3.OperationalError("attempt to write a readonly database")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("BEGIN IMMEDIATE")
    try:
        migrate(conn)
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('last_opened', ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (utc_now().isoformat(),),
        )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


# -- problem sentences -------------------------------------------------------


def _database(path: Path | None) -> str:
    """The database named by its path for the instructor, or plainly for the learner."""
    return "the progress database" if path is None else f"the progress database at {path}"


def _damaged_sentence(path: Path | None, detail: str) -> str:
    return (
        f"Progress is not being saved: {_database(path)} is damaged ({detail}). "
        "Ask your instructor to move the file aside so a new one can be started; "
        "it has not been changed or deleted."
    )


def _unwritable_sentence(path: Path | None, detail: str) -> str:
    return (
        f"Progress is not being saved: {_database(path)} cannot be written "
        f"({detail}). Ask your instructor to check the folder's permissions or to set "
        f"{ENV_VAR} to a writable file."
    )


def _newer_sentence(path: Path | None, found: int) -> str:
    return (
        f"Progress is not being saved: {_database(path)} was written by a "
        f"newer version of mediation-lessons (schema {found}; this version knows "
        f"{SCHEMA_VERSION}). Upgrade mediation-lessons; the file has not been changed."
    )


def describe_problem(path: Path | None, error: sqlite3.Error) -> str:
    """A plain sentence explaining why the database at ``path`` cannot be used
    (``path`` None leaves the path out, for the learner's screen)."""
    text = str(error)
    lowered = text.lower()
    if _is_busy(error):
        return (
            f"Progress is not being saved: {_database(path)} is locked by another "
            "program. Close other copies of the lessons, then reload the page; if it persists, "
            "ask your instructor."
        )
    if "readonly" in lowered or "read-only" in lowered or "unable to open" in lowered or (
        "permission" in lowered or "access" in lowered
    ):
        return _unwritable_sentence(path, text)
    if isinstance(error, sqlite3.OperationalError) and "disk" in lowered and "full" in lowered:
        return _unwritable_sentence(path, text)
    return _damaged_sentence(path, text)


def _is_busy(error: sqlite3.Error) -> bool:
    lowered = str(error).lower()
    return "locked" in lowered or "busy" in lowered


# -- row helpers ---------------------------------------------------------------


def _check_text(**fields: object) -> None:
    for name, value in fields.items():
        if not isinstance(value, str) or not value:
            raise ProgressError(f"The {name} must be a non-empty string, not {value!r}.")


def _check_score(score: object) -> float:
    if isinstance(score, bool) or not isinstance(score, int | float):
        raise ProgressError(f"A score must be a number between 0 and 1, not {score!r}.")
    value = float(score)
    if not math.isfinite(value) or not 0.0 <= value <= 1.0:
        raise ProgressError(f"A score must be a number between 0 and 1, not {score!r}.")
    return value


def _attempt_row(
    learner: str, course: str, lesson: str, step: str, question: str, response: Any,
    correct: bool, score: float, hints_used: int, context: str, settled: bool,
    at: datetime | None,
) -> dict[str, Any]:
    _check_text(learner=learner, course=course, lesson=lesson, step=step, question=question)
    if not isinstance(correct, bool):
        raise ProgressError(f"'correct' must be True or False, not {correct!r}.")
    if isinstance(hints_used, bool) or not isinstance(hints_used, int) or hints_used < 0:
        raise ProgressError(f"'hints_used' must be a whole number >= 0, not {hints_used!r}.")
    return {
        "uid": uuid.uuid4().hex,
        "learner": learner,
        "course": course,
        "lesson": lesson,
        "step": step,
        "question": question,
        "context": context,
        "response": encode_response(response, question),
        "correct": int(correct),
        "score": _check_score(score),
        "hints_used": hints_used,
        "settled": int(bool(settled)),
        "at": to_epoch(at or utc_now()),
    }


def _insert_attempt(conn: sqlite3.Connection, row: dict[str, Any]) -> bool:
    """Insert an attempt unless its uid is already there; True if inserted."""
    cursor = conn.execute(INSERT_ATTEMPT, tuple(row[column] for column in ATTEMPT_COLUMNS))
    return cursor.rowcount == 1


def _put_slot(
    conn: sqlite3.Connection, learner: str, course: str, lesson: str, step: str,
    question: str, slot: schedule.Slot, at: float,
) -> None:
    conn.execute(
        "INSERT INTO reviews (learner, course, lesson, step, question, box, due, updated)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (learner, course, lesson, question)"
        " DO UPDATE SET step = excluded.step, box = excluded.box, due = excluded.due,"
        " updated = excluded.updated",
        (learner, course, lesson, step, question, slot.box,
         None if slot.due is None else to_epoch(slot.due), at),
    )
