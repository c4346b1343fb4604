"""A new post's file name follows its title until it is published or the author names the file.
The real window offscreen, Ctrl+N, the title typed into the metadata panel, autosave."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def _new_post(qtbot, desk) -> Path:
    window = desk.window
    window.activateWindow()
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.documents.path is not None, timeout=3000)
    path = window.documents.path
    assert path is not None and path.name.startswith("untitled-post")
    return path


def _type_title(qtbot, desk, title: str) -> None:
    field = desk.window.metadata.title
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, title)
    qtbot.keyClick(field, Qt.Key.Key_Return)  # editingFinished


def _wait_saved(qtbot, desk) -> None:
    qtbot.waitUntil(lambda: desk.window.save_label.text() == "Saved", timeout=5000)


def test_a_new_posts_file_follows_its_title(qtbot, make_desk, wait_listed, sample_library):
    desk = make_desk(sample_library)
    wait_listed(desk, 3)
    window, docs = desk.window, desk.window.documents
    first = _new_post(qtbot, desk)
    editor = window.editor
    editor.setFocus()
    qtbot.keyClicks(editor, "Words typed before the title.")
    cursor = editor.textCursor().position()
    _type_title(qtbot, desk, "Three days in Lisbon")
    lisbon = sample_library.resolve() / "three-days-in-lisbon.md"
    qtbot.waitUntil(lambda: docs.path == lisbon, timeout=5000)  # at the autosave, ~1.5 s
    _wait_saved(qtbot, desk)
    assert not first.exists() and lisbon.is_file()
    assert "title: Three days in Lisbon" in lisbon.read_text()
    assert lisbon.read_text().rstrip().endswith("Words typed before the title.")
    # The editor kept its text, cursor and undo history; the index and the journal followed.
    assert editor.toPlainText() == "Words typed before the title."
    assert editor.textCursor().position() == cursor
    assert editor.document().isUndoAvailable()
    assert desk.library.summary(lisbon) is not None
    assert desk.library.summary(first) is None
    assert desk.journal.entry_for(first) is None
    qtbot.waitUntil(lambda: window.library_panel.model.row_of("three-days-in-lisbon.md") >= 0)
    assert window.library_panel.acting_path() == lisbon
    # Saving again with the same title leaves the name; a new title moves it again.
    _type_title(qtbot, desk, "Four days in Lisbon")
    four = sample_library.resolve() / "four-days-in-lisbon.md"
    qtbot.waitUntil(lambda: docs.path == four, timeout=5000)
    # A second post with the same title gets the library's numbered name.
    _new_post(qtbot, desk)
    _type_title(qtbot, desk, "Four days in Lisbon")
    qtbot.waitUntil(
        lambda: docs.path == sample_library.resolve() / "four-days-in-lisbon-2.md", timeout=5000
    )
    assert four.is_file()


def _record_publish(desk, path: Path) -> None:
    """As SyncService.store_state records a publish (or the start of one)."""
    post = desk.library.load(path)
    post.set_sync_state("wp-1", {"remote_id": "42", "slug": "summer"})
    desk.library.save(post)


def test_a_published_post_keeps_its_name(qtbot, make_desk, wait_listed, sample_library):
    desk = make_desk(sample_library)
    wait_listed(desk, 3)
    docs = desk.window.documents
    _new_post(qtbot, desk)
    _type_title(qtbot, desk, "Summer")
    summer = sample_library.resolve() / "summer.md"
    qtbot.waitUntil(lambda: docs.path == summer, timeout=5000)
    _wait_saved(qtbot, desk)
    _record_publish(desk, summer)
    docs.check_disk()
    assert docs.doc is not None and docs.doc.post.sync_accounts() == ["wp-1"]
    _type_title(qtbot, desk, "Summer in the hills")
    qtbot.waitUntil(lambda: "title: Summer in the hills" in summer.read_text(), timeout=5000)
    _wait_saved(qtbot, desk)
    assert docs.path == summer and not (sample_library / "summer-in-the-hills.md").exists()


def test_a_file_the_author_named_keeps_its_name(qtbot, make_desk, wait_listed, sample_library):
    desk = make_desk(sample_library)
    wait_listed(desk, 3)
    docs, panel = desk.window.documents, desk.window.library_panel
    _new_post(qtbot, desk)
    _type_title(qtbot, desk, "Winter")
    winter = sample_library.resolve() / "winter.md"
    qtbot.waitUntil(lambda: docs.path == winter, timeout=5000)
    _wait_saved(qtbot, desk)
    mine = panel.post_actions.rename_selected(
        "snow.md", path=panel.acting_path()
    )  # File → Rename File…
    assert mine == sample_library.resolve() / "snow.md" and docs.path == mine
    _type_title(qtbot, desk, "Winter in the city")
    qtbot.waitUntil(lambda: "title: Winter in the city" in mine.read_text(), timeout=5000)
    _wait_saved(qtbot, desk)
    QApplication.processEvents()
    assert docs.path == mine and not (sample_library / "winter-in-the-city.md").exists()


def test_other_posts_never_follow_their_title(qtbot, make_desk, sample_library):
    """A post New Post did not make (imported, written by hand) keeps the name its site uses."""
    post = sample_library / "second-post.md"
    desk = make_desk(sample_library, [post])
    _type_title(qtbot, desk, "Something else entirely")
    qtbot.waitUntil(lambda: "Something else entirely" in post.read_text(), timeout=5000)
    assert desk.window.documents.path == post.resolve()
