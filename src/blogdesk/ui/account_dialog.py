"""The author's blogs: add (find the blog, test, save), test, rename, change the password, remove.

The "add" form is built from the provider's `account_fields` (data, not code), so a new platform
brings its own form. Talking to the blog (discovery, verification) runs in the TaskRunner. The
secret goes to the credential store only; when the system keyring does not work, the dialog says
so plainly and offers to keep the secret for this session only — never a file.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
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
from blogdesk.sync import account_setup, registry
from blogdesk.sync.account_setup import AddedAccount
from blogdesk.sync.accounts import Account, AccountError
from blogdesk.sync.credentials import KeyringUnavailableError, LayeredStore
from blogdesk.sync.provider import AccountField, AccountInfo, BlogProvider, DiscoveryResult
from blogdesk.sync.service import SyncService
from blogdesk.ui.tasks import TaskRunner

__all__ = ["AccountDialog", "describe_discovery", "describe_info"]


def describe_discovery(found: DiscoveryResult) -> str:
    """What "Find my blog" found, in words."""
    lines = [f"Found: {found.site_name or found.site_url}", f"API: {found.api_url}"]
    if found.app_passwords_available is True:
        lines.append("Application passwords: available")
    elif found.app_passwords_available is False:
        lines.append("Application passwords: NOT available on this site")
    else:
        lines.append("Application passwords: unknown")
    if found.timezone:
        lines.append(f"Time zone: {found.timezone}")
    lines.extend(found.notes)
    return "\n".join(lines)


def describe_info(info: AccountInfo) -> str:
    who = info.display_name or info.user_login
    roles = f" ({', '.join(info.roles)})" if info.roles else ""
    lines = [f"Connected to {info.site_name or 'the blog'} as {who}{roles}."]
    if not info.can_publish:
        lines.append("This user may not publish posts (only submit them for review).")
    if not info.can_upload:
        lines.append("This user may not upload images.")
    return "\n".join(lines)


class AccountDialog(QDialog):
    accountsChanged = Signal()  # an account was added, renamed or removed
    discovered = Signal(object)  # DiscoveryResult of "Find my blog"
    tested = Signal(object)  # AccountInfo of a successful test
    failed = Signal(str)  # the error's own message (also shown in the dialog)

    def __init__(self, service: SyncService, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountDialog")
        self.setWindowTitle("Blogs")
        self.service = service
        self.runner = runner
        self.discovery: DiscoveryResult | None = None
        self.inputs: dict[str, QWidget] = {}
        self._retry_session_only: Callable[[], None] | None = None
        self._busy = False
        self._build()
        self.reload()

    # -- layout ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.list = QListWidget(self)
        self.list.setObjectName("accountList")
        self.list.currentRowChanged.connect(lambda _r: self._selection_changed())
        self.test_button = QPushButton("&Test", self)
        self.rename_button = QPushButton("&Rename…", self)
        self.password_button = QPushButton("Change &Password…", self)
        self.remove_button = QPushButton("Re&move", self)
        self.test_button.clicked.connect(self.test_selected)
        self.rename_button.clicked.connect(lambda: self.rename_selected())
        self.password_button.clicked.connect(lambda: self.change_password())
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        row = QHBoxLayout()
        for button in (self.test_button, self.rename_button, self.password_button,
                       self.remove_button):
            row.addWidget(button)

        self.add_box = QGroupBox("Add a blog", self)
        self.provider = QComboBox(self.add_box)
        for provider_id, cls in registry.available().items():  # built-ins first, WordPress first
            self.provider.addItem(cls.display_name, provider_id)
        self.provider.currentIndexChanged.connect(lambda _i: self._build_form())
        self.name = QLineEdit(self.add_box, placeholderText="what you call this blog")
        self.name.setObjectName("accountName")
        self.form = QFormLayout()
        self.find_button = QPushButton("&Find My Blog", self.add_box)
        self.find_button.clicked.connect(self.find_blog)
        self.open_page_button = QPushButton("Open the Application &Passwords Page", self.add_box)
        self.open_page_button.setEnabled(False)
        self.open_page_button.clicked.connect(self.open_password_page)
        self.found = QLabel(self.add_box)
        self.found.setObjectName("discoveryResult")
        self.found.setWordWrap(True)
        self.found.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_button = QPushButton("Test and &Add", self.add_box)
        self.add_button.setObjectName("addAccount")
        self.add_button.clicked.connect(lambda: self.add_account())
        find_row = QHBoxLayout()
        find_row.addWidget(self.find_button)
        find_row.addWidget(self.open_page_button)
        find_row.addStretch(1)
        box = QVBoxLayout(self.add_box)
        top = QFormLayout()
        top.addRow("Platform:", self.provider)
        top.addRow("Name:", self.name)
        box.addLayout(top)
        box.addLayout(self.form)
        box.addLayout(find_row)
        box.addWidget(self.found)
        box.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)

        self.message = QLabel(self)
        self.message.setObjectName("accountMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.session_only_button = QPushButton("Keep for This &Session Only", self)
        self.session_only_button.setObjectName("sessionOnly")
        self.session_only_button.hide()
        self.session_only_button.clicked.connect(self._keep_for_session)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Your blogs:", self))
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(self.add_box)
        layout.addWidget(self.message)
        layout.addWidget(self.session_only_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(close)
        self._build_form()

    def provider_class(self) -> type[BlogProvider]:
        return registry.get(str(self.provider.currentData()))

    def _build_form(self) -> None:
        """One input per AccountField of the chosen provider."""
        while self.form.rowCount():
            self.form.removeRow(0)
        self.inputs.clear()
        for field in self.provider_class().account_fields:
            widget = self._input_for(field)
            widget.setObjectName(f"field_{field.key}")
            widget.setToolTip(field.help)
            self.inputs[field.key] = widget
            self.form.addRow(field.label + ":", widget)

    def _input_for(self, field: AccountField) -> QWidget:
        if field.kind == "bool":
            check = QCheckBox(self.add_box)
            check.setChecked(field.default.lower() in ("1", "true", "yes"))
            return check
        if field.kind == "choice":
            combo = QComboBox(self.add_box)
            combo.addItems(list(field.choices))
            combo.setCurrentText(field.default)
            return combo
        edit = QLineEdit(field.default, self.add_box)
        edit.setPlaceholderText(field.placeholder)
        if field.kind == "password" or field.secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

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
        self.open_page_button.setEnabled(self._password_page() is not None)

    # -- background work -------------------------------------------------------------------------

    def _run(self, what: str, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
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
        for button in (self.find_button, self.add_button):
            button.setEnabled(not busy)
        self._selection_changed()

    def _error(self, exc: BaseException) -> None:
        if isinstance(exc, KeyringUnavailableError):
            self._say(str(exc))
            self.session_only_button.show()
        elif isinstance(exc, BlogDeskError):
            self._say(str(exc))
        else:  # a bug: one plain line, never a traceback in the dialog
            self._say(f"Something went wrong ({type(exc).__name__}: {exc}).")
        self.failed.emit(self.message.text())

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def is_busy(self) -> bool:
        return self._busy

    # -- adding ----------------------------------------------------------------------------------

    def value(self, key: str) -> str:
        widget = self.inputs.get(key)
        if isinstance(widget, QLineEdit):
            return widget.text().strip()
        if isinstance(widget, QComboBox):
            return widget.currentText()
        if isinstance(widget, QCheckBox):
            return "true" if widget.isChecked() else "false"
        return ""

    def set_value(self, key: str, value: str) -> None:
        widget = self.inputs[key]
        if isinstance(widget, QLineEdit):
            widget.setText(value)
        elif isinstance(widget, QComboBox):
            widget.setCurrentText(value)
        elif isinstance(widget, QCheckBox):
            widget.setChecked(value.lower() in ("1", "true", "yes"))

    def find_blog(self) -> None:
        """Discovery: what is at the address (no password needed)."""
        url, provider_id = self.value("site_url"), str(self.provider.currentData())
        factory = self.service.session_factory

        def discover() -> DiscoveryResult:
            session = factory()
            try:
                return account_setup.discover(url, provider_id, session=session)
            finally:
                session.close()

        self._run("Looking for the blog…", discover, self._found)

    def _found(self, found: DiscoveryResult) -> None:
        self.discovery = found
        self.found.setText(describe_discovery(found))
        self._say("")
        self.open_page_button.setEnabled(self._password_page() is not None)
        if not self.name.text().strip() and found.site_name:
            self.name.setText(found.site_name)
        self.discovered.emit(found)

    def _password_page(self) -> str | None:
        if self.discovery is not None:
            return self.discovery.authorize_url or self.discovery.options.get("profile_url")
        account = self.selected_account() if hasattr(self, "list") else None
        if account is not None:
            page = account.options.get("authorize_url") or account.options.get("profile_url")
            return str(page) if page else None
        return None

    def open_password_page(self) -> None:
        page = self._password_page()
        if page:
            QDesktopServices.openUrl(QUrl(page))

    def add_account(self, *, session_only: bool = False) -> None:
        """Discover, verify, then save the account and put its secret in the credential store."""
        cls = self.provider_class()
        secret_key = next((f.key for f in cls.account_fields if f.secret), "")
        known = {"site_url", "user", secret_key}
        extras: dict[str, Any] = {
            f.key: (self.value(f.key) == "true" if f.kind == "bool" else self.value(f.key))
            for f in cls.account_fields if f.key not in known
        }
        missing = [f.label for f in cls.account_fields if f.required and not self.value(f.key)]
        name = self.name.text().strip()
        if not name:
            missing.insert(0, "Name")
        if missing:
            self._say("Please fill in: " + ", ".join(missing) + ".")
            return
        service, provider_id = self.service, str(self.provider.currentData())
        url, user, secret = self.value("site_url"), self.value("user"), self.value(secret_key)

        more: dict[str, Any] = {}
        if extras and "options" in inspect.signature(account_setup.add_account).parameters:
            more["options"] = extras  # the provider may need them to verify (e.g. an API URL)

        def add() -> AddedAccount:
            added = account_setup.add_account(
                service.accounts, service.credentials, name=name, url=url, user=user,
                secret=secret, provider_id=provider_id, session_only=session_only,
                session_factory=service.session_factory, **more,
            )
            if extras and not more:
                account = added.account.with_options(**extras)
                service.accounts.update(account)
                added = replace(added, account=account)
            return added

        self._retry_session_only = lambda: self.add_account(session_only=True)
        self._run("Checking the blog and your password…", add, self._added)

    def _added(self, added: AddedAccount) -> None:
        self.session_only_button.hide()
        self._retry_session_only = None
        secret_widget = next((w for k, w in self.inputs.items() if isinstance(w, QLineEdit)
                              and w.echoMode() == QLineEdit.EchoMode.Password), None)
        if secret_widget is not None:
            secret_widget.clear()  # the secret now lives in the credential store only
        self.found.setText(describe_discovery(added.discovery))
        self._say(f"Added “{added.account.name}”. {describe_info(added.info)}\n"
                  f"The password is kept in {added.secret_storage}.")
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
        self._run(f"Testing “{account.name}”…", lambda: service.test_account(account),
                  self._tested)

    def _tested(self, info: AccountInfo) -> None:
        self._say(describe_info(info))
        self.tested.emit(info)

    def rename_selected(self, new_name: str | None = None) -> bool:
        account = self.selected_account()
        if account is None:
            return False
        if new_name is None:
            new_name, ok = QInputDialog.getText(self, "Rename Blog", "New name:",
                                                QLineEdit.EchoMode.Normal, account.name)
            if not ok:
                return False
        new_name = new_name.strip()
        other = self.service.accounts.find(new_name)
        if not new_name or (other is not None and other.id != account.id):
            self._say(f"“{new_name}” cannot be used: give a name no other blog has.")
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
            secret, ok = QInputDialog.getText(self, "Application Password",
                                              f"New application password for {account.name}:",
                                              QLineEdit.EchoMode.Password)
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

        self._retry_session_only = lambda: self.change_password(value, session_only=True)
        self._run("Saving the password and testing it…", store_and_test, self._tested)

    def remove_selected(self, *, confirm: bool = True) -> bool:
        account = self.selected_account()
        if account is None:
            return False
        if confirm:
            answer = QMessageBox.question(
                self, "Remove Blog",
                f"Remove “{account.name}” from BlogDesk? Its password is deleted from "
                "the keyring. Your posts and the blog itself are not touched.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            account_setup.remove_account(self.service.accounts, self.service.credentials,
                                         account)
        except BlogDeskError as exc:
            self._say(str(exc))
            return False
        self.service.forget_session(account.id)
        self._say(f"Removed “{account.name}”.")
        self.reload()
        self.accountsChanged.emit()
        return True
