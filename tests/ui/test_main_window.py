"""The desk window: layout, menus and shortcuts, remembered panels, focus mode, the outline, the
metadata panel and the status bar. Real window offscreen, real library in tmp_path."""

from __future__ import annotations

import difflib
from pathlib import Path

from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QSplitter

from blogdesk.core import paths
from blogdesk.ui.theme import dark_palette
from blogdesk.ui.window_state import WindowState


def test_window_layout_and_title(qtbot, make_desk, sample_library: Path) -> None:
    desk = make_desk(sample_library, [sample_library / "first-post.md"])
    window = desk.window
    assert window.windowTitle() == "First post — BlogDesk"
    assert not window.windowIcon().isNull()
    splitter = window.centralWidget()
    assert isinstance(splitter, QSplitter)
    assert [splitter.widget(i) for i in range(3)] == [
        window.left, window.editor_column, window.preview_stack
    ]
    assert window.library_panel.isVisible() and window.editor.isVisible()
    assert window.save_label.text() == "Saved"


def test_standard_shortcuts(qtbot, make_desk, sample_library: Path) -> None:
    desk = make_desk(sample_library)
    acts = desk.window.menu_actions
    for name, key in {
        "new": QKeySequence.StandardKey.New,
        "open": QKeySequence.StandardKey.Open,
        "save": QKeySequence.StandardKey.Save,
        "close": QKeySequence.StandardKey.Close,
        "quit": QKeySequence.StandardKey.Quit,
        "undo": QKeySequence.StandardKey.Undo,
        "redo": QKeySequence.StandardKey.Redo,
    }.items():
        assert acts[name].shortcut() == QKeySequence(key), name
    assert acts["focus"].shortcut().toString() == "Ctrl+Shift+F"
    assert acts["fullscreen"].shortcut().toString() == "F11"
    menus = [a.text() for a in desk.window.menuBar().actions()]
    mine = ["&File", "&Edit", "F&ormat", "&View", "&Library", "&Help"]
    assert [m for m in menus if m in mine] == mine


def test_panel_visibility_and_sizes_are_remembered(qtbot, make_desk, close_desk, sample_library):
    desk = make_desk(sample_library)
    window = desk.window
    window.menu_actions["panel_preview"].trigger()
    window.menu_actions["panel_outline"].trigger()
    assert not window.preview_stack.isVisible() and not window.outline.isVisible()
    window.splitter.setSizes([300, 500, 0])
    sizes = window.splitter.sizes()
    close_desk(desk)
    state_file = paths.state_dir() / "window.ini"
    assert state_file.exists()
    assert WindowState(state_file).panels() == {
        "library": True, "outline": False, "metadata": True, "preview": False
    }
    again = make_desk(sample_library)
    assert not again.window.preview_stack.isVisible()
    assert not again.window.menu_actions["panel_preview"].isChecked()
    assert again.window.library_panel.isVisible()
    assert again.window.splitter.sizes()[0] == sizes[0]


def test_focus_mode_shows_only_a_centred_text_column(qtbot, make_desk, sample_library) -> None:
    desk = make_desk(sample_library, [sample_library / "first-post.md"])
    window = desk.window
    window.resize(1600, 900)
    window.menu_actions["focus"].trigger()
    assert window.focus_mode
    assert not window.left.isVisible() and not window.preview_stack.isVisible()
    assert not window.metadata.isVisible() and not window.toolbar.isVisible()

    def margins() -> tuple[int, int]:
        left = window.editor.mapTo(window, window.editor.rect().topLeft()).x()
        return left, window.width() - left - window.editor.width()

    # Centred: the space left and right of the column is the same (within a few pixels).
    qtbot.waitUntil(lambda: abs(margins()[0] - margins()[1]) <= 4)
    assert window.editor.width() < window.width() * 0.8
    assert margins()[0] > 100
    window.menu_actions["focus"].trigger()
    assert window.left.isVisible() and window.preview_stack.isVisible()
    assert window.toolbar.isVisible()


