"""Authored quizzes: line-keeping YAML nodes in, checked :class:`Question` objects out.

Every problem becomes a :class:`~mediation_lessons.errors.Finding` naming the
quiz file's line and the remedy; a question with errors is left out.

The format (a ``questions:`` list, optionally with quiz-wide defaults)::

    mastery: 0.8            # share of a step's credit needed to master it
    max_tries: 3            # default tries per question
    penalty: 0.25           # default credit lost per wrong try
    step_mastery: {conclusion: 0.75}
    questions:
      - id: unique-id       # progress is stored under it
        step: step-slug     # or the step's title
        type: single        # multiple truefalse ordering matching fill reflection
        prompt: Markdown text
        source: a short quote from the step that answers it
        hints: [revealed one at a time]
        explanation: shown once the question is settled
        feedback_wrong: shown on a wrong answer without more specific feedback
        shuffle: false      # keep the authored option order
        options:            # single / multiple
          - {text: ..., correct: true, feedback: ...}
        answer: false       # truefalse, with feedback_true / feedback_false
        items: [in, the, right, order]              # ordering
        pairs: [{left: ..., right: ..., feedback: ...}]  # matching (+ distractors)
        answers: [accepted, variants]               # fill (+ fuzzy: 0.85)
        model_answer: ...   # reflection
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Lesson, Step
from .fields import Findings, Reader, text_of, value_of
from .foreign import (
    OPTION_STANDS_IN_FOR,
    PAIR_STANDS_IN_FOR,
    STANDS_IN_FOR,
    key_remedy,
    option_key_remedy,
    pair_key_remedy,
    type_remedy,
)
from .model import (
    KINDS,
    Choice,
    Fill,
    Matching,
    MultipleSelect,
    Ordering,
    Pair,
    Question,
    Quiz,
    Reflection,
    SingleChoice,
    TrueFalse,
)
from .text import answer_key, compare_key, numeric_answers
from .yamlnodes import YList, YMap, YNode, YScalar, describe

QUIZ_KEYS = ("mastery", "max_tries", "penalty", "shuffle", "step_mastery", "questions")
COMMON_KEYS = (
    "id", "step", "type", "prompt", "source", "hints", "explanation", "max_tries",
    "penalty", "shuffle", "feedback_wrong",
)
KIND_KEYS = {
    "single": ("options",),
    "multiple": ("options",),
    "truefalse": ("answer", "feedback_true", "feedback_false"),
    "ordering": ("items",),
    "matching": ("pairs", "distractors"),
    "fill": ("answers", "fuzzy", "precision"),
    "reflection": ("model_answer",),
}
OPTION_KEYS = ("correct", "feedback", "text")
PAIR_KEYS = ("feedback", "left", "right")
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}")
MAX_SOURCE = 300

DEFAULT_MASTERY = 0.8
DEFAULT_MAX_TRIES = 3
DEFAULT_PENALTY = 0.1
MAX_TRIES_LIMIT = 20


def find_step(lesson: Lesson, key: str) -> Step | None:
    """The step named by slug or title, tolerant of case, spacing and quote style."""
    try:
        return lesson.step(key)
    except KeyError:
        wanted = compare_key(key)
        for step in lesson.steps:
            if wanted in (compare_key(step.slug), compare_key(step.title)):
                return step
    return None


def quote_in_step(quote: str, step: Step) -> bool:
    """Whether ``quote`` appears in the step's repaired text (or its title)."""
    wanted = compare_key(quote)
    haystacks = (step.text or step.markdown, step.title)
    return bool(wanted) and any(wanted in compare_key(text) for text in haystacks)


