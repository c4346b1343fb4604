"""The add-a-blog form's "Sign In in Browser…" row for Micropub (IndieAuth) and Blogger (Google).

The flow blocks while the author approves in the browser, so it runs in the dialog's TaskRunner.
Cancel really ends the wait: IndieAuth polls a `cancelled` callback; Google's loopback flow has no
such hook, so Cancel sends the waiting loopback server the answer a browser would send for a
refused sign-in (with the request's own state), which ends it at once. The token goes into the
form's password field only (never shown, never logged); "Test and Add" stores it in the keyring.
"""

from __future__ import annotations

import threading
import urllib.request
import webbrowser
from collections.abc import Callable
from typing import Any, Protocol
from urllib.parse import parse_qs, urlencode, urlsplit

import shiboken6

from PySide6.QtCore import QT_TRANSLATE_NOOP, Slot
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QWidget

from blogdesk.core.errors import BlogDeskError
from blogdesk.sync.service import SyncService
from blogdesk.ui.i18n import translate

__all__ = ["SIGN_IN_PROVIDERS", "BrowserSignIn", "SignInCancelled"]

SIGN_IN_PROVIDERS = frozenset({"micropub", "blogger"})
WAITING = str(
    QT_TRANSLATE_NOOP(
        "BrowserSignIn", "Waiting for the browser… Approve BlogDesk there, or press Cancel."
    )
)
NO_CLIENT_ID = str(
    QT_TRANSLATE_NOOP(
        "BrowserSignIn",
        "Blogger needs a Google OAuth client ID: enter the client ID of your Google Cloud OAuth "
        "client (type “Desktop app”) in “Google client ID” (and its client secret, if Google gave "
        "you one), then press “Sign In in Browser…” again. See docs/providers.md.",
    )
)


class SignInCancelled(BlogDeskError):
    def __init__(self) -> None:
        super().__init__(translate("BrowserSignIn", "Sign-in was cancelled."))


class _Form(Protocol):
    """What the row needs of the add-a-blog form."""

    service: SyncService

    def value(self, key: str) -> str: ...
    def set_value(self, key: str, value: str) -> None: ...
    def run(self, what: str, fn: Callable[[], Any], done: Callable[[Any], None]) -> None: ...
    def say(self, text: str) -> None: ...
    def show_error(self, exc: BaseException) -> None: ...


def _poke_loopback(authorization_url: str) -> None:
    """End a waiting oauth_loopback.authorize(): answer its redirect address as a refusal."""
    query = parse_qs(urlsplit(authorization_url).query)
    redirect, state = query.get("redirect_uri", [""])[0], query.get("state", [""])[0]
    if not redirect.startswith(("http://127.0.0.1:", "http://[::1]:")):
        return  # only ever our own loopback server

    def send() -> None:
        try:
            with urllib.request.urlopen(
                f"{redirect}?{urlencode({'error': 'cancelled', 'state': state})}", timeout=5
            ):
                pass
        except OSError:
            pass  # the server is gone already: the wait has ended anyway

    threading.Thread(target=send, name="oauth-cancel", daemon=True).start()


