"""Fixtures for the browser tests: real Voilà servers and headless Chromium.

Servers are started with the package's own :class:`VoilaServer` (the same code
and shipped configuration ``mediation-lessons serve`` uses) on a free port,
and stopped at the end. Browser pages come from Debian's Chromium driven by
Playwright; ``playwright install`` is never needed.
"""

from __future__ import annotations

import http.client
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import pytest

from mediation_lessons import SHIPPED_COURSE
from mediation_lessons.server import APP_NOTEBOOK, ServeOptions, VoilaServer, free_port

HERE = Path(__file__).parent
REPO = HERE.parent.parent
BARE_NOTEBOOK = REPO / "benchmarks" / "baseline" / "bare.ipynb"
SCREENSHOTS = REPO / "docs" / "screenshots"
TIMEOUT_MS = 60_000
"""Longest wait for anything in the page (the first kernel start is slow on 2 cores)."""


@dataclass
class Response:
    """Status, final location and body of an HTTP GET after following redirects."""

    status: int
    url: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def http_get(base: str, path: str, redirects: int = 5) -> Response:
    """GET ``path`` exactly as written (no client-side ``..`` folding), following redirects."""
    parts = urlsplit(base)
    url = path
    for _ in range(redirects + 1):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        try:
            connection.request("GET", url)
            reply = connection.getresponse()
            body = reply.read()
        finally:
            connection.close()
        headers = {key.lower(): value for key, value in reply.getheaders()}
        location = headers.get("location")
        if reply.status in (301, 302, 303, 307, 308) and location:
            url = urlsplit(urljoin(base.rstrip("/") + url, location)).path
            continue
        return Response(reply.status, url, body, headers)
    raise AssertionError(f"too many redirects for {path}")


@pytest.fixture(scope="session")
def get() -> Callable[[str, str], Response]:
    """:func:`http_get` as a fixture: ``get(base_url, raw_path) -> Response``."""
    return http_get


@pytest.fixture(scope="session")
def browser(chromium: Any) -> Any:
    """The session's headless Chromium (see ``tests/conftest.py``)."""
    return chromium


ServerFactory = Callable[..., VoilaServer]


def _factory(stack: list[VoilaServer]) -> ServerFactory:
    def start(**options: Any) -> VoilaServer:
        options.setdefault("port", free_port())
        server = VoilaServer(ServeOptions(**options))
        stack.append(server)
        server.start(timeout=120)
        return server

    return start


@pytest.fixture(scope="session")
def session_servers() -> Iterator[ServerFactory]:
    """Start Voilà servers that live until the end of the session."""
    stack: list[VoilaServer] = []
    yield _factory(stack)
    for server in reversed(stack):
        server.stop()


@pytest.fixture
def start_server() -> Iterator[ServerFactory]:
    """Start Voilà servers that are stopped at the end of the test."""
    stack: list[VoilaServer] = []
    yield _factory(stack)
    for server in reversed(stack):
        server.stop()


def require_app() -> None:
    """Fail unless the app notebook ships in the package."""
    if not APP_NOTEBOOK.is_file():
        pytest.fail(f"the app notebook {APP_NOTEBOOK} is missing from the package")


@pytest.fixture(scope="session")
def app_server(
    session_servers: ServerFactory, tmp_path_factory: pytest.TempPathFactory
) -> VoilaServer:
    """The course app on the shipped course, with a database of its own."""
    require_app()
    db = tmp_path_factory.mktemp("app-db") / "progress.sqlite3"
    return session_servers(course=SHIPPED_COURSE, db=db)


@pytest.fixture
def learner() -> str:
    """A learner name no other test uses, so progress never mixes between tests."""
    return f"Learner {uuid.uuid4().hex[:8]}"


@dataclass
class PageWatch:
    """What a page did besides rendering: dialogs, page errors, websocket frames."""

    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)
    received: list[str] = field(default_factory=list)


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[..., tuple[Any, PageWatch]]]:
    """Open pages in fresh browser contexts; optionally remember a learner name in a cookie."""
    contexts: list[Any] = []

    def open_page(url: str | None = None, learner: str | None = None) -> tuple[Any, PageWatch]:
        context = browser.new_context(viewport={"width": 1100, "height": 900})
        contexts.append(context)
        if learner is not None and url is not None:
            context.add_cookies(
                [{"name": "mediation_learner", "value": quote(learner, safe=""), "url": url}]
            )
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        watch = PageWatch()

        def on_dialog(dialog: Any) -> None:
            watch.dialogs.append(dialog.message)
            dialog.dismiss()

        def on_websocket(socket: Any) -> None:
            socket.on("framesent", lambda payload: watch.sent.append(_text(payload)))
            socket.on("framereceived", lambda payload: watch.received.append(_text(payload)))

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda error: watch.errors.append(str(error)))
        page.on("websocket", on_websocket)
        return page, watch

    yield open_page
    for context in contexts:
        context.close()


def _text(payload: Any) -> str:
    """A websocket frame as text (binary frames decoded leniently)."""
    if isinstance(payload, bytes):
        return payload.decode("utf-8", errors="replace")
    return str(payload)


@pytest.fixture(scope="session")
def screenshot() -> Callable[..., Path]:
    """:func:`save_screenshot` as a fixture."""
    return save_screenshot


def save_screenshot(page: Any, name: str, selector: str = ".ml-app") -> Path:
    """Save a picture of ``selector`` (default: the whole app) to ``docs/screenshots``.

    Voilà scrolls inside the page, so the viewport is first made as tall as
    the app, then restored.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    size = page.viewport_size
    element = page.locator(selector).first
    height = int(element.evaluate("el => el.scrollHeight")) + 80
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
    try:
        element.screenshot(path=str(path))
    finally:
        page.set_viewport_size(size)
    return path


def wait_for_widgets(page: Any, selector: str) -> Any:
    """Wait until Voilà has rendered and ``selector`` is visible; return the locator."""
    locator = page.locator(selector).first
    locator.wait_for(state="visible", timeout=TIMEOUT_MS)
    return locator

