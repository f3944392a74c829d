"""Text helpers for quizzes: comparison keys, fuzzy ratios, opaque ids, safe HTML."""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from functools import lru_cache

import ftfy
import nh3
from markdown_it import MarkdownIt

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-",
})
_MARKUP = re.compile(r"[*_]+")
_SPACE = re.compile(r"\s+")
_EDGE_PUNCT = " \t\n.,;:!?\"'"

_ALLOWED_TAGS = {
    "p", "br", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "a", "span",
    "sub", "sup", "del", "s", "kbd",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
_ALLOWED_SCHEMES = {"http", "https", "mailto"}


def compare_key(text: str) -> str:
    """``text`` reduced for comparison: repaired, case-folded, quotes and spaces unified."""
    return _cached_key(text) if len(text) <= _CACHE_LIMIT else _key(text)


_CACHE_LIMIT = 20_000


@lru_cache(maxsize=4096)
def _cached_key(text: str) -> str:
    return _key(text)


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKC", ftfy.fix_text(text)).translate(_QUOTES)
    text = _MARKUP.sub("", text)
    return _SPACE.sub(" ", text).strip().casefold()


def answer_key(text: str) -> str:
    """``text`` as a fill-in answer is compared: like :func:`compare_key`, edges trimmed."""
    return compare_key(text).strip(_EDGE_PUNCT)


def similarity(a: str, b: str) -> float:
    """How alike two answer keys are, from 0 (nothing shared) to 1 (equal)."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def opaque_id(question_id: str, role: str, text: str, occurrence: int = 0) -> str:
    """A short id for a part of a question that reveals neither position nor correctness."""
    data = "\x00".join((question_id, role, text, str(occurrence))).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:12]


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    # Raw HTML in authored text is escaped, never passed through.
    return MarkdownIt("commonmark", {"html": False}).enable("strikethrough")


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_ALLOWED_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def render_block(markdown: str) -> str:
    """Markdown rendered as sanitized block HTML (no script, handlers or unsafe URLs).

    Short texts are cached: every learner's view of a question renders the same
    prompt (see ``benchmarks/results/quiz.md``).
    """
    return _cached_block(markdown) if len(markdown) <= _CACHE_LIMIT else _block(markdown)


def render_inline(markdown: str) -> str:
    """Markdown rendered as sanitized inline HTML, for option labels (cached like
    :func:`render_block`)."""
    return _cached_inline(markdown) if len(markdown) <= _CACHE_LIMIT else _inline(markdown)


def _block(markdown: str) -> str:
    return _clean(_markdown().render(markdown)).strip()


def _inline(markdown: str) -> str:
    return _clean(_markdown().renderInline(markdown)).strip()


_cached_block = lru_cache(maxsize=4096)(_block)
_cached_inline = lru_cache(maxsize=8192)(_inline)
