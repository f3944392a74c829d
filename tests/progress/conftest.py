"""Fixtures for the progress tests: running code as a user who cannot write."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

import pytest

NOBODY = 65534
"""The uid and gid of ``nobody`` on Debian."""

AsNobody = Callable[[Callable[[], Any]], Any]


def run_as_nobody(job: Callable[[], Any]) -> Any:
    """``job()`` run by a user who cannot write (as root: a child dropping to nobody).

    The result travels back as JSON (``default=str``); an exception in the
    child fails the calling test with its ``repr``.
    """
    if os.geteuid() != 0:
        return job()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child process
        try:
            os.close(read)
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            payload = json.dumps(["ok", job()], default=str)
        except BaseException as error:
            payload = json.dumps(["raised", repr(error)])
        os.write(write, payload.encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    status, value = json.loads(data)
    assert status == "ok", value
    return value


@pytest.fixture
def as_nobody() -> AsNobody:
    """:func:`run_as_nobody`, for tests of read-only files and folders."""
    return run_as_nobody
