"""Hypothesis: any response gives Feedback or ResponseError; any quiz file, findings."""

from __future__ import annotations

import functools
import math
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediation_lessons.errors import Finding, QuizError, ResponseError
from mediation_lessons.loader import load_lesson
from mediation_lessons.quiz import Feedback, Quiz, check_quiz, load_quiz
from mediation_lessons.quiz.model import (
    Choice,
    Fill,
    Matching,
    Ordering,
    Pair,
    Question,
    Reflection,
    SingleChoice,
)

COMMON = {"step": "s", "prompt": "Q?", "source": "q"}
BUILT: list[Question] = [
    SingleChoice(id="a", choices=(Choice("x", True), Choice("y")), **COMMON),
    Ordering(id="b", items=("1", "2", "3"), **COMMON),
    Matching(id="c", pairs=(Pair("l1", "r1"), Pair("l2", "r1")), distractors=("r3",), **COMMON),
    Fill(id="d", answers=("word",), fuzzy=0.5, **COMMON),
    Reflection(id="e", model_answer="m", **COMMON),
]


@functools.cache
def known_ids(question: Question) -> list[str]:
    view = question.view()
    return [o.id for o in view.options + view.items + view.left + view.right] + ["true"]


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
    st.binary(max_size=10), st.just(math.inf),
)


def responses(ids: list[str]) -> st.SearchStrategy[object]:
    atoms = st.one_of(scalars, st.sampled_from(ids))
    return st.recursive(
        atoms,
        lambda children: st.one_of(
            st.lists(children, max_size=6),
            st.lists(children, max_size=6).map(tuple),
            st.frozensets(st.one_of(st.sampled_from(ids), st.text(max_size=3)), max_size=5),
            st.dictionaries(st.one_of(st.sampled_from(ids), st.text(max_size=5),
                                      st.sampled_from(["text", "rating"])), children,
                            max_size=5),
        ),
        max_leaves=12,
    )


def check(question: Question, response: object) -> None:
    try:
        feedback = question.grade(response)
    except ResponseError as error:
        assert str(error)
        return
    assert isinstance(feedback, Feedback)
    assert 0.0 <= feedback.score <= 1.0 and isinstance(feedback.correct, bool)
    assert isinstance(feedback.message, str)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_response_to_built_questions(data: st.DataObject) -> None:
    question = data.draw(st.sampled_from(BUILT))
    check(question, data.draw(responses(known_ids(question))))


@settings(max_examples=200, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_response_to_shipped_questions(shipped_quiz: Quiz, data: st.DataObject) -> None:
    question = data.draw(st.sampled_from(shipped_quiz.questions))
    check(question, data.draw(responses(known_ids(question))))


yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20),
    st.sampled_from(["no", "yes", "1.10", "2024-01-01", "~", "opening-the-talks", "single",
                     "multiple", "truefalse", "ordering", "matching", "fill", "reflection",
                     "The mediator opens by explaining the ground rules."]),
)
KEYS = ["id", "step", "type", "prompt", "source", "options", "items", "pairs", "answers",
        "answer", "text", "correct", "left", "right", "hints", "max_tries", "penalty",
        "fuzzy", "questions", "mastery", "model_answer", "shuffle", "step_mastery"]
yaml_data = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=5)), children,
                        max_size=6),
    ),
    max_leaves=25,
)
RAW = st.one_of(
    st.text(max_size=200),
    st.sampled_from(["!!python/object:os.system {}", "a: !!binary AAAA", "&a [*a]", "{a: 1",
                     "questions:\n  - !custom x", "? [a]\n: b", "<<: {a: 1}", "\x00", "---\n---"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_quiz_file_gives_findings_or_quiz_error(tmp_path: Path, data_dir: Path,
                                                    data: st.DataObject) -> None:
    article = tmp_path / "lesson.md"
    if not article.exists():
        shutil.copy(data_dir / "lesson.md", article)
    if data.draw(st.booleans()):
        text = yaml.safe_dump({"questions": data.draw(yaml_data)}, allow_unicode=True)
    else:
        text = data.draw(RAW)
    (tmp_path / "lesson.quiz.yaml").write_text(text, encoding="utf-8")
    lesson = load_lesson(article)
    findings = check_quiz(lesson)
    assert all(isinstance(f, Finding) and f.message.endswith((".", "?")) for f in findings)
    try:
        quiz = load_quiz(lesson)
    except QuizError as error:
        assert any(f.severity == "error" for f in findings), str(error)
        return
    assert not [f for f in findings if f.severity == "error"]
    for question in quiz.questions:
        assert question.grade(question.answer()).score == 1.0
