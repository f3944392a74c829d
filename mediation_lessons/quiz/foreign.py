"""What authors bring from other quiz tools, and what to write here instead.

The quiz format keeps one spelling for each thing, so every quiz reads the
same and can be checked. Spellings from other tools (``type: mcq``,
``question:``, ``choices:`` with ``correct: 2``) are not guessed at: each
gets a remedy naming exactly what to write.
"""

from __future__ import annotations

import difflib
import re

from .model import KINDS
from .yamlnodes import YList, YMap, YNode, YScalar

CHOICE_TYPES = ("mcq", "mc", "multiple_choice", "multiple-choice", "multiplechoice", "choice",
                "radio", "single_choice", "single-choice", "singlechoice", "one", "select",
                "multi_choice")
_TYPE_ALIASES: dict[str, str] = {
    **dict.fromkeys(CHOICE_TYPES, "single|multiple"),
    **dict.fromkeys(("checkbox", "checkboxes", "many_choice", "many-choice", "multi",
                     "multiple_select", "multiple-select", "multi_select", "multiselect",
                     "select_all", "multiple_answer", "multiple_response"), "multiple"),
    **dict.fromkeys(("true_false", "true-false", "true/false", "truefalse", "tf", "t/f",
                     "boolean", "bool", "yes_no", "yesno", "true_or_false"), "truefalse"),
    **dict.fromkeys(("short_answer", "short-answer", "shortanswer", "short", "text",
                     "string", "numeric", "number", "fill_in", "fill-in", "fillin",
                     "fill_in_the_blank", "fill-in-the-blank", "blank", "cloze", "input"),
                    "fill"),
    **dict.fromkeys(("essay", "long_answer", "long-answer", "free_text", "free-text",
                     "freetext", "open", "open_ended", "open-ended", "paragraph", "free"),
                    "reflection"),
    **dict.fromkeys(("order", "sequence", "sort", "sorting", "rank", "ranking",
                     "drag_and_drop", "arrange"), "ordering"),
    **dict.fromkeys(("match", "pairs", "pairing", "matching_pairs", "connect"), "matching"),
}


def _key(value: str) -> str:
    return re.sub(r"[\s/-]+", "_", value.strip().lower())


TYPE_ALIASES = {_key(name): kind for name, kind in _TYPE_ALIASES.items()}
"""Type names from other tools (lower case, ``_`` between words), mapped to the kind(s)
to write instead."""

_WHY = {
    "fill": "the learner types a short answer",
    "reflection": "free text the learner compares with `model_answer:` and rates; "
                  "not graded",
    "truefalse": "with `answer: true` or `answer: false`",
    "ordering": "with `items:` listed in the right order",
    "matching": "with `pairs:` of `left:`/`right:`",
    "multiple": "with `correct: true` on every right option",
}


PROMPT_ALIASES = ("question", "text", "title", "stem", "body", "prompt_text", "label")
OPTION_ALIASES = ("choices", "answers", "alternatives", "responses", "option")
CORRECT_ALIASES = ("correct", "correct_answer", "correct_answers", "correctanswer",
                   "right_answer", "solution_index", "answer_index", "key", "answer")
KIND_ALIASES = ("kind", "question_type", "qtype", "format")
STEP_ALIASES = ("section", "module", "lesson", "chapter", "heading", "part")
SOURCE_ALIASES = ("quote", "reference", "ref", "citation", "evidence", "source_text")
STANDS_IN_FOR = {
    "prompt": PROMPT_ALIASES, "options": OPTION_ALIASES, "answer": CORRECT_ALIASES,
    "answers": CORRECT_ALIASES, "type": KIND_ALIASES, "step": STEP_ALIASES,
    "source": SOURCE_ALIASES,
}
"""Required keys, and the keys from other tools that stand in for them (reported once)."""

OPTION_TEXT_ALIASES = ("answer", "label", "choice", "value", "title", "option", "content")
OPTION_STANDS_IN_FOR = {"text": OPTION_TEXT_ALIASES}
PAIR_STANDS_IN_FOR = {"left": ("term", "prompt", "question", "item", "key"),
                      "right": ("definition", "match", "answer", "value", "target")}


def _correct_count(node: YMap) -> int | None:
    """How many options are marked correct, when the question has an options list."""
    options = node.items.get("options") or node.items.get("choices")
    if not isinstance(options, YList):
        return None
    count = 0
    for item in options.items:
        flag = item.items.get("correct") if isinstance(item, YMap) else None
        count += isinstance(flag, YScalar) and flag.value is True
    return count


JUPYTERQUIZ_TYPES = ("multiple_choice", "many_choice", "string", "numeric")


def type_remedy(kind: str, node: YMap) -> str:
    """What to write instead of the unknown question type ``kind``."""
    if _key(kind) in JUPYTERQUIZ_TYPES and "question" in node.items and "answers" in node.items:
        return ("This question is in jupyterquiz's shape: save the quiz as JSON in "
                "`<article>.quiz.json` to import it as it is, or rewrite it in this format "
                "(`prompt:`, `options:`, `type: single` or `multiple`)")
    return _type_only(kind, node)


