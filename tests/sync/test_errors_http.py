"""What a person is told when talking to a blog fails below HTTP: an address that is no
address, a server that redirects without end, an answer cut off mid-way, a server that takes no
new connections. `blogdesk account add` against small servers on loopback, as a person adding
their blog meets it; the connect timeout through a session as the providers use it."""

from __future__ import annotations

import contextlib
import io
import socket
import sys
import threading
from collections.abc import Iterator

import pytest
import requests

from blogdesk.cli import main
from blogdesk.sync.http import make_session, translate_transport_error
from blogdesk.sync.provider import SiteUnreachableError

REDIRECT = (
    b"HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
)
# Chunked: a chunk of 0x400 bytes is announced, a few arrive, then the connection closes.
CUT_OFF = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"400\r\n<html><head><title>My blog"
)


@contextlib.contextmanager
def answering(answer: bytes) -> Iterator[str]:
    """A loopback server giving every request `answer`, then closing; yields its address."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.1)  # look at `done` now and then
    port = server.getsockname()[1]
    done = threading.Event()

    def serve() -> None:
        while not done.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                data = b""
                while b"\r\n\r\n" not in data and (chunk := conn.recv(65536)):
                    data += chunk
                conn.sendall(answer)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        done.set()
        server.close()
        thread.join(5)


def add_fails(capsys: pytest.CaptureFixture[str], url: str, *extra: str) -> str:
    code = main(
        ["account", "add", "blog", "--url", url, "--user", "me", "--password-stdin", *extra]
    )
    out, err = capsys.readouterr()
    assert code == 1, out + err
    assert err.startswith("blogdesk: ") and "Traceback" not in err
    code = main(["account", "list", "--json"])
    assert capsys.readouterr().out.strip() == "[]"  # nothing was added
    return err


@pytest.mark.parametrize(
    "url",
    ["http://my blog.example", "http://127.0.0.1:99999", "http://127.0.0.1:80a"],
    ids=["space", "port-out-of-range", "port-not-a-number"],
)
def test_an_address_that_is_no_web_address(
    url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    err = add_fails(capsys, url + "/")
    assert f"{url} is not a valid web address." in err


def test_a_server_that_redirects_without_end(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with answering(REDIRECT) as url:
        err = add_fails(capsys, url)
    assert "Talking to 127.0.0.1 failed (TooManyRedirects). Check the blog's address" in err


@pytest.mark.parametrize("platform", ["wordpress", "micropub"])
def test_an_answer_cut_off_midway(
    platform: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with answering(CUT_OFF) as url:
        err = add_fails(capsys, url, "--type", platform)
    assert "The answer from 127.0.0.1 was cut off." in err


@pytest.mark.skipif(
    sys.platform != "linux", reason="Linux drops connections beyond a full queue; others refuse"
)
def test_a_server_that_takes_no_new_connections() -> None:
    # A server too busy to accept: its queue of connections waiting to be accepted is full, so
    # the system drops the next ones without an answer (no refusal) and the connect times out.
    server = socket.create_server(("127.0.0.1", 0), backlog=0)
    port = server.getsockname()[1]
    waiting: list[socket.socket] = []
    try:
        for _ in range(4):
            s = socket.socket()
            s.setblocking(False)
            s.connect_ex(("127.0.0.1", port))
            waiting.append(s)
        url = f"http://127.0.0.1:{port}/wp-json/"
        with make_session((0.3, 1.0)) as session, pytest.raises(requests.ConnectTimeout) as caught:
            session.get(url)
        error = translate_transport_error(caught.value, url)
    finally:
        for s in waiting:
            s.close()
        server.close()
    assert isinstance(error, SiteUnreachableError)
    assert str(error).startswith(
        "127.0.0.1 did not accept a connection in time. Check your network connection and the "
        "blog's address; "
    )
