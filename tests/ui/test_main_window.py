"""The desk window: layout, menus and shortcuts, remembered panels, focus mode, the outline, the
metadata panel and the status bar. Real window offscreen, real library in tmp_path."""

from __future__ import annotations

import difflib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QSplitter

from blogdesk.core import paths
from blogdesk.ui.window.state import WindowState
from blogdesk.ui.window.theme import dark_palette


def test_window_layout_and_title(qtbot, make_desk, sample_library: Path) -> None:
    desk = make_desk(sample_library, [sample_library / "first-post.md"])
    window = desk.window
    assert window.windowTitle() == "First post — BlogDesk"
    assert not window.windowIcon().isNull()
    splitter = window.centralWidget()
    assert isinstance(splitter, QSplitter)
    assert [splitter.widget(i) for i in range(3)] == [
        window.left,
        window.editor_column,
        window.preview_stack,
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
        "library": True,
        "outline": False,
        "metadata": True,
        "preview": False,
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
        line
        for line in difflib.ndiff(before.splitlines(), post.read_text().splitlines())
        if line.startswith(("+", "-"))
    ]
    assert all(
        "tags" in line or line.strip(" +-") in ("one", "two", "- one", "- two") for line in changed
    ), changed
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
    qtbot.waitUntil(
        lambda: window.outline.headings_shown() == ["Getting started", "Details"], timeout=15_000
    )
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


# -- what a newcomer ran into (QA findings) ------------------------------------------------------


def _message_room(window) -> int:
    """Pixels left of the status bar's permanent widgets: where temporary messages are drawn."""
    from PySide6.QtWidgets import QLabel, QWidget

    bar = window.statusBar()
    permanent = [
        window.findChild(QLabel, "publishResult"),
        window.findChild(QWidget, "publishProgress"),
        window.words_label,
        window.reading_label,
        window.save_label,
    ]
    return min(
        w.mapTo(bar, w.rect().topLeft()).x() for w in permanent if w is not None and w.isVisible()
    )


def test_status_bar_messages_have_room(qtbot, make_desk, sample_library) -> None:
    desk = make_desk(sample_library, [sample_library / "first-post.md"])
    window = desk.window
    window.resize(1100, 700)
    text = "Could not open broken.md: the front matter is not valid YAML"
    window.show_message(text)
    width = window.statusBar().fontMetrics().horizontalAdvance(text)
    qtbot.waitUntil(lambda: _message_room(window) >= width)
    assert window.statusBar().currentMessage() == text


def test_failed_open_keeps_the_current_post(qtbot, make_desk, sample_library) -> None:
    first = sample_library / "first-post.md"
    desk = make_desk(sample_library, [first])
    window = desk.window
    broken = sample_library / "broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\n\nBody.\n", encoding="utf-8")
    assert not window.open_path(broken)
    assert window.documents.path == first.resolve()
    assert "The aardvark paragraph." in window.editor.toPlainText()
    assert window.statusBar().currentMessage().startswith("Could not open broken.md")


def test_failed_save_shows_a_notification_bar(qtbot, make_desk, sample_library) -> None:
    post = sample_library / "second-post.md"
    desk = make_desk(sample_library, [post], autosave_delay_ms=60_000)
    window = desk.window
    window.editor.insertPlainText("Words that must not be lost. ")
    post.unlink()
    post.mkdir()  # the file's name is now a folder: the save cannot write it
    assert not window.documents.save_now()
    assert window.alert.isVisible()
    assert "second-post.md could not be saved" in window.alert.label.text()
    window.alert.dismiss_button.click()  # the author read it: autosave's retries keep quiet
    assert not window.documents.save_now()
    assert not window.alert.isVisible()
    assert window.save_label.text().startswith("Save failed")
    post.rmdir()
    window.alert.retry_button.click()
    assert window.save_label.text() == "Saved"
    assert not window.alert.isVisible()
    assert "Words that must not be lost. " in post.read_text()


