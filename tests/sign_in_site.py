"""A small sign-in site on loopback (the `site` fixture): it plays a blog with IndieAuth links,
an authorization endpoint that approves at once and a token endpoint whose answer each test
sets, in the shapes the IndieAuth spec and Google's OAuth docs give. `browser(url)` is the
author's browser: it opens the sign-in page, which sends it back to BlogDesk's own loopback
listener."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests

__all__ = ["SignInSite", "browser", "site"]


@dataclass
class SignInSite:
    """What the site answers; change it per test."""

    url: str = ""
    links: tuple[str, ...] = ("micropub", "authorization_endpoint", "token_endpoint")
    metadata: dict[str, Any] | None = None  # served at /metadata when set (and linked)
    back: dict[str, str] = field(default_factory=lambda: {"code": "the-code"})  # + state
    echo_state: bool = True
    token: tuple[int, str] = (200, "{}")  # status, body of the token endpoint
    token_type: str = "application/json"


@pytest.fixture
def site() -> Iterator[SignInSite]:
    config = SignInSite()

    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, body: str, kind: str, **headers: str) -> None:
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            if parts.path == "/":
                rels = list(config.links) + (["indieauth-metadata"] if config.metadata else [])
                targets = {
                    "micropub": "/micropub",
                    "authorization_endpoint": "/auth",
                    "token_endpoint": "/token",
                    "indieauth-metadata": "/metadata",
                }
                head = "".join(f'<link rel="{r}" href="{targets[r]}">' for r in rels)
                self._send(
                    200, f"<html><head><title>Notes</title>{head}</head></html>", "text/html"
                )
            elif parts.path == "/metadata" and config.metadata is not None:
                self._send(200, json.dumps(config.metadata), "application/json")
            elif parts.path == "/auth":  # the author approves (or not) at once
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                state = query["state"] if config.echo_state else "someone-elses-state"
                back = urlencode({**config.back, "state": state})
                self._send(302, "", "text/html", Location=f"{query['redirect_uri']}?{back}")
            else:
                self._send(404, "<h1>Not found</h1>", "text/html")

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if urlsplit(self.path).path == "/token":
                self._send(config.token[0], config.token[1], config.token_type)
            else:
                self._send(404, "<h1>Not found</h1>", "text/html")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    config.url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield config
    finally:
        server.shutdown()
        server.server_close()


def browser(url: str) -> None:
    """The author's browser: opens the sign-in page, which sends it back to BlogDesk."""
    requests.get(url, timeout=10)
