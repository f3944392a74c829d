"""The ``check`` subcommand: report problems in articles and course folders.

One line per finding (``path:line: error|warning: message``) or, with
``--json``, a JSON list. Exit 0 without errors, 1 with errors, 2 when a
path does not exist.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    """Add the ``check`` subcommand."""
    parser = subparsers.add_parser(
        "check", help="check articles and course folders for problems",
        description="Check articles (.md files) and course folders; report every problem.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article file or course folder")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Check the paths; print the findings; return the exit code."""
    from ..content.check import check_paths

    missing = [path for path in args.paths if not Path(path).exists()]
    if missing:
        for path in missing:
            print(f"mediation-lessons check: error: {path}: no such file or folder",
                  file=sys.stderr)
        return 2
    findings = check_paths(args.paths)
    errors = sum(1 for finding in findings if finding.severity == "error")
    if args.json:
        print(json.dumps([finding.to_dict() for finding in findings], indent=2,
                         ensure_ascii=False))
    else:
        for finding in findings:
            print(finding)
        print(f"{errors} error(s), {len(findings) - errors} warning(s)", file=sys.stderr)
    return 1 if errors else 0
