"""Gather findings for articles and course folders (the ``check`` command's library).

Each article gives its load warnings, or its error; each lesson's quiz is
checked by :func:`mediation_lessons.quiz.check_quiz` when that is available.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import Finding, LessonError
from ..model import Lesson

QuizChecker = Callable[[Lesson], list[Finding]]


def _quiz_checker() -> QuizChecker | None:
    try:
        from ..quiz import check_quiz
    except ImportError:
        return None
    return check_quiz


def check_article(path: Path, quiz_checker: QuizChecker | None = None) -> list[Finding]:
    """Findings for one article file: warnings, its error, and its quiz's problems."""
    from ..loader import load_lesson

    try:
        lesson = load_lesson(path)
    except LessonError as error:
        return [error.to_finding()]
    findings = list(lesson.warnings)
    if quiz_checker is not None:
        try:
            findings += quiz_checker(lesson)
        except LessonError as error:
            findings.append(error.to_finding())
        except Exception as error:  # one broken check must not stop the rest
            findings.append(Finding(str(path), None, "error",
                                    f"The quiz could not be checked ({type(error).__name__}: "
                                    f"{error}); please report this with the file."))
    return findings


def check_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Finding]:
    """Findings for article files and course folders, in the order given."""
    from ..loader import article_paths, course_title

    checker = _quiz_checker()
    findings: list[Finding] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                articles = article_paths(path)
            except LessonError as error:
                findings.append(error.to_finding())
                continue
            findings += course_title(path)[1]
            if not articles:
                findings.append(Finding(str(path), None, "warning",
                                        "The folder has no articles (*.md files)."))
            for article in articles:
                findings += check_article(article, checker)
        elif path.exists():
            findings += check_article(path, checker)
        else:
            findings.append(Finding(str(path), None, "error",
                                    "The path does not exist; check it."))
    return findings