WXR = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Old blog</title>'
    "<link>https://old.example</link>\n{items}</channel></rss>\n"
)
WXR_ITEM = (
    "<item><title>{title}</title><link>https://old.example/?p={n}</link>"
    "<guid>https://old.example/?p={n}</guid>"
    "<content:encoded><![CDATA[<p>Imported words {n}.</p>]]></content:encoded>"
    "<wp:post_id>{n}</wp:post_id><wp:post_name>imported-{n}</wp:post_name>"
    "<wp:post_date>2026-0{n}-01 10:00:00</wp:post_date>"
    "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>\n"
)


def test_file_import_wordpress_export(
    qtbot, make_desk, wait_listed, sample_library, tmp_path, monkeypatch, message_boxes
) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    export = tmp_path / "export.xml"
    items = "".join(
        WXR_ITEM.format(title=t, n=n) for n, t in ((1, "Imported Alpha"), (2, "Imported Beta"))
    )
    export.write_text(WXR.format(items=items), encoding="utf-8")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(export), ""))
    )
    asked = message_boxes(QMessageBox.StandardButton.No)
    desk = make_desk(sample_library)
    wait_listed(desk, 3)
    window = desk.window
    file_menu = window.menuBar().actions()[0].menu()
    import_menu = next(a.menu() for a in file_menu.actions() if a.text() == "&Import")
    assert [a.text() for a in import_menu.actions()] == [
        "&WordPress Export (WXR)…",
        "&Jekyll or Hugo Folder…",
    ]
    window.menu_actions["import_wxr"].trigger()
    dialog = window.menus.import_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    wait_listed(desk, 5)
    model = window.library_panel.model
    titles = {model.summary_at(r).title for r in range(model.rowCount())}
    assert {"Imported Alpha", "Imported Beta"} <= titles
    assert len(asked) == 1 and asked[0].startswith("Download the blog's images")
    dialog.accept()


def test_menus_help_last_and_edit_commands(qtbot, make_desk, sample_library) -> None:
    desk = make_desk(sample_library, [sample_library / "first-post.md"])
    window = desk.window
    menus = lambda: [a.text() for a in window.menuBar().actions()]  # noqa: E731
    qtbot.waitUntil(lambda: menus()[-1] == "&Help")
    assert "&Blog" in menus()
    acts = window.menu_actions
    for name, key in {
        "cut": QKeySequence.StandardKey.Cut,
        "copy": QKeySequence.StandardKey.Copy,
        "paste": QKeySequence.StandardKey.Paste,
        "select_all": QKeySequence.StandardKey.SelectAll,
    }.items():
        assert acts[name].shortcut() == QKeySequence(key), name
    edit_menu = window.menuBar().actions()[1].menu()
    assert acts["copy"] in edit_menu.actions()
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus)
    acts["select_all"].trigger()
    acts["copy"].trigger()
    assert QApplication.clipboard().text() == window.editor.toPlainText()
    # In a metadata field the commands act on that field.
    window.metadata.title.setFocus()
    qtbot.waitUntil(window.metadata.title.hasFocus)
    acts["select_all"].trigger()
    assert window.metadata.title.selectedText() == "First post"


