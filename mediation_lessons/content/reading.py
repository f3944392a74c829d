"""Bytes to text: size limit, byte-order marks, encodings, newlines, binary files.

Every article is decoded here and nowhere else. The result is text with ``\\n``
newlines and no NUL or other C0 control characters (tabs are kept), plus the
warnings that say what was changed.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from ..errors import ArticleError, Finding

MAX_ARTICLE_BYTES = 2 * 1024 * 1024
"""Largest article the loader reads (2 MiB)."""

_SNIFF_BYTES = 8192
_CHUNK = 65536
_BINARY_MAGIC = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x7fELF",
    b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"MZ", b"\xca\xfe\xba\xbe", b"SQLite format 3",
)
_CONTROL_BYTES = bytes(set(range(32)) - {9, 10, 12, 13})
_STRIPPED_BYTES = _CONTROL_BYTES + b"\x7f"
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NEWLINES = re.compile("\r\n?")


def _read_limited(handle: BinaryIO, size: int) -> bytes:
    """At most ``MAX_ARTICLE_BYTES + 1`` bytes, without allocating the limit up front."""
    limit = MAX_ARTICLE_BYTES + 1
    wanted = min(size + 1, limit) if size else _CHUNK
    parts = [handle.read(wanted)]
    total = len(parts[0])
    if size and total < wanted:  # a regular file read to its end
        return parts[0]
    while total < limit:
        chunk = handle.read(min(_CHUNK, limit - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def read_bytes(path: Path, display: str) -> bytes:
    """The bytes of ``path``, refusing folders, devices, unreadable and oversized files."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise ArticleError(
                "This is a folder, not an article; pass a .md file, or load the folder "
                "as a course.", display)
        if not stat.S_ISREG(mode):
            raise ArticleError(
                "This is not a regular file (a device, pipe or socket); pass a .md file.",
                display)
        with open(path, "rb") as handle:
            data = _read_limited(handle, os.fstat(handle.fileno()).st_size)
    except ArticleError:
        raise
    except FileNotFoundError:
        raise ArticleError("The file does not exist; check the path.", display) from None
    except PermissionError:
        raise ArticleError(
            "The file cannot be read (permission denied); make it readable.", display) from None
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or type(error).__name__
        raise ArticleError(f"The file cannot be read ({reason}); check the path.",
                           display) from None
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"The file is larger than the 2 MiB ({MAX_ARTICLE_BYTES:,} bytes) an article may "
            "have; split it into several articles or move large images out of it.", display)
    return data


def looks_binary(data: bytes, has_controls: bool = True) -> bool:
    """Whether ``data`` is a binary file rather than text (magic bytes or many controls).

    ``has_controls=False`` says the caller knows ``data`` holds no control byte,
    so only the magic bytes are checked.
    """
    head = data[:_SNIFF_BYTES]
    if head.startswith(_BINARY_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return True
    if not head or not has_controls:
        return False
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls * 10 > len(head)


def _has_control_bytes(data: bytes) -> bool:
    """Whether ``data`` holds a control byte (C0 but tab, newline, form feed, CR; DEL).

    In UTF-8, Windows-1252 and Latin-1 these bytes only ever encode those controls.
    """
    return len(data.translate(None, _STRIPPED_BYTES)) != len(data)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes, display: str) -> tuple[str, list[Finding]]:
    """Text of an article's bytes, with ``\\n`` newlines and warnings for every change."""
    warnings: list[Finding] = []
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    controls = True
    if utf16:
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ArticleError(
                f"The file starts with a UTF-16 byte-order mark but is not valid UTF-16 "
                f"(byte {error.start}); save it as UTF-8.", display) from None
        warnings.append(Finding(display, None, "warning",
                                "The file is UTF-16; it was read as such. Save it as UTF-8."))
    else:
        controls = _has_control_bytes(data)  # one pass; also tells the sniff it may skip
        if looks_binary(data, controls):
            raise ArticleError(
                "The file is binary, not a markdown article; pass a .md text file.", display)
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8):]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = _line_of(data, error.start)
            try:
                text, encoding = data.decode("cp1252"), "Windows-1252"
            except UnicodeDecodeError:
                text, encoding = data.decode("latin-1"), "Latin-1"
            warnings.append(Finding(
                display, line, "warning",
                f"The file is not valid UTF-8 (first bad byte on line {line}); it was read as "
                f"{encoding}. Save it as UTF-8 so every character is read as written."))
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)
    match = _CONTROL_CHARS.search(text) if utf16 or controls else None
    if match:
        line = text.count("\n", 0, match.start()) + 1
        text = _CONTROL_CHARS.sub("", text)
        warnings.append(Finding(
            display, line, "warning",
            f"Removed NUL or other control characters (first on line {line}); they are "
            "invisible and break rendering. Remove them from the file."))
    return text, warnings


def read_text(path: Path, display: str) -> tuple[str, list[Finding]]:
    """Read and decode the article at ``path``."""
    return decode(read_bytes(path, display), display)
