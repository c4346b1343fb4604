"""The Blogger provider and the OAuth loopback sign-in, against a loopback fake of Google's
authorisation server, token endpoint and the Blogger API v3.

Shapes follow Google's documentation: the Posts resource and postList
(developers.google.com/blogger/docs/3.0/reference/posts: kind, id, published, updated, url,
title, content, labels, status LIVE|DRAFT|SCHEDULED; nextPageToken), posts.insert with isDraft,
posts.publish with publishDate, posts.revert; errors as {"error": {"code", "message", "errors":
[{"domain", "reason", "message"}], "status"}}; the token endpoint of
developers.google.com/identity/protocols/oauth2/native-app (access_token, expires_in,
refresh_token, scope, token_type; errors {"error": "invalid_grant", "error_description"}).
"""

from __future__ import annotations

import base64
import hashlib
import io
import itertools
import json
import re
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from PIL import Image
from slugify import slugify
from tests.sync.conftest import MakeService

from blogdesk.core.library.library import Library
from blogdesk.sync.accounts.credentials import LayeredStore
from blogdesk.sync.accounts.oauth_loopback import OAuthClient, OAuthError, authorize
from blogdesk.sync.accounts.store import Account, AccountStore
from blogdesk.sync.http import make_session
from blogdesk.sync.provider import AuthenticationError, ConflictError, UnsupportedError
from blogdesk.sync.providers.blogger import SCOPE, BloggerProvider

CLIENT_ID = "blogdesk-test.apps.example"
BLOG_ID = "2399953"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _google_error(code: int, message: str, reason: str, status: str) -> dict[str, Any]:
    return {
        "error": {
            "code": code,
            "message": message,
            "status": status,
            "errors": [{"domain": "global", "reason": reason, "message": message}],
        }
    }


@dataclass
class FakeGoogle:
    url: str = ""
    codes: dict[str, tuple[str, str]] = field(default_factory=dict)  # code → (challenge, uri)
    refresh_tokens: set[str] = field(default_factory=set)
    access_tokens: set[str] = field(default_factory=set)
    posts: dict[str, dict[str, Any]] = field(default_factory=dict)
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(7000))
    deny: bool = False
    drop_next_create: bool = False
    refreshes: int = 0

    def blog_url(self) -> str:
        return f"{self.url}/blog"


