"""The ``export`` subcommand: printable handouts of a lesson or a whole course.

``mediation-lessons export PATH --to html --out DIR [--with-answers]`` writes
one handout per lesson, named from its slug, inside ``DIR``. Articles of a
course that cannot be loaded are reported on stderr and make the exit code 1;
so are lessons whose quiz is broken; the others are still exported.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import LessonError
from ..loader import load_course, load_lesson

HANDOUT_FORMATS = ("html", "ipynb")
"""The handout formats (``handout.FORMATS``; nbconvert loads only when a handout is made)."""


def register(subparsers: Any) -> None:
    """Add ``export`` to the command line."""
    parser = subparsers.add_parser(
        "export",
        help="write printable handouts (HTML) of a lesson or a course",
        description="Write a printable handout per lesson: its text and its questions, "
                    "without answers unless --with-answers is given.",
    )
    parser.add_argument("path", type=Path, metavar="PATH",
                        help="an article (.md) or a course folder")
    parser.add_argument("--to", choices=HANDOUT_FORMATS, default="html",
                        help="html: a printable page; ipynb: the handout notebook "
                             "(default: html)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="folder to write the handouts into (created if missing)")
    parser.add_argument("--with-answers", action="store_true",
                        help="append the answer key, for instructors")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Export the handouts; return the exit code."""
    from ..handout import export_course, export_lesson

    path: Path = args.path
    if not path.exists():
        raise LessonError(f"{path} does not exist; give an article file or a course folder.")
    if not path.is_dir():
        print(export_lesson(load_lesson(path), args.out, args.to, args.with_answers))
        return 0
    course = load_course(path)
    if not course.lessons and not course.errors:
        raise LessonError(f"{path} holds no articles (*.md); nothing was exported.")
    result = export_course(course, args.out, args.to, args.with_answers)
    for target in result.written:
        print(target)
    errors = (*course.errors, *result.errors)
    for error in errors:
        print(f"mediation-lessons: error: {error}", file=sys.stderr)
    return 1 if errors else 0
