"""The "changed by another program" question: Enter keeps the author's text (never reloads over
it), Escape means "decide later" (nothing written, nothing lost). Real dialog and real window,
offscreen, keys sent to whatever has the focus."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from blogdesk.ui.editor.disk_conflict_dialog import ConflictChoice, ConflictDialog


@pytest.fixture
def dialog(qtbot) -> ConflictDialog:
    d = ConflictDialog("post.md", "on disk\n", "mine\n")
    qtbot.addWidget(d)
    d.open()
    qtbot.waitExposed(d)
    return d


def _focused(dialog: ConflictDialog) -> QWidget:
    focus = dialog.focusWidget()
    assert focus is not None
    return focus


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_keeps_mine(qtbot, dialog, key) -> None:
    assert dialog.keep_button.isDefault() and not dialog.reload_button.isDefault()
    assert _focused(dialog) is dialog.keep_button
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        qtbot.keyClick(_focused(dialog), key)
    assert dialog.choice is ConflictChoice.KEEP_MINE


def test_enter_never_reloads_even_with_focus_on_reload(qtbot, dialog) -> None:
    dialog.reload_button.setFocus()
    assert _focused(dialog) is dialog.reload_button
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        qtbot.keyClick(dialog.reload_button, Qt.Key.Key_Return)
    assert dialog.choice is ConflictChoice.KEEP_MINE


def test_enter_after_compare_does_not_reload(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    assert dialog.diff.isVisible()
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Return)
    assert dialog.choice is ConflictChoice.KEEP_MINE


def test_escape_decides_later(qtbot, dialog) -> None:
    with qtbot.waitSignal(dialog.finished, timeout=2000) as blocker:
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Escape)
    assert blocker.args == [ConflictDialog.DialogCode.Rejected.value]
    assert dialog.choice is ConflictChoice.LATER


def test_reload_still_takes_a_deliberate_click(qtbot, dialog) -> None:
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    assert dialog.choice is ConflictChoice.RELOAD


# -- in the window ------------------------------------------------------------------------------


def _conflict(qtbot, desk, post: Path) -> ConflictDialog:
    editor = desk.window.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "Mine.")
    text = post.read_text(encoding="utf-8")
    post.write_text(text.partition("---\n\n")[0] + "---\n\nTheirs.\n", encoding="utf-8")
    dialogs: list[ConflictDialog] = []
    desk.window.documents.conflictShown.connect(dialogs.append)
    desk.window.documents.check_disk()
    qtbot.waitUntil(lambda: bool(dialogs), timeout=3000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialogs[0].keep_button)
    return dialogs[0]


def test_enter_in_the_window_writes_the_authors_text(qtbot, make_desk, sample_library) -> None:
    post = sample_library / "first-post.md"
    desk = make_desk(sample_library, [post], autosave_delay_ms=60_000)
    dialog = _conflict(qtbot, desk, post)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Mine." in post.read_text())
    assert "Theirs." not in post.read_text()
    assert "Mine." in desk.window.editor.toPlainText()
    assert not dialog.isVisible()


def test_escape_in_the_window_keeps_editing(qtbot, make_desk, sample_library) -> None:
    post = sample_library / "first-post.md"
    desk = make_desk(sample_library, [post], autosave_delay_ms=60_000)
    dialog = _conflict(qtbot, desk, post)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "Mine." in desk.window.editor.toPlainText()
    assert post.read_text().endswith("Theirs.\n")  # nothing written either way yet
    assert desk.window.save_label.text() == "Unsaved: changed on disk"
