"""Split an article into its frontmatter mapping and its markdown body.

The three formats python-frontmatter knows are recognized by its handlers'
boundary patterns: YAML between ``---`` lines, TOML between ``+++`` lines,
JSON between a ``{`` line and a ``}`` line. Parse errors report the line in the
article itself, not in the block. YAML is read with the safe loader and
aliases (``*name``) are refused, so an alias bomb cannot expand.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ..errors import FrontmatterError

_TOML_LINE = re.compile(r"at line (\d+)")


@dataclass(frozen=True)
class Split:
    """An article cut in two: parsed frontmatter and the body after it."""

    metadata: dict[Any, Any]
    fm_text: str
    """The frontmatter block's own text (without its fences)."""
    fm_line: int
    """File line of the first line inside the block (1 when there is none)."""
    body: str
    body_line: int
    """File line of the body's first line."""
    format: str
    """``yaml``, ``toml``, ``json`` or ``none``."""


def _fences() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """(format, fence line pattern, closing line), after python-frontmatter's handlers.

    The handlers' ``FM_BOUNDARY`` patterns end in ``\\s*$``, which can run over
    several lines; here the same fences are matched one whole line at a time.
    """
    from frontmatter.default_handlers import TOMLHandler, YAMLHandler

    def line_pattern(boundary: re.Pattern[str]) -> re.Pattern[str]:
        core = boundary.pattern.removeprefix("^").removesuffix("$").removesuffix("\\s*")
        return re.compile(rf"^{core}[ \t]*$", re.MULTILINE)

    toml = TOMLHandler.FM_BOUNDARY if TOMLHandler is not None else re.compile(r"^\+{3,}\s*$")
    return (
        ("yaml", line_pattern(YAMLHandler.FM_BOUNDARY), "---"),
        ("toml", line_pattern(toml), "+++"),
        ("json", re.compile(r"^\{$"), "}"),
    )


_FENCES: tuple[tuple[str, re.Pattern[str], str], ...] = ()
_JSON_END = re.compile(r"^\}$", re.MULTILINE)


def _closing_line(text: str, after: int, fence: re.Pattern[str],
                  lead: str) -> tuple[int, int] | None:
    """(start, end) of the first line after offset ``after`` that is a closing fence.

    Only lines starting with ``lead`` are tried against ``fence``.
    """
    if after < 0:
        return None
    position = text.find("\n" + lead, after)
    while position >= 0:
        start = position + 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if fence.fullmatch(text, start, end):
            return start, end
        position = text.find("\n" + lead, end)
    return None


def split_frontmatter(text: str, display: str) -> Split:
    """Split ``text`` into a :class:`Split`; raise :class:`FrontmatterError` if malformed."""
    global _FENCES
    if not _FENCES:
        _FENCES = _fences()
    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    for fmt, fence, closer in _FENCES:  # noqa: B007 - used after the loop
        if fence.fullmatch(first):
            break
    else:
        return Split({}, "", 1, text, 1, "none")
    # Every closing fence line starts with ``closer`` in full (``---``, ``+++``, ``}``): a
    # longer needle lets ``str.find`` skip further than ``\n-`` in a long block.
    closing = _closing_line(text, first_end, _JSON_END if fmt == "json" else fence, closer)
    if closing is None:
        raise FrontmatterError(
            f"The frontmatter opened on line 1 is never closed; add a line `{closer}` after "
            "its last field.", display, 1)
    start, end = closing
    block = text[first_end + 1: max(first_end + 1, start - 1)]
    body = text[end + 1:]
    body_line = text.count("\n", 0, start) + 2
    if fmt == "yaml":
        metadata = load_yaml(block, display, 2)
    elif fmt == "toml":
        metadata = _load_toml(block, display)
    else:
        metadata = _load_json("{\n" + block + "\n}", display)
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise FrontmatterError(
            f"The frontmatter is a {_kind(metadata)}, not a mapping of fields; write it as "
            "`key: value` lines.", display, 2)
    return Split(metadata, block, 2, body, body_line, fmt)


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "plain string"
    return type(value).__name__


