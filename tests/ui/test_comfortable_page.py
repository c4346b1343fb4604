"""A comfortable page: focus mode full screen with only the text column, typewriter scrolling,
dimming of all but the current paragraph, View → Appearance, and the same column at 1× and 2×.
The real window, offscreen, real key events."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from tests.ui.conftest import write_settings

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from blogdesk.core import paths
from blogdesk.core.settings import settings_path
from blogdesk.ui.preferences.apply import live_preferences

PARAGRAPHS = "---\ntitle: Paragraphs\nstatus: draft\n---\n\n" + "\n\n".join(
    f"Paragraph {n} says something **bold** about the number {n}." for n in range(1, 8)
)


def _settings_file() -> dict[str, Any]:
    return json.loads(settings_path(paths.config_dir()).read_text(encoding="utf-8"))


def _enter_focus_with_keys(qtbot: Any, window: Any) -> None:
    window.activateWindow()
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus)
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.editor, Qt.Key.Key_F, modifiers)
    assert window.focus_mode
    qtbot.waitUntil(window.editor.hasFocus)


def test_focus_mode_is_full_screen_with_the_text_column_alone(qtbot, make_desk, sample_library):
    desk = make_desk(sample_library, [sample_library / "first-post.md"])
    window = desk.window
    window.showMaximized()
    qtbot.waitUntil(window.isMaximized)
    window.menus.set_panel_visible("outline", False)  # a layout of the author's own
    _enter_focus_with_keys(qtbot, window)
    qtbot.waitUntil(window.isFullScreen)
    screen = window.screen().geometry()
    qtbot.waitUntil(lambda: window.geometry() == screen)
    assert not window.menuBar().isVisible() and not window.toolbar.isVisible()
    assert not window.statusBar().isVisible() and not window.left.isVisible()
    assert not window.preview_stack.isVisible() and not window.metadata.isVisible()
    editor = window.editor
    # Centred: as much room on either side of the editor.
    left = editor.mapTo(window, editor.rect().topLeft()).x()
    right = window.width() - (left + editor.width())
    assert editor.width() == editor.maximumWidth() < window.width() - 100
    assert abs(left - right) <= 2
    # The hidden menu bar's shortcuts still work: Ctrl+Shift+F leaves, as Esc does.
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(editor, Qt.Key.Key_F, modifiers)
    assert not window.focus_mode
    qtbot.waitUntil(lambda: window.isMaximized() and not window.isFullScreen())
    assert window.menuBar().isVisible() and window.toolbar.isVisible()
    assert window.statusBar().isVisible() and window.library_panel.isVisible()
    assert not window.menus.panel_visible("outline")  # as the author had it
    _enter_focus_with_keys(qtbot, window)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.isMaximized() and not window.isFullScreen())
    assert window.menuBar().isVisible()


def test_focus_mode_restores_a_normal_window_and_its_size(qtbot, make_desk, sample_library):
    desk = make_desk(sample_library, [sample_library / "first-post.md"])
    window = desk.window
    window.showNormal()
    qtbot.waitUntil(lambda: not window.isMaximized())
    before = window.geometry()
    assert before != window.screen().geometry()
    _enter_focus_with_keys(qtbot, window)
    qtbot.waitUntil(window.isFullScreen)
    qtbot.keyClick(window.editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen() and not window.isMaximized())
    qtbot.waitUntil(lambda: window.size() == before.size())
    # The place too (offscreen, the plugin's made-up title bar may shift it by its height).
    assert abs(window.x() - before.x()) <= 30 and abs(window.y() - before.y()) <= 30


def test_typewriter_keeps_the_line_being_written_in_the_middle(qtbot, make_desk, sample_library):
    desk = make_desk(sample_library, [sample_library / "first-post.md"], typewriter_scrolling=True)
    window, editor = desk.window, desk.window.editor
    assert window.menu_actions["typewriter"].isChecked()
    _enter_focus_with_keys(qtbot, window)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    for n in range(60):
        qtbot.keyClicks(editor, f"line {n}")
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor, "the last line")
    assert editor.verticalScrollBar().value() > 0
    middle = editor.viewport().height() / 2
    line = editor.cursorRect().center().y()
    assert abs(line - middle) <= editor.fontMetrics().lineSpacing() * 1.5
    # Off (from the View menu): the caret sits at the bottom after typing, not the middle.
    window.menu_actions["typewriter"].trigger()
    assert not window.settings.typewriter_scrolling
    for _ in range(30):
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert editor.cursorRect().center().y() > editor.viewport().height() * 0.75


def _dimmed_ranges(editor: Any) -> list[tuple[int, int, QColor]]:
    return [
        (s.cursor.selectionStart(), s.cursor.selectionEnd(), s.format.foreground().color())
        for s in editor.extraSelections()
    ]


def test_dimming_sets_back_other_paragraphs_and_follows_the_cursor(
    qtbot, make_desk, sample_library
):
    post = sample_library / "paragraphs.md"
    post.write_text(PARAGRAPHS, encoding="utf-8")
    desk = make_desk(sample_library, [post])
    window, editor = desk.window, desk.window.editor
    _enter_focus_with_keys(qtbot, window)
    assert editor.extraSelections() == []  # off by default
    window.menu_actions["dim"].trigger()  # View → Dim Other Paragraphs in Focus Mode
    assert window.settings.dim_other_paragraphs
    text = editor.toPlainText()
    third = text.index("Paragraph 3")
    editor.setTextCursor(_cursor_at(editor, third + 4))
    ranges = _dimmed_ranges(editor)
    end_of_third = text.index("\n", third)
    assert [(a, b) for a, b, _ in ranges] == [(0, third), (end_of_third, len(text))]
    text_colour = editor.palette().color(QPalette.ColorRole.Text)
    base = editor.palette().color(QPalette.ColorRole.Base)
    for _a, _b, colour in ranges:  # between the text colour and the background
        assert colour != text_colour
        assert min(text_colour.lightness(), base.lightness()) < colour.lightness()
        assert colour.lightness() < max(text_colour.lightness(), base.lightness())
    # Typing moves on to a new paragraph: the dimming follows, the highlighting stays.
    formats_before = editor.document().findBlock(third).layout().formats()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "A new *paragraph*")
    text = editor.toPlainText()
    new = text.index("A new")
    assert [(a, b) for a, b, _ in _dimmed_ranges(editor)] == [(0, new)]
    assert editor.document().findBlock(third).layout().formats() == formats_before
    assert formats_before  # the bold of paragraph 3 is still highlighted
    _wait_saved(qtbot, desk)
    assert _settings_file()["dim_other_paragraphs"] is True
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.extraSelections() == []  # only in focus mode


def _cursor_at(editor: Any, position: int) -> Any:
    cursor = editor.textCursor()
    cursor.setPosition(position)
    return cursor


def _wait_saved(qtbot: Any, desk: Any) -> None:
    live = live_preferences(desk.window)
    qtbot.waitUntil(lambda: not live.writer.busy and desk.runner.busy_count() == 0)


def test_view_appearance_dark_applies_at_once_and_is_saved(qtbot, make_desk, sample_library):
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette, style = app.palette(), app.style().name()
    desk = make_desk(sample_library, [sample_library / "first-post.md"])
    window = desk.window
    acts = window.menu_actions
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    appearance = next(a.menu() for a in view.actions() if a.text() == "&Appearance")
    assert [a.text() for a in appearance.actions()] == ["&System", "&Light", "&Dark"]
    assert acts["theme_system"].isChecked() and not window.theme.dark
    try:
        acts["theme_dark"].trigger()
        # At once: no event loop turn needed for the palette.
        assert app.palette().color(QPalette.ColorRole.Window).lightness() < 128
        assert window.settings.theme == "dark" and acts["theme_dark"].isChecked()
        assert not acts["theme_system"].isChecked()
        qtbot.waitUntil(lambda: window.theme.dark and window.editor.highlighter.dark)
        _wait_saved(qtbot, desk)
        assert _settings_file()["theme"] == "dark"
        # The Preferences way (same setting) moves the menu's tick.
        live_preferences(window).set("theme", "light")
        assert acts["theme_light"].isChecked() and not acts["theme_dark"].isChecked()
        qtbot.waitUntil(lambda: not window.theme.dark)
    finally:
        from blogdesk.ui.window.theme import apply_theme_choice

        apply_theme_choice("system")
        if app.style().name() != style:
            app.setStyle(style)
        app.setPalette(palette)


# The real window (DeskApp, as app.py builds it) on the test's library and config folders, which
# the child inherits through the BLOGDESK_*_DIR variables.
_MEASURE = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from blogdesk.app import DeskApp
    from blogdesk.ui.preferences.apply import live_preferences

    root = Path(sys.argv[1])
    desk = DeskApp.build(root, [root / "first-post.md"], start_preview=False)
    desk.start([root / "first-post.md"])
    window = desk.window
    window.resize(1000, 700)
    for name in ("library", "outline", "preview"):  # the editor alone, wider than its column
        window.menus.set_panel_visible(name, False)
    deadline = time.monotonic() + 30
    while not desk.ready and time.monotonic() < deadline:
        QApplication.processEvents()
    QApplication.processEvents()
    editor = window.editor
    image = window.grab().toImage()
    print(json.dumps({
        "column": live_preferences(window).column.column_width(),
        "margin": editor.viewportMargins().left(),
        "editor": editor.width(),
        "points": editor.font().pointSizeF(),
        "ratio": window.devicePixelRatioF(),
        "pixels": [image.width(), image.height()],
        "size": [window.width(), window.height()],
    }))
    window.confirm_quit_unsaved = lambda _reason: True
    window.close()
    desk.runner.wait_idle(10_000)
    desk.shutdown()
    """
)