def _handler(g: FakeGoogle) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _json(self, status: int, body: Any) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _query(self) -> dict[str, list[str]]:
            return parse_qs(urlsplit(self.path).query)

        # ------------------------------------------------------------ authorisation
        def _authorise(self) -> None:
            q = {k: v[0] for k, v in self._query().items()}
            assert q["client_id"] == CLIENT_ID and q["response_type"] == "code"
            assert q["code_challenge_method"] == "S256" and q["scope"] == SCOPE
            assert q["redirect_uri"].startswith("http://127.0.0.1:")
            if g.deny:
                target = (
                    q["redirect_uri"]
                    + "?"
                    + urlencode({"error": "access_denied", "state": q["state"]})
                )
            else:
                code = "4/" + secrets.token_urlsafe(16)
                g.codes[code] = (q["code_challenge"], q["redirect_uri"])
                target = (
                    q["redirect_uri"]
                    + "?"
                    + urlencode({"code": code, "state": q["state"], "scope": SCOPE})
                )
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _token(self) -> None:
            form = {
                k: v[0]
                for k, v in parse_qs(
                    self.rfile.read(int(self.headers["Content-Length"])).decode()
                ).items()
            }
            bad = {"error": "invalid_grant", "error_description": "Bad Request"}
            if form.get("client_id") != CLIENT_ID:
                self._json(401, {"error": "invalid_client", "error_description": "Unauthorized"})
                return
            access = "ya29." + secrets.token_urlsafe(16)
            if form["grant_type"] == "authorization_code":
                challenge, uri = g.codes.pop(form.get("code", ""), ("", ""))
                digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
                made = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
                if not challenge or made != challenge or uri != form.get("redirect_uri"):
                    self._json(400, bad)
                    return
                refresh = "1//" + secrets.token_urlsafe(24)
                g.refresh_tokens.add(refresh)
                g.access_tokens.add(access)
                self._json(
                    200,
                    {
                        "access_token": access,
                        "expires_in": 3599,
                        "scope": SCOPE,
                        "token_type": "Bearer",
                        "refresh_token": refresh,
                    },
                )
            elif form["grant_type"] == "refresh_token":
                if form.get("refresh_token") not in g.refresh_tokens:
                    self._json(
                        400,
                        {
                            "error": "invalid_grant",
                            "error_description": "Token has been expired or revoked.",
                        },
                    )
                    return
                g.refreshes += 1
                g.access_tokens.add(access)
                self._json(
                    200,
                    {
                        "access_token": access,
                        "expires_in": 3599,
                        "scope": SCOPE,
                        "token_type": "Bearer",
                    },
                )
            else:
                self._json(400, {"error": "unsupported_grant_type"})

        # -------------------------------------------------------------- Blogger API
        def _signed_in(self) -> bool:
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            if token in g.access_tokens:
                return True
            self._json(
                401,
                _google_error(
                    401,
                    "Request had invalid authentication credentials.",
                    "authError",
                    "UNAUTHENTICATED",
                ),
            )
            return False

        def _resource(self, post: dict[str, Any]) -> dict[str, Any]:
            item = dict(post)
            if post["status"] != "DRAFT":
                day = post["published"][:7].replace("-", "/")
                item["url"] = f"{g.blog_url()}/{day}/{slugify(post['title'])[:40]}.html"
            return item

        def _api(self, method: str) -> None:
            path = urlsplit(self.path).path.removeprefix("/blogger/v3")
            q = self._query()
            if not self._signed_in():
                return
            if path == "/users/self":
                self._json(200, {"kind": "blogger#user", "id": "u-1", "displayName": "Tester"})
                return
            if path == "/blogs/byurl":
                self._json(
                    200,
                    {
                        "kind": "blogger#blog",
                        "id": BLOG_ID,
                        "name": "Fake blog",
                        "url": q["url"][0],
                    },
                )
                return
            match = re.fullmatch(rf"/blogs/{BLOG_ID}/posts(?:/(\d+))?(?:/(publish|revert))?", path)
            if not match:
                self._json(404, _google_error(404, "Not Found", "notFound", "NOT_FOUND"))
                return
            post_id, action = match.groups()
            post = g.posts.get(post_id or "")
            if post_id and post is None:
                self._json(404, _google_error(404, "Not Found", "notFound", "NOT_FOUND"))
                return
            if method == "GET" and post is not None:
                self._json(200, self._resource(post))
            elif method == "GET":
                self._list(q)
            elif method == "POST" and action == "publish" and post is not None:
                when = q.get("publishDate", [None])[0]
                future = when is not None and datetime.fromisoformat(
                    when.replace("Z", "+00:00")
                ) > datetime.now(UTC)
                post.update(
                    status="SCHEDULED" if future else "LIVE",
                    published=when or _now(),
                    updated=_now(),
                )
                self._json(200, self._resource(post))
            elif method == "POST" and action == "revert" and post is not None:
                post.update(status="DRAFT", updated=_now())
                self._json(200, self._resource(post))
            elif method == "POST":
                self._insert(q)
            elif method == "PATCH" and post is not None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                post.update(
                    {k: body[k] for k in ("title", "content", "labels") if k in body},
                    updated=_now(),
                )
                self._json(200, self._resource(post))
            elif method == "DELETE" and post_id:
                del g.posts[post_id]
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

        def _insert(self, q: dict[str, list[str]]) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            new_id = str(next(g.ids))
            draft = q.get("isDraft", ["false"])[0] == "true"
            g.posts[new_id] = {
                "kind": "blogger#post",
                "id": new_id,
                "blog": {"id": BLOG_ID},
                "published": _now(),
                "updated": _now(),
                "title": body.get("title", ""),
                "content": body.get("content", ""),
                "labels": body.get("labels", []),
                "status": "DRAFT" if draft else "LIVE",
            }
            if g.drop_next_create:
                g.drop_next_create = False
                self.close_connection = True
                self.connection.shutdown(2)
                return
            self._json(200, self._resource(g.posts[new_id]))

        def _list(self, q: dict[str, list[str]]) -> None:
            wanted = {s.upper() for s in q.get("status", ["live"])}
            items = [
                self._resource(p)
                for p in sorted(g.posts.values(), key=lambda p: p["id"], reverse=True)
                if p["status"] in wanted
            ]
            size = int(q.get("maxResults", ["10"])[0])
            start = int(q.get("pageToken", ["0"])[0])
            page: dict[str, Any] = {
                "kind": "blogger#postList",
                "items": items[start : start + size],
            }
            if start + size < len(items):
                page["nextPageToken"] = str(start + size)
            self._json(200, page)

        def do_GET(self) -> None:
            if self.path.startswith("/auth"):
                self._authorise()
            else:
                self._api("GET")

        def do_POST(self) -> None:
            if self.path.startswith("/token"):
                self._token()
            else:
                self._api("POST")

        def do_PATCH(self) -> None:
            self._api("PATCH")

        def do_DELETE(self) -> None:
            self._api("DELETE")

    return Handler


