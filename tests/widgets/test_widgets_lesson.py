"""The lesson view on the shipped lesson with a real SQLite store: navigation, progress,
completion, the summary, retrying, and resuming where the learner left off."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from mediation_lessons.model import Lesson
from mediation_lessons.progress.store import ProgressStore, open_store
from mediation_lessons.quiz import Quiz
from mediation_lessons.widgets.lesson import LessonView
from mediation_lessons.widgets.questions import (
    FillWidget,
    MatchingWidget,
    MultipleSelectWidget,
    OrderingWidget,
    QuestionWidget,
    ReflectionWidget,
    SingleChoiceWidget,
    TrueFalseWidget,
)
from mediation_lessons.widgets.tracking import LessonTracker

LEARNER = "Ann O'Neil; DROP TABLE attempts"
COURSE = "mediation"


def open_view(lesson: Lesson, quiz: Quiz, store: ProgressStore) -> LessonView:
    return LessonView(lesson, quiz, LessonTracker(store, LEARNER, COURSE, lesson.slug), LEARNER)


def answer(widget: QuestionWidget, right: bool = True) -> None:
    """Answer ``widget`` through its controls, right or wrong, and press its button."""
    key = widget.session.question.answer()
    if isinstance(widget, (SingleChoiceWidget, TrueFalseWidget)):
        values = [value for _label, value in widget.choices.options]
        widget.choices.value = key if right else next(v for v in values if v != key)
    elif isinstance(widget, MultipleSelectWidget):
        for option, box in zip(widget.view.options, widget.boxes, strict=True):
            box.value = (option.id in key) == right
    elif isinstance(widget, OrderingWidget):
        widget.show_response(key if right else list(reversed(key)))
    elif isinstance(widget, MatchingWidget):
        for left, box in widget.dropdowns.items():
            options = [value for _label, value in box.options if value is not None]
            box.value = key[left] if right else next(v for v in options if v != key[left])
    elif isinstance(widget, FillWidget):
        widget.text.value = key if right else "certainly not this"
        return
    elif isinstance(widget, ReflectionWidget):
        widget.text.value = "My own words."
        widget.check.click()
        widget.rating.value = 1.0 if right else 0.0
        widget.rate.click()
        return
    widget.check.click()


def test_first_step_and_navigation(lesson: Lesson, quiz: Quiz, store: ProgressStore,
                                   text_of: Any) -> None:
    view = open_view(lesson, quiz, store)
    total = len(lesson.steps)
    assert view.progress.text == f"Step 1 of {total} · 0% complete"
    assert view.navigator.labels[0].startswith("▶ 1.")
    assert all(label.startswith("• ") for label in view.navigator.labels[1:])
    assert "ml-current" in view.navigator._buttons[0]._dom_classes
    assert view.prev.disabled and not view.next.disabled
    assert lesson.title in view.header.value and "<img" in view.header.value
    assert lesson.steps[0].title in view.step_html.value
    assert [w.view.id for w in view.current_widgets] == [
        q.id for q in quiz.for_step(lesson.steps[0].slug)]
    assert "<details" not in view.header.value
    view.next.click()
    assert view.step_index == 1 and view.navigator.labels[1].startswith("▶ 2.")
    assert "<details" in view.header.value and "About this lesson" in view.header.value
    assert view.progress.text.startswith(f"Step 2 of {total}")
    assert store.position(LEARNER, COURSE, lesson.slug) == lesson.steps[1].slug
    view.prev.click()
    assert view.step_index == 0
    view.navigator._buttons[3].click()
    assert view.step_index == 3 and lesson.steps[3].title in view.step_html.value
    text = text_of(view)
    assert "script" not in view.step_html.value.lower()
    assert "thereâ€™s" not in text


def test_answering_a_step_completes_and_records_it(lesson: Lesson, quiz: Quiz,
                                                   store: ProgressStore) -> None:
    view = open_view(lesson, quiz, store)
    first = lesson.steps[0].slug
    widgets = view.current_widgets
    answer(widgets[0], right=False)
    for widget in widgets:
        if not widget.settled:
            answer(widget)
    assert all(w.settled for w in widgets)
    states = store.question_states(LEARNER, COURSE, lesson.slug)
    assert {w.view.id for w in widgets} <= set(states)
    assert states[widgets[0].view.id].tries == 2
    mastery = quiz.mastery_for(first)
    scores = [w.score for w in widgets if w.view.graded]
    assert sum(scores) / len(scores) >= mastery  # one wrong try still masters the step
    assert first in store.completed_steps(LEARNER, COURSE, lesson.slug)
    assert view.navigator.labels[0].startswith("▶ 1.")  # current wins over the tick
    view.next.click()
    assert view.navigator.labels[0].startswith("✓ 1.")
    assert view.progress.text == (f"Step 2 of {len(lesson.steps)} · "
                                  f"{round(100 / len(lesson.steps))}% complete")


def test_summary_scores_and_retry_missed(lesson: Lesson, quiz: Quiz, store: ProgressStore,
                                         text_of: Any) -> None:
    view = open_view(lesson, quiz, store)
    missed_id = None
    for index in range(len(lesson.steps)):
        view.go(index)
        for widget in view.current_widgets:
            if missed_id is None and widget.view.max_tries == 1 and widget.view.graded:
                missed_id = widget.view.id
                answer(widget, right=False)
            else:
                answer(widget)
    assert missed_id is not None
    view.next.click()
    assert view.step_index == len(lesson.steps)
    assert view.summary.layout.display is None and view.next.disabled
    summary = view.summary.body.value
    assert "Lesson summary" in summary and "ml-chart" in summary
    for step in lesson.steps:
        assert step.title in summary
    for score in view.step_scores():
        assert f"{round(score.score * 100)}%</div>" in summary
    assert any(score.missed == 1 for score in view.step_scores())
    assert view.progress.text.startswith("Summary")
    assert view.summary.retry.description == "Retry missed questions (1)"
    assert not view.summary.retry.disabled
    view.summary.retry.click()
    widget = next(w for w in view.current_widgets if w.view.id == missed_id)
    assert not widget.settled and widget.feedback_text == ""
    answer(widget)
    assert widget.outcome == "correct"
    view.go(len(lesson.steps))
    assert view.summary.retry.disabled
    assert "Every question answered correctly" in text_of(view.summary)


def test_resume_restores_position_answers_feedback_and_score(
        lesson: Lesson, quiz: Quiz, tmp_path: Path) -> None:
    path = tmp_path / "resume.sqlite3"
    store = open_store(path)
    view = open_view(lesson, quiz, store)
    view.go(1)
    first, second = [w for w in view.current_widgets if w.view.max_tries >= 2][:2]
    answer(first, right=False)
    answer(first)
    answer(second, right=False)
    before = [(w.view.id, w.score, w.outcome, w.feedback_text, w.tries_left, w.settled)
              for w in view.current_widgets]
    store.close()

    again = open_store(path)
    resumed = open_view(lesson, quiz, again)
    assert resumed.step_index == 1
    after = [(w.view.id, w.score, w.outcome, w.feedback_text, w.tries_left, w.settled)
             for w in resumed.current_widgets]
    assert after == before
    restored = next(w for w in resumed.current_widgets if w.view.id == first.view.id)
    assert restored.settled and restored.check.disabled
    assert restored.response() == first.response()
    assert restored.score == pytest.approx(first.score) and restored.score < 1.0
    pending = next(w for w in resumed.current_widgets if w.view.id == second.view.id)
    assert not pending.settled and pending.tries_left == second.view.max_tries - 1
    assert "✗ Not quite" in pending.feedback_text or "◐" in pending.feedback_text
    answer(pending)
    assert pending.outcome == "correct" and pending.score == pytest.approx(0.75)
    assert again.question_states(LEARNER, COURSE, lesson.slug)[pending.view.id].tries == 2
    again.close()


def test_unavailable_store_keeps_the_lesson_working(lesson: Lesson, quiz: Quiz,
                                                    tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"this is not a database" * 100)
    store = open_store(damaged)
    assert not store.available
    view = open_view(lesson, quiz, store)
    widget = view.current_widgets[0]
    answer(widget)
    assert widget.outcome == "correct" and view.errors.shown == ""
    view.next.click()
    assert view.step_index == 1
    assert damaged.read_bytes() == b"this is not a database" * 100


def test_a_failing_save_is_shown_as_text(lesson: Lesson, quiz: Quiz, store: ProgressStore,
                                         monkeypatch: pytest.MonkeyPatch,
                                         text_of: Any) -> None:
    view = open_view(lesson, quiz, store)

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "record_attempt", broken)
    widget = view.current_widgets[0]
    answer(widget)
    assert "Something went wrong" in widget.errors.shown
    assert "disk on fire" in text_of(widget)


def secrets_of(quiz: Quiz) -> list[str]:
    """Texts only grading may reveal: explanations, hints, feedback, model answers."""
    texts: list[str] = []
    for question in quiz.questions:
        texts += [question.explanation, *question.hints, question.feedback_wrong]
        texts += [choice.feedback for choice in getattr(question, "choices", ())]
        texts += [pair.feedback for pair in getattr(question, "pairs", ())]
        texts.append(getattr(question, "model_answer", ""))
    runs = [max(re.findall(r"[A-Za-z0-9 ]+", text), key=len).strip() for text in texts if text]
    return [run for run in runs if len(run) >= 12]


def test_no_step_sends_the_key_before_answering(lesson: Lesson, quiz: Quiz,
                                                store: ProgressStore,
                                                browser_state: Any) -> None:
    view = open_view(lesson, quiz, store)
    secrets = secrets_of(quiz)
    assert len(secrets) > 20
    for index in range(len(lesson.steps)):
        view.go(index)
        sent = json.dumps(browser_state(view), ensure_ascii=False)
        leaked = [secret for secret in secrets if secret in sent]
        assert leaked == [], f"step {index + 1} sends {leaked[:2]}"
        assert "ml-feedback-correct" not in sent and "ml-feedback-wrong" not in sent
        for widget in view.current_widgets:
            key = widget.session.question.answer()
            ids = key if isinstance(key, list) else list(key.values()) if isinstance(
                key, dict) else [key]
            for value in ids:
                if isinstance(value, str) and len(value) == 12:  # an opaque option id
                    assert value not in sent
    widget = view.current_widgets[0]
    answer(widget, right=False)
    after = json.dumps(browser_state(widget), ensure_ascii=False)
    assert "ml-feedback-wrong" in after  # the check above could have seen feedback