def _measure(scale: str, root: Path) -> dict[str, Any]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(root)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(sys.platform == "darwin", reason="QT_SCALE_FACTOR offscreen is a Linux test")
def test_the_text_column_is_the_same_at_one_and_two_times(sample_library: Path) -> None:
    write_settings(editor_font_point_size=12.0)
    one, two = _measure("1", sample_library), _measure("2", sample_library)
    assert (one["ratio"], two["ratio"]) == (1.0, 2.0)
    # Device-independent pixels: the same column, margin and font size at either scale.
    assert one["column"] == two["column"] > 300
    assert one["margin"] == two["margin"] > 0
    assert one["points"] == two["points"] == 12.0
    assert one["size"] == two["size"] and one["editor"] == two["editor"]
    # The grab has twice the pixels each way at 2×: the text is drawn sharp, not scaled up.
    assert two["pixels"] == [2 * one["pixels"][0], 2 * one["pixels"][1]]


def test_the_guide_shows_focus_mode_and_its_view_menu_entries() -> None:
    from blogdesk import resources
    from blogdesk.ui.window.help import GUIDE

    guide = resources.read_text(GUIDE)
    section = guide.split("## Focus mode", 1)[1].split("\n## ", 1)[0]
    for words in ("Typewriter Scrolling", "Dim Other Paragraphs", "Esc", "(focus-mode.png)"):
        assert words in section
    assert "View → Appearance" in guide
    assert resources.path("help/focus-mode.png").read_bytes().startswith(b"\x89PNG")


def test_dimming_follows_into_another_post(qtbot, make_desk, sample_library) -> None:
    desk = make_desk(sample_library, [sample_library / "first-post.md"], dim_other_paragraphs=True)
    window, editor = desk.window, desk.window.editor
    assert window.menu_actions["dim"].isChecked()
    _enter_focus_with_keys(qtbot, window)
    assert editor.extraSelections()
    window.open_path(sample_library / "third-post.md")
    qtbot.waitUntil(lambda: "Plain body text." in editor.toPlainText())
    text = editor.toPlainText()
    editor.setTextCursor(_cursor_at(editor, text.index("body")))
    lit = (text.index("Plain"), text.index("text.") + len("text."))
    dimmed = [(a, b) for a, b, _ in _dimmed_ranges(editor)]
    assert dimmed == [r for r in ((0, lit[0]), (lit[1], len(text))) if r[1] > r[0]]
    assert dimmed  # the blank line after the post's one paragraph
