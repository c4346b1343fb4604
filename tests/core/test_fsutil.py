"""atomic_write: new files get the usual umask-derived mode, existing files keep theirs."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from blogdesk.core import fsutil
from blogdesk.core.fsutil import atomic_write


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _reference_mode(folder: Path) -> int:
    """The mode a plain open() gives a new file in this process."""
    probe = folder / "probe"
    probe.write_bytes(b"")
    try:
        return _mode(probe)
    finally:
        probe.unlink()


def test_new_file_gets_the_mode_open_would_give(tmp_path: Path) -> None:
    target = tmp_path / "post.md"
    atomic_write(target, b"hello")
    assert target.read_bytes() == b"hello"
    assert _mode(target) == _reference_mode(tmp_path)
    assert _mode(target) == fsutil.NEW_FILE_MODE


def test_new_file_is_readable_by_others_under_umask_022(tmp_path: Path) -> None:
    # Run in a child with a known umask so the check does not depend on the test machine's.
    code = (
        "import stat, sys; from pathlib import Path;"
        "from blogdesk.core.fsutil import atomic_write;"
        "p = Path(sys.argv[1]); atomic_write(p, b'x');"
        "print(oct(stat.S_IMODE(p.stat().st_mode)))"
    )
    target = tmp_path / "index.html"
    out = subprocess.run(
        [sys.executable, "-c", f"import os; os.umask(0o022); exec({code!r})", str(target)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert out == "0o644"


def test_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "secret.md"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert _mode(target) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
