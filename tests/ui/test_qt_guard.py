"""Guard against the PySide6 6.12.0 + CPython 3.11 refcount bug: every void Qt call dropped a
reference to None, and the process aborted ("none_dealloc") after ~5,000 calls. The calls run in a
subprocess so that a crash fails this test instead of killing the whole pytest run."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

CALLS = 10_000

SCRIPT = textwrap.dedent(f"""
    import sys
    from PySide6.QtGui import QColor, QGuiApplication, QTextCharFormat
    app = QGuiApplication(sys.argv)
    c = QColor("red")
    before = sys.getrefcount(None)
    for _ in range({CALLS}):
        QTextCharFormat().setForeground(c)
    after = sys.getrefcount(None)
    print("survived", before, after)
""")


def test_ten_thousand_void_qt_calls_do_not_crash() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, env=env
    )
    assert proc.returncode == 0, (
        f"Qt process died (exit {proc.returncode}): this PySide6 build loses references on void "
        f"calls; use PySide6 6.11.x on Python 3.11.\n{proc.stderr[-2000:]}"
    )
    word, before, after = proc.stdout.split()
    assert word == "survived"
    # A leak of one reference per call would show as a drop of ~10,000 (or a crash above).
    assert int(before) - int(after) < CALLS // 2
