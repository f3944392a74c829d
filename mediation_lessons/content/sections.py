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

from .markdown import parser_for, plain_inline

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
    """A parsed body: preamble, first ``#`` heading, the sections, and what was repaired."""

    preamble: str
    preamble_tokens: list[Any]
    heading: str | None
    heading_line: int | None
    sections: list[Section]
    notes: list[tuple[int, str]] = field(default_factory=list)
    """(file line, message) of each repair or surprise, for the loader's warnings."""


_NO_SPACE_H2 = re.compile(r"##(?=[^#\s])")
_UNSPACED_LINE = re.compile(r"\n##[^#\s]")

_HTML_H2 = re.compile(r"<h2(?:\s[^<>]*)?>(.*?)</h2\s*>", re.IGNORECASE | re.DOTALL)
_ESM = re.compile(
    r"import\s+(?:(?:\w+|\*\s+as\s+\w+|\{[^{}]*\})(?:\s*,\s*(?:\w+|\{[^{}]*\}))?\s+from\s+)?"
    r"[\"'][^\"'\s]+[\"'];?|export\s+(?:const|let|var|function|default)\s.*")
"""An MDX ``import x from "./x"`` / ``export const ...`` line (one identifier or
``{...}`` list before ``from``, so a sentence never matches)."""
_NUMBERED = re.compile(r"(?:(?:step|part|stage|phase|chapter|section)\s+)?\d{1,3}\s*"
                       r"[.):\u2013\u2014-]\s+(?=\S)", re.IGNORECASE)
_PUNCTUATION = re.compile(r"[^\w\s]+")
_JSX = re.compile(r"<[A-Z][\w.]*(?=[\s/>])")
_WEB_IMAGE = re.compile(r"\s*(?:https?:|data:image/(?:png|jpeg|gif|webp);base64,)",
                        re.IGNORECASE)


def _same_title(one: str, other: str) -> bool:
    """Whether two titles read the same, ignoring case, spacing and punctuation."""
    def norm(text: str) -> str:
        return " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())
    return norm(one) == norm(other)


def step_title(heading: str) -> str:
    """A heading without the step number the app adds itself: ``1. Prepare`` → ``Prepare``."""
    if heading[:1].isdigit() or heading[:1] in "SsPpCc":
        found = _NUMBERED.match(heading)
        if found:
            return heading[found.end():]
    return heading


def _has_unspaced(body: str) -> bool:
    """Whether a line of ``body`` starts with ``##`` and no space.

    One regex pass with a literal prefix: a third of the cost of ``str.find``
    from heading to heading (multi-character needles take CPython's slow path).
    """
    return bool(body.startswith("##") and _NO_SPACE_H2.match(body)) \
        or _UNSPACED_LINE.search(body) is not None


def _fix_unspaced_headings(tokens: list[Any], lines: list[str]) -> list[int]:
    """Lines ``##Title`` (no space: a paragraph in CommonMark) made ``## Title``, in place."""
    fixed = []
    for i, token in enumerate(tokens):
        if (token.type == "inline" and token.level == 1 and "##" in token.content
                and tokens[i - 1].type == "paragraph_open" and token.map):
            for index in range(*token.map):
                if _NO_SPACE_H2.match(lines[index]):
                    lines[index] = "## " + lines[index][2:]
                    fixed.append(index)
    return fixed


def _line_offsets(lines: list[str]) -> list[int]:
    """Offset in the text of each line's start, and of the text's end."""
    from itertools import accumulate

    return list(accumulate((len(line) + 1 for line in lines), initial=0))


def _html_headings(tokens: list[Any], offsets: list[int]) -> list[Any]:
    """``tokens`` with each top-level HTML block's ``<h2>`` elements made heading tokens.

    Each made heading's ``meta`` holds its ``start`` and ``end`` offsets in the
    text (it may share its line with other HTML).
    """
    from markdown_it.token import Token

    from .markdown import strip_tags

    out: list[Any] = []
    for token in tokens:
        if token.type != "html_block" or token.level or not _HTML_H2.search(token.content):
            out.append(token)
            continue
        content, first = token.content, (token.map or [0, 0])[0]
        done = 0
        for found in _HTML_H2.finditer(content):
            line = first + content.count("\n", 0, found.start())
            if content[done:found.start()].strip():
                out.append(_html_part(content[done:found.start()], first
                                      + content.count("\n", 0, done), line + 1))
            title = " ".join(strip_tags(found.group(1)).split())
            opener = Token("heading_open", "h2", 1, map=[line, line + 1], markup="<h2>",
                           block=True, meta={"start": offsets[first] + found.start(),
                                             "end": offsets[first] + found.end()})
            inline = Token("inline", "", 0, map=[line, line + 1], content=title, block=True,
                           children=[Token("text", "", 0, content=title)])
            out += [opener, inline, Token("heading_close", "h2", -1, block=True)]
            done = found.end()
        rest = content[done:]
        if rest.strip():
            start = first + content.count("\n", 0, done)
            out.append(_html_part(rest, start, (token.map or [0, start + 1])[1]))
    return out


