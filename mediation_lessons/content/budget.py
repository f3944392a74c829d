"""Bounds on the work markdown-it does, so no article can make a learner wait.

markdown-it-py is linear but slow on some text: each line costs up to ~80 µs
(a run of ``<div>`` lines) and each bracket, emphasis or HTML opener up to
~15 µs (1.6 MB of ``[a](`` took 11 s). Text without markup is cheap (2 MB of
plain words parse in milliseconds), so the file's byte size is not the right
bound. The work is estimated from counts taken in C (``str.count``) before
parsing: three units per line, one per character that starts an inline rule and one
per character of the list and quote markers that open a line.
Measured on a 2-core machine, the costliest shapes take under 25 µs per unit,
so :data:`MAX_MARKUP_UNITS` keeps any article within the limits under ~1.3 s.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..errors import ArticleError

MAX_MARKUP_UNITS = 50_000
"""Most work units an article's title, summary, intro and body may hold together."""

LINE_UNITS = 3
"""Units per line: block rules (nested lists and quotes, HTML blocks) run on each line."""

MARKUP_CHARS = "[!<>*_&`\\"
"""Characters that start an inline rule of markdown-it (links, images, HTML, emphasis,
entities, code, escapes); other characters are skipped in bulk."""


_BLOCK_MARKERS = re.compile(r"^[ \t]*(?:(?:[-+*>]|\d{1,9}[.)])[ \t]+)+", re.MULTILINE)
"""List and quote markers opening a line; each one nests another block (``- > 1. a``)."""


def markup_units(text: str) -> int:
    """Estimated parse work of ``text``.

    Three units a line, one a markup character, one a character of the list and
    quote markers that open a line (a run of them nests that many blocks).
    """
    units = LINE_UNITS * (text.count("\n") + 1)
    units += sum(text.count(char) for char in MARKUP_CHARS)
    return units + sum(len(marker) for marker in _BLOCK_MARKERS.findall(text))


def check_budget(parts: list[tuple[str, str, int | str]], display: str,
                 line_of: Callable[[str], int] | None = None) -> None:
    """Raise :class:`ArticleError` if parsing the ``(what, text, line)`` parts could take seconds.

    The parts (title, summary, intro, body) share one budget; the error names the
    largest of them. A part's line may be a frontmatter key, looked up with
    ``line_of`` only for the error.
    """
    if LINE_UNITS * sum(len(text) + 1 for _, text, _ in parts) <= MAX_MARKUP_UNITS:
        return  # short texts are always within
    counted = [(markup_units(text), what, line) for what, text, line in parts]
    total = sum(units for units, _, _ in counted)
    if total > MAX_MARKUP_UNITS:
        units, what, where = max(counted, key=lambda part: part[0])
        line = where if isinstance(where, int) else line_of(where) if line_of else None
        raise ArticleError(
            f"The article is too large to format quickly: its lines and markup characters "
            f"([ ! < > * _ & ` \\ and list markers) come to {total:,} units (3 a line, 1 a "
            f"character; {units:,} in "
            f"its {what}), more than the {MAX_MARKUP_UNITS:,} an article may have, e.g. about "
            f"{MAX_MARKUP_UNITS // LINE_UNITS // 1000}k lines. Split it into several articles.",
            display, line)
