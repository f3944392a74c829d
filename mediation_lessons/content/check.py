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


def _check(path: Path, quiz_checker: QuizChecker | None,
           root: Path | None = None) -> tuple[list[Finding], Lesson | None]:
    from ..loader import load_course_article, load_lesson

    try:
        lesson = load_lesson(path) if root is None else load_course_article(path, root)
    except LessonError as error:
        return [error.to_finding()], None
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
    return findings, lesson


def check_article(path: Path, quiz_checker: QuizChecker | None = None) -> list[Finding]:
    """Findings for one article file: warnings, its error, and its quiz's problems."""
    return _check(path, quiz_checker)[0]


def check_folder(folder: Path, quiz_checker: QuizChecker | None = None) -> list[Finding]:
    """Findings for a course folder: its course file, every article, repeated slugs."""
    from ..loader import article_paths, course_title

    try:
        articles = article_paths(folder)
    except LessonError as error:
        return [error.to_finding()]
    findings = course_title(folder)[1]
    if not articles:
        findings.append(Finding(str(folder), None, "warning",
                                "The folder has no articles (*.md files)."))
    owners: dict[str, Path] = {}
    for article in articles:
        found, lesson = _check(article, quiz_checker, folder)
        findings += found
        if lesson is None:
            continue
        if lesson.slug in owners:
            findings.append(Finding(
                str(article), None, "error",
                f"The lesson slug {lesson.slug!r} is already used by {owners[lesson.slug].name}; "
                "set a different `slug:` in the frontmatter or rename the file."))
        owners.setdefault(lesson.slug, article)
    return findings


def check_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Finding]:
    """Findings for article files and course folders, in the order given."""
    checker = _quiz_checker()
    findings: list[Finding] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            findings += check_folder(path, checker)
        elif path.exists():
            findings += check_article(path, checker)
        else:
            findings.append(Finding(str(path), None, "error",
                                    "The path does not exist; check it."))
    return findings
