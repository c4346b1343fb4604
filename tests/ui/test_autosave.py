"""Nothing lost: autosave after typing, saving on switch and close, outside changes detected and
resolved by the author. The real window, offscreen, on a real library in tmp_path."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt

from blogdesk.ui.editor.disk_conflict_dialog import ConflictDialog


def _type_at_end(qtbot, desk, text: str) -> None:
    editor = desk.window.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, text)


def test_typing_is_saved_within_two_seconds(qtbot, make_desk, sample_library: Path) -> None:
    post = sample_library / "second-post.md"
    desk = make_desk(sample_library, [post])
    assert desk.window.documents.path == post.resolve()
    _type_at_end(qtbot, desk, "Typed words.")
    assert desk.window.save_label.text() == "Unsaved"
    typed_at = time.monotonic()
    qtbot.waitUntil(lambda: "Typed words." in post.read_text(encoding="utf-8"), timeout=3000)
    assert time.monotonic() - typed_at < 2.5
    qtbot.waitUntil(lambda: desk.window.save_label.text() == "Saved")
    text = post.read_text(encoding="utf-8")
    # The front matter is untouched and the body ends with the typed text.
    assert text.startswith("---\ntitle: Second post\nstatus: draft\ndate: 2026-02-10\n")
    assert text.rstrip().endswith("Notes about zebras and trains.\nTyped words.")


def test_switching_posts_saves_at_once(qtbot, make_desk, wait_listed, sample_library) -> None:
    first, second = sample_library / "first-post.md", sample_library / "second-post.md"
    desk = make_desk(sample_library, [first], autosave_delay_ms=60_000)
    _type_at_end(qtbot, desk, "Before switching.")
    assert "Before switching." not in first.read_text()  # autosave is far away
    wait_listed(desk, 3)
    panel = desk.window.library_panel
    row = panel.model.row_of("second-post.md")
    panel.view.clicked.emit(panel.model.index(row, 0))
    assert desk.window.documents.path == second.resolve()
    assert "Before switching." in first.read_text()
    assert desk.window.editor.toPlainText() == "Notes about zebras and trains.\n"
    assert desk.window.windowTitle() == "Second post — BlogDesk"


def test_closing_the_window_saves(qtbot, make_desk, sample_library: Path) -> None:
    post = sample_library / "third-post.md"
    desk = make_desk(sample_library, [post], autosave_delay_ms=60_000)
    _type_at_end(qtbot, desk, "Last words.")
    desk.window.close()
    assert "Last words." in post.read_text()
    # The unknown key and the comment survive the save.
    assert "# a comment the author wrote\n" in post.read_text()
    assert "mood: sunny   # unknown key, kept\n" in post.read_text()


def _outside_edit(post: Path, body: str) -> None:
    text = post.read_text(encoding="utf-8")
    head, _, _ = text.partition("---\n\n")
    post.write_text(head + "---\n\n" + body, encoding="utf-8")


def _conflict(qtbot, desk) -> ConflictDialog:
    dialogs: list[ConflictDialog] = []
    desk.window.documents.conflictShown.connect(dialogs.append)
    desk.window.documents.check_disk()  # what the file watcher triggers; don't wait for inotify
    qtbot.waitUntil(lambda: bool(dialogs), timeout=3000)
    dialog = dialogs[0]
    assert dialog.isVisible()
    return dialog


def test_outside_change_with_unsaved_edits_keep_mine(qtbot, make_desk, sample_library) -> None:
    post = sample_library / "first-post.md"
    desk = make_desk(sample_library, [post], autosave_delay_ms=60_000)
    _type_at_end(qtbot, desk, "Mine.")
    _outside_edit(post, "Theirs.\n")
    dialog = _conflict(qtbot, desk)
    # While the author decides, nothing is written.
    assert desk.window.documents.save_now() is False
    assert post.read_text().endswith("Theirs.\n")
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    assert dialog.diff.isVisible()
    assert "-Theirs." in dialog.diff_text() and "+Mine." in dialog.diff_text()
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Mine." in post.read_text())
    assert "Theirs." not in post.read_text()
    assert desk.window.save_label.text() == "Saved"


def test_outside_change_with_unsaved_edits_reload(qtbot, make_desk, sample_library) -> None:
    post = sample_library / "first-post.md"
    desk = make_desk(sample_library, [post], autosave_delay_ms=60_000)
    _type_at_end(qtbot, desk, "Mine.")
    _outside_edit(post, "Theirs.\n")
    dialog = _conflict(qtbot, desk)
    qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.window.editor.toPlainText() == "Theirs.\n")
    assert post.read_text().endswith("Theirs.\n")
    # Reloading is one undo step: the author's text is still reachable.
    desk.window.editor.undo()
    assert "Mine." in desk.window.editor.toPlainText()


def test_outside_change_found_by_the_save(qtbot, make_desk, sample_library) -> None:
    """The watcher may not have fired yet: the save itself must notice and ask."""
    post = sample_library / "second-post.md"
    desk = make_desk(sample_library, [post], autosave_delay_ms=60_000)
    _type_at_end(qtbot, desk, "Mine.")
    _outside_edit(post, "Theirs.\n")
    dialogs: list[ConflictDialog] = []
    desk.window.documents.conflictShown.connect(dialogs.append)
    assert desk.window.documents.save_now() is False
    assert dialogs and post.read_text().endswith("Theirs.\n")
    dialogs[0].reject()  # decide later: nothing written, the editor keeps the text
    assert "Mine." in desk.window.editor.toPlainText()
    assert post.read_text().endswith("Theirs.\n")


def test_outside_change_without_edits_reloads_quietly(qtbot, make_desk, sample_library) -> None:
    post = sample_library / "second-post.md"
    desk = make_desk(sample_library, [post])
    _outside_edit(post, "Rewritten elsewhere.\n")
    # The file watcher notices by itself.
    qtbot.waitUntil(
        lambda: desk.window.editor.toPlainText() == "Rewritten elsewhere.\n", timeout=5000
    )
    assert desk.window.documents.dirty is False


def test_a_failed_save_is_shown_kept_in_the_journal_and_retried(qtbot, make_desk, sample_library):
    post = sample_library / "second-post.md"
    desk = make_desk(sample_library, [post])
    post.unlink()
    post.mkdir()  # something in the way: the save cannot write the file
    _type_at_end(qtbot, desk, "Precious.")
    qtbot.waitUntil(lambda: desk.window.save_label.text().startswith("Save failed"), timeout=3000)
    entry = desk.window.documents.journal.entry_for(post.resolve())
    assert entry is not None and "Precious." in entry.text
    post.rmdir()  # the obstacle goes away: the next attempt writes the post again
    qtbot.waitUntil(lambda: post.is_file() and "Precious." in post.read_text(), timeout=5000)
    qtbot.waitUntil(lambda: desk.window.save_label.text() == "Saved")
    assert desk.window.documents.journal.entry_for(post.resolve()) is None


def test_switching_away_is_refused_while_a_conflict_is_open(qtbot, make_desk, sample_library):
    first = sample_library / "first-post.md"
    desk = make_desk(sample_library, [first], autosave_delay_ms=60_000)
    _type_at_end(qtbot, desk, "Mine.")
    _outside_edit(first, "Theirs.\n")
    dialog = _conflict(qtbot, desk)
    assert desk.window.open_path(sample_library / "second-post.md") is False
    assert desk.window.documents.path == first.resolve()
    assert "Mine." in desk.window.editor.toPlainText()
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert desk.window.open_path(sample_library / "second-post.md") is True
    assert first.read_text().endswith("Mine.")


def _record_publish(desk, post: Path, account: str = "wp-1") -> None:
    """What SyncService.store_state does after a publish: load, record the state, Library.save."""
    library = desk.library
    fresh = library.load(post)
    fresh.status = "published"
    fresh.set_sync_state(account, {"remote_id": "42", "link": "https://blog.example/p/42"})
    library.save(fresh)


def test_blogdesks_own_write_is_not_an_outside_change(qtbot, make_desk, sample_library) -> None:
    post = sample_library / "second-post.md"
    desk = make_desk(sample_library, [post])
    docs = desk.window.documents
    messages: list[str] = []
    docs.message.connect(messages.append)
    desk.window.editor.moveCursor(desk.window.editor.textCursor().MoveOperation.End)
    cursor = desk.window.editor.textCursor().position()
    _record_publish(desk, post)
    qtbot.wait(600)  # the file watcher's turn
    docs.check_disk()  # and what the publishing feedback calls when the worker is done
    # The editor shows the new front matter, silently, with the text and cursor as they were.
    assert docs.doc is not None and docs.doc.post.sync_state("wp-1")["remote_id"] == "42"
    assert desk.window.metadata.status.currentText() == "published"
    assert not [m for m in messages if "outside" in m]
    assert "outside" not in desk.window.statusBar().currentMessage()
    assert desk.window.editor.textCursor().position() == cursor
    assert not docs.dirty
    # Typing after it saves on top of the recorded state (no conflict question).
    _type_at_end(qtbot, desk, "More.")
    assert docs.save_now()
    assert "remote_id: '42'" in post.read_text() and post.read_text().endswith("More.")
    # A real outside edit is still one.
    _outside_edit(post, "Rewritten elsewhere.\n")
    qtbot.waitUntil(lambda: any("changed outside BlogDesk" in m for m in messages), timeout=5000)
    assert desk.window.editor.toPlainText() == "Rewritten elsewhere.\n"


def test_own_write_while_typing_keeps_the_typing(qtbot, make_desk, sample_library) -> None:
    post = sample_library / "first-post.md"
    desk = make_desk(sample_library, [post], autosave_delay_ms=60_000)
    docs = desk.window.documents
    dialogs: list[ConflictDialog] = []
    docs.conflictShown.connect(dialogs.append)
    _type_at_end(qtbot, desk, "Typed during the publish.")
    _record_publish(desk, post)
    docs.check_disk()
    assert not dialogs and docs.dirty
    assert docs.save_now()
    text = post.read_text()
    assert "remote_id: '42'" in text and text.rstrip().endswith("Typed during the publish.")
