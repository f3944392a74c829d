"""Binder without Docker: the environment ``binder/`` describes, served to a real browser.

A fresh virtual environment gets the Jupyter front-end versions pinned in
repo2docker's own lock file for the runtime Python (what Binder's base image
holds), then ``binder/requirements.txt``; ``binder/postBuild`` then runs in a
copy of the repository, as Binder runs it. A Jupyter server started from that
environment must serve both badge URLs of ``docs/binder.md``: the Voilà app
through the server extension, and JupyterLab with a live kernel on the
start-here notebook.

The environment (not the package install) is cached under the temp folder,
keyed by a hash of ``binder/``, ``pyproject.toml`` and the base pins.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
REPO = HERE.parent.parent
BINDER = REPO / "binder"
BASE_PACKAGES = (
    "jupyterlab", "notebook", "jupyter_server", "jupyterlab_server",
    "ipywidgets", "widgetsnbextension", "jupyterlab_widgets", "ipykernel",
)
"""The Jupyter front-end packages Binder's base image brings, pinned as it pins them."""
LESSON_TITLE = "What are the steps of mediation?"
TIMEOUT_MS = 120_000
_BADGE = re.compile(r"\]\((https://mybinder\.org/v2/gh/[^)\s]+)\)")
_IGNORE = shutil.ignore_patterns(
    ".git", "__pycache__", "*.egg-info", "build", "dist", ".venv*", ".pytest_cache",
    ".mypy_cache", ".ruff_cache", ".hypothesis", "*.sqlite3",
)

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.timeout(900)]


@dataclass(frozen=True)
class Server:
    """A Jupyter server run from the Binder environment."""

    url: str
    token: str
    root: Path

    def api(self, path: str) -> Any:
        """GET a REST API path and decode its JSON."""
        request = urllib.request.Request(f"{self.url}{path}",
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=30) as reply:
            return json.load(reply)


def runtime_python() -> str:
    """``major.minor`` from ``binder/runtime.txt``."""
    text = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    match = re.fullmatch(r"python-(3\.\d+)(\.\d+)?", text)
    assert match, f"binder/runtime.txt should read like 'python-3.11', not {text!r}"
    return match.group(1)


def badge_urlpath(prefix: str) -> str:
    """The decoded ``urlpath`` of the ``docs/binder.md`` badge starting with ``prefix``."""
    from urllib.parse import parse_qs, urlsplit

    text = (REPO / "docs" / "binder.md").read_text(encoding="utf-8")
    for url in _BADGE.findall(text):
        for path in parse_qs(urlsplit(url).query).get("urlpath", []):
            if path.startswith(prefix):
                return path
    raise AssertionError(f"docs/binder.md has no badge whose urlpath starts with {prefix!r}")


def base_pins(version: str) -> list[str]:
    """``name==version`` for BASE_PACKAGES, read from repo2docker's lock file for ``version``."""
    repo2docker = pytest.importorskip("repo2docker")
    lock = (Path(repo2docker.__file__).parent / "buildpacks" / "conda"
            / f"environment.py-{version}-linux-64.lock")
    if not lock.exists():
        pytest.fail(f"repo2docker has no base environment for Python {version} ({lock})")
    found = dict(re.findall(r"/([A-Za-z0-9_.-]+?)-(\d[^-/]*)-[^-/]+\.(?:conda|tar\.bz2)",
                            lock.read_text(encoding="utf-8")))
    missing = [name for name in BASE_PACKAGES if name not in found]
    assert not missing, f"{lock.name} pins none of {missing}"
    return [f"{name}=={found[name]}" for name in BASE_PACKAGES]


def environment_key(pins: list[str]) -> str:
    """A hash of everything the cached environment is built from."""
    digest = hashlib.sha256()
    for path in [*sorted(BINDER.iterdir()), REPO / "pyproject.toml"]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update("\n".join(pins).encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()[:16]


def _run(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)
    if result.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n"
                    f"{result.stderr[-3000:]}")
    return result


@pytest.fixture(scope="module")
def binder_env() -> Path:
    """A virtual environment with Binder's base pins and ``binder/requirements.txt``."""
    version = runtime_python()
    if f"{sys.version_info.major}.{sys.version_info.minor}" != version:
        pytest.skip(f"binder/runtime.txt asks for Python {version}; this is "
                    f"{sys.version_info.major}.{sys.version_info.minor}")
    pins = base_pins(version)
    venv = Path(tempfile.gettempdir()) / "mediation-lessons-binder" / environment_key(pins)
    if (venv / ".complete").exists():
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    _run([sys.executable, "-m", "venv", str(venv)])
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check",
           "--progress-bar", "off"]
    _run([*pip, *pins], timeout=900)
    # As Binder runs it: the requirements alone, on top of the base environment.
    _run([*pip, "-r", str(BINDER / "requirements.txt")], timeout=900)
    python = str(venv / "bin" / "python")
    _run([python, "-m", "pip", "check"])
    listed = json.loads(_run([python, "-m", "pip", "list", "--format=json"]).stdout)
    installed = {re.sub(r"[-_.]+", "-", item["name"]).lower(): item["version"]
                 for item in listed}
    for pin in pins:
        name, version = pin.split("==")
        key = re.sub(r"[-_.]+", "-", name).lower()
        assert installed.get(key) == version, (
            f"binder/requirements.txt changes Binder's {name} {version} to "
            f"{installed.get(key)}; loosen the requirement")
    (venv / ".complete").write_text("\n".join(pins) + "\n", encoding="utf-8")
    return venv


