"""What the test-server fixtures share: the rule for a missing server, sessions sharing one
server, and a plain loopback web server for a folder."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import pytest


def unavailable(server: str, reason: str) -> NoReturn:
    """A server (or tool) that cannot start fails the test, on CI and on a person's machine alike.

    A skip would let `make test` go green without ever talking to a real blog: the run must say
    what is missing instead (scripts/system-deps.sh installs it)."""
    pytest.fail(f"the {server} test server is not available: {reason}", pytrace=False)


def require_tool(name: str) -> str:
    """The path of a command-line tool the tests drive for real (hugo, git); fails when absent."""
    path = shutil.which(name)
    if path is None:
        unavailable(name, f"{name} is not installed (run: sudo bash scripts/system-deps.sh)")
    return path


def live_users(users: Path) -> list[int]:
    """Test sessions (pids, one file each in `users`) using a server now; forgets dead ones."""
    alive = []
    for entry in users.glob("*"):
        try:
            os.kill(int(entry.name), 0)
            alive.append(int(entry.name))
        except (ValueError, ProcessLookupError):
            entry.unlink(missing_ok=True)
        except PermissionError:
            alive.append(int(entry.name))
    return alive


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve `folder` over HTTP on 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
