"""Keeps the library index in step with edits made outside BlogDesk.

A QFileSystemWatcher on the library's folders, and on its post files while they are few enough
(ten thousand watches would hit inotify limits; folders see files come and go, only file watches
see a file rewritten in place), triggers a debounced `Library.refresh()` in the TaskRunner; a
periodic refresh catches what the watcher misses (network folders, sync tools, a watch limit
reached). One refresh runs at a time; changes seen meanwhile set a "run again" flag (STYLE.md
habit 3).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from blogdesk.core.library.library import Library, RefreshReport
from blogdesk.ui.i18n import translate
from blogdesk.ui.tasks import TaskRunner

__all__ = ["LibraryWatcher"]

log = logging.getLogger(__name__)

DEBOUNCE_MS = 250
MAX_WATCHES = 3000
POST_SUFFIXES = (".md", ".markdown")


class LibraryWatcher(QObject):
    """Watches `library.root` and refreshes the index when something changes there."""

    refreshed = Signal(object)  # the RefreshReport of a refresh that found changes
    failed = Signal(str)  # a message for the status bar when a refresh could not run

    def __init__(
        self,
        library: Library,
        runner: TaskRunner,
        *,
        period_s: int = 30,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._runner = runner
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_changed)
        self._watcher.fileChanged.connect(self._on_changed)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh_now)
        self._periodic = QTimer(self, interval=max(1, period_s) * 1000)
        self._periodic.timeout.connect(self.refresh_now)
        self._busy = False
        self._again = False
        self._stopped = False

    def start(self) -> None:
        self._watch_folders()
        self._periodic.start()

    def set_period(self, period_s: int) -> None:
        """Look at least every `period_s` seconds from now on (a preference changed)."""
        self._periodic.setInterval(max(1, period_s) * 1000)

    def stop(self) -> None:
        self._stopped = True
        self._debounce.stop()
        self._periodic.stop()
        watched = self._watcher.directories() + self._watcher.files()
        if watched:
            self._watcher.removePaths(watched)

    def refresh_soon(self) -> None:
        if not self._stopped:
            self._debounce.start()

    def refresh_now(self) -> None:
        if self._stopped:
            return
        if self._busy:
            self._again = True
            return
        self._busy = True
        self._again = False
        self._runner.run(self._library.refresh, self._on_done, self._on_error)

    # -- internals ----------------------------------------------------------------------------

    def _on_changed(self, _folder: str) -> None:
        self.refresh_soon()

    def _on_done(self, report: RefreshReport) -> None:
        self._busy = False
        if self._stopped:
            return
        # `changed` also counts posts another program indexed itself (a CLI import): the index
        # was already up to date, the list shown from it was not.
        if report.changed:
            # New sub-folders may have appeared: watch them too.
            self._watch_folders()
            self.refreshed.emit(report)
        if self._again:
            self.refresh_now()

    def _on_error(self, exc: BaseException) -> None:
        self._busy = False
        log.warning("library refresh failed: %s", exc)
        if not self._stopped:
            self.failed.emit(
                translate("LibraryWatcher", "Could not look for outside changes: {reason}").format(
                    reason=exc
                )
            )
        if self._again:
            self.refresh_now()

    def _watch_folders(self) -> None:
        root = Path(self._library.root)
        folders: list[str] = []
        files: list[str] = []
        for folder, subfolders, names in os.walk(root):
            # Hidden folders hold BlogDesk's own index and trash, or a VCS's data: not posts.
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            folders.append(folder)
            files.extend(os.path.join(folder, n) for n in names if n.endswith(POST_SUFFIXES))
            if len(folders) >= MAX_WATCHES:
                break
        wanted = folders + (files if len(folders) + len(files) <= MAX_WATCHES else [])
        current = set(self._watcher.directories()) | set(self._watcher.files())
        new = [f for f in wanted if f not in current]
        if new:
            self._watcher.addPaths(new)
