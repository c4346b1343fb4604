"""The window's remembered layout: geometry, splitter sizes and which panels are shown.

A QSettings INI file in the state folder (not the user's real home in tests, since the state
folder follows BLOGDESK_STATE_DIR). Layout is state, not a preference, so it is kept apart from
settings.json.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:
    from blogdesk.ui.window.main_window import MainWindow

__all__ = ["PANELS", "WindowState"]

# panel name -> attribute of the window holding the widget
PANELS = {
    "library": "library_panel",
    "outline": "outline",
    "metadata": "metadata",
    "preview": "preview_stack",
}


class WindowState:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._store = QSettings(str(path), QSettings.Format.IniFormat)

    def restore(self, window: MainWindow) -> bool:
        """Put back the remembered layout; False when there was none (first start)."""
        store = self._store
        geometry = store.value("window/geometry")
        if isinstance(geometry, QByteArray):
            window.restoreGeometry(geometry)
        state = store.value("window/state")
        if isinstance(state, QByteArray):
            window.restoreState(state)
        for name, splitter in (("main", window.splitter), ("left", window.left)):
            value = store.value(f"splitter/{name}")
            if isinstance(value, QByteArray):
                splitter.restoreState(value)
        for name in PANELS:
            visible = store.value(f"panels/{name}", None)
            if visible is not None:
                window.set_panel_visible(name, _truthy(visible))
        toolbar = store.value("panels/toolbar", None)
        if toolbar is not None:
            window.toolbar.setVisible(_truthy(toolbar))
        return isinstance(store.value("splitter/main"), QByteArray)

    def save(self, window: MainWindow) -> None:
        store = self._store
        if window.focus_mode:
            window.set_focus_mode(False)  # remember the normal layout, not the focused one
        store.setValue("window/geometry", window.saveGeometry())
        store.setValue("window/state", window.saveState())
        store.setValue("splitter/main", window.splitter.saveState())
        store.setValue("splitter/left", window.left.saveState())
        for name in PANELS:
            store.setValue(f"panels/{name}", window.panel_visible(name))
        store.setValue("panels/toolbar", not window.toolbar.isHidden())
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
