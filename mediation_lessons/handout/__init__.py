"""Printable handouts: a lesson as a notebook of HTML cells, converted by nbconvert.

``build_notebook`` assembles the handout notebook (title, image, intro, summary,
each step's text and its questions without answers; the answer key as an
appendix only when asked), ``render_html`` turns it into a self-contained page
with print CSS and no scripts, and ``export_lesson``/``export_course`` write
the files under an output folder, named from lesson slugs.
"""

from __future__ import annotations

from .files import FORMATS, CourseExport, ExportError, export_course, export_lesson, handout_path
from .notebook import build_notebook
from .questions import HandoutQuestion, handout_questions
from .render import render_html

__all__ = [
    "FORMATS",
    "CourseExport",
    "ExportError",
    "HandoutQuestion",
    "build_notebook",
    "export_course",
    "export_lesson",
    "handout_path",
    "handout_questions",
    "render_html",
]
