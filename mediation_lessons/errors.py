"""The package's own errors and the findings the checker reports.

Every problem with an author's content ends in a :class:`LessonError` (or a
subclass) whose message is a full sentence naming the file, the line where
there is one, and the remedy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One problem found in a file: where it is, how bad, and what to do."""

    path: str
    line: int | None
    severity: Severity
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.severity}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        """The finding as plain JSON data."""
        return {
            "path": self.path,
            "line": self.line,
            "severity": self.severity,
            "message": self.message,
        }


class LessonError(Exception):
    """Base of every error the package raises for bad content or requests."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"

    def to_finding(self) -> Finding:
        """The error as an error-level :class:`Finding`."""
        return Finding(self.path or "<input>", self.line, "error", self.message)


class ArticleError(LessonError):
    """An article cannot be read or turned into a lesson."""


class FrontmatterError(ArticleError):
    """An article's frontmatter block is malformed or has invalid fields."""


class QuizError(LessonError):
    """A quiz file or a question in it is malformed."""


class ResponseError(LessonError):
    """A learner's response does not have the shape its question expects."""


class ProgressError(LessonError):
    """The progress store cannot be opened, read or written."""
