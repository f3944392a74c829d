"""The ``export-quiz`` subcommand: print every question with its answer, as JSON.

This is the instructor's answer key: each question's ``answer`` is a correct
response in exactly the shape ``Question.grade`` accepts.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..errors import LessonError
from ..loader import load_course, load_lesson
from ..model import Lesson
from ..quiz import load_quiz


def register(subparsers: Any) -> None:
    """Add ``export-quiz PATH --format json`` to the command line."""
    parser = subparsers.add_parser(
        "export-quiz",
        help="print a course's or lesson's questions with their answers",
        description="Print every question of a course folder or a lesson file, with "
                    "its answer and source quote (the instructor's answer key).",
    )
    parser.add_argument("path", type=Path, help="a course folder or an article file")
    parser.add_argument("--format", choices=("json",), default="json",
                        help="output format (default: json)")
    parser.set_defaults(func=run)


def lesson_key(lesson: Lesson) -> dict[str, Any]:
    """The answer key of one lesson as JSON data; raises QuizError for a bad quiz."""
    quiz = load_quiz(lesson)
    return {
        "lesson": lesson.slug,
        "title": lesson.title,
        "path": str(lesson.path),
        "quiz": quiz.path,
        "origin": quiz.origin,
        "mastery": quiz.mastery,
        "step_mastery": dict(quiz.step_mastery),
        "questions": [question.to_dict() for question in quiz.questions],
    }


def export(path: Path) -> dict[str, Any]:
    """The answer key of a course folder or a single article."""
    if path.is_dir():
        course = load_course(path)
        if course.errors:
            first = course.errors[0]
            more = f" ({len(course.errors) - 1} more)" if len(course.errors) > 1 else ""
            raise LessonError(f"{first.message}{more}", first.path, first.line)
        return {"course": course.title, "lessons": [lesson_key(ls) for ls in course.lessons]}
    if not path.exists():
        raise LessonError("No such file or folder; pass a course folder or an article.",
                          str(path))
    return {"course": None, "lessons": [lesson_key(load_lesson(path))]}


def run(args: argparse.Namespace) -> int:
    """Print the answer key as JSON on stdout."""
    json.dump(export(args.path), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0
