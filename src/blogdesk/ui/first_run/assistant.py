"""The first-run assistant: library, posts, keyring (only when none works), blog, done.

Shown by `blogdesk.app` on a fresh machine, before the window (the window opens on the library
chosen here), and again with `blogdesk --first-run`. Every page can be skipped (Skip), "Skip All"
(or Escape, or closing it) ends it with what was set up so far; either way it is marked done in
the settings and not shown again.

The library page is a commit page: the assistant asks its host to open the library there
(`open_library`, which builds the window without showing it), and the later pages work in that
library with the host's TaskRunner and SyncService. The window is shown once `concluded` fires.

The keyring check (`keyring_problem`, which may talk to D-Bus) runs in the background as soon as
the assistant opens; the keyring page is shown only when it found a problem, and always before the
Blogs dialog, which is where a password is first asked for.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.settings import Settings, save_settings
from blogdesk.ui.first_run.blog_page import BlogPage
from blogdesk.ui.first_run.pages import (
    PENDING,
    DonePage,
    KeyringPage,
    LibraryPage,
    PostsPage,
    Workplace,
)
from blogdesk.ui.first_run.places import FolderLook, prepare_library, remember_library
from blogdesk.ui.i18n import translate
from blogdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from blogdesk.ui.accounts.blogs_dialog import AccountDialog

__all__ = ["FirstRunAssistant", "Workplace"]

log = logging.getLogger(__name__)


def _check_keyring() -> str | None:
    from blogdesk.sync.accounts.credentials import keyring_problem

    return keyring_problem()


class FirstRunAssistant(QWizard):
    concluded = Signal(object)  # the library's root (Path; None: none could be opened)
    keyringChecked = Signal()

    LIBRARY, POSTS, KEYRING, BLOG, DONE = range(5)

    def __init__(
        self,
        *,
        settings: Settings,
        config_dir: Path,
        default_library: Path,
        suggestion: Path,
        open_library: Callable[[Path], Workplace],
        check_keyring: Callable[[], str | None] = _check_keyring,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunAssistant")
        self.setWindowTitle(translate("FirstRunAssistant", "Welcome to BlogDesk"))
        self.settings = settings
        self.config_dir = Path(config_dir)
        self.default_library = Path(default_library)
        self._open_library = open_library
        self.runner = TaskRunner(self)  # the assistant's own small jobs (looks, checks)
        self.workplace: Workplace | None = None
        self.library_look: FolderLook | None = None
        self.keyring_state: str | None = PENDING
        self.imported = 0
        self.fetched = 0
        self.blogs_dialog: AccountDialog | None = None
        self.session_only = False  # chosen on the keyring page (not when it was skipped)
        self.skipping = False  # Skip, not Next: the page's choices are not taken
        self._concluded = False

        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(
            QWizard.WizardButton.CustomButton1, translate("FirstRunAssistant", "&Skip")
        )
        self.setButtonText(
            QWizard.WizardButton.CancelButton, translate("FirstRunAssistant", "Skip &All")
        )
        self.button(QWizard.WizardButton.CustomButton1).setObjectName("skipButton")
        self.button(QWizard.WizardButton.CancelButton).setObjectName("skipAllButton")
        self.customButtonClicked.connect(lambda _which: self.skip())
        self.setButtonLayout(
            [
                QWizard.WizardButton.CancelButton,
                QWizard.WizardButton.Stretch,
                QWizard.WizardButton.BackButton,
                QWizard.WizardButton.CustomButton1,
                QWizard.WizardButton.NextButton,
                QWizard.WizardButton.CommitButton,
                QWizard.WizardButton.FinishButton,
            ]
        )
        why = self._why(suggestion)
        self.library_page = LibraryPage(self, suggestion, why)
        self.posts_page = PostsPage(self)
        self.keyring_page = KeyringPage(self)
        self.blog_page = BlogPage(self)
        self.done_page = DonePage(self)
        for page_id, page in (
            (self.LIBRARY, self.library_page),
            (self.POSTS, self.posts_page),
            (self.KEYRING, self.keyring_page),
            (self.BLOG, self.blog_page),
            (self.DONE, self.done_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(self.LIBRARY)
        self.currentIdChanged.connect(self._page_changed)
        self.finished.connect(lambda _result: self.conclude())
        self.runner.run(check_keyring, self._keyring_checked, self._keyring_check_failed)

    def _why(self, suggestion: Path) -> str:
        if suggestion != self.default_library:
            return translate(
                "FirstRunAssistant",
                "Suggested: {name} in your Documents folder, next to your other "
                "documents: easy to find, and backed up with them.",
            ).format(name=suggestion.name)
        return translate(
            "FirstRunAssistant", "Suggested: BlogDesk's own data folder. Any folder will do."
        )

    # -- the keyring check -----------------------------------------------------------------------

    def _keyring_checked(self, problem: str | None) -> None:
        self.keyring_state = problem
        if self.currentId() == self.KEYRING:
            self.keyring_page.refresh()
        self.keyringChecked.emit()

    def _keyring_check_failed(self, exc: BaseException) -> None:
        self._keyring_checked(type(exc).__name__)

    def needs_keyring_page(self) -> bool:
        """Shown unless the check said the keyring works (a check still running counts as not)."""
        return self.keyring_state is not None

    def nextId(self) -> int:
        current = self.currentId()
        if current == self.POSTS:
            return self.KEYRING if self.needs_keyring_page() else self.BLOG
        if current == self.KEYRING:
            return self.keyring_page.nextId()
        return super().nextId()

    def _page_changed(self, page_id: int) -> None:
        # Skip is for steps; the last page only has Finish (and Back).
        for which in (QWizard.WizardButton.CustomButton1, QWizard.WizardButton.CancelButton):
            self.button(which).setVisible(page_id != self.DONE)

    # -- steps -----------------------------------------------------------------------------------

    def skip(self) -> None:
        """Move on without doing this step; on the library page, keep the suggested folder."""
        if self.currentId() == self.LIBRARY:
            if self.workplace is None:
                self.open_library(self.library_page.folder())
            return
        self.skipping = True
        try:
            self.next()
        finally:
            self.skipping = False

    def open_library(self, folder: Path) -> None:
        """Make (or open) the library in `folder` in the background, then let the host open it
        and move on to the next page."""
        page = self.library_page
        page.set_busy(
            True,
            translate("FirstRunAssistant", "Opening the library in {folder}…").format(
                folder=folder
            ),
        )
        self.runner.run(
            lambda: prepare_library(folder, translate), self._prepared, self._not_prepared
        )

    def _prepared(self, look: FolderLook) -> None:
        if self._concluded:
            return
        try:
            self.workplace = self._open_library(look.path)
        except BlogDeskError as exc:
            self._not_prepared(exc)
            return
        self.library_look = look
        self.library_page.set_busy(False, look.describe(translate))
        self.next()

    def _not_prepared(self, exc: BaseException) -> None:
        text = str(exc) if isinstance(exc, BlogDeskError) else f"{type(exc).__name__}: {exc}"
        self.library_page.set_busy(
            False,
            translate("FirstRunAssistant", "This folder cannot be used: {reason}").format(
                reason=text
            ),
        )

    def show_blogs(self) -> AccountDialog | None:
        """The Blogs dialog (its add flow), over the assistant."""
        place = self.workplace
        if place is None:
            return None
        if self.blogs_dialog is None:
            from blogdesk.ui.accounts.blogs_dialog import AccountDialog

            dialog = AccountDialog(place.sync_service(), place.runner, self)
            if self.session_only:
                # The author already chose "this session only" on the keyring page: the add
                # button keeps the password in memory instead of failing on the keyring first.
                form = dialog.add_form
                form.add_button.clicked.disconnect()
                form.add_button.clicked.connect(lambda: form.add_account(session_only=True))
            dialog.accountsChanged.connect(self.blog_page.reload)
            self.blogs_dialog = dialog
        self.blogs_dialog.reload()
        self.blogs_dialog.open()
        return self.blogs_dialog

    # -- the end ---------------------------------------------------------------------------------

    def conclude(self) -> None:
        """Finished or skipped: open the default library if none was chosen, remember the
        choice and that the assistant was shown, then let the window start."""
        if self._concluded:
            return
        self._concluded = True
        if self.blogs_dialog is not None:
            self.blogs_dialog.close()
        if self.workplace is None:
            try:
                self.workplace = self._open_library(self.default_library)
            except BlogDeskError as exc:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.critical(
                    self, translate("FirstRunAssistant", "BlogDesk cannot start"), str(exc)
                )
                self.runner.shutdown()
                self.concluded.emit(None)
                return
        root = self.workplace.library.root
        self.settings.first_run_done = True
        remember_library(self.settings, None if _same(root, self.default_library) else root)
        try:
            save_settings(self.settings, self.config_dir)
        except BlogDeskError as exc:
            log.warning("%s", exc)
        self.runner.shutdown()
        self.concluded.emit(root)


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.expanduser().resolve()
    except OSError:
        return a == b
