"""The window's remembered layout: geometry, splitter sizes and which panels are shown.

A QSettings INI file in the state folder (not the user's real home in tests, since the state
folder follows BLOGDESK_STATE_DIR). Layout is state, not a preference, so it is kept apart from
settings.json.

It takes what it saves and puts back (the QMainWindow, its splitters, its panel switches) as
arguments: this module never imports the window's.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter, QToolBar

__all__ = ["PANELS", "PanelSwitches", "WindowState"]

# The panels whose visibility is remembered, by the names of the View menu's toggles.
PANELS = ("library", "outline", "metadata", "preview")


class PanelSwitches(Protocol):
    """The window's panel toggles and focus mode (its `Menus` is one)."""

    @property
    def toolbar(self) -> QToolBar: ...
    @property
    def focus_mode(self) -> bool: ...

    def panel_visible(self, name: str) -> bool: ...
    def set_panel_visible(self, name: str, visible: bool) -> None: ...
    def set_focus_mode(self, on: bool) -> None: ...


class WindowState:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._store = QSettings(str(path), QSettings.Format.IniFormat)

    def restore(
        self, window: QMainWindow, splitters: Mapping[str, QSplitter], panels: PanelSwitches
    ) -> bool:
        """Put back the remembered layout; False when there was none (first start).
        `splitters`: "main" (the three columns) and "left" (library over outline)."""
        store = self._store
        geometry = store.value("window/geometry")
        if isinstance(geometry, QByteArray):
            window.restoreGeometry(geometry)
        state = store.value("window/state")
        if isinstance(state, QByteArray):
            window.restoreState(state)
        for name, splitter in splitters.items():
            value = store.value(f"splitter/{name}")
            if isinstance(value, QByteArray):
                splitter.restoreState(value)
        for name in PANELS:
            visible = store.value(f"panels/{name}", None)
            if visible is not None:
                panels.set_panel_visible(name, _truthy(visible))
        toolbar = store.value("panels/toolbar", None)
        if toolbar is not None:
            panels.toolbar.setVisible(_truthy(toolbar))
        return isinstance(store.value("splitter/main"), QByteArray)

    def save(
        self, window: QMainWindow, splitters: Mapping[str, QSplitter], panels: PanelSwitches
    ) -> None:
        store = self._store
        if panels.focus_mode:
            panels.set_focus_mode(False)  # remember the normal layout, not the focused one
        store.setValue("window/geometry", window.saveGeometry())
        store.setValue("window/state", window.saveState())
        for name, splitter in splitters.items():
            store.setValue(f"splitter/{name}", splitter.saveState())
        for name in PANELS:
            store.setValue(f"panels/{name}", panels.panel_visible(name))
        store.setValue("panels/toolbar", not panels.toolbar.isHidden())
        store.sync()

    def panels(self) -> dict[str, bool | None]:
        """What the file says about each panel (None: not recorded yet); for tests and tools."""
        self._store.sync()
        return {
            name: (None if (v := self._store.value(f"panels/{name}", None)) is None else _truthy(v))
            for name in PANELS
        }


def _truthy(value: object) -> bool:
    # INI files hand booleans back as the strings "true"/"false".
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)
