"""A small loopback TCP/HTTP proxy in a thread, for fault tests against the real WordPress.

    with FaultProxy("127.0.0.1", wp_port) as proxy:
        proxy.url                 # http://127.0.0.1:<port>, talk to it instead of the server
        proxy.pass_through()      # forward bytes both ways (the default)
        proxy.refuse()            # stop listening: connections are refused
        proxy.respond(500)        # answer every request itself (500 HTML page, 429, ...)
        proxy.drop_response()     # forward the request, let the server commit, then close the
                                  # client's connection without a byte of the answer
        proxy.stall()             # read the request head, then stop reading: the upload stalls
                                  # and the client times out
        proxy.delay(2.0)          # pass through, but wait before forwarding each connection

The mode is read when a connection is accepted (or, for `respond`/`drop_response`, when its request
arrives). Every mode keeps the same port, so a client configured with `proxy.url` sees the fault.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from dataclasses import dataclass, field
from http.client import responses
from types import TracebackType

_CHUNK = 65536


@dataclass
class _Mode:
    name: str = "pass"
    status: int = 500
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    stall_after: int = 0


def _read_head(conn: socket.socket) -> tuple[bytes, bytes] | None:
    """Read up to the blank line ending the request head; returns (head, what came after it)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(_CHUNK)
        if not chunk:
            return None
        data += chunk
        if len(data) > 1 << 20:
            return None
    head, _, rest = data.partition(b"\r\n\r\n")
    return head + b"\r\n\r\n", rest


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip() or 0)
    return 0


def _read_request(conn: socket.socket) -> bytes | None:
    """One whole request (head and Content-Length body), or None if the client went away."""
    got = _read_head(conn)
    if got is None:
        return None
    head, body = got
    want = _content_length(head)
    while len(body) < want:
        chunk = conn.recv(_CHUNK)
        if not chunk:
            return None
        body += chunk
    return head + body


