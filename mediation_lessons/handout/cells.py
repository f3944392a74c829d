"""HTML fragments as notebook markdown cells that nbconvert passes through verbatim.

A markdown cell whose text is one line starting with ``<div`` is an HTML block:
markdown never touches it. Newlines outside ``<pre>`` are spaces in HTML and
become spaces; newlines inside ``<pre>`` become ``&#10;``, so nothing changes.
"""

from __future__ import annotations

import html
import re

from nbformat import NotebookNode
from nbformat.v4 import new_markdown_cell

_PRE = re.compile(r"(<pre\b.*?</pre>)", re.IGNORECASE | re.DOTALL)
_CLASS = re.compile(r"^[a-z][a-z0-9 -]*$")


def one_line(fragment: str) -> str:
    """``fragment`` on one line, rendering exactly as before."""
    parts = _PRE.split(fragment)
    return "".join(
        part.replace("\r", "").replace("\n", "&#10;") if index % 2 else
        re.sub(r"\s*[\r\n]+\s*", " ", part)
        for index, part in enumerate(parts)
    ).strip()


def html_cell(fragment: str, css_class: str) -> NotebookNode:
    """A markdown cell holding ``fragment`` (already safe HTML) in a ``div``."""
    if not _CLASS.match(css_class):
        raise ValueError(f"Not a CSS class list: {css_class!r}")
    return new_markdown_cell(f'<div class="{css_class}">{one_line(fragment)}</div>')


def text(value: str) -> str:
    """Plain text escaped for HTML element content and attribute values."""
    return html.escape(value, quote=True)
