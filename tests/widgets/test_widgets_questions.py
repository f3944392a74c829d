"""Question widgets without a kernel: build, set values, click, read traits and text."""

from __future__ import annotations

import json
from typing import Any

import pytest

from mediation_lessons.quiz.model import (
    Choice,
    Fill,
    Matching,
    MultipleSelect,
    Ordering,
    Pair,
    Question,
    Reflection,
    SingleChoice,
    TrueFalse,
)
from mediation_lessons.quiz.session import Attempt, QuestionSession
from mediation_lessons.widgets.questions import (
    WIDGETS,
    FillWidget,
    MatchingWidget,
    MultipleSelectWidget,
    OrderingWidget,
    QuestionWidget,
    ReflectionWidget,
    SingleChoiceWidget,
    TrueFalseWidget,
    question_widget,
)

COMMON: dict[str, Any] = {"step": "s", "source": "quoted",
                          "explanation": "Because the text says so."}


def single(correct: int = 1, **extra: Any) -> SingleChoice:
    texts = ["Alpha", "Bravo", "Charlie"]
    return SingleChoice(id="q-single", prompt="Pick *one*.", **{**COMMON, **extra},
                        choices=tuple(Choice(t, i == correct) for i, t in enumerate(texts)))


def multiple(correct: tuple[int, ...] = (0, 2)) -> MultipleSelect:
    texts = ["Red", "Green", "Blue", "Black"]
    return MultipleSelect(id="q-multi", prompt="Pick all.", **COMMON, penalty=0.25,
                          choices=tuple(Choice(t, i in correct) for i, t in enumerate(texts)))


def truefalse(truth: bool = True) -> TrueFalse:
    return TrueFalse(id="q-tf", prompt="Is it so?", truth=truth, max_tries=1, **COMMON)


def ordering() -> Ordering:
    return Ordering(id="q-order", prompt="Order them.", items=("First", "Second", "Third"),
                    **COMMON)


def matching(rights: tuple[str, str] = ("One", "Two")) -> Matching:
    return Matching(id="q-match", prompt="Match them.", **COMMON,
                    pairs=(Pair("A", rights[0]), Pair("B", rights[1])), distractors=("Zero",))


def fill(answer: str = "mediator") -> Fill:
    return Fill(id="q-fill", prompt="The ____ helps.", answers=(answer,), **COMMON)


def reflection(model: str = "A neutral helper.") -> Reflection:
    return Reflection(id="q-refl", prompt="Reflect.", model_answer=model, **COMMON)


class Recorder:
    """A listener that keeps what the widget reports."""

    def __init__(self) -> None:
        self.attempts: list[tuple[Any, Attempt]] = []
        self.hints = 0

    def attempted(self, widget: QuestionWidget, response: Any, attempt: Attempt) -> None:
        self.attempts.append((response, attempt))

    def hinted(self, widget: QuestionWidget) -> None:
        self.hints += 1


def build(question: Question, listener: Recorder | None = None) -> QuestionWidget:
    return question_widget(question.view("seed"), QuestionSession(question), listener)


def test_every_kind_has_a_widget_with_its_classes() -> None:
    for question in (single(), multiple(), truefalse(), ordering(), matching(), fill(),
                     reflection()):
        widget = build(question)
        assert type(widget) is WIDGETS[question.kind]
        assert {"ml-question", f"ml-question-{question.kind}"} <= set(widget._dom_classes)
        assert "ml-check" in widget.check._dom_classes
        assert "ml-feedback" in widget.feedback._dom_classes
        assert widget.feedback_text == ""
        assert question.prompt.strip("*.").split()[0] in widget.prompt.value


def test_single_starts_empty_and_checking_nothing_costs_no_try() -> None:
    recorder = Recorder()
    widget = build(single(), recorder)
    assert isinstance(widget, SingleChoiceWidget)
    assert widget.choices.index is None and widget.choices.value is None
    widget.check.click()
    assert "Choose an answer" in widget.feedback_text
    assert widget.tries_left == 3 and recorder.attempts == []


