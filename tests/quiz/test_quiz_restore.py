"""QuestionSession.restore: rebuilding a session from saved responses, and the hint rule."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mediation_lessons.quiz import QuestionSession
from mediation_lessons.quiz.model import (
    Choice,
    Fill,
    Matching,
    Ordering,
    Pair,
    Reflection,
    SingleChoice,
    TrueFalse,
)

COMMON = {"step": "s", "prompt": "Q?", "source": "quote", "explanation": "Because."}
HINTS = ("first hint", "second hint", "third hint")


def single(max_tries: int = 3, penalty: float = 0.25, **changes: Any) -> SingleChoice:
    fields: dict[str, Any] = {
        "id": "q", "choices": (Choice("right", True), Choice("wrong", False, "No."),
                               Choice("other", False, "Nope.")),
        "hints": HINTS, "max_tries": max_tries, "penalty": penalty, **COMMON}
    fields.update(changes)
    return SingleChoice(**fields)


def option(question: SingleChoice, text: str) -> str:
    return next(o.id for o in question.view().options if o.text == text)


# -- the hint rule: one up front, one more after each wrong try ---------------------


def test_a_hint_used_before_trying_leaves_one_for_after_the_first_wrong_try() -> None:
    q = single()
    session = QuestionSession(q)
    assert session.next_hint() == "first hint"
    assert session.next_hint() is None
    session.submit(option(q, "wrong"))
    assert session.hint_available and session.next_hint() == "second hint"
    assert session.next_hint() is None
    session.submit(option(q, "other"))
    assert session.next_hint() == "third hint"


def test_hints_can_be_saved_up_and_taken_together() -> None:
    q = single(max_tries=4)
    session = QuestionSession(q)
    session.submit(option(q, "wrong"))
    session.submit(option(q, "other"))
    assert [session.next_hint() for _ in range(4)] == [*HINTS, None]


# -- restore -----------------------------------------------------------------------


def test_restore_replays_tries_with_penalty_feedback_and_explanation() -> None:
    q = single()
    session = QuestionSession.restore(q, [option(q, "wrong"), option(q, "right")], 2)
    assert session.tries == 2 and session.settled and session.correct
    assert session.score == pytest.approx(0.75)
    assert session.attempts[0].feedback.message == "No."
    assert session.explanation == "Because." and session.hints == HINTS[:2]


def test_restore_of_an_unfinished_question_leaves_its_tries_and_hints() -> None:
    q = single()
    session = QuestionSession.restore(q, [option(q, "wrong")], 1)
    assert (session.tries, session.tries_left, session.settled) == (1, 2, False)
    assert session.hints == HINTS[:1] and session.next_hint() == "second hint"
    assert session.submit(option(q, "right")).score == pytest.approx(0.75)


def test_a_response_to_a_removed_option_is_skipped() -> None:
    before = single()
    gone = option(before, "other")
    after = replace(before, choices=before.choices[:2])
    session = QuestionSession.restore(after, [gone, option(after, "wrong")])
    assert session.tries == 1 and session.attempts[0].response == option(after, "wrong")
    assert session.explanation is None


def test_a_changed_answer_key_gives_current_feedback_not_the_saved_one() -> None:
    before = single()
    saved = option(before, "wrong")
    assert before.grade(saved).correct is False
    after = replace(before, choices=(Choice("right", False), Choice("wrong", True, "Yes!"),
                                     Choice("other", False)))
    session = QuestionSession.restore(after, [saved])
    assert session.correct and session.settled and session.attempts[0].feedback.message == "Yes!"


@pytest.mark.parametrize("junk", [
    None, 3, 2.5, True, "", "no-such-id", [], ["x"], {"text": 1}, {"a": "b"}, [[1]],
    {"nested": {"deep": [1, 2]}}, "x" * 5000,
])
def test_junk_never_raises_and_uses_no_try(junk: object) -> None:
    for question in (single(), TrueFalse(id="t", truth=True, **COMMON),
                     Fill(id="f", answers=("yes",), **COMMON),
                     Ordering(id="o", items=("a", "b", "c"), **COMMON),
                     Matching(id="m", pairs=(Pair("a", "1"), Pair("b", "2")), **COMMON),
                     Reflection(id="r", model_answer="M", **COMMON)):
        if (question.kind, type(junk)) in {("truefalse", bool), ("fill", str)}:
            continue  # a real response of that kind
        session = QuestionSession.restore(question, [junk])
        assert session.tries == 0 and not session.settled and session.score == 0.0


def test_responses_after_settling_are_ignored_and_fewer_tries_settle_sooner() -> None:
    q = single()
    wrong, right = option(q, "wrong"), option(q, "right")
    assert QuestionSession.restore(q, [right, wrong, wrong]).correct
    fewer = replace(q, max_tries=1)
    session = QuestionSession.restore(fewer, [wrong, wrong, right])
    assert session.tries == 1 and session.settled and not session.correct


@pytest.mark.parametrize(("saved", "wrong", "expected"), [
    (0, 0, 0), (1, 0, 1), (3, 0, 1), (3, 1, 2), (99, 2, 3), (-4, 1, 0), (True, 1, 0),
    ("2", 1, 0), (None, 1, 0),
])
def test_restored_hints_stay_within_the_rule(saved: Any, wrong: int, expected: int) -> None:
    q = single(max_tries=4)
    responses = [option(q, "wrong")] * wrong
    assert QuestionSession.restore(q, responses, saved).hints_revealed == expected


def test_an_unrated_reflection_is_not_a_try_and_a_rated_one_is() -> None:
    q = Reflection(id="r", model_answer="Listen first.", **COMMON)
    assert QuestionSession.restore(q, [{"text": "mine"}]).tries == 0
    rated = QuestionSession.restore(q, [{"text": "mine"}, {"text": "mine", "rating": 0.5}])
    assert rated.settled and rated.score == 0.5


responses = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                                 max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(responses | st.sampled_from(["right", "wrong", "other"]), max_size=8),
       st.integers(-3, 9))
def test_any_saved_data_restores_without_raising(saved: list[Any], hints: int) -> None:
    q = single()
    ids = {text: option(q, text) for text in ("right", "wrong", "other")}
    data = [ids.get(r, r) if isinstance(r, str) else r for r in saved]
    session = QuestionSession.restore(q, data, hints)
    assert 0 <= session.tries <= q.max_tries
    assert 0 <= session.hints_revealed <= min(len(HINTS), 1 + session.wrong_tries)
    assert 0.0 <= session.score <= 1.0
    assert session.settled == (session.correct or session.tries == q.max_tries)
