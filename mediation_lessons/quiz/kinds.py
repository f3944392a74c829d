"""Reading each question kind's own fields: options, answer, items, pairs, answers.

Each builder takes the question's :class:`~.fields.Reader` and returns the
question class with its kind-specific fields, or None after reporting why.
"""

from __future__ import annotations

import re
from typing import Any

from .fields import Findings, Reader, text_of, value_of
from .foreign import OPTION_STANDS_IN_FOR, PAIR_STANDS_IN_FOR, option_key_remedy, pair_key_remedy
from .model import (
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
from .text import answer_key, compare_key, number_value, numeric_answers
from .yamlnodes import YList, YMap, YNode, YScalar, describe

KIND_KEYS = {
    "single": ("options",),
    "multiple": ("options",),
    "truefalse": ("answer", "feedback_true", "feedback_false"),
    "ordering": ("items",),
    "matching": ("pairs", "distractors"),
    "fill": ("answers", "fuzzy", "precision", "wrong_answers"),
    "reflection": ("model_answer",),
}
"""The keys each kind adds to the common ones."""
OPTION_KEYS = ("correct", "feedback", "text")
PAIR_KEYS = ("feedback", "left", "right")

Built = tuple[type[Question], dict[str, Any]] | None


def choices(reader: Reader, findings: Findings, what: str, multiple: bool,
             any_correct: bool = False) -> Built:
    node = reader.child("options")
    if node is None:
        reader.missing("options", "Add an `options:` list with `text`, `correct` and "
                                  "`feedback` for each option")
        return None
    if not isinstance(node, YList) or len(node.items) < 2:
        findings.error(reader.line("options"), f"`options` of {what} should be a list of at "
                                               f"least two options, found {describe(node)}. "
                                               "Add options")
        return None
    choices: list[Choice] = []
    lines: dict[str, int | None] = {}
    failed = False
    unexplained: list[tuple[int | None, str]] = []
    for item in node.items:
        choice = _choice(item, findings, what)
        if choice is None:
            failed = True
            continue
        key = compare_key(choice.text)
        if key in lines:
            findings.error(item.line, f"{what} has the option \u201c{choice.text}\u201d twice "
                                      f"(first on line {lines[key]}). Remove the duplicate")
            return None
        lines[key] = item.line
        if not choice.correct and not choice.feedback:
            unexplained.append((item.line, choice.text))
        choices.append(choice)
    if failed:
        return None
    correct = sum(choice.correct for choice in choices)
    if correct == 0 and reader.replaced("answer"):
        return None  # `correct: 2` on the question: reported with its remedy
    if correct == 0:
        findings.error(reader.line("options"), f"{what} has no correct option. Mark the "
                                               "right option(s) "
                                  "with `correct: true`")
        return None
    if not multiple and correct > 1 and not any_correct:
        findings.error(reader.line("options"), f"{what} is single-choice but has {correct} "
                                               "correct options. "
                                  "Mark exactly one, or use `type: multiple`")
        return None
    for line, text in unexplained:
        findings.warning(line, f"the wrong option \u201c{text}\u201d of {what} has no "
                               "feedback. Add `feedback:` saying why it is wrong")
    if multiple and correct == len(choices):
        findings.warning(reader.line("options"), f"every option of {what} is correct. Add a "
                                                 "wrong option "
                                    "so the question tests something")
    return (MultipleSelect if multiple else SingleChoice), {"choices": tuple(choices)}


def _choice(item: YNode, findings: Findings, what: str) -> Choice | None:
    if isinstance(item, YScalar):
        text = text_of(item, findings, f"an option of {what}")
        return Choice(text) if text else None
    if not isinstance(item, YMap):
        findings.error(item.line, f"an option of {what} should be a mapping with `text`, found "
                                  f"{describe(item)}. Write `- text: ...`")
        return None
    option = Reader(item, findings, f"an option of {what}", OPTION_STANDS_IN_FOR)
    option.check_keys(OPTION_KEYS, option_key_remedy)
    text = option.text("text", True, "Add `text:` with the option's label")
    correct = option.boolean("correct", False)
    feedback = option.text("feedback") or ""
    return Choice(text, bool(correct), feedback) if text else None


def _truefalse(reader: Reader, findings: Findings, what: str) -> Built:
    if not reader.has("answer"):
        reader.missing("answer", "Add `answer: true` or `answer: false`")
        return None
    truth = reader.boolean("answer")
    if truth is None:
        return None
    wrong = "feedback_false" if truth else "feedback_true"
    if not reader.has(wrong):
        findings.warning(reader.line(), f"{what} has no `{wrong}`. Add it to say why that "
                                        "answer is wrong")
    return TrueFalse, {
        "truth": truth,
        "feedback_true": reader.text("feedback_true") or "",
        "feedback_false": reader.text("feedback_false") or "",
    }


def _unique(values: list[str], node: YNode | None, findings: Findings, what: str,
            noun: str) -> bool:
    keys: dict[str, int] = {}
    items = node.items if isinstance(node, YList) else []
    ok = True
    for index, value in enumerate(values):
        key = compare_key(value)
        line = items[index].line if index < len(items) else None
        if key in keys:
            findings.error(line, f"{what} has the {noun} \u201c{value}\u201d twice. "
                                 "Make every " + noun + " distinct")
            ok = False
        keys[key] = index
    return ok


def _ordering(reader: Reader, findings: Findings, what: str) -> Built:
    items = reader.texts("items", True, "Add an `items:` list in the correct order")
    if items is None:
        return None
    node = reader.child("items")
    if len(items) < 2:
        findings.error(reader.line("items"), f"{what} orders {len(items)} item. An ordering "
                                             "needs at least two items; add items or use "
                                             "another type")
        return None
    if not _unique(items, node, findings, what, "item"):
        return None
    return Ordering, {"items": tuple(items)}


def _matching(reader: Reader, findings: Findings, what: str) -> Built:
    node = reader.child("pairs")
    if node is None:
        reader.missing("pairs", "Add a `pairs:` list of `left:`/`right:` mappings")
        return None
    if not isinstance(node, YList) or len(node.items) < 2:
        findings.error(reader.line("pairs"), f"`pairs` of {what} should list at least two "
                                             f"pairs, found {describe(node)}. Add pairs")
        return None
    pairs = []
    for item in node.items:
        if not isinstance(item, YMap):
            findings.error(item.line, f"a pair of {what} should be a mapping with `left` and "
                                      f"`right`, found {describe(item)}. Write "
                                      "`- left: ...` / `right: ...`")
            continue
        pair = Reader(item, findings, f"a pair of {what}", PAIR_STANDS_IN_FOR)
        pair.check_keys(PAIR_KEYS, pair_key_remedy)
        left = pair.text("left", True, "Add `left:`")
        right = pair.text("right", True, "Add `right:`")
        if left and right:
            pairs.append(Pair(left, right, pair.text("feedback") or ""))
    distractors = reader.texts("distractors") or []
    if len(pairs) < len(node.items):
        return None
    if not _unique([p.left for p in pairs], node, findings, what, "left item"):
        return None
    rights = {compare_key(p.right) for p in pairs}
    for index, extra in enumerate(distractors):
        if compare_key(extra) in rights:
            items = reader.child("distractors")
            line = items.items[index].line if isinstance(items, YList) else None
            findings.error(line, f"the distractor \u201c{extra}\u201d of {what} is also a right "
                                 "answer. Remove it from `distractors`")
            return None
    return Matching, {"pairs": tuple(pairs), "distractors": tuple(distractors)}


def _fill_answers(reader: Reader) -> list[str] | None:
    """The accepted answers; unquoted numbers are taken as written (``1.10``, not 1.1)."""
    node = reader.child("answers")
    items = node.items if isinstance(node, YList) else [node] if node is not None else []
    if not any(_written_number(item) for item in items):
        return reader.texts("answers", True, "Add an `answers:` list of accepted answers")
    answers = []
    for item in items:
        number = _written_number(item)
        text = number or text_of(item, reader.findings, f"an item of `answers` in {reader.what}")
        if text is not None:
            answers.append(text)
    return answers


def _written_number(node: YNode) -> str | None:
    if (isinstance(node, YScalar) and node.plain and isinstance(node.value, (int, float))
            and not isinstance(node.value, bool) and number_value(node.raw) is not None):
        return node.raw
    return None


def _fill(reader: Reader, findings: Findings, what: str) -> Built:
    answers = _fill_answers(reader)
    node = reader.child("answers")
    if not answers:
        if isinstance(node, YList) and not node.items:
            findings.error(reader.line("answers"), f"{what} accepts no answer. List at least "
                                                   "one accepted answer")
        return None
    fuzzy = reader.number("fuzzy", 0, 1, None, low_open=True)
    visible = " ".join(str(value_of(reader.node.items[key])) for key in ("id", "prompt")
                       if key in reader.node.items)
    for answer in answers:
        if re.search(rf"(?<!\w){re.escape(answer_key(answer))}(?!\w)", compare_key(visible)):
            findings.warning(reader.line("answers"), f"the accepted answer \u201c{answer}\u201d "
                                                     f"of {what} shows in its id or prompt, "
                                                     "which learners see. Reword them")
    precision = reader.number("precision", 1, 15, None, integer=True)
    numeric = numeric_answers(answers) is not None
    if precision is not None and not numeric:
        findings.error(reader.line("precision"), f"`precision` of {what} applies to numeric "
                                                 "answers, and not every accepted answer is a "
                                                 "number. Remove `precision` or list numbers")
        return None
    if fuzzy is not None and numeric:
        findings.warning(reader.line("fuzzy"), f"`fuzzy` of {what} is not used: its answers "
                                               "are numbers, compared by value. Remove it, or "
                                               "use `precision`")
    wrong = _wrong_answers(reader, findings, what, answers)
    if wrong is None:
        return None
    return Fill, {"answers": tuple(answers), "fuzzy": fuzzy, "wrong_answers": wrong,
                  "precision": int(precision) if precision is not None else None}


def _wrong_answers(reader: Reader, findings: Findings, what: str,
                   answers: list[str]) -> tuple[Choice, ...] | None:
    """A fill's ``wrong_answers:`` (anticipated mistakes with feedback); None on errors."""
    node = reader.child("wrong_answers")
    if node is None:
        return ()
    if not isinstance(node, YList) or not node.items:
        findings.error(reader.line("wrong_answers"), f"`wrong_answers` of {what} should list "
                                                     f"mappings, found {describe(node)}. Write "
                                                     "`- {text: ..., feedback: ...}` items")
        return None
    accepted = {answer_key(answer) for answer in answers}
    result: list[Choice] = []
    ok = True
    for item in node.items:
        if not isinstance(item, YMap):
            findings.error(item.line, f"a wrong answer of {what} should be a mapping with "
                                      f"`text` and `feedback`, found {describe(item)}. Write "
                                      "`- {text: ..., feedback: ...}`")
            ok = False
            continue
        wrong = Reader(item, findings, f"a wrong answer of {what}", OPTION_STANDS_IN_FOR)
        wrong.check_keys(("feedback", "text"), option_key_remedy)
        text = wrong.text("text", True, "Add `text:` with the wrong answer")
        feedback = wrong.text("feedback", True, "Add `feedback:` saying why it is wrong")
        if text is not None and answer_key(text) in accepted:
            findings.error(wrong.line("text"), f"the wrong answer \u201c{text}\u201d of {what} "
                                               "is also an accepted answer. Remove it from one "
                                               "of the lists")
            ok = False
        elif text is not None and feedback is not None:
            result.append(Choice(text, False, feedback))
        else:
            ok = False
    return tuple(result) if ok else None


def _reflection(reader: Reader, findings: Findings, what: str) -> Built:
    model_answer = reader.text("model_answer", True, "Add `model_answer:` for learners to "
                                                     "compare with")
    return (Reflection, {"model_answer": model_answer}) if model_answer else None


KIND_BUILDERS = {
    "single": lambda r, f, w: choices(r, f, w, multiple=False),
    "multiple": lambda r, f, w: choices(r, f, w, multiple=True),
    "truefalse": _truefalse,
    "ordering": _ordering,
    "matching": _matching,
    "fill": _fill,
    "reflection": _reflection,
}
