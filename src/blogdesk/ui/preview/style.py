"""View → Preview Style: the plain page or the blog's own theme, and which blog's.

The choice is remembered per library (LibrarySettings.preview_style / preview_account). Reading
the cached theme and capturing a new one both run on the TaskRunner: the window never waits for
the disk or the network. A capture shows a progress dialog with Cancel; a failed one says why in
the status bar and the preview falls back to (or stays in) the plain style, or keeps the older
capture when there is one. A theme older than a week is shown and recaptured in the background.

The post's title goes to the preview in both styles from here too (it lives in the metadata, not
in the editor's text).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QInputDialog, QMenu, QProgressDialog, QWidget

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.settings import save_library_settings
from blogdesk.ui.i18n import number, translate

if TYPE_CHECKING:
    from blogdesk.core.progress import Progress
    from blogdesk.sync.accounts.store import Account, AccountStore
    from blogdesk.sync.theme.capture import CapturedTheme
    from blogdesk.ui.tasks import TaskHandle

__all__ = ["PreviewStyle"]

log = logging.getLogger(__name__)
PLAIN, BLOG = "plain", "blog"


class PreviewStyle(QObject):
    styleShown = Signal(str)  # "plain" or "blog", once the preview was given that style
    captureFinished = Signal(object)  # the CapturedTheme, or the error (tests wait on it)

    def __init__(self, window: QWidget, host: Any) -> None:
        super().__init__(window)
        self.window = window
        self.host = host  # library, library_settings, runner, documents, preview, show_message
        self._accounts: Callable[[], AccountStore] | None = None
        self._cache_dir: Path | None = None
        self._handle: TaskHandle | None = None
        self._dialog: QProgressDialog | None = None
        self.theme: CapturedTheme | None = None

    # -- set-up ------------------------------------------------------------------------------

    def set_sources(self, accounts: Callable[[], AccountStore], cache_dir: Path) -> None:
        """Where the accounts and the theme cache are (the composition root knows)."""
        self._accounts, self._cache_dir = accounts, Path(cache_dir)

    def build_menu(self, menu: QMenu) -> None:
        group = QActionGroup(self)
        self.plain_action = QAction(translate("PreviewStyle", "&Plain"), self, checkable=True)
        self.blog_action = QAction(translate("PreviewStyle", "&Blog Theme"), self, checkable=True)
        for act in (self.plain_action, self.blog_action):
            group.addAction(act)
            menu.addAction(act)
        self.plain_action.triggered.connect(lambda: self.set_style(PLAIN))
        self.blog_action.triggered.connect(lambda: self.set_style(BLOG))
        self._check()
        menu.addSeparator()
        self.accounts_menu = menu.addMenu(translate("PreviewStyle", "Theme of &Blog"))
        self.accounts_menu.aboutToShow.connect(self._fill_accounts)
        self.refresh_action = menu.addAction(
            translate("PreviewStyle", "&Refresh Blog Theme"), self.refresh
        )
        self.address_action = menu.addAction(
            translate("PreviewStyle", "Use a Post &Address…"), self._ask_address
        )

    @property
    def style(self) -> str:
        return str(self.host.library_settings.preview_style)

    def _check(self) -> None:
        blog = self.style == BLOG
        self.blog_action.setChecked(blog)
        self.plain_action.setChecked(not blog)

    def _save(self) -> None:
        try:
            save_library_settings(self.host.library_settings, self.host.library.root)
        except BlogDeskError as exc:  # shown; the choice still applies for this session
            self.host.show_message(str(exc))

    def _account_list(self) -> list[Account]:
        if self._accounts is None:
            return []
        try:
            return self._accounts().all()
        except BlogDeskError as exc:
            self.host.show_message(str(exc))
            return []

    def _fill_accounts(self) -> None:
        menu = self.accounts_menu
        menu.clear()
        chosen = self.host.library_settings.preview_account
        accounts = self._account_list()
        if not accounts:
            menu.addAction(translate("PreviewStyle", "No blogs yet (Blog → Blogs…)")).setEnabled(
                False
            )
        for account in accounts:
            act = menu.addAction(account.name)
            act.setCheckable(True)
            act.setChecked(account.id == chosen or (not chosen and account is accounts[0]))
            act.triggered.connect(lambda _c=False, a=account: self.set_account(a.id))

    # -- choices -----------------------------------------------------------------------------

    def set_style(self, style: str) -> None:
        self.host.library_settings.preview_style = style
        self._save()
        self._check()
        self.apply()

    def set_account(self, account_id: str) -> None:
        self.host.library_settings.preview_account = account_id
        self._save()
        self.theme = None
        if self.style == BLOG:
            self.apply()
        else:
            self.set_style(BLOG)

    def account(self) -> Account | None:
        accounts = self._account_list()
        chosen = self.host.library_settings.preview_account
        return next((a for a in accounts if a.id == chosen), accounts[0] if accounts else None)

    def refresh(self, post_url: str | None = None) -> None:
        account = self.account()
        if account is None:
            self.host.show_message(
                translate(
                    "PreviewStyle", "Add a blog first (Blog → Blogs…) to preview in its theme."
                )
            )
            return
        self._capture(account, post_url)

    def _ask_address(self) -> None:
        url, ok = QInputDialog.getText(
            self.window,
            translate("PreviewStyle", "Blog theme"),
            translate("PreviewStyle", "Address of one post's page on the blog:"),
        )
        if ok and url.strip():
            self.refresh(url.strip())

    # -- showing -----------------------------------------------------------------------------

    def preview_ready(self) -> None:
        """The web preview exists now: give it the title and the remembered style."""
        self.update_title()
        if self.style == BLOG:
            self.apply()

    def update_title(self, *_args: object) -> None:
        controller = getattr(self.host, "preview_controller", None)
        doc = self.host.documents.doc
        if controller is not None:
            controller.set_title(doc.post.title if doc is not None else "")

    def apply(self) -> None:
        preview = self.host.preview
        if self.style != BLOG:
            self._plain()
            return
        account = self.account()
        if account is None or self._cache_dir is None:
            self.host.show_message(
                translate(
                    "PreviewStyle", "Add a blog first (Blog → Blogs…) to preview in its theme."
                )
            )
            self._plain()
            return
        if self.theme is not None and preview is not None:
            self._show(self.theme)
            return
        cache = self._cache_dir
        from blogdesk.sync.theme.capture import load_theme

        def read() -> tuple[CapturedTheme, str] | None:
            theme = load_theme(cache, account.id)
            return (theme, theme.template()) if theme is not None else None

        def loaded(found: tuple[CapturedTheme, str] | None) -> None:
            if found is None:
                self._capture(account, None)
                return
            self._show(found[0], found[1])
            if found[0].is_stale():
                self.host.show_message(
                    translate(
                        "PreviewStyle", "Refreshing the theme of {blog} (a week old)…"
                    ).format(blog=account.name)
                )
                self._capture(account, None, quiet=True)

        self.host.runner.run(read, loaded, lambda exc: self._failed(account, exc))

    def _show(self, theme: CapturedTheme, template: str | None = None) -> None:
        self.theme = theme
        preview = self.host.preview
        if preview is None or self.style != BLOG:
            return
        if template is None:  # already shown once: read again off the UI thread
            self.host.runner.run(theme.template, lambda text: self._show(theme, text))
            return
        # Imported here: core.theme.page pulls in BeautifulSoup (~25 ms), and this module is
        # built with the View menu, before the window's first frame; only the blog style needs it.
        from blogdesk.core.theme.page import blog_body

        self._set_body(blog_body(theme.platform))
        preview.set_theme(template, theme.assets)
        self.styleShown.emit(BLOG)

    def _plain(self) -> None:
        self._set_body(None)
        if self.host.preview is not None:
            self.host.preview.set_theme(None)
        self.styleShown.emit(PLAIN)

    def _set_body(self, shape: Callable[[str], str] | None) -> None:
        controller = getattr(self.host, "preview_controller", None)
        if controller is not None and controller.body_transform is not shape:
            controller.body_transform = shape
            controller.render_now()

    def _capture(self, account: Account, post_url: str | None, *, quiet: bool = False) -> None:
        if self._handle is not None or self._cache_dir is None:
            return
        from blogdesk.sync.theme.service import capture_theme

        cache = self._cache_dir
        if not quiet:
            dialog = QProgressDialog(
                translate("PreviewStyle", "Capturing the theme of {blog}…").format(
                    blog=account.name
                ),
                translate("PreviewStyle", "Cancel"),
                0,
                0,
                self.window,
            )
            dialog.setWindowTitle(translate("PreviewStyle", "Blog theme"))
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(300)
            dialog.canceled.connect(self._cancel)
            self._dialog = dialog

        def work(progress: Any) -> CapturedTheme:
            return capture_theme(
                account, cache, post_url=post_url, progress=progress_of(progress), cancel=progress
            )

        self._handle = self.host.runner.run_with_progress(
            work,
            self._progress,
            lambda theme: self._captured(account, theme),
            lambda exc: self._failed(account, exc),
            self._cancelled,
        )

    def _progress(self, report: Progress) -> None:
        if self._dialog is not None and report.message:
            self._dialog.setLabelText(report.message[:120])

    def _close_dialog(self) -> None:
        self._handle = None
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self._cancel)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    def _cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()

    def _cancelled(self) -> None:
        self._close_dialog()
        self.host.show_message(translate("PreviewStyle", "Theme capture cancelled."))
        self.captureFinished.emit(None)
        if self.theme is None:
            self._plain()

    def _captured(self, account: Account, theme: CapturedTheme) -> None:
        self._close_dialog()
        unread = len(theme.warnings)
        if not unread:
            text = translate("PreviewStyle", "Captured the theme of {blog}.")
        elif unread == 1:
            text = translate(
                "PreviewStyle", "Captured the theme of {blog} (1 file could not be read)."
            )
        else:
            text = translate(
                "PreviewStyle", "Captured the theme of {blog} ({count} files could not be read)."
            )
        self.host.show_message(text.format(blog=account.name, count=number(unread)))
        self._show(theme)
        self.captureFinished.emit(theme)

    def _failed(self, account: Account, exc: BaseException) -> None:
        self._close_dialog()
        text = str(exc) if isinstance(exc, BlogDeskError) else f"{type(exc).__name__}: {exc}"
        if not isinstance(exc, BlogDeskError):
            log.warning("theme capture of %s failed", account.name, exc_info=exc)
        message = (
            translate(
                "PreviewStyle",
                "Could not capture the theme of {blog}: {reason} The last captured theme stays.",
            )
            if self.theme is not None
            else translate("PreviewStyle", "Could not capture the theme of {blog}: {reason}")
        )
        self.host.show_message(message.format(blog=account.name, reason=text))
        if self.theme is None:
            self._plain()  # the plain style, as the message says
        self.captureFinished.emit(exc)


def progress_of(task: Any) -> Callable[[Progress], None]:
    """The capture's Progress reports as the TaskProgress's report(done, total, message)."""

    def report(p: Progress) -> None:
        task.report(p.done, p.total, p.message)

    return report