def load_yaml(block: str, display: str, first_line: int, what: str = "frontmatter") -> Any:
    """Parse YAML safely; errors name the file's line (``first_line`` is the block's).

    ``what`` names the block in messages ("frontmatter", "course file").
    """
    import yaml

    loader_class = _loader_class()
    try:
        if "*" in block:
            _refuse_aliases(block, display, first_line, loader_class, what)
        return yaml.load(block, Loader=loader_class)  # a safe loader
    except FrontmatterError:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + mark.line if mark is not None else first_line
        line = min(line, first_line + block.count("\n"))  # an error at the end of the block
        problem = (error.problem or "invalid YAML").strip()
        context = error.context_mark
        if context is not None and mark is not None and context.line != mark.line:
            problem += f", {error.context or 'started'} on line {first_line + context.line}"
        raise FrontmatterError(
            f"The {what} is not valid YAML ({problem}); fix line {line}, e.g. quote "
            "values that contain `: ` or start with a special character.",
            display, line) from None
    except yaml.YAMLError as error:
        raise FrontmatterError(
            f"The {what} is not valid YAML ({error}); fix the block.",
            display, first_line) from None
    except RecursionError:
        raise FrontmatterError(
            f"The {what} is nested too deeply to read; flatten it.",
            display, first_line) from None
    except (ValueError, TypeError, OverflowError) as error:
        raise FrontmatterError(
            f"The {what} has a value YAML cannot represent ({error}); quote it.",
            display, first_line) from None


_LOADER: Any = None


def _loader_class() -> Any:
    """The C safe loader (else the Python one), reading impossible dates as text.

    YAML turns ``2022-13-45`` into a timestamp and fails deep inside the
    constructor with no line; kept as the text written, the field's own check
    reports it on its line (a date key) or keeps it (any other key).
    """
    global _LOADER
    if _LOADER is None:
        import yaml

        base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        def timestamp(loader: Any, node: Any) -> Any:
            try:
                return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
            except (ValueError, OverflowError):
                return loader.construct_scalar(node)

        _LOADER = type("ArticleLoader", (base,), {})
        _LOADER.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    return _LOADER


def _refuse_aliases(block: str, display: str, first_line: int, loader_class: Any,
                    what: str) -> None:
    import yaml

    for event in yaml.parse(block, Loader=loader_class):
        if isinstance(event, yaml.AliasEvent):
            line = first_line + event.start_mark.line if event.start_mark else first_line
            raise FrontmatterError(
                f"The {what} uses a YAML alias (*{event.anchor}); aliases are not "
                "allowed. Write the value out in full.", display, line)


def _load_toml(block: str, display: str) -> Any:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10: python-frontmatter's TOML handler
        from frontmatter.default_handlers import TOMLHandler

        if TOMLHandler is None:
            raise FrontmatterError(
                "TOML frontmatter needs the `toml` package on Python 3.10; install it or "
                "write the frontmatter in YAML.", display, 1) from None
        try:
            return TOMLHandler().load(block)
        except Exception as error:  # the toml package raises many types
            raise FrontmatterError(f"The frontmatter is not valid TOML ({error}).",
                                   display, 2) from None
    try:
        return tomllib.loads(block)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        line = 1 + int(found.group(1)) if found else 2
        reason = str(error).split(" (at ")[0]
        raise FrontmatterError(
            f"The frontmatter is not valid TOML ({reason}); fix line {line}.",
            display, line) from None
    except RecursionError:
        raise FrontmatterError("The frontmatter is nested too deeply to read; flatten it.",
                               display, 2) from None


def _load_json(block: str, display: str) -> Any:
    try:
        return json.loads(block)
    except json.JSONDecodeError as error:
        raise FrontmatterError(
            f"The frontmatter is not valid JSON ({error.msg}); fix line {error.lineno}.",
            display, error.lineno) from None
    except RecursionError:
        raise FrontmatterError("The frontmatter is nested too deeply to read; flatten it.",
                               display, 1) from None
