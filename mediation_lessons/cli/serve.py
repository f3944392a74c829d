"""The ``serve`` subcommand: run the course app as a local web app with Voilà."""

from __future__ import annotations

import argparse
import signal
import sys
import webbrowser
from pathlib import Path
from types import FrameType
from typing import Any

from ..server import (
    DEFAULT_PORT,
    ServeOptions,
    VoilaServer,
    check_course,
    check_db,
)


def register(subparsers: Any) -> None:
    """Add ``serve`` to the command line."""
    parser = subparsers.add_parser(
        "serve",
        help="serve a course as a web app (Voilà)",
        description="Serve a course as an interactive web app with Voilà. Stop with Ctrl-C.",
    )
    parser.add_argument(
        "course",
        nargs="?",
        type=Path,
        metavar="COURSE",
        help="folder of markdown articles (default: the shipped mediation course)",
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--no-browser", action="store_true", help="do not open a web browser"
    )
    parser.add_argument("--db", type=Path, metavar="PATH", help="progress database file")
    parser.add_argument(
        "--preheat",
        action="store_true",
        help="keep kernels started before learners arrive (faster first page)",
    )
    parser.add_argument(
        "--pool-size",
        type=int,
        default=1,
        metavar="N",
        help="number of preheated kernels kept ready (with --preheat; default 1)",
    )
    parser.set_defaults(func=run)


def _options(args: argparse.Namespace) -> ServeOptions:
    """Validated server options from the parsed arguments."""
    return ServeOptions(
        course=check_course(args.course) if args.course is not None else None,
        db=check_db(args.db) if args.db is not None else None,
        port=args.port,
        preheat=args.preheat,
        pool_size=args.pool_size,
    )


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """Treat SIGTERM like Ctrl-C so the server is stopped cleanly."""
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    """Serve until Ctrl-C; return Voilà's exit code, or 0 when stopped by the user."""
    if not 0 < args.port < 65536:
        print(f"mediation-lessons: error: --port must be 1-65535, not {args.port}.",
              file=sys.stderr)
        return 2
    server = VoilaServer(_options(args))
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        url = server.start()
        print(f"Serving the course app at {url}", flush=True)
        print("Press Ctrl-C to stop.", flush=True)
        if not args.no_browser:
            webbrowser.open(url)
        code = server.wait()
        if code:
            print(f"mediation-lessons: error: Voilà stopped with exit code {code}.",
                  file=sys.stderr)
            return 1
        return 0
    except KeyboardInterrupt:
        print("Stopping the server...", flush=True)
        return 0
    finally:
        server.stop()
        signal.signal(signal.SIGTERM, previous)
