"""A second `blogdesk FILE…` hands its files to the window already running, without Qt.

The running window listens on a QLocalServer (`single_instance.InstanceServer`); on Linux that is
a Unix socket file named `server_name(state_dir)` in Qt's temporary folder ($TMPDIR, else /tmp),
readable by this user only. A launch tries this plain-socket client first, before importing Qt
and the window (`quick_launch.hand_over`, called by the `blogdesk` command before anything else):
a hand-over then costs the interpreter and these two modules instead of PySide6, the window's
modules and a QApplication (0.4-1 s), so the file shows in the open window at once. When it cannot
tell (another platform, an odd error), `send_files` returns None and the caller goes the Qt way
(`single_instance.send_to_running`), which speaks the same protocol.

A launch pays for every module it imports before the file shows, so this module imports no more
than `os`, `sys` and `json`: paths are plain strings here (pathlib with `re` costs ~20 ms), the
socket is `_socket` (the `socket` module adds ~7 ms of enum set-up) and the hash is CPython's own
SHA-256 (hashlib loads OpenSSL, ~5 ms). `library_for` and `wanted_library` keep their Path API for
the window. Nothing here imports Qt; `single_instance` and `app` import the shared parts from here.
"""

from __future__ import annotations

import os
import sys

from blogdesk.core.errors import BlogDeskError

TYPE_CHECKING = False  # typing costs a launch 5 ms
if TYPE_CHECKING:
    import _socket
    from collections.abc import Iterable, Mapping
    from pathlib import Path

__all__ = [
    "OtherLibraryOpen",
    "has_display",
    "library_for",
    "send_files",
    "server_name",
    "socket_path",
    "wanted_library",
]

MAX_ANSWER = 1 << 16


def _sha256_hex(data: bytes) -> str:
    try:  # CPython's own SHA-256 (3.11: _sha256, 3.12 on: _sha2), without OpenSSL
        from _sha256 import sha256  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        try:
            from _sha2 import sha256  # type: ignore[import-not-found,no-redef,unused-ignore]
        except ImportError:
            from hashlib import sha256  # type: ignore[no-redef,assignment,unused-ignore]
    return str(sha256(data).hexdigest())


def _real(path: str | os.PathLike[str]) -> str:
    """`Path(path).expanduser().resolve()` as a string, without pathlib."""
    return os.path.realpath(os.path.expanduser(os.fspath(path)))


def server_name(state_dir: str | os.PathLike[str]) -> str:
    where = _real(state_dir)
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    digest = _sha256_hex(f"{user}\0{where}".encode("utf-8", "surrogateescape"))
    return f"blogdesk-{digest[:16]}"


def other_library_message(running: str, wanted: str | os.PathLike[str]) -> str:
    return f"BlogDesk is already open on {running}; close it first to open {os.fspath(wanted)}"


class OtherLibraryOpen(BlogDeskError):
    """The running window shows another library than the one this launch asked for."""

    def __init__(self, running: str, wanted: str | os.PathLike[str]) -> None:
        super().__init__(other_library_message(running, wanted))
        self.running = running


