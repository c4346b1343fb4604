"""Escape leaves focus mode, and only focus mode: the find bar keeps its Escape, and outside
focus mode Escape does nothing to the layout. The real window, offscreen, real key events."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def _focus_mode(qtbot, desk) -> None:
    window = desk.window
    window.activateWindow()
    window.menu_actions["focus"].trigger()
    assert window.focus_mode and not window.left.isVisible()
    qtbot.waitUntil(window.editor.hasFocus)


def test_escape_leaves_focus_mode(qtbot, make_desk, sample_library) -> None:
    desk = make_desk(sample_library, [sample_library / "first-post.md"])
    window = desk.window
    _focus_mode(qtbot, desk)
    text = window.editor.toPlainText()
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    assert not window.focus_mode
    assert not window.menu_actions["focus"].isChecked()
    assert window.left.isVisible() and window.toolbar.isVisible()
    assert window.preview_stack.isVisible()
    assert window.editor.toPlainText() == text


def test_escape_closes_the_find_bar_before_leaving_focus_mode(qtbot, make_desk, sample_library):
    desk = make_desk(sample_library, [sample_library / "first-post.md"])
    window, editor = desk.window, desk.window.editor
    _focus_mode(qtbot, desk)
    editor.actions_by_name()["find"].trigger()
    qtbot.waitUntil(editor.find_bar.find_edit.hasFocus)
    qtbot.keyClick(editor.find_bar.find_edit, Qt.Key.Key_Escape)
    assert not editor.find_bar.isVisible()
    assert window.focus_mode  # the first Escape was the bar's
    qtbot.waitUntil(editor.hasFocus)
    # The bar open but the caret in the text: Escape still closes the bar first.
    editor.actions_by_name()["find"].trigger()
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.find_bar.isVisible() and window.focus_mode
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not window.focus_mode


def test_escape_outside_focus_mode_changes_nothing(qtbot, make_desk, sample_library) -> None:
    desk = make_desk(sample_library, [sample_library / "first-post.md"])
    window = desk.window
    window.activateWindow()
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus)
    leave = window.menu_actions["leave_focus"]
    assert not leave.isEnabled()
    fired: list[bool] = []
    leave.triggered.connect(lambda *_: fired.append(True))
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    assert not fired and not window.focus_mode
    assert window.left.isVisible() and window.toolbar.isVisible()
    assert QApplication.focusWidget() is window.editor