def _environ(venv: Path, home: Path) -> dict[str, str]:
    """The process environment of the Binder user: the venv first, nothing of ours."""
    keep = {"LANG", "LC_ALL", "TMPDIR", "TZ"}
    env = {key: value for key, value in os.environ.items() if key in keep}
    env.update({
        "PATH": f"{venv / 'bin'}{os.pathsep}/usr/local/bin:/usr/bin:/bin",
        "VIRTUAL_ENV": str(venv),
        "HOME": str(home),
        "JUPYTER_CONFIG_DIR": str(home / ".jupyter"),
        "JUPYTER_DATA_DIR": str(home / ".local" / "share" / "jupyter"),
        "JUPYTER_RUNTIME_DIR": str(home / ".local" / "share" / "jupyter" / "runtime"),
        "IPYTHONDIR": str(home / ".ipython"),
        "PYTHONUNBUFFERED": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    })
    return env


def _wait_until_up(server: Server, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"jupyter lab exited with {process.returncode}:\n"
                        f"{log.read_text(errors='replace')[-4000:]}")
        try:
            server.api("/api/status")
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    pytest.fail(f"jupyter lab did not answer in 120 s:\n{log.read_text(errors='replace')[-4000:]}")


@pytest.fixture(scope="module")
def binder_server(binder_env: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``postBuild`` run in a copy of the repository, then ``jupyter lab`` serving it."""
    home = tmp_path_factory.mktemp("binder-home")
    root = home / "repo"
    shutil.copytree(REPO, root, ignore=_IGNORE, symlinks=True)
    env = _environ(binder_env, home)
    _run(["./binder/postBuild"], cwd=root, env=env, timeout=600)
    where = _run([str(binder_env / "bin" / "python"), "-c",
                  "import mediation_lessons; print(mediation_lessons.__file__)"],
                 cwd=home, env=env).stdout.strip()
    assert where.startswith(str(binder_env)), f"postBuild did not install the package: {where}"

    port = _free_port()
    token = hashlib.sha256(os.urandom(16)).hexdigest()[:32]
    server = Server(f"http://127.0.0.1:{port}", token, root)
    log = home / "jupyter.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(binder_env / "bin" / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1",
             f"--port={port}", f"--IdentityProvider.token={token}",
             f"--ServerApp.root_dir={root}",
             *(["--allow-root"] if os.geteuid() == 0 else [])],
            cwd=root, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        _wait_until_up(server, process, log)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_voila_extension_serves_the_app(binder_server: Server, launch_page: Any) -> None:
    urlpath = badge_urlpath("voila/")
    errors: list[str] = []
    template_files: list[int] = []
    launch_page.on("pageerror", lambda error: errors.append(str(error)))
    launch_page.on("response", lambda response: template_files.append(response.status)
                   if "/voila/templates/mediation-lessons/static/" in response.url else None)
    reply = launch_page.goto(f"{binder_server.url}/{urlpath}?token={binder_server.token}",
                             timeout=TIMEOUT_MS)
    assert reply is not None and reply.status == 200
    title = launch_page.get_by_text(LESSON_TITLE).first
    title.wait_for(state="visible", timeout=TIMEOUT_MS)
    launch_page.locator(".jupyter-widgets").first.wait_for(state="visible", timeout=TIMEOUT_MS)
    body = launch_page.inner_text("body")
    assert "Traceback" not in body
    # postBuild installed the package's Voilà template and voila.json: the page
    # loads the template's own static files.
    assert template_files and set(template_files) == {200}, template_files
    assert not errors, errors


def test_lab_opens_start_here_with_a_live_kernel(binder_server: Server, launch_page: Any) -> None:
    urlpath = badge_urlpath("lab/")
    notebook_path = urlpath.removeprefix("lab/tree/")
    launch_page.goto(f"{binder_server.url}/{urlpath}?token={binder_server.token}",
                     timeout=TIMEOUT_MS)
    launch_page.locator(".jp-NotebookPanel").first.wait_for(state="visible", timeout=TIMEOUT_MS)
    launch_page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').first.wait_for(
        state="attached", timeout=TIMEOUT_MS)
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    live: list[Any] = []
    while time.monotonic() < deadline and not live:
        live = [
            session for session in binder_server.api("/api/sessions")
            if session["path"] == notebook_path
            and session["kernel"]["execution_state"] == "idle"
            and session["kernel"]["connections"] >= 1
        ]
        time.sleep(0.5)
    assert live, f"no idle kernel with a browser connection for {notebook_path}"