def test_single_wrong_then_right() -> None:
    recorder = Recorder()
    question = single()
    widget = build(question, recorder)
    labels = list(widget.choices.options)
    wrong = next(i for i, (label, _id) in enumerate(labels) if label != "Bravo")
    widget.choices.index = wrong
    widget.check.click()
    assert "✗ Not quite" in widget.feedback_text and "Try again" in widget.feedback_text
    assert "Tries left: 2" in widget.tries.value
    assert widget.outcome == "wrong" and not widget.settled
    assert widget.explanation.value == ""
    widget.check.click()  # the same answer again is not a new try
    assert len(recorder.attempts) == 1 and "already checked" in widget.feedback_text
    widget.choices.value = question.answer()
    widget.check.click()
    assert "✓ Correct" in widget.feedback_text
    assert widget.settled and widget.check.disabled and widget.choices.disabled
    assert "Because the text says so." in widget.explanation.value
    assert [a.feedback.correct for _r, a in recorder.attempts] == [False, True]


def test_out_of_tries_settles_with_the_explanation() -> None:
    widget = build(truefalse(truth=True))
    assert isinstance(widget, TrueFalseWidget)
    assert widget.choices.index is None
    assert [label for label, _v in widget.choices.options] == ["True", "False"]
    widget.choices.value = False
    widget.check.click()
    assert widget.settled and "No tries left" in widget.feedback_text
    assert "✗" in widget.feedback_text
    assert "Because the text says so." in widget.explanation.value


def test_multiple_select_uses_labelled_checkboxes() -> None:
    question = multiple()
    widget = build(question)
    assert isinstance(widget, MultipleSelectWidget)
    assert sorted(box.description for box in widget.boxes) == ["Black", "Blue", "Green", "Red"]
    assert not any(box.value for box in widget.boxes)
    widget.check.click()
    assert "Tick at least one" in widget.feedback_text
    by_text = {box.description: box for box in widget.boxes}
    by_text["Red"].value = True
    widget.check.click()
    assert widget.outcome == "partial" and "◐ Partly right" in widget.feedback_text
    by_text["Blue"].value = True
    widget.check.click()
    assert widget.outcome == "correct" and widget.settled
    assert widget.score == pytest.approx(0.75)  # one wrong try costs the 0.25 penalty


def test_ordering_moves_with_up_and_down_buttons() -> None:
    question = ordering()
    widget = build(question)
    assert isinstance(widget, OrderingWidget)
    assert widget.item_texts == [item.text for item in widget.view.items]
    assert widget.item_texts != ["First", "Second", "Third"]
    for _ in range(3):  # bubble sort with the buttons, as a learner would
        for text in ["First", "Second", "Third"]:
            while widget.item_texts.index(text) > ["First", "Second", "Third"].index(text):
                item = widget.order[widget.item_texts.index(text)]
                widget._rows[item][1].click()
    assert widget.item_texts == ["First", "Second", "Third"]
    first_row = widget.list_box.children[0]
    assert first_row.children[0].disabled  # "Up" on the first item
    assert "1. First" in first_row.children[2].value
    widget.check.click()
    assert widget.outcome == "correct"
    assert all(row.children[0].disabled and row.children[1].disabled
               for row in widget.list_box.children)


def test_matching_dropdowns_start_at_choose() -> None:
    question = matching()
    widget = build(question)
    assert isinstance(widget, MatchingWidget)
    for box in widget.dropdowns.values():
        assert box.value is None and box.label == "Choose…"
        assert box.description == "Matches"
    widget.check.click()
    assert "Choose a match" in widget.feedback_text
    for left, right in question.answer().items():
        widget.dropdowns[left].value = right
    widget.check.click()
    assert widget.outcome == "correct"


def test_fill_submits_on_enter_once_per_new_text() -> None:
    recorder = Recorder()
    widget = build(fill(), recorder)
    assert isinstance(widget, FillWidget)
    assert widget.text.description == "Your answer" and not widget.text.continuous_update
    widget.text.value = "judge"  # what Enter does with continuous_update=False
    assert "✗ Not quite" in widget.feedback_text and len(recorder.attempts) == 1
    widget.check.click()  # unchanged text: no second try
    assert len(recorder.attempts) == 1
    widget.text.value = "  Mediator "
    assert "✓ Correct" in widget.feedback_text and widget.text.disabled


