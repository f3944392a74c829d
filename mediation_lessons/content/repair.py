"""Repairs of authors' text: mojibake and sections that appear twice.

Mojibake (``thereâ€™s`` for ``there’s``) is fixed with ftfy's ``fix_encoding``
alone, so curly quotes, full-width CJK and ligatures stay as written.
ASCII text cannot hold mojibake and is skipped, which keeps the loader fast.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..errors import Finding

_SUSPECT_CHARS = "\u00c2-\u00f4\u0100-\u017f\u0384-\u03ce\u0400-\u045f\u2190-\u25ff\ufffd"
"""Characters mojibake starts with: a UTF-8 lead byte read as Latin-1/1250/1252,
Greek, Cyrillic, MacRoman or cp437. Curly quotes and dashes alone are not suspect."""
_SUSPECT = re.compile(f"[{_SUSPECT_CHARS}]")
SIMILARITY = 0.8
"""Share of the shorter section's words the longer must hold to count as a copy."""
_FIX: Any = None


def _fixer() -> Any:
    """ftfy's encoding fix alone: curly quotes, full-width forms and ligatures stay."""
    global _FIX
    if _FIX is None:
        import functools

        from ftfy import TextFixerConfig, fix_encoding

        # The configuration fix_encoding builds on every call when given none.
        _FIX = functools.partial(fix_encoding, config=TextFixerConfig(explain=False))
    return _FIX


def _fix_line(line: str, fix: Any) -> tuple[str, str]:
    """``line`` with each run of garbled words fixed, and an example of the first fix.

    A UTF-8 sequence never holds an ASCII space, so mojibake never spans one:
    fixing runs of consecutive suspicious words (with their context) is as exact
    as fixing the whole line, and much faster on long lines of plain text.
    """
    out: list[str] = []
    example = ""
    done = 0
    found = _SUSPECT.search(line)
    while found:
        start = line.rfind(" ", done, found.start()) + 1
        end = line.find(" ", found.end())
        end = len(line) if end < 0 else end
        while True:  # extend the run over following suspicious words
            after = _SUSPECT.search(line, end)
            if after is None or line.find(" ", end + 1, after.start()) >= 0:
                break
            end = line.find(" ", after.end())
            end = len(line) if end < 0 else end
        before = line[start:end]
        fixed = str(fix(before))
        if fixed != before and not example:
            example = f"{before[:40]!r} → {fixed[:40]!r}"
        out += [line[done:start], fixed]
        done = end
        found = _SUSPECT.search(line, end)
    out.append(line[done:])
    return "".join(out), example


def fix_mojibake(text: str) -> tuple[str, int | None, str]:
    """``text`` with mojibake fixed, the 0-based index of the first changed line, an example.

    The index is ``None`` when nothing changed.
    """
    if text.isascii() or not _SUSPECT.search(text):
        return text, None, ""
    fix = _fixer()
    lines = text.split("\n")
    first: int | None = None
    example = ""
    for index, line in enumerate(lines):
        if line.isascii():
            continue
        fixed, shown = _fix_line(line, fix)
        if fixed != line:
            if first is None:
                first, example = index, shown
            lines[index] = fixed
    if first is None:
        return text, None, ""
    return "\n".join(lines), first, example


def repair_text(text: str, what: str, display: str, line: int,
                source: str | None = None) -> tuple[str, list[Finding]]:
    """Fix mojibake in ``text``; warn once, naming the line of the first repair.

    ``text`` starts on file line ``line``. A frontmatter value (folded, so its
    lines are not the file's) passes the block's ``source`` text starting on
    ``line``: the garbled word is looked up there.
    """
    fixed, index, example = fix_mojibake(text)
    if index is None:
        return text, []
    where = line + index
    if source is not None:
        word = text.split("\n")[index]
        bad = next((w for w in word.split() if not w.isascii()), word)
        at = source.find(bad)
        where = line + source.count("\n", 0, at) if at >= 0 else line
    return fixed, [Finding(
        display, where, "warning",
        f"Repaired garbled characters (mojibake) in the {what} ({example}); save the "
        "file as UTF-8 from its original source to fix it there.")]


def _words(text: str) -> set[str]:
    return set(text.split())


def is_copy(shorter: str, longer: str) -> bool:
    """Whether ``shorter`` is contained in ``longer`` or nearly all its words are."""
    words = _words(shorter)
    if words and len(words & _words(longer)) >= SIMILARITY * len(words):
        return True
    return " ".join(shorter.split()) in " ".join(longer.split())


def duplicate_sections(
    sections: Sequence[tuple[str, str, int | None]], display: str,
) -> tuple[dict[int, int], list[Finding]]:
    """Which sections repeat an earlier one with the same title.

    ``sections`` are (title, plain text, line). Returns ``{kept: source}`` meaning
    the section at ``kept`` (the first of its title) takes the text of ``source``
    (the fuller copy), plus a ``{dropped: -1}`` entry for each dropped copy, and
    the warnings. Sections with the same title but different text are kept.
    """
    plan: dict[int, int] = {}
    warnings: list[Finding] = []
    first_of: dict[str, int] = {}
    for index, (title, text, line) in enumerate(sections):
        key = " ".join(title.lower().split())
        if key not in first_of:
            first_of[key] = index
            continue
        keep = first_of[key]
        current = plan.get(keep, keep)
        current_text = sections[current][1]
        short, long = sorted((current_text, text), key=len)
        if not is_copy(short, long):
            warnings.append(Finding(
                display, line, "warning",
                f"Two sections are titled {title!r} (lines {sections[keep][2]} and {line}) "
                "with different text; both are kept. Give them different titles."))
            continue
        fuller = index if len(text) > len(current_text) else current
        plan[keep] = fuller
        plan[index] = -1
        which = "this later copy" if fuller == index else "the earlier copy"
        warnings.append(Finding(
            display, line, "warning",
            f"The section {title!r} appears twice (lines {sections[keep][2]} and {line}); "
            f"kept {which}, the fuller text, at the first position. Delete the other copy."))
    return plan, warnings
