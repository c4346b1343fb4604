"""File-system helpers that keep the author's words safe."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from pathlib import Path


def _read_umask() -> int:
    """The process umask, read once when this module is imported.

    ``os.umask`` can only be read by setting it, which is process-global and races with any
    other thread creating files at that moment. So Linux's ``/proc/self/status`` (a plain read)
    is used where it exists; elsewhere the set-and-restore happens once, at import, before
    BlogDesk starts its worker threads. A umask changed later while running is not seen.
    """
    with (
        contextlib.suppress(OSError, ValueError, IndexError),
        open("/proc/self/status", encoding="ascii", errors="replace") as status,
    ):
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()
# What open() would give a new file: rw for everyone the umask allows (usually 0644).
NEW_FILE_MODE = 0o666 & ~_UMASK


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old file or the new one.

    Write a temporary file in the same folder, fsync it, rename it over the target, then fsync the
    folder so the rename itself survives a power loss. The original file's permissions are kept;
    a new file gets the mode ``open()`` would have given it (``0o666 & ~umask``), not the 0600
    of the temporary file, so a web server or other users can read published files.
    """
    path = Path(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    """Make a rename or unlink in `folder` durable (a no-op where folders cannot be opened)."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def move_file(source: Path, target: Path) -> None:
    """Rename `source` to `target`; across drives (a library folder linked to another disk),
    copy it and remove the original. Either the file ends up at `target` alone, or it stays at
    `source` alone and OSError says why."""
    try:
        os.rename(source, target)
        return
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
    try:
        shutil.copy2(source, target)
        os.unlink(source)
    except OSError:
        with contextlib.suppress(OSError):
            if source.exists():
                target.unlink()
        raise
