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
from .model import Quiz
from .yamlnodes import LOADER, YNode, build, from_python, parse

QUIZ_SUFFIX = ".quiz.yaml"
MAX_QUIZ_BYTES = 2_000_000
_FRONTMATTER = re.compile(r"\A\ufeff?-{3}[ \t]*\r?\n(.*?)^-{3}[ \t]*\r?$", re.S | re.M)


def quiz_path(lesson: Lesson) -> Path:
    """Where the quiz file of ``lesson`` lives (it may not exist)."""
    path = Path(lesson.path)
    return path.with_name(path.name.removesuffix(path.suffix) + QUIZ_SUFFIX)


def _read(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_QUIZ_BYTES:
            raise QuizError(f"The quiz file is {size} bytes, more than {MAX_QUIZ_BYTES}. "
                            "Split it or shorten it.", str(path))
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise QuizError(f"The quiz file is not UTF-8 text ({error.reason}). Save it as UTF-8.",
                        str(path)) from None
    except OSError as error:
        raise QuizError(f"The quiz file cannot be read ({error.strerror}). Check that it "
                        "exists and is readable.", str(path)) from None


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
    path = quiz_path(lesson)
    if path.is_file():
        findings = Findings(str(path))
        try:
            root = parse(_read(path), str(path), findings.error)
        except QuizError as error:
            findings.items.append(error.to_finding())
            return None, findings
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
