"""Crash recovery: the journal itself, and a real crash (kill -9 of `python -m blogdesk`)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from blogdesk.core import paths
from blogdesk.ui.window.recovery import RecoveryJournal, Session

# -- the journal ----------------------------------------------------------------------------------


def test_marker_tells_a_crash_from_a_clean_exit(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path / "recovery")
    assert journal.begin() is False  # first run ever
    journal.end()
    assert journal.begin() is False  # the last run ended cleanly
    # no end(): the process died
    assert RecoveryJournal(tmp_path / "recovery").begin() is True


def test_entries_round_trip_and_forget(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path / "recovery")
    post = tmp_path / "lib" / "a.md"
    journal.record(post, "unsaved ✓ text", 7)
    entry = journal.entry_for(post)
    assert entry is not None and entry.text == "unsaved ✓ text" and entry.cursor == 7
    assert [e.path for e in journal.entries()] == [str(post)]
    journal.forget(post)
    assert journal.entries() == []
    journal.forget(post)  # twice is fine


def test_damaged_entries_are_skipped(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path / "recovery")
    journal.record(tmp_path / "good.md", "good", 0)
    (tmp_path / "recovery" / "entry-broken.json").write_text("{not json")
    (tmp_path / "recovery" / "entry-wrong.json").write_text(json.dumps({"text": 1}))
    assert [e.text for e in journal.entries()] == ["good"]


def test_session_round_trip(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path / "recovery")
    assert journal.load_session() is None
    journal.save_session(Session("/lib", "/lib/a.md", 12))
    assert journal.load_session() == Session("/lib", "/lib/a.md", 12)


def test_the_session_on_disk_is_not_written_again(tmp_path: Path) -> None:
    """Reopening the post the last session had open must not write (and fsync) the same session
    again before the first frame; a changed session is written."""
    session_file = tmp_path / "recovery" / "session.json"
    journal = RecoveryJournal(tmp_path / "recovery")
    journal.save_session(Session("/lib", "/lib/a.md", 12))
    written = session_file.stat().st_ino  # every write is a new file renamed into place
    journal.save_session(Session("/lib", "/lib/a.md", 12))
    assert session_file.stat().st_ino == written
    next_run = RecoveryJournal(tmp_path / "recovery")
    assert next_run.load_session() == Session("/lib", "/lib/a.md", 12)
    next_run.save_session(Session("/lib", "/lib/a.md", 12))
    assert session_file.stat().st_ino == written
    next_run.save_session(Session("/lib", "/lib/a.md", 13))
    assert session_file.stat().st_ino != written
    assert RecoveryJournal(tmp_path / "recovery").load_session() == Session("/lib", "/lib/a.md", 13)


def test_restart_restores_journal_text_in_process(qtbot, make_desk, close_desk, sample_library):
    """The journal as a crash leaves it (marker present, entry newer than the file) is put back
    into the editor, marked unsaved, and then saved."""
    post = sample_library / "second-post.md"
    journal = RecoveryJournal(paths.state_dir() / "recovery")
    journal.begin()  # a run that never ended
    journal.save_session(Session(str(sample_library.resolve()), str(post.resolve()), 5))
    journal.record(post.resolve(), "Recovered words.\n", 3)
    desk = make_desk(sample_library)
    assert desk.crashed
    assert desk.window.documents.path == post.resolve()
    assert desk.window.editor.toPlainText() == "Recovered words.\n"
    assert desk.window.editor.textCursor().position() == 3
    assert desk.restored == [str(post.resolve())]
    qtbot.waitUntil(lambda: post.read_text().endswith("Recovered words.\n"), timeout=3000)
    qtbot.waitUntil(lambda: journal.entries() == [])
    close_desk(desk)
    assert journal.begin() is False  # the clean exit removed the marker


# -- a real crash ---------------------------------------------------------------------------------

DRIVER = r'''
"""Test-only driver: runs the real `blogdesk` CLI, and once the window is up either types into
the editor (mode "type") or prints what the editor holds and quits (mode "report")."""
import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from blogdesk.app import create_application
from blogdesk.cli import main

mode, text, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
app = create_application()


def window():
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "mainWindow" and widget.isVisible():
            return widget
    return None


def act():
    w = window()
    if w is None or w.documents.doc is None:
        QTimer.singleShot(50, act)
        return
    if mode == "type":
        w.editor.moveCursor(QTextCursor.MoveOperation.End)
        w.editor.setFocus()
        QTest.keyClicks(w.editor, text)
        print("TYPED", flush=True)
    else:
        print("REPORT " + json.dumps({
            "text": w.editor.toPlainText(),
            "path": str(w.documents.path),
            "save_state": w.save_label.text(),
        }), flush=True)
        w.close()


QTimer.singleShot(0, act)
sys.exit(main(argv))
'''


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    return env


def _wait_for_line(proc: subprocess.Popen[str], prefix: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.startswith(prefix):
            return line
        if not line and proc.poll() is not None:
            break
    raise AssertionError(f"no {prefix!r} line from the window (exit {proc.poll()})")


@pytest.mark.slow
def test_kill_9_then_restart_brings_the_text_back(tmp_path: Path, sample_library: Path) -> None:
    post = sample_library / "first-post.md"
    original = post.read_text()
    # Autosave far away: the typed words can only come back through the journal.
    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.json").write_text(json.dumps({"autosave_delay_ms": 600_000}))
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    typed = "Words typed just before the crash."
    argv = ["--library", str(sample_library)]
    first = subprocess.Popen(
        [sys.executable, str(driver), "type", typed, *argv, str(post)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=_env(),
    )
    try:
        _wait_for_line(first, "TYPED", timeout=60)
        recovery = paths.state_dir() / "recovery"

        def journaled() -> bool:
            return any(typed in f.read_text() for f in recovery.glob("entry-*.json"))

        deadline = time.monotonic() + 10
        while not journaled() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert journaled(), "the journal never received the typed text"
    finally:
        os.kill(first.pid, signal.SIGKILL)
        first.wait(10)
        first.stdout.close()  # type: ignore[union-attr]
    assert first.returncode == -signal.SIGKILL
    assert post.read_text() == original  # never saved, never corrupted
    assert (paths.state_dir() / "recovery" / "running").exists()  # the crash marker

    second = subprocess.Popen(
        [sys.executable, str(driver), "report", "", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=_env(),
    )
    try:
        report = json.loads(_wait_for_line(second, "REPORT ", timeout=60)[len("REPORT ") :])
        assert second.wait(30) == 0
    finally:
        if second.poll() is None:
            second.kill()
            second.wait(10)
        second.stdout.close()  # type: ignore[union-attr]
    # The window reopened the post it had open, with the text typed before the crash.
    assert report["path"] == str(post.resolve())
    assert report["text"].endswith("More words here.\n" + typed)
    assert report["save_state"] == "Unsaved"
    # Closing saved it, and the clean exit cleared the marker and the journal.
    assert post.read_text().endswith(typed)
    assert not (paths.state_dir() / "recovery" / "running").exists()
    assert list((paths.state_dir() / "recovery").glob("entry-*.json")) == []
