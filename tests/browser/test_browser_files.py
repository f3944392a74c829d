"""The app server serves no file it should not.

Voilà's root is a private folder holding only a copy of the app notebook; the
course folder and the database live elsewhere and reach the kernel by
environment. Every request below aims at something a learner must not get,
sent byte for byte (no client-side ``..`` folding), redirects followed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mediation_lessons import SHIPPED_COURSE
from mediation_lessons.server import APP_NOTEBOOK, VoilaServer

pytestmark = pytest.mark.browser

DB_BYTES = b"SQLite format 3\x00secret-progress-bytes"
REFUSED = {403, 404, 405}
"""Statuses that refuse a request. (Voilà's template-asset handler answers some
malformed asset paths with a bare 500 page; that is checked separately.)"""


@pytest.fixture(scope="module")
def served(
    session_servers: Any, tmp_path_factory: pytest.TempPathFactory
) -> tuple[VoilaServer, Path]:
    """The app notebook served with the shipped configuration and a database file."""
    assert APP_NOTEBOOK.is_file(), f"the app notebook {APP_NOTEBOOK} is missing"
    db = tmp_path_factory.mktemp("files-db") / "progress.sqlite3"
    db.write_bytes(DB_BYTES)
    return session_servers(course=SHIPPED_COURSE, db=db), db


def _relative(target: Path, start: Path) -> str:
    """``target`` as a ``../``-path from ``start`` (both absolute)."""
    up = "../" * len(start.resolve().parts[1:])
    return up + str(target.resolve()).lstrip("/")


def attack_paths(server: VoilaServer, db: Path) -> list[str]:
    root = server.root_dir
    assert root is not None
    article = next(SHIPPED_COURSE.glob("*.md"))
    to_db = _relative(db, root)
    to_article = _relative(article, root)
    to_source = _relative(Path(__file__), root)
    return [
        # the app notebook itself and its folder
        f"/{APP_NOTEBOOK.name}",
        f"/voila/files/{APP_NOTEBOOK.name}",
        "/voila/files/",
        # the database, directly and by traversal
        f"/voila/files/{db.name}",
        f"/voila/files/{to_db}",
        f"/voila/files/{to_db.replace('../', '%2e%2e/')}",
        f"/voila/files/{to_db.replace('/', '%2f')}",
        f"/{to_db}",
        f"/voila/static/{to_db}",
        f"/voila/labextensions/{to_db}",
        f"/voila/api/themes/{to_db}",
        # article sources, python sources, configuration
        f"/voila/files/{to_article}",
        f"/voila/files/{to_source}",
        "/voila/files/voila.json",
        "/voila.json",
        "/voila/files/server.py",
        "/etc/passwd",
        "/voila/files/../../../../../../etc/passwd",
        # Jupyter server pages and APIs
        "/tree",
        "/voila/tree",
        "/voila/render/course_app.ipynb",
        "/api/contents",
        "/api/contents/course_app.ipynb",
        "/voila/api/contents",
        "/api/kernels",
        "/api/sessions",
        "/api/kernelspecs",
        "/files/course_app.ipynb",
        "/lab",
        "/edit/course_app.ipynb",
        "/notebooks/course_app.ipynb",
        "/terminals/1",
    ]


def test_every_forbidden_request_is_refused(served: tuple[VoilaServer, Path], get: Any) -> None:
    server, db = served
    leaks = []
    for path in attack_paths(server, db):
        reply = get(server.url, path)
        if reply.status not in REFUSED or b"secret-progress" in reply.body:
            leaks.append(f"{path} -> {reply.status} at {reply.url}")
    assert leaks == []


@pytest.mark.parametrize(
    "path",
    [
        "/voila/templates/mediation-lessons/conf.json",
        "/voila/templates/mediation-lessons/index.html.j2",
        "/voila/templates/mediation-lessons/static/../conf.json",
        "/voila/templates/mediation-lessons/static/../../../../../../etc/passwd",
        "/voila/templates/lab/static/../../../../../../../etc/passwd",
    ],
)
def test_template_internals_are_not_served(
    served: tuple[VoilaServer, Path], get: Any, path: str
) -> None:
    server, _ = served
    reply = get(server.url, path)
    # Voilà's asset handler fails on these paths (a bare 500 page): nothing is served.
    assert reply.status in REFUSED | {500}
    assert b"base_template" not in reply.body
    assert b"extends" not in reply.body
    assert b"root:" not in reply.body
    assert b"Traceback" not in reply.body


def test_public_assets_are_served(served: tuple[VoilaServer, Path], get: Any) -> None:
    server, _ = served
    script = get(server.url, "/voila/templates/mediation-lessons/static/learner-cookie.js")
    assert script.status == 200
    assert b"mediation_learner" in script.body


def test_root_folder_holds_only_the_notebook(served: tuple[VoilaServer, Path]) -> None:
    server, db = served
    root = server.root_dir
    assert root is not None
    assert sorted(p.name for p in root.iterdir()) == [APP_NOTEBOOK.name]
    assert root.resolve() not in db.resolve().parents
    assert root.resolve() not in SHIPPED_COURSE.resolve().parents

