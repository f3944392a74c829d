"""Fixtures for the launch tests: headless Chromium and a fresh page per test.

Chromium is Debian's ``/usr/bin/chromium`` driven by Playwright; ``playwright
install`` is never needed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
REPO = HERE.parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def launch_browser() -> Iterator[Any]:
    """A headless Debian Chromium shared by the launch tests."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is not installed; scripts/test installs Debian's chromium")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def launch_page(launch_browser: Any) -> Iterator[Any]:
    """A fresh browser page (own context: no cookies shared between tests)."""
    context = launch_browser.new_context()
    try:
        yield context.new_page()
    finally:
        context.close()
