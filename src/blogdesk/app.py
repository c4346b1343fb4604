"""The composition root of the window (STYLE.md habit 5).

`run()` builds, in this order and passing each down, never reaching for globals:
0. nothing without a display (Linux): a message and exit 1, not Qt's abort;
1. the QApplication (after the preview's URL scheme is registered: Qt refuses it later);
2. the single-instance check: when a BlogDesk window is already open, hand it the files, exit 0
   (exit 1 with a message when that window shows another library than the one asked for);
3. the folders and settings, then the library (the folder chosen in Preferences when none was
   named; a new one gets the welcome post), opened without its start-up scan so the window
   shows at once — the scan runs in the background; all three by `blogdesk.services.Services`,
   the builder the CLI uses too;
   On a fresh machine (or with `--first-run`) the first-run assistant (`ui.first_run`) comes
   first: its library page decides the library, and the window is shown when it ends;
4. the crash journal (`recovery` in the state folder) and the window state file;
5. the window, with its live preferences (ui/preferences: the stored font and text column, and
   settings written through `Services.save_settings` into the config folder), shown; the last
   session, the files asked for and any text recovered after a crash are put back; then, after
   the first frame, the web preview starts (MainWindow.paintEvent), the publishing menus are
   added with `Services.sync_service` as their factory (the sync layer is imported when
   publishing is first used) and the library's start-up scan runs in the background.
Nothing happens at import time, and nothing of `blogdesk.sync` is imported by this module (but
`ui/window/later_imports.py`, on a worker after the first preview: the outbox and change check).
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.library.library import Library
from blogdesk.core.settings import Settings, load_library_settings
from blogdesk.core.spelling.wordlist import WORDS_FILE
from blogdesk.services import Folders, Services
from blogdesk.ui.application import APP_ID, app_icon, create_application
from blogdesk.ui.first_run.launch import Startup, begin
from blogdesk.ui.first_run.places import documents_folder, remembered_library
from blogdesk.ui.first_run.welcome import ensure_welcome
from blogdesk.ui.i18n import translate
from blogdesk.ui.preferences.apply import install as install_preferences
from blogdesk.ui.tasks import TaskRunner
from blogdesk.ui.window.instance.handoff import (
    OtherLibraryOpen,
    has_display,
    library_for,
    wanted_library,
)
from blogdesk.ui.window.instance.single_instance import InstanceServer, send_to_running
from blogdesk.ui.window.later_imports import import_set_up_modules, warm_up_later_imports
from blogdesk.ui.window.main_window import MainWindow
from blogdesk.ui.window.recovery import RecoveryJournal
from blogdesk.ui.window.state import WindowState
from blogdesk.ui.window.theme import apply_theme_choice
from blogdesk.ui.window.unsaved_restore import restore_unsaved

if TYPE_CHECKING:  # only after a crash left unsaved text (ui/window/unsaved_restore.py)
    from blogdesk.ui.window.recovered_dialog import RecoveredDialog

__all__ = [
    "APP_ID",
    "DeskApp",
    "app_icon",
    "create_application",
    "has_display",
    "library_for",
    "run",
]

log = logging.getLogger(__name__)

STARTED_STAMP = "BLOGDESK_STARTUP_STAMPS"
AFTER_SHOW_FALLBACK_MS = 2000  # benchmarks set it to get start-up times on stdout
AFTER_PREVIEW_MS = 100  # the set-up after the first preview waits this long for its pixels


@dataclass
class DeskApp:
    """Everything `run()` builds, so tests can drive the real thing without app.exec()."""

    app: QApplication
    services: Services
    library: Library
    settings: Settings
    journal: RecoveryJournal
    runner: TaskRunner
    window: MainWindow
    server: InstanceServer
    crashed: bool
    welcome: Path | None
    restored: list[str] = field(default_factory=list)
    ready: bool = False  # True once the post-show set-up (publishing) is done
    recovered_dialog: RecoveredDialog | None = None  # what a crash's recovery put back, if any
    _later: list[Callable[[], object]] = field(default_factory=list)  # _after_show's steps left

    @classmethod
    def build(
        cls,
        library_root: Path,
        files: list[Path],
        *,
        start_preview: bool = True,
        services: Services | None = None,
    ) -> DeskApp:
        app = create_application()
        services = services or Services()
        settings = services.settings
        apply_theme_choice(settings.theme)
        # The folder chosen in Preferences, unless --library or BLOGDESK_LIBRARY named one.
        root = library_for(services.window_library(Path(library_root)), files)
        welcome = ensure_welcome(root)
        library = services.open_library(root, refresh=False)
        library_settings = load_library_settings(library.root)
        state_dir = services.folders.state
        journal = RecoveryJournal(state_dir / "recovery")
        crashed = journal.begin()
        runner = TaskRunner()
        state = WindowState(state_dir / "window.ini")
        window = MainWindow(
            library,
            settings,
            library_settings,
            journal,
            runner,
            state,
            icon=app_icon(),
            start_preview=start_preview,
            spelling_words=services.folders.config / WORDS_FILE,
        )
        # The Preview Style menu reads the accounts and the theme cache only when it needs them.
        window.menus.preview_style.set_sources(services.accounts, services.folders.cache)
        # Edit → Preferences applies to this window and saves into the config folder; the
        # settings object it changes is the one the SyncService renders with.
        install_preferences(
            window, save_settings=services.save_settings, accounts=services.accounts
        )
        server = InstanceServer(window, state_dir=state_dir, library=library.root)
        server.listen()
        server.filesReceived.connect(window.open_files)
        return cls(
            app, services, library, settings, journal, runner, window, server, crashed, welcome
        )

    def start(self, files: list[Path]) -> None:
        """Show the window, then put back the session (or open `files`)."""
        self.window.show()
        _stamp("window-shown")
        if os.environ.get(STARTED_STAMP):
            self.window.firstFrameShown.connect(lambda: _stamp("window-painted"))
            self.window.previewReady.connect(self._stamp_first_paint)
            # After window.open_files (connected first, in build): a second launch's file shown.
            self.server.filesReceived.connect(lambda _files: _stamp("files-received"))
        self.restore_session(files)
        # What the first frame and the first preview do not need comes after them (with a
        # fallback for a preview that is slow or off).
        if self.window.preview_enabled:
            self.window.previewPainted.connect(self._after_preview)
            # The window as context: closed and deleted before then, the call is dropped.
            QTimer.singleShot(AFTER_SHOW_FALLBACK_MS, self.window, self._after_show)
        else:
            self.window.firstFrameShown.connect(self._after_show)

    def _after_preview(self) -> None:
        """The preview's page holds the post now; its pixels reach the screen only when this
        thread next paints, so the set-up waits a moment instead of running inside this call."""
        QTimer.singleShot(AFTER_PREVIEW_MS, self.window, self._after_show)

    def _after_show(self) -> None:
        """The set-up that the first frame and the first preview do not need. Its modules
        (publishing, history: ~200 ms) are imported on a worker first, then it runs one step per
        turn of the event loop: a key pressed meanwhile waits for one short step at most."""
        if self.ready or self._later:
            return
        window = self.window

        def install_publishing() -> None:
            from blogdesk.ui.publishing.coordinator import install_publishing

            # Blog menu, Publish, outbox; the sync layer itself loads on first use (the factory).
            install_publishing(window, self.services.sync_service)

        def install_history() -> None:
            from blogdesk.ui.history.install import install_history

            # History panel, Library → Sync, the commit after each save burst (docs/history.md).
            install_history(window, self.services)

        self._later = [
            install_publishing,
            # The spell checker's dictionaries load only now, after the first frame and preview;
            # the account list is read only now too, for the blog's language.
            window.start_spelling,
            lambda: window.spelling.set_blog_language(self._blog_spell_language),
            install_history,
            lambda: self.runner.run(warm_up_later_imports),
            window.watcher.refresh_now,
        ]
        # Installed either way: an import that fails on the worker fails again, and says so, here.
        self.runner.run(
            import_set_up_modules,
            lambda _none: self._next_later_step(),
            lambda _exc: self._next_later_step(),
        )

    def _next_later_step(self) -> None:
        if not self._later:
            return
        self._later.pop(0)()
        if self._later:
            QTimer.singleShot(0, self.window, self._next_later_step)
        else:
            self.ready = True

    def _blog_spell_language(self, post: Any) -> object:
        """The spell-check language of the first blog the post is on that names one (the
        account option `spell_language`), else None."""
        accounts = self.services.accounts()
        for account_id in post.sync_accounts():
            account = accounts.find(account_id)
            if account is not None and account.options.get("spell_language"):
                return account.options["spell_language"]
        return None

    def _stamp_first_paint(self) -> None:
        _stamp("preview-created")
        preview = self.window.preview
        stamped: list[bool] = []

        def painted(_revision: int) -> None:
            if not stamped:
                stamped.append(True)
                _stamp("preview-painted")

        preview.contentUpdated.connect(painted)

    def restore_session(self, files: list[Path]) -> None:
        window, journal = self.window, self.journal
        session = journal.load_session()
        same_library = session is not None and Path(session.library) == self.library.root
        if files:
            window.open_files(files)
        elif self.welcome is not None:
            window.open_path(self.welcome)
        elif (
            session
            and same_library
            and session.open_path
            and Path(session.open_path).exists()
            and (self.crashed or self.settings.reopen_last_post)
        ):
            window.open_path(Path(session.open_path), cursor=session.cursor)
        self._restore_unsaved()
        if window.documents.doc is not None:
            # The caret in the post, where the session left it: the author's first keys write
            # (the library's search box came first in the focus chain and took them).
            window.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _restore_unsaved(self) -> None:
        restored, dialog = restore_unsaved(self.window, self.journal)
        self.restored.extend(restored)
        if dialog is not None:
            self.recovered_dialog = dialog

    def shutdown(self) -> None:
        """After the window closed: stop workers, store settings, close the blogs' connections
        and the index, mark a clean exit (so the next start is not treated as a crash)."""
        self.server.close()
        self.runner.shutdown()
        try:
            self.services.save_settings()
        except BlogDeskError as exc:
            log.warning("%s", exc)
        self.services.close()
        self.library.close()
        self.journal.end()


def _stamp(what: str) -> None:
    if os.environ.get(STARTED_STAMP):
        import time

        print(f"{what} {time.time():.6f}", flush=True)


NO_DISPLAY_MESSAGE = (
    "BlogDesk needs a graphical desktop (no DISPLAY or WAYLAND_DISPLAY). "
    "Use the command line: blogdesk --help"
)


def launch(
    library: Path,
    files: list[Path],
    services: Services,
    *,
    first_run: bool = False,
    start_preview: bool = True,
    documents: Path | None = None,
) -> Startup[DeskApp]:
    """Show the window on `library`, or first the first-run assistant (a fresh machine, or
    `first_run`), whose library page decides the library; see `ui.first_run.launch`."""
    return begin(
        Path(library),
        files,
        build=lambda root: DeskApp.build(
            root, files, start_preview=start_preview, services=services
        ),
        sync_service=services.sync_service,
        settings=services.settings,
        folders=(services.folders.config, services.folders.default_library, documents),
        first_run=first_run,
    )


def run(
    library: Path, files: list[Path], *, first_run: bool = False, collector_paused: bool = False
) -> int:
    """`blogdesk [--library DIR] [--first-run] [FILE...]`: the window. Returns the exit code.
    `collector_paused`: the caller paused the garbage collector for the start (the `blogdesk`
    command does); it resumes once the window's first frame is shown, with what the start made
    frozen (gc.freeze: no collection looks those objects over again)."""

    def resume_collector() -> None:
        if collector_paused and not gc.isenabled():
            gc.freeze()
            gc.enable()

    try:
        return _run(library, files, first_run, resume_collector)
    finally:
        resume_collector()


def _run(
    library: Path, files: list[Path], first_run: bool, resume_collector: Callable[[], None]
) -> int:
    if not has_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 1
    app = create_application()
    folders = Folders.of_user()
    services = Services(folders)
    # Plain `blogdesk` (a desktop launcher: the usual library, no files) just brings the open
    # window forward, whatever library it shows; a library asked for must be the open one. The
    # usual library: the one chosen on first run or in Preferences, else the data folder's.
    usual = remembered_library(services.settings) or folders.default_library
    wanted = wanted_library(Path(library), files, usual)
    try:
        if send_to_running(files, folders.state, library=wanted):
            return 0  # the window already open took the files
    except OtherLibraryOpen as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        startup = launch(
            library, files, services, first_run=first_run, documents=documents_folder()
        )
    except BlogDeskError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, translate("DeskApp", "BlogDesk cannot start"), str(exc))
        raise

    def started(_root: object = None) -> None:
        if startup.desk is None:
            app.quit()  # the assistant could open no library: it said why
            return
        startup.desk.window.closed.connect(app.quit)
        app.setQuitOnLastWindowClosed(True)

    if startup.assistant is None:
        started()
        if startup.desk is not None:
            startup.desk.window.firstFrameShown.connect(resume_collector)
    else:
        resume_collector()  # the assistant is up: what the author does next is no longer the start
        # The window shows only after the assistant: closing the assistant must not end the
        # program before the window is up.
        app.setQuitOnLastWindowClosed(False)
        startup.assistant.concluded.connect(started)
    code = app.exec()
    desk = startup.desk
    if desk is None:
        return int(code)
    desk.shutdown()
    # Delete the window (and its web view) now, in Qt's order, not in Python's at exit.
    desk.window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return int(code)