def test_hints_come_one_at_a_time() -> None:
    recorder = Recorder()
    question = single(hints=("First hint.", "Second hint."))
    widget = build(question, recorder)
    assert widget.hint.description == "Show hint (2 left)" and not widget.hint.disabled
    widget.hint.click()
    assert "First hint." in widget.hint_area.value and "Second" not in widget.hint_area.value
    assert widget.hint.disabled  # the next one comes after a wrong try
    wrong = next(v for _l, v in widget.choices.options if v != question.answer())
    widget.choices.value = wrong  # one wrong try opens the next hint
    widget.check.click()
    assert not widget.hint.disabled and not widget.settled and widget.tries_left == 2
    assert widget.hint.tooltip == "Reveals one hint; another opens after each wrong try."
    widget.hint.click()
    assert "Second hint." in widget.hint_area.value and widget.hints_shown == 2
    assert widget.hint.description == "No more hints" and recorder.hints == 2
    assert widget.hint.layout.display is None
    widget.choices.value = question.answer()
    widget.check.click()
    assert recorder.attempts[-1][1].hints_used == 2
    assert widget.settled and widget.hint.layout.display == "none"
    assert "Second hint." in widget.hint_area.value  # hints already read stay shown


def test_a_settled_question_offers_no_hint_it_no_longer_needs() -> None:
    question = single(hints=("First hint.", "Second hint."))
    widget = build(question, Recorder())
    assert widget.hint.layout.display is None
    widget.choices.value = question.answer()
    widget.check.click()
    assert widget.settled and widget.hint.layout.display == "none"
    assert "Show hint" not in widget.tries.value + widget.feedback_text


def test_reflection_shows_the_model_answer_then_takes_a_rating() -> None:
    recorder = Recorder()
    widget = build(reflection(), recorder)
    assert isinstance(widget, ReflectionWidget)
    assert widget.check.description == "Show model answer"
    assert widget.rating_box.layout.display == "none"
    assert "neutral helper" not in widget.model_answer.value
    widget.check.click()
    assert "Write your answer" in widget.feedback_text
    widget.text.value = "Someone who helps both sides talk."
    widget.check.click()
    assert "A neutral helper." in widget.model_answer.value
    assert widget.rating_box.layout.display is None and widget.rating.index is None
    assert recorder.attempts == []
    widget.rate.click()
    assert "Choose how close" in widget.feedback_text
    widget.rating.value = 0.5
    widget.rate.click()
    assert widget.settled and "Partly" in widget.feedback_text
    assert recorder.attempts[0][0] == {"text": "Someone who helps both sides talk.",
                                       "rating": 0.5}


def test_a_response_error_is_shown_not_raised() -> None:
    widget = build(single())
    widget.session.submit(widget.session.question.answer())  # settled behind its back
    widget.choices.index = 0
    widget.check.click()
    assert "already settled" in widget.errors.shown
    assert widget.errors.layout.display is None


# -- the answer key never reaches the browser ---------------------------------

KEY_PAIRS = [
    (single(correct=0), single(correct=2)),
    (multiple(correct=(0,)), multiple(correct=(1, 3))),
    (truefalse(True), truefalse(False)),
    (fill("mediator"), fill("arbitrator")),
    (reflection("Model one."), reflection("Model two.")),
]


@pytest.mark.parametrize("pair", KEY_PAIRS, ids=lambda pair: pair[0].kind)
def test_browser_state_does_not_depend_on_the_key(pair: tuple[Question, Question],
                                                  browser_state: Any) -> None:
    """Two questions that differ only in their answer give the browser the same state."""
    first, second = (build(question) for question in pair)
    assert browser_state(first) == browser_state(second)


@pytest.mark.parametrize("question", [single(), multiple(), truefalse(), ordering(), matching(),
                                      fill(), reflection()], ids=lambda q: q.kind)
def test_nothing_in_the_state_marks_the_answer(question: Question, browser_state: Any) -> None:
    widget = build(question)
    text = json.dumps(browser_state(widget)).lower()
    for word in ("correct", "answer-key", "right answer", "because the text says so"):
        assert word not in text
    if question.kind == "reflection":
        assert "a neutral helper" not in text
    if question.kind in ("single", "multiple"):
        labels = (list(widget.choices._options_labels) if question.kind == "single"
                  else [box.description for box in widget.boxes])
        assert labels == [option.text for option in widget.view.options]
    if question.kind == "matching":
        labels = [box._options_labels for box in widget.dropdowns.values()]
        assert all(lab == ("Choose…", *[o.text for o in widget.view.right]) for lab in labels)
