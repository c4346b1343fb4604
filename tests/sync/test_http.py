"""The session factory and transport-error mapping, against small loopback servers."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import requests

from blogdesk import __version__
from blogdesk.sync.http import make_session, safe_url, translate_transport_error
from blogdesk.sync.provider import (
    RequestTimeoutError,
    ResponseLostError,
    SiteUnreachableError,
)


class TinyServer:
    """Accepts connections on loopback; `behaviour` is "drop" (read the request, close without
    answering), "silent" (read, never answer) or "ok" (answer 200, echo the User-Agent)."""

    def __init__(self, behaviour: str) -> None:
        self.behaviour = behaviour
        self.requests: list[bytes] = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/x?secret=1"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                self.requests.append(data)
                if self.behaviour == "ok":
                    agent = next(
                        (
                            line.split(b":", 1)[1].strip()
                            for line in data.split(b"\r\n")
                            if line.lower().startswith(b"user-agent:")
                        ),
                        b"",
                    )
                    conn.sendall(
                        b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close"
                        b"\r\n\r\n%s" % (len(agent), agent)
                    )
                elif self.behaviour == "silent":
                    self._stop.wait(5)

    def close(self) -> None:
        self._stop.set()
        self.sock.close()


@pytest.fixture
def server(request: pytest.FixtureRequest) -> Iterator[TinyServer]:
    s = TinyServer(request.param)
    yield s
    s.close()


@pytest.mark.parametrize("server", ["ok"], indirect=True)
def test_user_agent_and_defaults(server: TinyServer) -> None:
    with make_session() as session:
        assert session.verify is True
        answer = session.get(server.url)
    assert answer.text == f"BlogDesk/{__version__}"


@pytest.mark.parametrize("server", ["drop"], indirect=True)
def test_post_is_never_resent_and_a_dropped_answer_is_response_lost(server: TinyServer) -> None:
    with make_session() as session, pytest.raises(requests.ConnectionError) as caught:
        session.post(server.url, data=b"create me")
    assert len(server.requests) == 1  # no automatic retry of a POST
    error = translate_transport_error(caught.value, server.url)
    assert isinstance(error, ResponseLostError)
    assert "secret" not in str(error)  # no query string in messages


@pytest.mark.parametrize("server", ["silent"], indirect=True)
def test_read_timeout_is_a_timeout_not_offline(server: TinyServer) -> None:
    with make_session((2.0, 0.5)) as session, pytest.raises(requests.ReadTimeout) as caught:
        session.post(server.url, data=b"x")
    error = translate_transport_error(caught.value, server.url)
    assert isinstance(error, RequestTimeoutError)
    assert not isinstance(error, SiteUnreachableError)


def test_refused_connection_is_site_unreachable() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    url = f"http://127.0.0.1:{port}/"
    with make_session() as session, pytest.raises(requests.ConnectionError) as caught:
        session.post(url, data=b"x")
    error = translate_transport_error(caught.value, url)
    assert isinstance(error, SiteUnreachableError)
    assert "127.0.0.1" in str(error)


def test_safe_url_hides_credentials_and_query() -> None:
    assert safe_url("https://bob:pw@example.com:8443/a/b?token=1#x") == (
        "https://example.com:8443/a/b"
    )


def test_retry_after_reads_seconds_and_http_dates() -> None:
    from email.utils import format_datetime

    from blogdesk.sync.http import retry_after

    def answer(value: str | None) -> requests.Response:
        response = requests.Response()
        if value is not None:
            response.headers["Retry-After"] = value
        return response

    assert retry_after(answer("120")) == 120.0
    assert retry_after(answer(None)) is None
    assert retry_after(answer("soon")) is None
    later = datetime.now(UTC) + timedelta(seconds=90)
    wait = retry_after(answer(format_datetime(later, usegmt=True)))
    assert wait is not None and 80 <= wait <= 91
    assert retry_after(answer(format_datetime(datetime(2000, 1, 1, tzinfo=UTC), usegmt=True))) == 0
