"""Markdown to sanitized HTML, and markdown tokens to plain text.

One shared markdown-it parser ("commonmark" plus tables). Its HTML always
passes through nh3 with an allowlist: no script, iframe or style elements, no
event-handler attributes, and only absolute http, https and mailto links
(relative URLs are removed: nothing points back at the server's files);
``data:`` URLs survive only as ``<img src>`` of a PNG, JPEG, GIF or WEBP image.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "ol", "p", "pre",
    "s", "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
})
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
    "abbr": {"title"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "data"})
_SAFE_DATA_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif|webp);base64,", re.IGNORECASE)
_PARSER: Any = None


def parser() -> Any:
    """The shared markdown-it parser ("commonmark" + tables)."""
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt

        _PARSER = MarkdownIt("commonmark").enable("table")
    return _PARSER


_CLEAN_PARSER: Any = None


def parser_for(text: str) -> Any:
    """The parser for ``text``: without markdown-it's ``normalize`` step when it is a no-op.

    That step only turns ``\\r`` into ``\\n`` and NUL into U+FFFD, yet costs a
    regex replacement of every newline (a sixth of a seed article's parse).
    Decoded articles hold neither character, so their tokens are the same.
    """
    global _CLEAN_PARSER
    if "\r" in text or "\x00" in text:
        return parser()
    if _CLEAN_PARSER is None:
        from markdown_it import MarkdownIt

        _CLEAN_PARSER = MarkdownIt("commonmark").enable("table").disable("normalize")
    return _CLEAN_PARSER


def _data_filter(element: str, attribute: str, value: str) -> str | None:
    if value.lstrip()[:5].lower() == "data:" and not (
            element == "img" and attribute == "src" and _SAFE_DATA_IMAGE.match(value.lstrip())):
        return None
    return value


def _relative_filter(element: str, attribute: str, value: str) -> str | None:
    if attribute in ("href", "src") and not _ABSOLUTE_URL.match(value.strip()):
        return None
    return _data_filter(element, attribute, value)


_ABSOLUTE_URL = re.compile(r"(?:https?|mailto|data):", re.IGNORECASE)
_CLEANER: Any = None


def _cleaner() -> Any:
    """The reusable nh3 cleaner (built once: the allowlist is converted only once)."""
    global _CLEANER
    if _CLEANER is None:
        import functools

        import nh3

        options: dict[str, Any] = {
            "tags": set(TAGS), "attributes": ATTRIBUTES, "url_schemes": set(URL_SCHEMES),
            "filter_style_properties": {"text-align"}, "link_rel": "noopener noreferrer",
            "attribute_filter": _data_filter,
        }
        try:
            nh3.clean("", url_relative="deny")
            options["url_relative"] = "deny"
        except TypeError:  # older nh3: relative URLs go through the filter instead
            options["attribute_filter"] = _relative_filter
        if hasattr(nh3, "Cleaner"):
            _CLEANER = nh3.Cleaner(**options).clean
        else:  # older nh3: same options, passed on every call
            _CLEANER = functools.partial(nh3.clean, **options)
    return _CLEANER


def sanitize(html: str) -> str:
    """``html`` cleaned by nh3 with the package's allowlist."""
    return str(_cleaner()(html))


_MARKUP_CHARS = re.compile(r"[\\`*_\[\]<>&!#|~\x00\r\t\x0b\x0c]")
_ORDERED_ITEM = re.compile(r"\d{1,9}[.)]")
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")


def prose_html(text: str) -> str | None:
    """HTML of ``text`` if it is plain prose (paragraphs with no markdown syntax), else None.

    It equals markdown-it's rendering of such text (a test checks this), without
    the parse: most summaries and intros are plain prose.
    """
    if _MARKUP_CHARS.search(text):
        return None
    for line in text.split("\n"):
        if line and (line[0] in "-+=>" or line[0].isspace() or line[-1].isspace()
                     or (line[0].isdigit() and _ORDERED_ITEM.match(line))):
            return None
    paragraphs = _BLANK_LINES.split(text.strip("\n"))
    return "".join(f"<p>{p.replace(chr(34), '&quot;')}</p>\n" for p in paragraphs if p)


def render(markdown: str) -> str:
    """Sanitized HTML of ``markdown``."""
    if not markdown.strip():
        return ""
    html = prose_html(markdown)
    return sanitize(html if html is not None else parser_for(markdown).render(markdown))


def render_tokens(tokens: Sequence[Any]) -> str:
    """Sanitized HTML of already parsed block tokens."""
    if not tokens:
        return ""
    md = parser()
    return sanitize(md.renderer.render(tokens, md.options, {}))


_BLOCK_END = frozenset({
    "paragraph_close", "heading_close", "list_item_close", "th_close", "td_close",
    "tr_close", "blockquote_close", "hr",
})
_TAG = re.compile(r"<[^<>]*>")


def plain_inline(children: Sequence[Any] | None) -> str:
    """Plain text of an inline token's children (markup and raw HTML dropped)."""
    parts: list[str] = []
    for child in children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(plain_inline(child.children))
    return "".join(parts)


def strip_tags(markup: str) -> str:
    """Text of HTML: tags dropped, script and style content removed, entities decoded."""
    import html

    import nh3

    if "<" not in markup and "&" not in markup:
        return markup
    return html.unescape(nh3.clean(_TAG.sub(lambda m: m.group(0) + " ", markup), tags=set()))


def nh3_text(markup: str) -> str:
    """``markup`` with tags (and script/style content) removed, entities kept escaped."""
    import nh3

    return str(nh3.clean(markup, tags=set()))


_ASCII_SPACES = tuple("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f")
"""The ASCII whitespace ``str.split`` splits at, besides the space."""


def _single_spaced(text: str) -> bool:
    """Whether ``text`` has no whitespace but single inner spaces (so squashing keeps it)."""
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        return False
    if not text.isascii():
        return text.isprintable()  # every other whitespace character is unprintable
    # One memchr per character: faster than isprintable's test of each character.
    return not any(map(text.__contains__, _ASCII_SPACES))


def _squash(text: str) -> str:
    """``text`` with runs of whitespace made one space, trimmed."""
    if _single_spaced(text):
        return text  # nothing to squash (the common case), without building a word list
    return " ".join(text.split())


def plain_text(tokens: Sequence[Any]) -> str:
    """Plain text of block tokens: one line per paragraph, heading, item or cell."""
    lines: list[str] = []
    current: list[str] = []
    for token in tokens:
        if token.type == "inline":
            current.append(plain_inline(token.children))
        elif token.type in ("fence", "code_block"):
            lines.append(token.content.rstrip("\n"))
        elif token.type == "html_block":
            text = strip_tags(token.content).strip()
            if text:
                lines.append(_squash(text))
        elif token.type in _BLOCK_END and current:
            lines.append(_squash("".join(current)))
            current = []
    if current:
        lines.append(_squash("".join(current)))
    return "\n".join(line for line in lines if line)


def plain_title(markdown: str) -> str:
    """Plain text of a one-line title that may hold inline markdown or HTML."""
    if not any(char in markdown for char in "*_`[<&\\!"):
        return " ".join(markdown.split())
    if "<" in markdown:
        markdown = nh3_text(markdown)
    tokens = parser_for(markdown).parseInline(markdown)
    text = plain_inline(tokens[0].children if tokens else ())
    return " ".join(text.split())
