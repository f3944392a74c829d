"""Import jupyterquiz questions: a ``.quiz.json`` list in jupyterquiz's shape, as our format.

jupyterquiz (``display_quiz``) reads a JSON list of questions::

    [{"question": "...", "type": "multiple_choice",
      "answers": [{"answer": "...", "correct": true, "feedback": "..."}]}]

Each question is rewritten, keeping its lines, into this package's own format
and then checked like any authored quiz. ``multiple_choice`` becomes
``single``, ``many_choice`` ``multiple``, ``string`` and ``numeric`` become
``fill``. Keys jupyterquiz does not have may be added to a question: ``id``,
``step``, ``source``, ``hints``, ``explanation``. Without ``step`` a question
is asked in the lesson's last step; without ``id`` its id is a hash of its
text (so fixing a typo in the question text starts its progress afresh).
A JSON file holding this package's own format (``{"questions": [...]}``) is
read as it is.
"""

from __future__ import annotations

import hashlib
import json

from ..errors import QuizError
from ..model import Lesson
from .fields import Findings
from .text import number_value
from .yamlnodes import YList, YMap, YNode, YScalar, describe, from_python, parse

JQ_TYPES = {"multiple_choice": "single", "many_choice": "multiple", "string": "fill",
            "numeric": "fill"}
JQ_LAYOUT_KEYS = ("answer_cols",)
"""jupyterquiz keys that only lay out the question; ignored here."""


def parse_json(text: str, path: str, findings: Findings, lesson: Lesson) -> YNode | None:
    """Nodes in this package's format for the JSON quiz ``text``.

    Raises :class:`QuizError` naming the line for malformed JSON.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise QuizError(f"The quiz is not valid JSON: {error.msg}. Fix the JSON near this "
                        "line (check commas, quotes and brackets).", path, error.lineno) from None
    except RecursionError:
        raise QuizError("The quiz is nested too deeply to read. Flatten its lists and "
                        "mappings.", path, None) from None
    try:
        # Valid JSON is YAML once its tabs (only ever whitespace there) are spaces.
        root = parse(text.replace("\t", " "), path, findings.error)
    except QuizError:
        # YAML refuses a few JSON escapes (surrogate pairs): the values, without lines.
        try:
            root = from_python(data)
        except RecursionError:
            raise QuizError("The quiz is nested too deeply to read. Flatten its lists and "
                            "mappings.", path, None) from None
    if isinstance(root, YList):
        items = [_question(item, findings, lesson) for item in root.items]
        return YList(root.line, [item for item in items if item is not None])
    return root


def is_jupyterquiz(node: YNode) -> bool:
    """Whether a question node is written in jupyterquiz's shape."""
    return isinstance(node, YMap) and "question" in node.items and "prompt" not in node.items


def _scalar(value: object, line: int | None) -> YScalar:
    return YScalar(value, str(value), line, not isinstance(value, str))


def _text(node: YNode | None) -> str:
    return str(node.value) if isinstance(node, YScalar) and node.value is not None else ""


def _question(node: YNode, findings: Findings, lesson: Lesson) -> YNode | None:
    """``node`` in this package's format; None when it cannot be (the error is reported)."""
    if not isinstance(node, YMap) or not is_jupyterquiz(node):
        return node
    out = YMap(node.line, imported=True)

    def put(key: str, value: YNode, line: int | None) -> None:
        out.items[key] = value
        out.key_lines[key] = line

    kind = _text(node.items.get("type"))
    if kind not in JQ_TYPES:
        found = f"the type \"{kind}\", which jupyterquiz does not have" if kind else "no type"
        findings.error(node.key_lines.get("type", node.line),
                       f"this jupyterquiz question has {found}. Write \"type\": "
                       "\"multiple_choice\", \"many_choice\", \"string\" or \"numeric\"")
        return None
    for key, value in node.items.items():
        line = node.key_lines.get(key)
        if key == "question":
            put("prompt", value, line)
        elif key == "code":
            code = _text(value)
            prompt = out.items.get("prompt")
            put("prompt", _scalar(f"{_text(prompt)}\n\n```\n{code}\n```", line),
                out.key_lines.get("prompt", line))
        elif key == "type":
            put("type", _scalar(JQ_TYPES.get(kind, kind), line), line)
        elif key == "answers":
            if not _answers(value, kind, node, out, findings):
                return None
        elif key == "precision" and kind == "numeric":
            put("precision", value, line)
        elif key not in JQ_LAYOUT_KEYS:
            put(key, value, line)
    if "id" not in out.items:
        digest = hashlib.sha256(_text(node.items["question"]).encode("utf-8")).hexdigest()
        put("id", _scalar(f"jq-{digest[:10]}", node.line), node.line)
    if "step" not in out.items and lesson.steps:
        put("step", _scalar(lesson.steps[-1].slug, node.line), node.line)
        findings.warning(node.line, "this jupyterquiz question has no `step`, so it is asked "
                                    f"in the last step `{lesson.steps[-1].slug}`. Add "
                                    "\"step\": \"<step slug>\" to place it")
    return out


