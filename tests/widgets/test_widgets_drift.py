"""Resuming after the course changed between sessions: questions removed, options
changed, ids renamed, steps renamed, lessons removed. The app resumes without an
error, keeps the learner's score for what still exists, and never shows feedback
for a question that changed since it was answered."""

from __future__ import annotations

import copy
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import yaml

from mediation_lessons.app import course_app
from mediation_lessons.app.build import CourseApp
from mediation_lessons.loader import load_course
from mediation_lessons.progress import course_key, open_store
from mediation_lessons.progress.identity import Learner
from mediation_lessons.widgets.course import CoursePage
from mediation_lessons.widgets.lesson import LessonView
from mediation_lessons.widgets.questions import (
    FillWidget,
    OrderingWidget,
    QuestionWidget,
    SingleChoiceWidget,
    TrueFalseWidget,
)

LEARNER = "Ann"
ARTICLE = """---
title: Lesson A
order: 1
summary: Three steps.
---

Intro.

## Opening

The mediator opens the session and explains the rules.

## Middle

Each party speaks in turn while the other listens.

## {closing}

The parties write down what they agreed.
"""
ARTICLE_B = "---\ntitle: Lesson B\norder: 2\n---\n\n## Only Step\n\nParties sign.\n"


def _single(id_: str, step: str, right: str, *wrong: str, source: str = "the") -> dict[str, Any]:
    options = [{"text": right, "correct": True}, *({"text": text} for text in wrong)]
    return {"id": id_, "step": step, "type": "single", "prompt": f"Pick for {id_}.",
            "options": options, "hints": ["Look again.", "Read the step."],
            "explanation": "Because the step says so.", "source": source}


QUIZ: dict[str, Any] = {"max_tries": 3, "penalty": 0.25, "questions": [
    _single("q-keep", "opening", "The mediator", "A judge", "Nobody"),
    {"id": "q-remove", "step": "opening", "type": "truefalse", "prompt": "Rules are explained.",
     "answer": True, "source": "explains the rules"},
    _single("q-options", "opening", "Rules", "Songs", "Games"),
    {"id": "q-rename", "step": "middle", "type": "fill", "prompt": "Each party speaks in ___.",
     "answers": ["turn"], "source": "speaks in turn"},
    {"id": "q-order", "step": "middle", "type": "ordering", "prompt": "Order them.",
     "items": ["Open", "Speak", "Write"], "source": "in turn"},
    _single("q-step", "closing", "Write it down", "Forget it"),
]}
QUIZ_B = {"questions": [_single("b-only", "only-step", "Sign", "Run", source="Parties sign")]}


def write_course(folder: Path, quiz: dict[str, Any], closing: str = "Closing",
                 with_b: bool = True) -> None:
    folder.mkdir(exist_ok=True)
    (folder / "lesson-a.md").write_text(ARTICLE.format(closing=closing), encoding="utf-8")
    (folder / "lesson-a.quiz.yaml").write_text(yaml.safe_dump(quiz), encoding="utf-8")
    for name in ("lesson-b.md", "lesson-b.quiz.yaml"):
        (folder / name).unlink(missing_ok=True)
    if with_b:
        (folder / "lesson-b.md").write_text(ARTICLE_B, encoding="utf-8")
        (folder / "lesson-b.quiz.yaml").write_text(yaml.safe_dump(QUIZ_B), encoding="utf-8")


