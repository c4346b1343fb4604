"""Publishing in the window, installed with one call: `install_publishing(window, factory)`.

Adds the Publish toolbar button (Ctrl+Shift+P: one click publishes the open post with its own
settings), the publish panel, a "Blog" menu (Publish, Publish Options…, Update, Unpublish,
Fetch Posts…, Send Pending, Cancel, Blogs…), the pre-publish checklist that every Publish runs
first (ui.publishing.checklist_view), progress with Cancel and the result (with a link to
the post on the blog) in the status bar, the conflict dialog, the library's sync badges, and the
outbox flush at start-up and whenever its next job falls due.

The menus are built at once; the sync layer (requests, keyring, the service) is imported and
built on first use or just after start-up, so it costs the window's first paint nothing. The
service comes from the factory the composition root passes (`blogdesk.services`), never from
defaults here: accounts, keyring and render options are the application's, not this module's.
While a sync job may rewrite the post open in the editor (the service records the blog's state
in its front matter), the editor is read-only; afterwards the post is reloaded from disk, so the
author's text and BlogDesk's record never race each other.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QInputDialog

from blogdesk.core.errors import BlogDeskError
from blogdesk.ui.i18n import translate
from blogdesk.ui.publishing.keep_draft import KeepDraftSwitch
from blogdesk.ui.publishing.options_panel import (
    PublishPanel,
    PublishRequest,
    PublishStatus,
    result_text,
)
from blogdesk.ui.publishing.status_feedback import PublishFeedback
from blogdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from blogdesk.sync.accounts.store import Account
    from blogdesk.sync.provider import ConflictError
    from blogdesk.sync.publish.outbox import Outbox
    from blogdesk.sync.publish.results import PublishResult
    from blogdesk.sync.service import SyncService
    from blogdesk.ui.accounts.blogs_dialog import AccountDialog
    from blogdesk.ui.library.sync_badges import BadgeUpdater, SyncBadge
    from blogdesk.ui.publishing.blog_conflict_dialog import SyncConflictDialog
    from blogdesk.ui.publishing.checklist_view import PublishChecks
    from blogdesk.ui.publishing.sync_calls import PublishController

__all__ = ["PUBLISH_SHORTCUT", "Publishing", "install_publishing", "result_text"]

log = logging.getLogger(__name__)

PUBLISH_SHORTCUT = "Ctrl+Shift+P"
STARTUP_FLUSH_MS = 1500  # let the window settle before the first outbox flush


def install_publishing(
    window: Any,
    service_factory: Callable[[], SyncService],
    *,
    runner: TaskRunner | None = None,
    startup_flush_ms: int | None = STARTUP_FLUSH_MS,
) -> Publishing:
    """Add publishing to the main window (`window.publishing`). `service_factory()` gives the
    SyncService for `window.library`; it is called on first use, not now (start-up time), and
    whoever made the factory closes the service."""
    existing = getattr(window, "publishing", None)
    if isinstance(existing, Publishing):
        return existing
    publishing = Publishing(window, service_factory, runner or window.runner)
    window.publishing = publishing
    if startup_flush_ms is not None:
        publishing.startup_timer.start(startup_flush_ms)
    return publishing


class Publishing(QObject):
    conflictShown = Signal(object)  # the SyncConflictDialog just opened (tests drive it)
    accountDialogShown = Signal(object)  # the AccountDialog just opened
    badgesUpdated = Signal(object)  # dict rel path -> SyncBadge

    def __init__(
        self, window: Any, service_factory: Callable[[], SyncService], runner: TaskRunner
    ) -> None:
        super().__init__(window)
        self.window = window
        self.runner = runner
        self._service_factory = service_factory
        self._service: SyncService | None = None
        self._controller: PublishController | None = None
        self._updater: BadgeUpdater | None = None
        self._panel: PublishPanel | None = None
        self._checks: PublishChecks | None = None
        self.conflict_dialog: SyncConflictDialog | None = None
        self.account_dialog: AccountDialog | None = None
        self._last_account: str | None = None
        self.status = PublishStatus(window.statusBar())
        self.result_label = self.status.result_label
        self.cancel_button = self.status.cancel_button
        self.resultShown = self.status.shown  # the status-bar text just shown (rich text)
        self.cancel_button.clicked.connect(lambda: self.controller.cancel())
        # The first outbox flush, a moment after start-up (tests may stop it).
        self.startup_timer = QTimer(self, singleShot=True)
        # At start-up every pending job is tried once (force), then the back-off timer rules.
        self.startup_timer.timeout.connect(self._startup_flush)
        self._build_actions()
        # Progress and results in the status bar, the editor locked while a job may rewrite it.
        self.feedback = PublishFeedback(
            window, self.status, self.actions, document=self._document, rel=self._rel, parent=self
        )
        panel = getattr(window, "library_panel", None)
        if panel is not None and hasattr(panel, "listed"):
            panel.listed.connect(lambda _n: self.refresh_badges())
        if hasattr(window, "closed"):
            window.closed.connect(self.shutdown)

    # -- the parts made on first use -----------------------------------------------------------

    def _outbox(self) -> Outbox:
        if self._service is not None:
            return self._service.outbox
        from blogdesk.sync.publish.outbox import Outbox

        return Outbox(self.window.library.root)  # the one SyncService makes: same file

    def _startup_flush(self) -> None:
        # No outbox file: nothing was ever queued in this library, so the flush would end at once
        # (PublishController.flush); do not load the sync layer just to learn that.
        if self._controller is None and not self._outbox().path.exists():
            return
        self.controller.flush(force=True)

    @property
    def service(self) -> SyncService:
        if self._service is None:
            self._service = self._service_factory()
        return self._service

    @property
    def controller(self) -> PublishController:
        if self._controller is None:
            from blogdesk.ui.publishing.sync_calls import PublishController

            c = self._controller = PublishController(self.service, self.runner, self)
            shown = self.feedback
            c.started.connect(shown.show_started)
            c.progressed.connect(shown.show_progress)
            c.finished.connect(shown.show_finished)
            c.published.connect(shown.show_published)
            c.conflict.connect(self._conflict)
            c.resolved.connect(shown.show_resolved)
            c.pulled.connect(shown.show_pulled)
            c.flushed.connect(shown.show_flushed)
            c.failed.connect(self.status.show_plain)
            c.cancelled.connect(self.status.show_plain)
            c.message.connect(lambda text: self.window.statusBar().showMessage(text, 8000))
            c.busyChanged.connect(shown.show_busy)
        return self._controller

    @property
    def checks(self) -> PublishChecks:
        if self._checks is None:
            from blogdesk.ui.publishing.checklist_view import PublishChecks

            self._checks = PublishChecks(
                self.window, lambda: self.controller, say=self.status.show_plain
            )
        return self._checks

    @property
    def panel(self) -> PublishPanel:
        if self._panel is None:
            panel = self._panel = PublishPanel(self.window)
            panel.setWindowFlag(Qt.WindowType.Popup, True)
            panel.publishRequested.connect(self._panel_publish)
            panel.accountsRequested.connect(self.show_accounts)
            panel.accountChanged.connect(self._load_terms)
        return self._panel

    @property
    def last_result(self) -> PublishResult | None:
        """The last result shown: published, resolved, or sent from the outbox."""
        return self.feedback.last_result

    @last_result.setter
    def last_result(self, result: PublishResult | None) -> None:
        self.feedback.last_result = result

    @property
    def badges(self) -> dict[str, SyncBadge]:
        return self._updater.badges if self._updater is not None else {}

    # -- menus ------------------------------------------------------------------------------------

    def _action(
        self, text: str, slot: Any, shortcut: str | None = None, icon: str | None = None
    ) -> QAction:
        act = QAction(text, self.window)
        if icon:
            act.setIcon(QIcon.fromTheme(icon))
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(lambda _checked=False: slot())
        return act

    def _build_actions(self) -> None:
        self.actions: dict[str, QAction] = {
            "publish": self._action(
                translate("Publishing", "&Publish"), self.publish, PUBLISH_SHORTCUT, "document-send"
            ),
            "publish_options": self._action(
                translate("Publishing", "Publish &Options…"), self.show_panel
            ),
            "update": self._action(translate("Publishing", "&Update on the Blog"), self.publish),
            "unpublish": self._action(
                translate("Publishing", "&Unpublish (Back to Draft)"), self.unpublish
            ),
            "pull": self._action(translate("Publishing", "&Fetch Posts from the Blog…"), self.pull),
            "flush": self._action(
                translate("Publishing", "&Send Pending"), lambda: self.controller.flush(force=True)
            ),
            "cancel": self._action(
                translate("Publishing", "&Cancel Sending"), lambda: self.controller.cancel()
            ),
            "accounts": self._action(translate("Publishing", "&Blogs…"), self.show_accounts),
        }
        a = self.actions
        a["publish"].setToolTip(
            translate("Publishing", "Publish the open post ({shortcut})").format(
                shortcut=PUBLISH_SHORTCUT
            )
        )
        a["cancel"].setEnabled(False)
        self.menu = self.window.menuBar().addMenu(translate("Publishing", "&Blog"))
        self.menu.setObjectName("blogMenu")
        self.menu.addActions([a["publish"], a["publish_options"], a["update"], a["unpublish"]])
        self.menu.addSeparator()
        self.menu.addActions([a["pull"], a["flush"], a["cancel"]])
        self.menu.addSeparator()
        self.keep_draft = KeepDraftSwitch(
            self.menu, self._document, self.account_for, self.window.documents.set_field
        )
        self.menu.addAction(a["accounts"])
        toolbar = getattr(self.window, "toolbar", None)
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addActions([a["publish"], a["publish_options"]])
        menu_actions = getattr(self.window, "menu_actions", None)
        if isinstance(menu_actions, dict):
            menu_actions.update({f"blog_{k}": v for k, v in a.items()})

    def shutdown(self) -> None:
        """The window closed: stop sending (the service is closed by whoever made it)."""
        if self._controller is not None:
            self._controller.flush_enabled = False
            self._controller.stop_timer()
            self._controller.cancel()
        if self._panel is not None:
            self._panel.hide()

    # -- which post, which blog ---------------------------------------------------------------

    def _document(self) -> Any:
        docs = getattr(self.window, "documents", None)
        return docs.doc if docs is not None else None

    def _accounts(self) -> list[Account]:
        try:
            return self.service.accounts.all()
        except BlogDeskError as exc:
            self.status.show_plain(str(exc))
            return []

    def account_for(self, post: Any) -> Account | None:
        """The blog the post was last sent to, else the default blog (Preferences), else the last
        one used, else the first one."""
        accounts = {a.id: a for a in self._accounts()}
        best, when = None, ""
        for account_id in post.sync_accounts() if post is not None else []:
            stamp = str(post.sync_state(account_id).get("synced_at", ""))
            if account_id in accounts and stamp >= when:
                best, when = accounts[account_id], stamp
        if best is not None:
            return best
        chosen = getattr(getattr(self.window, "settings", None), "default_blog", "")
        if chosen in accounts:  # the default blog of Preferences
            return accounts[chosen]
        if self._last_account in accounts:
            return accounts[self._last_account]
        return next(iter(accounts.values()), None)

    def _rel(self, path: Path) -> str | None:
        try:
            return self.service.rel_path(path)
        except BlogDeskError:
            return None

    # -- commands -----------------------------------------------------------------------------

    def publish(self, request: PublishRequest | None = None) -> bool:
        """Publish the open post: with its own settings, or with the panel's `request`."""
        doc = self._document()
        if doc is None or not doc.in_library:
            self.status.show_plain(
                translate(
                    "Publishing",
                    "Open a post of the library to publish it (a file from "
                    "elsewhere must be imported first).",
                )
            )
            return False
        docs = self.window.documents
        if request is not None:  # the panel's choices become the post's own settings
            docs.set_field("tags", list(request.tags))
            docs.set_field("categories", list(request.categories))
            if request.date is not None:
                docs.set_field("date", request.date)
        if not docs.save_now():
            self.status.show_plain(
                translate(
                    "Publishing",
                    "The post could not be saved, so it was not published. "
                    "Save it first (see the status bar).",
                )
            )
            return False
        account = (
            self.service.accounts.find(request.account_id)
            if request is not None
            else self.account_for(doc.post)
        )
        if account is None:
            self.status.show_plain(translate("Publishing", "Add a blog first: Blog ▸ Blogs…."))
            self.show_accounts()
            return False
        self._last_account = account.id
        status = request.status if request else None
        date = request.date if request else None
        path, title = doc.path, doc.post.title

        def send() -> bool:
            return self.controller.publish(path, account, status=status, date=date, title=title)

        # The pre-publish checklist first (ui.publishing.checklist_view): it sends at once when
        # it finds nothing, and otherwise when the author says "Publish anyway".
        return self.checks.before_publish(
            path, account, status=status, date=date, title=title, proceed=send
        )

    def _panel_publish(self, request: PublishRequest) -> None:
        self.panel.hide()
        self.publish(request)

    def unpublish(self) -> bool:
        doc = self._document()
        account = self.account_for(doc.post) if doc is not None else None
        if doc is None or account is None or not doc.post.sync_state(account.id).get("remote_id"):
            self.status.show_plain(translate("Publishing", "This post is not on a blog yet."))
            return False
        if not self.window.documents.save_now():
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
                name, ok = QInputDialog.getItem(
                    self.window,
                    translate("Publishing", "Fetch Posts"),
                    translate("Publishing", "Fetch the posts of:"),
                    names,
                    0,
                    False,
                )
                if not ok:
                    return False
                account = accounts[names.index(name)]
        return self.controller.pull(account)

    def show_panel(self, at: QPoint | None = None) -> PublishPanel:
        panel, doc = self.panel, self._document()
        account = self.account_for(doc.post) if doc is not None else None
        panel.set_accounts(self._accounts(), account.id if account else None)
        if doc is not None:
            panel.set_post(doc.post, account.id if account else None)
        panel.adjustSize()
        panel.move(at or self.window.mapToGlobal(QPoint(self.window.width() // 3, 40)))
        panel.show()
        panel.raise_()
        return panel

    def show_accounts(self) -> AccountDialog:
        if self.account_dialog is None:
            from blogdesk.ui.accounts.blogs_dialog import AccountDialog

            self.account_dialog = AccountDialog(self.service, self.runner, self.window)
            self.account_dialog.accountsChanged.connect(self._accounts_changed)
        self.account_dialog.reload()
        self.account_dialog.open()
        self.accountDialogShown.emit(self.account_dialog)
        return self.account_dialog

    def _accounts_changed(self) -> None:
        if self._panel is not None and self._panel.isVisible():
            self._panel.set_accounts(self._accounts())
        self.refresh_badges()

    def _load_terms(self, account_id: str) -> None:
        service, panel = self.service, self.panel
        for kind in ("tag", "category"):
            panel.set_terms(kind, service.terms(account_id, kind))  # the cache: no network
        if self.controller.busy:
            return

        def fetch() -> tuple[list[str], list[str]]:
            return (
                service.terms(account_id, "tag", refresh=True),
                service.terms(account_id, "category", refresh=True),
            )

        def done(result: tuple[list[str], list[str]]) -> None:
            panel.set_terms("tag", result[0])
            panel.set_terms("category", result[1])

        # Offline or a refused password: the cached names stay; publishing will say what is wrong.
        self.runner.run(fetch, done, lambda exc: log.info("terms not refreshed: %s", exc))

    # -- the conflict dialog --------------------------------------------------------------

    def _conflict(self, error: ConflictError) -> None:
        from blogdesk.ui.publishing.blog_conflict_dialog import SyncConflictDialog

        self.feedback.conflicted.add(error.post_path)
        self.status.show_plain(
            translate("Publishing", "Changed on the blog: choose which version to keep.")
        )
        dialog = self.conflict_dialog = SyncConflictDialog(error, self.window)
        dialog.chosen.connect(lambda choice: self.controller.resolve(error, choice))
        dialog.rejected.connect(
            lambda: self.status.show_plain(
                translate(
                    "Publishing",
                    "Nothing was sent: the blog keeps its version. Publish again to choose.",
                )
            )
        )
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        self.conflictShown.emit(dialog)
        self.refresh_badges()

    # -- badges -------------------------------------------------------------------------------

    def refresh_badges(self) -> None:
        """Recompute the listed posts' badges in the background; the model gets them through
        `set_sync_badges(dict)` when it has that method (see docs in sync_badges)."""
        panel = getattr(self.window, "library_panel", None)
        if panel is None:
            return
        if self._updater is None:
            from blogdesk.ui.library.sync_badges import BadgeUpdater

            # The outbox alone, not the whole sync layer (requests, keyring, providers: ~20 MB
            # and ~0.2 s on this thread), which loads when the author first publishes.
            self._updater = BadgeUpdater(
                self.runner, self.window.library.root, self._outbox(), self
            )
            self._updater.updated.connect(self._badges_ready)
        self._updater.refresh(panel.model.paths(), self.feedback.conflicted)

    def _badges_ready(self, badges: dict[str, SyncBadge]) -> None:
        model = self.window.library_panel.model
        if hasattr(model, "set_sync_badges"):
            model.set_sync_badges(badges)
        self.badgesUpdated.emit(badges)

    def badge(self, path: Path | str) -> SyncBadge | None:
        rel = self._rel(Path(path)) if Path(path).is_absolute() else str(path)
        return self.badges.get(rel or "")
