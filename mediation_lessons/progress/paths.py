"""Where the progress database lives by default."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

ENV_VAR = "MEDIATION_LESSONS_DB"
"""Environment variable naming the progress database file."""

APP_NAME = "mediation-lessons"
FILE_NAME = "progress.sqlite3"


def default_db_path(environ: Mapping[str, str] | None = None) -> Path:
    """``$MEDIATION_LESSONS_DB`` if set, else ``<user data dir>/progress.sqlite3``."""
    env = os.environ if environ is None else environ
    configured = env.get(ENV_VAR, "").strip()
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME)) / FILE_NAME