@pytest.fixture(autouse=True)
def no_hub(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.delenv("HTTP_COOKIE", raising=False)


def open_lesson(app: Any, slug: str) -> LessonView:
    assert isinstance(app, CourseApp), app
    app.open_lesson(slug)
    view = app.page.children[0]
    assert isinstance(view, LessonView)
    return view


def widget(view: LessonView, question: str) -> QuestionWidget:
    for step in view.lesson.steps:
        for found in view.step_widgets(step.slug):
            if found.view.id == question:
                return found
    raise KeyError(question)


def answer(found: QuestionWidget, right: bool) -> None:
    key = found.session.question.answer()
    if isinstance(found, (SingleChoiceWidget, TrueFalseWidget)):
        values = [value for _label, value in found.choices.options]
        found.choices.value = key if right else next(v for v in values if v != key)
    elif isinstance(found, FillWidget):
        found.text.value = key if right else "nope"
    elif isinstance(found, OrderingWidget):
        found.show_response(key if right else list(reversed(key)))
    found.check.click()


def shown(found: QuestionWidget) -> tuple[Any, ...]:
    return (found.outcome, found.score, found.settled, found.tries_left, found.feedback_text,
            found.explanation.value, found.hints_shown)


def fresh(found: QuestionWidget) -> bool:
    return (found.outcome == "" and found.feedback_text == "" and not found.settled
            and found.tries_left == found.view.max_tries and found.score == 0.0
            and found.explanation.value == ""
            and (isinstance(found, OrderingWidget) or found.response() is None))


@pytest.fixture
def first_session(tmp_path: Path) -> tuple[Path, Path, dict[str, tuple[Any, ...]]]:
    """A course answered once: what each question showed when the learner left."""
    folder, db = tmp_path / "mediation", tmp_path / "progress.sqlite3"
    write_course(folder, QUIZ)
    app = course_app(folder, db, learner=LEARNER)
    view = open_lesson(app, "lesson-a")
    widget(view, "q-keep").hint.click()
    answer(widget(view, "q-keep"), right=False)
    answer(widget(view, "q-keep"), right=True)
    answer(widget(view, "q-remove"), right=False)
    answer(widget(view, "q-options"), right=False)
    answer(widget(view, "q-rename"), right=True)
    answer(widget(view, "q-order"), right=False)
    answer(widget(view, "q-step"), right=True)
    view.go(2)  # the learner leaves on the last step, which is renamed later
    assert view.errors.shown == ""
    before = {q: shown(widget(view, q)) for q in ("q-keep", "q-step", "q-options")}
    view_b = open_lesson(app, "lesson-b")
    answer(widget(view_b, "b-only"), right=False)
    # Every missed question is due for review in the next session.
    with open_store(db) as store:
        key = course_key(folder)
        assert key == app.key
        assert {r.question for r in store.due_reviews(LEARNER, key)} == {
            "q-keep", "q-remove", "q-options", "q-order", "b-only"}
    return folder, db, before


def drifted() -> dict[str, Any]:
    quiz = copy.deepcopy(QUIZ)
    questions = {q["id"]: q for q in quiz["questions"]}
    del questions["q-remove"]
    questions["q-options"]["options"] = [{"text": "The rules", "correct": True},
                                         {"text": "Songs"}, {"text": "Dances"}]
    questions["q-rename"]["id"] = "q-renamed"
    questions["q-order"]["items"] = ["Open", "Speak", "Agree", "Write"]
    questions["q-step"]["step"] = "wrapping-up"
    quiz["questions"] = list(questions.values())
    return quiz


def test_resume_after_the_course_changed(first_session: Any, text_of: Any) -> None:
    folder, db, before = first_session
    write_course(folder, drifted(), closing="Wrapping Up", with_b=False)
    app = course_app(folder, db, learner=LEARNER)
    assert isinstance(app, CourseApp) and app.errors.shown == ""
    page = app.page.children[0]
    assert [card.lesson.slug for card in page.cards] == ["lesson-a"] and not page.error_cards
    assert "Problem" not in text_of(app)
    # The review keeps what still exists and drops what was removed.
    assert app.review is not None
    assert {w.view.id for w in app.review.questions} == {"q-keep", "q-options", "q-order"}
    assert all(fresh(w) for w in app.review.questions)

    view = open_lesson(app, "lesson-a")
    assert view.step_index == 0  # the step the learner was on was renamed
    assert widget(view, "q-keep").settled and widget(view, "q-keep").score == 0.75
    assert shown(widget(view, "q-keep")) == before["q-keep"]
    assert shown(widget(view, "q-step")) == before["q-step"]  # moved to a renamed step
    for changed in ("q-options", "q-renamed", "q-order"):
        assert fresh(widget(view, changed)), changed
    assert shown(widget(view, "q-options")) != before["q-options"]
    assert "Rules" not in text_of(view)

    # The learner carries on without trouble through every step and the summary.
    answer(widget(view, "q-options"), right=True)
    assert widget(view, "q-options").score == 1.0
    for index in range(len(view.lesson.steps) + 1):
        view.go(index)
    assert view.errors.shown == "" and app.errors.shown == ""
    scores = {score.title: score for score in view.step_scores()}
    assert scores["Wrapping Up"].score == 1.0 and scores["Opening"].answered == 2
    with open_store(db) as store:
        states = store.question_states(LEARNER, app.key, "lesson-a")
    assert states["q-options"].last_correct and states["q-options"].tries == 2


def test_a_response_that_grades_differently_now_shows_current_feedback(
        first_session: Any) -> None:
    folder, db, before = first_session
    quiz = copy.deepcopy(QUIZ)
    keep = next(q for q in quiz["questions"] if q["id"] == "q-keep")
    keep["options"] = [{"text": "The mediator"}, {"text": "A judge"},
                       {"text": "Nobody", "correct": True}]
    write_course(folder, quiz)
    view = open_lesson(course_app(folder, db, learner=LEARNER), "lesson-a")
    found = widget(view, "q-keep")
    # Both saved responses still grade, now both wrong: one try is left, and the
    # feedback is the current quiz's, not the saved "correct".
    assert found.outcome == "wrong" and not found.settled and found.tries_left == 1
    assert found.score == 0.0 and found.hints_shown == 1
    assert "Correct" not in found.feedback_text and found.explanation.value == ""
    assert shown(found) != before["q-keep"]
    answer(found, right=True)
    assert found.settled and found.score == pytest.approx(0.5)


def test_a_quiz_that_no_longer_loads_still_resumes_the_lesson(first_session: Any,
                                                              text_of: Any) -> None:
    folder, db, _before = first_session
    (folder / "lesson-a.quiz.yaml").write_text("questions: [oops\n", encoding="utf-8")
    app = course_app(folder, db, learner=LEARNER)
    view = open_lesson(app, "lesson-a")
    assert "could not be loaded" in text_of(view) and "lesson-a.quiz.yaml" in text_of(view)
    assert str(folder) not in text_of(view)
    for index in range(len(view.lesson.steps) + 1):
        view.go(index)
    assert view.errors.shown == ""


def test_the_course_page_finds_progress_under_the_course_key_by_default(
        first_session: Any) -> None:
    folder, db, _before = first_session
    with open_store(db) as store:
        page = CoursePage(load_course(folder), store, Learner(LEARNER, "entered"), None,
                          on_open=lambda _slug: None, on_learner=lambda _name: None)
    card = page.cards[0]
    assert "1 of 3 steps complete" in card.body.value and "score 100%" in card.body.value


def test_a_retried_question_resumes_in_its_new_round(first_session: Any) -> None:
    folder, db, _before = first_session
    app = course_app(folder, db, learner=LEARNER)
    view = open_lesson(app, "lesson-a")
    view.retry_missed()  # q-keep scored 0.75: it starts afresh
    answer(widget(view, "q-keep"), right=False)
    after = shown(widget(view, "q-keep"))
    assert after[0] == "wrong" and after[3] == 2 and not after[2]
    again = open_lesson(course_app(folder, db, learner=LEARNER), "lesson-a")
    assert shown(widget(again, "q-keep")) == after


def test_a_save_that_fails_mid_lesson_is_said_without_server_paths(
        tmp_path: Path, text_of: Any) -> None:
    folder, db = tmp_path / "mediation", tmp_path / "progress.sqlite3"
    write_course(folder, QUIZ)
    app = course_app(folder, db, learner=LEARNER)
    view = open_lesson(app, "lesson-a")
    view.tracker.store.close()
    view.tracker.store = open_store(db, timeout=0.1)  # another program holds the lock
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        answer(widget(view, "q-keep"), right=True)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "busy" in view.errors.shown and str(tmp_path) not in text_of(view)
    assert widget(view, "q-keep").outcome == "correct"  # the learner keeps working
    answer(widget(view, "q-options"), right=True)
    assert view.errors.shown == ""
    with open_store(db) as store:
        assert set(store.question_states(LEARNER, app.key, "lesson-a")) == {"q-options"}


def test_a_store_that_never_saved_is_not_repeated_in_the_lesson(tmp_path: Path) -> None:
    folder, db = tmp_path / "mediation", tmp_path / "garbage.sqlite3"
    write_course(folder, QUIZ)
    db.write_bytes(b"not a database" * 100)
    app = course_app(folder, db, learner=LEARNER)
    view = open_lesson(app, "lesson-a")
    answer(widget(view, "q-keep"), right=True)
    assert view.errors.shown == "" and widget(view, "q-keep").outcome == "correct"
