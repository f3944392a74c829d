"""Text helpers for quizzes: comparison keys, fuzzy ratios, opaque ids, safe HTML."""

from __future__ import annotations

import difflib
import hashlib
import math
import re
import unicodedata
from collections.abc import Sequence
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
_FORMAT = re.compile(r"[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
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
    if _FORMAT.search(text):
        # Invisible format characters (soft hyphens, zero-width joiners) pasted along.
        text = "".join(c for c in text.replace("\u200b", " ")
                       if unicodedata.category(c) != "Cf")
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


_UNITS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_WORDS = {word: value for value, word in enumerate(_UNITS)} | _TENS
_DECIMAL = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}([, ]\d{3})+(\.\d+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")


def number_value(text: str) -> float | None:
    """The number a fill-in answer states, or None.

    Digits (``3``, ``3.0``, ``+3``, ``1e3``), thousands grouped with commas or
    spaces (``1,000``), a decimal comma (``3,5``), and whole numbers below 100
    in words (``three``, ``twenty-one``).
    """
    key = compare_key(text).strip(_EDGE_PUNCT.replace(".", "")).rstrip(".")
    if _DECIMAL.fullmatch(key):
        value = float(key)
    elif _THOUSANDS.fullmatch(key):
        value = float(key.replace(",", "").replace(" ", ""))
    elif _DECIMAL_COMMA.fullmatch(key):
        value = float(key.replace(",", "."))
    else:
        words = key.replace("-", " ").split()
        if not words or len(words) > 2 or any(word not in _WORDS for word in words):
            return None
        if len(words) == 2 and not (words[0] in _TENS and 0 < _WORDS[words[1]] < 10):
            return None
        return float(sum(_WORDS[word] for word in words))
    return value if math.isfinite(value) else None


def numeric_answers(texts: Sequence[str]) -> tuple[float, ...] | None:
    """``texts`` as numbers (see :func:`number_value`), or None if any is not a number."""
    values = [number_value(text) for text in texts]
    numbers = tuple(value for value in values if value is not None)
    return numbers if numbers and len(numbers) == len(values) else None


def same_number(a: float, b: float, digits: int | None = None) -> bool:
    """Whether two numbers are equal, or equal to ``digits`` significant digits."""
    if digits is not None:
        a, b = _significant(a, digits), _significant(b, digits)
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _significant(value: float, digits: int) -> float:
    if value == 0:
        return 0.0
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))
