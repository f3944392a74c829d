"""The command line as a shell user meets it: pipes closed early, unknown commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mediation_lessons import SHIPPED_COURSE

REPO = Path(__file__).parent.parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mediation_lessons", *args],
                          capture_output=True, text=True, timeout=120, cwd=REPO, check=False)


def test_a_reader_that_stops_early_gets_no_error_message() -> None:
    # `export-quiz ... | head -c 1`: the pipe closes while the command still writes.
    command = (f"{sys.executable} -m mediation_lessons export-quiz "
               f"'{SHIPPED_COURSE}' --format json | head -c 1")
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.stdout == "{"
    assert "error" not in result.stderr.lower()
    assert "Traceback" not in result.stderr
    assert result.returncode == 0


def test_no_command_prints_usage_and_exits_two() -> None:
    result = _run()
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_command_is_a_usage_error() -> None:
    result = _run("frobnicate")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
    assert "Traceback" not in result.stderr