def test_metadata_edit_changes_only_that_key(qtbot, make_desk, sample_library) -> None:
    post = sample_library / "third-post.md"
    before = post.read_text()
    desk = make_desk(sample_library, [post])
    panel = desk.window.metadata
    assert panel.title.text() == "Third post"
    panel.tags.setText("one, two")
    panel.tags.editingFinished.emit()
    assert desk.window.save_label.text() == "Unsaved"
    qtbot.waitUntil(lambda: post.read_text() != before, timeout=3000)
    changed = [
        line for line in difflib.ndiff(before.splitlines(), post.read_text().splitlines())
        if line.startswith(("+", "-"))
    ]
    assert all("tags" in line or line.strip(" +-") in ("one", "two", "- one", "- two")
               for line in changed), changed
    assert "# a comment the author wrote\n" in post.read_text()
    assert "mood: sunny   # unknown key, kept\n" in post.read_text()


def test_title_edit_updates_window_title(qtbot, make_desk, sample_library) -> None:
    post = sample_library / "second-post.md"
    desk = make_desk(sample_library, [post])
    desk.window.metadata.title.setText("A better title")
    desk.window.metadata.title.editingFinished.emit()
    assert desk.window.windowTitle() == "A better title — BlogDesk"
    assert desk.window.documents.save_now()
    assert "title: A better title\n" in post.read_text()


def test_bad_date_is_flagged_and_not_written(qtbot, make_desk, sample_library) -> None:
    post = sample_library / "second-post.md"
    desk = make_desk(sample_library, [post])
    field = desk.window.metadata.date
    field.setText("next Tuesday")
    field.editingFinished.emit()
    assert field.property("invalid") is True
    assert desk.window.documents.dirty is False
    field.setText("2026-04-01 10:30")
    field.editingFinished.emit()
    assert desk.window.documents.save_now()
    assert "date: 2026-04-01 10:30" in post.read_text()


def test_images_are_copied_into_the_media_folder(qtbot, make_desk, sample_library, tmp_path):
    image = tmp_path / "photo of cat.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\nfake")
    desk = make_desk(sample_library, [sample_library / "first-post.md"])
    markdown = desk.window.editor.insert_image_file(image)
    assert markdown is not None and "(media/photo-of-cat.png)" in markdown
    assert (sample_library / "media" / "photo-of-cat.png").read_bytes() == image.read_bytes()
    # Pasted bytes get a name that takes nothing over.
    again = desk.window.store_media(image.read_bytes(), "photo of cat.png")
    assert again == "media/photo-of-cat-2.png"


def test_dark_palette_is_dark_and_readable() -> None:
    palette = dark_palette()
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    assert window.lightness() < 80 and text.lightness() > 180


def test_preview_outline_and_word_count(qtbot, make_desk, sample_library) -> None:
    desk = make_desk(sample_library, [sample_library / "first-post.md"], start_preview=True)
    window = desk.window
    qtbot.waitUntil(lambda: window.preview is not None, timeout=10_000)
    qtbot.waitUntil(lambda: window.outline.headings_shown() == ["Getting started", "Details"],
                    timeout=15_000)
    assert window.words_label.text().endswith("words")
    assert window.reading_label.text() == "1 min read"
    # Picking a heading moves the editor to it.
    details = window.outline.topLevelItem(0).child(0)
    window.outline.itemClicked.emit(details, 0)
    assert window.editor.textCursor().block().text() == "## Details"


def test_window_follows_a_switch_to_dark(qtbot, make_desk, sample_library) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    desk = make_desk(sample_library, [sample_library / "first-post.md"])
    assert desk.window.editor.highlighter.dark is False
    try:
        app.setPalette(dark_palette())  # what the platform does when the system goes dark
        qtbot.waitUntil(lambda: desk.window.editor.highlighter.dark is True)
        assert desk.window.theme.dark
    finally:
        app.setPalette(before)
    qtbot.waitUntil(lambda: desk.window.editor.highlighter.dark is False)
