"""One window per user: a second `blogdesk FILE…` hands its files to the running window and exits.

The running window listens on a QLocalServer (a Unix socket readable by this user only). The name
is derived from the state folder the caller passes (`blogdesk.services.Folders.state`), so each
user — and each test with its own BLOGDESK_STATE_DIR — gets its own. The message is one JSON
line, `{"files": [...], "library": "..."}`, answered with `ok`, or with `library <path>` when the
window shows another library than the one asked for (the window cannot switch libraries, so the
second launch says so and exits 1).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

# The name, the error and a Qt-free client live in handoff (the CLI uses it before Qt is loaded).
from blogdesk.ui.window.instance.handoff import OtherLibraryOpen, server_name

__all__ = ["InstanceServer", "OtherLibraryOpen", "send_to_running", "server_name"]

log = logging.getLogger(__name__)

MAX_MESSAGE = 1 << 20


def _same_folder(a: str | Path, b: str | Path) -> bool:
    try:
        return Path(a).expanduser().resolve() == Path(b).expanduser().resolve()
    except OSError:
        return str(a) == str(b)


def send_to_running(
    files: list[Path], state_dir: Path, timeout_ms: int = 2000, *, library: Path | None = None
) -> bool:
    """Give `files` to the window already running; False when there is none (or it hung).
    OtherLibraryOpen when that window shows another library than `library`."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(state_dir))
    if not socket.waitForConnected(timeout_ms):
        return False
    request: dict[str, object] = {"files": [str(f) for f in files]}
    if library is not None:
        request["library"] = str(library)
    message = json.dumps(request) + "\n"
    socket.write(message.encode("utf-8"))
    if not socket.waitForBytesWritten(timeout_ms):
        socket.abort()
        return False
    answer = b""
    while b"\n" not in answer and socket.waitForReadyRead(timeout_ms):
        answer += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    reply = answer.strip()
    if reply.startswith(b"library ") and library is not None:
        raise OtherLibraryOpen(reply[len(b"library ") :].decode("utf-8", "replace"), library)
    return reply == b"ok"


class InstanceServer(QObject):
    filesReceived = Signal(list)  # list[Path] another launch asked to open (may be empty: "raise")

    def __init__(
        self, parent: QObject | None = None, *, state_dir: Path, library: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.state_dir = state_dir  # names the socket: one window per user (and state folder)
        self.library = library  # the window's library: launches for another one are refused
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening. Call only after send_to_running() found nobody: a socket file left
        by a crashed window is removed first."""
        name = server_name(self.state_dir)
        if self._server.listen(name):
            return True
        QLocalServer.removeServer(name)
        if self._server.listen(name):
            return True
        log.warning("single-instance server could not listen: %s", self._server.errorString())
        return False

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if len(data) > MAX_MESSAGE:
            socket.abort()
            return
        self._buffers[socket] = data
        if b"\n" not in data:
            return
        line = data.split(b"\n", 1)[0]
        try:
            message = json.loads(line.decode("utf-8"))
            files = [Path(f) for f in message.get("files", []) if isinstance(f, str)]
            wanted = message.get("library")
        except (ValueError, AttributeError):
            socket.abort()
            return
        if (
            isinstance(wanted, str)
            and self.library is not None
            and not _same_folder(wanted, self.library)
        ):
            socket.write(b"library " + str(self.library).encode("utf-8") + b"\n")
            socket.flush()
            return
        socket.write(b"ok\n")
        socket.flush()
        self.filesReceived.emit(files)

    def _drop(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()
