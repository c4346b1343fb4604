"""Ctrl+N starts at the title, Enter or Tab goes on to the text: a new post written with the
keyboard only. The real window offscreen, real key presses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from blogdesk.core.post.post import Post


def _ctrl_n(qtbot, window) -> None:
    before = window.documents.path
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.documents.path not in (None, before), timeout=3000)


def _type(qtbot, text: str) -> None:
    """Types into whatever has the keyboard focus, as the author does."""
    qtbot.keyClicks(QApplication.focusWidget(), text)


def _saved_post(qtbot, window) -> Post:
    assert window.documents.save_now()
    return Post.load(window.documents.path)


def test_ctrl_n_then_title_enter_body(qtbot, make_desk, wait_listed, sample_library):
    desk = make_desk(sample_library, [sample_library / "first-post.md"])
    wait_listed(desk, 3)
    window = desk.window
    window.editor.setFocus()
    _ctrl_n(qtbot, window)
    title = window.metadata.title
    qtbot.waitUntil(title.hasFocus)
    assert title.selectedText() == "Untitled post"  # typing replaces it
    _type(qtbot, "Rome in spring")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.editor.hasFocus()
    assert window.editor.textCursor().position() == 0  # the body's start
    _type(qtbot, "Day one: the Forum.")
    post = _saved_post(qtbot, window)
    assert post.title == "Rome in spring"
    assert post.body.strip() == "Day one: the Forum."


def test_ctrl_n_shows_hidden_properties_and_tab_goes_to_the_body(
    qtbot, make_desk, wait_listed, sample_library
):
    desk = make_desk(sample_library)
    wait_listed(desk, 3)
    window = desk.window
    window.menu_actions["panel_metadata"].trigger()  # View ▸ Properties off
    assert not window.metadata.isVisible()
    window.library_panel.view.setFocus()
    _ctrl_n(qtbot, window)
    assert window.metadata.isVisible()
    qtbot.waitUntil(window.metadata.title.hasFocus)
    _type(qtbot, "Notes from Lisbon")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert window.editor.hasFocus()
    _type(qtbot, "Trams and tiles.")
    post = _saved_post(qtbot, window)
    assert post.title == "Notes from Lisbon"
    assert post.body.strip() == "Trams and tiles."
    # Outside a new post, Tab in the title keeps the form's order (on to Status).
    window.metadata.title.setFocus()
    qtbot.keyClick(window.metadata.title, Qt.Key.Key_Tab)
    assert not window.editor.hasFocus()