def _answers(value: YNode, kind: str, node: YMap, out: YMap, findings: Findings) -> bool:
    """Put ``value`` (jupyterquiz answers) into ``out``; False if it cannot be imported."""
    line = node.key_lines.get("answers")
    if not isinstance(value, YList):
        findings.error(line, f"`answers` should be a list of answers, found {describe(value)}. "
                             "Write a JSON list of {\"answer\": ..., \"correct\": ...} objects")
        return False
    if kind in ("multiple_choice", "many_choice"):
        options = YList(value.line, [_option(item) for item in value.items])
        out.items["options"], out.key_lines["options"] = options, line
        return True
    ok = True
    accepted, wrong = YList(value.line), YList(value.line)
    fuzzy: list[float] = []
    for item in value.items:
        if not isinstance(item, YMap):
            findings.error(item.line, f"an answer should be an object, found {describe(item)}. "
                                      "Write {\"answer\": ..., \"correct\": true}")
            continue
        if _text(item.items.get("type")) == "default":
            feedback = item.items.get("feedback")
            if feedback is not None and "feedback_wrong" not in out.items:
                out.items["feedback_wrong"] = feedback
                out.key_lines["feedback_wrong"] = item.line
            continue
        if "range" in item.items:
            ok = False
            findings.error(item.line, "a numeric range answer cannot be imported: fill-in "
                                      "answers are values. List the accepted values as "
                                      "{\"value\": ..., \"correct\": true}, with \"precision\" "
                                      "for significant digits")
            continue
        field = "value" if kind == "numeric" else "answer"
        answer = item.items.get(field)
        if answer is None:
            findings.error(item.line, f"a {kind} answer has no `{field}`. Add it")
            ok = False
            continue
        wanted = "a number" if kind == "numeric" else "text"
        if not isinstance(answer, YScalar) or answer.value is None or isinstance(
                answer.value, bool) or not str(answer.value).strip() or (
                kind == "numeric" and number_value(str(answer.value)) is None):
            findings.error(answer.line, f"the `{field}` of a {kind} answer should be {wanted}, "
                                        f"found {describe(answer)}. Write {wanted}")
            ok = False
            continue
        if not _is_correct(item):
            feedback = item.items.get("feedback")
            if feedback is not None:
                wrong.items.append(YMap(item.line, {"text": _scalar(str(answer.value),
                                                                    answer.line),
                                                    "feedback": feedback},
                                        {"text": answer.line,
                                         "feedback": item.key_lines.get("feedback")}))
            continue
        if "feedback" in item.items:
            findings.warning(item.line, f"the feedback for the right answer “{answer.raw}” "
                                        "is not used: a right fill-in answer is told "
                                        "\"Correct.\". Put the advice in \"explanation\"")
        threshold = item.items.get("fuzzy_threshold")
        if isinstance(threshold, YScalar) and isinstance(threshold.value, (int, float)):
            fuzzy.append(float(threshold.value))
        match_case = item.items.get("match_case")
        if isinstance(match_case, YScalar) and match_case.value is True:
            findings.warning(item.line, "`match_case` is not supported: answers are always "
                                        "compared ignoring case. Remove \"match_case\"")
        accepted.items.append(_scalar(str(answer.value), answer.line))
    out.items["answers"], out.key_lines["answers"] = accepted, line
    if wrong.items:
        out.items["wrong_answers"], out.key_lines["wrong_answers"] = wrong, line
    if fuzzy:
        out.items["fuzzy"] = _scalar(min(fuzzy), line)
        out.key_lines["fuzzy"] = line
    return ok


def _is_correct(item: YNode) -> bool:
    flag = item.items.get("correct") if isinstance(item, YMap) else None
    return isinstance(flag, YScalar) and flag.value is True


def _option(item: YNode) -> YNode:
    if not isinstance(item, YMap):
        return item
    option = YMap(item.line)
    for key, value in item.items.items():
        line = item.key_lines.get(key)
        if key == "answer":
            option.items["text"], option.key_lines["text"] = value, line
        elif key == "code" and "answer" not in item.items:
            option.items["text"] = _scalar(f"`{_text(value)}`", line)
            option.key_lines["text"] = line
        else:
            option.items[key], option.key_lines[key] = value, line
    return option
