"""Fixtures for the Qt tests (shared by the editor/preview and the window tests).

QtWebEngine must be imported, and the preview's URL scheme registered, before pytest-qt's `qapp`
fixture creates the QApplication: both are refused afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import PySide6.QtWebEngineWidgets  # noqa: F401  (must precede QApplication)
from PySide6.QtCore import QEvent, QLocale
from PySide6.QtWidgets import QApplication, QWidget

from blogdesk.services import Services
from blogdesk.ui.preview.url_scheme import register_url_scheme
from blogdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from blogdesk.sync.accounts.store import AccountStore

register_url_scheme()
# Dates and numbers as an American English system writes them, whatever the machine's locale
# (tests/conftest.py sets BLOGDESK_LANGUAGE=en for the text).
QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


@pytest.fixture(autouse=True)
def _clipboard_freed_after_each_test() -> Iterator[None]:
    """Data a test put on the clipboard is owned by Qt's clipboard, a C++ global destroyed after
    Python has shut down: freeing the Python-made QMimeData then segfaults the process at exit,
    after pytest's summary (exit 139). Clearing it after each test frees it while Python runs."""
    yield
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.clipboard().clear()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """After a test and all its teardown (pytest-qt's closing of its widgets too), no top-level
    widget may be left alive. One that is left is deleted when Python's garbage collector gets
    to its wrapper, and the collector runs on whichever thread allocates at that moment, a
    TaskRunner worker as well: a widget deleted there while the GUI thread paints it crashes
    the process (a segfault in QScrollBar::paintEvent). Deferred deletes are carried out
    first; a widget still alive then is reported (as an error of this test) and deleted."""
    result = yield
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return result
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    left = app.topLevelWidgets()
    if not left:
        return result
    names = sorted(f"{type(widget).__name__} {widget.windowTitle()!r}" for widget in left)
    for widget in left:
        widget.close()
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    raise AssertionError(
        f"{item.nodeid} left {len(names)} top-level widget(s) alive: {', '.join(names)}. "
        "Register them with qtbot.addWidget(), give them a parent, or close and delete them."
    )


@pytest.fixture
def task_runner(qtbot: object) -> Iterator[TaskRunner]:
    """A TaskRunner that is drained and shut down after the test, so no worker outlives it."""
    runner = TaskRunner()
    yield runner
    runner.wait_idle(10_000)
    runner.shutdown()
    runner.deleteLater()


@pytest.fixture
def services() -> Iterator[Services]:
    """The composition root app.py uses, on the test's own folders; its SyncService (if one was
    built) is closed after the test. A library it opened is closed by the test that opened it."""
    built = Services()
    yield built
    built.close()


@pytest.fixture
def accounts(services: Services) -> AccountStore:
    """The account list of the test's config folder (what the window's service reads)."""
    return services.accounts()


# -- the desk window (main window, library panel, autosave, recovery) -----------------------------

SAMPLE_POSTS = {
    "first-post.md": (
        "---\ntitle: First post\nstatus: published\ndate: 2026-01-05\ntags: [python, qt]\n"
        "---\n\n# Getting started\n\nThe aardvark paragraph.\n\n## Details\n\nMore words here.\n"
    ),
    "second-post.md": (
        "---\ntitle: Second post\nstatus: draft\ndate: 2026-02-10\ntags: [travel]\n---\n\n"
        "Notes about zebras and trains.\n"
    ),
    "third-post.md": (
        "---\n# a comment the author wrote\ntitle: Third post\nstatus: draft\n"
        "date: 2026-03-15\ncategories: [misc]\nmood: sunny   # unknown key, kept\n---\n\n"
        "Plain body text.\n"
    ),
}


@pytest.fixture
def sample_library(tmp_path: Path) -> Path:
    """A library folder with three posts, written with plain file I/O."""
    root = tmp_path / "library"
    root.mkdir()
    for name, text in SAMPLE_POSTS.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def write_settings(**values: Any) -> None:
    """Preferences for the next window (the config dir is the test's own)."""
    from blogdesk.core import paths

    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.json").write_text(json.dumps(values), encoding="utf-8")


@pytest.fixture
def make_desk(qtbot: Any) -> Iterator[Callable[..., Any]]:
    """Builds the real window (DeskApp) on a library, shows it, and tears it all down after."""
    from blogdesk.app import DeskApp

    built: list[DeskApp] = []

    def make(
        root: Path, files: list[Path] | None = None, *, start_preview: bool = False, **settings: Any
    ) -> DeskApp:
        if settings:
            write_settings(**settings)
        desk = DeskApp.build(root, files or [], start_preview=start_preview)
        built.append(desk)
        desk.start(files or [])
        qtbot.waitExposed(desk.window)
        qtbot.waitUntil(lambda: desk.ready)  # menus added just after the first frame
        return desk

    yield make
    for desk in built:
        _close_desk(desk)


@pytest.fixture
def close_desk() -> Callable[[Any], None]:
    """`close_desk(desk)`: close a window made by make_desk before the test ends."""
    return _close_desk


def _close_desk(desk: Any) -> None:
    """Close the window the way a user does (saving), then shut the services down."""
    window = desk.window
    if getattr(desk, "closed_by_test", False):
        return
    desk.closed_by_test = True
    # A test may leave an unresolved conflict behind: quit without the modal question.
    window.confirm_quit_unsaved = lambda _reason: True
    if window.isVisible():
        window.close()
    desk.runner.wait_idle(10_000)
    desk.shutdown()
    window.deleteLater()
    # processEvents() leaves deferred deletes alone; the web page must go before its profile.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


@pytest.fixture
def wait_listed(qtbot: Any) -> Callable[..., None]:
    """`wait_listed(desk, rows=None)`: wait until the library list shows `rows` rows (or any)."""

    def wait(desk: Any, rows: int | None = None, timeout: int = 5000) -> None:
        model = desk.window.library_panel.model
        qtbot.waitUntil(
            lambda: model.rowCount() > 0 if rows is None else model.rowCount() == rows,
            timeout=timeout,
        )

    return wait


@pytest.fixture
def dispose(qtbot: Any) -> Callable[[QWidget], None]:
    """`dispose(widget)`: see `dispose_widget`."""
    return lambda widget: dispose_widget(qtbot, widget)


def dispose_widget(qtbot: Any, widget: QWidget) -> None:
    """Close and really delete `widget` now. A QWebEngineView left to pytest-qt's deleteLater
    after the last test dies at interpreter exit after its profile ("Release of profile requested
    but WebEnginePage still not deleted")."""
    destroyed: list[bool] = []
    widget.destroyed.connect(lambda *_: destroyed.append(True))
    widget.close()
    widget.deleteLater()
    qtbot.waitUntil(lambda: bool(destroyed), timeout=5000)
