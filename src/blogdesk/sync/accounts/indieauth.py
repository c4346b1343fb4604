"""IndieAuth for Micropub blogs: finding the endpoints, and signing in from a desktop app.

Discovery reads the author's home page: HTTP `Link` headers first, then `<link rel>` elements, for
`micropub`, `indieauth-metadata` (a JSON document naming the other endpoints) and the older
`authorization_endpoint` / `token_endpoint`.

Sign-in is OAuth 2 with PKCE (S256): BlogDesk opens the authorization page in the author's
browser with a loopback `redirect_uri` on 127.0.0.1 and a random port, where a one-shot local HTTP
listener waits for the browser to come back with `code` and `state`; the state must match, then the
code and the PKCE verifier are exchanged for the token. The `client_id` is the same loopback
origin, which IndieAuth servers must not fetch and which (same origin) vouches for the redirect.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import requests

from blogdesk.sync.http import translate_transport_error
from blogdesk.sync.provider import ApiUnavailableError, AuthenticationError, SyncError

DEFAULT_SCOPE = "create update delete media draft"
_RELS = (
    "micropub",
    "microsub",
    "indieauth-metadata",
    "authorization_endpoint",
    "token_endpoint",
    "media-endpoint",
)


@dataclass(frozen=True)
class Endpoints:
    me: str  # the author's URL, after redirects
    micropub: str
    authorization: str = ""
    token: str = ""
    metadata: str = ""
    issuer: str = ""
    pkce_methods: tuple[str, ...] = ()
    site_name: str = ""


@dataclass(frozen=True)
class TokenGrant:
    access_token: str = field(repr=False)
    me: str
    scope: str
    token_type: str = "Bearer"
    expires_in: int | None = None
    refresh_token: str = field(default="", repr=False)


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in ("link", "a") and values.get("href"):
            for rel in values.get("rel", "").split():
                self.links.setdefault(rel.lower(), values["href"])  # the first one wins
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _header_links(response: requests.Response) -> dict[str, str]:
    found: dict[str, str] = {}
    for link in requests.utils.parse_header_links(response.headers.get("Link", "")):
        for rel in str(link.get("rel", "")).split():
            if link.get("url"):
                found.setdefault(rel.lower(), str(link["url"]))
    return found


def _get(session: requests.Session, url: str, **kwargs: Any) -> requests.Response:
    try:
        return session.get(url, **kwargs)
    except requests.RequestException as exc:
        raise translate_transport_error(exc, url) from None


def discover(session: requests.Session, url: str) -> Endpoints:
    """The Micropub and IndieAuth endpoints named by the author's home page."""
    response = _get(session, url, headers={"Accept": "text/html"})
    if not response.ok:
        raise ApiUnavailableError(f"{url} answered HTTP {response.status_code}; check the address.")
    base = response.url or url
    links = _header_links(response)  # headers win over the page (Micropub §5.3)
    parser = _LinkParser()
    if "html" in response.headers.get("Content-Type", "html"):
        parser.feed(response.text)
    for rel, href in parser.links.items():
        links.setdefault(rel, href)
    found = {rel: urljoin(base, links[rel]) for rel in _RELS if rel in links}
    if "micropub" not in found:
        raise ApiUnavailableError(
            f'{url} names no Micropub endpoint (no rel="micropub" link). BlogDesk needs a site '
            "that accepts Micropub, such as Micro.blog or a blog with a Micropub plugin."
        )
    metadata: dict[str, Any] = {}
    if "indieauth-metadata" in found:
        answer = _get(session, found["indieauth-metadata"], headers={"Accept": "application/json"})
        try:
            metadata = answer.json() if answer.ok else {}
        except ValueError:
            metadata = {}
        metadata = metadata if isinstance(metadata, dict) else {}
    methods = metadata.get("code_challenge_methods_supported") or ()
    return Endpoints(
        me=base,
        micropub=found["micropub"],
        authorization=str(
            metadata.get("authorization_endpoint") or found.get("authorization_endpoint") or ""
        ),
        token=str(metadata.get("token_endpoint") or found.get("token_endpoint") or ""),
        metadata=found.get("indieauth-metadata", ""),
        issuer=str(metadata.get("issuer") or ""),
        pkce_methods=tuple(str(m) for m in methods) if isinstance(methods, list) else (),
        site_name=" ".join(parser.title.split()),
    )


# ----------------------------------------------------------------------------------- PKCE


