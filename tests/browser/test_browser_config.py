"""Each setting of the shipped ``voila.json`` takes effect on a real server.

A small probe notebook (written here) stands in for the app so that these
tests do not depend on the course: it shows the learner widgets the cookie
script looks for, echoes the environment the kernel received, and fails in
its last cell with a marker that must not reach the browser.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from mediation_lessons.server import CONFIG_DIR, TEMPLATE_ROOT, VoilaServer

pytestmark = pytest.mark.browser

SOURCE_MARKER = "probe_source_marker_7f3a"
ERROR_MARKER = "probe_error_marker_91c2"

PROBE_CELLS = [
    f"""\
import html
import json
import os
import ipywidgets as widgets

{SOURCE_MARKER} = 1
name = widgets.Text(description="Name")
name.add_class("ml-learner-input")
save = widgets.Button(description="Save")
save.add_class("ml-learner-save")
seen = widgets.HTML()
seen.add_class("probe-env")
seen.value = html.escape(json.dumps([
    os.environ.get(key, "")
    for key in ("HTTP_COOKIE", "MEDIATION_LESSONS_COURSE", "MEDIATION_LESSONS_DB")
]))
widgets.VBox([name, save, seen])""",
    f'raise RuntimeError("{ERROR_MARKER}")',
]


@pytest.fixture(scope="module")
def probe(
    session_servers: Any, tmp_path_factory: pytest.TempPathFactory
) -> tuple[VoilaServer, Path, Path]:
    """A server on the probe notebook, with a course folder and database path."""
    folder = tmp_path_factory.mktemp("probe")
    notebook = folder / "probe.ipynb"
    nbformat.write(
        new_notebook(
            cells=[new_code_cell(cell) for cell in PROBE_CELLS],
            metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}},
        ),
        notebook,
    )
    course = folder / "course"
    course.mkdir()
    (course / "a.md").write_text("---\ntitle: A\n---\n\n## One\n\nText.\n", encoding="utf-8")
    db = folder / "db" / "progress.sqlite3"
    db.parent.mkdir()
    db.write_bytes(b"SQLite format 3\x00 not really a database")
    server = session_servers(notebook=notebook, course=course, db=db)
    return server, course, db


def shipped_config() -> dict[str, Any]:
    return json.loads((CONFIG_DIR / "voila.json").read_text(encoding="utf-8"))


def test_shipped_config_declares_the_required_settings() -> None:
    settings = shipped_config()["VoilaConfiguration"]
    assert settings["strip_sources"] is True
    assert settings["show_tracebacks"] is False
    assert settings["template"] == "mediation-lessons"
    assert settings["file_allowlist"] == []
    assert settings["http_header_envs"] == ["Cookie"]
    template = TEMPLATE_ROOT / "nbconvert" / "templates" / settings["template"]
    assert (template / "index.html.j2").is_file()


def test_websocket_class_is_the_no_delay_connection() -> None:
    """The class Voilà loads by name exists; its effect (about 40 ms less per click) is
    measured by ``benchmarks/bench_app.py``, and every app test runs through it."""
    from jupyter_server.services.kernels.connection.channels import (
        ZMQChannelsWebsocketConnection,
    )
    from traitlets.utils.importstring import import_item

    from mediation_lessons.serving.websocket import NoDelayWebsocketConnection

    name = shipped_config()["Voila"]["kernel_websocket_connection_class"]
    connection = import_item(name)
    assert connection is NoDelayWebsocketConnection
    assert issubclass(connection, ZMQChannelsWebsocketConnection)
    assert "connect" in vars(connection)


def test_page_has_no_sources_no_traceback_and_the_clean_template(
    probe: tuple[VoilaServer, Path, Path], get: Any
) -> None:
    server, _, _ = probe
    reply = get(server.url, "/")
    page = reply.body.decode("utf-8")
    assert reply.status == 200
    # strip_sources: the notebook's code is not in the page.
    assert SOURCE_MARKER not in page
    # show_tracebacks false: the failing cell's message and traceback stay in the kernel.
    assert ERROR_MARKER not in page
    assert "Traceback" not in page
    assert "RuntimeError" not in page
    # The template: our cookie script, no third-party stylesheet.
    assert "/voila/templates/mediation-lessons/static/learner-cookie.js" in page
    assert "cdn.jsdelivr.net" not in page
    # tornado_settings: the extra security headers.
    assert reply.headers["x-content-type-options"] == "nosniff"
    assert reply.headers["referrer-policy"] == "same-origin"


def test_template_cannot_be_overridden_by_the_url(
    probe: tuple[VoilaServer, Path, Path], get: Any
) -> None:
    server, _, _ = probe
    page = get(server.url, "/?template=lab&theme=dark").body.decode("utf-8")
    assert "learner-cookie.js" in page
    assert "theme-dark" not in page


def test_kernel_gets_course_and_database_by_environment(
    probe: tuple[VoilaServer, Path, Path], new_page: Any
) -> None:
    server, course, db = probe
    page, watch = new_page()
    page.goto(server.url)
    echo = page.locator(".probe-env").first
    echo.wait_for(state="visible", timeout=60_000)
    cookie, seen_course, seen_db = json.loads(echo.inner_text())
    assert seen_course == str(course.resolve())
    assert seen_db == str(db.resolve())
    assert "mediation_learner" not in cookie
    assert watch.dialogs == []


def test_saved_name_reaches_the_kernel_on_the_next_visit(
    probe: tuple[VoilaServer, Path, Path], new_page: Any
) -> None:
    server, _, _ = probe
    page, _ = new_page()
    page.goto(server.url)
    name = "Zoë O'Brien; path=/x"
    page.locator(".ml-learner-input input").first.fill(f"  {name} ")
    page.locator(".ml-learner-save").first.click()
    cookies = {c["name"]: c for c in page.context.cookies(server.url)}
    stored = cookies["mediation_learner"]
    assert unquote(stored["value"]) == name
    assert stored["path"] == "/"
    assert stored["sameSite"] == "Lax"
    page.reload()
    echo = page.locator(".probe-env").first
    echo.wait_for(state="visible", timeout=60_000)
    header = json.loads(echo.inner_text())[0]
    assert f"mediation_learner={stored['value']}" in header


def test_a_second_visit_without_a_name_sends_no_learner_cookie(
    probe: tuple[VoilaServer, Path, Path], new_page: Any
) -> None:
    server, _, _ = probe
    page, _ = new_page()
    page.goto(server.url)
    page.locator(".ml-learner-save").first.click()
    assert "mediation_learner" not in {c["name"] for c in page.context.cookies(server.url)}


def test_idle_kernels_of_departed_learners_are_culled(
    probe: tuple[VoilaServer, Path, Path], new_page: Any
) -> None:
    server, _, _ = probe
    page, _ = new_page()
    page.goto(server.url)
    page.locator(".probe-env").first.wait_for(state="visible", timeout=60_000)
    settings = shipped_config()["MappingKernelManager"]
    assert settings["cull_connected"] is False  # an open page keeps its kernel
    assert server.log_path is not None
    log = server.log_path.read_text(encoding="utf-8", errors="replace")
    expected = (f"Culling kernels with idle durations > {settings['cull_idle_timeout']} "
                f"seconds at {settings['cull_interval']} second intervals")
    assert expected in log
    assert "even with connected clients" not in log
