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
from datetime import date, datetime
from typing import Any

from ..errors import Finding, FrontmatterError
from .frontmatter import Split

TEXT_KEYS = {
    "title": "title", "summary": "summary", "intro": "intro", "category": "category",
    "imageSrc": "image_src", "imageSrcBase64": "image_base64", "slug": "slug",
}
DATE_KEYS = {"createdAt": "created", "created": "created",
             "updatedAt": "updated", "updated": "updated"}
KNOWN_KEYS = frozenset({*TEXT_KEYS, *DATE_KEYS, "order"})
_LOWER_KNOWN = {key.lower(): key for key in KNOWN_KEYS}
_SPECIAL_START = tuple("[{|>&*!%@`")
_SPACES = re.compile(r"\s+")


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
    """File line of each known key that is present (looked up when asked for)."""


class _KeyLines(Mapping[str, int]):
    """Lines of the known keys, found in the frontmatter only when one is asked for."""

    def __init__(self, reader: _Reader, keys: list[str]) -> None:
        self._reader = reader
        self._keys = keys

    def __getitem__(self, key: str) -> int:
        if key not in self._keys:
            raise KeyError(key)
        return self._reader.line_of(key)

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
        raise FrontmatterError(
            f"`{key}` must be text, but it is a {type(value).__name__}; write it as one "
            "quoted string.", self.display, self.line_of(key))

    def when(self, key: str, value: Any, extra: dict[str, Any]) -> datetime | None:
        if isinstance(value, datetime):
            return value
        if isinstance(value, date):
            return datetime(value.year, value.month, value.day)
        if isinstance(value, str) and value.strip():
            text = value.strip()
            if text.endswith(("Z", "z")):
                text = text[:-1] + "+00:00"
            try:
                return datetime.fromisoformat(text)
            except ValueError:
                pass
        if value is None or value == "":
            return None
        extra[key] = value
        self.warn(key, f"`{key}` is not a date ({value!r}); it is ignored. Write it as "
                       "an ISO date such as 2022-07-09 or 2022-07-09T06:15:49Z.")
        return None

    def order(self, value: Any, extra: dict[str, Any]) -> int | None:
        if isinstance(value, bool) or value is None:
            pass
        elif isinstance(value, int):
            return value
        elif isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            return int(value)
        elif isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,15}\s*", value):
            self.warn("order", f"`order` is text ({value!r}); it is used as a number. "
                               "Write it without quotes.")
            return int(value)
        if value is not None:
            extra["order"] = value
            self.warn("order", f"`order` must be a whole number, not {value!r}; it is "
                               "ignored and the lesson is sorted by file name.")
        return None


def read_fields(split: Split, display: str) -> tuple[Fields, list[Finding]]:
    """Validate the frontmatter of ``split``; return the fields and the warnings."""
    reader = _Reader(split, display)
    fields = Fields()
    present: list[str] = []
    for raw_key, value in split.metadata.items():
        key = raw_key if isinstance(raw_key, str) else str(raw_key)
        if key is not raw_key:
            reader.warn(key, f"The frontmatter key {raw_key!r} is not text; it is kept as "
                             f"{key!r}. Quote the key.")
        if key in TEXT_KEYS:
            setattr(fields, TEXT_KEYS[key], reader.text(key, value))
            present.append(key)
        elif key in DATE_KEYS:
            name = DATE_KEYS[key]
            if getattr(fields, name) is not None:
                reader.warn(key, f"Both `{name}` and `{name}At` are set; `{key}` is ignored. "
                                 "Keep only one of them.")
                fields.extra[key] = value
                continue
            setattr(fields, name, reader.when(key, value, fields.extra))
            present.append(key)
        elif key == "order":
            fields.order = reader.order(value, fields.extra)
            present.append(key)
        else:
            fields.extra[key] = value
            known = _LOWER_KNOWN.get(key.lower())
            if known and known not in split.metadata:
                reader.warn(key, f"Unknown frontmatter key `{key}`; did you mean `{known}`? "
                                 "It is kept as extra data.")
    fields.lines = _KeyLines(reader, present)
    if fields.title is not None:
        fields.title = _SPACES.sub(" ", fields.title).strip() or None
    if fields.category is not None:
        fields.category = fields.category.strip() or None
    return fields, reader.warnings
