"""Learner progress on SQLite: attempts, step completion, positions, reviews, reports.

Typical use in the app::

    from mediation_lessons.progress import open_store, resolve_learner

    store = open_store()                  # never raises; check store.available
    learner = resolve_learner().name      # JupyterHub user, cookie, or OS user
    store.record_attempt(learner, "mediation", "what-are-the-steps-of-mediation",
                         "opening-statements", "q1", ["b"], correct=False, score=0.0)
    store.question_states(learner, "mediation", "what-are-the-steps-of-mediation")

When ``store.available`` is False, show ``store.problem`` (a sentence) and
carry on: writes do nothing and reads are empty. Show learners
``store.learner_problem``, which names no server path. Courses are stored
under :func:`course_key` (their folder's name). The review rule is in
:mod:`mediation_lessons.progress.schedule`.
"""

from __future__ import annotations

from .identity import COOKIE_NAME, Learner, cookie_string, normalize_name, resolve_learner
from .keys import course_key
from .paths import ENV_VAR, default_db_path
from .records import LessonProgress, QuestionState, ReviewItem
from .reporting import Report
from .store import ProgressStore, open_store

__all__ = [
    "COOKIE_NAME",
    "ENV_VAR",
    "Learner",
    "LessonProgress",
    "ProgressStore",
    "QuestionState",
    "Report",
    "ReviewItem",
    "cookie_string",
    "course_key",
    "default_db_path",
    "normalize_name",
    "open_store",
    "resolve_learner",
]
