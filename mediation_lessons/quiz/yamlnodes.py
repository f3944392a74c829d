"""YAML read into nodes that remember their line, so every finding can name it.

PyYAML composes the document; we build small node objects from it instead of
plain Python values, keeping each scalar's raw text (to tell an author that
``no`` became ``False``) and its line in the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from ..errors import QuizError

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it (much faster), else the pure one."""

MAX_NODES = 50_000
"""More nodes than any quiz needs: stops alias bombs."""


@dataclass
class YScalar:
    """A scalar: its value as YAML read it, its raw text and whether it was quoted."""

    value: Any
    raw: str
    line: int | None
    plain: bool = True


@dataclass
class YMap:
    """A mapping with string keys; remembers each key's line."""

    line: int | None
    items: dict[str, YNode] = field(default_factory=dict)
    key_lines: dict[str, int | None] = field(default_factory=dict)
    imported: bool = False
    """Translated from another tool's format (jupyterquiz): no ``source`` required."""


@dataclass
class YList:
    """A sequence."""

    line: int | None
    items: list[YNode] = field(default_factory=list)


YNode = YScalar | YMap | YList
Report = Callable[[int | None, str], None]
"""Called with (line, message) for a problem found while building nodes."""


def describe(node: YNode) -> str:
    """What a node is, for messages: "a list", "a mapping" or the scalar's text."""
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YList):
        return "a list"
    if not node.raw:
        return "an empty value"
    return f"`{node.raw}`" if node.plain else f"the quoted text \"{node.raw}\""


def parse(text: str, path: str, report: Report, line_offset: int = 0) -> YNode | None:
    """Nodes of the single YAML document in ``text``; None when it is empty.

    Raises :class:`QuizError` naming the file's line for malformed YAML.
    """
    try:
        root = yaml.compose(text, Loader=LOADER)
    except RecursionError:
        raise _too_deep(path) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problem = (error.problem or error.context or "unreadable YAML").rstrip(".")
        lines = text.splitlines()
        if mark and mark.line < len(lines) and "\t" in lines[mark.line]:
            raise QuizError(
                "The quiz is not valid YAML: this line holds a tab character, and YAML "
                "indents with spaces only. Replace the tabs with spaces (set your editor "
                "to insert spaces).",
                path,
                line,
            ) from None
        raise QuizError(
            f"The quiz is not valid YAML: {problem}. Fix the YAML syntax near this line "
            "(check indentation, colons and quotes).",
            path,
            line,
        ) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1 + line_offset
        raise QuizError(
            f"The quiz is not valid YAML: it holds the unprintable character "
            f"{chr(error.character)!r}. Remove it.", path, line
        ) from None
    except yaml.YAMLError as error:
        raise QuizError(
            f"The quiz is not valid YAML: {error}. Fix the YAML syntax.", path, None
        ) from None
    if root is None:
        return None
    return build(root, path, report, line_offset)


def build(root: yaml.Node, path: str, report: Report, line_offset: int = 0) -> YNode:
    """Nodes for an already composed YAML node."""
    constructor = SafeConstructor()
    budget = [MAX_NODES]

    def line_of(node: yaml.Node) -> int:
        return int(node.start_mark.line) + 1 + line_offset

    active: set[int] = set()

    def walk(node: yaml.Node) -> YNode:
        if id(node) in active:
            raise QuizError("A YAML alias refers to the list or mapping that contains it. "
                            "Remove the alias (`*name`).", path, line_of(node))
        active.add(id(node))
        try:
            return walk_node(node)
        finally:
            active.discard(id(node))

    def walk_node(node: yaml.Node) -> YNode:
        budget[0] -= 1
        if budget[0] < 0:
            raise QuizError(
                f"The quiz has more than {MAX_NODES} YAML nodes, far more than a lesson's "
                "quiz needs. Split the lesson, and write the quiz without YAML aliases "
                "(`*name`) that repeat large parts.",
                path,
                line_of(node),
            )
        if isinstance(node, yaml.MappingNode):
            mapping = YMap(line_of(node))
            for key_node, value_node in node.value:
                key_line = line_of(key_node)
                if key_node.tag == "tag:yaml.org,2002:merge":
                    report(key_line, "YAML merge keys (`<<`) are not supported. "
                                     "Write the keys out")
                    continue
                if not isinstance(key_node, yaml.ScalarNode):
                    report(key_line, "a key is a list or mapping. Use a plain word as the key")
                    continue
                key = str(key_node.value)
                if key in mapping.items:
                    report(key_line, f"the key `{key}` appears twice (first on line "
                                     f"{mapping.key_lines[key]}). Remove one of them")
                    continue
                mapping.items[key] = walk(value_node)
                mapping.key_lines[key] = key_line
            return mapping
        if isinstance(node, yaml.SequenceNode):
            return YList(line_of(node), [walk(item) for item in node.value])
        try:
            value = constructor.construct_object(node, deep=True)
        except yaml.YAMLError as error:
            report(line_of(node), f"YAML could not read the value `{node.value}`: "
                                  f"{getattr(error, 'problem', error)}. Quote it")
            value = str(node.value)
        return YScalar(value, str(node.value), line_of(node), not getattr(node, "style", None))

    try:
        return walk(root)
    except RecursionError:
        raise _too_deep(path) from None


def _too_deep(path: str) -> QuizError:
    return QuizError("The quiz is nested too deeply to read. Flatten its lists and "
                     "mappings.", path, None)


def from_python(data: Any) -> YNode:
    """Nodes for plain data that has no lines (e.g. an already parsed frontmatter key)."""
    if isinstance(data, dict):
        mapping = YMap(None)
        for key, value in data.items():
            mapping.items[str(key)] = from_python(value)
            mapping.key_lines[str(key)] = None
        return mapping
    if isinstance(data, (list, tuple)):
        return YList(None, [from_python(item) for item in data])
    raw = data if isinstance(data, str) else yaml.safe_dump(data).split("\n...")[0].strip()
    return YScalar(data, str(raw), None, not isinstance(data, str))