class BrowserSignIn(QWidget):
    """The sign-in button (and, for Blogger, the Google client id inputs) under the secret field.
    The form cancels the wait when its dialog closes.

    `open_url` is the browser (tests put a stand-in there); it is called from the worker thread.
    """

    def __init__(
        self,
        form: _Form,
        provider_id: str,
        secret_key: str,
        parent: QWidget,
        open_url: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("browserSignIn")
        self._form, self.provider_id, self.secret_key = form, provider_id, secret_key
        self._open_url = open_url
        self._cancel = threading.Event()
        self._opened: list[str] = []
        self._lock = threading.Lock()
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.client_id: QLineEdit | None = None
        self.client_secret: QLineEdit | None = None
        if provider_id == "blogger":
            self.client_id = QLineEdit(self)
            self.client_id.setObjectName("signInClientId")
            self.client_id.setToolTip(
                translate("BrowserSignIn", "The client ID of your Google Cloud OAuth client.")
            )
            self.client_secret = QLineEdit(self)
            self.client_secret.setObjectName("signInClientSecret")
            self.client_secret.setEchoMode(QLineEdit.EchoMode.Password)
            layout.addRow(translate("BrowserSignIn", "Google client ID:"), self.client_id)
            layout.addRow(translate("BrowserSignIn", "Google client secret:"), self.client_secret)
        self.button = QPushButton(translate("BrowserSignIn", "Sign In in &Browser…"), self)
        self.button.setObjectName("signInBrowser")
        self.button.clicked.connect(self.start)
        self.cancel_button = QPushButton(translate("BrowserSignIn", "Cancel"), self)
        self.cancel_button.setObjectName("signInCancel")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        layout.addRow("", row)

    def options(self) -> dict[str, str]:
        """Account options the sign-in needs later too (Blogger refreshes with the client)."""
        found = {"client_id": self.client_id, "client_secret": self.client_secret}
        return {k: w.text().strip() for k, w in found.items() if w is not None and w.text().strip()}

    def is_waiting(self) -> bool:
        return not self.cancel_button.isHidden()

    # -- running ---------------------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        flow = self._flow()
        if flow is None:
            return
        self._cancel.clear()
        self._opened.clear()
        self._set_waiting(True)

        def guarded() -> tuple[str | None, BaseException | None]:
            # Errors come back as a value, so this row always learns that the wait ended.
            try:
                return flow(), None
            except BaseException as exc:  # handed to the dialog's error display
                if self._cancel.is_set():
                    return None, SignInCancelled()
                return None, exc

        self._form.run(translate("BrowserSignIn", WAITING), guarded, self._finished)

    @Slot()
    def cancel(self) -> None:
        if self._cancel.is_set() or not self.is_waiting():
            return
        with self._lock:
            self._cancel.set()
            opened = list(self._opened)
        if self.provider_id == "blogger" and opened:
            _poke_loopback(opened[0])

    def _finished(self, outcome: tuple[str | None, BaseException | None]) -> None:
        if not shiboken6.isValid(self):  # the platform was changed meanwhile: the row is gone
            return
        self._set_waiting(False)
        token, error = outcome
        if error is not None:
            self._form.show_error(error)
            return
        self._form.set_value(self.secret_key, token or "")
        self._form.say(
            translate(
                "BrowserSignIn",
                "Signed in. Press “Test and Add” to check the blog and save it "
                "(the token goes to the keyring).",
            )
        )

    def _set_waiting(self, waiting: bool) -> None:
        self.button.setEnabled(not waiting)
        self.cancel_button.setVisible(waiting)
        if self.client_id is not None and self.client_secret is not None:
            self.client_id.setEnabled(not waiting)
            self.client_secret.setEnabled(not waiting)

    def _browser(self, url: str) -> object:
        with self._lock:
            self._opened.append(url)
            cancelled = self._cancel.is_set()
        if cancelled:  # Cancel came before the page opened: end the wait, open nothing
            if self.provider_id == "blogger":
                _poke_loopback(url)
            return False
        return (self._open_url or webbrowser.open)(url)

    # -- the two flows ---------------------------------------------------------------------------

    def _flow(self) -> Callable[[], str] | None:
        """The blocking sign-in for the worker, or None (and a message) when input is missing."""
        factory = self._form.service.session_factory
        if self.provider_id == "micropub":
            url = self._form.value("site_url")
            if not url:
                self._form.say(
                    translate(
                        "BrowserSignIn", "Please fill in your site's address first, then sign in."
                    )
                )
                return None

            def indieauth_flow() -> str:
                from blogdesk.sync.accounts import indieauth

                session = factory()
                try:
                    return indieauth.sign_in(
                        url, session=session, open_url=self._browser, cancelled=self._cancel.is_set
                    ).access_token
                finally:
                    session.close()

            return indieauth_flow

        from blogdesk.sync.providers.blogger import oauth_client

        client = oauth_client(self.options())
        if not client.client_id:
            self._form.say(translate("BrowserSignIn", NO_CLIENT_ID))
            return None

        def google_flow() -> str:
            from blogdesk.sync.accounts import oauth_loopback

            session = factory()
            try:
                tokens = oauth_loopback.authorize(session, client, open_browser=self._browser)
            finally:
                session.close()
            if not tokens.refresh_token:
                raise BlogDeskError(
                    translate(
                        "BrowserSignIn",
                        "Google did not give BlogDesk a lasting sign-in (no refresh "
                        "token). Sign in again.",
                    )
                )
            return tokens.refresh_token

        return google_flow
