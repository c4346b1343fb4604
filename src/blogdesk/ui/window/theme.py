"""Light and dark: follow the system's colour scheme (Qt 6.5+) unless the author chose one.

The window never hard-codes colours for its chrome; it asks the palette. The few colours of its
own (status badges) come from here, in a light and a dark variant.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette

__all__ = ["ThemeWatcher", "apply_theme_choice", "dark_palette", "is_dark", "status_colours"]

_SCHEMES = {
    "light": Qt.ColorScheme.Light,
    "dark": Qt.ColorScheme.Dark,
    "system": Qt.ColorScheme.Unknown,  # Unknown = "follow the platform again"
}


def apply_theme_choice(choice: str) -> None:
    """ "system", "light" or "dark". Asks Qt (6.8+) for the scheme; where the platform cannot
    switch (no platform theme, offscreen, some X11 desktops), sets a matching Fusion palette."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return
    hints = app.styleHints()
    setter = getattr(hints, "setColorScheme", None)
    if setter is not None:
        setter(_SCHEMES.get(choice, Qt.ColorScheme.Unknown))
    if choice == "dark" and not is_dark():
        _use_fusion(app, dark_palette())
    elif choice == "light" and is_dark():
        _use_fusion(app, None)


def _use_fusion(app: QGuiApplication, palette: QPalette | None) -> None:
    from PySide6.QtWidgets import QApplication, QStyle

    if not isinstance(app, QApplication):
        return
    # Replace the style only when it is not Fusion already: each setStyle() deletes the old
    # style object while every widget is repolished, which is needless churn on a theme switch.
    style: QStyle | None = app.style()
    if style is None or style.name().lower() != "fusion":
        style = app.setStyle("Fusion")
    if palette is None and style is not None:
        palette = style.standardPalette()
    if palette is not None:
        app.setPalette(palette)


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style (used where the platform has no dark mode to offer)."""
    palette = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: "#2b2b2b",
        role.WindowText: "#e6e6e6",
        role.Base: "#1f1f1f",
        role.AlternateBase: "#292929",
        role.ToolTipBase: "#3a3a3a",
        role.ToolTipText: "#f0f0f0",
        role.PlaceholderText: "#8a8a8a",
        role.Text: "#e6e6e6",
        role.Button: "#353535",
        role.ButtonText: "#e6e6e6",
        role.BrightText: "#ff6b6b",
        role.Light: "#4a4a4a",
        role.Midlight: "#3c3c3c",
        role.Mid: "#2f2f2f",
        role.Dark: "#1a1a1a",
        role.Shadow: "#000000",
        role.Highlight: "#3d7be0",
        role.HighlightedText: "#ffffff",
        role.Link: "#7fb0ff",
        role.LinkVisited: "#c59cff",
    }
    for which, colour in colours.items():
        palette.setColor(which, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for which in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, which, QColor("#7a7a7a"))
    return palette


def is_dark() -> bool:
    """True when the window is drawn light-on-dark."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    scheme = app.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    # Platforms that report no scheme (offscreen, some X11 desktops): judge by the palette.
    window = app.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 128


class ThemeWatcher(QObject):
    """Tells the window (and the preview) when the system switches between light and dark."""

    darkChanged = Signal(bool)  # emitted with the new is_dark() after a switch

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dark = is_dark()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.styleHints().colorSchemeChanged.connect(self._check)
            app.paletteChanged.connect(self._check)

    @property
    def dark(self) -> bool:
        return self._dark

    def _check(self, *_: object) -> None:
        dark = is_dark()
        if dark != self._dark:
            self._dark = dark
            self.darkChanged.emit(dark)


# Badge colours per post status: (background, text) for light and for dark windows.
_BADGES_LIGHT = {
    "draft": ("#e8e8e8", "#444444"),
    "published": ("#d4f0d9", "#1d5e2c"),
    "scheduled": ("#dbe7fb", "#1f4690"),
    "pending": ("#fbecc8", "#7a5200"),
    "private": ("#eadcf7", "#5a2d86"),
}
_BADGES_DARK = {
    "draft": ("#3b3b3b", "#d0d0d0"),
    "published": ("#1f4a29", "#bfe8c8"),
    "scheduled": ("#1f365f", "#c7d9fa"),
    "pending": ("#5a4410", "#f6e0a8"),
    "private": ("#42285c", "#e0cdf5"),
}


def status_colours(status: str, dark: bool) -> tuple[QColor, QColor]:
    """(background, text) of the badge for `status`; unknown statuses look like drafts."""
    table = _BADGES_DARK if dark else _BADGES_LIGHT
    background, text = table.get(status, table["draft"])
    return QColor(background), QColor(text)