def _html_part(content: str, start: int, end: int) -> Any:
    from markdown_it.token import Token

    return Token("html_block", "", 0, map=[start, max(end, start + 1)], block=True,
                 content=content.strip("\n") + "\n")


def _is_esm(tokens: list[Any], i: int, lines: list[str]) -> bool:
    """Whether the paragraph opening at ``tokens[i]`` is MDX ``import``/``export`` lines."""
    token = tokens[i]
    if token.type != "paragraph_open" or token.level or not token.map:
        return False
    return all(_ESM.fullmatch(line.strip()) for line in lines[token.map[0]:token.map[1]])


def split_body(body: str, first_line: int, title: str | None = None) -> Body:
    """Parse ``body`` (starting on file line ``first_line``) into a :class:`Body`.

    ``title`` is the frontmatter's title: a first ``#`` heading that repeats it
    is dropped. Steps are the ``##`` sections; an article whose sections are
    ``#`` headings (two or more besides the title) or, with neither, ``###``
    headings (two or more) is split at those instead, with a note.
    """
    notes: list[tuple[int, str]] = []
    tokens = parser_for(body).parse(body)
    lines = body.split("\n")
    if _has_unspaced(body):
        fixed = _fix_unspaced_headings(tokens, lines)
        if fixed:
            body = "\n".join(lines)
            tokens = parser_for(body).parse(body)
            shown = ", ".join(str(first_line + index) for index in fixed[:5])
            notes.append((first_line + fixed[0],
                          f"`##Heading` without a space is not a heading in Markdown; line(s) "
                          f"{shown} were read as `## Heading`. Add the space after `##`."))
    offsets: list[int] = []
    if "<" in body and ("<h2" in body or "<H2" in body):  # one-char test: memchr
        offsets = _line_offsets(lines)
        tokens = _html_headings(tokens, offsets)
    heads: dict[str, list[int]] = {"h1": [], "h2": [], "h3": []}
    for i in [i for i, token in enumerate(tokens) if token.type == "heading_open"]:
        if tokens[i].level == 0 and tokens[i].tag in heads:
            heads[tokens[i].tag].append(i)
    h1s = heads["h1"]
    first_h1: int | None = h1s[0] if h1s else None
    title_h1 = first_h1
    if first_h1 is not None and (
            (heads["h2"] and heads["h2"][0] < first_h1)
            or (title and not _same_title(_heading(tokens, first_h1), title))):
        title_h1 = None
    others = [i for i in h1s if i != title_h1]
    starts, level = heads["h2"], "##"
    if len(others) >= 2 or (others and not starts):
        starts, level = others, "#"
    elif not starts and len(heads["h3"]) >= 2:
        starts, level = heads["h3"], "###"
    if level != "##":
        line = first_line + (tokens[starts[0]].map or [0])[0]
        notes.append((line, "The article's sections are `# ` headings; they are used as "
                            "steps (`## ` headings stay inside them). Use `# ` only for the "
                            "title and `## ` for steps." if level == "#" else
                            "The article has no `# ` or `## ` sections; its `### ` headings "
                            "are used as steps. Make them `## ` headings."))
    pre_end = starts[0] if starts else len(tokens)
    pre_lines = lines[: tokens[pre_end].map[0]] if starts and tokens[pre_end].map else lines
    if starts and "start" in tokens[pre_end].meta:  # an HTML heading, maybe mid-line
        pre_lines = body[: tokens[pre_end].meta["start"]].split("\n")
    preamble_tokens = tokens[:pre_end]
    heading = heading_line = None
    if first_h1 is not None:
        heading = _heading(tokens, first_h1)
        heading_line = first_line + (tokens[first_h1].map or [0])[0]
    if title_h1 is not None and title_h1 < pre_end:
        token = tokens[title_h1]
        preamble_tokens = tokens[:title_h1] + tokens[title_h1 + 3:pre_end]
        if token.map:
            pre_lines = pre_lines[: token.map[0]] + [""] * (token.map[1] - token.map[0]) \
                + pre_lines[token.map[1]:]
        if title:
            notes.append((heading_line or first_line,
                          f"The `#` heading {heading!r} repeats the title; it is not shown "
                          "twice. Remove it from the body."))
    if preamble_tokens and ("import" in body or "export" in body) and any(
            _is_esm(preamble_tokens, i, pre_lines) for i in range(len(preamble_tokens))):
        preamble_tokens = _drop_esm(preamble_tokens, pre_lines, first_line, notes)
    preamble = "\n".join(pre_lines).strip("\n")
    sections: list[Section] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(tokens)
        opener = tokens[start]
        head_map = opener.map or [0, 1]
        next_map = tokens[end].map if end < len(tokens) else None
        text_end = next_map[0] if next_map else len(lines)
        if offsets:  # HTML headings: cut the text at offsets, not lines
            after = opener.meta.get("end", offsets[head_map[1]])
            upto = tokens[end].meta.get("start", offsets[text_end]) if next_map else len(body)
            markdown = body[after:upto].strip("\n")
        else:
            markdown = _lines(lines, head_map[1], text_end)
        sections.append(Section(
            title=step_title(_heading(tokens, start)),
            line=first_line + head_map[0],
            markdown=markdown,
            tokens=tokens[start + 3:end],
        ))
    if "<" in body and _JSX.search(body):
        _note_jsx(tokens, first_line, notes)
    if "!" in body and "![" in body:
        _note_local_images(tokens, first_line, notes)
    return Body(preamble, preamble_tokens, heading, heading_line, sections, notes)