def has_display(environ: Mapping[str, str] = os.environ) -> bool:
    """False on Linux without X11, Wayland or a chosen Qt platform: there Qt aborts the process
    ("Reinstalling the application may fix this problem") instead of saying what is wrong."""
    if not sys.platform.startswith("linux"):
        return True
    return any(environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def library_folder_for(default: str, files: Iterable[str]) -> str:
    """`library_for` on resolved path strings."""
    first = next(iter(files), None)
    if first is None:
        return default
    first = os.path.realpath(first)
    root = os.path.normcase(_real(default))
    try:
        inside = os.path.commonpath([os.path.normcase(first), root]) == root
    except ValueError:  # on another drive (Windows)
        inside = False
    if inside:
        return default
    folder = os.path.dirname(first)
    while True:
        if os.path.isdir(os.path.join(folder, ".blogdesk")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return default
        folder = parent


def library_for(default: Path, files: list[Path]) -> Path:
    """The library to open: `default`, unless the first file given lies in another library (a
    folder with a `.blogdesk/` inside), which is then opened instead."""
    from pathlib import Path

    chosen = library_folder_for(os.fspath(default), [os.fspath(f) for f in files])
    return default if chosen == os.fspath(default) else Path(chosen)


def _same_folder(a: str, b: str) -> bool:
    try:  # normcase: Windows compares folders regardless of case, as pathlib does there
        return os.path.normcase(_real(a)) == os.path.normcase(_real(b))
    except OSError:
        return a == b


def wanted_library_folder(library: str, files: list[str], default_library: str) -> str | None:
    """`wanted_library` on path strings."""
    if not files and _same_folder(library, default_library):
        return None
    return library_folder_for(library, files)


def wanted_library(library: Path, files: list[Path], default_library: Path) -> Path | None:
    """The library a launch asks the running window for; None for plain `blogdesk` (a desktop
    launcher: the default library, no files), which brings the open window forward whatever
    library it shows."""
    from pathlib import Path

    chosen = wanted_library_folder(
        os.fspath(library), [os.fspath(f) for f in files], os.fspath(default_library)
    )
    if chosen is None:
        return None
    return library if chosen == os.fspath(library) else Path(chosen)


def socket_path(state_dir: str | os.PathLike[str]) -> str:
    """Where Qt's QLocalServer puts the window's socket on Unix: QDir::tempPath() (TMPDIR, else
    /tmp) joined with the server name."""
    temp = os.environ.get("TMPDIR") or "/tmp"
    return os.path.join(temp.rstrip("/") or "/", server_name(state_dir))


def _open_socket() -> _socket.socket:
    try:
        import _socket as sockets  # the C module: `socket` sets up enums a launch never uses
    except ImportError:
        import socket as sockets  # type: ignore[no-redef,unused-ignore]
    return sockets.socket(sockets.AF_UNIX, sockets.SOCK_STREAM)


def _exchange(path: str, request: bytes, timeout_s: float) -> bytes | bool | None:
    """The window's first answer line; False when nobody listens at `path`; None on an error."""
    try:
        client = _open_socket()
    except (OSError, AttributeError):
        return None  # no Unix sockets here
    try:
        client.settimeout(timeout_s)
        try:
            client.connect(path)
        except (FileNotFoundError, ConnectionRefusedError):
            return False  # no window (or a socket file left by one that crashed)
        client.sendall(request)
        answer = b""
        while b"\n" not in answer and len(answer) < MAX_ANSWER:
            chunk = client.recv(4096)
            if not chunk:
                break
            answer += chunk
    except OSError:
        return None
    finally:
        client.close()
    return bytes(answer.split(b"\n", 1)[0].strip())


def send_files(
    files: Iterable[str | os.PathLike[str]],
    state_dir: str | os.PathLike[str],
    *,
    library: str | os.PathLike[str] | None,
    timeout_s: float = 2.0,
) -> bool | None:
    """Hand `files` to the running window: True when it took them, False when no window is
    listening, None when this cannot tell (not Linux, an unexpected error or answer): then ask
    with Qt. OtherLibraryOpen when the window shows another library than `library`."""
    if not sys.platform.startswith("linux"):
        return None
    path = socket_path(state_dir)
    if not os.path.exists(path):
        return False  # no window: a first launch need not import json for nothing
    import json

    request: dict[str, object] = {"files": [os.fspath(f) for f in files]}
    if library is not None:
        request["library"] = os.fspath(library)
    reply = _exchange(path, (json.dumps(request) + "\n").encode("utf-8"), timeout_s)
    if reply is None or reply is False:
        return reply
    assert isinstance(reply, bytes)
    if reply == b"ok":
        return True
    if reply.startswith(b"library ") and library is not None:
        raise OtherLibraryOpen(reply[len(b"library ") :].decode("utf-8", "replace"), library)
    return None
