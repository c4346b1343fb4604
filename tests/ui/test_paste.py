"""Pasting and dropping into the editor: rich HTML becomes Markdown, images go through the image
dialog and the media handler (the window's: copies into media/) and come back as
`![alt](relative/path)`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.ui.image_helpers import closed, image_dialog, press

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
)
from PySide6.QtWidgets import QApplication

from blogdesk.core.errors import BlogDeskError
from blogdesk.ui.editor.editor import MarkdownEditor

RICH = (
    '<meta charset="utf-8"><p style="color:red">Read <a href="https://example.org/guide">the '
    "guide</a> and <em>then</em> <strong>act</strong>.</p>"
)


class MediaStore:
    """A real handler: copies what it is given into `media/` of a post folder."""

    def __init__(self, post_dir: Path) -> None:
        self.media = post_dir / "media"
        self.calls: list[tuple[str, str]] = []

    def __call__(self, source: Path | bytes, name: str) -> str:
        self.media.mkdir(parents=True, exist_ok=True)
        target = self.media / name
        if isinstance(source, bytes):
            target.write_bytes(source)
            self.calls.append(("bytes", name))
        else:
            shutil.copy(source, target)
            self.calls.append(("file", name))
        return f"media/{name}"


@pytest.fixture
def editor(qtbot) -> MarkdownEditor:
    ed = MarkdownEditor(dark=False)
    qtbot.addWidget(ed)
    ed.resize(500, 300)
    ed.show()
    qtbot.waitExposed(ed)
    return ed


@pytest.fixture
def png(tmp_path: Path) -> Path:
    image = QImage(8, 6, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    path = tmp_path / "incoming" / "my_holiday-photo.png"
    path.parent.mkdir()
    assert image.save(str(path))
    return path


def test_pasting_html_inserts_markdown(qtbot, editor: MarkdownEditor) -> None:
    mime = QMimeData()
    mime.setHtml(RICH)
    mime.setText("Read the guide and then act.")
    editor.setPlainText("Intro: ")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.insertFromMimeData(mime)
    assert editor.toPlainText() == (
        "Intro: Read [the guide](https://example.org/guide) and *then* **act**."
    )


def test_ctrl_v_uses_markdown_and_ctrl_shift_v_plain_text(qtbot, editor: MarkdownEditor) -> None:
    clipboard = QGuiApplication.clipboard()
    mime = QMimeData()
    mime.setHtml(RICH)
    mime.setText("Read the guide and then act.")
    clipboard.setMimeData(mime)  # the clipboard owns it now
    del mime
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "[the guide](https://example.org/guide)" in editor.toPlainText()
    editor.clear()
    qtbot.keyClick(
        editor,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert editor.toPlainText() == "Read the guide and then act."
    clipboard.clear()  # Qt frees the data now, not at interpreter exit (it crashed there)


def test_dropping_an_image_file_calls_handler_and_inserts_link(
    qtbot, editor: MarkdownEditor, png: Path, tmp_path: Path
) -> None:
    store = MediaStore(tmp_path / "post")
    editor.set_media_handler(store)
    editor.setPlainText("Look:\n")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(png))])
    inserted: list[str] = []
    editor.imageInserted.connect(inserted.append)
    pos = editor.viewport().rect().center()
    enter = QDragEnterEvent(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(editor.viewport(), enter)
    assert enter.isAccepted()  # the editor says it can take an image file
    move = QDragMoveEvent(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(editor.viewport(), move)
    drop = QDropEvent(
        QPointF(pos),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(editor.viewport(), drop)
    dialog = image_dialog(qtbot, editor)  # asked first; nothing stored yet
    assert store.calls == []
    qtbot.keyClicks(dialog.alt, "Our holiday")
    press(dialog.alt, Qt.Key.Key_Return)
    closed(qtbot, editor)
    assert store.calls == [("file", "my_holiday-photo.png")]
    assert (tmp_path / "post" / "media" / "my_holiday-photo.png").read_bytes() == png.read_bytes()
    assert inserted == ["![Our holiday](media/my_holiday-photo.png)"]
    assert "![Our holiday](media/my_holiday-photo.png)" in editor.toPlainText()
    editor.undo()
    assert editor.toPlainText() == "Look:\n"


def test_pasting_a_bitmap_stores_png_bytes(qtbot, editor: MarkdownEditor, tmp_path: Path) -> None:
    store = MediaStore(tmp_path / "post")
    editor.set_media_handler(store)
    editor.images.ask_for_dropped = False  # as after "Don't ask for dropped or pasted images"
    image = QImage(4, 4, QImage.Format.Format_ARGB32)
    image.fill(QColor("orange"))
    mime = QMimeData()
    mime.setImageData(image)
    editor.insertFromMimeData(mime)
    assert store.calls == [("bytes", "pasted-image.png")]
    saved = QImage(str(tmp_path / "post" / "media" / "pasted-image.png"))
    assert saved.width() == 4 and saved.pixelColor(1, 1) == QColor("orange")
    assert editor.toPlainText() == "![](media/pasted-image.png)"  # never a made-up alt text


def test_handler_error_is_reported_not_inserted(qtbot, editor: MarkdownEditor, png: Path) -> None:
    def refuse(source: Path | bytes, name: str) -> str:
        raise BlogDeskError("The media folder is read-only")

    editor.set_media_handler(refuse)
    editor.images.ask_for_dropped = False
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(png))])
    with qtbot.waitSignal(editor.mediaError, timeout=1000) as blocker:
        editor.insertFromMimeData(mime)
    assert blocker.args == ["The media folder is read-only"]
    assert editor.toPlainText() == ""


def test_without_handler_image_files_paste_as_text(
    qtbot, editor: MarkdownEditor, png: Path
) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(png))])
    mime.setText(str(png))
    editor.insertFromMimeData(mime)
    assert editor.toPlainText() == str(png)


def test_image_action_uses_file_chooser(
    qtbot, editor: MarkdownEditor, png: Path, tmp_path: Path
) -> None:
    store = MediaStore(tmp_path / "post")
    editor.set_media_handler(store)
    editor.choose_image_file = lambda: png
    qtbot.keyClick(
        editor,
        Qt.Key.Key_I,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = image_dialog(qtbot, editor)
    qtbot.keyClicks(dialog.alt, "Beach at dusk")
    press(dialog.alt, Qt.Key.Key_Return)
    closed(qtbot, editor)
    assert editor.toPlainText() == "![Beach at dusk](media/my_holiday-photo.png)"
