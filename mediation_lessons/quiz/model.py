"""Questions, the feedback grading gives, and the answer-free view the browser gets.

Each question kind is a frozen dataclass whose ``grade(response)`` is a pure
function: a response in, a :class:`Feedback` out, or a
:class:`~mediation_lessons.errors.ResponseError` when the response does not
have the shape the kind documents. Nothing here imports a widget.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from ..errors import ResponseError
from .text import (
    answer_key,
    number_value,
    numeric_answers,
    opaque_id,
    render_block,
    render_inline,
    same_number,
    similarity,
)

KINDS = ("single", "multiple", "truefalse", "ordering", "matching", "fill", "reflection")
"""Every question kind, in the order authors usually meet them."""

MAX_FILL = 1000
"""Longest fill-in answer graded; longer ones are malformed."""

RIGHT = "Correct."
WRONG = "Not quite."


@dataclass(frozen=True)
class PartFeedback:
    """Feedback on one part of a response: an option, an item or a pair."""

    part: str
    correct: bool
    message: str = ""


@dataclass(frozen=True)
class Feedback:
    """The result of grading one response."""

    correct: bool
    score: float
    """Credit in [0, 1] before any penalty for earlier tries."""
    message: str
    detail: tuple[PartFeedback, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The feedback as plain JSON data."""
        return {
            "correct": self.correct,
            "score": self.score,
            "message": self.message,
            "detail": [vars(part).copy() for part in self.detail],
        }


@dataclass(frozen=True)
class ViewOption:
    """One thing the learner can pick or place, under an opaque id."""

    id: str
    text: str
    html: str


@dataclass(frozen=True)
class QuestionView:
    """All the browser may know about a question: no key, no feedback, no explanation."""

    id: str
    kind: str
    step: str
    prompt: str
    """Sanitized HTML."""
    options: tuple[ViewOption, ...] = ()
    """Choices of ``single``/``multiple``/``truefalse`` questions, shuffled by seed."""
    items: tuple[ViewOption, ...] = ()
    """Items of an ``ordering`` question, never in the answer order."""
    left: tuple[ViewOption, ...] = ()
    """Items to match of a ``matching`` question."""
    right: tuple[ViewOption, ...] = ()
    """Choices a ``matching`` item can be matched with, shuffled."""
    hint_count: int = 0
    max_tries: int = 1
    graded: bool = True

    def to_dict(self) -> dict[str, Any]:
        """The view as plain JSON data."""
        data: dict[str, Any] = dict(vars(self))
        for name in ("options", "items", "left", "right"):
            data[name] = [vars(option).copy() for option in getattr(self, name)]
        return data


@dataclass(frozen=True)
class Choice:
    """An option of a choice question, with what to tell a learner who picks it."""

    text: str
    correct: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class Pair:
    """A left item and the right choice it matches; feedback when mismatched."""

    left: str
    right: str
    feedback: str = ""


def _ids(question_id: str, role: str, texts: Sequence[str]) -> list[str]:
    """Opaque ids for ``texts``; repeated texts get distinct ids."""
    seen: dict[str, int] = {}
    ids = []
    for text in texts:
        seen[text] = seen.get(text, -1) + 1
        ids.append(opaque_id(question_id, role, text, seen[text]))
    return ids


def _option(id_: str, text: str) -> ViewOption:
    return ViewOption(id=id_, text=text, html=render_inline(text))


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _string_ids(response: object, kind: str, shape: str) -> list[str]:
    if isinstance(response, (str, bytes)) or not isinstance(
        response, (list, tuple, set, frozenset)
    ):
        raise ResponseError(
            f"A {kind} response is {shape}, not {_describe(response)}. "
            "Send the option ids from the question's view."
        )
    items = list(response)
    for item in items:
        if not isinstance(item, str):
            raise ResponseError(
                f"A {kind} response holds option ids (strings), not {_describe(item)}. "
                "Send the option ids from the question's view."
            )
    return items


def _unknown(kind: str, value: object) -> ResponseError:
    return ResponseError(
        f"{_describe(value)} is not an option of this {kind} question. "
        "Send an id from the question's view."
    )


