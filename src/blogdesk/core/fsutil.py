"""File-system helpers that keep the author's words safe."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
import unicodedata
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


# A temp file's name: "." + the target's name cut to this many UTF-8 bytes + "." + 8 random
# characters + ".tmp". A post named with the full 255 bytes Linux allows must still be savable.
_TEMP_NAME_BYTES = 200


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old file or the new one.

    Write a temporary file in the same folder, fsync it, rename it over the target, then fsync the
    folder so the rename itself survives a power loss. The original file's permissions are kept;
    a new file gets the mode ``open()`` would have given it (``0o666 & ~umask``), not the 0600
    of the temporary file, so a web server or other users can read published files.

    When the disk is full or read-only, the OSError propagates with the target untouched and no
    temporary file left behind (`write_failure` puts it into words).
    """
    path = Path(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    short = os.fsencode(path.name)[:_TEMP_NAME_BYTES].decode("utf-8", "ignore") or "file"
    fd, tmp_name = tempfile.mkstemp(prefix=f".{short}.", suffix=".tmp", dir=folder)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)  # a full disk may show only here (delayed allocation)
        finally:
            os.close(fd)
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    fsync_dir(folder)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "there is no permission to write there",
    errno.EPERM: "there is no permission to write there",
}


def write_failure(exc: OSError) -> str:
    """Why a write failed, in words an author can act on ("the disk is full")."""
    return _REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


def is_read_only_error(exc: OSError) -> bool:
    """A read-only disk or a folder without write permission (not a full disk)."""
    return exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM)


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


def same_name_on_disk(path: Path) -> Path:
    """`path`, or the file beside it whose name is the same text in another Unicode form.

    macOS (and files a Mac wrote to a shared disk, a zip or a git repository) spell `café` with a
    combining accent (NFD) where Linux and Windows keyboards type one character (NFC); the two
    look identical but are different names to Linux. A path typed or stored in one form then
    finds the file written in the other; with no such file, `path` is returned unchanged.
    """
    if path.exists():
        return path
    wanted = unicodedata.normalize("NFC", path.name)
    if wanted == path.name and unicodedata.is_normalized("NFD", path.name):
        return path  # pure ASCII (the common case): no other form exists
    try:
        names = os.listdir(path.parent)
    except OSError:
        return path
    for name in names:
        if unicodedata.normalize("NFC", name) == wanted:
            return path.with_name(name)
    return path


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
