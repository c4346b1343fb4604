"""Real disk faults for tests: a folder that cannot be written, a disk that is full.

`read_only(folder)`: as a normal user, the folder (and the folders in it) lose their write
permission; as root, which ignores permissions, the folder is bind-mounted read-only over itself
(EROFS, as on a mounted backup or a DVD). Either way every write really fails in the kernel.

`small_disk(folder)`: as root, a tmpfs of a few MB mounted on the folder; `disk.full()` then fills
it up with a filler file until the kernel answers ENOSPC, and frees it again afterwards. Without
root (no mount), `disk.full()` makes `os.write` — the lowest call BlogDesk's atomic writes go
through — fail with ENOSPC instead, which is the documented simulation (SQLite's own writes are
then not affected).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest

__all__ = ["Disk", "read_only", "small_disk"]

FILLER = ".filler"


def _can_mount() -> bool:
    return os.geteuid() == 0 and shutil.which("mount") is not None


def _run(*args: str) -> bool:
    return subprocess.run(args, capture_output=True, check=False).returncode == 0


def _unmount(folder: Path) -> None:
    if not _run("umount", str(folder)):
        _run("umount", "-l", str(folder))  # busy (an open index): detach it now, free it later


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[str]:
    """Make `folder` read-only for this process; yields how ("permissions" or "mount")."""
    if os.geteuid() != 0:
        folders = [folder, *(p for p in folder.rglob("*") if p.is_dir())]
        modes = {p: stat.S_IMODE(p.stat().st_mode) for p in folders}
        for p in folders:
            p.chmod(modes[p] & ~0o222)
        try:
            yield "permissions"
        finally:
            for p in folders:
                p.chmod(modes[p])
        return
    if not _can_mount():
        pytest.skip("running as root without `mount`: cannot make a folder read-only")
    if not _run("mount", "--bind", str(folder), str(folder)):
        pytest.skip("cannot bind-mount here (no CAP_SYS_ADMIN)")
    if not _run("mount", "-o", "remount,bind,ro", str(folder)):
        _unmount(folder)
        pytest.skip("cannot remount read-only here")
    try:
        yield "mount"
    finally:
        _unmount(folder)


class Disk:
    """A small disk at `root` (see the module's docstring)."""

    def __init__(self, root: Path, *, real: bool) -> None:
        self.root = root
        self.real = real  # a real tmpfs that really fills up

    @contextlib.contextmanager
    def full(self) -> Iterator[None]:
        if not self.real:
            real_write = os.write

            def no_space(fd: int, data: bytes | memoryview) -> int:
                if len(data):
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                return real_write(fd, data)

            with mock.patch("os.write", no_space):
                yield
            return
        filler = self.root / FILLER
        chunk = b"\0" * 65536
        try:
            with open(filler, "wb", buffering=0) as handle:
                while True:
                    handle.write(chunk)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC, exc
        try:
            # Partial pages too: write byte runs until not even one more byte fits.
            with open(filler, "ab", buffering=0) as handle:
                for size in (4096, 512, 1):
                    with contextlib.suppress(OSError):
                        while True:
                            handle.write(b"\0" * size)
            yield
        finally:
            filler.unlink()


@contextlib.contextmanager
def small_disk(folder: Path, size_mb: int = 8, *, mount: bool = True) -> Iterator[Disk]:
    """A folder on a disk of `size_mb` that `Disk.full()` can fill (see the module's docstring);
    `mount=False` asks for the os.write simulation even where a tmpfs could be mounted."""
    folder.mkdir(parents=True, exist_ok=True)
    if (
        not mount
        or not _can_mount()
        or not _run(
            "mount", "-t", "tmpfs", "-o", f"size={size_mb}m,mode=0755", "tmpfs", str(folder)
        )
    ):
        yield Disk(folder, real=False)
        return
    try:
        yield Disk(folder, real=True)
    finally:
        _unmount(folder)