@dataclass(frozen=True, kw_only=True)
class Question:
    """Fields every question kind shares; see the subclasses for response shapes."""

    kind: ClassVar[str] = ""
    graded: ClassVar[bool] = True

    id: str
    step: str
    """Slug of the step the question belongs to."""
    prompt: str
    """Markdown, rendered and sanitized in :meth:`view`."""
    source: str
    """A short quote from the step that answers the question."""
    hints: tuple[str, ...] = ()
    explanation: str = ""
    max_tries: int = 3
    penalty: float = 0.0
    """Credit lost for each wrong try before the one that counts."""
    shuffle: bool = True
    feedback_wrong: str = ""
    """Shown on a wrong response when no more specific feedback applies."""
    line: int | None = None
    """Line of the question in its quiz file."""

    def grade(self, response: object) -> Feedback:
        """Grade ``response``; raise :class:`ResponseError` if it is malformed."""
        raise NotImplementedError

    def answer(self) -> Any:
        """A response that :meth:`grade` marks correct with score 1."""
        raise NotImplementedError

    def view(self, seed: object = 0) -> QuestionView:
        """What the browser gets, options shuffled by ``seed`` (per learner)."""
        rng = random.Random(f"{seed}\x00{self.id}")
        return QuestionView(
            id=self.id,
            kind=self.kind,
            step=self.step,
            prompt=render_block(self.prompt),
            hint_count=len(self.hints),
            max_tries=self.max_tries,
            graded=self.graded,
            **self._view_parts(rng),
        )

    def _view_parts(self, rng: random.Random) -> dict[str, tuple[ViewOption, ...]]:
        return {}

    def _wrong(self, specific: str = "") -> str:
        return specific or self.feedback_wrong or WRONG

    def parts(self) -> dict[str, Any]:
        """Kind-specific content for an answer key (ids with their texts)."""
        return {}

    def to_dict(self) -> dict[str, Any]:
        """The question with its answer, as an instructor's key."""
        return {
            "id": self.id,
            "step": self.step,
            "type": self.kind,
            "prompt": self.prompt,
            **self.parts(),
            "answer": self.answer(),
            "source": self.source,
            "hints": list(self.hints),
            "explanation": self.explanation,
            "max_tries": self.max_tries,
            "penalty": self.penalty,
        }


@dataclass(frozen=True, kw_only=True)
class ChoiceQuestion(Question):
    """Options to pick from, shown under opaque ids and shuffled unless ``shuffle`` is off."""

    choices: tuple[Choice, ...]

    @cached_property
    def _by_id(self) -> dict[str, Choice]:
        texts = [choice.text for choice in self.choices]
        return dict(zip(_ids(self.id, "option", texts), self.choices, strict=True))

    def _view_parts(self, rng: random.Random) -> dict[str, tuple[ViewOption, ...]]:
        options = [_option(id_, choice.text) for id_, choice in self._by_id.items()]
        if self.shuffle:
            rng.shuffle(options)
        return {"options": tuple(options)}

    def parts(self) -> dict[str, Any]:
        return {"options": [{"id": k, "text": c.text} for k, c in self._by_id.items()]}


@dataclass(frozen=True, kw_only=True)
class SingleChoice(ChoiceQuestion):
    """One correct option. Response: the option id (``str``) from the view."""

    kind: ClassVar[str] = "single"

    def grade(self, response: object) -> Feedback:
        if not isinstance(response, str):
            raise ResponseError(
                f"A single-choice response is one option id (a string), not "
                f"{_describe(response)}. Send an id from the question's view."
            )
        choice = self._by_id.get(response)
        if choice is None:
            raise _unknown(self.kind, response)
        if choice.correct:
            return Feedback(True, 1.0, choice.feedback or RIGHT,
                            (PartFeedback(response, True, choice.feedback),))
        message = self._wrong(choice.feedback)
        return Feedback(False, 0.0, message, (PartFeedback(response, False, message),))

    def answer(self) -> str:
        return next(k for k, c in self._by_id.items() if c.correct)


