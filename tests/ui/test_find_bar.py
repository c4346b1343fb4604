"""The find/replace bar lives inside the editor: no key typed in it may reach the post (Tab,
Return, letters on a checkbox, formatting shortcuts), Tab moves between its own fields, and it
lays out without cutting its labels in a narrow editor column. Real widgets, offscreen."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton, QWidget

from blogdesk.ui.editor.editor import MarkdownEditor

TEXT = "- a list item\ncat dog cat\n"


@pytest.fixture
def editor(qtbot) -> MarkdownEditor:
    ed = MarkdownEditor(dark=False)
    qtbot.addWidget(ed)
    ed.resize(600, 400)
    ed.show()
    qtbot.waitExposed(ed)
    ed.activateWindow()
    ed.setFocus()
    ed.setPlainText(TEXT)
    cursor = ed.textCursor()
    cursor.setPosition(3)  # on the list item, where Tab would indent
    ed.setTextCursor(cursor)
    return ed


def _open(qtbot, editor: MarkdownEditor, replace: bool = False) -> None:
    editor.actions_by_name()["replace" if replace else "find"].trigger()
    qtbot.waitUntil(lambda: editor.find_bar.find_edit.hasFocus())


def _unchanged(editor: MarkdownEditor) -> bool:
    return editor.toPlainText() == TEXT and not editor.document().isUndoAvailable()


def test_tab_and_shift_tab_in_the_find_field_leave_the_post_alone(qtbot, editor) -> None:
    _open(qtbot, editor, replace=True)
    bar = editor.find_bar
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Tab)
    assert _unchanged(editor)  # it used to indent the list item under the editor's caret
    focus = QApplication.focusWidget()
    assert focus is not None and bar.isAncestorOf(focus)
    bar.find_edit.setFocus()
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert _unchanged(editor)
    focus = QApplication.focusWidget()
    assert focus is not None and bar.isAncestorOf(focus)


def test_tab_and_shift_tab_move_round_the_bar_fields(qtbot, editor) -> None:
    _open(qtbot, editor, replace=True)
    bar = editor.find_bar
    chain = bar.focus_chain()
    assert chain[0] is bar.find_edit and bar.replace_edit in chain and bar.word_box in chain
    for expected in [*chain[1:], chain[0]]:  # round the bar and back to the find field
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected
        assert _unchanged(editor)
    for expected in reversed(chain):
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier
        )
        assert QApplication.focusWidget() is expected
        assert _unchanged(editor)
    assert bar.isVisible()


def test_hidden_replace_fields_are_skipped_by_tab(qtbot, editor) -> None:
    _open(qtbot, editor)
    bar = editor.find_bar
    seen: list[QWidget | None] = []
    for _ in range(len(bar.focus_chain())):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert bar.replace_edit not in seen and bar.replace_button not in seen
    assert all(w is not None and bar.isAncestorOf(w) for w in seen)
    assert _unchanged(editor)


def test_return_finds_next_without_touching_the_text(qtbot, editor) -> None:
    _open(qtbot, editor)
    qtbot.keyClicks(editor.find_bar.find_edit, "cat")
    qtbot.keyClick(editor.find_bar.find_edit, Qt.Key.Key_Return)
    first = editor.textCursor().selectionStart()
    assert editor.textCursor().selectedText() == "cat"
    qtbot.keyClick(editor.find_bar.find_edit, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert editor.textCursor().selectedText() == "cat"
    assert editor.textCursor().selectionStart() > first
    assert _unchanged(editor)


def test_return_in_replace_field_only_replaces(qtbot, editor) -> None:
    _open(qtbot, editor, replace=True)
    bar = editor.find_bar
    qtbot.keyClicks(bar.find_edit, "cat")
    qtbot.keyClicks(bar.replace_edit, "cow")
    qtbot.keyClick(bar.replace_edit, Qt.Key.Key_Return)  # selects the first match
    assert editor.toPlainText() == TEXT
    qtbot.keyClick(bar.replace_edit, Qt.Key.Key_Return)  # replaces it
    assert editor.toPlainText() == "- a list item\ncow dog cat\n"


def test_keys_on_buttons_and_boxes_and_shortcuts_never_edit(qtbot, editor) -> None:
    _open(qtbot, editor, replace=True)
    bar = editor.find_bar
    select = editor.textCursor()
    select.setPosition(2)
    select.setPosition(8, select.MoveMode.KeepAnchor)
    editor.setTextCursor(select)
    for widget in (bar.regex_box, bar.word_box, bar.next_button, bar.replace_all_button):
        widget.setFocus()
        qtbot.keyClicks(widget, "x")
        qtbot.keyClick(widget, Qt.Key.Key_Return)
        qtbot.keyClick(widget, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    bar.find_edit.setFocus()
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    for key, mods in (
        (Qt.Key.Key_B, ctrl),
        (Qt.Key.Key_I, ctrl),
        (Qt.Key.Key_2, ctrl),
        (Qt.Key.Key_Q, ctrl | shift),
        (Qt.Key.Key_L, ctrl | shift),
        (Qt.Key.Key_V, ctrl | shift),
    ):
        qtbot.keyClick(bar.find_edit, key, mods)
    assert _unchanged(editor)


def test_escape_closes_the_bar_and_gives_the_editor_focus(qtbot, editor) -> None:
    _open(qtbot, editor)
    bar = editor.find_bar
    bar.case_box.setFocus()
    qtbot.keyClick(bar.case_box, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    qtbot.waitUntil(editor.hasFocus)
    assert _unchanged(editor)


@pytest.mark.parametrize("width", [470, 900, 1200])
def test_bar_fits_without_cutting_labels(qtbot, editor, width: int, tmp_path) -> None:
    editor.resize(width, 300)
    _open(qtbot, editor, replace=True)
    bar = editor.find_bar
    bar.status.setText("Invalid expression: missing ), unterminated subpattern at position 0")
    QApplication.processEvents()
    bar.grab().save(str(tmp_path / f"find-bar-{width}.png"))  # to look at when this fails
    assert bar.width() >= bar.minimumSizeHint().width()
    inside = bar.rect()
    for widget in (
        bar.find_edit,
        bar.replace_edit,
        *bar.findChildren(QToolButton),
        bar.regex_box,
        bar.case_box,
        bar.word_box,
    ):
        assert widget.isVisible()
        assert widget.width() >= widget.sizeHint().width(), widget
        geometry = widget.geometry()
        assert inside.contains(geometry), widget
    assert bar.height() >= bar.sizeHint().height()
