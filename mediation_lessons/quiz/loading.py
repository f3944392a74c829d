"""Finding a lesson's quiz (file, frontmatter or derived) and checking or loading it."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..errors import Finding, QuizError
from ..model import Lesson
from .authoring import build_quiz
from .derive import derived_quiz
from .fields import Findings
from .jupyterquiz import parse_json
from .model import Quiz
from .reading import read_quiz_text
from .yamlnodes import LOADER, YNode, build, from_python, parse

QUIZ_SUFFIX = ".quiz.yaml"
JSON_SUFFIX = ".quiz.json"
_FRONTMATTER = re.compile(r"\A\ufeff?-{3}[ \t]*\r?\n(.*?)^-{3}[ \t]*\r?$", re.S | re.M)


def quiz_path(lesson: Lesson, suffix: str = QUIZ_SUFFIX) -> Path:
    """Where the quiz file of ``lesson`` lives (it may not exist)."""
    path = Path(lesson.path)
    return path.with_name(path.name.removesuffix(path.suffix) + suffix)


def _frontmatter_node(lesson: Lesson, findings: Findings) -> YNode:
    """The `quiz:` frontmatter value as nodes with the article's own line numbers."""
    try:
        text = Path(lesson.path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        text = ""
    match = _FRONTMATTER.match(text)
    if match:
        offset = text.count("\n", 0, match.start(1))
        try:
            root = yaml.compose(match.group(1), Loader=LOADER)
        except yaml.YAMLError:
            root = None
        if isinstance(root, yaml.MappingNode):
            for key, value in root.value:
                if isinstance(key, yaml.ScalarNode) and key.value == "quiz":
                    return build(value, findings.path, findings.error, offset)
    return from_python(lesson.extra["quiz"])


def _collect(lesson: Lesson) -> tuple[Quiz | None, Findings]:
    quiz, findings = _gather(lesson)
    findings.items.sort(key=lambda item: item.line or 0)
    return quiz, findings


def _gather(lesson: Lesson) -> tuple[Quiz | None, Findings]:
    yaml_path, json_path = quiz_path(lesson), quiz_path(lesson, JSON_SUFFIX)
    path = yaml_path if yaml_path.is_file() else json_path
    if path.is_file():
        findings = Findings(str(path))
        imported = path == json_path
        try:
            text, notes = read_quiz_text(path)
            findings.items.extend(notes)
            root = (parse_json(text, str(path), findings, lesson) if imported
                    else parse(text, str(path), findings.error))
        except QuizError as error:
            findings.items.append(error.to_finding())
            return None, findings
        if path == yaml_path and json_path.is_file():
            findings.warning(None, f"there is also {json_path.name}; this YAML quiz is used. "
                                   "Remove one of them")
        if "quiz" in lesson.extra:
            findings.items.append(Finding(
                str(lesson.path), None, "warning",
                f"The article has a `quiz:` frontmatter key and a quiz file ({path.name}); "
                "the quiz file is used. Remove one of them."))
        return build_quiz(root, lesson, findings, "file"), findings
    if "quiz" in lesson.extra:
        findings = Findings(str(lesson.path))
        try:
            node = _frontmatter_node(lesson, findings)
        except QuizError as error:
            findings.items.append(error.to_finding())
            return None, findings
        return build_quiz(node, lesson, findings, "frontmatter"), findings
    return derived_quiz(lesson), Findings(str(lesson.path))


def check_quiz(lesson: Lesson) -> list[Finding]:
    """Every problem in the lesson's quiz, each naming its file and line."""
    return _collect(lesson)[1].items


def load_quiz(lesson: Lesson) -> Quiz:
    """The lesson's quiz: its quiz file, else its frontmatter `quiz:`, else derived.

    Raises :class:`QuizError` naming the file and line of the first error.
    """
    quiz, findings = _collect(lesson)
    errors = [item for item in findings.items if item.severity == "error"]
    if quiz is None or errors:
        first = errors[0] if errors else Finding(findings.path, None, "error", "Unreadable quiz.")
        more = f" ({len(errors) - 1} more problems; run `mediation-lessons check`)" \
            if len(errors) > 1 else ""
        raise QuizError(first.message + more, first.path, first.line)
    return quiz
