"""What the test-server fixtures share: the CI rule for a missing server, sessions sharing one
server, and a plain loopback web server for a folder."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import pytest


def unavailable(server: str, reason: str) -> NoReturn:
    """A server that cannot start fails the run in CI (CI=true) and skips elsewhere."""
    message = f"the {server} test server is not available: {reason}"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


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
