"""Export one learner's progress as versioned JSON data, and merge such data back in.

The format (``"format": "mediation-lessons-progress"``, ``"version": 1``)::

    {"format": ..., "version": 1, "learner": "Ada", "exported_at": "2026-...Z",
     "attempts":    [{"id", "course", "lesson", "step", "question", "context",
                      "response", "correct", "score", "hints_used", "settled", "at"}],
     "completions": [{"course", "lesson", "step", "score", "best_score", "at"}],
     "positions":   [{"course", "lesson", "step", "at"}],
     "reviews":     [{"course", "lesson", "step", "question", "box", "due", "updated"}]}

Times are ISO 8601 strings. Attempts carry a unique ``id``, so importing the
same file twice adds nothing the second time; positions, completions and
review slots keep whichever copy is newer.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ..errors import ProgressError
from . import schedule
from .identity import normalize_name
from .records import from_epoch, to_epoch, utc_now
from .rows import ATTEMPT_COLUMNS, INSERT_ATTEMPT, decode_response, encode_response

FORMAT = "mediation-lessons-progress"
VERSION = 1

_TEXT = ("course", "lesson", "step")


def export_rows(conn: sqlite3.Connection, learner: str) -> dict[str, Any]:
    """Everything recorded for ``learner``, as JSON-able data."""
    attempts = [
        {
            "id": uid, "course": course, "lesson": lesson, "step": step, "question": question,
            "context": context, "response": decode_response(response), "correct": bool(correct),
            "score": score, "hints_used": hints, "settled": bool(settled), "at": _iso(at),
        }
        for uid, course, lesson, step, question, context, response, correct, score, hints,
        settled, at in conn.execute(
            "SELECT uid, course, lesson, step, question, context, response, correct, score,"
            " hints_used, settled, at FROM attempts WHERE learner = ? ORDER BY id",
            (learner,),
        )
    ]
    completions = [
        {"course": c, "lesson": le, "step": s, "score": sc, "best_score": b, "at": _iso(at)}
        for c, le, s, sc, b, at in conn.execute(
            "SELECT course, lesson, step, score, best_score, at FROM completions"
            " WHERE learner = ? ORDER BY course, lesson, at, step",
            (learner,),
        )
    ]
    positions = [
        {"course": c, "lesson": le, "step": s, "at": _iso(at)}
        for c, le, s, at in conn.execute(
            "SELECT course, lesson, step, at FROM positions WHERE learner = ?"
            " ORDER BY course, lesson",
            (learner,),
        )
    ]
    reviews = [
        {"course": c, "lesson": le, "step": s, "question": q, "box": box,
         "due": None if due is None else _iso(due), "updated": _iso(updated)}
        for c, le, s, q, box, due, updated in conn.execute(
            "SELECT course, lesson, step, question, box, due, updated FROM reviews"
            " WHERE learner = ? ORDER BY course, lesson, question",
            (learner,),
        )
    ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "learner": learner,
        "exported_at": utc_now().isoformat(),
        "attempts": attempts,
        "completions": completions,
        "positions": positions,
        "reviews": reviews,
    }


def validate_export(data: Any) -> dict[str, Any]:
    """``data`` checked field by field; raises :class:`ProgressError` naming the bad field."""
    top = _mapping(data, "the file")
    if top.get("format") != FORMAT:
        raise ProgressError(
            f"This is not a mediation-lessons progress export: 'format' is "
            f"{top.get('format')!r}, expected {FORMAT!r}. Export it again with "
            "'mediation-lessons progress export'."
        )
    version = top.get("version")
    if version != VERSION:
        raise ProgressError(
            f"This progress export has version {version!r}; this version of "
            f"mediation-lessons reads version {VERSION}. Upgrade mediation-lessons "
            "or export the progress again."
        )
    learner = _text(top, "learner", "the file")
    if _learner_name(learner) != learner:
        raise ProgressError(
            f"'learner' is not a valid learner name: {learner!r}. Names have 1 to 64 "
            "characters, no control characters and no surrounding spaces."
        )
    clean: dict[str, Any] = {"learner": learner, "attempts": [], "completions": [],
                             "positions": [], "reviews": []}
    for index, item in enumerate(_list(top, "attempts")):
        where = f"attempts[{index}]"
        entry = _mapping(item, where)
        row: dict[str, Any] = {name: _text(entry, name, where) for name in (*_TEXT, "question")}
        context = entry.get("context", "lesson")
        if context not in ("lesson", "review"):
            raise ProgressError(f"{where}.context must be 'lesson' or 'review', not {context!r}.")
        row.update(
            uid=_text(entry, "id", where),
            learner=learner,
            context=context,
            response=encode_response(entry.get("response"), row["question"]),
            correct=int(_bool(entry, "correct", where)),
            score=_score(entry, "score", where),
            hints_used=_count(entry, "hints_used", where),
            settled=int(_bool(entry, "settled", where)),
            at=_time(entry, "at", where),
        )
        clean["attempts"].append(row)
    for index, item in enumerate(_list(top, "completions")):
        where = f"completions[{index}]"
        entry = _mapping(item, where)
        row = {name: _text(entry, name, where) for name in _TEXT}
        row.update(score=_score(entry, "score", where), at=_time(entry, "at", where))
        row["best_score"] = max(row["score"], _score(entry, "best_score", where)
                                if "best_score" in entry else row["score"])
        clean["completions"].append(row)
    for index, item in enumerate(_list(top, "positions")):
        where = f"positions[{index}]"
        entry = _mapping(item, where)
        row = {name: _text(entry, name, where) for name in _TEXT}
        row["at"] = _time(entry, "at", where)
        clean["positions"].append(row)
    for index, item in enumerate(_list(top, "reviews")):
        where = f"reviews[{index}]"
        entry = _mapping(item, where)
        row = {name: _text(entry, name, where) for name in (*_TEXT, "question")}
        box = entry.get("box")
        if box is not None and (isinstance(box, bool) or not isinstance(box, int)
                                or not schedule.FIRST_BOX <= box <= schedule.LAST_BOX):
            raise ProgressError(
                f"{where}.box must be a whole number from {schedule.FIRST_BOX} to "
                f"{schedule.LAST_BOX}, or null, not {box!r}."
            )
        due = None if entry.get("due") is None else _time(entry, "due", where)
        if box is not None and due is None:
            raise ProgressError(f"{where}.due is missing; a question in a box needs a due time.")
        row.update(box=box, due=due, updated=_time(entry, "updated", where))
        clean["reviews"].append(row)
    return clean


def import_rows(conn: sqlite3.Connection, clean: Mapping[str, Any]) -> int:
    """Merge validated export data inside the caller's transaction; new attempts count."""
    learner = clean["learner"]
    added = 0
    for row in clean["attempts"]:
        cursor = conn.execute(INSERT_ATTEMPT, tuple(row[column] for column in ATTEMPT_COLUMNS))
        added += cursor.rowcount
    for row in clean["completions"]:
        conn.execute(
            "INSERT INTO completions (learner, course, lesson, step, score, best_score, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (learner, course, lesson, step) DO UPDATE"
            " SET score = CASE WHEN excluded.at > at THEN excluded.score ELSE score END,"
            " best_score = max(best_score, excluded.best_score), at = max(at, excluded.at)",
            (learner, row["course"], row["lesson"], row["step"], row["score"],
             row["best_score"], row["at"]),
        )
    for row in clean["positions"]:
        conn.execute(
            "INSERT INTO positions (learner, course, lesson, step, at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (learner, course, lesson) DO UPDATE SET"
            " step = CASE WHEN excluded.at > at THEN excluded.step ELSE step END,"
            " at = max(at, excluded.at)",
            (learner, row["course"], row["lesson"], row["step"], row["at"]),
        )
    for row in clean["reviews"]:
        conn.execute(
            "INSERT INTO reviews (learner, course, lesson, step, question, box, due, updated)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (learner, course, lesson, question)"
            " DO UPDATE SET step = CASE WHEN excluded.updated > updated THEN excluded.step"
            " ELSE step END, box = CASE WHEN excluded.updated > updated THEN excluded.box"
            " ELSE box END, due = CASE WHEN excluded.updated > updated THEN excluded.due"
            " ELSE due END, updated = max(updated, excluded.updated)",
            (learner, row["course"], row["lesson"], row["step"], row["question"], row["box"],
             row["due"], row["updated"]),
        )
    return added


