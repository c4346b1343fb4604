"""The history in the window: a commit after each save burst, View → History, Library → Sync,
kept drafts and sync after saves.

`install_history(window, services)` is called once the window is up (app.py, after the first
frame). Every git and network call runs in the TaskRunner, one at a time (a lock), so typing is
never blocked and a commit never interleaves with a sync's merge.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.settings import save_library_settings
from blogdesk.ui.history.panel import HistoryPanel
from blogdesk.ui.i18n import translate

__all__ = ["HistoryUi", "install_history"]

log = logging.getLogger(__name__)


def install_history(window: Any, services: Any) -> HistoryUi:
    """`services`: the window's `blogdesk.services.Services` (not imported here: the services
    layer sits above the UI)."""
    ui = HistoryUi(window, services)
    window.history_ui = ui
    return ui


class HistoryUi(QObject):
    def __init__(self, window: Any, services: Any) -> None:
        super().__init__(window)
        self.window, self.services = window, services
        self.runner = window.runner
        self.root: Path = window.library.root
        self._lock = threading.Lock()  # one git job at a time (worker threads)
        self.panel = HistoryPanel(self.runner, self._history, self._account_names, window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
        self.panel.hide()
        self.panel.restoreRequested.connect(self._restore)
        menus = window.menus
        # An action of our own rather than the dock's toggleViewAction, whose check mark
        # follows what Qt last showed and can disagree with what the author asked for.
        self.toggle = QAction(translate("HistoryUi", "&History"), window, checkable=True)
        self.toggle.setShortcut(QKeySequence("Ctrl+Alt+H"))
        self.panel.closed.connect(lambda: self.toggle.setChecked(False))
        menus.view_menu.addAction(self.toggle)
        menus.actions["panel_history"] = self.toggle
        self.sync_action = QAction(translate("HistoryUi", "S&ync with Other Machines"), window)
        self.sync_action.setShortcut(QKeySequence("Ctrl+Alt+S"))
        self.sync_action.triggered.connect(self.sync_now)
        menus.library_menu.addAction(self.sync_action)
        menus.actions["library_sync"] = self.sync_action
        docs = window.documents
        docs.saveBurstEnded.connect(self.burst_ended)
        docs.documentOpened.connect(lambda doc: self._show(doc.path if doc else None))
        self.toggle.toggled.connect(self._toggled)
        self._show(docs.path)
        # Catch up with what changed while BlogDesk was closed (edits in other programs, the
        # last burst of the previous session): one commit of the whole library.
        self.runner.run(self._catch_up, self._burst_done, self._failed)

    def _catch_up(self) -> list[str]:
        from blogdesk.core.history.record import record_saves

        with self._lock:
            history = self.services.history()
            if history is not None:
                record_saves(history)
        return []

    # ------------------------------------------------------------------------------ helpers
    def _history(self) -> Any:
        return self.services.history()

    def _account_names(self) -> dict[str, str]:
        try:
            return {a.id: a.name for a in self.services.accounts().all()}
        except Exception:  # names are a nicety; ids are shown instead
            return {}

    def _toggled(self, on: bool) -> None:
        self.panel.setVisible(on)
        if on:
            self.panel.raise_()
            self.panel.reload()

    def _show(self, path: Path | None) -> None:
        self.panel.show_file(path, self.root)

    def _restore(self, body: str) -> None:
        self.window.documents.restore_text(body)
        self.window.show_message(
            translate("HistoryUi", "The version is back in the editor (Undo takes it back).")
        )

    # ------------------------------------------------------------------------ save bursts
    def burst_ended(self, path: Path) -> None:
        """A post's saves stopped: commit it, keep its drafts, sync if asked (worker thread)."""
        try:
            rel = Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return  # a file outside the library: not ours to keep
        settings = self.window.library_settings
        sync_url = settings.sync_remote if settings.sync_after_save else ""
        self.runner.run(lambda: self._after_burst(rel, sync_url), self._burst_done, self._failed)

    def _after_burst(self, rel: str, sync_url: str) -> list[str]:
        from blogdesk.core.history.record import record_saves

        notes: list[str] = []
        with self._lock:
            history = self.services.history()
            if history is not None:
                record_saves(history, [rel])
            notes += self._keep_drafts(rel)
            if sync_url and history is not None:
                notes.append(self._sync(history, sync_url))
        return notes

    def _keep_drafts(self, rel: str) -> list[str]:
        from blogdesk.sync.drafts import keep_drafts

        if not self._might_keep_drafts(rel):
            return []  # off by default: no sync layer is loaded for it
        run = keep_drafts(self.services.sync_service(), rel)
        message = translate("HistoryUi", "Could not update the draft on the blog: {reason}")
        return [message.format(reason=why) for why in run.failed]

    def _might_keep_drafts(self, rel: str) -> bool:
        try:
            text = (self.root / rel).read_text(encoding="utf-8")
        except OSError:
            return False
        if "keep_draft_on" in text:
            return True
        try:
            return any(a.options.get("keep_draft") for a in self.services.accounts().all())
        except Exception:
            return False

    def _burst_done(self, notes: list[str]) -> None:
        for note in notes:
            if note:
                self.window.show_message(note)
        if self.panel.isVisible():
            self.panel.reload()

    def _failed(self, exc: BaseException) -> None:
        log.warning("history: %s", exc)
        self.window.show_message(translate("HistoryUi", "History: {reason}").format(reason=exc))

    # ------------------------------------------------------------------------------ sync
    def sync_now(self) -> None:
        """Library → Sync: ask for the remote the first time, then sync in the background."""
        settings = self.window.library_settings
        url = settings.sync_remote
        if not url:
            url, ok = QInputDialog.getText(
                self.window,
                translate("HistoryUi", "Sync with Other Machines"),
                translate(
                    "HistoryUi",
                    "A git repository to sync this library through: a bare repository's folder "
                    "(on a disk or a NAS), or an https:// or ssh:// address.",
                ),
                QLineEdit.EchoMode.Normal,
            )
            url = url.strip()
            if not ok or not url:
                return
            settings.sync_remote = url
            try:
                save_library_settings(settings, self.root)
            except BlogDeskError as exc:
                self.window.show_message(str(exc))
        self.sync_action.setEnabled(False)
        self.window.show_message(
            translate("HistoryUi", "Syncing with {address}…").format(address=url)
        )
        self.runner.run(lambda: self._sync_job(url), self._sync_done, self._sync_failed)

    def _sync_job(self, url: str) -> str:
        with self._lock:
            history = self.services.history()
            if history is None:
                raise BlogDeskError(
                    translate(
                        "HistoryUi", "Syncing needs the library's history, which is turned off."
                    )
                )
            return self._sync(history, url)

    def _sync(self, history: Any, url: str) -> str:
        from blogdesk.sync.library_sync.remote import sync_library, token_key

        password = None
        if url.startswith(("http://", "https://")):
            password = self.services.credentials().get(token_key(url))  # as `blogdesk sync`

        report = sync_library(history, url, password=password, refresh=self.window.library.refresh)
        if report.conflicts:
            names = ", ".join(copy for _, copy in report.conflicts)
            return translate(
                "HistoryUi",
                "Synced. Both machines changed a post; the other version is kept in {files}.",
            ).format(files=names)
        if report.fetched or report.pushed:
            return translate("HistoryUi", "Synced.")
        return translate("HistoryUi", "Synced: nothing new.")

    def _sync_done(self, message: str) -> None:
        self.sync_action.setEnabled(True)
        self.window.show_message(message)
        self.window.watcher.refresh_now()
        if self.panel.isVisible():
            self.panel.reload()

    def _sync_failed(self, exc: BaseException) -> None:
        self.sync_action.setEnabled(True)
        QMessageBox.warning(self.window, translate("HistoryUi", "Sync"), str(exc))
