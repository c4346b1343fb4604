"""The QApplication: made once per process, before any window, with the preview's URL scheme
registered first (Qt refuses it later). Light on purpose: the CLI's `export --pdf` makes one
too, without the window's modules."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from blogdesk import APP_ID, resources
from blogdesk.ui.i18n import use_language
from blogdesk.ui.preview.url_scheme import register_url_scheme

__all__ = ["APP_ID", "app_icon", "create_application"]


def app_icon() -> QIcon:
    return QIcon(str(resources.path("icons/blogdesk.svg")))


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (or the one that exists already, e.g. under pytest-qt)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium refuses to start its sandbox as root (containers, CI): without this the
        # preview process exits and takes the window with it.
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    register_url_scheme()
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("BlogDesk")
    app.setApplicationDisplayName("BlogDesk")
    app.setOrganizationName("BlogDesk")
    app.setDesktopFileName(APP_ID)  # Wayland/X11 match the window to the .desktop entry
    app.setWindowIcon(app_icon())
    use_language()  # the system's language (or BLOGDESK_LANGUAGE), before any window is made
    return app