def build_quiz(root: YNode | None, lesson: Lesson, findings: Findings, origin: str) -> Quiz:
    """The quiz described by ``root``; problems go to ``findings``.

    A question imported from jupyterquiz (``YMap.imported``) may omit ``source``, and
    as a single-choice question accepts any of several correct options, as there.
    """
    empty = Quiz(findings.path, (), DEFAULT_MASTERY, {}, origin)
    if root is None or (isinstance(root, YScalar) and root.value is None):
        findings.error(1 if origin == "file" else None,
                       "the quiz is empty. Add a `questions:` list (see docs) or delete "
                       "the quiz so questions are derived from the article")
        return empty
    if isinstance(root, YList):
        root = YMap(root.line, {"questions": root}, {"questions": root.line})
    if not isinstance(root, YMap):
        findings.error(root.line, f"the quiz should be a mapping with a `questions:` list, "
                                  f"found {describe(root)}. Start the file with `questions:`")
        return empty
    top = Reader(root, findings, "the quiz")
    top.check_keys(QUIZ_KEYS)
    mastery = top.number("mastery", 0, 1, DEFAULT_MASTERY, low_open=True) or DEFAULT_MASTERY
    defaults = {
        "max_tries": top.number("max_tries", 1, MAX_TRIES_LIMIT, DEFAULT_MAX_TRIES, True),
        "penalty": top.number("penalty", 0, 1, DEFAULT_PENALTY),
        "shuffle": top.boolean("shuffle", True),
    }
    step_mastery = _step_mastery(top, lesson, findings)
    questions_node = top.child("questions")
    if questions_node is None:
        top.missing("questions", "Add a `questions:` list")
        return Quiz(findings.path, (), mastery, step_mastery, origin)
    if not isinstance(questions_node, YList) or not questions_node.items:
        findings.error(top.line("questions"), "`questions` should be a non-empty list, found "
                                              f"{describe(questions_node)}. Write each question "
                                              "as a `- id: ...` item")
        return Quiz(findings.path, (), mastery, step_mastery, origin)
    questions: list[Question] = []
    seen: dict[str, int | None] = {}
    for node in questions_node.items:
        question = _question(node, lesson, findings, defaults, seen)
        if question is not None:
            questions.append(question)
    return Quiz(findings.path, tuple(questions), mastery, step_mastery, origin)


def _step_mastery(top: Reader, lesson: Lesson, findings: Findings) -> dict[str, float]:
    node = top.child("step_mastery")
    if node is None:
        return {}
    if not isinstance(node, YMap):
        findings.error(top.line("step_mastery"), "`step_mastery` should map step slugs to "
                                                 f"numbers, found {describe(node)}. Write "
                                                 "`step-slug: 0.7` lines under it")
        return {}
    reader = Reader(node, findings, "`step_mastery`")
    result = {}
    for key in node.items:
        step = find_step(lesson, key)
        if step is None:
            findings.error(node.key_lines.get(key), _no_step(key, lesson))
            continue
        value = reader.number(key, 0, 1, None, low_open=True)
        if value is not None:
            result[step.slug] = float(value)
    return result


def _no_step(key: str, lesson: Lesson) -> str:
    slugs = ", ".join(step.slug for step in lesson.steps) or "none"
    return f"the article has no step `{key}`. Use a step slug or title; the steps are {slugs}"


def _question(node: YNode, lesson: Lesson, findings: Findings, defaults: dict[str, Any],
              seen: dict[str, int | None]) -> Question | None:
    if not isinstance(node, YMap):
        findings.error(node.line, f"a question should be a mapping of keys, found "
                                  f"{describe(node)}. Write it as `- id: ...` with its keys")
        return None
    imported = node.imported
    errors_before = sum(f.severity == "error" for f in findings.items)
    qid = _question_id(node, findings, seen)
    what = f"question `{qid}`" if qid else f"the question on line {node.line}"
    reader = Reader(node, findings, what, STANDS_IN_FOR)
    kind = reader.text("type", True, f"Add `type:` (one of {', '.join(KINDS)})")
    if kind is not None and kind not in KINDS:
        findings.error(reader.line("type"), f"{what} has unknown type `{kind}`. "
                                            f"{type_remedy(kind, node)}")
        kind = None
    reader.check_keys(COMMON_KEYS + (KIND_KEYS[kind] if kind else
                                     tuple(k for keys in KIND_KEYS.values() for k in keys)),
                      lambda key: key_remedy(key, kind, node))
    step = _question_step(reader, lesson, findings)
    prompt = reader.text("prompt", True, "Add `prompt:` with the question text")
    source = reader.text("source", not imported, "Add `source:` with a short quote from "
                                                 "the step that answers the question")
    if source is None and imported and not reader.has("source"):
        source = ""
    if source and step is not None and not quote_in_step(source, step):
        findings.error(reader.line("source"), f"the source quote of {what} is not in step "
                                              f"`{step.slug}`. Copy a short passage of the "
                                              "step's text exactly")
    elif source is not None and len(source) > MAX_SOURCE:
        findings.warning(reader.line("source"), f"the source quote of {what} is "
                                                f"{len(source)} characters long. Quote a "
                                                "shorter passage that answers the question")
    common: dict[str, Any] = {
        "hints": tuple(reader.texts("hints") or ()),
        "explanation": reader.text("explanation") or "",
        "max_tries": int(reader.number("max_tries", 1, MAX_TRIES_LIMIT,
                                       defaults["max_tries"], integer=True)
                         or DEFAULT_MAX_TRIES),
        "penalty": float(reader.number("penalty", 0, 1, defaults["penalty"]) or 0.0),
        "shuffle": bool(reader.boolean("shuffle", defaults["shuffle"])),
        "feedback_wrong": reader.text("feedback_wrong") or "",
        "line": node.line,
    }
    if kind == "single" and imported:
        specific = _choices(reader, findings, what, multiple=False, any_correct=True)
    else:
        specific = _KIND_BUILDERS[kind](reader, findings, what) if kind else None
    errors_after = sum(f.severity == "error" for f in findings.items)
    if (errors_after > errors_before or specific is None or qid is None or step is None
            or prompt is None or source is None):
        return None
    if kind == "reflection":
        common["max_tries"] = 1
    cls, fields = specific
    question: Question = cls(id=qid, step=step.slug, prompt=prompt, source=source,
                             **common, **fields)
    return question


