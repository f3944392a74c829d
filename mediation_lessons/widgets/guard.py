"""Visible errors: a box that shows a plain message, and a callback wrapper.

ipywidgets swallows exceptions raised in button callbacks and, under Voilà,
stderr is dropped. Every callback of the app therefore runs through
:func:`guarded`, which routes its output to an ``Output`` widget and turns
any exception into a sentence the learner can read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

import ipywidgets as widgets

from ..errors import LessonError
from . import markup

log = logging.getLogger(__name__)


class ErrorBox(widgets.VBox):
    """A hidden box that becomes a visible error message when something fails."""

    def __init__(self, **kwargs: Any) -> None:
        self.message = widgets.HTML()
        self.output = widgets.Output()
        super().__init__(children=(self.message, self.output), **kwargs)
        self.add_class("ml-error-box")
        self.layout.display = "none"

    def show(self, message: str) -> None:
        """Show ``message`` (plain text) as the error."""
        self.message.value = (
            f'<div class="ml-error" role="alert"><strong>⚠ Problem:</strong> '
            f"{markup.text(message)}</div>"
        )
        self.layout.display = None

    def clear(self) -> None:
        """Hide the error."""
        self.message.value = ""
        self.layout.display = "none"

    @property
    def shown(self) -> str:
        """The message currently shown, as HTML, or ``""``."""
        return str(self.message.value)


def plain(error: LessonError) -> str:
    """The package's error as a sentence naming the file by its name, not its server path."""
    if error.path is None:
        return error.message
    line = f", line {error.line}" if error.line is not None else ""
    return f"{PurePath(error.path).name}{line}: {error.message}"


def describe(error: BaseException) -> str:
    """A plain sentence for ``error``: the package's own message, else a generic one."""
    if isinstance(error, LessonError):
        return plain(error)
    detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return (
        "Something went wrong in the lesson app and this action did not finish. "
        f"Reload the page to try again. ({detail})"
    )


def guarded(box: ErrorBox, action: Callable[..., object]) -> Callable[..., None]:
    """``action`` wrapped so its output goes to ``box`` and any error is shown there."""

    def run(*args: Any, **kwargs: Any) -> None:
        box.clear()
        failure: Exception | None = None
        # Catch inside the Output context: in a kernel, an exception leaving it
        # would be printed there as a traceback instead of reaching us.
        with box.output:
            try:
                action(*args, **kwargs)
            except Exception as error:  # every failure must become visible
                failure = error
        if failure is not None:
            log.error("callback failed", exc_info=failure)
            box.show(describe(failure))

    return run