def _drop_esm(tokens: list[Any], lines: list[str], first_line: int,
              notes: list[tuple[int, str]]) -> list[Any]:
    """``tokens`` without MDX ``import``/``export`` paragraphs (blanked in ``lines``)."""
    kept: list[Any] = []
    skip = 0
    dropped: list[int] = []
    for i, token in enumerate(tokens):
        if skip:
            skip -= 1
        elif _is_esm(tokens, i, lines):
            start, stop = token.map
            dropped.append(first_line + start)
            lines[start:stop] = [""] * (stop - start)
            skip = 2  # the paragraph's inline and closing tokens
        else:
            kept.append(token)
    notes.append((dropped[0], "MDX `import`/`export` lines are not part of the lesson; they "
                              "were left out (nothing in an article is ever run)."))
    return kept


def _note_jsx(tokens: list[Any], first_line: int, notes: list[tuple[int, str]]) -> None:
    """Note the first JSX component tag (``<Callout ...>``) outside code."""
    for token in tokens:
        if token.type == "inline" and token.map:  # text and raw HTML, not code spans
            parts = [child.content for child in token.children or ()
                     if child.type in ("text", "html_inline")]
            found = _JSX.search("\n".join(parts)) if parts else None
        else:
            found = _JSX.search(token.content) if token.type == "html_block" else None
        if found and token.map:
            notes.append((first_line + token.map[0],
                          f"JSX components such as `{found.group(0)}>` are not run: their tags "
                          "are dropped or shown as text. Replace them with Markdown."))
            return


def _note_local_images(tokens: list[Any], first_line: int,
                       notes: list[tuple[int, str]]) -> None:
    """Note images whose source is a file path: only web and data URLs are shown."""
    found: list[tuple[int, str]] = []
    for token in tokens:
        if token.type == "inline" and token.children and "![" in token.content:
            for child in token.children:
                if child.type == "image":
                    src = str(child.attrs.get("src", ""))
                    if not _WEB_IMAGE.match(src):
                        found.append((first_line + (token.map or [0])[0], src))
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        notes.append((found[0][0], f"The image {found[0][1]!r}{more} is not a web address, "
                                   "so it is left out: images in the text are shown only from "
                                   "http(s) addresses, which the learner's browser loads "
                                   "(nothing is fetched when loading). Use a full URL, or "
                                   "make it the lesson image with `imageSrc`."))


def _lines(lines: list[str], start: int, end: int) -> str:
    return "\n".join(lines[start:end]).strip("\n")


def _heading(tokens: list[Any], opener: int) -> str:
    """Plain text of the heading whose ``heading_open`` is ``tokens[opener]``."""
    return " ".join(plain_inline(tokens[opener + 1].children).split())


def slugify(text: str, fallback: str) -> str:
    """A lowercase, hyphenated slug of ``text`` (letters of any script kept)."""
    normal = (text if text.isascii() else unicodedata.normalize("NFKC", text)).lower()
    slug = _NON_WORD.sub("-", normal).strip("-")[:80].strip("-")
    return slug or fallback


def unique_slugs(titles: list[str]) -> list[str]:
    """Slugs for ``titles``, unique: repeats get ``-2``, ``-3``…; empty ones ``step-N``."""
    seen: set[str] = set()
    next_number: dict[str, int] = {}
    slugs: list[str] = []
    for number, title in enumerate(titles, start=1):
        base = slugify(title, f"step-{number}")
        slug, counter = base, next_number.get(base, 2)
        while slug in seen:
            slug, counter = f"{base}-{counter}", counter + 1
        next_number[base] = counter
        seen.add(slug)
        slugs.append(slug)
    return slugs