def _question_id(node: YMap, findings: Findings, seen: dict[str, int | None]) -> str | None:
    if "id" not in node.items:
        findings.error(node.line, "a question has no `id`. Add a unique `id:` such as "
                                  "`step1-purpose`; progress is stored under it")
        return None
    id_node = node.items["id"]
    qid = text_of(id_node, findings, "the question id")
    if qid is None:
        return None
    if not ID_PATTERN.fullmatch(qid):
        findings.error(id_node.line, f"the question id `{qid}` is not a plain identifier. Use "
                                     "letters, digits, `-`, `_`, `.` or `:` (at most 80)")
        return None
    if qid in seen:
        findings.error(id_node.line, f"the question id `{qid}` is used twice (first on line "
                                     f"{seen[qid]}). Give each question its own id")
        return qid
    seen[qid] = id_node.line
    return qid


def _question_step(reader: Reader, lesson: Lesson, findings: Findings) -> Step | None:
    node = reader.child("step")
    if isinstance(node, YScalar) and isinstance(node.value, int) and not isinstance(
            node.value, bool):
        step = find_step(lesson, node.raw)
        if step is not None:
            return step
        number = node.value
        slugs = [step.slug for step in lesson.steps]
        remedy = (f"Write `step: {slugs[number - 1]}` for step {number}"
                  if 0 < number <= len(slugs) else
                  f"Write one of the steps: {', '.join(slugs) or 'none'}")
        findings.error(reader.line("step"), f"`step` of {reader.what} is the number {number}; "
                                            "a step is named by its slug or title, which do "
                                            f"not shift when steps are added. {remedy}")
        return None
    key = reader.text("step", True, "Add `step:` with the slug or title of its step")
    if key is None:
        return None
    step = find_step(lesson, key)
    if step is None:
        findings.error(reader.line("step"), _no_step(key, lesson))
    return step


Built = tuple[type[Question], dict[str, Any]] | None


def _choices(reader: Reader, findings: Findings, what: str, multiple: bool,
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


def _fill(reader: Reader, findings: Findings, what: str) -> Built:
    answers = reader.texts("answers", True, "Add an `answers:` list of accepted answers")
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
    return Fill, {"answers": tuple(answers), "fuzzy": fuzzy,
                  "precision": int(precision) if precision is not None else None}


def _reflection(reader: Reader, findings: Findings, what: str) -> Built:
    model_answer = reader.text("model_answer", True, "Add `model_answer:` for learners to "
                                                     "compare with")
    return (Reflection, {"model_answer": model_answer}) if model_answer else None


_KIND_BUILDERS = {
    "single": lambda r, f, w: _choices(r, f, w, multiple=False),
    "multiple": lambda r, f, w: _choices(r, f, w, multiple=True),
    "truefalse": _truefalse,
    "ordering": _ordering,
    "matching": _matching,
    "fill": _fill,
    "reflection": _reflection,
}
