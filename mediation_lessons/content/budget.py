"""Bounds on the work markdown-it does, so no article can make a learner wait.

markdown-it-py is linear but slow on some text: each line costs up to ~80 µs
(a run of ``<div>`` lines) and each bracket, emphasis or HTML opener up to
~15 µs (1.6 MB of ``[a](`` took 11 s). Text without markup is cheap (2 MB of
plain words parse in milliseconds), so the file's byte size is not the right
bound. The work is estimated from counts taken in C (``str.count``) before
parsing: one unit per line and one per character that starts an inline rule.
Measured on a 2-core machine, the costliest shapes take under 40 µs per unit,
so :data:`MAX_MARKUP_UNITS` keeps any article within the limits under ~1.6 s.
"""

from __future__ import annotations

from ..errors import ArticleError

MAX_MARKUP_UNITS = 40_000
"""Most lines plus markup characters (``[ ! < * _ & ` \\``) a body (or intro) may hold."""

MARKUP_CHARS = "[!<*_&`\\"
"""Characters that start an inline rule of markdown-it (links, images, HTML, emphasis,
entities, code, escapes); other characters are skipped in bulk."""


def markup_units(text: str) -> int:
    """Estimated parse work of ``text``: its lines plus its markup characters."""
    return text.count("\n") + 1 + sum(text.count(char) for char in MARKUP_CHARS)


def check_budget(parts: list[tuple[str, str, int]], display: str) -> None:
    """Raise :class:`ArticleError` if parsing the ``(what, text, line)`` parts could take seconds.

    The parts (title, summary, intro, body) share one budget; the error names the
    largest of them.
    """
    if sum(len(text) for _, text, _ in parts) + len(parts) <= MAX_MARKUP_UNITS:  # always within
        return
    counted = [(markup_units(text), what, line) for what, text, line in parts]
    total = sum(units for units, _, _ in counted)
    if total > MAX_MARKUP_UNITS:
        units, what, line = max(counted)
        raise ArticleError(
            f"The article is too large to format quickly: it has {total:,} lines and markup "
            f"characters ([ ! < * _ & ` \\) together ({units:,} in its {what}), more than "
            f"the {MAX_MARKUP_UNITS:,} an article may have. Split it into several articles.",
            display, line)
