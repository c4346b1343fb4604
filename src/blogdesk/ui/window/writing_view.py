"""Focus mode as writers know it, and the View menu's writing and appearance choices.

Focus mode: the window goes full screen with nothing but the text column, centred (no menu bar,
toolbar, panels or status bar); the paragraph being written may stay lit while the rest is
dimmed (ui.editor.focus_typing) and the line being written may stay in the middle (typewriter
scrolling, ui.preferences.text_column). Escape puts back exactly what was there: maximised or
normal (with its geometry) or full screen, and each panel as it was.

View → Typewriter Scrolling, View → Dim Other Paragraphs and View → Appearance (System / Light /
Dark) change the very Settings fields the Preferences dialog shows, through LivePreferences, so
both stay in step and the choice is saved.

`Menus` (ui/window/menus.py) makes one `WritingView` and hands focus mode to it.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar, QWidget

from blogdesk.core.settings import THEMES
from blogdesk.ui.editor.focus_typing import ParagraphDimmer
from blogdesk.ui.i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["THEME_TITLES", "WritingView"]

# Translated where the actions are made (QT_TRANSLATE_NOOP only marks them).
THEME_TITLES = {
    "system": QT_TRANSLATE_NOOP("WritingView", "&System"),
    "light": QT_TRANSLATE_NOOP("WritingView", "&Light"),
    "dark": QT_TRANSLATE_NOOP("WritingView", "&Dark"),
}
QWIDGETSIZE_MAX = 16777215


class Menus(Protocol):
    """What of ui.window.menus.Menus this uses (a Protocol: that module imports this one)."""

    window: QMainWindow
    host: Any  # its MenuHost: settings, editor
    panels: dict[str, QWidget]
    actions: dict[str, QAction]
    toolbar: QToolBar

    def panel_visible(self, name: str) -> bool: ...
    def set_panel_visible(self, name: str, visible: bool) -> None: ...


class WritingView:
    def __init__(self, menus: Menus, view_menu: QMenu) -> None:
        self.menus = menus
        self.window = menus.window
        self.host = menus.host
        self.active = False
        self._saved_panels: dict[str, bool] = {}
        self._saved_state = Qt.WindowState.WindowNoState
        self._saved_geometry = QByteArray()
        self._lent: list[QAction] = []  # menu actions given to the window while the bar is hidden
        self.dimmer = ParagraphDimmer(self.host.editor)
        theme = getattr(self.window, "theme", None)  # the ThemeWatcher: dimmed text follows
        if theme is not None:
            theme.darkChanged.connect(lambda _dark: self.dimmer.refresh())
        self._build(view_menu)

    # -- the View menu ----------------------------------------------------------------------------

    def _build(self, view_menu: QMenu) -> None:
        acts, settings = self.menus.actions, self.host.settings
        acts["typewriter"] = self._toggle(
            translate("WritingView", "&Typewriter Scrolling"), "typewriter_scrolling"
        )
        acts["dim"] = self._toggle(
            translate("WritingView", "&Dim Other Paragraphs in Focus Mode"), "dim_other_paragraphs"
        )
        view_menu.addActions([acts["typewriter"], acts["dim"]])
        appearance = view_menu.addMenu(translate("WritingView", "&Appearance"))
        self.theme_group = QActionGroup(self.window)
        self.theme_group.setExclusive(True)
        for name in THEMES:
            act = QAction(
                translate("WritingView", THEME_TITLES.get(name, name.title())), self.window
            )
            act.setCheckable(True)
            act.setChecked(settings.theme == name)
            act.setData(name)
            act.triggered.connect(lambda _c=False, n=name: self._set("theme", n))
            self.theme_group.addAction(act)
            appearance.addAction(act)
            acts[f"theme_{name}"] = act

    def _toggle(self, text: str, option: str) -> QAction:
        act = QAction(text, self.window)
        act.setCheckable(True)
        act.setChecked(bool(getattr(self.host.settings, option)))
        act.toggled.connect(lambda on: self._set(option, bool(on)))
        return act

    def _set(self, option: str, value: Any) -> None:
        # Through LivePreferences: applied, saved, and the same path as the dialog's.
        from blogdesk.ui.preferences.apply import live_preferences

        try:
            live = live_preferences(self.window)
        except LookupError:  # a bare window (some tests): apply for this session only
            setattr(self.host.settings, option, value)
            self.settings_changed(option)
            return
        live.set(option, value)

    def settings_changed(self, option: str) -> None:
        """`option` changed (menu or Preferences dialog): ticks and the focus view follow."""
        settings, acts = self.host.settings, self.menus.actions
        if option == "theme":
            act = acts.get(f"theme_{settings.theme}")
            if act is not None and not act.isChecked():
                act.setChecked(True)  # exclusive group: triggered is not emitted
        elif option in ("typewriter_scrolling", "dim_other_paragraphs"):
            act = acts["typewriter" if option == "typewriter_scrolling" else "dim"]
            on = bool(getattr(settings, option))
            if act.isChecked() != on:
                act.blockSignals(True)
                act.setChecked(on)
                act.blockSignals(False)
            self.dimmer.set_enabled(self.active and settings.dim_other_paragraphs)

    # -- focus mode ------------------------------------------------------------------------------

    def enter(self) -> None:
        menus, window, editor = self.menus, self.window, self.host.editor
        self.active = True
        self._saved_state = window.windowState()
        self._saved_geometry = window.saveGeometry()
        self._saved_panels = {name: menus.panel_visible(name) for name in menus.panels}
        self._saved_panels["toolbar"] = not menus.toolbar.isHidden()
        self._saved_panels["statusbar"] = not window.statusBar().isHidden()
        for name in menus.panels:
            menus.set_panel_visible(name, False)
        menus.toolbar.hide()
        window.statusBar().hide()
        # A hidden menu bar takes its actions' shortcuts with it: lend them to the window.
        own = set(window.actions())
        self._lent = [
            a for a in menus.actions.values() if a.menu() is None and a not in own and a.shortcut()
        ]
        window.addActions(self._lent)
        window.menuBar().hide()
        self.measure_column()
        window.setWindowState(self._saved_state | Qt.WindowState.WindowFullScreen)
        self.dimmer.set_enabled(self.host.settings.dim_other_paragraphs)
        editor.setFocus()

    def leave(self) -> None:
        menus, window = self.menus, self.window
        self.active = False
        self.dimmer.set_enabled(False)
        self.host.editor.setMaximumWidth(QWIDGETSIZE_MAX)
        window.menuBar().show()
        for act in self._lent:
            window.removeAction(act)
        self._lent = []
        for name in menus.panels:
            menus.set_panel_visible(name, self._saved_panels.get(name, True))
        menus.toolbar.setVisible(self._saved_panels.get("toolbar", True))
        window.statusBar().setVisible(self._saved_panels.get("statusbar", True))
        window.setWindowState(self._saved_state)
        if not self._saved_state & (
            Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen
        ):
            window.restoreGeometry(self._saved_geometry)  # the normal size and place again

    def measure_column(self) -> None:
        """The editor's width: `focus_column_chars` characters of its font, in device-independent
        pixels (the same at any scale factor), plus its frame, margins and scroll bar."""
        editor = self.host.editor
        chars = max(20, self.host.settings.focus_column_chars)
        margin = editor.frameWidth() * 2 + editor.document().documentMargin() * 2
        scrollbar = editor.verticalScrollBar().sizeHint().width()
        width = editor.fontMetrics().horizontalAdvance("n" * chars) + int(margin) + scrollbar
        editor.setMaximumWidth(width)
