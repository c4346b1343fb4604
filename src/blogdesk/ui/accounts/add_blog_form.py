"""The "Add a blog" half of the Blogs dialog: a form built from the provider's account fields.

`AddBlogForm` is a group box that `AccountDialog` makes and holds (`dialog.add_form`). The dialog
runs the work (busy buttons, the message line, errors, the session-only retry) and hands the form
those as callables; the form reports what it found and added through its signals.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
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
from blogdesk.ui.i18n import translate

__all__ = ["AddBlogForm", "RunInBackground", "describe_discovery", "describe_info"]


class RunInBackground(Protocol):
    """The dialog's way to run `fn` in its TaskRunner, busy meanwhile, then `done(result)` (or
    its error shown). `retry_session_only`: what "Keep for This Session Only" runs when the
    keyring does not work (None: keep the one offered before)."""

    def __call__(
        self,
        what: str,
        fn: Callable[[], Any],
        done: Callable[[Any], None],
        *,
        retry_session_only: Callable[[], None] | None = None,
    ) -> None: ...


def describe_discovery(found: DiscoveryResult) -> str:
    """What "Find my blog" found, in words."""
    lines = [
        translate("AddBlogForm", "Found: {site}").format(site=found.site_name or found.site_url),
        translate("AddBlogForm", "API: {url}").format(url=found.api_url),
    ]
    if found.app_passwords_available is True:
        lines.append(translate("AddBlogForm", "Application passwords: available"))
    elif found.app_passwords_available is False:
        lines.append(translate("AddBlogForm", "Application passwords: NOT available on this site"))
    else:
        lines.append(translate("AddBlogForm", "Application passwords: unknown"))
    if found.timezone:
        lines.append(translate("AddBlogForm", "Time zone: {zone}").format(zone=found.timezone))
    lines.extend(found.notes)
    return "\n".join(lines)


def describe_info(info: AccountInfo) -> str:
    who = info.display_name or info.user_login
    roles = f" ({', '.join(info.roles)})" if info.roles else ""
    site = info.site_name or translate("AddBlogForm", "the blog")
    lines = [
        translate("AddBlogForm", "Connected to {site} as {who}{roles}.").format(
            site=site, who=who, roles=roles
        )
    ]
    if not info.can_publish:
        lines.append(
            translate(
                "AddBlogForm", "This user may not publish posts (only submit them for review)."
            )
        )
    if not info.can_upload:
        lines.append(translate("AddBlogForm", "This user may not upload images."))
    return "\n".join(lines)


class AddBlogForm(QGroupBox):
    """The add-a-blog box: platform, name, the platform's fields, Find My Blog, Test and Add."""

    discovered = Signal(object)  # DiscoveryResult of "Find my blog"
    added = Signal(object)  # AddedAccount just saved, its secret in the credential store

    def __init__(
        self,
        service: SyncService,
        *,
        run: RunInBackground,
        say: Callable[[str], None],
        show_error: Callable[[BaseException], None],
        selected_account: Callable[[], Account | None],
        parent: QWidget,
    ) -> None:
        super().__init__(translate("AddBlogForm", "Add a blog"), parent)
        self.service = service
        # The dialog's: background work, its message line, its error display (the sign-in row
        # uses these three too), and the blog chosen in its list (for the passwords page).
        self.run = run
        self.say = say
        self.show_error = show_error
        self._selected_account = selected_account
        self.discovery: DiscoveryResult | None = None
        self.inputs: dict[str, QWidget] = {}
        self.sign_in: BrowserSignIn | None = None  # the "Sign In in Browser…" row, if any
        self._build()
        self._build_fields()

    def _build(self) -> None:
        self.provider = QComboBox(self)
        for provider_id, cls in registry.available().items():  # built-ins first, WordPress first
            self.provider.addItem(translate("AddBlogForm", cls.display_name), provider_id)
        self.provider.currentIndexChanged.connect(lambda _i: self._build_fields())
        self.name = QLineEdit(
            self, placeholderText=translate("AddBlogForm", "what you call this blog")
        )
        self.name.setObjectName("accountName")
        self.fields = QFormLayout()  # one row per field of the chosen platform
        self.find_button = QPushButton(translate("AddBlogForm", "&Find My Blog"), self)
        self.find_button.clicked.connect(self.find_blog)
        self.open_page_button = QPushButton(
            translate("AddBlogForm", "Open the Application &Passwords Page"), self
        )
        self.open_page_button.setEnabled(False)
        self.open_page_button.clicked.connect(self.open_password_page)
        self.found = QLabel(self)
        self.found.setObjectName("discoveryResult")
        self.found.setWordWrap(True)
        self.found.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_button = QPushButton(translate("AddBlogForm", "Test and &Add"), self)
        self.add_button.setObjectName("addAccount")
        self.add_button.clicked.connect(lambda: self.add_account())
        find_row = QHBoxLayout()
        find_row.addWidget(self.find_button)
        find_row.addWidget(self.open_page_button)
        find_row.addStretch(1)
        box = QVBoxLayout(self)
        top = QFormLayout()
        top.addRow(translate("AddBlogForm", "Platform:"), self.provider)
        top.addRow(translate("AddBlogForm", "Name:"), self.name)
        box.addLayout(top)
        box.addLayout(self.fields)
        box.addLayout(find_row)
        box.addWidget(self.found)
        box.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)

    def set_busy(self, busy: bool) -> None:
        """While the dialog runs something, nothing else may start from here."""
        for button in (self.find_button, self.add_button):
            button.setEnabled(not busy)

    def cancel_sign_in(self) -> None:
        """End a wait for the browser (the dialog closed)."""
        if self.sign_in is not None:
            self.sign_in.cancel()

    def provider_class(self) -> type[BlogProvider]:
        return registry.get(str(self.provider.currentData()))

    def _build_fields(self) -> None:
        """One input per AccountField of the chosen provider."""
        self.cancel_sign_in()  # a wait for the browser ends with the form it belonged to
        self.sign_in = None  # removeRow deletes the old row's widget
        while self.fields.rowCount():
            self.fields.removeRow(0)
        self.inputs.clear()
        provider_id = str(self.provider.currentData())
        for field in self.provider_class().account_fields:
            widget = self._input_for(field)
            widget.setObjectName(f"field_{field.key}")
            widget.setToolTip(translate("AddBlogForm", field.help))
            self.inputs[field.key] = widget
            label = translate("AddBlogForm", "{field}:").format(
                field=translate("AddBlogForm", field.label)
            )
            self.fields.addRow(label, widget)
            if field.secret and provider_id in SIGN_IN_PROVIDERS:
                self.sign_in = BrowserSignIn(self, provider_id, field.key, self)
                self.fields.addRow(self.sign_in)

    def _input_for(self, field: AccountField) -> QWidget:
        if field.kind == "bool":
            check = QCheckBox(self)
            check.setChecked(field.default.lower() in ("1", "true", "yes"))
            return check
        if field.kind == "choice":
            combo = QComboBox(self)
            for choice in field.choices:  # shown translated; the value is the item's data
                combo.addItem(translate("AddBlogForm", choice), choice)
            combo.setCurrentIndex(max(0, combo.findData(field.default)))
            return combo
        edit = QLineEdit(field.default, self)
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
            return str(widget.currentData())
        if isinstance(widget, QCheckBox):
            return "true" if widget.isChecked() else "false"
        return ""

    def set_value(self, key: str, value: str) -> None:
        widget = self.inputs[key]
        if isinstance(widget, QLineEdit):
            widget.setText(value)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))
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

        self.run(translate("AddBlogForm", "Looking for the blog…"), discover, self._found)

    def _found(self, found: DiscoveryResult) -> None:
        self.discovery = found
        self.found.setText(describe_discovery(found))
        self.say("")
        self.update_page_button()
        if not self.name.text().strip() and found.site_name:
            self.name.setText(found.site_name)
        self.discovered.emit(found)

    def update_page_button(self) -> None:
        """Offer the passwords page when there is one (the found blog's, else the chosen one's)."""
        self.open_page_button.setEnabled(self._password_page() is not None)

    def _password_page(self) -> str | None:
        if self.discovery is not None:
            return self.discovery.authorize_url or self.discovery.options.get("profile_url")
        account = self._selected_account()
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
        missing = [
            translate("AddBlogForm", f.label)
            for f in cls.account_fields
            if f.required and not self.value(f.key)
        ]
        name = self.name.text().strip()
        if not name:
            missing.insert(0, translate("AddBlogForm", "Name"))
        if missing:
            fields = ", ".join(missing)
            self.say(translate("AddBlogForm", "Please fill in: {fields}.").format(fields=fields))
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

        self.run(
            translate("AddBlogForm", "Checking the blog and your password…"),
            add,
            self._added,
            retry_session_only=lambda: self.add_account(session_only=True),
        )

    def _added(self, added: AddedAccount) -> None:
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
        self.say(
            translate(
                "AddBlogForm", "Added “{name}”. {info}\nThe password is kept in {storage}."
            ).format(
                name=added.account.name,
                info=describe_info(added.info),
                storage=added.secret_storage,
            )
        )
        self.added.emit(added)  # the dialog lists it and chooses it
