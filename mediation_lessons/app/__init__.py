"""The course app for notebooks and Voilà.

Importing this package is cheap: the widgets (and ipywidgets) load only when
:func:`course_app` is called, so the core library stays free of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import ipywidgets


def course_app(course_path: Any = None, db: Any = None,
               learner: str | None = None) -> ipywidgets.Widget:
    """The course app widget; see :func:`mediation_lessons.app.build.course_app`."""
    from .build import course_app as build

    return build(course_path, db, learner)


__all__ = ["course_app"]
