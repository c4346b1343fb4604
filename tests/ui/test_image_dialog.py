"""The image dialog with the real editor: inserting through the Image action, editing a reference
by double-click (or Ctrl+Shift+I on it), and dropped/pasted images. What the editor holds is what
render() previews and publishes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.ui.image_helpers import closed, image_dialog, press, retype

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
    QTextCursor,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from blogdesk.core.render.rendering import render
from blogdesk.ui.editor.editor import MarkdownEditor
from blogdesk.ui.editor.insert.image_dialog import DialogMode


class Store:
    """The media handler: copies into `media/` beside the post, as the window's does."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.names: list[str] = []

    def __call__(self, source: Path | bytes, name: str) -> str:
        media = self.folder / "media"
        media.mkdir(parents=True, exist_ok=True)
        if isinstance(source, bytes):
            (media / name).write_bytes(source)
        else:
            shutil.copy(source, media / name)
        self.names.append(name)
        return f"media/{name}"


@pytest.fixture
def post_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "post"
    folder.mkdir()
    return folder


@pytest.fixture
def editor(qtbot, post_dir: Path) -> MarkdownEditor:
    ed = MarkdownEditor(dark=False)
    qtbot.addWidget(ed)
    ed.resize(700, 400)
    ed.set_media_handler(Store(post_dir))
    ed.image_folder = lambda: post_dir
    ed.show()
    qtbot.waitExposed(ed)
    return ed


@pytest.fixture
def png(tmp_path: Path) -> Path:
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    path = tmp_path / "incoming" / "square.png"
    path.parent.mkdir()
    assert image.save(str(path))
    return path


def trigger_image_action(editor: MarkdownEditor) -> None:
    QTest.keyClick(
        editor,
        Qt.Key.Key_I,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )


def test_image_action_writes_a_captioned_aligned_resized_linked_figure(
    qtbot, editor: MarkdownEditor, png: Path, post_dir: Path
) -> None:
    editor.setPlainText("Before.\n\nAfter.")
    cursor = editor.textCursor()
    cursor.setPosition(len("Before."))
    editor.setTextCursor(cursor)
    editor.choose_image_file = lambda: png
    trigger_image_action(editor)
    dialog = image_dialog(qtbot, editor)
    assert dialog.mode is DialogMode.INSERT
    assert dialog.alt.text() == ""  # never the file name
    assert "400 × 300 px" in dialog.size_original.text()  # read from the file
    assert not (post_dir / "media").exists()  # nothing copied before the author says yes
    QTest.keyClicks(dialog.alt, "A teal square")
    QTest.keyClicks(dialog.caption, "Teal & friends")
    press(dialog.align, Qt.Key.Key_C)  # keyboard search: "Centre"
    press(dialog.size_width, Qt.Key.Key_Space)
    retype(dialog.width_box, "200")
    assert dialog.height_label.text() == "× 150 px"  # the aspect ratio kept
    press(dialog.link, Qt.Key.Key_T)  # "The image file"
    press(dialog.alt, Qt.Key.Key_Return)
    closed(qtbot, editor)
    figure = (
        '<figure class="wp-caption aligncenter"><a href="media/square.png">'
        '<img src="media/square.png" alt="A teal square" width="200" height="150"></a>'
        "<figcaption>Teal &amp; friends</figcaption></figure>"
    )
    assert editor.toPlainText() == f"Before.\n\n{figure}\n\nAfter."
    assert (post_dir / "media" / "square.png").read_bytes() == png.read_bytes()
    html = render(editor.toPlainText()).html
    assert f"<p>Before.</p>\n{figure}" in html  # the preview and the blog get the figure as is
    editor.undo()  # one undo step
    assert editor.toPlainText() == "Before.\n\nAfter."


def test_alt_text_alone_writes_plain_markdown(qtbot, editor: MarkdownEditor, png: Path) -> None:
    editor.choose_image_file = lambda: png
    editor.actions_by_name()["image"].trigger()
    dialog = image_dialog(qtbot, editor)
    QTest.keyClicks(dialog.alt, "A teal square")
    assert dialog.markup.text() == "![A teal square](square.png)"  # what it will write
    press(dialog.alt, Qt.Key.Key_Return)
    closed(qtbot, editor)
    assert editor.toPlainText() == "![A teal square](media/square.png)"
    assert '<img alt="A teal square" src="media/square.png">' in render(editor.toPlainText()).html


def test_empty_alt_warns_until_confirmed_as_decorative(
    qtbot, editor: MarkdownEditor, png: Path
) -> None:
    editor.choose_image_file = lambda: png
    editor.actions_by_name()["image"].trigger()
    dialog = image_dialog(qtbot, editor)
    assert dialog.alt_warning.isVisible()
    assert "Describe the image for readers who cannot see it" in dialog.alt_warning.text()
    press(dialog.alt, Qt.Key.Key_Return)
    assert dialog.isVisible() and editor.toPlainText() == ""  # not accepted yet
    assert "Decorative" in dialog.alt_warning.text()
    QTest.keyClicks(dialog.alt, "x")
    assert not dialog.alt_warning.isVisible()
    retype(dialog.alt, "")
    press(dialog.decorative, Qt.Key.Key_Space)
    assert not dialog.alt_warning.isVisible() and not dialog.alt.isEnabled()
    press(dialog.decorative, Qt.Key.Key_Return)
    closed(qtbot, editor)
    assert editor.toPlainText() == "![](media/square.png)"


