"""How an attempt row is encoded: its columns, the insert statement, JSON responses.

Shared by the store (which writes attempts) and the transfer module (which
imports them), so both write exactly the same rows.
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import ProgressError

ATTEMPT_COLUMNS = (
    "uid", "learner", "course", "lesson", "step", "question", "context", "response",
    "correct", "score", "hints_used", "settled", "at",
)
INSERT_ATTEMPT = (
    f"INSERT OR IGNORE INTO attempts ({', '.join(ATTEMPT_COLUMNS)})"
    f" VALUES ({', '.join('?' for _ in ATTEMPT_COLUMNS)})"
)


def encode_response(response: Any, question: str) -> str:
    """``response`` as JSON text; ProgressError if it is not JSON data."""
    try:
        return json.dumps(response, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise ProgressError(
            f"The response to question {question!r} cannot be saved: it is not JSON data "
            f"({error}). Pass lists, dicts, strings, numbers, booleans or None."
        ) from error


def decode_response(text: str) -> Any:
    """A stored response decoded from JSON (the raw text if it is not JSON)."""
    try:
        return json.loads(text)
    except ValueError:
        return text


