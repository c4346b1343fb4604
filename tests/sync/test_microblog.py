"""Micro.blog's differences from plain Micropub, against a loopback fake written from its docs.

Micro.blog itself cannot be reached from tests, so this fake answers as its documentation says:
- https://help.micro.blog/t/posting-api/96 : app tokens as Bearer; `q=config` names the media
  endpoint; the media endpoint answers **202 Accepted** + Location while it copies the file;
  `post-status=draft` answers with a JSON body `{"url": ..., "preview": ...}`; `name` is the
  title; `q=source` lists recent posts.
- https://help.micro.blog/t/posting-api-multiple-blogs/3676 : `q=config` lists `destination`
  (use its `uid`), and `mp-destination` picks the blog when posting.
- https://microblog.dev/api/posting/ : `mp-destination` on `q=source` queries as well.
Everything else (update, delete, `q=source&url=`) follows the Micropub spec, as those pages say.
"""

from __future__ import annotations

import email
import email.policy
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from tests.sync.conftest import unique

from blogdesk.sync.accounts.store import Account
from blogdesk.sync.http import make_session
from blogdesk.sync.provider import (
    AuthenticationError,
    PostPayload,
    RequestRejectedError,
)
from blogdesk.sync.providers.micropub.provider import MicropubProvider

TOKEN = "APPTOKEN1234567890"


@dataclass
class FakeMicroBlog:
    base: str = ""
    posts: dict[str, dict[str, Any]] = field(default_factory=dict)  # url → {"blog", "properties"}
    uploads: list[tuple[str, str, bytes]] = field(default_factory=list)  # (blog, name, data)
    requests_seen: list[tuple[str, str]] = field(default_factory=list)

    def blogs(self) -> list[str]:
        return [f"{self.base}/blogs/one/", f"{self.base}/blogs/two/"]


class _Handler(BaseHTTPRequestHandler):
    fake: FakeMicroBlog

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _send(self, status: int, body: Any = None, headers: dict[str, str] | None = None) -> None:
        data = (
            b""
            if body is None
            else (body.encode() if isinstance(body, str) else json.dumps(body).encode())
        )
        self.send_response(status)
        ctype = "text/html" if isinstance(body, str) else "application/json"
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _authorised(self) -> bool:
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            self._send(401, {"error": "unauthorized", "error_description": "Token is not valid."})
            return False
        return True

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        fake = self.fake
        fake.requests_seen.append(("GET", self.path))
        if parts.path == "/":
            self._send(
                200,
                '<html><head><link rel="micropub" href="/micropub">'
                '<link rel="authorization_endpoint" href="/indieauth/auth">'
                '<link rel="token_endpoint" href="/indieauth/token"></head></html>',
            )
            return
        if parts.path != "/micropub" or not self._authorised():
            if parts.path != "/micropub":
                self._send(404, {"error": "not_found"})
            return
        blog = query.get("mp-destination") or fake.blogs()[0]
        if query.get("q") == "config":
            self._send(
                200,
                {
                    "media-endpoint": f"{fake.base}/micropub/media",
                    "destination": [
                        {"uid": fake.blogs()[0], "name": "one.example", "microblog-default": True},
                        {"uid": fake.blogs()[1], "name": "two.example"},
                    ],
                },
            )
        elif query.get("q") == "source" and "url" in query:
            post = fake.posts.get(query["url"])
            if post is None:
                self._send(
                    400, {"error": "invalid_request", "error_description": "Post not found."}
                )
            else:
                self._send(200, {"type": ["h-entry"], "properties": post["properties"]})
        elif query.get("q") == "source":
            items = [
                {"type": ["h-entry"], "properties": p["properties"]}
                for p in reversed(fake.posts.values())
                if p["blog"] == blog and query.get("filter", "") in json.dumps(p["properties"])
            ]
            self._send(200, {"items": items})
        else:
            self._send(400, {"error": "invalid_request"})

    def do_POST(self) -> None:
        fake = self.fake
        fake.requests_seen.append(("POST", self.path))
        if not self._authorised():
            return
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        ctype = self.headers.get("Content-Type", "")
        if self.path == "/micropub/media":
            message = email.message_from_bytes(
                f"Content-Type: {ctype}\r\n\r\n".encode() + raw, policy=email.policy.HTTP
            )
            parts = {
                part.get_param("name", header="content-disposition"): part
                for part in message.iter_parts()
            }
            file = parts["file"]
            blog = (
                str(parts["mp-destination"].get_content())
                if "mp-destination" in parts
                else fake.blogs()[0]
            )
            fake.uploads.append((blog, str(file.get_filename()), file.get_payload(decode=True)))
            url = f"{blog}uploads/{len(fake.uploads)}.png"
            self._send(202, None, {"Location": url})  # 202: still being copied
            return
        if ctype.startswith("application/json"):
            body = json.loads(raw)
        else:
            body = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
        if body.get("action") == "delete":
            fake.posts.pop(body["url"], None)
            self._send(200)
        elif body.get("action") == "update":
            post = fake.posts[body["url"]]
            post["properties"].update(body.get("replace") or {})
            for key in body.get("delete") or []:
                post["properties"].pop(key, None)
            self._send(200)
        else:
            blog = body.get("mp-destination") or fake.blogs()[0]
            props = dict(body["properties"])
            slug = (props.pop("mp-slug", None) or ["post"])[0]
            url = f"{blog}2026/11/28/{slug}.html"
            # Micro.blog keeps Markdown: the HTML we send comes back as the post's text.
            content = props.get("content", [""])[0]
            props["content"] = [content["html"] if isinstance(content, dict) else content]
            props["url"] = [url]
            props.setdefault("post-status", ["published"])
            fake.posts[url] = {"blog": blog, "properties": props}
            if props["post-status"] == ["draft"]:
                self._send(202, {"url": url, "preview": f"{fake.base}/account/posts/1/preview"})
            else:
                self._send(202, None, {"Location": url})


