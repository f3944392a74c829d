"""Reading a quiz file's bytes as text: size bound, BOMs, and legacy encodings.

UTF-8 (with or without a BOM) and UTF-16 with a BOM are read as they are. A
file that is not UTF-8 but reads as Windows-1252 (what many Windows editors
save) is read that way with a warning naming the first such line; anything
else is a :class:`~mediation_lessons.errors.QuizError`.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import Finding, QuizError

MAX_QUIZ_BYTES = 2_000_000
"""Largest quiz file read: far more than any lesson's questions need."""


def read_quiz_text(path: Path) -> tuple[str, list[Finding]]:
    """The text of the quiz file at ``path`` and warnings about how it was read.

    Raises :class:`QuizError` when the file is missing, too large or not text.
    """
    try:
        size = path.stat().st_size
        if size > MAX_QUIZ_BYTES:
            raise QuizError(f"The quiz file is {size} bytes, more than {MAX_QUIZ_BYTES}. "
                            "Split the lesson or shorten its quiz.", str(path))
        data = path.read_bytes()
    except OSError as error:
        raise QuizError(f"The quiz file cannot be read ({error.strerror}). Check that it "
                        "exists and is readable.", str(path)) from None
    return decode(data, str(path))


def decode(data: bytes, path: str) -> tuple[str, list[Finding]]:
    """``data`` as text (see the module docstring), with warnings."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), []
            except UnicodeDecodeError:
                raise QuizError(f"The quiz file starts like {codec.upper()} text but is not. "
                                "Save it as UTF-8.", path) from None
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
    if b"\x00" not in data:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            return text, [Finding(path, line, "warning",
                                  f"The quiz file is not UTF-8 (byte 0x{byte:02X} on this "
                                  "line); it was read as Windows-1252. Save it as UTF-8.")]
    raise QuizError(f"The quiz file is not UTF-8 text (byte 0x{byte:02X} on this line). "
                    "Save it as UTF-8.", path, line)
