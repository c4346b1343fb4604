"""Each preference applied to the open window at once, and the settings files written off the GUI
thread.

`LivePreferences` is a child of the main window, made by the composition root (app.py) right
after the window (`install`), with what only the root knows: how to write `settings.json` into
the config folder (`Services.save_settings`) and where the account list is (`Services.accounts`).
It owns the text column, puts the stored editor font and preview text size in place, tells the
author once when a settings file was broken, and is what the Preferences dialog calls:
`set("smart_quotes", False)` changes `window.settings` (the one live Settings object, which the
SyncService reads too), re-renders the preview and writes `settings.json` on a worker. Options
without an entry in `_APPLY` are read where they are used (the default blog when publishing, the
library folder at the next start, the reopen choice at start-up).

The window is typed `Any`: importing MainWindow here would tie this module into the window's own
import circle (scripts/check_import_cycles.py).
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit, QWidget

from blogdesk.core.settings import Settings, render_options, save_library_settings
from blogdesk.ui.i18n import translate
from blogdesk.ui.preferences.text_column import TextColumn
from blogdesk.ui.tasks import TaskRunner
from blogdesk.ui.window.theme import apply_theme_choice

__all__ = [
    "LIVE_OPTIONS",
    "LivePreferences",
    "SettingsWriter",
    "editor_font",
    "install",
    "live_preferences",
]

log = logging.getLogger(__name__)

# Writes a snapshot of the settings into the config folder (Services.save_settings); run on a
# worker, so it must touch nothing but its argument and the file.
SaveSettings = Callable[[Settings], None]


def editor_font(settings: Settings) -> QFont:
    """The editor's font: the system's fixed-width one unless the author chose a family or size."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    if settings.editor_font_family:
        font.setFamilies([settings.editor_font_family])
    if settings.editor_font_point_size > 0:
        font.setPointSizeF(settings.editor_font_point_size)
    return font


def set_editor_font(editor: QPlainTextEdit, font: QFont) -> None:
    editor.setFont(font)
    editor.setTabStopDistance(editor.fontMetrics().horizontalAdvance(" ") * 4)


class SettingsWriter(QObject):
    """Writes settings files on the TaskRunner, one write per file at a time: a change made while
    that file is being written waits, and only the newest waiting one is written after it (so
    an older snapshot can never land last)."""

    failed = Signal(str)  # a message for the status bar

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._busy: set[str] = set()
        self._waiting: dict[str, Callable[[], None]] = {}
        self._newest: dict[str, Callable[[], None]] = {}  # per file, until it is on disk

    def write(self, key: str, job: Callable[[], None]) -> None:
        """Run `job` (it must only touch its own snapshot) once no earlier write of `key` runs."""
        self._newest[key] = job
        if key in self._busy:
            self._waiting[key] = job
            return
        self._busy.add(key)
        self._runner.run(job, lambda _r: self._done(key), lambda exc: self._failed(key, exc))

    @property
    def busy(self) -> bool:
        return bool(self._busy or self._waiting)

    def flush(self) -> None:
        """The window closes: write the newest snapshot of every file not yet written, now, on
        this thread. A write still queued on the runner would be dropped by its shutdown; one
        already running may finish too, harmlessly (atomic writes of the same snapshot)."""
        jobs = [self._newest[key] for key in self._busy | set(self._waiting)]
        self._busy.clear()
        self._waiting.clear()
        self._newest.clear()
        for job in jobs:
            try:
                job()
            except Exception as exc:  # reported like a worker failure; closing goes on
                log.warning("%s", exc)

    def _done(self, key: str) -> None:
        self._busy.discard(key)
        job = self._waiting.pop(key, None)
        if job is not None:
            self.write(key, job)
        else:  # on disk: nothing left for flush() to write
            self._newest.pop(key, None)

    def _failed(self, key: str, exc: BaseException) -> None:
        self.failed.emit(str(exc) or type(exc).__name__)
        self._done(key)


