"""One widget per question kind, and :func:`question_widget` to pick the right one."""

from __future__ import annotations

from ...quiz.model import QuestionView
from ...quiz.session import QuestionSession
from .base import Listener, QuestionWidget
from .choice import MultipleSelectWidget, SingleChoiceWidget, TrueFalseWidget
from .fill import FillWidget
from .matching import MatchingWidget
from .ordering import OrderingWidget
from .reflection import ReflectionWidget

WIDGETS: dict[str, type[QuestionWidget]] = {
    cls.kind: cls
    for cls in (SingleChoiceWidget, MultipleSelectWidget, TrueFalseWidget, OrderingWidget,
                MatchingWidget, FillWidget, ReflectionWidget)
}


def question_widget(view: QuestionView, session: QuestionSession,
                    listener: Listener | None = None) -> QuestionWidget:
    """The widget for ``view``'s kind, grading through ``session``."""
    return WIDGETS[view.kind](view, session, listener)


__all__ = [
    "WIDGETS",
    "FillWidget",
    "Listener",
    "MatchingWidget",
    "MultipleSelectWidget",
    "OrderingWidget",
    "QuestionWidget",
    "ReflectionWidget",
    "SingleChoiceWidget",
    "TrueFalseWidget",
    "question_widget",
]
