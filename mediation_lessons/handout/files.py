"""Write handouts to disk: one file per lesson, named from its slug, inside ``out``.

A slug that is not a plain file name, two lessons with the same slug, or a
target that resolves outside the output folder (``..``, a symlink) is refused
with an :class:`ExportError` before anything is written. Files are written to
a temporary name and moved into place, so a failed export leaves no half file.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import nbformat
from tqdm import tqdm

from ..errors import LessonError
from ..model import Course, Lesson
from .notebook import build_notebook
from .questions import handout_questions
from .render import render_html

Format = Literal["html", "ipynb"]
FORMATS: tuple[Format, ...] = ("html", "ipynb")
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,120}$")


class ExportError(LessonError):
    """A handout cannot be written where or as it was asked."""


def handout_path(out: Path, lesson: Lesson, to: Format = "html",
                 with_answers: bool = False) -> Path:
    """Where the handout of ``lesson`` goes inside ``out``; refuses anything outside."""
    if to not in FORMATS:
        raise ExportError(f"Unknown handout format {to!r}; use one of: {', '.join(FORMATS)}.")
    if not _SLUG.match(lesson.slug):
        raise ExportError(
            f"The lesson's slug {lesson.slug!r} is not a plain file name, so no handout "
            "file can be named after it; give the article a `slug:` of letters, digits "
            "and dashes.",
            str(lesson.path),
        )
    suffix = "-with-answers" if with_answers else ""
    root = out.resolve()
    target = (root / f"{lesson.slug}{suffix}.{to}").resolve()
    if target.parent != root:
        raise ExportError(
            f"The handout for {lesson.slug!r} would be written to {target}, outside the "
            f"output folder {root}; remove the link or choose another --out folder.",
            str(lesson.path),
        )
    return target


def _write(target: Path, data: str) -> None:
    """Write ``data`` beside ``target`` under a temporary name, then move it into place."""
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        with temporary.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _prepare(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise ExportError(f"The output path {out} is a file; --out must name a folder.")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(
            f"Cannot create the output folder {out} ({error.strerror}); choose a folder "
            "you can write to."
        ) from error


def export_lesson(lesson: Lesson, out: Path, to: Format = "html",
                  with_answers: bool = False) -> Path:
    """Write the handout of ``lesson`` into ``out`` and return its path."""
    _prepare(out)
    target = handout_path(out, lesson, to, with_answers)
    notebook = build_notebook(lesson, handout_questions(lesson), with_answers)
    _write(target, render_html(notebook) if to == "html" else nbformat.writes(notebook))
    return target


@dataclass(frozen=True)
class CourseExport:
    """What a course export wrote, and the lessons whose handout failed."""

    written: tuple[Path, ...]
    errors: tuple[LessonError, ...] = ()


def export_course(
    course: Course,
    out: Path,
    to: Format = "html",
    with_answers: bool = False,
    progress: Callable[[Iterable[Lesson]], Iterable[Lesson]] | None = None,
) -> CourseExport:
    """Write one handout per lesson of ``course``, with a progress bar.

    Every target is checked before the first file is written: a bad slug or two
    lessons sharing one raise :class:`ExportError` and write nothing. A lesson
    whose quiz is broken is skipped and reported in ``errors``; the others are
    still written.
    """
    _prepare(out)
    seen: dict[Path, Lesson] = {}
    for lesson in course.lessons:
        target = handout_path(out, lesson, to, with_answers)
        if target in seen:
            raise ExportError(
                f"Two lessons have the slug {lesson.slug!r} ({seen[target].path} and "
                f"{lesson.path}), so their handouts would overwrite each other; give one "
                "of them another `slug:`.",
                str(lesson.path),
            )
        seen[target] = lesson
    wrap = progress or (lambda lessons: tqdm(
        lessons, desc="Exporting handouts", unit="lesson", total=len(course.lessons)))
    written: list[Path] = []
    errors: list[LessonError] = []
    for lesson in wrap(course.lessons):
        try:
            written.append(export_lesson(lesson, out, to, with_answers))
        except LessonError as error:
            errors.append(error)
    return CourseExport(tuple(written), tuple(errors))
