"""Fixtures for the widget tests: the shipped lesson and quiz, a real store, helpers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

import mediation_lessons as ml
from mediation_lessons.model import Lesson
from mediation_lessons.progress.store import ProgressStore, open_store
from mediation_lessons.quiz import Quiz, load_quiz

HERE = Path(__file__).parent


@pytest.fixture(scope="session")
def lesson() -> Lesson:
    """The shipped lesson about the steps of mediation."""
    return ml.load_course(ml.SHIPPED_COURSE).lessons[0]


@pytest.fixture(scope="session")
def quiz(lesson: Lesson) -> Quiz:
    """The shipped lesson's quiz."""
    return load_quiz(lesson)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ProgressStore]:
    """A real SQLite progress store in a temporary folder."""
    opened = open_store(tmp_path / "progress.sqlite3")
    assert opened.available, opened.problem
    yield opened
    opened.close()


def tree(root: widgets.Widget) -> list[widgets.Widget]:
    """Every widget reachable from ``root`` through widget-valued traits."""
    seen: dict[str, widgets.Widget] = {}
    todo = [root]
    while todo:
        widget = todo.pop()
        if widget.model_id in seen:
            continue
        seen[widget.model_id] = widget
        for name in widget.keys:
            value = getattr(widget, name)
            values = value if isinstance(value, (list, tuple)) else (value,)
            todo.extend(v for v in values if isinstance(v, widgets.Widget))
    return list(seen.values())


def synced_state(root: widgets.Widget) -> list[dict[str, Any]]:
    """What the browser receives for ``root``'s tree, with model ids blanked out."""
    ids = {}
    states = []
    for number, widget in enumerate(tree(root)):
        ids[widget.model_id] = f"W{number}"
    for widget in tree(root):
        text = json.dumps(widget.get_state(), sort_keys=True, default=str)
        for model_id, alias in ids.items():
            text = text.replace(model_id, alias)
        states.append(json.loads(text))
    return states


def visible_text(root: widgets.Widget) -> str:
    """The text a learner can read in ``root``: HTML values, labels, descriptions.

    Boxes hidden with ``display: none`` are left out with everything in them.
    """
    parts = []
    todo = [root]
    while todo:
        widget = todo.pop(0)
        if widget.layout.display == "none":
            continue
        for name in ("value", "description", "_options_labels", "placeholder"):
            value = getattr(widget, name, None)
            if isinstance(value, str):
                parts.append(value)
            elif isinstance(value, tuple):
                parts.extend(str(v) for v in value)
        todo.extend(getattr(widget, "children", ()))
    return "\n".join(parts)


@pytest.fixture
def widget_tree() -> Any:
    """:func:`tree` as a fixture."""
    return tree


@pytest.fixture
def browser_state() -> Any:
    """:func:`synced_state` as a fixture."""
    return synced_state


@pytest.fixture
def text_of() -> Any:
    """:func:`visible_text` as a fixture."""
    return visible_text
