"""Exporting a learner's progress and importing it back, idempotently."""

from __future__ import annotations

import copy
import json
import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediation_lessons.errors import ProgressError
from mediation_lessons.progress import open_store
from mediation_lessons.progress.store import ProgressStore
from mediation_lessons.progress.transfer import validate_export

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
C, L = "mediation", "what-are-the-steps-of-mediation"


def _fill(store: ProgressStore, learner: str) -> None:
    store.record_attempt(learner, C, L, "opening", "q1", ["b"], False, 0.0, 1, at=T0)
    store.record_attempt(learner, C, L, "opening", "q1", {"order": [3, 1, 2]}, True, 0.75, 2,
                         at=T0 + timedelta(minutes=1))
    store.record_attempt(learner, C, L, "caucus", "q2", "Ich wünsche Frieden", True, 1.0,
                         at=T0 + timedelta(minutes=2))
    store.record_review(learner, C, L, "opening", "q1", ["a"], True, at=T0 + timedelta(days=1))
    store.complete_step(learner, C, L, "opening", 0.75, at=T0 + timedelta(minutes=1))
    store.set_position(learner, C, L, "caucus", at=T0 + timedelta(minutes=2))


def _comparable(data: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(data)
    out.pop("exported_at")
    return out


def test_round_trip_into_a_fresh_database(tmp_path: Path) -> None:
    source = open_store(tmp_path / "a.sqlite3")
    _fill(source, "ann")
    _fill(source, "bob")
    exported = source.export_learner("ann")
    assert exported["format"] == "mediation-lessons-progress" and exported["version"] == 1
    assert len(exported["attempts"]) == 4
    text = json.dumps(exported)
    target = open_store(tmp_path / "b.sqlite3")
    assert target.import_learner(json.loads(text)) == 4
    assert _comparable(target.export_learner("ann")) == _comparable(exported)
    assert target.learners() == ["ann"]
    assert target.question_states("ann", C, L) == source.question_states("ann", C, L)
    assert target.position("ann", C, L) == "caucus"
    assert target.due_reviews("ann", C, T0 + timedelta(days=30)) == source.due_reviews(
        "ann", C, T0 + timedelta(days=30))


def test_importing_twice_adds_nothing(tmp_path: Path) -> None:
    source = open_store(tmp_path / "a.sqlite3")
    _fill(source, "ann")
    data = source.export_learner("ann")
    target = open_store(tmp_path / "b.sqlite3")
    assert target.import_learner(data) == 4
    assert target.import_learner(data) == 0
    assert target.attempt_count() == 4
    assert source.import_learner(data) == 0
    assert source.attempt_count() == 4


def test_import_keeps_the_newer_position_and_best_score(tmp_path: Path) -> None:
    store = open_store(tmp_path / "a.sqlite3")
    _fill(store, "ann")
    data = store.export_learner("ann")
    store.set_position("ann", C, L, "agreement", at=T0 + timedelta(days=5))
    store.complete_step("ann", C, L, "opening", 0.5, at=T0 + timedelta(days=5))
    store.import_learner(data)
    assert store.position("ann", C, L) == "agreement"
    assert store.completed_steps("ann", C, L) == {"opening": 0.5}
    exported = store.export_learner("ann")
    assert exported["completions"][0]["best_score"] == 0.75


def _valid(tmp_path: Path) -> dict[str, Any]:
    store = open_store(tmp_path / "v.sqlite3")
    _fill(store, "ann")
    return store.export_learner("ann")


@pytest.mark.parametrize("path, value, message", [
    ((), [], "must be a JSON object"),
    (("format",), "something-else", "not a mediation-lessons progress export"),
    (("version",), 99, "version 99"),
    (("learner",), "", "learner must be a non-empty string"),
    (("attempts",), {}, "'attempts' must be a list"),
    (("attempts", 0), "x", r"attempts\[0\] must be a JSON object"),
    (("attempts", 1, "score"), 2, r"attempts\[1\].score must be a number from 0 to 1"),
    (("attempts", 0, "correct"), "yes", r"attempts\[0\].correct must be true or false"),
    (("attempts", 0, "at"), "yesterday", r"attempts\[0\].at is not an ISO 8601 time"),
    (("attempts", 0, "id"), None, r"attempts\[0\].id must be a non-empty string"),
    (("attempts", 0, "context"), "exam", r"attempts\[0\].context"),
    (("attempts", 0, "hints_used"), -2, r"attempts\[0\].hints_used"),
    (("reviews", 0, "box"), 9, r"reviews\[0\].box must be a whole number from 1 to 5"),
    (("positions", 0, "step"), 3, r"positions\[0\].step must be a non-empty string"),
    (("completions", 0, "score"), None, r"completions\[0\].score"),
])
def test_bad_exports_are_refused_with_a_clear_message_and_nothing_written(
    tmp_path: Path, path: tuple[Any, ...], value: Any, message: str
) -> None:
    data: Any = _valid(tmp_path)
    if path:
        holder = data
        for key in path[:-1]:
            holder = holder[key]
        holder[path[-1]] = value
    else:
        data = value
    target = open_store(tmp_path / "target.sqlite3")
    with pytest.raises(ProgressError, match=message):
        target.import_learner(data)
    assert target.attempt_count() == 0 and target.learners() == []


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.text(max_size=20)
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12,
)
names = st.text(min_size=1, max_size=30)
learner_names = st.text(min_size=1, max_size=64).filter(
    lambda s: s == s.strip() and s.isprintable() and unicodedata.normalize("NFC", s) == s)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(learner=learner_names, question=names, response=json_values, correct=st.booleans(),
       score=st.floats(0, 1), hints=st.integers(0, 5))
