"""Start and stop the Voilà server that serves the course app.

The server runs ``voila`` in a child process with the configuration shipped in
``mediation_lessons/app/voila.json``: sources stripped, tracebacks hidden, no
static files served, the ``Cookie`` header passed to the kernel (the learner's
remembered name), idle kernels of departed learners culled, and kernel
websockets without Nagle's delay (:mod:`mediation_lessons.serving.websocket`).

The ``mediation-lessons`` template is found through ``JUPYTER_PATH``. It sits
under ``nbconvert/templates`` in that folder, not ``voila/templates``: a
``voila`` folder there would become Voilà's data folder and hide its themes.

Voilà's root directory is a fresh private folder holding only a copy of the
app notebook, so no request can reach the course folder, the progress
database or the package sources. The course folder and the database reach the
kernel through the environment (``MEDIATION_LESSONS_COURSE``,
``MEDIATION_LESSONS_DB``). With ``preheat`` the notebook runs before a learner
arrives; it must call ``voila.utils.wait_for_request()`` before it reads the
request's environment (the cookie).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from .errors import LessonError

APP_DIR = Path(__file__).parent / "app"
"""Package folder holding the app notebook, ``voila.json`` and the template."""
APP_NOTEBOOK = APP_DIR / "course_app.ipynb"
"""The notebook the server serves (a copy of ``notebooks/course_app.ipynb``)."""
CONFIG_DIR = APP_DIR
"""Folder holding ``voila.json``; the only place Voilà reads its configuration."""
TEMPLATE_ROOT = APP_DIR / "templates"
"""A Jupyter data folder: ``nbconvert/templates/mediation-lessons`` lives in it."""

COURSE_ENV = "MEDIATION_LESSONS_COURSE"
DB_ENV = "MEDIATION_LESSONS_DB"
DEFAULT_PORT = 8866
DEFAULT_HOST = "127.0.0.1"
READY_PATH = "/voila/templates/mediation-lessons/static/learner-cookie.js"
"""A small asset only a running Voilà with the shipped template serves."""


class ServeError(LessonError):
    """The Voilà server cannot be configured, started or reached."""


@dataclass(frozen=True)
class ServeOptions:
    """What to serve and how."""

    course: Path | None = None
    """Course folder for the kernel; ``None`` lets the app use its default."""
    db: Path | None = None
    """Progress database for the kernel; ``None`` lets the store use its default."""
    port: int = DEFAULT_PORT
    host: str = DEFAULT_HOST
    preheat: bool = False
    """Keep kernels started and the notebook executed before learners arrive."""
    pool_size: int = 1
    """Number of preheated kernels kept ready (only with ``preheat``)."""
    notebook: Path = APP_NOTEBOOK


def free_port(host: str = DEFAULT_HOST) -> int:
    """A TCP port that is free on ``host`` right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def check_course(path: Path) -> Path:
    """``path`` made absolute if it is a folder holding articles, else :class:`ServeError`."""
    if not path.exists():
        raise ServeError(
            "The course folder does not exist; pass a folder holding markdown articles.",
            str(path),
        )
    if not path.is_dir():
        raise ServeError(
            "The course is not a folder; pass the folder that holds its markdown articles.",
            str(path),
        )
    if not any(path.glob("*.md")):
        raise ServeError(
            "The course folder holds no markdown articles (*.md); "
            "pass a folder with at least one article.",
            str(path),
        )
    return path.resolve()


def check_db(path: Path) -> Path:
    """``path`` made absolute if a database file can live there, else :class:`ServeError`."""
    if path.is_dir():
        raise ServeError(
            "The progress database path is a folder; pass a file path such as progress.sqlite3.",
            str(path),
        )
    if not path.parent.is_dir():
        raise ServeError(
            "The folder for the progress database does not exist; create it first.",
            str(path),
        )
    return path.resolve()


def voila_command(options: ServeOptions, notebook: Path) -> list[str]:
    """The ``voila`` command line serving ``notebook`` (already in its private root)."""
    command = [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        f"--Voila.root_dir={notebook.parent}",
        f"--Voila.config_file_paths={CONFIG_DIR}",
        f"--Voila.ip={options.host}",
        f"--port={options.port}",
        "--no-browser",
    ]
    if options.preheat:
        command += [
            "--VoilaConfiguration.preheat_kernel=True",
            f"--VoilaConfiguration.default_pool_size={max(1, options.pool_size)}",
        ]
    return command


