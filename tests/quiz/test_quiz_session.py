"""QuestionSession: tries, hints between tries, penalties, settling, explanation."""

from __future__ import annotations

import pytest

from mediation_lessons.errors import ResponseError
from mediation_lessons.quiz import QuestionSession
from mediation_lessons.quiz.grading import mastered, score_after_penalty, step_score
from mediation_lessons.quiz.model import Choice, MultipleSelect, Reflection, SingleChoice

COMMON = {"step": "s", "prompt": "Q?", "source": "quote", "explanation": "Because."}


def question(max_tries: int = 3, penalty: float = 0.25) -> SingleChoice:
    return SingleChoice(id="q", choices=(Choice("right", True), Choice("wrong", False, "No."),
                                         Choice("other", False, "Nope.")),
                        hints=("first hint", "second hint"), max_tries=max_tries,
                        penalty=penalty, **COMMON)


def option(q: SingleChoice | MultipleSelect, text: str) -> str:
    return next(o.id for o in q.view().options if o.text == text)


def test_penalty_per_wrong_try_and_explanation_once_settled() -> None:
    q = question()
    session = QuestionSession(q)
    assert session.explanation is None and not session.settled and session.tries_left == 3
    first = session.submit(option(q, "wrong"))
    assert (first.try_number, first.score, first.settled) == (1, 0.0, False)
    assert session.explanation is None
    second = session.submit(option(q, "right"))
    assert second.settled and second.score == pytest.approx(0.75)
    assert session.score == pytest.approx(0.75) and session.correct
    assert session.explanation == "Because." and session.tries_left == 0
    with pytest.raises(ResponseError, match="settled"):
        session.submit(option(q, "right"))


def test_out_of_tries_settles_with_zero() -> None:
    q = question(max_tries=2)
    session = QuestionSession(q)
    session.submit(option(q, "wrong"))
    last = session.submit(option(q, "other"))
    assert last.settled and session.settled and not session.correct and session.score == 0.0
    assert session.explanation == "Because."


def test_hints_one_at_a_time_between_tries() -> None:
    q = question()
    session = QuestionSession(q)
    assert session.next_hint() == "first hint"
    assert session.next_hint() is None  # the next one waits for a wrong try
    session.submit(option(q, "wrong"))
    session.submit(option(q, "other"))
    assert session.next_hint() == "second hint"
    assert session.next_hint() is None and session.hints == ("first hint", "second hint")


def test_no_hints_after_settling_and_attempt_records_hints_used() -> None:
    q = question()
    session = QuestionSession(q)
    session.next_hint()
    attempt = session.submit(option(q, "right"))
    assert attempt.hints_used == 1 and attempt.score == 1.0
    assert not session.hint_available and session.next_hint() is None


def test_malformed_response_does_not_use_a_try() -> None:
    session = QuestionSession(question())
    with pytest.raises(ResponseError):
        session.submit(42)
    assert session.tries == 0


def test_partial_credit_less_penalty_never_negative() -> None:
    q = MultipleSelect(id="m", choices=(Choice("a", True), Choice("b", True), Choice("c")),
                       penalty=0.5, max_tries=3, **COMMON)
    session = QuestionSession(q)
    session.submit([option(q, "c")])
    session.submit([option(q, "c")])
    last = session.submit([option(q, "a")])
    assert last.settled and last.score == 0.0  # 0.5 credit - 2 x 0.5 penalty, floored
    assert score_after_penalty(0.5, 0.5, 2) == 0.0 and score_after_penalty(1, 0.1, 1) == 0.9


def test_reflection_session_needs_rating() -> None:
    q = Reflection(id="r", model_answer="Model.", **COMMON)
    session = QuestionSession(q)
    look = session.submit({"text": "mine"})
    assert "Model." in look.feedback.message and not session.settled and session.tries == 0
    rated = session.submit({"text": "mine", "rating": 0.5})
    assert rated.settled and session.score == 0.5


def test_step_score_and_mastery() -> None:
    graded, ungraded = question(), Reflection(id="r", model_answer="m", **COMMON)
    assert step_score([graded, ungraded], {"q": 0.75, "r": 0.0}) == 0.75
    assert step_score([ungraded], {}) is None and mastered(None, 0.8)
    assert mastered(0.8, 0.8) and not mastered(0.79, 0.8)
    assert step_score([graded], {}) == 0.0
