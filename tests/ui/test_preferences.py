"""Edit → Preferences: opened with Ctrl+, from the real window (offscreen), changed with real key
events, applied to the window at once and written to settings.json; a broken settings file is
kept as settings.json.bak and reported once."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QMessageBox, QWidget

from blogdesk.core import paths
from blogdesk.core.settings import LibrarySettings, Settings, settings_path
from blogdesk.ui.preferences.apply import live_preferences
from blogdesk.ui.preferences.dialog import FIRST_BLOG, PreferencesDialog

QUOTED = (
    "---\ntitle: Quotes\nstatus: draft\n---\n\n"
    'She said "hello" -- and it\'s fine.\n\n# Heading\n\nMore.\n'
)


def _settings_file() -> dict[str, Any]:
    # The config folder the composition root (Services) was given.
    return json.loads(settings_path(paths.config_dir()).read_text(encoding="utf-8"))


def _wait_saved(qtbot: Any, desk: Any) -> None:
    live = live_preferences(desk.window)
    qtbot.waitUntil(lambda: not live.writer.busy and desk.runner.busy_count() == 0)


def _open_with_keys(qtbot: Any, desk: Any) -> PreferencesDialog:
    window = desk.window
    window.activateWindow()
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus)
    qtbot.keyClick(window.editor, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(PreferencesDialog, "preferencesDialog")
    assert isinstance(dialog, PreferencesDialog)
    qtbot.waitExposed(dialog)
    return dialog


def _control(dialog: PreferencesDialog, name: str) -> QWidget:
    row = dialog.rows[name]
    assert row.control is not None
    dialog.tabs.setCurrentWidget(row.control.parentWidget())
    return row.control


def _type_number(qtbot: Any, dialog: PreferencesDialog, name: str, text: str) -> None:
    spin = _control(dialog, name)
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def _press_space(qtbot: Any, dialog: PreferencesDialog, name: str) -> None:
    box = _control(dialog, name)
    assert isinstance(box, QCheckBox)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)


def test_the_menu_entry_is_the_platform_preferences_item(qtbot, make_desk, sample_library):
    desk = make_desk(sample_library)
    act: QAction = desk.window.menu_actions["preferences"]
    assert act.menuRole() == QAction.MenuRole.PreferencesRole
    assert act.shortcut().toString() == "Ctrl+,"
    edit_menu = next(a.menu() for a in desk.window.menuBar().actions() if a.text() == "&Edit")
    assert act in edit_menu.actions()


def test_font_size_and_line_width_apply_at_once_and_are_saved(qtbot, make_desk, sample_library):
    desk = make_desk(sample_library, [sample_library / "first-post.md"])
    window, editor = desk.window, desk.window.editor
    window.menus.set_panel_visible("library", False)
    window.menus.set_panel_visible("preview", False)
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: editor.width() > 900)
    dialog = _open_with_keys(qtbot, desk)

    _type_number(qtbot, dialog, "editor_font_point_size", "17")
    assert editor.font().pointSize() == 17
    _wait_saved(qtbot, desk)
    assert _settings_file()["editor_font_point_size"] == 17.0

    # By default the text is a centred column of 70 characters in a wide pane.
    margins = editor.viewportMargins()
    assert margins.left() > 0 and margins.left() == margins.right()
    column = editor.fontMetrics().horizontalAdvance("n" * 70)
    room = editor.contentsRect().width() - editor.verticalScrollBar().sizeHint().width()
    assert abs((room - 2 * margins.left()) - column) < 40  # plus the document margin

    _type_number(qtbot, dialog, "line_width_chars", "40")
    narrower = editor.viewportMargins()
    assert narrower.left() > margins.left() and narrower.left() == narrower.right()
    _type_number(qtbot, dialog, "line_width_chars", "0")  # "Whole pane"
    assert (editor.viewportMargins().left(), editor.viewportMargins().right()) == (0, 0)
    _wait_saved(qtbot, desk)
    assert _settings_file()["line_width_chars"] == 0

    # The find bar sits in the bottom margin and leaves the sides alone.
    _type_number(qtbot, dialog, "line_width_chars", "50")
    side = editor.viewportMargins().left()
    dialog.close()
    editor.actions_by_name()["find"].trigger()
    qtbot.waitUntil(editor.find_bar.isVisible)
    assert editor.viewportMargins().left() == side and editor.viewportMargins().bottom() > 0
    window.resize(1200, 900)
    qtbot.waitUntil(lambda: editor.viewportMargins().left() < side)


def test_smart_quotes_off_rerenders_the_preview(qtbot, make_desk, sample_library) -> None:
    post = sample_library / "quotes.md"
    post.write_text(QUOTED, encoding="utf-8")
    desk = make_desk(sample_library, [post], start_preview=True)
    window = desk.window
    qtbot.waitUntil(lambda: window.preview_controller is not None, timeout=15_000)
    controller = window.preview_controller
    qtbot.waitUntil(
        lambda: controller.last_post is not None and "“hello”" in controller.last_post.html,
        timeout=15_000,
    )
    dialog = _open_with_keys(qtbot, desk)
    _press_space(qtbot, dialog, "smart_quotes")
    assert window.settings.smart_quotes is False
    qtbot.waitUntil(
        lambda: '"hello"' in controller.last_post.html and "it's" in controller.last_post.html,
        timeout=10_000,
    )
    assert "“" not in controller.last_post.html and "’" not in controller.last_post.html
    # ... and the page itself shows it.
    shown: list[str] = []
    qtbot.waitUntil(lambda: controller.shown_revision == controller.revision, timeout=10_000)
    window.preview.page_text(shown.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert 'She said "hello"' in shown[0]
    _wait_saved(qtbot, desk)
    assert _settings_file()["smart_quotes"] is False

    _type_number(qtbot, dialog, "preview_text_percent", "150")
    assert abs(window.preview.view.zoomFactor() - 1.5) < 0.01


def test_theme_switches_at_once(qtbot, make_desk, sample_library) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette, style = app.palette(), app.style().name()
    desk = make_desk(sample_library, [sample_library / "first-post.md"])
    window = desk.window
    assert not window.theme.dark
    try:
        dialog = _open_with_keys(qtbot, desk)
        combo = _control(dialog, "theme")
        assert isinstance(combo, QComboBox) and combo.currentData() == "system"
        combo.setFocus()
        qtbot.keyClick(combo, Qt.Key.Key_End)  # the last choice: dark
        assert window.settings.theme == "dark"
        qtbot.waitUntil(lambda: window.theme.dark and window.editor.highlighter.dark)
        _wait_saved(qtbot, desk)
        assert _settings_file()["theme"] == "dark"
        qtbot.keyClick(combo, Qt.Key.Key_Up)  # light
        qtbot.waitUntil(lambda: not window.theme.dark and not window.editor.highlighter.dark)
    finally:
        from blogdesk.ui.window.theme import apply_theme_choice

        apply_theme_choice("system")
        if app.style().name() != style:
            app.setStyle(style)
        app.setPalette(palette)


def test_writing_and_library_options(qtbot, make_desk, sample_library, tmp_path) -> None:
    desk = make_desk(sample_library, [sample_library / "first-post.md"])
    window = desk.window
    dialog = _open_with_keys(qtbot, desk)

    _press_space(qtbot, dialog, "typewriter_scrolling")
    assert window.editor.centerOnScroll()
    _type_number(qtbot, dialog, "autosave_delay_ms", "3000")
    assert window.documents._autosave.interval() == 3000

    status = _control(dialog, "default_status")
    status.setFocus()
    qtbot.keyClick(status, Qt.Key.Key_Down)  # draft -> published
    assert window.library_panel.post_actions.default_status == "published"
    _press_space(qtbot, dialog, "allow_remote_content")
    assert window.menu_actions["remote"].isChecked()

    other = tmp_path / "elsewhere"
    other.mkdir()
    folder = _control(dialog, "library_folder")
    folder.setFocus()
    qtbot.keyClicks(folder, str(other))
    qtbot.keyClick(folder, Qt.Key.Key_Return)
    assert "next time it starts" in dialog.library_note.text()
    assert window.library.root == sample_library.resolve()  # this window keeps its library

    _wait_saved(qtbot, desk)
    stored = _settings_file()
    assert stored["typewriter_scrolling"] is True
    assert stored["autosave_delay_ms"] == 3000
    assert stored["library_folder"] == str(other)
    library = json.loads((sample_library / ".blogdesk" / "settings.json").read_text())
    assert library["default_status"] == "published"
    assert library["allow_remote_content"] is True


def test_the_library_folder_opens_at_the_next_start(qtbot, make_desk, tmp_path) -> None:
    other = tmp_path / "chosen-library"
    desk = make_desk(paths.default_library(), library_folder=str(other))
    assert desk.library.root == other.resolve()


def test_default_blog_comes_from_the_account_list(
    qtbot, make_desk, sample_library, accounts
) -> None:
    from blogdesk.sync.accounts.store import Account

    # The account list of the test's config folder: the one the window's Services reads.
    first = Account.new("work", "static", "https://work.example", "me")
    second = Account.new("travel", "static", "https://travel.example", "me")
    accounts.add(first)
    accounts.add(second)
    desk = make_desk(sample_library)
    dialog = _open_with_keys(qtbot, desk)
    combo = dialog.blog_combo
    qtbot.waitUntil(lambda: combo.isEnabled() and combo.count() == 3)
    assert combo.currentText() == FIRST_BLOG
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_End)
    assert desk.window.settings.default_blog == second.id
    assert desk.window.publishing.account_for(None).id == second.id
    _wait_saved(qtbot, desk)
    assert _settings_file()["default_blog"] == second.id


def test_a_broken_settings_file_is_kept_and_reported_once(
    qtbot, make_desk, close_desk, sample_library
) -> None:
    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    broken = b'{"theme": "dark", "smart_quotes": fals'
    (folder / "settings.json").write_bytes(broken)

    desk = make_desk(sample_library)
    assert desk.settings == Settings()
    assert (folder / "settings.json.bak").read_bytes() == broken
    assert json.loads((folder / "settings.json").read_text())["theme"] == "system"
    box = desk.window.findChild(QMessageBox, "settingsProblem")
    qtbot.waitUntil(lambda: box is not None and box.isVisible())
    assert str(folder / "settings.json") in box.text()
    assert "settings.json.bak" in box.text()
    box.accept()
    close_desk(desk)

    again = make_desk(sample_library)  # the file is good now: nothing more to say
    qtbot.wait(50)
    assert again.window.findChild(QMessageBox, "settingsProblem") is None
    assert (folder / "settings.json.bak").read_bytes() == broken


def test_wrong_types_keep_the_good_values(qtbot, make_desk, sample_library) -> None:
    desk = make_desk(sample_library, smart_quotes=False, autosave_delay_ms="soon", theme="purple")
    assert desk.settings.smart_quotes is False
    assert desk.settings.autosave_delay_ms == Settings().autosave_delay_ms
    assert desk.settings.theme == "system"
    backup = json.loads((paths.config_dir() / "settings.json.bak").read_text())
    assert backup["autosave_delay_ms"] == "soon"
    box = desk.window.findChild(QMessageBox, "settingsProblem")
    qtbot.waitUntil(lambda: box is not None and box.isVisible())
    assert "autosave_delay_ms" in box.text() and "theme" in box.text()
    box.accept()


def test_every_shown_option_gets_a_row(qtbot, make_desk, sample_library) -> None:
    from blogdesk.ui.preferences.form import option_fields

    desk = make_desk(sample_library)
    dialog = _open_with_keys(qtbot, desk)
    shown = {f.name for f in option_fields(Settings) + option_fields(LibrarySettings)}
    assert shown == set(dialog.rows)
    assert all(row.widget is not None for row in dialog.rows.values())
    assert "recent_files" not in shown and "extra" not in shown and "load_problem" not in shown
    spell = dialog.rows["spell_language"].widget
    assert spell is not None and "lang:" in spell.toolTip()


def test_a_new_option_needs_no_ui_code(qtbot) -> None:
    from dataclasses import dataclass, field

    from PySide6.QtWidgets import QSpinBox

    from blogdesk.ui.preferences.form import OptionRow, sections

    @dataclass
    class Future:
        margin_lines: int = field(
            default=3,
            metadata={"title": "Lines kept below the caret", "section": "Writing", "maximum": 9},
        )
        hidden: str = field(default="", metadata={"title": "Not in the dialog"})

    found = sections(Future)
    assert list(found) == ["Writing"] and [o.name for _c, o in found["Writing"]] == ["margin_lines"]
    parent = QWidget()
    qtbot.addWidget(parent)
    row = OptionRow(found["Writing"][0][1], 3, parent)
    assert isinstance(row.control, QSpinBox) and row.control.maximum() == 9
    seen: list[tuple[str, object]] = []
    row.committed.connect(lambda name, value: seen.append((name, value)))
    row.control.setFocus()
    qtbot.keyClick(row.control, Qt.Key.Key_Up)
    assert seen == [("margin_lines", 4)]


def test_spell_language_reaches_the_live_spell_checker(qtbot, make_desk, sample_library) -> None:
    post = sample_library / "german.md"
    post.write_text("---\ntitle: Deutsch\n---\n\nDer Hund schläft.\n", encoding="utf-8")
    desk = make_desk(sample_library, [post], spell_language="en_US")
    window = desk.window
    qtbot.waitUntil(lambda: window.spelling.languages == ("en_US",), timeout=10_000)
    dialog = _open_with_keys(qtbot, desk)
    field = _control(dialog, "spell_language")
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, "de_DE")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.settings.spell_language == "de_DE"
    assert window.spelling.preference == "de_DE"
    # The checker reopens in German (dictionaries load on a worker) and the status bar says so.
    qtbot.waitUntil(lambda: window.spelling.languages == ("de_DE",), timeout=10_000)
    qtbot.waitUntil(lambda: window.spelling_label.text() == "de_DE", timeout=5000)
    _wait_saved(qtbot, desk)
    assert _settings_file()["spell_language"] == "de_DE"


def test_the_guide_describes_the_dialog_it_ships_with() -> None:
    """The bundled guide (Help → User Guide) has a Preferences section naming every page the
    dialog has, its screenshot beside it, and Ctrl+, among the shortcuts."""
    from blogdesk import resources
    from blogdesk.ui.preferences.form import sections
    from blogdesk.ui.window.help import GUIDE

    guide = resources.read_text(GUIDE)
    section = guide.split("## Preferences", 1)[1].split("\n## ", 1)[0]
    for page in sections(Settings, LibrarySettings):
        assert f"| **{page}** |" in section
    assert "(preferences.png)" in section
    assert resources.path("help/preferences.png").read_bytes().startswith(b"\x89PNG")
    assert "| Ctrl+, | Preferences |" in guide


def test_the_newest_snapshot_is_written_when_the_window_closes(qtbot) -> None:
    """A write still queued when the window closes (the runner's shutdown drops queued jobs) is
    done then, on the GUI thread; one change waiting behind it is replaced by the newest."""
    from blogdesk.ui.preferences.apply import SettingsWriter

    class HeldRunner:  # starts nothing: every write stays queued
        def run(self, job: Any, done: Any, failed: Any) -> None:
            self.queued = job

    written: list[str] = []
    writer = SettingsWriter(HeldRunner())  # type: ignore[arg-type]
    writer.write("library", lambda: written.append("first"))
    writer.write("library", lambda: written.append("second"))
    writer.write("library", lambda: written.append("newest"))
    assert writer.busy and written == []
    writer.flush()
    assert written == ["newest"] and not writer.busy