@dataclass(frozen=True, kw_only=True)
class MultipleSelect(ChoiceQuestion):
    """Several correct options.

    Response: a list (or set) of option ids. Credit is the share of correct
    options picked minus the share of wrong options picked, never below 0.
    """

    kind: ClassVar[str] = "multiple"

    def grade(self, response: object) -> Feedback:
        picked = set(_string_ids(response, "multiple-select", "a list of option ids"))
        for id_ in picked:
            if id_ not in self._by_id:
                raise _unknown(self.kind, id_)
        right = {k for k, c in self._by_id.items() if c.correct}
        wrong = set(self._by_id) - right
        hits, misses = picked & right, picked & wrong
        score = len(hits) / len(right) - (len(misses) / len(wrong) if wrong else 0.0)
        score = max(0.0, min(1.0, score))
        detail = tuple(
            PartFeedback(k, self._by_id[k].correct, self._by_id[k].feedback)
            for k in self._by_id
            if k in picked
        )
        if picked == right:
            return Feedback(True, 1.0, RIGHT, detail)
        notes = [self._by_id[k].feedback for k in self._by_id if k in misses]
        summary = (
            f"You picked {len(hits)} of the {len(right)} correct options"
            f" and {len(misses)} wrong one{'s' if len(misses) != 1 else ''}."
        )
        message = " ".join([summary, *[n for n in notes if n]]) if notes else (
            f"{summary} {self._wrong()}"
        )
        return Feedback(False, score, message, detail)

    def answer(self) -> list[str]:
        return [k for k, c in self._by_id.items() if c.correct]


@dataclass(frozen=True, kw_only=True)
class TrueFalse(Question):
    """A statement to judge. Response: ``True`` or ``False`` (a real ``bool``)."""

    kind: ClassVar[str] = "truefalse"
    truth: bool
    feedback_true: str = ""
    feedback_false: str = ""

    def _view_parts(self, rng: random.Random) -> dict[str, tuple[ViewOption, ...]]:
        return {"options": (_option("true", "True"), _option("false", "False"))}

    def grade(self, response: object) -> Feedback:
        if not isinstance(response, bool):
            raise ResponseError(
                f"A true/false response is True or False, not {_describe(response)}. "
                "Send a boolean."
            )
        note = self.feedback_true if response else self.feedback_false
        part = "true" if response else "false"
        if response is self.truth:
            return Feedback(True, 1.0, note or RIGHT, (PartFeedback(part, True, note),))
        message = self._wrong(note)
        return Feedback(False, 0.0, message, (PartFeedback(part, False, message),))

    def answer(self) -> bool:
        return self.truth


@dataclass(frozen=True, kw_only=True)
class Ordering(Question):
    """Items to put in order.

    Response: a list of every item id from the view, in the learner's order.
    Credit is the share of item pairs in the right relative order.
    """

    kind: ClassVar[str] = "ordering"
    items: tuple[str, ...]
    """In the correct order."""

    @cached_property
    def _order(self) -> list[str]:
        return _ids(self.id, "item", self.items)

    def _view_parts(self, rng: random.Random) -> dict[str, tuple[ViewOption, ...]]:
        order = list(range(len(self.items)))
        if len(set(self.items)) > 1:
            while order == sorted(order):
                rng.shuffle(order)
        return {"items": tuple(_option(self._order[i], self.items[i]) for i in order)}

    def parts(self) -> dict[str, Any]:
        pairs = zip(self._order, self.items, strict=True)
        return {"items": [{"id": k, "text": t} for k, t in pairs]}

    def grade(self, response: object) -> Feedback:
        given = _string_ids(response, "ordering", "a list of every item id in order")
        if isinstance(response, (set, frozenset)):
            raise ResponseError("An ordering response is a list, not a set. Send a list.")
        rank = {id_: i for i, id_ in enumerate(self._order)}
        for id_ in given:
            if id_ not in rank:
                raise _unknown(self.kind, id_)
        if sorted(given) != sorted(self._order):
            raise ResponseError(
                f"An ordering response lists each of the {len(self._order)} items exactly "
                "once. Send every item id from the view, in your order."
            )
        ranks = [rank[id_] for id_ in given]
        n = len(ranks)
        pairs = n * (n - 1) // 2
        good = sum(1 for i in range(n) for j in range(i + 1, n) if ranks[i] < ranks[j])
        detail = tuple(
            PartFeedback(id_, rank[id_] == place) for place, id_ in enumerate(given)
        )
        if ranks == sorted(ranks):
            return Feedback(True, 1.0, RIGHT, detail)
        placed = sum(part.correct for part in detail)
        message = f"{placed} of {n} items are in the right place. {self._wrong()}"
        return Feedback(False, good / pairs if pairs else 0.0, message, detail)

    def answer(self) -> list[str]:
        return list(self._order)