def test_first_window_fills_most_of_the_screen(qtbot, make_desk, sample_library) -> None:
    """80 % of the screen; on a small screen up to 95 % of its width, what the library, the
    editor and a readable preview need side by side (the test screen is a small one)."""
    desk = make_desk(sample_library)
    window = desk.window
    free = window.screen().availableGeometry()
    assert window.height() == free.height() * 8 // 10
    needed = window.fontMetrics().averageCharWidth() * 200
    assert free.width() * 8 // 10 < needed  # else this screen would not test the small case
    wanted = min(free.width() * 95 // 100, needed)
    assert window.width() == max(wanted, window.minimumSizeHint().width())
    assert window.width() <= free.width()


def test_date_field_hints_the_format_and_fits_an_offset(qtbot, make_desk, sample_library):
    post = sample_library / "second-post.md"
    post.write_text(post.read_text().replace("date: 2026-02-10", "date: 2024-05-01 09:30+02:00"))
    desk = make_desk(sample_library, [post])
    field = desk.window.metadata.date
    assert field.placeholderText() == "YYYY-MM-DD HH:MM"
    assert field.text() == "2024-05-01 09:30+02:00"
    # Sized from the font, so it holds whatever the window's width and the font's size.
    assert field.minimumWidth() >= field.fontMetrics().horizontalAdvance(field.text())
    assert field.width() >= field.fontMetrics().horizontalAdvance(field.text())


def test_start_up_message_outlives_the_publishing_set_up(qtbot, make_desk, sample_library):
    broken = sample_library / "broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\n\nBody.\n", encoding="utf-8")
    desk = make_desk(sample_library, [broken])  # waits until the Blog menu is installed
    assert desk.ready
    assert desk.window.statusBar().currentMessage().startswith("Could not open broken.md")


def test_copy_in_the_preview_copies_the_preview(qtbot, make_desk, sample_library) -> None:
    desk = make_desk(sample_library, [sample_library / "first-post.md"], start_preview=True)
    window = desk.window
    qtbot.waitUntil(
        lambda: window.outline.headings_shown() == ["Getting started", "Details"], timeout=15_000
    )
    QApplication.clipboard().setText("nothing yet")
    window.preview.view.setFocus()
    qtbot.waitUntil(lambda: window.preview.isAncestorOf(window.focusWidget()), timeout=5000)
    window.menu_actions["select_all"].trigger()
    window.menu_actions["copy"].trigger()
    # The rendered text (no Markdown marks), not the editor's source.
    qtbot.waitUntil(
        lambda: "The aardvark paragraph." in QApplication.clipboard().text(), timeout=5000
    )
    assert "## Details" not in QApplication.clipboard().text()


def test_featured_image_dialog_starts_in_the_posts_folder(
    qtbot, make_desk, sample_library: Path, monkeypatch, tmp_path: Path
) -> None:
    from blogdesk.ui.editor import metadata_panel

    asked: list[str] = []

    def fake_dialog(_parent: object, _title: str, folder: str, _filter: str) -> tuple[str, str]:
        asked.append(folder)
        return "", ""

    monkeypatch.setattr(metadata_panel.QFileDialog, "getOpenFileName", fake_dialog)
    monkeypatch.chdir(tmp_path)
    desk = make_desk(sample_library, [sample_library / "first-post.md"])
    desk.window.metadata._choose_image()
    assert asked == [str(sample_library)]


def test_a_title_no_file_can_hold_is_refused_with_the_reason(qtbot, make_desk, sample_library):
    post = sample_library / "second-post.md"
    before = post.read_bytes()
    desk = make_desk(sample_library, [post])
    field = desk.window.metadata.title
    field.selectAll()
    field.insert("Tab\ufffeKey")  # as a paste puts it (QTest.keyClicks aborts on U+FFFE)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "U+FFFE" in desk.window.statusBar().currentMessage()
    assert desk.window.documents.dirty is False
    assert desk.window.documents.save_now()
    assert post.read_bytes() == before


def test_a_file_opened_from_the_command_line_takes_the_typing(qtbot, make_desk, sample_library):
    # `blogdesk post.md` (or "Open with" in a file manager): the caret is in the post, so the
    # author's first keys go into the text, not into the library's search field.
    post = sample_library / "first-post.md"
    desk = make_desk(sample_library, [post])
    window = desk.window
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.editor)
    before = window.editor.toPlainText()
    QTest.keyClicks(QApplication.focusWidget(), "Typed first. ")
    assert window.editor.toPlainText() == "Typed first. " + before
    assert window.library_panel.search.text() == ""
