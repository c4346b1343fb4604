"""Driving the image dialog the way an author does: wait for it, type into its fields."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from blogdesk.ui.editor.editor import MarkdownEditor
from blogdesk.ui.editor.insert.image_dialog import ImageDialog


def image_dialog(qtbot: Any, editor: MarkdownEditor) -> ImageDialog:
    """The image dialog the editor opened, once it is on screen."""
    qtbot.waitUntil(lambda: editor.images.dialog is not None and editor.images.dialog.isVisible())
    dialog = editor.images.dialog
    assert dialog is not None
    return dialog


def retype(widget: QWidget, text: str) -> None:
    """Select all of a field and type `text` over it, key by key."""
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        QTest.keyClicks(widget, text)
    else:
        QTest.keyClick(widget, Qt.Key.Key_Delete)


def press(widget: QWidget, key: Qt.Key) -> None:
    widget.setFocus()
    QTest.keyClick(widget, key)


def closed(qtbot: Any, editor: MarkdownEditor) -> None:
    qtbot.waitUntil(lambda: editor.images.dialog is None)
