"""OAuth 2.0 for installed apps (RFC 8252): system browser, loopback redirect, PKCE S256.

As Google documents for desktop apps: BlogDesk listens on http://127.0.0.1:<free port>/, opens the
authorisation page in the author's own browser (never an embedded one), receives the code on the
loopback address, and exchanges it, with the PKCE verifier, for tokens. The long-lived refresh
token is what goes to the credential store (as the account's secret); access tokens live in memory
only. A desktop client "secret" is not secret (it ships in the app), so it is plain configuration.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import requests

from blogdesk.sync.http import safe_url, translate_transport_error
from blogdesk.sync.provider import AuthenticationError, ServerError, SyncError

GOOGLE_AUTH_URL = "https://accounts.google.com/o/oauth2/v2/auth"
GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token"

_DONE_PAGE = (
    b"<!doctype html><meta charset=utf-8><title>BlogDesk</title>"
    b"<p>BlogDesk is signed in. You can close this window.</p>"
)
_FAIL_PAGE = (
    b"<!doctype html><meta charset=utf-8><title>BlogDesk</title>"
    b"<p>Signing in did not work. Go back to BlogDesk for details.</p>"
)


class OAuthError(AuthenticationError):
    """Signing in failed or was refused; the message says what to do."""


@dataclass(frozen=True)
class OAuthClient:
    client_id: str
    client_secret: str = ""  # installed apps: not confidential (RFC 8252 §8.5)
    auth_url: str = GOOGLE_AUTH_URL
    token_url: str = GOOGLE_TOKEN_URL
    scope: str = ""


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str
    expires_in: float
    scope: str = ""

    def __repr__(self) -> str:  # never the tokens themselves
        return f"Tokens(expires_in={self.expires_in}, scope={self.scope!r})"


def pkce_pair() -> tuple[str, str]:
    """(verifier, S256 challenge) as RFC 7636 §4.1-4.2 define them."""
    verifier = secrets.token_urlsafe(64)[:96]
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class _Callback(BaseHTTPRequestHandler):
    result: dict[str, str]
    arrived: threading.Event

    def do_GET(self) -> None:
        query = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
        if not ({"code", "error"} & query.keys()):
            self.send_response(404)  # a favicon or a stray request: keep waiting
            self.end_headers()
            return
        ok = "code" in query
        page = _DONE_PAGE if ok else _FAIL_PAGE
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)
        self.result.update(query)
        self.arrived.set()

    def log_message(self, *args: object) -> None:  # no codes in any log
        pass


def authorize(
    session: requests.Session,
    client: OAuthClient,
    *,
    open_browser: Callable[[str], Any] = webbrowser.open,
    timeout: float = 300.0,
    extra: dict[str, str] | None = None,
) -> Tokens:
    """Run the whole sign-in: browser, loopback callback, code exchange. Blocks until done."""
    verifier, challenge = pkce_pair()
    state = secrets.token_urlsafe(24)

    class Handler(_Callback):  # a fresh class per sign-in: its own result and event
        result: dict[str, str] = {}
        arrived = threading.Event()

    server = HTTPServer(("127.0.0.1", 0), Handler)
    redirect_uri = f"http://127.0.0.1:{server.server_port}/"
    thread = threading.Thread(target=server.serve_forever, name="oauth-loopback", daemon=True)
    thread.start()
    try:
        params = {
            "response_type": "code",
            "client_id": client.client_id,
            "redirect_uri": redirect_uri,
            "scope": client.scope,
            "state": state,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
            "access_type": "offline",
            "prompt": "consent",
            **(extra or {}),
        }
        sep = "&" if "?" in client.auth_url else "?"
        open_browser(f"{client.auth_url}{sep}{urlencode(params)}")
        if not Handler.arrived.wait(timeout):
            raise OAuthError(
                f"Signing in was not finished within {timeout / 60:g} minutes. "
                "Try again, and approve BlogDesk in the browser window."
            )
        answer = dict(Handler.result)
    finally:
        server.shutdown()
        server.server_close()
    if answer.get("state") != state:
        raise OAuthError(
            "The sign-in answer did not match the request (state mismatch); "
            "it was ignored. Try again."
        )
    if "error" in answer:
        reason = answer["error"]
        if reason == "access_denied":
            raise OAuthError("Access was not granted in the browser, so BlogDesk cannot post.")
        raise OAuthError(f"The sign-in was refused ({reason}).")
    return _token_request(
        session,
        client,
        {
            "grant_type": "authorization_code",
            "code": answer["code"],
            "redirect_uri": redirect_uri,
            "code_verifier": verifier,
        },
    )


def refresh(session: requests.Session, client: OAuthClient, refresh_token: str) -> Tokens:
    """A new access token from the stored refresh token."""
    tokens = _token_request(
        session, client, {"grant_type": "refresh_token", "refresh_token": refresh_token}
    )
    # Google does not send a new refresh token on refresh: the stored one stays valid.
    return Tokens(
        tokens.access_token, tokens.refresh_token or refresh_token, tokens.expires_in, tokens.scope
    )


def _token_request(session: requests.Session, client: OAuthClient, form: dict[str, str]) -> Tokens:
    form = {**form, "client_id": client.client_id}
    if client.client_secret:
        form["client_secret"] = client.client_secret
    try:
        response = session.post(client.token_url, data=form, headers={"Accept": "application/json"})
    except requests.RequestException as exc:
        raise translate_transport_error(exc, client.token_url) from None
    try:
        data = response.json()
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise ServerError(
            f"{safe_url(client.token_url)} did not answer like a sign-in server "
            f"(HTTP {response.status_code}).",
            status=response.status_code,
        )
    if response.status_code >= 400 or "error" in data:
        raise _token_error(data, response.status_code)
    if not data.get("access_token"):
        raise ServerError("The sign-in server sent no access token.")
    return Tokens(
        access_token=str(data["access_token"]),
        refresh_token=str(data.get("refresh_token") or ""),
        expires_in=float(data.get("expires_in") or 3600),
        scope=str(data.get("scope") or ""),
    )


def _token_error(data: dict[str, Any], status: int) -> SyncError:
    code = str(data.get("error") or "")
    detail = str(data.get("error_description") or "")
    said = f" ({detail})" if detail else ""
    if code == "invalid_grant":
        return OAuthError(
            f"The sign-in has expired or was revoked{said}. Sign in to the blog "
            "again from the account dialog."
        )
    if code in ("invalid_client", "unauthorized_client"):
        return OAuthError(f"The sign-in server does not accept BlogDesk's client id{said}.")
    if status >= 500:
        return ServerError(
            f"The sign-in server failed (HTTP {status}). Try again later.", status=status
        )
    return OAuthError(f"Signing in failed: {code or 'HTTP ' + str(status)}{said}.")
