"""``mediation-lessons serve`` and :class:`VoilaServer`: start, refuse bad input, stop cleanly."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from mediation_lessons.cli import main
from mediation_lessons.server import (
    APP_NOTEBOOK,
    ServeError,
    ServeOptions,
    VoilaServer,
    free_port,
    voila_env,
)

HERE = Path(__file__).parent
REPO = HERE.parent.parent
BARE_NOTEBOOK = REPO / "benchmarks" / "baseline" / "bare.ipynb"
SOURCE_NOTEBOOK = REPO / "notebooks" / "course_app.ipynb"


def serve(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``mediation-lessons serve --no-browser ARGS`` in process: (exit code, out, err)."""
    code = main(["serve", "--no-browser", *args])
    out, err = capsys.readouterr()
    return code, out, err


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_shipped_notebook_is_the_one_in_notebooks() -> None:
    assert APP_NOTEBOOK.is_file(), "copy notebooks/course_app.ipynb into the package"
    assert APP_NOTEBOOK.read_bytes() == SOURCE_NOTEBOOK.read_bytes()


@pytest.mark.parametrize(
    ("make", "phrase"),
    [
        (lambda tmp: [str(tmp / "missing")], "does not exist"),
        (lambda tmp: [str(tmp / "file.md")], "not a folder"),
        (lambda tmp: [str(tmp / "empty")], "no markdown articles"),
        (lambda tmp: ["--db", str(tmp)], "is a folder"),
        (lambda tmp: ["--db", str(tmp / "nowhere" / "p.sqlite3")], "does not exist"),
    ],
)
def test_bad_arguments_give_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: Any, phrase: str
) -> None:
    (tmp_path / "file.md").write_text("# x\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    code, out, err = serve(capsys, *make(tmp_path))
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("mediation-lessons: error: ")
    assert phrase in lines[0]
    assert out == ""


@pytest.mark.parametrize("port", ["0", "70000"])
def test_bad_port_is_a_usage_error(capsys: pytest.CaptureFixture[str], port: str) -> None:
    code, _, err = serve(capsys, "--port", port)
    assert code == 2
    expected = f"mediation-lessons: error: --port must be 1-65535, not {port}."
    assert err.strip().splitlines() == [expected]


def test_server_env_passes_course_database_and_template_path(tmp_path: Path) -> None:
    options = ServeOptions(course=tmp_path / "c", db=tmp_path / "p.sqlite3")
    env = voila_env(options, {"JUPYTER_PATH": "/elsewhere", "HOME": "/home/x"})
    assert env["MEDIATION_LESSONS_COURSE"] == str(tmp_path / "c")
    assert env["MEDIATION_LESSONS_DB"] == str(tmp_path / "p.sqlite3")
    assert env["JUPYTER_PATH"].split(os.pathsep)[-1] == "/elsewhere"
    assert env["HOME"] == "/home/x"


@pytest.mark.slow
def test_server_stops_with_its_kernels_and_leaves_nothing(get: Any) -> None:
    server = VoilaServer(ServeOptions(port=free_port(), notebook=BARE_NOTEBOOK))
    server.start(timeout=120)
    pgid, workdir = server.pid, server.root_dir
    assert pgid is not None and workdir is not None
    try:
        assert get(server.url, "/").status == 200  # starts a kernel
    finally:
        server.stop()
    assert not workdir.exists()
    deadline = time.monotonic() + 10
    while group_alive(pgid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not group_alive(pgid)


@pytest.mark.slow
def test_busy_port_is_a_clear_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = VoilaServer(ServeOptions(port=port, notebook=BARE_NOTEBOOK))
        try:
            with pytest.raises(ServeError, match="stopped before serving"):
                server.start(timeout=60)
        finally:
            server.stop()
    assert server.root_dir is None


@pytest.mark.slow
def test_serve_prints_the_url_and_stops_on_ctrl_c(tmp_path: Path, get: Any) -> None:
    assert APP_NOTEBOOK.is_file(), f"the app notebook {APP_NOTEBOOK} is missing"
    port = free_port()
    db = tmp_path / "progress.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-m", "mediation_lessons", "serve", "--no-browser",
         "--port", str(port), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.strip() == f"Serving the course app at http://127.0.0.1:{port}/"
        assert get(f"http://127.0.0.1:{port}/", "/").status == 200
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert "Traceback" not in out + err
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), 1).close()
