"""Authored quizzes: line-keeping YAML nodes in, checked :class:`Question` objects out.

Every problem becomes a :class:`~mediation_lessons.errors.Finding` naming the
quiz file's line and the remedy; a question with errors is left out. Keys and
types from other quiz tools get a remedy from :mod:`.foreign`.

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
        answers: [accepted, variants]               # fill (+ fuzzy: 0.85, precision: 3)
        wrong_answers: [{text: ..., feedback: ...}]  # fill: anticipated mistakes
        model_answer: ...   # reflection
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Lesson, Step
from .fields import Findings, Reader, text_of
from .foreign import STANDS_IN_FOR, key_remedy, type_remedy
from .kinds import KIND_BUILDERS, KIND_KEYS, choices
from .model import KINDS, Question, Quiz
from .text import compare_key
from .yamlnodes import YList, YMap, YNode, YScalar, describe

QUIZ_KEYS = ("mastery", "max_tries", "penalty", "shuffle", "step_mastery", "questions")
COMMON_KEYS = (
    "id", "step", "type", "prompt", "source", "hints", "explanation", "max_tries",
    "penalty", "shuffle", "feedback_wrong",
)
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
    top = Reader(root, findings, "the quiz", {"questions": ("question", "quiz", "quizzes")})
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
        specific = choices(reader, findings, what, multiple=False, any_correct=True)
    else:
        specific = KIND_BUILDERS[kind](reader, findings, what) if kind else None
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