def test_any_attempt_survives_export_and_import(
    tmp_path_factory: pytest.TempPathFactory, learner: str, question: str, response: Any,
    correct: bool, score: float, hints: int,
) -> None:
    folder = tmp_path_factory.mktemp("rt")
    source = open_store(folder / "a.sqlite3")
    assert source.record_attempt(learner, C, L, "s", question, response, correct, score, hints)
    data = json.loads(json.dumps(source.export_learner(learner)))
    target = open_store(folder / "b.sqlite3")
    assert target.import_learner(data) == 1
    assert target.question_states(learner, C, L) == source.question_states(learner, C, L)
    assert target.import_learner(data) == 0


_VALID: list[dict[str, Any]] = []


def _valid_once(factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A fresh copy of one valid export, built once per test session."""
    if not _VALID:
        _VALID.append(_valid(factory.mktemp("valid")))
    return copy.deepcopy(_VALID[0])


def _mutations() -> st.SearchStrategy[tuple[tuple[Any, ...], Any]]:
    keys = st.sampled_from(["format", "version", "learner", "attempts", "completions",
                            "positions", "reviews"])
    fields = st.sampled_from(["id", "course", "lesson", "step", "question", "context",
                              "response", "correct", "score", "hints_used", "settled", "at",
                              "box", "due", "updated", "best_score"])
    nested = st.tuples(st.sampled_from(["attempts", "completions", "positions", "reviews"]),
                       st.just(0), fields)
    return st.tuples(st.tuples(keys) | nested, json_values | st.sampled_from(
        ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-05:00", "2026-02-30T00:00:00",
         "", "\x00", 1e308, -1, 2**70]))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutation=_mutations())
def test_any_damaged_export_gives_our_error_or_a_clean_import(
    tmp_path_factory: pytest.TempPathFactory, mutation: tuple[tuple[Any, ...], Any]
) -> None:
    folder = tmp_path_factory.mktemp("bad")
    data: Any = _valid_once(tmp_path_factory)
    path, value = mutation
    holder = data
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = value
    target = open_store(folder / "t.sqlite3")
    try:
        added = target.import_learner(json.loads(json.dumps(data)))
    except ProgressError as error:
        assert str(error).endswith(".") and target.attempt_count() == 0
    else:
        assert added == target.attempt_count() <= 4


@settings(max_examples=40, deadline=None)
@given(data=json_values)
def test_any_json_document_gives_our_error(data: Any) -> None:
    with pytest.raises(ProgressError):
        validate_export(data)
