"""Known frontmatter keys, validated by type; unknown keys kept aside.

Each known key is mapped explicitly (never ``**``-splatted). YAML 1.1 reads
``title: no`` as ``False`` and ``3.10`` as ``3.1``: such values are turned back
into the text the author wrote, with a warning to quote them. Values of the
wrong shape (a list where text belongs) are errors naming the key's line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from ..errors import Finding, FrontmatterError
from .frontmatter import Split

ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "summary": ("summary", "description", "excerpt", "abstract"),
    "intro": ("intro",),
    "category": ("category", "categories"),
    "imageSrc": ("imagesrc", "image", "cover", "coverimage", "featuredimage", "heroimage",
                 "thumbnail"),
    "imageSrcBase64": ("imagesrcbase64",),
    "slug": ("slug",),
    "createdAt": ("createdat", "created", "date", "publishdate", "pubdate", "publishedat",
                  "datepublished"),
    "updatedAt": ("updatedat", "updated", "lastmod", "lastmodified", "lastmodifiedat",
                  "modified", "modifiedat", "datemodified"),
    "order": ("order", "weight", "navorder", "sidebarposition"),
}
"""Each known field and the keys it is read from, best first, written in lower case
without ``_``, ``-`` or spaces: ``created_at``, ``CreatedAt`` and ``date`` (Jekyll,
Hugo) all give ``createdAt``; ``description`` and ``excerpt`` give the summary;
``image`` and ``cover`` the image file; Hugo's ``weight`` the order."""
TEXT_KEYS = {"title": "title", "summary": "summary", "intro": "intro", "category": "category",
             "imageSrc": "image_src", "imageSrcBase64": "image_base64", "slug": "slug"}
DATE_KEYS = {"createdAt": "created", "updatedAt": "updated"}
_FIELD_OF = {alias: (name, rank) for name, aliases in ALIASES.items()
             for rank, alias in enumerate(aliases)}
_STRICT = frozenset({"title", "summary", "intro", "category", "imagesrc", "imagesrcbase64",
                     "slug", "order", "createdat", "created", "updatedat", "updated"})
"""Keys whose wrong-shaped value is an error; other aliases (``cover: {image: ...}``,
``categories: [a, b]``) may follow another site's convention and are kept as extra data."""
_DRAFT = {"draft": True, "published": False}
_SPECIAL_START = tuple("[{|>&*!%@`")
_NORMAL = re.compile(r"[\s_-]+")
_SPACED_TIME = re.compile(
    r"(\d{4}-\d{2}-\d{2})[ T]+(\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)[ ]*"
    r"(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?", re.IGNORECASE)
_WORDY_DATES = ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y",
                "%Y/%m/%d", "%B %d, %Y %H:%M", "%b. %d, %Y")


def field_of(key: str) -> tuple[str, int, bool] | None:
    """(known field, rank of this spelling, strict) for a frontmatter key, or None if unknown.

    A strict key's wrong-shaped value is an error; see :data:`_STRICT`.
    """
    try:
        return _KEY_CACHE[key]
    except KeyError:
        pass
    normal = _NORMAL.sub("", key).lower()
    found = _FIELD_OF.get(normal)
    result = None if found is None else (*found, normal in _STRICT)
    if len(_KEY_CACHE) < 4096:  # keys repeat across articles: look each one up once
        _KEY_CACHE[key] = result
    return result


_KEY_CACHE: dict[str, tuple[str, int, bool] | None] = {}