class FaultProxy:
    def __init__(self, target_host: str, target_port: int, *, port: int = 0) -> None:
        self.target = (target_host, target_port)
        self._mode = _Mode()
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self._port = port
        self._conns: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._closed = threading.Event()
        self.requests_seen = 0  # connections accepted (each carries one or more requests)

    # ------------------------------------------------------------------------------ lifecycle
    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    def start(self) -> FaultProxy:
        self._listen()
        return self

    def stop(self) -> None:
        self._closed.set()
        self._unlisten()
        with self._lock:
            conns = list(self._conns)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()
        for thread in self._threads:
            thread.join(timeout=5)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # ---------------------------------------------------------------------------------- modes
    def pass_through(self) -> None:
        self._set(_Mode("pass"))
        self._listen()

    def refuse(self) -> None:
        """Stop listening: new connections get ECONNREFUSED, as from a host with nothing there."""
        self._set(_Mode("refuse"))
        self._unlisten()

    def respond(
        self,
        status: int = 500,
        body: bytes | str = b"<html><body><h1>Internal Server Error</h1></body></html>",
        headers: dict[str, str] | None = None,
    ) -> None:
        """Answer every request with this status and body; the server never sees it."""
        raw = body.encode() if isinstance(body, str) else body
        all_headers = {"Content-Type": "text/html; charset=UTF-8"}
        all_headers.update(headers or {})
        self._set(_Mode("respond", status=status, body=raw, headers=all_headers))
        self._listen()

    def drop_response(self) -> None:
        """Forward each request, wait for the server's answer, then close without sending it."""
        self._set(_Mode("drop"))
        self._listen()

    def stall(self, after_bytes: int = 0) -> None:
        """Accept, read the head and `after_bytes` of body, then read nothing more, send nothing."""
        self._set(_Mode("stall", stall_after=after_bytes))
        self._listen()

    def delay(self, seconds: float) -> None:
        self._set(_Mode("pass", seconds=seconds))
        self._listen()

    # ------------------------------------------------------------------------------- internals
    def _set(self, mode: _Mode) -> None:
        with self._lock:
            self._mode = mode

    def _listen(self) -> None:
        with self._lock:
            if self._listener is not None:
                return
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(("127.0.0.1", self._port))
            sock.listen(16)
            self._port = sock.getsockname()[1]
            self._listener = sock
        thread = threading.Thread(target=self._accept_loop, args=(sock,), daemon=True)
        thread.start()
        self._threads.append(thread)

    def _unlisten(self) -> None:
        with self._lock:
            sock, self._listener = self._listener, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept_loop(self, listener: socket.socket) -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return  # closed by _unlisten/stop
            with self._lock:
                mode = self._mode
                self._conns.add(conn)
                self.requests_seen += 1
            thread = threading.Thread(target=self._serve, args=(conn, mode), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve(self, conn: socket.socket, mode: _Mode) -> None:
        try:
            if mode.name == "pass":
                self._pipe(conn, mode.seconds)
            elif mode.name == "respond":
                self._respond(conn, mode)
            elif mode.name == "drop":
                self._drop(conn)
            elif mode.name == "stall":
                self._stall(conn, mode.stall_after)
        except OSError:
            pass
        finally:
            with self._lock:
                self._conns.discard(conn)
            conn.close()

    def _upstream(self) -> socket.socket:
        up = socket.create_connection(self.target, timeout=30)
        up.settimeout(None)
        with self._lock:
            self._conns.add(up)
        return up

    def _pipe(self, conn: socket.socket, delay: float) -> None:
        if delay and self._closed.wait(delay):
            return
        up = self._upstream()

        def copy(src: socket.socket, dst: socket.socket) -> None:
            try:
                while chunk := src.recv(_CHUNK):
                    dst.sendall(chunk)
            except OSError:
                pass
            with contextlib.suppress(OSError):
                dst.shutdown(socket.SHUT_WR)

        back = threading.Thread(target=copy, args=(up, conn), daemon=True)
        back.start()
        copy(conn, up)
        back.join()
        with self._lock:
            self._conns.discard(up)
        up.close()

    def _respond(self, conn: socket.socket, mode: _Mode) -> None:
        # Read the whole request first: closing with unread data would reset the connection
        # and the client would see a network error instead of the answer.
        if _read_request(conn) is None:
            return
        lines = [f"HTTP/1.1 {mode.status} {responses.get(mode.status, 'Error')}"]
        lines += [f"{k}: {v}" for k, v in mode.headers.items()]
        lines += [f"Content-Length: {len(mode.body)}", "Connection: close", "", ""]
        conn.sendall("\r\n".join(lines).encode("latin-1") + mode.body)

    def _drop(self, conn: socket.socket) -> None:
        request = _read_request(conn)
        if request is None:
            return
        up = self._upstream()
        try:
            up.sendall(request)
            # php -S answers with "Connection: close": the whole answer is there at EOF.
            while up.recv(_CHUNK):
                pass
        finally:
            with self._lock:
                self._conns.discard(up)
            up.close()
        # Close without a byte of the answer: the client sees the connection end.
        with contextlib.suppress(OSError):
            conn.shutdown(socket.SHUT_RDWR)

    def _stall(self, conn: socket.socket, after_bytes: int) -> None:
        got = _read_head(conn)
        if got is None:
            return
        have = len(got[1])
        while have < after_bytes and (chunk := conn.recv(_CHUNK)):
            have += len(chunk)
        # Shrink the receive window so a large upload blocks on the client side.
        with contextlib.suppress(OSError):
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        while not self._closed.wait(0.1):
            with self._lock:
                if self._mode.name != "stall":
                    return

    def wait_idle(self, timeout: float = 5.0) -> None:
        """Wait until no connection is open (the client gave up and the server answered)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self._lock:
                if not self._conns:
                    return
            time.sleep(0.02)
