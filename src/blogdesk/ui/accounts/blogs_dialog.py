"""The author's blogs: add (find the blog, test, save), test, rename, change the password, remove.

The "add" form (`add_blog_form`, held as `add_form`) is built from the provider's
`account_fields` (data, not code), so a new platform brings its own form. Talking to the blog
(discovery, verification) runs in the TaskRunner. The secret goes to the credential store only;
when the system keyring does not work, the dialog says so plainly and offers to keep the secret
for this session only — never a file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from blogdesk.core.errors import BlogDeskError
from blogdesk.sync import registry
from blogdesk.sync.accounts import setup as account_setup
from blogdesk.sync.accounts.credentials import KeyringUnavailableError, LayeredStore
from blogdesk.sync.accounts.setup import AddedAccount
from blogdesk.sync.accounts.store import Account, AccountError
from blogdesk.sync.provider import AccountInfo
from blogdesk.sync.service import SyncService
from blogdesk.ui.accounts.add_blog_form import AddBlogForm, describe_discovery, describe_info
from blogdesk.ui.i18n import translate
from blogdesk.ui.tasks import TaskRunner

__all__ = ["AccountDialog", "describe_discovery", "describe_info"]


class AccountDialog(QDialog):
    accountsChanged = Signal()  # an account was added, renamed or removed
    discovered = Signal(object)  # DiscoveryResult of "Find my blog" (the add form's)
    tested = Signal(object)  # AccountInfo of a successful test
    failed = Signal(str)  # the error's own message (also shown in the dialog)

    def __init__(
        self, service: SyncService, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("accountDialog")
        self.setWindowTitle(translate("AccountDialog", "Blogs"))
        self.service = service
        self.runner = runner
        self._retry_session_only: Callable[[], None] | None = None
        self._busy = False
        self._build()
        self.reload()

    # -- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.list = QListWidget(self)
        self.list.setObjectName("accountList")
        self.list.currentRowChanged.connect(lambda _r: self._selection_changed())
        self.test_button = QPushButton(translate("AccountDialog", "&Test"), self)
        self.rename_button = QPushButton(translate("AccountDialog", "&Rename…"), self)
        self.password_button = QPushButton(translate("AccountDialog", "Change &Password…"), self)
        self.remove_button = QPushButton(translate("AccountDialog", "Re&move"), self)
        self.test_button.clicked.connect(self.test_selected)
        self.rename_button.clicked.connect(lambda: self.rename_selected())
        self.password_button.clicked.connect(lambda: self.change_password())
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        row = QHBoxLayout()
        for button in (
            self.test_button,
            self.rename_button,
            self.password_button,
            self.remove_button,
        ):
            row.addWidget(button)

        self.add_form = AddBlogForm(
            self.service,
            run=self._run,
            say=self._say,
            show_error=self._error,
            selected_account=self.selected_account,
            parent=self,
        )
        self.add_form.discovered.connect(self.discovered)
        self.add_form.added.connect(self._account_added)
        # Closing the dialog ends a wait for the browser too.
        self.finished.connect(lambda _result: self.add_form.cancel_sign_in())

        self.message = QLabel(self)
        self.message.setObjectName("accountMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.session_only_button = QPushButton(
            translate("AccountDialog", "Keep for This &Session Only"), self
        )
        self.session_only_button.setObjectName("sessionOnly")
        self.session_only_button.hide()
        self.session_only_button.clicked.connect(self._keep_for_session)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(translate("AccountDialog", "Your blogs:"), self))
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(self.add_form)
        layout.addWidget(self.message)
        layout.addWidget(self.session_only_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(close)

    # -- the list --------------------------------------------------------------------------------

    def reload(self) -> None:
        chosen = self.selected_account()
        self.list.clear()
        try:
            accounts = self.service.accounts.all()
        except BlogDeskError as exc:
            self._say(str(exc))
            accounts = []
        for account in accounts:
            # A site folder has no user: no empty "()" after it.
            who = f" ({account.user})" if account.user else ""
            item = QListWidgetItem(f"{account.name} — {account.site_url}{who}")
            item.setData(Qt.ItemDataRole.UserRole, account.id)
            self.list.addItem(item)
            if chosen is not None and account.id == chosen.id:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self._selection_changed()

    @staticmethod
    def _has_secret(account: Account | None) -> bool:
        """Whether the account has a password to change (a site folder, for one, has none)."""
        return account is not None and registry.needs_secret(account.provider)

    def selected_account(self) -> Account | None:
        item = self.list.currentItem() if hasattr(self, "list") else None
        if item is None:
            return None
        return self.service.accounts.find(str(item.data(Qt.ItemDataRole.UserRole)))

    def _selection_changed(self) -> None:
        has = self.list.currentItem() is not None and not self._busy
        for button in (self.test_button, self.rename_button, self.remove_button):
            button.setEnabled(has)
        self.password_button.setEnabled(has and self._has_secret(self.selected_account()))
        self.add_form.update_page_button()

    # -- background work -------------------------------------------------------------------------

    def _run(
        self,
        what: str,
        fn: Callable[[], Any],
        done: Callable[[Any], None],
        *,
        retry_session_only: Callable[[], None] | None = None,
    ) -> None:
        if retry_session_only is not None:
            self._retry_session_only = retry_session_only
        self._set_busy(True)
        self._say(what)

        def finished(result: Any) -> None:
            self._set_busy(False)
            done(result)

        def error(exc: BaseException) -> None:
            self._set_busy(False)
            self._error(exc)

        self.runner.run(fn, finished, error)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.add_form.set_busy(busy)
        self._selection_changed()

    def _error(self, exc: BaseException) -> None:
        if isinstance(exc, KeyringUnavailableError):
            self._say(str(exc))
            self.session_only_button.show()
        elif isinstance(exc, BlogDeskError):
            self._say(str(exc))
        else:  # a bug: one plain line, never a traceback in the dialog
            self._say(
                translate("AccountDialog", "Something went wrong ({kind}: {error}).").format(
                    kind=type(exc).__name__, error=exc
                )
            )
        self.failed.emit(self.message.text())

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def is_busy(self) -> bool:
        return self._busy

    def _account_added(self, added: AddedAccount) -> None:
        self.session_only_button.hide()
        self._retry_session_only = None
        self.reload()
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == added.account.id:
                self.list.setCurrentRow(row)
        self.accountsChanged.emit()

    def _keep_for_session(self) -> None:
        self.session_only_button.hide()
        retry, self._retry_session_only = self._retry_session_only, None
        if retry is not None:
            retry()

    # -- the existing accounts -------------------------------------------------------------------

    def test_selected(self) -> None:
        account = self.selected_account()
        if account is None:
            return
        service = self.service
        testing = translate("AccountDialog", "Testing “{name}”…").format(name=account.name)
        self._run(testing, lambda: service.test_account(account), self._tested)

    def _tested(self, info: AccountInfo) -> None:
        self._say(describe_info(info))
        self.tested.emit(info)

    def rename_selected(self, new_name: str | None = None) -> bool:
        account = self.selected_account()
        if account is None:
            return False
        if new_name is None:
            new_name, ok = QInputDialog.getText(
                self,
                translate("AccountDialog", "Rename Blog"),
                translate("AccountDialog", "New name:"),
                QLineEdit.EchoMode.Normal,
                account.name,
            )
            if not ok:
                return False
        new_name = new_name.strip()
        other = self.service.accounts.find(new_name)
        if not new_name or (other is not None and other.id != account.id):
            self._say(
                translate(
                    "AccountDialog", "“{name}” cannot be used: give a name no other blog has."
                ).format(name=new_name)
            )
            return False
        try:
            self.service.accounts.update(replace(account, name=new_name))
        except AccountError as exc:
            self._say(str(exc))
            return False
        self.reload()
        self.accountsChanged.emit()
        return True

    def change_password(self, secret: str | None = None, *, session_only: bool = False) -> None:
        """Store a new secret for the selected account, then test it."""
        account = self.selected_account()
        if account is None or not self._has_secret(account):
            return
        if secret is None:
            secret, ok = QInputDialog.getText(
                self,
                translate("AccountDialog", "Application Password"),
                translate("AccountDialog", "New application password for {name}:").format(
                    name=account.name
                ),
                QLineEdit.EchoMode.Password,
            )
            if not ok or not secret.strip():
                return
        credentials, service = self.service.credentials, self.service
        value = secret.strip()

        def store_and_test() -> AccountInfo:
            # Verify first: a refused password must not replace the one that works.
            session = service.session_factory()
            try:
                info = registry.get(account.provider)(account, session, value).verify()
            finally:
                session.close()
            if isinstance(credentials, LayeredStore):
                credentials.set(account.id, value, session_only=session_only)
            else:
                credentials.set(account.id, value)
            service.forget_session(account.id)
            return info

        self._run(
            translate("AccountDialog", "Saving the password and testing it…"),
            store_and_test,
            self._tested,
            retry_session_only=lambda: self.change_password(value, session_only=True),
        )

    def remove_selected(self, *, confirm: bool = True) -> bool:
        account = self.selected_account()
        if account is None:
            return False
        if confirm:
            answer = QMessageBox.question(
                self,
                translate("AccountDialog", "Remove Blog"),
                translate(
                    "AccountDialog",
                    "Remove “{name}” from BlogDesk? Its password is deleted from the keyring. "
                    "Your posts and the blog itself are not touched.",
                ).format(name=account.name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            account_setup.remove_account(self.service.accounts, self.service.credentials, account)
        except BlogDeskError as exc:
            self._say(str(exc))
            return False
        self.service.forget_session(account.id)
        self._say(translate("AccountDialog", "Removed “{name}”.").format(name=account.name))
        self.reload()
        self.accountsChanged.emit()
        return True
