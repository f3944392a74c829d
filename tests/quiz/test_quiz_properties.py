"""Hypothesis: any response to any question gives Feedback or ResponseError."""

from __future__ import annotations

import functools
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediation_lessons.errors import ResponseError
from mediation_lessons.quiz import Feedback, Quiz
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
