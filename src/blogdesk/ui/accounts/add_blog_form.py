"""The "Add a blog" half of the Blogs dialog: a form built from the provider's account fields."""

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
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from blogdesk.sync import registry
from blogdesk.sync.accounts import setup as account_setup
from blogdesk.sync.accounts.setup import AddedAccount
from blogdesk.sync.accounts.store import Account
from blogdesk.sync.provider import AccountField, AccountInfo, BlogProvider, DiscoveryResult
from blogdesk.sync.service import SyncService
from blogdesk.ui.accounts.browser_sign_in import SIGN_IN_PROVIDERS, BrowserSignIn

__all__ = ["AddBlogForm", "describe_discovery", "describe_info"]


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


class AddBlogForm(QDialog):
    """The add-a-blog form; `AccountDialog` adds the list of blogs and runs the work."""

    accountsChanged = Signal()  # an account was added, renamed or removed
    discovered = Signal(object)  # DiscoveryResult of "Find my blog"

    # Made by AccountDialog (the list, the message line, the background work).
    service: SyncService
    discovery: DiscoveryResult | None
    inputs: dict[str, QWidget]
    list: QListWidget
    session_only_button: QPushButton
    _retry_session_only: Callable[[], None] | None
    _run: Callable[[str, Callable[[], Any], Callable[[Any], None]], None]
    _say: Callable[[str], None]
    _error: Callable[[BaseException], None]
    sign_in: BrowserSignIn | None = None  # the "Sign In in Browser…" row, where there is one
    reload: Callable[[], None]
    selected_account: Callable[[], Account | None]

    def _build_add_box(self) -> None:
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

    def provider_class(self) -> type[BlogProvider]:
        return registry.get(str(self.provider.currentData()))

    def _build_form(self) -> None:
        """One input per AccountField of the chosen provider."""
        if self.sign_in is not None:
            self.sign_in.cancel()  # a wait for the browser ends with the form it belonged to
        self.sign_in = None  # removeRow deletes the old row's widget
        while self.form.rowCount():
            self.form.removeRow(0)
        self.inputs.clear()
        provider_id = str(self.provider.currentData())
        for field in self.provider_class().account_fields:
            widget = self._input_for(field)
            widget.setObjectName(f"field_{field.key}")
            widget.setToolTip(field.help)
            self.inputs[field.key] = widget
            self.form.addRow(field.label + ":", widget)
            if field.secret and provider_id in SIGN_IN_PROVIDERS:
                self.sign_in = BrowserSignIn(self, provider_id, field.key, self.add_box)
                self.form.addRow(self.sign_in)

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
            for f in cls.account_fields
            if f.key not in known
        }
        if self.sign_in is not None:
            extras.update(self.sign_in.options())  # e.g. Blogger's Google client, for refreshing
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
                service.accounts,
                service.credentials,
                name=name,
                url=url,
                user=user,
                secret=secret,
                provider_id=provider_id,
                session_only=session_only,
                session_factory=service.session_factory,
                **more,
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
        secret_widget = next(
            (
                w
                for k, w in self.inputs.items()
                if isinstance(w, QLineEdit) and w.echoMode() == QLineEdit.EchoMode.Password
            ),
            None,
        )
        if secret_widget is not None:
            secret_widget.clear()  # the secret now lives in the credential store only
        self.found.setText(describe_discovery(added.discovery))
        self._say(
            f"Added “{added.account.name}”. {describe_info(added.info)}\n"
            f"The password is kept in {added.secret_storage}."
        )
        self.reload()
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == added.account.id:
                self.list.setCurrentRow(row)
        self.accountsChanged.emit()