def _type_only(kind: str, node: YMap) -> str:
    alias = TYPE_ALIASES.get(_key(kind))
    if alias == "single|multiple":
        count = _correct_count(node)
        if count is not None and count > 1:
            return f"Write `type: multiple` (it has {count} correct options)"
        if count == 1:
            return "Write `type: single` (it has one correct option)"
        return ("Write `type: single` for one correct option, or `type: multiple` when "
                "several are correct")
    if alias is not None:
        return f"Write `type: {alias}` ({_WHY.get(alias, 'see the docs')})"
    near = difflib.get_close_matches(_key(kind), KINDS, n=1, cutoff=0.6)
    kinds = ", ".join(KINDS)
    return f"Did you mean `type: {near[0]}`? The types are {kinds}" if near else (
        f"Use one of {kinds}")


def key_remedy(key: str, kind: str | None, node: YMap) -> str | None:
    """What to write instead of the unknown question key ``key``, or None."""
    lowered = _key(key)
    if lowered in PROMPT_ALIASES:
        return "did you mean `prompt`? Write the question text under `prompt:`"
    if lowered in OPTION_ALIASES and kind in ("single", "multiple", None):
        return ("did you mean `options`? Write each option as `- text: ...` and mark the "
                "right one(s) with `correct: true` on the option itself")
    if lowered in CORRECT_ALIASES:
        return _correct_remedy(key, kind, node)
    if lowered in ("hint", "clue", "tip", "tips"):
        return "did you mean `hints`? A single text works: `hints: [your hint]`"
    if lowered in ("feedback", "incorrect", "incorrect_feedback", "wrong_feedback",
                   "feedback_incorrect", "on_wrong", "correct_feedback", "feedback_correct",
                   "general_feedback"):
        return ("did you mean `feedback_wrong` (shown after a wrong answer) or `explanation` "
                "(shown once the question is settled)? Feedback on a single option goes on "
                "that option")
    if lowered in ("solution", "explain", "rationale", "reason", "answer_explanation"):
        return "did you mean `explanation`? It is shown once the question is settled"
    if lowered in STEP_ALIASES:
        return "did you mean `step`? Write the step's slug or title"
    if lowered in KIND_ALIASES:
        return "did you mean `type`? Write one of " + ", ".join(KINDS)
    if lowered in ("tries", "attempts", "max_attempts", "allowed_attempts", "retries"):
        return "did you mean `max_tries`? Write a whole number of tries"
    if lowered in SOURCE_ALIASES:
        return "did you mean `source`? Quote the step's text that answers the question"
    if lowered in ("name", "key_id", "qid", "question_id", "uid", "slug"):
        return "did you mean `id`? Write a unique id; progress is stored under it"
    return None


def _correct_remedy(key: str, kind: str | None, node: YMap) -> str | None:
    if kind == "truefalse" and key != "answer":
        return "did you mean `answer`? Write `answer: true` or `answer: false`"
    if kind == "fill":
        return "did you mean `answers`? List every accepted answer: `answers: [word]`"
    if kind not in ("single", "multiple", None):
        return None
    value = node.items.get(key)
    named = _pointed_option(value, node) if value is not None else None
    mark = "mark the right option itself with `correct: true`"
    if named:
        return f"options are not picked by position or letter here; {mark} ({named})"
    return f"{mark} instead"


def _option_texts(node: YMap) -> list[str]:
    for name in ("options", "choices", "answers"):
        options = node.items.get(name)
        if isinstance(options, YList):
            texts = []
            for item in options.items:
                text = item.items.get("text") if isinstance(item, YMap) else item
                texts.append(str(text.value) if isinstance(text, YScalar) else "?")
            return texts
    return []


def _pointed_option(value: YNode, node: YMap) -> str | None:
    """Which option(s) a positional ``correct: 2`` / ``correct: "B"`` could mean."""
    texts = _option_texts(node)
    if not texts or not isinstance(value, YScalar):
        return None
    raw = value.value
    if isinstance(raw, str) and re.fullmatch(r"[A-Za-z]", raw.strip()):
        index = ord(raw.strip().upper()) - ord("A")
        return f"“{texts[index]}” for `{raw}`" if index < len(texts) else None
    if isinstance(raw, int) and not isinstance(raw, bool):
        meant = [f"“{texts[i]}” if counted from {base}" for base, i in
                 ((1, raw - 1), (0, raw)) if 0 <= i < len(texts)]
        return " or ".join(meant) or None
    if isinstance(raw, str):
        matches = [text for text in texts if text.strip().lower() == raw.strip().lower()]
        return f"“{matches[0]}”" if matches else None
    return None


def option_key_remedy(key: str) -> str | None:
    """What to write instead of the unknown option key ``key``, or None."""
    lowered = _key(key)
    if lowered in OPTION_TEXT_ALIASES:
        return "did you mean `text`? Write the option's label under `text:`"
    if lowered in ("is_correct", "right", "correct_answer", "iscorrect", "answer_correct",
                   "true", "valid"):
        return "did you mean `correct`? Write `correct: true` on each right option"
    if lowered in ("explanation", "reason", "why", "hint", "message", "comment", "rationale"):
        return "did you mean `feedback`? It is shown when the learner picks this option"
    return None


def pair_key_remedy(key: str) -> str | None:
    """What to write instead of the unknown pair key ``key``, or None."""
    lowered = _key(key)
    for canonical, aliases in PAIR_STANDS_IN_FOR.items():
        if lowered in aliases:
            side = "item to match" if canonical == "left" else "choice it matches"
            return f"did you mean `{canonical}`? Write the {side} under `{canonical}:`"
    return None
