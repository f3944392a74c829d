"""The ``export``subcommand (placeholder until its owner fills it in)."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    """Placeholder: registers nothing yet."""
    del subparsers


def run(args: argparse.Namespace) -> int:  # pragma: no cover
    return 0