def test_cancel_inserts_and_copies_nothing(
    qtbot, editor: MarkdownEditor, png: Path, post_dir: Path
) -> None:
    editor.choose_image_file = lambda: png
    editor.actions_by_name()["image"].trigger()
    dialog = image_dialog(qtbot, editor)
    QTest.keyClicks(dialog.alt, "A teal square")
    press(dialog.alt, Qt.Key.Key_Escape)
    closed(qtbot, editor)
    assert editor.toPlainText() == ""
    assert not (post_dir / "media").exists()


def double_click_at(qtbot, editor: MarkdownEditor, position: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(position)
    point = editor.cursorRect(cursor).center() + QPoint(2, 0)
    QTest.mouseDClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_double_click_edits_a_markdown_reference_in_place(
    qtbot, editor: MarkdownEditor, png: Path, post_dir: Path
) -> None:
    (post_dir / "media").mkdir()
    shutil.copy(png, post_dir / "media" / "square.png")
    text = 'Intro with ![Old alt](media/square.png "Tip") inline.\n\nEnd.'
    editor.setPlainText(text)
    double_click_at(qtbot, editor, text.index("Old"))
    dialog = image_dialog(qtbot, editor)
    assert dialog.mode is DialogMode.EDIT
    assert dialog.alt.text() == "Old alt"
    assert dialog.caption.text() == "" and dialog.size_original.isChecked()
    assert "400 × 300 px" in dialog.size_original.text()  # found beside the post
    retype(dialog.alt, "New alt")
    press(dialog.alt, Qt.Key.Key_Return)
    closed(qtbot, editor)
    assert editor.toPlainText() == 'Intro with ![New alt](media/square.png "Tip") inline.\n\nEnd.'
    editor.undo()
    assert editor.toPlainText() == text


def test_a_reference_that_becomes_a_figure_gets_its_own_paragraph(
    qtbot, editor: MarkdownEditor
) -> None:
    text = "Intro ![A](m.png) inline."
    editor.setPlainText(text)
    double_click_at(qtbot, editor, text.index("m.png"))
    dialog = image_dialog(qtbot, editor)
    press(dialog.align, Qt.Key.Key_R)  # "Right"
    press(dialog.alt, Qt.Key.Key_Return)
    closed(qtbot, editor)
    figure = '<figure class="alignright"><img src="m.png" alt="A"></figure>'
    assert editor.toPlainText() == f"Intro\n\n{figure}\n\ninline."
    assert figure in render(editor.toPlainText()).html  # a block, not inside a <p>
    editor.undo()
    assert editor.toPlainText() == text


def test_double_click_on_a_figure_prefills_everything(qtbot, editor: MarkdownEditor) -> None:
    figure = (
        '<figure id="attachment_7" class="wp-caption alignleft"><a href="https://e.org/big">'
        '<img src="https://e.org/cat.jpg" alt="Cat" width="300" height="200" '
        'class="wp-image-7"></a><figcaption>Our cat</figcaption></figure>'
    )
    text = f"First.\n\n{figure}\n\nLast."
    editor.setPlainText(text)
    double_click_at(qtbot, editor, text.index("Our cat"))
    dialog = image_dialog(qtbot, editor)
    assert dialog.alt.text() == "Cat"
    assert dialog.caption.text() == "Our cat"
    assert dialog.align.currentText() == "Left"
    assert dialog.size_width.isChecked() and dialog.width_box.value() == 300
    assert dialog.link.currentIndex() == 2 and dialog.url.text() == "https://e.org/big"
    retype(dialog.width_box, "150")
    assert dialog.height_label.text() == "× 100 px"  # no file to read: the written ratio
    retype(dialog.caption, "Our cat, asleep")
    press(dialog.caption, Qt.Key.Key_Return)
    closed(qtbot, editor)
    assert editor.toPlainText() == (
        'First.\n\n<figure id="attachment_7" class="wp-caption alignleft">'
        '<a href="https://e.org/big"><img src="https://e.org/cat.jpg" alt="Cat" width="150" '
        'height="100" class="wp-image-7"></a><figcaption>Our cat, asleep</figcaption></figure>'
        "\n\nLast."
    )


def test_double_click_elsewhere_still_selects_a_word(qtbot, editor: MarkdownEditor) -> None:
    text = "Plain words ![A](m.png)"
    editor.setPlainText(text)
    double_click_at(qtbot, editor, text.index("words") + 1)
    assert editor.images.dialog is None
    assert editor.textCursor().selectedText() == "words"


def test_image_action_on_a_reference_edits_it(qtbot, editor: MarkdownEditor) -> None:
    editor.choose_image_file = lambda: pytest.fail("no file is asked for")  # type: ignore[assignment]
    editor.setPlainText("![A](m.png)")
    editor.moveCursor(QTextCursor.MoveOperation.End)  # just after the ")"
    trigger_image_action(editor)
    dialog = image_dialog(qtbot, editor)
    assert dialog.mode is DialogMode.EDIT and dialog.alt.text() == "A"
    QTest.keyClicks(dialog.caption, "C")
    press(dialog.caption, Qt.Key.Key_Return)
    closed(qtbot, editor)
    assert editor.toPlainText() == (
        '<figure class="wp-caption alignnone"><img src="m.png" alt="A">'
        "<figcaption>C</figcaption></figure>"
    )


def drop_files(editor: MarkdownEditor, *paths: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    # At the end of the text, as a drag over the editor moves the caret (enter, move, drop).
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    at = editor.cursorRect(cursor).center()
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(at, *args)
    QApplication.sendEvent(editor.viewport(), enter)
    assert enter.isAccepted()
    QApplication.sendEvent(editor.viewport(), QDragMoveEvent(at, *args))
    QApplication.sendEvent(editor.viewport(), QDropEvent(QPointF(at), *args))


def test_dropped_images_ask_then_skip_then_stop_asking(
    qtbot, editor: MarkdownEditor, png: Path, tmp_path: Path
) -> None:
    second = tmp_path / "incoming" / "other.png"
    shutil.copy(png, second)
    editor.setPlainText("Look:")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    drop_files(editor, png, second)
    dialog = image_dialog(qtbot, editor)
    assert dialog.mode is DialogMode.DROPPED and dialog.dont_ask.isVisible()
    QTest.keyClicks(dialog.alt, "First")
    press(dialog.alt, Qt.Key.Key_Return)
    dialog = image_dialog(qtbot, editor)  # the second file
    assert dialog.alt.text() == ""
    press(dialog.alt, Qt.Key.Key_Escape)  # skip: inserted without details
    closed(qtbot, editor)
    expected = "Look:\n\n![First](media/square.png)\n\n![](media/other.png)"
    assert editor.toPlainText() == expected
    editor.undo()  # both images: one undo step
    assert editor.toPlainText() == "Look:"

    drop_files(editor, png)
    dialog = image_dialog(qtbot, editor)
    press(dialog.dont_ask, Qt.Key.Key_Space)
    press(dialog.alt, Qt.Key.Key_Escape)
    closed(qtbot, editor)
    drop_files(editor, second)  # no dialog any more
    assert editor.images.dialog is None
    assert editor.toPlainText().count("![](media/") == 2


def test_pasted_image_file_goes_through_the_dialog(
    qtbot, editor: MarkdownEditor, png: Path
) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(png))])
    QGuiApplication.clipboard().setMimeData(mime)  # cleared after the test by the conftest
    del mime
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    dialog = image_dialog(qtbot, editor)
    QTest.keyClicks(dialog.alt, "Pasted square")
    press(dialog.align, Qt.Key.Key_L)
    press(dialog.alt, Qt.Key.Key_Return)
    closed(qtbot, editor)
    assert editor.toPlainText() == (
        '<figure class="alignleft"><img src="media/square.png" alt="Pasted square"></figure>'
    )


