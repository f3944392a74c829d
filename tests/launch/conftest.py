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


@pytest.fixture(scope="session")
def launch_browser(chromium: Any) -> Any:
    """The session's headless Chromium (see ``tests/conftest.py``)."""
    return chromium


@pytest.fixture
def launch_page(launch_browser: Any) -> Iterator[Any]:
    """A fresh browser page (own context: no cookies shared between tests)."""
    context = launch_browser.new_context()
    try:
        yield context.new_page()
    finally:
        context.close()