def voila_env(options: ServeOptions, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of the Voilà process (and so of its kernels)."""
    env = dict(os.environ if base is None else base)
    paths = [str(TEMPLATE_ROOT)]
    if env.get("JUPYTER_PATH"):
        paths.append(env["JUPYTER_PATH"])
    env["JUPYTER_PATH"] = os.pathsep.join(paths)
    env["PYTHONUNBUFFERED"] = "1"
    if options.course is not None:
        env[COURSE_ENV] = str(options.course)
    if options.db is not None:
        env[DB_ENV] = str(options.db)
    return env


class VoilaServer:
    """A ``voila`` child process serving one notebook; use as a context manager.

    >>> with VoilaServer(ServeOptions(port=free_port())) as server:  # doctest: +SKIP
    ...     print(server.url)
    """

    def __init__(self, options: ServeOptions, env: Mapping[str, str] | None = None) -> None:
        self.options = options
        self._base_env = env
        self._workdir: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The address learners open."""
        return f"http://{self.options.host}:{self.options.port}/"

    @property
    def pid(self) -> int | None:
        """Process id of the Voilà server, while it runs."""
        return self._process.pid if self._process is not None else None

    @property
    def root_dir(self) -> Path | None:
        """The folder Voilà serves from (holds only the notebook)."""
        return self._workdir / "app" if self._workdir is not None else None

    @property
    def log_path(self) -> Path | None:
        """Where the Voilà process writes its log."""
        return self._workdir / "voila.log" if self._workdir is not None else None

    def start(self, timeout: float = 60.0) -> str:
        """Start Voilà, wait until it accepts connections, return its URL."""
        if self._process is not None:
            raise ServeError("The server is already running; stop it before starting it again.")
        notebook = self.options.notebook
        if not notebook.is_file():
            raise ServeError(
                "The app notebook is missing; reinstall mediation-lessons.", str(notebook)
            )
        self._workdir = Path(tempfile.mkdtemp(prefix="mediation-lessons-serve-"))
        root = self._workdir / "app"
        root.mkdir()
        served = root / notebook.name
        shutil.copyfile(notebook, served)
        log = (self._workdir / "voila.log").open("wb")
        try:
            self._process = subprocess.Popen(
                voila_command(self.options, served),
                cwd=root,
                env=voila_env(self.options, self._base_env),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        finally:
            log.close()
        try:
            self._wait_ready(timeout)
        except BaseException:
            self.stop()
            raise
        return self.url

    def _wait_ready(self, timeout: float) -> None:
        """Return once the port accepts connections; raise if Voilà dies or times out."""
        assert self._process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            code = self._process.poll()
            if code is not None:
                raise ServeError(
                    f"Voilà stopped before serving (exit code {code}): {self._last_log_line()} "
                    "Check that the port is free and the package is installed completely."
                )
            if self._answers():
                return
            time.sleep(0.1)
        raise ServeError(
            f"Voilà did not answer on {self.url} within {timeout:.0f} seconds; "
            "try again, or another port with --port."
        )

    def _answers(self) -> bool:
        """Whether this Voilà (not some other program on the port) serves the template."""
        connection = http.client.HTTPConnection(self.options.host, self.options.port, timeout=2)
        try:
            connection.request("GET", READY_PATH)
            return connection.getresponse().status == 200
        except (OSError, http.client.HTTPException):
            return False
        finally:
            connection.close()

    def _last_log_line(self) -> str:
        """The last non-empty line Voilà logged, for error messages."""
        path = self.log_path
        if path is None or not path.exists():
            return "(no log)"
        lines = [line.strip() for line in path.read_text(errors="replace").splitlines()]
        lines = [line for line in lines if line]
        return lines[-1] if lines else "(empty log)"

    def wait(self) -> int:
        """Block until the Voilà process ends; return its exit code."""
        if self._process is None:
            return 0
        return self._process.wait()

    def stop(self, timeout: float = 15.0) -> None:
        """Stop Voilà and its kernels, then remove the private root folder."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if process is not None and process.poll() is not None:
            self._kill_leftovers(process.pid)
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None

    @staticmethod
    def _kill_leftovers(group: int) -> None:
        """Kill kernels Voilà left in its process group when it had to be killed."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(group, signal.SIGKILL)

    def __enter__(self) -> VoilaServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