@pytest.fixture
def google() -> Iterator[FakeGoogle]:
    state = FakeGoogle()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def _client(g: FakeGoogle) -> OAuthClient:
    return OAuthClient(
        client_id=CLIENT_ID,
        client_secret="not-really-secret",
        auth_url=f"{g.url}/auth",
        token_url=f"{g.url}/token",
        scope=SCOPE,
    )


def _browser(url: str) -> None:
    """The author's browser: follows the redirect back to BlogDesk's loopback listener."""
    requests.get(url, timeout=10)


def _sign_in(g: FakeGoogle) -> str:
    return authorize(make_session(), _client(g), open_browser=_browser, timeout=10).refresh_token


def _options(g: FakeGoogle) -> dict[str, str]:
    return {
        "client_id": CLIENT_ID,
        "token_url": f"{g.url}/token",
        "api_base": f"{g.url}/blogger/v3",
    }


@pytest.fixture
def account(google: FakeGoogle, credentials: LayeredStore, accounts: AccountStore) -> Account:
    acc = Account.new("blogger-test", "blogger", google.blog_url(), "", **_options(google))
    accounts.add(acc)
    credentials.set(acc.id, _sign_in(google))  # the refresh token goes to the keyring
    return acc


def test_oauth_loopback_flow_end_to_end(google: FakeGoogle) -> None:
    opened: list[str] = []

    def browser(url: str) -> None:
        opened.append(url)
        _browser(url)

    tokens = authorize(make_session(), _client(google), open_browser=browser, timeout=10)
    assert tokens.refresh_token in google.refresh_tokens
    assert tokens.access_token in google.access_tokens
    assert tokens.refresh_token not in repr(tokens)
    query = parse_qs(urlsplit(opened[0]).query)
    assert query["code_challenge_method"] == ["S256"] and query["access_type"] == ["offline"]
    assert query["redirect_uri"][0].startswith("http://127.0.0.1:")
    assert not google.codes  # the code was used exactly once


def test_oauth_denied_and_unanswered_sign_in(google: FakeGoogle) -> None:
    google.deny = True
    with pytest.raises(OAuthError, match="not granted"):
        _sign_in(google)
    with pytest.raises(OAuthError, match="not finished"):
        authorize(make_session(), _client(google), open_browser=lambda url: None, timeout=0.2)


def test_publish_draft_then_live_then_schedule_and_unpublish(
    google: FakeGoogle,
    account: Account,
    library: Library,
    credentials: LayeredStore,
    make_service: MakeService,
) -> None:
    post = library.create("Hello Blogger", "Some *text*.\n", tags=["one", "two"])
    with make_service(library) as service:
        draft = service.publish(post.path, account, status="draft")
        assert draft.created and draft.status == "draft"
        stored = google.posts[draft.remote_id]
        assert stored["status"] == "DRAFT" and "<em>text</em>" in stored["content"]
        assert stored["labels"] == ["one", "two"]

        live = service.publish(post.path, account, status="publish")
        assert live.remote_id == draft.remote_id and live.status == "publish"
        assert live.link.endswith("/hello-blogger.html")

        when = datetime.now(UTC) + timedelta(days=3)
        later = service.publish(post.path, account, status="scheduled", date=when)
        assert later.status == "future" and google.posts[draft.remote_id]["status"] == "SCHEDULED"

        service.unpublish(post.path, account)
        assert google.posts[draft.remote_id]["status"] == "DRAFT"
    assert len(google.posts) == 1


