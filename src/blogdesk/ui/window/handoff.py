"""A second `blogdesk FILE…` hands its files to the window already running, without Qt.

The running window listens on a QLocalServer (`single_instance.InstanceServer`); on Linux that is
a Unix socket file named `server_name(state_dir)` in Qt's temporary folder ($TMPDIR, else /tmp),
readable by this user only. The CLI tries this plain-socket client first, before importing Qt and
the window: a hand-over then costs the interpreter and this module (~50 ms) instead of PySide6,
the window's modules and a QApplication (0.4-1 s), so the file shows in the open window at once.
When it cannot tell (another platform, an odd error), `send_files` returns None and the caller
goes the Qt way (`single_instance.send_to_running`), which speaks the same protocol.

Nothing here imports Qt; `single_instance` and `app` import the shared parts from here.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import sys
from pathlib import Path

from blogdesk.core.errors import BlogDeskError

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


def server_name(state_dir: Path) -> str:
    where = str(Path(state_dir).expanduser().resolve())
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    digest = hashlib.sha256(f"{user}\0{where}".encode("utf-8", "surrogateescape")).hexdigest()
    return f"blogdesk-{digest[:16]}"


class OtherLibraryOpen(BlogDeskError):
    """The running window shows another library than the one this launch asked for."""

    def __init__(self, running: str, wanted: Path) -> None:
        super().__init__(f"BlogDesk is already open on {running}; close it first to open {wanted}")
        self.running = running


def has_display(environ: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """False on Linux without X11, Wayland or a chosen Qt platform: there Qt aborts the process
    ("Reinstalling the application may fix this problem") instead of saying what is wrong."""
    if not sys.platform.startswith("linux"):
        return True
    return any(environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def library_for(default: Path, files: list[Path]) -> Path:
    """The library to open: `default`, unless the first file given lies in another library (a
    folder with a `.blogdesk/` inside), which is then opened instead."""
    if not files:
        return default
    first = Path(files[0]).resolve()
    try:
        first.relative_to(default.resolve())
        return default
    except ValueError:
        pass
    for folder in first.parents:
        if (folder / ".blogdesk").is_dir():
            return folder
    return default


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.expanduser().resolve() == b.expanduser().resolve()
    except OSError:
        return a == b


def wanted_library(library: Path, files: list[Path], default_library: Path) -> Path | None:
    """The library a launch asks the running window for; None for plain `blogdesk` (a desktop
    launcher: the default library, no files), which brings the open window forward whatever
    library it shows."""
    if not files and _same_folder(Path(library), default_library):
        return None
    return library_for(Path(library), files)


def socket_path(state_dir: Path) -> Path:
    """Where Qt's QLocalServer puts the window's socket on Unix: QDir::tempPath() (TMPDIR, else
    /tmp) joined with the server name."""
    temp = os.environ.get("TMPDIR") or "/tmp"
    return Path(temp.rstrip("/") or "/") / server_name(state_dir)


def send_files(
    files: list[Path], state_dir: Path, *, library: Path | None, timeout_s: float = 2.0
) -> bool | None:
    """Hand `files` to the running window: True when it took them, False when no window is
    listening, None when this cannot tell (not Linux, an unexpected error or answer): then ask
    with Qt. OtherLibraryOpen when the window shows another library than `library`."""
    if not sys.platform.startswith("linux"):
        return None
    path = socket_path(state_dir)
    request: dict[str, object] = {"files": [str(f) for f in files]}
    if library is not None:
        request["library"] = str(library)
    try:
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    except OSError:
        return None
    with client:
        client.settimeout(timeout_s)
        try:
            client.connect(str(path))
        except (FileNotFoundError, ConnectionRefusedError):
            return False  # no window (or a socket file left by one that crashed)
        except OSError:
            return None
        try:
            client.sendall((json.dumps(request) + "\n").encode("utf-8"))
            answer = b""
            while b"\n" not in answer and len(answer) < MAX_ANSWER:
                chunk = client.recv(4096)
                if not chunk:
                    break
                answer += chunk
        except OSError:
            return None
    reply = answer.split(b"\n", 1)[0].strip()
    if reply == b"ok":
        return True
    if reply.startswith(b"library ") and library is not None:
        raise OtherLibraryOpen(reply[len(b"library ") :].decode("utf-8", "replace"), library)
    return None
