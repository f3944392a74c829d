"""The progress database schema and its migrations, versioned by ``PRAGMA user_version``.

Migration ``i`` (0-based) takes a database from version ``i`` to ``i + 1``.
Never edit a released migration: append a new one.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: tuple[str, ...] = (
    # 0 -> 1: attempts, step completions, positions, review deck.
    """
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        learner TEXT NOT NULL,
        course TEXT NOT NULL,
        lesson TEXT NOT NULL,
        step TEXT NOT NULL,
        question TEXT NOT NULL,
        context TEXT NOT NULL CHECK (context IN ('lesson', 'review')),
        response TEXT NOT NULL,
        correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
        score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
        hints_used INTEGER NOT NULL CHECK (hints_used >= 0),
        settled INTEGER NOT NULL CHECK (settled IN (0, 1)),
        at REAL NOT NULL
    );
    CREATE INDEX attempts_by_learner ON attempts (learner, course, lesson, id);
    CREATE INDEX attempts_by_question ON attempts (course, lesson, question, learner, id);
    CREATE TABLE completions (
        learner TEXT NOT NULL,
        course TEXT NOT NULL,
        lesson TEXT NOT NULL,
        step TEXT NOT NULL,
        score REAL NOT NULL,
        best_score REAL NOT NULL,
        at REAL NOT NULL,
        PRIMARY KEY (learner, course, lesson, step)
    );
    CREATE TABLE positions (
        learner TEXT NOT NULL,
        course TEXT NOT NULL,
        lesson TEXT NOT NULL,
        step TEXT NOT NULL,
        at REAL NOT NULL,
        PRIMARY KEY (learner, course, lesson)
    );
    CREATE TABLE reviews (
        learner TEXT NOT NULL,
        course TEXT NOT NULL,
        lesson TEXT NOT NULL,
        step TEXT NOT NULL,
        question TEXT NOT NULL,
        box INTEGER,
        due REAL,
        updated REAL NOT NULL,
        PRIMARY KEY (learner, course, lesson, question)
    );
    CREATE INDEX reviews_due ON reviews (learner, course, due);
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
"""The schema version this code writes."""


class NewerSchema(Exception):
    """The database was written by a newer version of the package."""

    def __init__(self, found: int) -> None:
        self.found = found
        super().__init__(found)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database up to :data:`SCHEMA_VERSION` inside the caller's transaction.

    Returns the version found. Raises :class:`NewerSchema` for a database
    this code is too old to understand (it is left untouched).
    """
    found = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if found > SCHEMA_VERSION:
        raise NewerSchema(found)
    for version in range(found, SCHEMA_VERSION):
        for statement in _statements(MIGRATIONS[version]):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {version + 1:d}")
    return found


def _statements(script: str) -> list[str]:
    """The statements of a migration script (no statement holds a ``;`` in text)."""
    return [part.strip() for part in script.split(";") if part.strip()]