@dataclass(frozen=True, kw_only=True)
class Matching(Question):
    """Left items to match with right choices.

    Response: a mapping from left-item id to right-choice id (``None`` or a
    missing key leaves an item unmatched). Credit is the share matched right.
    """

    kind: ClassVar[str] = "matching"
    pairs: tuple[Pair, ...]
    distractors: tuple[str, ...] = ()

    @cached_property
    def _left(self) -> dict[str, Pair]:
        ids = _ids(self.id, "left", [p.left for p in self.pairs])
        return dict(zip(ids, self.pairs, strict=True))

    @cached_property
    def _right(self) -> dict[str, str]:
        texts = list(dict.fromkeys([p.right for p in self.pairs] + list(self.distractors)))
        return {opaque_id(self.id, "right", text): text for text in texts}

    def _view_parts(self, rng: random.Random) -> dict[str, tuple[ViewOption, ...]]:
        left = [_option(k, p.left) for k, p in self._left.items()]
        right = [_option(k, t) for k, t in self._right.items()]
        if self.shuffle:
            rng.shuffle(left)
        # Never line the choices up with their items: that would be the key.
        aligned = [self._left[option.id].right for option in left]
        rng.shuffle(right)
        if len(right) > 1:
            while [option.text for option in right][: len(aligned)] == aligned:
                rng.shuffle(right)
        return {"left": tuple(left), "right": tuple(right)}

    def parts(self) -> dict[str, Any]:
        return {
            "left": [{"id": k, "text": p.left} for k, p in self._left.items()],
            "right": [{"id": k, "text": t} for k, t in self._right.items()],
        }

    def grade(self, response: object) -> Feedback:
        if not isinstance(response, Mapping):
            raise ResponseError(
                f"A matching response maps left-item ids to right-choice ids, not "
                f"{_describe(response)}. Send a dict from the question's view."
            )
        for key, value in response.items():
            if not isinstance(key, str) or key not in self._left:
                raise _unknown(self.kind, key)
            if value is not None and (not isinstance(value, str) or value not in self._right):
                raise _unknown(self.kind, value)
        detail = []
        for key, pair in self._left.items():
            chosen = response.get(key)
            ok = chosen is not None and self._right[chosen] == pair.right
            detail.append(PartFeedback(key, ok, "" if ok else self._wrong(pair.feedback)))
        right = sum(part.correct for part in detail)
        if right == len(detail):
            return Feedback(True, 1.0, RIGHT, tuple(detail))
        message = f"{right} of {len(detail)} matched correctly. " + " ".join(
            dict.fromkeys(part.message for part in detail if not part.correct)
        )
        return Feedback(False, right / len(detail), message.strip(), tuple(detail))

    def answer(self) -> dict[str, str]:
        by_text = {text: key for key, text in self._right.items()}
        return {key: by_text[pair.right] for key, pair in self._left.items()}


