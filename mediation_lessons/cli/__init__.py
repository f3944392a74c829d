"""The ``mediation-lessons`` command: parses arguments and calls the library.

Each subcommand lives in a module of its own with ``register(subparsers)``
(which sets ``func`` on its parser). The package's own errors become one
clean line on stderr and exit code 1; usage errors exit 2. Never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from ..errors import LessonError

SUBCOMMANDS = ("check", "export_quiz", "serve", "report", "progress", "export")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="mediation-lessons",
        description="Turn articles into interactive Jupyter lessons.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        module = importlib.import_module(f"{__name__}.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except LessonError as error:
        print(f"mediation-lessons: error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (``... | head``): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("mediation-lessons: interrupted", file=sys.stderr)
        return 130
    except OSError as error:
        print(f"mediation-lessons: error: {error.strerror or error}: {error.filename or ''}",
              file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
