"""Help ▸ User Guide and Help ▸ Keyboard Shortcuts in the real window, offscreen."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from blogdesk import resources
from blogdesk.ui.window.help import GUIDE, HelpWindow


def _open_window(name: str) -> HelpWindow:
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == name and widget.isVisible():
            assert isinstance(widget, HelpWindow)
            return widget
    raise AssertionError(f"no visible {name} window")


def _native(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def test_help_menu_lists_the_guide_and_the_shortcuts_before_about(make_desk, sample_library):
    desk = make_desk(sample_library)
    acts = desk.window.menus.actions
    help_menu = acts["help_menu"].menu()
    texts = [a.text() for a in help_menu.actions() if not a.isSeparator()]
    assert texts == ["&User Guide", "&Keyboard Shortcuts", "&About BlogDesk"]
    assert acts["user_guide"].shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    assert acts["shortcuts"].shortcut() == QKeySequence("Ctrl+/")


def test_user_guide_opens_the_bundled_guide_rendered(qtbot, make_desk, sample_library):
    desk = make_desk(sample_library)
    desk.window.menus.actions["user_guide"].trigger()
    guide = _open_window("userGuide")
    assert not guide.isModal()
    text = guide.browser.toPlainText()
    assert text.startswith("BlogDesk user guide")
    assert "Your words are safe" in text
    assert "## " not in text and "**" not in text  # rendered, not shown as Markdown
    # The shipped file is the one source: docs/user-guide.md only points to it.
    assert resources.path(GUIDE).read_text("utf-8").startswith("# BlogDesk user guide")
    # Asking again brings the same window back rather than stacking copies.
    desk.window.menus.actions["user_guide"].trigger()
    assert _open_window("userGuide") is guide


def test_keyboard_shortcuts_come_from_the_live_actions(qtbot, make_desk, sample_library):
    desk = make_desk(sample_library)
    acts = desk.window.menus.actions
    # A shortcut changed at run time is what the sheet shows: it is read, not written down.
    acts["refresh"].setShortcut(QKeySequence("Ctrl+Alt+R"))
    acts["shortcuts"].trigger()
    sheet = _open_window("keyboardShortcuts")
    lines = [line.strip() for line in sheet.browser.toPlainText().splitlines() if line.strip()]
    assert lines[0] == "Keyboard Shortcuts"
    for menu in ("File", "Edit", "Format", "View", "Library", "Help"):
        assert menu in lines
    rows = "\n".join(lines)
    assert f"Bold\n{_native('Ctrl+B')}" in rows
    assert f"Look for Changes on Disk\n{_native('Ctrl+Alt+R')}" in rows
    assert f"Keyboard Shortcuts\n{_native('Ctrl+/')}" in rows
    assert "Import ▸ WordPress Export (WXR)" not in rows  # no shortcut, no row
    # Format's rows sit under Format: bold comes after the Format heading, before View.
    assert lines.index("Format") < lines.index("Bold") < lines.index("View")
    # An action that is in no menu is listed too (Esc leaves focus mode).
    assert f"Leave Focus Mode\n{_native('Escape')}" in rows
