"""The Binder setup, checked without a container engine.

``repo2docker --no-build --debug`` renders the Dockerfile mybinder.org would
build from this repository; the test reads it for the Python version, the
install of ``binder/requirements.txt`` and the run of ``binder/postBuild``.
The other tests keep ``binder/`` in step with ``pyproject.toml`` and the
badges in ``docs/binder.md`` pointing at real paths.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

HERE = Path(__file__).parent
REPO = HERE.parent.parent
BINDER = REPO / "binder"
GITHUB_REPO = "mediation-lessons/mediation-lessons"
APP_URLPATH = "voila/render/notebooks/course_app.ipynb"
LAB_URLPATH = "lab/tree/notebooks/start_here.ipynb"
_BADGE = re.compile(r"\]\((https://mybinder\.org/v2/gh/[^)\s]+)\)")


def runtime_python() -> str:
    """The ``major.minor`` Python version ``binder/runtime.txt`` asks for."""
    text = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    match = re.fullmatch(r"python-(3\.\d+)(\.\d+)?", text)
    assert match, f"binder/runtime.txt should read like 'python-3.11', not {text!r}"
    return match.group(1)


def binder_requirements() -> list[Requirement]:
    """The requirements of ``binder/requirements.txt``, comments dropped."""
    lines = (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return [Requirement(line.split("#")[0].strip()) for line in lines
            if line.split("#")[0].strip()]


def badge_urls() -> list[str]:
    """Every mybinder.org launch link in ``docs/binder.md``."""
    return _BADGE.findall((REPO / "docs" / "binder.md").read_text(encoding="utf-8"))


def badge_urlpaths() -> set[str]:
    """The decoded ``urlpath`` of every badge link."""
    paths = set()
    for url in badge_urls():
        query = parse_qs(urlsplit(url).query)
        paths.update(query.get("urlpath", []))
    return paths


@pytest.fixture(scope="module")
def dockerfile() -> str:
    """The Dockerfile repo2docker renders for this repository, without building it."""
    repo2docker = shutil.which("repo2docker") or str(Path(sys.executable).parent / "repo2docker")
    if not Path(repo2docker).exists():
        pytest.fail("repo2docker is not installed; the `test` extra brings it "
                    "(pip install -e '.[test]')")
    result = subprocess.run(
        [repo2docker, "--no-build", "--debug", str(REPO)],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout + result.stderr


def test_dockerfile_uses_the_runtime_python(dockerfile: str) -> None:
    version = runtime_python()
    assert f"Building conda environment for python={version}" in dockerfile
    assert f"environment.py-{version}-linux-64.lock" in dockerfile.replace("-2e", ".").replace(
        "-2d", "-")


def test_dockerfile_installs_binder_requirements_before_copying_the_repo(dockerfile: str) -> None:
    install = 'pip install --no-cache-dir -r "binder/requirements.txt"'
    assert install in dockerfile
    assert "COPY --chown=0:0 src/binder/requirements.txt" in dockerfile
    assert dockerfile.index(install) < dockerfile.index("COPY --chown=0:0 src/ ${REPO_DIR}/")


def test_dockerfile_runs_post_build_after_copying_the_repo(dockerfile: str) -> None:
    assert "RUN ./binder/postBuild" in dockerfile
    assert dockerfile.index("COPY --chown=0:0 src/ ${REPO_DIR}/") < dockerfile.index(
        "RUN ./binder/postBuild")


def test_binder_folder_has_no_file_that_hides_requirements() -> None:
    # Beside environment.yml (or a Pipfile, or setup.py used as the spec), repo2docker
    # would ignore requirements.txt.
    for name in ("environment.yml", "Pipfile", "Pipfile.lock", "setup.py", "Project.toml"):
        assert not (BINDER / name).exists(), f"binder/{name} would hide requirements.txt"


def test_post_build_is_an_executable_bash_script() -> None:
    post_build = BINDER / "postBuild"
    assert os.access(post_build, os.X_OK), "binder/postBuild must be executable"
    assert post_build.read_text(encoding="utf-8").startswith("#!/usr/bin/env bash\n")
    syntax = subprocess.run(["bash", "-n", str(post_build)], capture_output=True, text=True,
                            check=False)
    assert syntax.returncode == 0, syntax.stderr


def _project() -> dict[str, Any]:
    tomllib = pytest.importorskip("tomllib")
    return dict(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"])


def test_requirements_cover_every_package_dependency() -> None:
    project = _project()
    wanted = {canonicalize_name(Requirement(dep).name): Requirement(dep)
              for dep in project["dependencies"]}
    given = {canonicalize_name(req.name): req for req in binder_requirements()}
    missing = sorted(set(wanted) - set(given))
    assert not missing, f"binder/requirements.txt lacks {missing} from pyproject.toml"
    for name, requirement in given.items():
        if name not in wanted:
            continue
        pinned = [spec.version for spec in requirement.specifier if spec.operator == "=="]
        for version in pinned:
            assert wanted[name].specifier.contains(version, prereleases=True), (
                f"binder pins {name}=={version}, outside pyproject's {wanted[name].specifier}"
            )


def test_runtime_python_is_supported_by_the_package() -> None:
    project = _project()
    from packaging.specifiers import SpecifierSet

    assert SpecifierSet(project["requires-python"]).contains(f"{runtime_python()}.0")


def test_badges_open_the_app_and_the_start_here_notebook() -> None:
    urls = badge_urls()
    assert urls, "docs/binder.md has no mybinder.org badge links"
    for url in urls:
        parts = urlsplit(url)
        assert parts.path.startswith(f"/v2/gh/{GITHUB_REPO}/"), url
        raw = parts.query.removeprefix("urlpath=")
        assert "/" not in raw, f"urlpath must be URL-encoded as mybinder expects: {url}"
        assert unquote(raw) in (APP_URLPATH, LAB_URLPATH), url
    assert badge_urlpaths() == {APP_URLPATH, LAB_URLPATH}
