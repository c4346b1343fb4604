"""Publishing in the window, installed with one call: `install_publishing(window, service)`.

Adds the Publish toolbar button (Ctrl+Shift+P: one click publishes the open post with its own
settings), the publish panel, a "Blog" menu (Publish, Publish Options…, Update, Unpublish,
Blogs…, Fetch Posts…, Send Pending), progress with Cancel and the result (with a link to the
post on the blog) in the status bar, the conflict dialog, the library's sync badges, and the
outbox flush at start-up and whenever its next job falls due.

While a sync job may rewrite the post open in the editor (the service records the blog's state
in its front matter), the editor is read-only; afterwards the post is reloaded from disk, so the
author's text and BlogDesk's record never race each other.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMainWindow,
    QProgressBar,
    QToolButton,
)

from blogdesk.core.errors import BlogDeskError
from blogdesk.sync.accounts import Account
from blogdesk.sync.jobs import PublishResult, PullResult
from blogdesk.sync.provider import ConflictError
from blogdesk.sync.service import SyncService
from blogdesk.ui.account_dialog import AccountDialog
from blogdesk.ui.publish_controller import PublishController
from blogdesk.ui.publish_panel import PublishPanel, PublishRequest
from blogdesk.ui.sync_badges import BadgeCache, SyncBadge, compute_badges
from blogdesk.ui.sync_conflict_dialog import SyncConflictDialog
from blogdesk.ui.tasks import ProgressReport, TaskRunner

__all__ = ["PUBLISH_SHORTCUT", "Publishing", "install_publishing", "result_text"]

log = logging.getLogger(__name__)

PUBLISH_SHORTCUT = "Ctrl+Shift+P"
STARTUP_FLUSH_MS = 1500  # let the window settle before the first outbox flush
_VERBS = {"publish": "Published", "future": "Scheduled", "draft": "Saved as a draft on the blog",
          "pending": "Submitted for review", "private": "Published privately"}


def result_text(result: PublishResult) -> str:
    """The status-bar line for a publish result (rich text: the link is clickable)."""
    if result.queued:
        return "Queued in the outbox, will be sent when the blog answers."
    verb = _VERBS.get(result.status, f"Sent ({result.status})")
    if result.status == "future" and result.schedule is not None:
        verb += f" for {result.schedule.blog}"
    images = f" ({result.uploaded} image(s) uploaded)" if result.uploaded else ""
    link = html.escape(result.link, quote=True)
    return f"{html.escape(verb)}{images}: <a href=\"{link}\">{link}</a>"


def install_publishing(window: Any, service: SyncService, *, runner: TaskRunner | None = None,
                       startup_flush_ms: int | None = STARTUP_FLUSH_MS) -> Publishing:
    """Add publishing to the main window; returns the Publishing (also `window.publishing`)."""
    publishing = Publishing(window, service, runner or window.runner)
    window.publishing = publishing
    if startup_flush_ms is not None:
        QTimer.singleShot(startup_flush_ms, publishing.controller.flush)
    return publishing


class Publishing(QObject):
    conflictShown = Signal(object)  # the SyncConflictDialog just opened (tests drive it)
    accountDialogShown = Signal(object)  # the AccountDialog just opened
    resultShown = Signal(str)  # the status-bar text just shown (rich text)
    badgesUpdated = Signal(object)  # dict rel path -> SyncBadge

    def __init__(self, window: Any, service: SyncService, runner: TaskRunner) -> None:
        super().__init__(window)
        self.window: QMainWindow = window
        self.service = service
        self.runner = runner
        self.controller = PublishController(service, runner, self)
        self.badges: dict[str, SyncBadge] = {}
        self.conflicted: set[str] = set()  # posts whose conflict the author has not settled
        self.last_result: PublishResult | None = None
        self.conflict_dialog: SyncConflictDialog | None = None
        self.account_dialog: AccountDialog | None = None
        self._badge_cache = BadgeCache()
        self._badges_running = False
        self._badges_again = False
        self._guarded = False
        self._last_account: str | None = None
        self.panel = PublishPanel(window)
        self.panel.setWindowFlag(Qt.WindowType.Popup, True)
        self.panel.hide()
        self._build_status_bar()
        self._build_actions()
        self._wire()

    # -- building ----------------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.window.statusBar()
        self.progress = QProgressBar(self.window)
        self.progress.setObjectName("publishProgress")
        self.progress.setMaximumWidth(self.window.fontMetrics().averageCharWidth() * 24)
        self.progress.setTextVisible(True)
        self.cancel_button = QToolButton(self.window)
        self.cancel_button.setObjectName("publishCancel")
        self.cancel_button.setText("Cancel")
        self.cancel_button.clicked.connect(self.controller.cancel)
        self.result_label = QLabel(self.window)
        self.result_label.setObjectName("publishResult")
        self.result_label.setOpenExternalLinks(False)  # we open it: QDesktopServices, testable
        self.result_label.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
        bar.insertPermanentWidget(0, self.result_label, 1)
        bar.insertPermanentWidget(1, self.progress)
        bar.insertPermanentWidget(2, self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()

    def _action(self, text: str, slot: Any, shortcut: str | None = None,
                icon: str | None = None) -> QAction:
        act = QAction(text, self.window)
        if icon:
            act.setIcon(QIcon.fromTheme(icon))
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(lambda _checked=False: slot())
        return act

    def _build_actions(self) -> None:
        self._free_shortcut(PUBLISH_SHORTCUT)
        self.actions: dict[str, QAction] = {
            "publish": self._action("&Publish", self.publish, PUBLISH_SHORTCUT,
                                    "document-send"),
            "publish_options": self._action("Publish &Options…", self.show_panel),
            "update": self._action("&Update on the Blog", self.publish),
            "unpublish": self._action("&Unpublish (Back to Draft)", self.unpublish),
            "accounts": self._action("&Blogs…", self.show_accounts),
            "pull": self._action("&Fetch Posts from the Blog…", self.pull),
            "flush": self._action("&Send Pending", lambda: self.controller.flush(force=True)),
            "cancel": self._action("&Cancel Sending", self.controller.cancel),
        }
        self.actions["publish"].setToolTip(f"Publish the open post ({PUBLISH_SHORTCUT})")
        self.actions["cancel"].setEnabled(False)
        menu = self.window.menuBar().addMenu("&Blog")
        menu.setObjectName("blogMenu")
        self.menu = menu
        a = self.actions
        menu.addActions([a["publish"], a["publish_options"], a["update"], a["unpublish"]])
        menu.addSeparator()
        menu.addActions([a["pull"], a["flush"], a["cancel"]])
        menu.addSeparator()
        menu.addAction(a["accounts"])
        toolbar = getattr(self.window, "toolbar", None)
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addAction(a["publish"])
            toolbar.addAction(a["publish_options"])
        menu_actions = getattr(self.window, "menu_actions", None)
        if isinstance(menu_actions, dict):
            menu_actions.update({f"blog_{k}": v for k, v in a.items()})

    def _free_shortcut(self, keys: str) -> None:
        """Two actions with one shortcut both go dead (Qt calls it ambiguous): the task gives
        this key to Publish, so another action holding it moves to Ctrl+Alt+<key>."""
        wanted = QKeySequence(keys)
        for act in self.window.findChildren(QAction):
            if act.shortcut() == wanted:
                moved = QKeySequence(keys.replace("Ctrl+Shift+", "Ctrl+Alt+"))
                log.info("shortcut %s moved from %r to %s", keys, act.text(), moved.toString())
                act.setShortcut(moved)

    def _wire(self) -> None:
        c = self.controller
        c.started.connect(self._started)
        c.progressed.connect(self._progressed)
        c.finished.connect(self._finished)
        c.published.connect(self._published)
        c.conflict.connect(self._conflict)
        c.resolved.connect(self._resolved)
        c.pulled.connect(self._pulled)
        c.failed.connect(self._failed)
        c.cancelled.connect(self._show_plain)
        c.message.connect(self._message)
        c.busyChanged.connect(self._busy_changed)
        self.panel.publishRequested.connect(self._panel_publish)
        self.panel.accountsRequested.connect(self.show_accounts)
        self.panel.accountChanged.connect(self._load_terms)
        panel = getattr(self.window, "library_panel", None)
        if panel is not None and hasattr(panel, "listed"):
            panel.listed.connect(lambda _n: self.refresh_badges())
        if hasattr(self.window, "closed"):
            self.window.closed.connect(self.shutdown)

    def shutdown(self) -> None:
        """The window closed: no more flushes (the owner closes the service after the runner)."""
        self.controller.flush_enabled = False
        self.controller._flush_timer.stop()
        self.panel.hide()

    # -- which post, which blog --------------------------------------------------------------------

    def _document(self) -> Any:
        docs = getattr(self.window, "documents", None)
        return docs.doc if docs is not None else None

    def _accounts(self) -> list[Account]:
        try:
            return self.service.accounts.all()
        except BlogDeskError as exc:
            self._show_plain(str(exc))
            return []

    def account_for(self, post: Any) -> Account | None:
        """The blog the post was last sent to, else the last one used, else the first one."""
        accounts = {a.id: a for a in self._accounts()}
        best, when = None, ""
        for account_id in post.sync_accounts() if post is not None else []:
            state = post.sync_state(account_id)
            if account_id in accounts and str(state.get("synced_at", "")) >= when:
                best, when = accounts[account_id], str(state.get("synced_at", ""))
        if best is not None:
            return best
        if self._last_account in accounts:
            return accounts[self._last_account]
        return next(iter(accounts.values()), None)

    def _rel(self, path: Path) -> str | None:
        try:
            return self.service.rel_path(path)
        except BlogDeskError:
            return None

    # -- commands ----------------------------------------------------------------------------------

    def publish(self, request: PublishRequest | None = None) -> bool:
        """Publish the open post: with its own settings, or with the panel's `request`."""
        doc = self._document()
        if doc is None:
            self._show_plain("Open a post to publish it.")
            return False
        if not doc.in_library:
            self._show_plain("Only posts in the library can be published: import this file first.")
            return False
        docs = self.window.documents  # type: ignore[attr-defined]
        if request is not None:
            docs.set_field("tags", list(request.tags))
            docs.set_field("categories", list(request.categories))
            if request.date is not None:
                docs.set_field("date", request.date)
        if not docs.save_now():
            self._show_plain("The post could not be saved, so it was not published. "
                             "Save it first (see the status bar).")
            return False
        if request is not None:
            account = self.service.accounts.find(request.account_id)
        else:
            account = self.account_for(doc.post)
        if account is None:
            self._show_plain("Add a blog first: Blog ▸ Blogs….")
            self.show_accounts()
            return False
        self._last_account = account.id
        return self.controller.publish(
            doc.path, account, status=request.status if request else None,
            date=request.date if request else None, title=doc.post.title,
        )

    def _panel_publish(self, request: PublishRequest) -> None:
        self.panel.hide()
        self.publish(request)

    def unpublish(self) -> bool:
        doc = self._document()
        account = self.account_for(doc.post) if doc is not None else None
        if doc is None or account is None or not doc.post.sync_state(account.id).get("remote_id"):
            self._show_plain("This post is not on a blog yet.")
            return False
        if not self.window.documents.save_now():  # type: ignore[attr-defined]
            return False
        return self.controller.unpublish(doc.path, account)

    def pull(self, account: Account | None = None) -> bool:
        accounts = self._accounts()
        if account is None:
            if not accounts:
                self.show_accounts()
                return False
            account = accounts[0]
            if len(accounts) > 1:
                names = [a.name for a in accounts]
                name, ok = QInputDialog.getItem(self.window, "Fetch Posts",
                                                "Fetch the posts of:", names, 0, False)
                if not ok:
                    return False
                account = accounts[names.index(name)]
        return self.controller.pull(account)

    def show_panel(self, at: QPoint | None = None) -> PublishPanel:
        panel = self.panel
        doc = self._document()
        account = self.account_for(doc.post) if doc is not None else None
        panel.set_accounts(self._accounts(), account.id if account else None)
        if doc is not None:
            panel.set_post(doc.post, account.id if account else None)
        if at is None:
            at = self.window.mapToGlobal(QPoint(self.window.width() // 3, 40))
        panel.adjustSize()
        panel.move(at)
        panel.show()
        panel.raise_()
        return panel

    def show_accounts(self) -> AccountDialog:
        if self.account_dialog is None:
            dialog = AccountDialog(self.service, self.runner, self.window)
            dialog.accountsChanged.connect(self._accounts_changed)
            self.account_dialog = dialog
        self.account_dialog.reload()
        self.account_dialog.open()
        self.accountDialogShown.emit(self.account_dialog)
        return self.account_dialog

    def _accounts_changed(self) -> None:
        if self.panel.isVisible():
            self.panel.set_accounts(self._accounts())
        self.refresh_badges()

    def _load_terms(self, account_id: str) -> None:
        service = self.service
        for kind in ("tag", "category"):
            self.panel.set_terms(kind, service.terms(account_id, kind))  # the cache: no network
        if self.controller.busy:
            return

        def fetch() -> tuple[list[str], list[str]]:
            return (service.terms(account_id, "tag", refresh=True),
                    service.terms(account_id, "category", refresh=True))

        def done(result: tuple[list[str], list[str]]) -> None:
            self.panel.set_terms("tag", result[0])
            self.panel.set_terms("category", result[1])

        # Offline or a refused password: the cached names stay; publishing will say what is wrong.
        self.runner.run(fetch, done, lambda exc: log.info("terms not refreshed: %s", exc))

    # -- progress and results ----------------------------------------------------------------------

    def _started(self, what: str, paths: list[str] | None) -> None:
        self._show_plain(what)
        self.progress.setRange(0, 0)  # busy until the service tells how far it is
        self.progress.show()
        self.cancel_button.show()
        doc = self._document()
        rel = self._rel(doc.path) if doc is not None else None
        if rel is not None and (paths is None or rel in paths):
            self._guard(True)

    def _progressed(self, report: ProgressReport) -> None:
        if report.total:
            self.progress.setRange(0, report.total)
            self.progress.setValue(report.done)
            self.progress.setFormat(f"{report.done}/{report.total}")
        self.window.statusBar().showMessage(report.message, 0)

    def _busy_changed(self, busy: bool) -> None:
        self.actions["cancel"].setEnabled(busy)
        for name in ("publish", "update", "unpublish", "pull"):
            self.actions[name].setEnabled(not busy)

    def _finished(self, paths: list[str] | None) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.window.statusBar().clearMessage()
        self._guard(False)
        doc = self._document()
        docs = getattr(self.window, "documents", None)
        if doc is not None and docs is not None:
            docs.check_disk()  # the service recorded the blog's state in the file: take it in
        panel = getattr(self.window, "library_panel", None)
        if panel is not None:
            panel.reload()  # the list's `listed` signal then refreshes the badges

    def _guard(self, on: bool) -> None:
        if on == self._guarded:
            return
        self._guarded = on
        editor = getattr(self.window, "editor", None)
        metadata = getattr(self.window, "metadata", None)
        if editor is not None:
            editor.setReadOnly(on or self._document() is None)
        if metadata is not None:
            metadata.setEnabled(not on)

    def _published(self, result: PublishResult) -> None:
        self.last_result = result
        if result.queued:
            self._show_rich(html.escape(result_text(result)), tooltip="\n".join(result.notices))
            return
        self.conflicted.discard(result.post_path)
        self._show_rich(result_text(result), tooltip="\n".join(result.notices))

    def _conflict(self, error: ConflictError) -> None:
        self.conflicted.add(error.post_path)
        self._show_plain("Changed on the blog: choose which version to keep.")
        dialog = SyncConflictDialog(error, self.window)
        self.conflict_dialog = dialog
        dialog.chosen.connect(lambda choice: self.controller.resolve(error, choice))
        dialog.rejected.connect(lambda: self._show_plain(
            "Nothing was sent: the blog keeps its version. Publish again to choose."))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        self.conflictShown.emit(dialog)
        self.refresh_badges()

    def _resolved(self, result: Any) -> None:
        self.conflicted.discard(result.post_path)
        if result.publish is not None:
            self.last_result = result.publish
            text = result_text(result.publish)
            if result.copy_path:
                text += html.escape(f" — the blog's version is kept as {result.copy_path}")
            self._show_rich(text, tooltip="\n".join(result.publish.notices))
        else:
            self._show_plain("Took the blog's version of the post.")

    def _pulled(self, result: PullResult) -> None:
        parts = [f"{len(result.created)} new", f"{len(result.updated)} updated",
                 f"{result.unchanged} unchanged"]
        text = "Fetched from the blog: " + ", ".join(parts) + "."
        if result.skipped:
            text += f" {len(result.skipped)} skipped (changed here and on the blog)."
        self._show_plain(text, tooltip="\n".join(result.skipped))

    def _failed(self, message: str) -> None:
        self._show_plain(message)

    def _message(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    def _show_plain(self, text: str, tooltip: str = "") -> None:
        self._show_rich(html.escape(text), tooltip=tooltip)

    def _show_rich(self, text: str, *, tooltip: str = "") -> None:
        self.result_label.setText(text)
        self.result_label.setToolTip(tooltip)
        self.resultShown.emit(text)

    # -- badges ------------------------------------------------------------------------------------

    def refresh_badges(self) -> None:
        """Compute the badges of the listed posts in the background (one run at a time)."""
        panel = getattr(self.window, "library_panel", None)
        if panel is None:
            return
        if self._badges_running:
            self._badges_again = True
            return
        self._badges_running = True
        paths = panel.model.paths()
        root, outbox, cache = self.service.library.root, self.service.outbox, self._badge_cache
        conflicted = set(self.conflicted)

        def done(badges: dict[str, SyncBadge]) -> None:
            self._badges_running = False
            self.badges = badges
            model = panel.model
            if hasattr(model, "set_sync_badges"):
                model.set_sync_badges(badges)
            self.badgesUpdated.emit(badges)
            if self._badges_again:
                self._badges_again = False
                self.refresh_badges()

        def error(exc: BaseException) -> None:
            self._badges_running = False
            log.warning("sync badges failed: %s", exc)

        self.runner.run(lambda: compute_badges(root, paths, outbox, conflicted=conflicted,
                                               cache=cache), done, error)

    def badge(self, path: Path | str) -> SyncBadge | None:
        rel = self._rel(Path(path)) if Path(path).is_absolute() else str(path)
        return self.badges.get(rel or "")