def pkce_pair() -> tuple[str, str]:
    """(verifier, S256 challenge) as RFC 7636 asks: 43+ unreserved characters, SHA-256."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
    return verifier, challenge


class _Callback(BaseHTTPRequestHandler):
    server: _OneShotServer

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path != "/callback":
            self.send_error(404)
            return
        self.server.result = {k: v[0] for k, v in parse_qs(parts.query).items()}
        ok = "code" in self.server.result and self.server.result.get("state") == self.server.state
        body = (
            "<p>BlogDesk is signed in. You can close this tab.</p>"
            if ok
            else "<p>Sign-in did not complete. Go back to BlogDesk and try again.</p>"
        )
        data = f"<!doctype html><meta charset=utf-8><title>BlogDesk</title>{body}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        self.server.done.set()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the query holds the code: never logged


class _OneShotServer(HTTPServer):
    def __init__(self, state: str) -> None:
        super().__init__(("127.0.0.1", 0), _Callback)
        self.state = state
        self.result: dict[str, str] = {}
        self.done = threading.Event()


@dataclass
class SignIn:
    """One sign-in: `authorization_url` to open in the browser, then `wait()` for the token."""

    session: requests.Session
    endpoints: Endpoints
    scope: str = DEFAULT_SCOPE
    _server: _OneShotServer | None = None
    _verifier: str = field(default="", repr=False)
    _state: str = field(default="", repr=False)
    authorization_url: str = ""
    client_id: str = ""
    redirect_uri: str = ""

    def start(self) -> str:
        if not self.endpoints.authorization or not self.endpoints.token:
            raise ApiUnavailableError(
                "The site names no IndieAuth authorization or token endpoint: sign in with a "
                "token instead (Micro.blog: Account → App tokens)."
            )
        if self.endpoints.pkce_methods and "S256" not in self.endpoints.pkce_methods:
            raise ApiUnavailableError("The site's IndieAuth server does not offer PKCE (S256).")
        self._state = secrets.token_urlsafe(24)
        self._verifier, challenge = pkce_pair()
        self._server = _OneShotServer(self._state)
        port = self._server.server_address[1]
        self.client_id = f"http://127.0.0.1:{port}/"
        self.redirect_uri = f"http://127.0.0.1:{port}/callback"
        query = urlencode(
            {
                "response_type": "code",
                "client_id": self.client_id,
                "redirect_uri": self.redirect_uri,
                "state": self._state,
                "code_challenge": challenge,
                "code_challenge_method": "S256",
                "scope": self.scope,
                "me": self.endpoints.me,
            }
        )
        joiner = "&" if "?" in self.endpoints.authorization else "?"
        self.authorization_url = f"{self.endpoints.authorization}{joiner}{query}"
        threading.Thread(target=self._serve, name="indieauth-callback", daemon=True).start()
        return self.authorization_url

    def _serve(self) -> None:
        assert self._server is not None
        while not self._server.done.is_set():
            self._server.handle_request()

    def close(self) -> None:
        if self._server is not None:
            self._server.done.set()
            self._server.server_close()

    def wait(
        self, timeout: float = 300.0, cancelled: Callable[[], bool] | None = None
    ) -> TokenGrant:
        """Wait for the browser to come back, check the state, and exchange the code."""
        assert self._server is not None, "start() first"
        try:
            waited = 0.0
            while not self._server.done.wait(0.2):
                waited += 0.2
                if waited >= timeout or (cancelled is not None and cancelled()):
                    raise AuthenticationError("Sign-in was not completed in the browser in time.")
            result = dict(self._server.result)
        finally:
            self._server.done.set()
            self._server.server_close()
        if result.get("state") != self._state:
            raise AuthenticationError(
                "The sign-in answer did not carry BlogDesk's state value, so it was refused. "
                "Start the sign-in again."
            )
        if "error" in result or "code" not in result:
            reason = result.get("error_description") or result.get("error") or "no code"
            raise AuthenticationError(f"The site refused the sign-in ({reason}).")
        if self.endpoints.issuer and result.get("iss") not in (None, self.endpoints.issuer):
            raise AuthenticationError("The sign-in answer came from another server (iss).")
        grant = self.exchange(result["code"])
        self._check_me(grant.me)
        return grant

    def _check_me(self, me: str) -> None:
        """A `me` on another host than the one signed in to must name the same IndieAuth
        server (IndieAuth §5.3.3), or anyone's server could claim to be the author's site."""
        if not me or urlsplit(me).netloc == urlsplit(self.endpoints.me).netloc:
            return
        try:
            theirs = discover(self.session, me).authorization
        except SyncError:
            theirs = ""
        if theirs != self.endpoints.authorization:
            raise AuthenticationError(
                f"The sign-in named {me} as your site, which does not use the same sign-in "
                "server. Start the sign-in again with that address."
            )

    def exchange(self, code: str) -> TokenGrant:
        url = self.endpoints.token
        try:
            answer = self.session.post(
                url,
                data={
                    "grant_type": "authorization_code",
                    "code": code,
                    "client_id": self.client_id,
                    "redirect_uri": self.redirect_uri,
                    "code_verifier": self._verifier,
                },
                headers={"Accept": "application/json"},
            )
        except requests.RequestException as exc:
            raise translate_transport_error(exc, url) from None
        try:
            data = answer.json()
        except ValueError:
            data = {k: v[0] for k, v in parse_qs(answer.text).items()}
        if not answer.ok or not isinstance(data, dict) or not data.get("access_token"):
            raise AuthenticationError(
                f"The site's token endpoint refused the sign-in (HTTP {answer.status_code}). "
                "Start the sign-in again."
            )
        expires = data.get("expires_in")
        try:
            return TokenGrant(
                access_token=str(data["access_token"]),
                me=str(data.get("me") or ""),
                scope=str(data.get("scope") or ""),
                token_type=str(data.get("token_type") or "Bearer"),
                expires_in=int(expires) if expires is not None else None,
                refresh_token=str(data.get("refresh_token") or ""),
            )
        except (TypeError, ValueError):
            raise SyncError("The site's token endpoint answered in an unexpected form.") from None


def sign_in(
    url: str,
    *,
    session: requests.Session | None = None,
    open_url: Callable[[str], object] | None = None,
    scope: str = DEFAULT_SCOPE,
    timeout: float = 300.0,
    cancelled: Callable[[], bool] | None = None,
) -> TokenGrant:
    """Discover the site's IndieAuth server, let the author approve in the browser, get a token.

    Blocking (run it in a worker thread). `open_url` shows the page (default: the web browser).
    """
    import webbrowser

    from blogdesk.sync.http import make_session

    own = session is None
    session = session or make_session()
    try:
        flow = SignIn(session, discover(session, url), scope=scope)
        address = flow.start()
        try:
            (open_url or webbrowser.open)(address)
            return flow.wait(timeout=timeout, cancelled=cancelled)
        finally:
            flow.close()
    finally:
        if own:
            session.close()