@pytest.fixture
def fake() -> Iterator[FakeMicroBlog]:
    state = FakeMicroBlog()
    handler = type("Handler", (_Handler,), {"fake": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def session() -> Iterator[requests.Session]:
    s = make_session()
    try:
        yield s
    finally:
        s.close()


def _provider(
    fake: FakeMicroBlog, session: requests.Session, token: str = TOKEN, destination: str = ""
) -> MicropubProvider:
    found = MicropubProvider.discover(session, fake.base + "/")
    options = dict(found.options)
    if destination:
        options["destination"] = destination
    account = Account.new(unique("mb"), "micropub", found.site_url, "", **options)
    return MicropubProvider(account, session, token)


def test_app_token_and_destinations(fake: FakeMicroBlog, session: requests.Session) -> None:
    provider = _provider(fake, session)
    provider.verify()
    assert [uid for uid, _ in provider.destinations()] == fake.blogs()


def test_unknown_destination_is_named(fake: FakeMicroBlog, session: requests.Session) -> None:
    provider = _provider(fake, session, destination="https://elsewhere.example/")
    with pytest.raises(RequestRejectedError, match="may post to"):
        provider.verify()


def test_wrong_app_token(fake: FakeMicroBlog, session: requests.Session) -> None:
    with pytest.raises(AuthenticationError, match="App tokens"):
        _provider(fake, session, token="WRONG").verify()


def test_posts_go_to_the_chosen_blog(fake: FakeMicroBlog, session: requests.Session) -> None:
    second = fake.blogs()[1]
    provider = _provider(fake, session, destination=second)
    draft = provider.create_post(
        PostPayload(
            title="Hello", html="Some *Markdown*.", status="draft", slug="hello", tags=("a",)
        )
    )
    # A draft answers with JSON {"url", "preview"} and no Location.
    assert draft.remote_id == f"{second}2026/11/28/hello.html"
    assert draft.status == "draft" and draft.title == "Hello"
    assert fake.posts[draft.remote_id]["blog"] == second
    assert provider.find_post_by_slug("hello") == draft
    # The first blog lists nothing: the lookup asked the chosen blog (mp-destination).
    assert _provider(fake, session).find_post_by_slug("hello") is None

    live = provider.update_post(
        draft.remote_id,
        PostPayload(title="Hello", html="Now *live*.", status="publish", slug="hello"),
    )
    assert live.status == "publish" and live.html == "Now *live*."
    provider.delete_post(draft.remote_id)
    assert draft.remote_id not in fake.posts


def test_published_post_answers_202_with_location(
    fake: FakeMicroBlog, session: requests.Session
) -> None:
    provider = _provider(fake, session)
    post = provider.create_post(
        PostPayload(title="", html="A short note.", status="publish", slug="note")
    )
    assert post.remote_id == f"{fake.blogs()[0]}2026/11/28/note.html"
    assert post.status == "publish"


def test_media_upload_accepts_202(fake: FakeMicroBlog, session: requests.Session) -> None:
    provider = _provider(fake, session, destination=fake.blogs()[1])
    media = provider.upload_media(b"\x89PNG fake", "photo.png", "image/png")
    assert media.url == f"{fake.blogs()[1]}uploads/1.png"
    assert fake.uploads == [(fake.blogs()[1], "photo.png", b"\x89PNG fake")]