def test_a_pasted_bitmap_is_described_with_its_real_size(qtbot, editor: MarkdownEditor) -> None:
    image = QImage(64, 48, QImage.Format.Format_ARGB32)
    image.fill(QColor("orange"))
    mime = QMimeData()
    mime.setImageData(image)
    editor.setPlainText("Kept: ![A\u00a0b](m.png)")
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    editor.insertFromMimeData(mime)
    dialog = image_dialog(qtbot, editor)
    assert "64 × 48 px" in dialog.size_original.text()
    press(dialog.size_width, Qt.Key.Key_Space)
    retype(dialog.width_box, "32")
    QTest.keyClicks(dialog.alt, "Orange")
    press(dialog.alt, Qt.Key.Key_Return)
    closed(qtbot, editor)
    figure = (
        '<figure class="alignnone"><img src="media/pasted-image.png" alt="Orange" width="32" '
        'height="24"></figure>'
    )
    assert editor.document().toRawText() == f"{figure}\u2029\u2029Kept: ![A\u00a0b](m.png)"
    # A reference holding a no-break space is still edited in place (toPlainText shows a space).
    text = editor.toPlainText()
    double_click_at(qtbot, editor, text.index("![A") + 2)
    dialog = image_dialog(qtbot, editor)
    retype(dialog.alt, "B")
    press(dialog.alt, Qt.Key.Key_Return)
    closed(qtbot, editor)
    assert editor.toPlainText().endswith("Kept: ![B](m.png)")