def parse_date(value: Any) -> tuple[datetime | None, str]:
    """A datetime for ``value``, and a note when it was read in an unusual way.

    ISO dates, Jekyll's ``2021-03-04 10:00:00 +0100``, ``July 9, 2022`` and Unix
    timestamps (seconds or milliseconds) are understood; anything else is None.
    """
    if isinstance(value, datetime):
        return value, ""
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day), ""
    if isinstance(value, int) and not isinstance(value, bool):
        seconds = value / 1000 if 10**11 < value < 10**14 else value
        if 10**8 < seconds < 10**11:
            return datetime.fromtimestamp(seconds, tz=timezone.utc), "a Unix timestamp"
        if 1000 <= value <= 9999:
            return datetime(value, 1, 1), "a year alone (January 1st)"
        return None, ""
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return None, ""
    text = value.strip()
    if text.endswith(("Z", "z")) and text[:4].isdigit():
        text = text[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(text), ""
    except ValueError:
        pass
    spaced = _SPACED_TIME.fullmatch(value.strip())
    if spaced:
        day, clock, zone = spaced.groups()
        zone = (zone or "").upper()
        zone = "+00:00" if zone in ("Z", "UTC", "GMT") else zone
        if len(zone) == 5:
            zone = zone[:3] + ":" + zone[3:]
        elif len(zone) == 3:
            zone += ":00"
        try:
            return datetime.fromisoformat(f"{day}T{clock.replace(',', '.')}{zone}"), ""
        except ValueError:
            return None, ""
    words = " ".join(text.split())
    for shape in _WORDY_DATES:
        try:
            return datetime.strptime(words, shape), ""
        except ValueError:
            continue
    return None, ""


@dataclass
class Fields:
    """The frontmatter's known fields, typed, and its unknown keys."""

    title: str | None = None
    summary: str = ""
    intro: str = ""
    category: str | None = None
    image_src: str | None = None
    image_base64: str | None = None
    slug: str | None = None
    created: datetime | None = None
    updated: datetime | None = None
    order: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    lines: Mapping[str, int] = field(default_factory=dict)
    """File line of each known field that is present, by its canonical name
    (``createdAt`` for a ``date:`` key), looked up when asked for."""
    keys: dict[str, str] = field(default_factory=dict)
    """The key each known field was read from, by canonical name (``imageSrc``: ``cover``)."""


class _KeyLines(Mapping[str, int]):
    """Lines of the known keys, found in the frontmatter only when one is asked for."""

    def __init__(self, reader: _Reader, keys: dict[str, str]) -> None:
        self._reader = reader
        self._keys = keys

    def __getitem__(self, key: str) -> int:
        return self._reader.line_of(self._keys[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


class _Reader:
    def __init__(self, split: Split, display: str) -> None:
        self.split = split
        self.display = display
        self.warnings: list[Finding] = []
        self._source_lines: list[str] | None = None
        self._key_lines: dict[str, int] | None = None

    def line_of(self, key: str) -> int:
        """File line where ``key`` is defined (the block's first line if not found)."""
        if self._key_lines is None:
            self._source_lines = self.split.fm_text.split("\n")
            self._key_lines = {}
            separator = "=" if self.split.format == "toml" else ":"
            nested: dict[str, int] = {}
            for index, text in enumerate(self._source_lines):
                name, found, _ = text.partition(separator)
                if found and len(name) < 200:
                    where = nested if text[:1] in " \t" else self._key_lines
                    where.setdefault(name.strip().strip("\"'"), index)
            for name, position in nested.items():
                self._key_lines.setdefault(name, position)
        found_at = self._key_lines.get(key)
        return self.split.fm_line + found_at if found_at is not None else self.split.fm_line

    def raw_value(self, key: str) -> str | None:
        """The value as written on the key's line, for simple one-line scalars."""
        line = self.line_of(key) - self.split.fm_line
        lines = self._source_lines or []
        if not 0 <= line < len(lines):
            return None
        _, sep, rest = lines[line].partition(":" if self.split.format == "yaml" else "=")
        value = rest.split(" #")[0].strip() if sep else ""
        if not value or value.startswith(_SPECIAL_START):
            return None
        return value.strip("'\"")

    def warn(self, key: str, message: str) -> None:
        self.warnings.append(Finding(self.display, self.line_of(key), "warning", message))

    def text(self, key: str, value: Any) -> str | None:
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, (bool, int, float, date)):
            written = self.raw_value(key) if self.split.format == "yaml" else None
            as_text = written if written is not None else str(value)
            kind = "a yes/no value" if isinstance(value, bool) else (
                "a date" if isinstance(value, date) else "a number")
            self.warn(key, f"`{key}` was read as {kind}, not text; it is used as "
                           f"{as_text!r}. Quote the value, e.g. {key}: \"{as_text}\".")
            return as_text
        if isinstance(value, list):
            shape = ("a list (YAML reads `[a, b]` and `- a` lines as one); write one quoted "
                     f"string, e.g. {key}: \"[a, b]\" if the brackets belong to the text")
        elif isinstance(value, dict):
            names = ", ".join(str(name) for name in list(value)[:3])
            shape = (f"a mapping (of {names}); write one quoted string, e.g. the text of "
                     "one language")
        else:
            shape = f"a {type(value).__name__}; write it as one quoted string"
        raise FrontmatterError(f"`{key}` must be text, but it is {shape}.", self.display,
                               self.line_of(key))

    def when(self, key: str, value: Any, extra: dict[str, Any]) -> datetime | None:
        if value is None or value == "":
            return None
        when, note = parse_date(value)
        if when is None:
            extra[key] = value
            self.warn(key, f"`{key}` is not a date ({value!r}); it is ignored and kept as "
                           "extra data. Write it as an ISO date such as 2022-07-09 or "
                           "2022-07-09T06:15:49Z.")
        elif note:
            self.warn(key, f"`{key}` ({value!r}) was read as {note}: {when.isoformat()}. "
                           "Write it as an ISO date such as 2022-07-09.")
        return when

    def order(self, key: str, value: Any, extra: dict[str, Any]) -> int | None:
        if isinstance(value, bool) or value is None:
            pass
        elif isinstance(value, int):
            return value
        elif isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            return int(value)
        elif isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,15}\s*", value):
            self.warn(key, f"`{key}` is text ({value!r}); it is used as a number. "
                           "Write it without quotes.")
            return int(value)
        if value is not None:
            extra[key] = value
            self.warn(key, f"`{key}` must be a whole number, not {value!r}; it is "
                           "ignored and the lesson is sorted by file name.")
        return None


def read_fields(split: Split, display: str) -> tuple[Fields, list[Finding]]:
    """Validate the frontmatter of ``split``; return the fields and the warnings."""
    reader = _Reader(split, display)
    fields = Fields()
    chosen: dict[str, tuple[int, str]] = {}  # canonical name -> (rank, key)
    keys: list[tuple[str, Any]] = []
    for raw_key, value in split.metadata.items():
        key = raw_key if isinstance(raw_key, str) else str(raw_key)
        if key is not raw_key:
            reader.warn(key, f"The frontmatter key {raw_key!r} is not text; it is kept as "
                             f"{key!r}. Quote the key.")
        keys.append((key, value))
        found = field_of(key)
        if found is None:
            continue
        name, rank, strict = found
        if not strict and not _fits(name, value):
            continue  # another site's shape (``cover: {image: x}``): extra data
        if name not in chosen or rank < chosen[name][0]:
            chosen[name] = (rank, key)
    used = {key: name for name, (_, key) in chosen.items()}
    for key, value in keys:
        field_name = used.get(key)
        if field_name is None:
            fields.extra[key] = value
            alias = field_of(key)
            if alias is not None and alias[0] in chosen and _fits(alias[0], value):
                reader.warn(key, f"Both `{chosen[alias[0]][1]}` and `{key}` set `{alias[0]}`; "
                                 f"`{key}` is ignored and kept as extra data. Keep only one "
                                 "of them.")
            elif _DRAFT.get(key.lower()) is value:
                reader.warn(key, f"The article is marked `{key}: {str(value).lower()}`; "
                                 "it is loaded as a lesson anyway.")
            continue
        if field_name in TEXT_KEYS:
            setattr(fields, TEXT_KEYS[field_name], reader.text(key, value))
        elif field_name in DATE_KEYS:
            setattr(fields, DATE_KEYS[field_name], reader.when(key, value, fields.extra))
        else:
            fields.order = reader.order(key, value, fields.extra)
    fields.keys = {name: key for name, (_, key) in chosen.items()}
    fields.lines = _KeyLines(reader, fields.keys)
    if fields.title is not None:
        fields.title = " ".join(fields.title.split()) or None
    if fields.category is not None:
        fields.category = fields.category.strip() or None
    return fields, reader.warnings


def _fits(name: str, value: Any) -> bool:
    """Whether ``value`` has a shape the field ``name`` can take."""
    if name in TEXT_KEYS:
        return isinstance(value, (str, int, float, date)) and not isinstance(value, bool)
    if name in DATE_KEYS:
        return isinstance(value, (str, int, date)) and not isinstance(value, bool)
    return isinstance(value, (int, float, str)) and not isinstance(value, bool)
