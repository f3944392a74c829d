"""The ``progress`` subcommand: export one learner's progress to JSON, import it back.

``progress export --learner NAME [--db PATH] --out FILE [--force]`` and
``progress import FILE [--db PATH]``. Importing is idempotent: attempts
already in the database are not added twice.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..errors import ProgressError
from ..progress.identity import normalize_name
from ..progress.paths import default_db_path
from ..progress.store import open_store
from .report import add_db_option, existing_store


def register(subparsers: Any) -> None:
    """Add ``progress export`` and ``progress import``."""
    parser = subparsers.add_parser(
        "progress", help="export or import a learner's progress",
        description="Move a learner's progress between databases as a JSON file.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write one learner's progress to a JSON file")
    export.add_argument("--learner", required=True, help="the learner's name")
    add_db_option(export)
    export.add_argument("--out", required=True, type=Path, metavar="FILE",
                        help="JSON file to write ('-' for standard output)")
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    export.set_defaults(func=run_export)
    imp = actions.add_parser("import", help="merge a progress JSON file into the database")
    imp.add_argument("file", type=Path, metavar="FILE")
    add_db_option(imp)
    imp.set_defaults(func=run_import)


def run_export(args: argparse.Namespace) -> int:
    """Export one learner; refuse to overwrite a file without ``--force``."""
    learner = normalize_name(args.learner)
    to_stdout = str(args.out) == "-"
    if not to_stdout and args.out.exists() and not args.force:
        raise ProgressError(
            f"{args.out} already exists. Choose another --out file or add --force to replace it."
        )
    with existing_store(args.db) as store:
        data = store.export_learner(learner)
    if not (data["attempts"] or data["completions"] or data["positions"]):
        raise ProgressError(
            f"No progress is recorded for learner {learner!r} in {store.path}. Check the name "
            "('mediation-lessons report' lists what is recorded)."
        )
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if to_stdout:
        sys.stdout.write(text)
    else:
        _write_atomically(args.out, text)
        print(f"Exported {len(data['attempts'])} attempt(s) for {learner!r} to {args.out}.",
              file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Import a progress file into the database (created if missing)."""
    path: Path = args.file
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ProgressError("The file does not exist. Check the path.", str(path)) from error
    except UnicodeDecodeError as error:
        raise ProgressError("The file is not UTF-8 text; is it a progress export?",
                            str(path)) from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ProgressError(
            f"The file is not valid JSON ({error.msg}, column {error.colno}). "
            "Export the progress again with 'mediation-lessons progress export'.",
            str(path), error.lineno,
        ) from error
    target = (args.db or default_db_path()).expanduser()
    with open_store(target) as store:
        if not store.available:
            raise ProgressError(store.problem or f"The progress database {target} cannot be used.")
        try:
            added = store.import_learner(data)
        except ProgressError as error:
            raise ProgressError(error.message, str(path)) from error
    total = len(data["attempts"]) if isinstance(data.get("attempts"), list) else 0
    print(f"Imported {added} new attempt(s) for {data['learner']!r} into {target} "
          f"({total - added} already there).")
    return 0


def _write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file, so a failure leaves no half file."""
    folder = path.parent if str(path.parent) else Path(".")
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
