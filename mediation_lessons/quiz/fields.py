"""Typed reading of quiz fields from line-keeping YAML nodes, with author-facing findings.

YAML 1.1 turns ``no`` into ``False`` and ``1.10`` into ``1.1``; every reader
checks the declared type and tells the author to quote a coerced value.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import Finding
from .yamlnodes import YList, YMap, YNode, YScalar, describe


@dataclass
class Findings:
    """Problems found in one quiz source, each as ``<problem>. <remedy>.``."""

    path: str
    items: list[Finding] = field(default_factory=list)

    def error(self, line: int | None, message: str) -> None:
        """Record an error; ``message`` is "<problem>. <remedy>" without the final period."""
        self.items.append(Finding(self.path, line, "error", _sentence(message)))

    def warning(self, line: int | None, message: str) -> None:
        """Record a warning, worded like :meth:`error`."""
        self.items.append(Finding(self.path, line, "warning", _sentence(message)))

    @property
    def has_errors(self) -> bool:
        """Whether any error (not only warnings) was found."""
        return any(item.severity == "error" for item in self.items)


def _sentence(message: str) -> str:
    message = message.strip()
    message = message[:1].upper() + message[1:]
    return message if message.endswith((".", "?", "!")) else message + "."


def _coerced(node: YScalar) -> str | None:
    """Why a plain scalar that should be text is not, or None if it is text."""
    value = node.value
    if isinstance(value, str):
        return None
    if isinstance(value, bool):
        kind = f"the boolean {value}"
    elif isinstance(value, (int, float)):
        kind = f"the number {value!r}"
    elif isinstance(value, date):
        kind = f"the date {value.isoformat()}"
    elif value is None:
        return "is empty"
    else:
        kind = f"a {type(value).__name__}"
    return f"which YAML reads as {kind}, not as text"


class Reader:
    """Reads the fields of one mapping, reporting problems against its lines."""

    def __init__(self, node: YMap, findings: Findings, what: str,
                 aliases: Mapping[str, Iterable[str]] | None = None) -> None:
        self.node = node
        self.findings = findings
        self.what = what
        self.aliases: Mapping[str, Iterable[str]] = aliases or {}
        """Keys (from other tools) that stand in for a required key."""

    def line(self, key: str | None = None) -> int | None:
        """Line of ``key`` (where its value starts), or of the mapping itself."""
        if key is not None and key in self.node.items:
            line = self.node.key_lines.get(key)
            return line if line is not None else self.node.items[key].line
        return self.node.line

    def has(self, key: str) -> bool:
        """Whether ``key`` is present."""
        return key in self.node.items

    def check_keys(self, allowed: Iterable[str],
                   suggest: Callable[[str], str | None] | None = None) -> None:
        """Report every key not in ``allowed``, with ``suggest(key)``'s remedy or the
        nearest known key."""
        allowed = sorted(allowed)
        for key in self.node.items:
            if key not in allowed:
                remedy = suggest(key) if suggest else None
                if remedy:
                    self.findings.error(self.node.key_lines.get(key),
                                        f"unknown key `{key}` in {self.what}. "
                                        f"{remedy[:1].upper()}{remedy[1:]}")
                    continue
                near = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean `{near[0]}`?" if near else "remove it"
                self.findings.error(
                    self.node.key_lines.get(key),
                    f"unknown key `{key}` in {self.what}. Known keys are "
                    f"{', '.join(allowed)}; {hint}",
                )

    def replaced(self, key: str) -> bool:
        """Whether a key from another tool stands in for ``key`` (and is reported)."""
        return any(alias in self.node.items for alias in self.aliases.get(key, ()))

    def missing(self, key: str, remedy: str) -> None:
        """Report that a required key is absent (unless a key standing in for it is there,
        which :meth:`check_keys` reports with its own remedy)."""
        if not self.replaced(key):
            self.findings.error(self.node.line, f"{self.what} has no `{key}`. {remedy}")

    def text(self, key: str, required: bool = False, remedy: str = "") -> str | None:
        """A text field; None (and a finding if ``required``) when absent or wrong."""
        if key not in self.node.items:
            if required:
                self.missing(key, remedy or f"Add `{key}:`")
            return None
        value = text_of(self.node.items[key], self.findings, f"`{key}` of {self.what}")
        if value is not None and not value.strip():
            self.findings.error(self.line(key), f"`{key}` of {self.what} is empty. "
                                                f"{remedy or 'Write a value or remove the key'}")
            return None
        return value

    def texts(self, key: str, required: bool = False, remedy: str = "") -> list[str] | None:
        """A list of text items (a single text is accepted as a one-item list)."""
        if key not in self.node.items:
            if required:
                self.missing(key, remedy or f"Add a `{key}:` list")
            return None
        node = self.node.items[key]
        if isinstance(node, YScalar) and isinstance(node.value, str):
            return [node.value]
        if not isinstance(node, YList):
            self.findings.error(node.line, f"`{key}` of {self.what} should be a list of text, "
                                           f"found {describe(node)}. Write it as a `- item` list")
            return None
        values = []
        for item in node.items:
            value = text_of(item, self.findings, f"an item of `{key}` in {self.what}")
            if value is not None:
                values.append(value)
        return values

    def boolean(self, key: str, default: bool | None = None) -> bool | None:
        """A true/false field."""
        if key not in self.node.items:
            return default
        node = self.node.items[key]
        if isinstance(node, YScalar) and isinstance(node.value, bool):
            return node.value
        self.findings.error(self.line(key), f"`{key}` of {self.what} should be true or false, "
                                            f"found {describe(node)}. Write true or false "
                                            "without quotes")
        return default

    def number(self, key: str, low: float, high: float, default: float | None,
               integer: bool = False, low_open: bool = False) -> float | None:
        """A number in [low, high] (or (low, high] with ``low_open``)."""
        if key not in self.node.items:
            return default
        node = self.node.items[key]
        value = node.value if isinstance(node, YScalar) else None
        kind = "a whole number" if integer else "a number"
        wanted = int if integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, wanted):
            self.findings.error(self.line(key), f"`{key}` of {self.what} should be {kind}, "
                                                f"found {describe(node)}. Write {kind} "
                                                "without quotes")
            return default
        if not math.isfinite(value):
            self.findings.error(self.line(key), f"`{key}` of {self.what} is {value!r}. Write "
                                                f"{kind} from {low:g} to {high:g}")
            return default
        below = value <= low if low_open else value < low
        if below or value > high:
            bracket = "(" if low_open else "["
            self.findings.error(
                self.line(key),
                f"`{key}` of {self.what} is {value!r}, outside {bracket}{low:g}, {high:g}]. "
                f"Use a value in that range",
            )
            return default
        return value

    def child(self, key: str) -> YNode | None:
        """The raw node of ``key``."""
        return self.node.items.get(key)


def text_of(node: YNode, findings: Findings, what: str) -> str | None:
    """The text of a scalar node, reporting lists, mappings and coerced values."""
    if not isinstance(node, YScalar):
        findings.error(node.line, f"{what} should be text, found {describe(node)}. "
                                  "Write it as a single (quoted) text")
        return None
    problem = _coerced(node)
    if problem is None:
        return str(node.value)
    if node.value is None:
        findings.error(node.line, f"{what} is empty. Write a value")
        return None
    findings.error(node.line, f"{what} is `{node.raw}`, {problem}. Quote it: \"{node.raw}\"")
    return None


def value_of(node: YNode) -> Any:
    """Plain data for a node (for messages and the frontmatter round trip)."""
    if isinstance(node, YMap):
        return {key: value_of(value) for key, value in node.items.items()}
    if isinstance(node, YList):
        return [value_of(item) for item in node.items]
    return node.value