class LivePreferences(QObject):
    def __init__(
        self,
        window: Any,
        *,
        save_settings: SaveSettings,
        accounts: Callable[[], Any] | None = None,
    ) -> None:
        super().__init__(window)
        self.setObjectName("livePreferences")
        self.window = window
        self._save_settings = save_settings
        # The AccountStore (Services.accounts): the default blog's list; None: no blogs offered.
        self.accounts = accounts
        settings: Settings = window.settings
        self.column = TextColumn(
            window.editor, settings.line_width_chars, settings.typewriter_scrolling
        )
        if settings.editor_font_family or settings.editor_font_point_size > 0:
            set_editor_font(window.editor, editor_font(settings))
        self.writer = SettingsWriter(window.runner, self)
        self.writer.failed.connect(window.show_message)
        window.previewReady.connect(self._preview_ready)
        window.firstFrameShown.connect(self.report_load_problems)
        window.closed.connect(self.writer.flush)

    # -- changing a preference -------------------------------------------------------------------

    def set(self, name: str, value: Any) -> None:
        """Set the author's option `name` (a Settings field), apply it, and save the file."""
        settings: Settings = self.window.settings
        if getattr(settings, name) == value:
            return
        setattr(settings, name, value)
        apply = _APPLY.get(name)
        if apply is not None:
            apply(self, value)
        snapshot, save = copy.deepcopy(settings), self._save_settings
        self.writer.write("settings", lambda: save(snapshot))

    def set_library(self, name: str, value: Any) -> None:
        """Set the open library's option `name` (a LibrarySettings field), apply it, save it."""
        window = self.window
        if getattr(window.library_settings, name) == value:
            return
        setattr(window.library_settings, name, value)
        if name == "allow_remote_content":
            act = window.menus.actions.get("remote")
            if act is not None:  # the Library menu's tick follows, without saving twice
                act.blockSignals(True)
                act.setChecked(bool(value))
                act.blockSignals(False)
            if window.preview is not None:
                window.preview.set_allow_remote(bool(value))
        elif name == "default_status":
            window.library_panel.post_actions.default_status = value
        snapshot, root = copy.deepcopy(window.library_settings), window.library.root
        self.writer.write("library", lambda: save_library_settings(snapshot, root))

    # -- the parts of the window each option changes ----------------------------------------------

    def apply_font(self) -> None:
        set_editor_font(self.window.editor, editor_font(self.window.settings))
        self.refresh_focus_column()

    def refresh_focus_column(self) -> None:
        # Focus mode measures its column when it starts: measure again with the new values.
        menus = self.window.menus
        if menus.focus_mode:
            menus.writing.measure_column()

    def apply_preview_text_size(self) -> None:
        preview = self.window.preview
        if preview is not None:
            preview.view.setZoomFactor(self.window.settings.preview_text_percent / 100)

    def apply_render_options(self) -> None:
        """The preview renders again with the new options. Publishing needs nothing: the
        SyncService asks the composition root for the options at each publish, and both come
        from `core.settings.render_options` of this same Settings object."""
        controller = self.window.preview_controller
        if controller is not None:  # else the preview is not up yet: it reads them when it starts
            controller.set_options(render_options(self.window.settings))

    def apply_spell_language(self) -> None:
        self.window.spelling.set_preference(self.window.settings.spell_language)

    def _preview_ready(self) -> None:
        self.apply_preview_text_size()
        preview = self.window.preview
        if preview is not None:  # a new template page (theme, remote content) starts at 100 %
            preview.loaded.connect(self.apply_preview_text_size)

    # -- a broken settings file ------------------------------------------------------------------

    def report_load_problems(self) -> QMessageBox | None:
        """Tell the author, once, that a settings file was broken and what became of it."""
        problems = [
            s.load_problem
            for s in (self.window.settings, self.window.library_settings)
            if s.load_problem
        ]
        if not problems:
            return None
        for s in (self.window.settings, self.window.library_settings):
            s.load_problem = ""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("LivePreferences", "Settings reset"),
            "\n\n".join(problems),
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setObjectName("settingsProblem")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal, without a nested event loop: start-up goes on
        return box


def _set_theme(live: LivePreferences, value: str) -> None:
    apply_theme_choice(value)  # the ThemeWatcher tells the editor and the preview
    live.window.menus.writing.settings_changed("theme")  # View → Appearance's tick follows


def _set_typewriter(live: LivePreferences, value: bool) -> None:
    live.column.set_typewriter(bool(value))
    live.window.menus.writing.settings_changed("typewriter_scrolling")


def _set_delays(live: LivePreferences, _value: int) -> None:
    settings = live.window.settings
    live.window.documents.set_delays(settings.autosave_delay_ms, settings.journal_delay_ms)


_APPLY: dict[str, Callable[[LivePreferences, Any], None]] = {
    "theme": _set_theme,
    "editor_font_family": lambda live, _v: live.apply_font(),
    "editor_font_point_size": lambda live, _v: live.apply_font(),
    "line_width_chars": lambda live, v: live.column.set_chars(v),
    "focus_column_chars": lambda live, _v: live.refresh_focus_column(),
    "preview_text_percent": lambda live, _v: live.apply_preview_text_size(),
    "smart_quotes": lambda live, _v: live.apply_render_options(),
    "autosave_delay_ms": _set_delays,
    "journal_delay_ms": _set_delays,
    "spell_language": lambda live, _v: live.apply_spell_language(),
    "typewriter_scrolling": _set_typewriter,
    "dim_other_paragraphs": lambda live, _v: live.window.menus.writing.settings_changed(
        "dim_other_paragraphs"
    ),
    "library_refresh_seconds": lambda live, v: live.window.watcher.set_period(int(v)),
}
# Options that change the open window at once (the others are read where they are used).
LIVE_OPTIONS = frozenset(_APPLY)


def install(
    window: Any, *, save_settings: SaveSettings, accounts: Callable[[], Any] | None = None
) -> LivePreferences:
    """Made once per window by the composition root, right after the window (the editor exists,
    the preview not yet)."""
    return LivePreferences(window, save_settings=save_settings, accounts=accounts)


def live_preferences(window: QWidget) -> LivePreferences:
    found = window.findChild(LivePreferences, "livePreferences")
    if not isinstance(found, LivePreferences):
        raise LookupError("this window has no LivePreferences (made by app.DeskApp.build)")
    return found
