"""The shipped mediation quiz: complete, correct answer key, and views with no key."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from typing import Any

import pytest

from mediation_lessons.model import Lesson
from mediation_lessons.quiz import Question, Quiz, check_quiz
from mediation_lessons.quiz.model import KINDS, ChoiceQuestion, Matching, Ordering, TrueFalse
from mediation_lessons.quiz.text import compare_key

SEEDS = [f"learner-{n}" for n in range(25)]


def wrong_response(question: Question) -> Any:
    """A response that is not the answer, built from the view the learner sees."""
    key = question.answer()
    view = question.view("wrong")
    if question.kind == "single":
        return next(o.id for o in view.options if o.id != key)
    if question.kind == "multiple":
        return [o.id for o in view.options if o.id not in key][:1]
    if question.kind == "truefalse":
        return not key
    if question.kind == "ordering":
        return list(reversed(key))
    if question.kind == "matching":
        rights = list(key.values())
        return dict(zip(key, rights[1:] + rights[:1], strict=True))
    if question.kind == "fill":
        return "zzz qqq"
    return {"text": "I am not sure.", "rating": 0.0}


def test_check_passes_on_shipped_course(shipped_lesson: Lesson) -> None:
    assert check_quiz(shipped_lesson) == []


def test_every_answer_is_correct_with_full_score(shipped_quiz: Quiz) -> None:
    for question in shipped_quiz.questions:
        feedback = question.grade(question.answer())
        assert feedback.correct and feedback.score == 1.0, question.id
        # The exported key survives a JSON round trip in the shape grade accepts.
        again = question.grade(json.loads(json.dumps(question.answer())))
        assert again.correct and again.score == 1.0, question.id


def test_every_wrong_response_scores_below_one(shipped_quiz: Quiz) -> None:
    for question in shipped_quiz.questions:
        feedback = question.grade(wrong_response(question))
        assert feedback.score < 1.0, question.id
        if question.graded:
            assert not feedback.correct, question.id
            assert feedback.message, question.id


def test_mediation_quiz_covers_every_step_and_kind(
    shipped_lesson: Lesson, shipped_quiz: Quiz
) -> None:
    per_step = Counter(q.step for q in shipped_quiz.questions)
    assert len(shipped_lesson.steps) == 6
    for step in shipped_lesson.steps:
        assert per_step[step.slug] >= 3, step.slug
    assert {q.kind for q in shipped_quiz.questions} == set(KINDS)
    assert shipped_quiz.origin == "file"


def test_every_question_has_hints_and_wrong_feedback(shipped_quiz: Quiz) -> None:
    for q in shipped_quiz.questions:
        assert q.hints, q.id
        if isinstance(q, ChoiceQuestion):
            assert all(c.feedback for c in q.choices if not c.correct), q.id
        elif isinstance(q, TrueFalse):
            assert (q.feedback_false if q.truth else q.feedback_true), q.id
        elif isinstance(q, Matching):
            assert all(p.feedback for p in q.pairs), q.id
        elif q.graded:
            assert q.feedback_wrong, q.id


def test_binding_contradiction_is_explained_not_tested(shipped_quiz: Quiz) -> None:
    explained = [q for q in shipped_quiz.questions if "contradicts" in q.explanation]
    assert explained
    for q in shipped_quiz.questions:
        graded_text = " ".join([q.prompt, q.source, *q.hints, json.dumps(q.to_dict()["answer"]),
                                json.dumps(q.parts()),
                                json.dumps(getattr(q, "answers", []))]).lower()
        if isinstance(q, ChoiceQuestion):
            graded_text += " ".join(c.text for c in q.choices).lower()
        for word in ("binding", "enforceable", "legally"):
            assert word not in graded_text, (q.id, word)


def test_true_false_answers_are_not_all_the_same(shipped_quiz: Quiz) -> None:
    truths = [q.truth for q in shipped_quiz.questions if isinstance(q, TrueFalse)]
    assert len(truths) >= 3 and 0 < sum(truths) < len(truths)
    assert abs(sum(truths) - (len(truths) - sum(truths))) <= 1, truths


def test_every_source_quote_is_in_its_own_step(shipped_lesson: Lesson,
                                               shipped_quiz: Quiz) -> None:
    for q in shipped_quiz.questions:
        step = shipped_lesson.step(q.step)
        assert compare_key(q.source) in compare_key(step.text), q.id


def _strings(data: Any) -> list[str]:
    if isinstance(data, dict):
        return [*map(str, data), *(s for v in data.values() for s in _strings(v))]
    if isinstance(data, list):
        return [s for item in data for s in _strings(item)]
    return [data] if isinstance(data, str) else []


def _secrets(question: Question) -> list[str]:
    """Texts that only the answer key may hold."""
    secrets = [question.explanation, question.feedback_wrong, question.source, *question.hints]
    if isinstance(question, ChoiceQuestion):
        secrets += [c.feedback for c in question.choices]
    if isinstance(question, TrueFalse):
        secrets += [question.feedback_true, question.feedback_false]
    if isinstance(question, Matching):
        secrets += [p.feedback for p in question.pairs]
    secrets += [str(getattr(question, "model_answer", ""))]
    return [s for s in secrets if s and len(s) > 3]


@pytest.mark.parametrize("seed", SEEDS[:5])
def test_views_hold_no_answer_key(shipped_quiz: Quiz, seed: str) -> None:
    for question in shipped_quiz.questions:
        data = question.view(seed).to_dict()
        text = json.dumps(data, ensure_ascii=False)
        assert not re.search(r"correct|feedback|explanation|answer|source|truth", str(
            [k for k in _keys(data)])), question.id
        strings = _strings(data)
        for secret in _secrets(question):
            assert secret not in strings and secret not in text, (question.id, secret)
        if question.kind == "fill":
            for accepted in question.answers:  # type: ignore[attr-defined]
                assert not re.search(rf"\b{re.escape(accepted)}\b", text, re.I), question.id
        for option in data["options"] + data["items"] + data["left"] + data["right"]:
            assert set(option) == {"id", "text", "html"}
            assert re.fullmatch(r"[0-9a-f]{12}|true|false", option["id"]), question.id


def _keys(data: Any) -> list[str]:
    if isinstance(data, dict):
        return [*data, *(k for v in data.values() for k in _keys(v))]
    if isinstance(data, list):
        return [k for item in data for k in _keys(item)]
    return []


def test_views_do_not_order_correct_options(shipped_quiz: Quiz) -> None:
    for question in shipped_quiz.questions:
        if not isinstance(question, ChoiceQuestion):
            continue
        key = question.answer()
        correct = {key} if isinstance(key, str) else set(key)
        positions = defaultdict(set)
        for seed in SEEDS:
            ids = [o.id for o in question.view(seed).options]
            for index, option_id in enumerate(ids):
                positions[option_id].add(index)
            # Correct options are not grouped first, nor last, for every learner.
        first = {min(i for i in range(len(question.choices))
                     if [o.id for o in question.view(s).options][i] in correct) for s in SEEDS}
        assert len(first) > 1, question.id
        assert all(len(positions[c]) > 1 for c in correct), question.id
        assert question.view("ann") == question.view("ann")


def test_ordering_and_matching_views_hide_the_order(shipped_quiz: Quiz) -> None:
    for question in shipped_quiz.questions:
        for seed in SEEDS:
            view = question.view(seed)
            if isinstance(question, Ordering):
                assert [o.id for o in view.items] != question.answer(), question.id
            if isinstance(question, Matching):
                key = question.answer()
                assert [key[o.id] for o in view.left] != [o.id for o in view.right][
                    : len(view.left)], question.id


def test_prompts_are_sanitized_html(shipped_quiz: Quiz) -> None:
    for question in shipped_quiz.questions:
        prompt = question.view().prompt
        assert prompt.startswith("<p>") and "<script" not in prompt, question.id