# -- field checks ----------------------------------------------------------------


def _learner_name(raw: str) -> str | None:
    try:
        return normalize_name(raw)
    except ProgressError:
        return None


def _iso(seconds: float) -> str:
    return from_epoch(seconds).isoformat()


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ProgressError(f"{where} must be a JSON object, not {type(value).__name__}.")
    return value


def _list(top: Mapping[str, Any], key: str) -> list[Any]:
    value = top.get(key, [])
    if not isinstance(value, list):
        raise ProgressError(f"'{key}' must be a list, not {type(value).__name__}.")
    return value


def _text(entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value:
        raise ProgressError(f"{where}.{key} must be a non-empty string, not {value!r}.")
    return value


def _bool(entry: Mapping[str, Any], key: str, where: str) -> bool:
    value = entry.get(key)
    if not isinstance(value, bool):
        raise ProgressError(f"{where}.{key} must be true or false, not {value!r}.")
    return value


def _score(entry: Mapping[str, Any], key: str, where: str) -> float:
    value = entry.get(key)
    if (isinstance(value, bool) or not isinstance(value, int | float)
            or not math.isfinite(value) or not 0 <= value <= 1):
        raise ProgressError(f"{where}.{key} must be a number from 0 to 1, not {value!r}.")
    return float(value)


def _count(entry: Mapping[str, Any], key: str, where: str) -> int:
    value = entry.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ProgressError(f"{where}.{key} must be a whole number >= 0, not {value!r}.")
    return value


def _time(entry: Mapping[str, Any], key: str, where: str) -> float:
    value = entry.get(key)
    if not isinstance(value, str):
        raise ProgressError(f"{where}.{key} must be an ISO 8601 time string, not {value!r}.")
    try:
        return to_epoch(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except (ValueError, OverflowError) as error:
        raise ProgressError(
            f"{where}.{key} is not an ISO 8601 time: {value!r} ({error})."
        ) from error
