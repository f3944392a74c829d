"""The ``report`` subcommand: the instructor report as a text table, optionally CSV.

A long report (at least ``BAR_THRESHOLD`` rows) shows a tqdm progress bar on
stderr while the CSV is written, and only when stderr is a terminal, so logs
and pipes stay clean.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tqdm import tqdm

from ..errors import ProgressError
from ..progress.paths import ENV_VAR, default_db_path
from ..progress.reporting import format_text, wants_bar, write_csv
from ..progress.store import ProgressStore, open_store


def register(subparsers: Any) -> None:
    """Add ``report [--db PATH] [--course NAME] [--csv FILE]``."""
    parser = subparsers.add_parser(
        "report",
        help="show learners, completion, scores and the hardest questions",
        description="Print the instructor report from the progress database.",
    )
    add_db_option(parser)
    parser.add_argument("--course", help="only this course")
    parser.add_argument("--csv", type=Path, metavar="FILE", help="also write the report as CSV")
    parser.set_defaults(func=run)


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """The shared ``--db PATH`` option."""
    parser.add_argument(
        "--db", type=Path, metavar="PATH",
        help=f"progress database (default: ${ENV_VAR} or the user data folder)",
    )


def existing_store(db: Path | None) -> ProgressStore:
    """Open a progress database that must already exist; ProgressError otherwise."""
    path = (db or default_db_path()).expanduser()
    if not path.is_file():
        raise ProgressError(
            f"There is no progress database at {path}. Pass --db with the right file or set "
            f"{ENV_VAR}; the database is created when a learner first answers a question."
        )
    store = open_store(path, read_only=True)
    if not store.available:
        raise ProgressError(store.problem or f"The progress database at {path} cannot be used.")
    return store


def run(args: argparse.Namespace) -> int:
    """Print the report; write CSV when asked."""
    with existing_store(args.db) as store:
        report = store.report(args.course)
    print(format_text(report))
    if args.csv is not None:
        rows = report.rows()
        with args.csv.open("w", encoding="utf-8", newline="") as handle:
            write_csv(
                tqdm(rows, desc="report", unit="row", file=sys.stderr,
                     disable=not wants_bar(len(rows), sys.stderr)),
                handle,
            )
        print(f"Wrote {len(rows)} row(s) to {args.csv}.", file=sys.stderr)
    return 0
