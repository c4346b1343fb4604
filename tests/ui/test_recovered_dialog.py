"""After a crash, the window says what it put back (the post, when its file was saved, when the
recovered text was written) and lets the author compare and choose. The real app (make_desk),
with a journal written beforehand as a crash leaves it."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from blogdesk.core import paths
from blogdesk.ui.window.recovered_dialog import RecoveredDialog, when
from blogdesk.ui.window.recovery import RecoveryJournal, Session

SAVED_BODY = "Notes about zebras and trains.\n"  # the body, as the editor shows it
RECOVERED = "Notes about zebras and trains.\nAnd the words typed before the crash.\n"


def _crash_with_unsaved_text(library: Path) -> tuple[Path, RecoveryJournal]:
    post = library / "second-post.md"
    saved_at = datetime(2026, 2, 10, 9, 30).timestamp()
    os.utime(post, (saved_at, saved_at))
    journal = RecoveryJournal(paths.state_dir() / "recovery")
    journal.begin()  # a run that never ended
    journal.save_session(Session(str(library.resolve()), str(post.resolve()), 0))
    journal.record(post.resolve(), RECOVERED, len(RECOVERED))
    return post, journal


def _dialog(desk) -> RecoveredDialog:
    dialog = desk.recovered_dialog
    assert isinstance(dialog, RecoveredDialog)
    return dialog


def test_the_recovered_post_is_named_with_both_times(qtbot, make_desk, sample_library):
    post, _ = _crash_with_unsaved_text(sample_library)
    desk = make_desk(sample_library)
    dialog = _dialog(desk)
    assert dialog.isVisible() and not dialog.isModal()
    text = dialog.message.text()
    assert "Second post" in text and "second-post.md" in text
    assert "last saved on 2/10/2026 at 09:30" in text
    assert "written today at" in text
    assert desk.window.editor.toPlainText() == RECOVERED  # already back, as before

    dialog.compare_button.click()
    diff = dialog.diff.toPlainText()
    assert dialog.diff.isVisible()
    assert "+And the words typed before the crash." in diff
    assert "second-post.md (saved file)" in diff and "second-post.md (recovered)" in diff

    dialog.keep_button.click()
    assert dialog.choice == "recovered" and not dialog.isVisible()
    qtbot.waitUntil(lambda: post.read_text().endswith(RECOVERED), timeout=3000)


def test_use_saved_file_puts_the_files_text_back(qtbot, make_desk, sample_library):
    post, journal = _crash_with_unsaved_text(sample_library)
    before = post.read_text()
    desk = make_desk(sample_library)
    _dialog(desk).saved_button.click()
    assert desk.window.editor.toPlainText() == SAVED_BODY
    qtbot.waitUntil(lambda: journal.entries() == [], timeout=3000)
    assert post.read_text() == before
    desk.window.editor.undo()  # the recovered text is one Undo away
    assert desk.window.editor.toPlainText() == RECOVERED


def test_use_saved_file_after_moving_to_another_post(qtbot, make_desk, sample_library):
    post, _ = _crash_with_unsaved_text(sample_library)
    before = post.read_text()
    desk = make_desk(sample_library)
    desk.window.open_path(sample_library / "third-post.md")  # saves the recovered text
    assert post.read_text().endswith(RECOVERED)
    _dialog(desk).saved_button.click()
    assert desk.window.documents.path == post.resolve()
    assert desk.window.editor.toPlainText() == SAVED_BODY
    qtbot.waitUntil(lambda: post.read_text() == before, timeout=3000)


def test_nothing_is_said_without_a_crash(make_desk, sample_library):
    desk = make_desk(sample_library)
    assert desk.recovered_dialog is None


def test_when_reads_like_a_person_says_it() -> None:
    now = datetime(2026, 2, 10, 12, 0).timestamp()
    assert when(datetime(2026, 2, 10, 9, 5).timestamp(), now) == "today at 09:05"
    assert when(datetime(2026, 2, 9, 18, 30).timestamp(), now) == "yesterday at 18:30"
    assert (
        when(datetime(2025, 12, 24, 7, 0).timestamp(), now) == "on 12/24/2025 at 07:00"
    )  # en_US (tests/ui/conftest.py)
