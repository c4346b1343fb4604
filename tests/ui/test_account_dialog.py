"""The account dialog against the real WordPress on loopback: the form from the provider's fields,
"Find my blog", test and add (the secret in an in-memory keyring backend), a refused password,
no keyring at all (session only), test, rename, change password, remove."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.memory_keyring import MemoryKeyring
from tests.servers.wordpress_fixture import WordPressServer
from tests.sign_in_site import SignInSite, browser

from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

from blogdesk.services import Services
from blogdesk.sync import registry
from blogdesk.sync.accounts.credentials import NO_KEYRING_MESSAGE, LayeredStore
from blogdesk.sync.accounts.store import Account, AccountStore
from blogdesk.sync.providers.wordpress.provider import WordPressProvider
from blogdesk.sync.service import SyncService
from blogdesk.ui.accounts.blogs_dialog import AccountDialog
from blogdesk.ui.tasks import TaskRunner

TIMEOUT = 60_000


@pytest.fixture
def service(tmp_path: Path, services: Services) -> Iterator[SyncService]:
    library = services.open_library(tmp_path / "library")
    try:
        yield services.sync_service()  # as the window gets it (the keyring: the memory one)
    finally:
        services.close()
        library.close()


@pytest.fixture
def dialog(qtbot: Any, service: SyncService, task_runner: TaskRunner) -> AccountDialog:
    dlg = AccountDialog(service, task_runner)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def fill(dialog: AccountDialog, wordpress: WordPressServer, secret: str | None = None) -> str:
    assert dialog.add_form.provider.currentData() == "wordpress"  # the default platform
    name = f"blog-{uuid.uuid4().hex[:6]}"
    dialog.add_form.name.setText(name)
    dialog.add_form.set_value("site_url", wordpress.url)
    dialog.add_form.set_value("user", wordpress.user)
    dialog.add_form.set_value(
        "app_password", secret if secret is not None else wordpress.app_password
    )
    return name


def click(qtbot: Any, button: Any) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


class UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.urls.append(url.toString())


def test_form_is_built_from_the_providers_account_fields(dialog: AccountDialog) -> None:
    fields = WordPressProvider.account_fields
    assert list(dialog.add_form.inputs) == [f.key for f in fields]
    for field in fields:
        widget = dialog.add_form.inputs[field.key]
        assert isinstance(widget, QLineEdit)
        assert (widget.echoMode() == QLineEdit.EchoMode.Password) == field.secret
        assert dialog.add_form.fields.labelForField(widget).text() == field.label + ":"
    # Every platform brings its own form, built from its fields.
    for index in range(dialog.add_form.provider.count()):
        dialog.add_form.provider.setCurrentIndex(index)
        cls = registry.get(str(dialog.add_form.provider.currentData()))
        assert list(dialog.add_form.inputs) == [f.key for f in cls.account_fields]
        for field in cls.account_fields:
            kind = {"bool": QCheckBox, "choice": QComboBox}.get(field.kind, QLineEdit)
            assert isinstance(dialog.add_form.inputs[field.key], kind)
            assert (
                dialog.add_form.fields.labelForField(dialog.add_form.inputs[field.key]).text()
                == field.label + ":"
            )
    dialog.add_form.provider.setCurrentIndex(0)
    # Nothing filled in: the dialog names what is missing and talks to nobody.
    dialog.add_form.add_account()
    assert dialog.message.text().startswith("Please fill in: Name, Blog address")
    assert not dialog.is_busy()


@pytest.mark.wordpress
def test_add_test_rename_and_remove_an_account(
    qtbot: Any,
    dialog: AccountDialog,
    service: SyncService,
    wordpress: WordPressServer,
    memory_keyring: MemoryKeyring,
    accounts: AccountStore,
) -> None:
    name = fill(dialog, wordpress)
    with qtbot.waitSignal(dialog.discovered, timeout=TIMEOUT) as found:
        click(qtbot, dialog.add_form.find_button)
    assert found.args[0].api_url.startswith(wordpress.url)
    text = dialog.add_form.found.text()
    assert "Application passwords: available" in text and "API: " in text
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("http", catcher, "handle")
    try:
        click(qtbot, dialog.add_form.open_page_button)
    finally:
        QDesktopServices.unsetUrlHandler("http")
    assert len(catcher.urls) == 1 and "authorize-application.php" in catcher.urls[0]

    with qtbot.waitSignal(dialog.accountsChanged, timeout=TIMEOUT):
        click(qtbot, dialog.add_form.add_button)
    stored = accounts.all()
    assert [a.name for a in stored] == [name]
    account = stored[0]
    assert account.options.get("api_url")
    # The secret is in the keyring (the in-memory backend) and nowhere else.
    assert memory_keyring.items[("BlogDesk", account.id)] == wordpress.app_password
    assert wordpress.app_password not in accounts.path.read_text(encoding="utf-8")
    assert dialog.add_form.inputs["app_password"].text() == ""  # type: ignore[attr-defined]
    assert "kept in the system keyring" in dialog.message.text()
    assert dialog.list.count() == 1

    with qtbot.waitSignal(dialog.tested, timeout=TIMEOUT):
        click(qtbot, dialog.test_button)
    assert dialog.message.text().startswith("Connected to")

    assert dialog.rename_selected("renamed blog")
    assert accounts.get(account.id).name == "renamed blog"
    assert "renamed blog" in dialog.list.item(0).text()

    assert dialog.remove_selected(confirm=False)
    assert accounts.all() == []
    assert ("BlogDesk", account.id) not in memory_keyring.items
    assert dialog.list.count() == 0


@pytest.mark.wordpress
def test_a_wrong_password_is_refused_and_nothing_is_stored(
    qtbot: Any,
    dialog: AccountDialog,
    wordpress: WordPressServer,
    memory_keyring: MemoryKeyring,
    accounts: AccountStore,
) -> None:
    fill(dialog, wordpress, secret="abcd efgh ijkl mnop qrst uvwx")
    with qtbot.waitSignal(dialog.failed, timeout=TIMEOUT) as failed:
        click(qtbot, dialog.add_form.add_button)
    assert "rejected the user name or application password" in failed.args[0]
    assert dialog.message.text() == failed.args[0]
    assert "Traceback" not in failed.args[0]
    assert accounts.all() == [] and memory_keyring.items == {}
    assert dialog.session_only_button.isHidden()


@pytest.mark.wordpress
def test_without_a_keyring_the_secret_can_be_kept_for_this_session_only(
    qtbot: Any,
    dialog: AccountDialog,
    service: SyncService,
    wordpress: WordPressServer,
    accounts: AccountStore,
) -> None:
    # tests/conftest.py sets PYTHON_KEYRING_BACKEND to keyring's "fail" backend: no keyring.
    name = fill(dialog, wordpress)
    with qtbot.waitSignal(dialog.failed, timeout=TIMEOUT) as failed:
        click(qtbot, dialog.add_form.add_button)
    assert failed.args[0].startswith(NO_KEYRING_MESSAGE)
    assert accounts.all() == []  # nothing is kept until the author chooses
    assert not dialog.session_only_button.isHidden()
    with qtbot.waitSignal(dialog.accountsChanged, timeout=TIMEOUT):
        click(qtbot, dialog.session_only_button)
    account = accounts.get(name)
    assert isinstance(service.credentials, LayeredStore)
    assert service.credentials.session_store.get(account.id) == wordpress.app_password
    assert "this session only" in dialog.message.text()
    # The service finds the session secret: the account works for the rest of the session.
    assert service.test_account(account).user_login == wordpress.user


@pytest.mark.wordpress
def test_change_password_stores_and_tests_the_new_one(
    qtbot: Any,
    dialog: AccountDialog,
    service: SyncService,
    wordpress: WordPressServer,
    memory_keyring: MemoryKeyring,
    accounts: AccountStore,
) -> None:
    fill(dialog, wordpress)
    with qtbot.waitSignal(dialog.accountsChanged, timeout=TIMEOUT):
        click(qtbot, dialog.add_form.add_button)
    account = accounts.all()[0]
    with qtbot.waitSignal(dialog.failed, timeout=TIMEOUT) as failed:
        dialog.change_password("wxyz wxyz wxyz wxyz wxyz wxyz")
    assert "rejected" in failed.args[0]
    # The refused one replaced nothing: the working password is still the stored one.
    assert memory_keyring.items[("BlogDesk", account.id)] == wordpress.app_password
    second, uuid_ = wordpress.create_app_password(f"blogdesk-test-{uuid.uuid4().hex[:6]}")
    try:
        with qtbot.waitSignal(dialog.tested, timeout=TIMEOUT):
            dialog.change_password(second)
        assert memory_keyring.items[("BlogDesk", account.id)] == second
        assert service.test_account(account).user_login == wordpress.user
    finally:
        wordpress.revoke_app_password(uuid_)


def test_find_my_blog_on_an_address_where_nothing_answers(
    qtbot: Any, dialog: AccountDialog
) -> None:
    dialog.add_form.set_value("site_url", "http://127.0.0.1:9")
    with qtbot.waitSignal(dialog.failed, timeout=TIMEOUT) as failed:
        click(qtbot, dialog.add_form.find_button)
    message = failed.args[0]
    assert message and "Traceback" not in message and "Something went wrong" not in message
    assert not dialog.is_busy() and dialog.add_form.find_button.isEnabled()


def test_a_site_folder_shows_no_empty_user_and_no_password_to_change(
    dialog: AccountDialog, tmp_path: Path, accounts: AccountStore
) -> None:
    store = accounts
    folder = store.add(Account.new("mysite", "static", str(tmp_path / "hugosite"), ""))
    blog = store.add(Account.new("travel", "wordpress", "https://blog.example", "ann"))
    dialog.reload()
    texts = {dialog.list.item(i).text() for i in range(dialog.list.count())}
    assert texts == {f"mysite — {tmp_path / 'hugosite'}", "travel — https://blog.example (ann)"}
    for row in range(dialog.list.count()):
        dialog.list.setCurrentRow(row)
        chosen = dialog.selected_account()
        assert chosen is not None
        assert dialog.test_button.isEnabled() and dialog.remove_button.isEnabled()
        assert dialog.password_button.isEnabled() == (chosen.id == blog.id)
    # Even when called directly, there is nothing to store for a folder.
    dialog.list.setCurrentRow(
        next(
            r
            for r in range(dialog.list.count())
            if dialog.list.item(r).data(Qt.ItemDataRole.UserRole) == folder.id
        )
    )
    dialog.change_password("anything")
    assert not dialog.is_busy()


def test_every_label_of_the_add_form_lines_up(qtbot: Any, dialog: AccountDialog) -> None:
    # Platform and Name above the platform's own fields: one column of labels, one of inputs.
    form = dialog.add_form
    for index in range(form.provider.count()):
        form.provider.setCurrentIndex(index)

        def lined_up() -> None:
            widgets = [form.provider, form.name, *form.inputs.values()]
            lefts = {w.mapTo(dialog, w.rect().topLeft()).x() for w in widgets}
            assert len(lefts) == 1, (form.provider.currentText(), lefts)

        qtbot.waitUntil(lined_up, timeout=2000)  # once the new rows are laid out


# -- signing in in the browser (Micropub: IndieAuth against the real Micropub server) --------------


def choose(dialog: AccountDialog, provider_id: str) -> None:
    dialog.add_form.provider.setCurrentIndex(dialog.add_form.provider.findData(provider_id))
    assert dialog.add_form.provider.currentData() == provider_id


def test_only_micropub_and_blogger_offer_sign_in_in_the_browser(dialog: AccountDialog) -> None:
    offered = set()
    for index in range(dialog.add_form.provider.count()):
        dialog.add_form.provider.setCurrentIndex(index)
        if dialog.add_form.sign_in is not None:
            offered.add(dialog.add_form.provider.currentData())
            assert dialog.add_form.sign_in.button.text() == "Sign In in &Browser…"
    assert offered == {"micropub", "blogger"}


def test_blogger_sign_in_without_a_client_id_says_what_to_enter(
    qtbot: Any,
    dialog: AccountDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", opened.append)
    choose(dialog, "blogger")
    assert dialog.add_form.sign_in is not None
    click(qtbot, dialog.add_form.sign_in.button)
    assert "Google client ID" in dialog.message.text()
    assert not dialog.is_busy() and opened == []


def test_blogger_sign_in_can_be_cancelled_while_waiting_for_the_browser(
    qtbot: Any,
    dialog: AccountDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import webbrowser

    opened: list[str] = []

    def browser(url: str) -> bool:  # the author never comes back from the browser
        opened.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", browser)
    choose(dialog, "blogger")
    sign_in = dialog.add_form.sign_in
    assert sign_in is not None and sign_in.client_id is not None
    sign_in.client_id.setText("test-client.apps.googleusercontent.com")
    click(qtbot, sign_in.button)
    assert dialog.message.text().startswith("Waiting for the browser")
    qtbot.waitUntil(lambda: bool(opened), timeout=TIMEOUT)  # the real loopback server waits
    assert "redirect_uri=http%3A%2F%2F127.0.0.1" in opened[0]
    with qtbot.waitSignal(dialog.failed, timeout=TIMEOUT) as failed:
        click(qtbot, sign_in.cancel_button)
    assert failed.args[0] == "Sign-in was cancelled."
    assert dialog.add_form.value("refresh_token") == "" and not dialog.is_busy()
    assert sign_in.button.isEnabled() and sign_in.cancel_button.isHidden()


def test_google_sign_in_without_a_lasting_token_says_sign_in_again(
    qtbot: Any, dialog: AccountDialog, monkeypatch: pytest.MonkeyPatch, site: SignInSite
) -> None:
    # Google answers the code exchange without a refresh token when it does not ask for
    # consent again (Google's OAuth docs: refresh_token only with access_type=offline and
    # consent). Google cannot run here: a loopback sign-in site answers in its documented shape.
    import webbrowser

    from blogdesk.sync.accounts.oauth_loopback import OAuthClient

    monkeypatch.setattr(OAuthClient, "auth_url", f"{site.url}/auth")
    monkeypatch.setattr(OAuthClient, "token_url", f"{site.url}/token")
    site.token = (
        200,
        json.dumps({"access_token": "ya29.short", "expires_in": 3599, "token_type": "Bearer"}),
    )

    def open_browser(url: str) -> bool:  # the author's browser, signing in at once
        threading.Thread(target=browser, args=(url,), daemon=True).start()
        return True

    monkeypatch.setattr(webbrowser, "open", open_browser)
    choose(dialog, "blogger")
    sign_in = dialog.add_form.sign_in
    assert sign_in is not None and sign_in.client_id is not None
    sign_in.client_id.setText("test-client.apps.googleusercontent.com")
    with qtbot.waitSignal(dialog.failed, timeout=TIMEOUT) as failed:
        click(qtbot, sign_in.button)
    assert failed.args[0] == (
        "Google did not give BlogDesk a lasting sign-in (no refresh token). Sign in again."
    )
    assert dialog.add_form.value("refresh_token") == "" and not dialog.is_busy()


def test_micropub_blog_is_added_by_signing_in_in_the_browser(
    qtbot: Any,
    dialog: AccountDialog,
    service: SyncService,
    micropub_server: Any,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading
    import webbrowser

    import requests

    opened: list[str] = []

    def browser(url: str) -> bool:  # the author approves in the browser, which comes back
        opened.append(url)
        threading.Thread(
            target=lambda: requests.get(micropub_server.approve(url), timeout=10), daemon=True
        ).start()
        return True

    monkeypatch.setattr(webbrowser, "open", browser)
    choose(dialog, "micropub")
    dialog.add_form.name.setText("notes")
    sign_in = dialog.add_form.sign_in
    assert sign_in is not None
    click(qtbot, sign_in.button)
    assert dialog.message.text() == "Please fill in your site's address first, then sign in."
    dialog.add_form.set_value("site_url", micropub_server.url)
    click(qtbot, sign_in.button)
    assert dialog.message.text().startswith("Waiting for the browser")
    assert not sign_in.cancel_button.isHidden() and not sign_in.button.isEnabled()
    qtbot.waitUntil(lambda: bool(dialog.add_form.value("token")), timeout=TIMEOUT)
    token = dialog.add_form.value("token")
    assert len(opened) == 1 and token not in dialog.message.text()
    secret_field = dialog.add_form.inputs["token"]
    assert isinstance(secret_field, QLineEdit)
    assert secret_field.echoMode() == QLineEdit.EchoMode.Password
    assert sign_in.cancel_button.isHidden() and not dialog.is_busy()
    with qtbot.waitSignal(dialog.accountsChanged, timeout=TIMEOUT):
        click(qtbot, dialog.add_form.add_button)
    [account] = service.accounts.all()
    assert account.provider == "micropub" and account.name == "notes"
    assert list(memory_keyring.items.values()) == [token]
    assert dialog.add_form.value("token") == ""  # the token lives in the keyring only


def test_micropub_sign_in_can_be_cancelled_while_waiting_for_the_browser(
    qtbot: Any,
    dialog: AccountDialog,
    micropub_server: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import webbrowser

    opened: list[str] = []

    def browser(url: str) -> bool:  # the author never comes back from the browser
        opened.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", browser)
    choose(dialog, "micropub")
    dialog.add_form.set_value("site_url", micropub_server.url)
    sign_in = dialog.add_form.sign_in
    assert sign_in is not None
    click(qtbot, sign_in.button)
    qtbot.waitUntil(lambda: bool(opened), timeout=TIMEOUT)  # discovered, the page is open
    with qtbot.waitSignal(dialog.failed, timeout=10_000) as failed:  # well before the timeout
        click(qtbot, sign_in.cancel_button)
    assert failed.args[0] == "Sign-in was cancelled."
    assert (
        dialog.add_form.value("token") == "" and not dialog.is_busy() and sign_in.button.isEnabled()
    )


def test_closing_the_dialog_ends_the_wait_for_the_browser(
    qtbot: Any,
    dialog: AccountDialog,
    micropub_server: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import webbrowser

    opened: list[str] = []

    def browser(url: str) -> bool:  # the author never comes back from the browser
        opened.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", browser)
    choose(dialog, "micropub")
    dialog.add_form.set_value("site_url", micropub_server.url)
    sign_in = dialog.add_form.sign_in
    assert sign_in is not None
    click(qtbot, sign_in.button)
    qtbot.waitUntil(lambda: bool(opened), timeout=TIMEOUT)
    with qtbot.waitSignal(dialog.failed, timeout=10_000) as failed:  # well before the timeout
        dialog.reject()  # Close (or Escape)
    assert failed.args[0] == "Sign-in was cancelled."
    assert not dialog.is_busy() and sign_in.button.isEnabled()