@dataclass(frozen=True, kw_only=True)
class Fill(Question):
    """A blank to fill. Response: the learner's text (``str``).

    Matching ignores case, spacing, Unicode width and composition, quote style
    and edge punctuation; with ``fuzzy`` set, a text at least that similar to
    an accepted answer counts. When every accepted answer is a number (digits
    or a number word), a response stating the same number counts (``3``,
    ``3.0``, ``three``), to ``precision`` significant digits if set, and
    ``fuzzy`` is not used (``31`` is not close to ``3``).
    """

    kind: ClassVar[str] = "fill"
    answers: tuple[str, ...]
    fuzzy: float | None = None
    precision: int | None = None
    wrong_answers: tuple[Choice, ...] = ()
    """Anticipated wrong answers, each with the feedback a learner who gives it gets."""

    @cached_property
    def numbers(self) -> tuple[float, ...] | None:
        """The accepted answers as numbers, or None when any of them is not a number."""
        return numeric_answers(self.answers)

    def grade(self, response: object) -> Feedback:
        if not isinstance(response, str):
            raise ResponseError(
                f"A fill-in response is text, not {_describe(response)}. Send a string."
            )
        if len(response) > MAX_FILL:
            raise ResponseError(
                f"A fill-in answer is at most {MAX_FILL} characters, not {len(response)}. "
                "Type a short answer."
            )
        given = answer_key(response)
        if not given:
            return Feedback(False, 0.0, "The blank is empty. Type an answer.")
        keys = [answer_key(text) for text in self.answers]
        if given in keys:
            return Feedback(True, 1.0, RIGHT)
        value = number_value(response) if self.numbers is not None else None
        if self.numbers is not None:
            if value is not None and any(
                same_number(value, number, self.precision) for number in self.numbers
            ):
                return Feedback(True, 1.0, RIGHT)
        elif self.fuzzy is not None:
            best = max(keys, key=lambda key: similarity(given, key))
            if similarity(given, best) >= self.fuzzy:
                return Feedback(True, 1.0, f"Accepted: close enough to \u201c{best}\u201d.")
        return Feedback(False, 0.0, self._wrong(self._anticipated(given, value)))

    def _anticipated(self, given: str, value: float | None) -> str:
        """The feedback of the anticipated wrong answer ``given`` matches, else ""."""
        for wrong in self.wrong_answers:
            if answer_key(wrong.text) == given:
                return wrong.feedback
            number = number_value(wrong.text) if value is not None else None
            if number is not None and value is not None and same_number(
                    value, number, self.precision):
                return wrong.feedback
        return ""

    def parts(self) -> dict[str, Any]:
        return {"answers": list(self.answers), "fuzzy": self.fuzzy, "precision": self.precision,
                "wrong_answers": [vars(wrong).copy() for wrong in self.wrong_answers]}

    def answer(self) -> str:
        return self.answers[0]


@dataclass(frozen=True, kw_only=True)
class Reflection(Question):
    """Free text the learner compares with a model answer and rates; not graded.

    Response: ``{"text": str}`` to see the model answer, then
    ``{"text": str, "rating": float}`` with a self-rating in [0, 1]
    (0 missed it, 0.5 partly, 1 fully). The rating is the score.
    """

    kind: ClassVar[str] = "reflection"
    graded: ClassVar[bool] = False
    model_answer: str
    max_tries: int = field(default=1)

    def grade(self, response: object) -> Feedback:
        if not isinstance(response, Mapping) or not isinstance(response.get("text"), str):
            raise ResponseError(
                f"A reflection response is {{'text': str, 'rating': number}}, not "
                f"{_describe(response)}. Send your text, then your rating."
            )
        if set(response) - {"text", "rating"}:
            raise ResponseError(
                "A reflection response has only the keys 'text' and 'rating'. "
                "Remove the others."
            )
        if not response["text"].strip():
            raise ResponseError("The reflection is empty. Write a few sentences first.")
        compare = f"Compare with a model answer: {self.model_answer}"
        rating = response.get("rating")
        if rating is None:
            return Feedback(False, 0.0, f"{compare} Then rate your answer.")
        if isinstance(rating, bool) or not isinstance(rating, (int, float)) or not (
            0.0 <= rating <= 1.0
        ):
            raise ResponseError(
                f"A reflection rating is a number from 0 to 1, not {_describe(rating)}. "
                "Rate 0 (missed it), 0.5 (partly) or 1 (fully)."
            )
        return Feedback(True, float(rating), f"{compare} You rated your answer {rating:g}.")

    def answer(self) -> dict[str, Any]:
        return {"text": self.model_answer, "rating": 1.0}


QUESTION_TYPES: dict[str, type[Question]] = {
    cls.kind: cls
    for cls in (SingleChoice, MultipleSelect, TrueFalse, Ordering, Matching, Fill, Reflection)
}


@dataclass(frozen=True)
class Quiz:
    """The questions of one lesson and the mastery each step needs."""

    path: str
    """The quiz file, or the article when the quiz is in its frontmatter or derived."""
    questions: tuple[Question, ...]
    mastery: float = 0.8
    step_mastery: Mapping[str, float] = field(default_factory=dict)
    origin: str = "file"
    """``file``, ``frontmatter`` or ``derived``."""

    def for_step(self, step_slug: str) -> tuple[Question, ...]:
        """The questions of one step, in authored order."""
        return tuple(q for q in self.questions if q.step == step_slug)

    def mastery_for(self, step_slug: str) -> float:
        """Fraction of credit a learner needs to master ``step_slug``."""
        return self.step_mastery.get(step_slug, self.mastery)

    def question(self, question_id: str) -> Question:
        """The question whose id is ``question_id``."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)