def test_edit_in_blogger_is_a_conflict(
    google: FakeGoogle,
    account: Account,
    library: Library,
    credentials: LayeredStore,
    make_service: MakeService,
) -> None:
    post = library.create("Shared", "Mine.\n")
    with make_service(library) as service:
        first = service.publish(post.path, account, status="publish")
        google.posts[first.remote_id].update(content="<p>Edited in Blogger</p>", updated=_now())
        loaded = library.load(post.path)
        loaded.body = "Mine again.\n"
        library.save(loaded)
        with pytest.raises(ConflictError):
            service.publish(post.path, account)
    assert google.posts[first.remote_id]["content"] == "<p>Edited in Blogger</p>"


def test_lost_create_answer_is_adopted(
    google: FakeGoogle,
    account: Account,
    library: Library,
    credentials: LayeredStore,
    make_service: MakeService,
) -> None:
    post = library.create("Just once", "Body.\n")
    google.drop_next_create = True
    with make_service(library) as service:
        result = service.publish(post.path, account, status="publish")
    assert result.adopted and list(google.posts) == [result.remote_id]


def test_expired_access_token_is_renewed_and_revoked_sign_in_is_clear(
    google: FakeGoogle, account: Account, credentials: LayeredStore
) -> None:
    secret = credentials.get(account.id)
    assert secret
    provider = BloggerProvider(account, make_session(), secret)
    assert provider.verify().site_name == "Fake blog"
    before = google.refreshes
    google.access_tokens.clear()  # Google revoked the access token early
    assert provider.verify().site_name == "Fake blog"
    assert google.refreshes == before + 1
    google.refresh_tokens.clear()  # the author removed BlogDesk's access in Google
    google.access_tokens.clear()
    with pytest.raises(AuthenticationError, match="Sign in to the blog again") as caught:
        provider.verify()
    assert secret not in str(caught.value)


def test_local_images_are_refused_with_a_clear_message(
    google: FakeGoogle,
    account: Account,
    library: Library,
    credentials: LayeredStore,
    make_service: MakeService,
) -> None:
    post = library.create("Picture", "![dot](dot.png)\n")
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, "PNG")
    assert post.path is not None
    (post.path.parent / "dot.png").write_bytes(buffer.getvalue())
    with (
        make_service(library) as service,
        pytest.raises(UnsupportedError, match="cannot receive images"),
    ):
        service.publish(post.path, account, status="publish")
    assert google.posts == {}
    assert "media" not in BloggerProvider.capabilities


def test_list_get_and_delete(
    google: FakeGoogle, account: Account, credentials: LayeredStore
) -> None:
    from blogdesk.sync.provider import NotFoundError, PostPayload

    secret = credentials.get(account.id)
    assert secret
    provider = BloggerProvider(account, make_session(), secret)
    made = [
        provider.create_post(
            PostPayload(
                title=f"Post {n}",
                html=f"<p>{n}</p>",
                status="publish" if n % 2 else "draft",
                tags=("t",),
            )
        )
        for n in range(3)
    ]
    first = provider.list_posts(page=1, per_page=2)
    second = provider.list_posts(page=2, per_page=2)
    assert first.total == 3 and first.has_more and not second.has_more
    listed = {p.remote_id: p.status for p in first.posts + second.posts}
    assert listed == {m.remote_id: m.status for m in made}
    assert {m.status for m in made} == {"draft", "publish"}
    assert [t.name for t in provider.list_terms("tag")] == ["t"]
    provider.delete_post(made[0].remote_id)
    with pytest.raises(NotFoundError):
        provider.get_post(made[0].remote_id)
