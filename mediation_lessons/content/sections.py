"""Split an article's body into steps at its ``##`` headings.

The body is parsed once with markdown-it, so headings inside fenced code are
not headings, ``###`` and deeper stay inside their step, and a setext heading
underlined with ``---`` counts as a ``##`` heading too. Text before the first
``##`` is the preamble (the loader folds it into the intro); the first ``#``
heading there is the fallback title.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .markdown import parser, plain_inline

_NON_WORD = re.compile(r"[\W_]+")


@dataclass
class Section:
    """One ``##`` section: heading, its source and its parsed block tokens."""

    title: str
    line: int
    markdown: str
    tokens: list[Any] = field(default_factory=list)


@dataclass
class Body:
    """A parsed body: preamble, first ``#`` heading, and the ``##`` sections."""

    preamble: str
    preamble_tokens: list[Any]
    heading: str | None
    heading_line: int | None
    sections: list[Section]


def _lines(lines: list[str], start: int, end: int) -> str:
    return "\n".join(lines[start:end]).strip("\n")


def split_body(body: str, first_line: int) -> Body:
    """Parse ``body`` (starting on file line ``first_line``) into a :class:`Body`."""
    tokens = parser().parse(body)
    lines = body.split("\n")
    starts: list[int] = []
    first_h1: int | None = None
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.level == 0:
            if token.tag == "h2":
                starts.append(i)
            elif token.tag == "h1" and first_h1 is None:
                first_h1 = i
    pre_end = starts[0] if starts else len(tokens)
    pre_lines = lines[: tokens[pre_end].map[0]] if starts and tokens[pre_end].map else lines
    preamble_tokens = tokens[:pre_end]
    heading = heading_line = None
    if first_h1 is not None:
        i, token = first_h1, tokens[first_h1]
        heading = " ".join(plain_inline(tokens[i + 1].children).split())
        heading_line = first_line + (token.map[0] if token.map else 0)
        if i < pre_end:
            preamble_tokens = tokens[:i] + tokens[i + 3:pre_end]
            if token.map:
                pre_lines = pre_lines[: token.map[0]] + pre_lines[token.map[1]:]
    preamble = "\n".join(pre_lines).strip("\n")
    sections: list[Section] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(tokens)
        opener = tokens[start]
        head_map = opener.map or [0, 1]
        next_map = tokens[end].map if end < len(tokens) else None
        text_end = next_map[0] if next_map else len(lines)
        sections.append(Section(
            title=" ".join(plain_inline(tokens[start + 1].children).split()),
            line=first_line + head_map[0],
            markdown=_lines(lines, head_map[1], text_end),
            tokens=tokens[start + 3:end],
        ))
    return Body(preamble, preamble_tokens, heading, heading_line, sections)


def slugify(text: str, fallback: str) -> str:
    """A lowercase, hyphenated slug of ``text`` (letters of any script kept)."""
    normal = (text if text.isascii() else unicodedata.normalize("NFKC", text)).lower()
    slug = _NON_WORD.sub("-", normal).strip("-")[:80].strip("-")
    return slug or fallback


def unique_slugs(titles: list[str]) -> list[str]:
    """Slugs for ``titles``, unique: repeats get ``-2``, ``-3``…; empty ones ``step-N``."""
    seen: set[str] = set()
    slugs: list[str] = []
    for number, title in enumerate(titles, start=1):
        base = slugify(title, f"step-{number}")
        slug, counter = base, 2
        while slug in seen:
            slug, counter = f"{base}-{counter}", counter + 1
        seen.add(slug)
        slugs.append(slug)
    return slugs
