"""The Forem (DEV) provider against a small loopback fake of the Forem API v1.

Response shapes follow Forem's own OpenAPI document, forem/forem `swagger/v1/api_v1.json`
(ArticleIndex / "me" lists with `tag_list` as an array and `body_markdown`; the single-article
answer with `tag_list` as a comma string and `tags` as an array; errors as
`{"error": "unauthorized", "status": 401}`, `{"error": "not found", "status": 404}`), and the
same `{"error", "status"}` envelope for 422 and 429 (429 with a Retry-After header).
"""

from __future__ import annotations

import io
import itertools
import json
import re
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image
from slugify import slugify
from tests.sync.conftest import MakeService

from blogdesk.core.library.library import Library
from blogdesk.sync.accounts.credentials import LayeredStore
from blogdesk.sync.accounts.store import Account, AccountStore
from blogdesk.sync.http import make_session
from blogdesk.sync.provider import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    PostPayload,
    RateLimitedError,
    RequestRejectedError,
    UnsupportedError,
)
from blogdesk.sync.providers.forem import ForemProvider, forem_tags

KEY = "forem-test-key-" + "x" * 8


@dataclass
class FakeForem:
    articles: dict[int, dict[str, Any]] = field(default_factory=dict)
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(1001))
    keys_seen: list[str] = field(default_factory=list)
    rate_limit_next: bool = False
    drop_next_create: bool = False
    url: str = ""

    def me_item(self, a: dict[str, Any]) -> dict[str, Any]:
        return {
            "type_of": "article",
            "id": a["id"],
            "title": a["title"],
            "description": a["description"],
            "published": a["published"],
            "published_at": a["published_at"],
            "slug": a["slug"],
            "path": a["path"],
            "url": f"{self.url}{a['path']}",
            "body_markdown": a["body_markdown"],
            "tag_list": list(a["tags"]),
            "canonical_url": a["canonical_url"],
            "comments_count": 0,
            "public_reactions_count": 0,
            "page_views_count": 0,
            "positive_reactions_count": 0,
            "reading_time_minutes": 1,
            "published_timestamp": a["published_at"] or "",
            "cover_image": None,
            "user": {"name": "Test", "username": "tester"},
        }

    def show_item(self, a: dict[str, Any]) -> dict[str, Any]:
        item = self.me_item(a)
        item.update(
            tag_list=", ".join(a["tags"]),
            tags=list(a["tags"]),
            body_html=f"<p>{a['body_markdown']}</p>",
            created_at="2026-11-28T10:00:00Z",
            edited_at=None,
        )
        return item


def _handler(state: FakeForem) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def _authorised(self) -> bool:
            key = self.headers.get("api-key") or ""
            state.keys_seen.append(key)
            if state.rate_limit_next:
                state.rate_limit_next = False
                self._send(
                    429,
                    {"error": "Rate limit reached, try again in 30 seconds", "status": 429},
                    {"Retry-After": "30"},
                )
                return False
            if key != KEY:
                self._send(401, {"error": "unauthorized", "status": 401})
                return False
            return True

        def _body(self) -> Any:
            return json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            if parts.path == "/api/articles":  # public list (discovery)
                self._send(200, [])
                return
            if not self._authorised():
                return
            if parts.path == "/api/users/me":
                self._send(
                    200, {"type_of": "user", "id": 7, "username": "tester", "name": "Test Er"}
                )
            elif parts.path == "/api/articles/me/all":
                page, per = int(query.get("page", 1)), int(query.get("per_page", 30))
                # Unpublished first (newest created first), then published.
                ordered = sorted(state.articles.values(), key=lambda a: (a["published"], -a["id"]))
                chunk = ordered[(page - 1) * per : page * per]
                self._send(200, [state.me_item(a) for a in chunk])
            else:
                self._send(404, {"error": "not found", "status": 404})

        def _save(self, article: dict[str, Any], data: dict[str, Any]) -> str | None:
            if "title" in data and not str(data["title"]).strip():
                return "Title can't be blank"
            tags = data.get("tags", article.get("tags", []))
            if len(tags) > 4:
                return "Tag list exceed the maximum of 4 tags"
            article.update(
                {
                    k: data[k]
                    for k in ("title", "body_markdown", "description", "canonical_url")
                    if k in data
                }
            )
            article["tags"] = tags
            if "published" in data:
                article["published"] = bool(data["published"])
                if article["published"] and not article["published_at"]:
                    article["published_at"] = "2026-11-28T12:00:00Z"
            suffix = (
                secrets.token_hex(2)
                if article["published"]
                else f"temp-slug-{secrets.randbelow(9_000_000) + 1_000_000}"
            )
            if article["published"] or not article.get("slug"):
                article["slug"] = f"{slugify(article['title'])}-{suffix}"
            article["path"] = f"/tester/{article['slug']}"
            return None

        def do_POST(self) -> None:
            if self.path != "/api/articles" or not self._authorised():
                if self.path != "/api/articles":
                    self._send(404, {"error": "not found", "status": 404})
                return
            data = self._body().get("article") or {}
            article: dict[str, Any] = {
                "id": next(state.ids),
                "title": "",
                "description": "",
                "body_markdown": "",
                "published": False,
                "published_at": None,
                "canonical_url": "",
                "tags": [],
            }
            problem = self._save(article, data)
            if problem:
                self._send(422, {"error": problem, "status": 422})
                return
            state.articles[article["id"]] = article
            if state.drop_next_create:  # committed, but the answer never leaves
                state.drop_next_create = False
                self.close_connection = True
                self.connection.shutdown(2)
                return
            self._send(201, state.show_item(article))

        def do_PUT(self) -> None:
            match = re.fullmatch(r"/api/articles/(\d+)", self.path)
            if not self._authorised():
                return
            article = state.articles.get(int(match.group(1))) if match else None
            if article is None:
                self._send(404, {"error": "not found", "status": 404})
                return
            problem = self._save(article, self._body().get("article") or {})
            if problem:
                self._send(422, {"error": problem, "status": 422})
                return
            self._send(200, state.show_item(article))

    return Handler


@pytest.fixture
def forem() -> Iterator[FakeForem]:
    state = FakeForem()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def _provider(forem: FakeForem, key: str = KEY) -> ForemProvider:
    return ForemProvider(Account.new("dev", "forem", forem.url, "tester"), make_session(), key)


@pytest.fixture
def account(forem: FakeForem, credentials: LayeredStore, accounts: AccountStore) -> Account:
    acc = Account.new(
        "dev-test", "forem", forem.url, "tester", canonical_url="https://me.example/{slug}/"
    )
    accounts.add(acc)
    credentials.set(acc.id, KEY)
    return acc


def test_publish_sends_markdown_tags_and_canonical_then_updates(
    forem: FakeForem,
    account: Account,
    library: Library,
    credentials: LayeredStore,
    make_service: MakeService,
) -> None:
    post = library.create(
        "Hello Forem",
        "Some *emphasis* and `code`.\n",
        tags=["Python", "Web Dev", "a-b", "four", "fifth"],
        slug="hello-forem",
    )
    with make_service(library) as service:
        draft = service.publish(post.path, account, status="draft")
        assert draft.created and draft.status == "draft"
        stored = forem.articles[int(draft.remote_id)]
        assert stored["published"] is False
        assert "*emphasis*" in stored["body_markdown"] and "`code`" in stored["body_markdown"]
        assert "<em>" not in stored["body_markdown"]
        assert stored["tags"] == ["python", "webdev", "ab", "four"]
        assert stored["canonical_url"] == "https://me.example/hello-forem/"
        assert any("fifth" in n for n in draft.notices)  # the cut tag is reported

        live = service.publish(post.path, account, status="publish")
        assert live.remote_id == draft.remote_id and not live.created
        assert forem.articles[int(draft.remote_id)]["published"] is True
        assert live.link.startswith(forem.url + "/tester/hello-forem-")
    assert set(forem.keys_seen) == {KEY}
    assert len(forem.articles) == 1


def test_edit_on_the_site_is_a_conflict(
    forem: FakeForem,
    account: Account,
    library: Library,
    credentials: LayeredStore,
    make_service: MakeService,
) -> None:
    post = library.create("Shared article", "Mine.\n")
    with make_service(library) as service:
        first = service.publish(post.path, account, status="publish")
        forem.articles[int(first.remote_id)]["body_markdown"] = "Edited on DEV."
        loaded = library.load(post.path)
        loaded.body = "Mine, again.\n"
        library.save(loaded)
        with pytest.raises(ConflictError):
            service.publish(post.path, account)
    assert forem.articles[int(first.remote_id)]["body_markdown"] == "Edited on DEV."


def test_lost_create_answer_is_found_by_title_not_posted_twice(
    forem: FakeForem,
    account: Account,
    library: Library,
    credentials: LayeredStore,
    make_service: MakeService,
) -> None:
    post = library.create("Only once please", "Body.\n")
    forem.drop_next_create = True
    with make_service(library) as service:
        result = service.publish(post.path, account, status="publish")
    assert result.adopted and not result.queued
    assert len(forem.articles) == 1 and str(next(iter(forem.articles))) == result.remote_id


def test_wrong_key_is_a_clear_authentication_error(forem: FakeForem) -> None:
    with pytest.raises(AuthenticationError, match="refused the API key") as caught:
        _provider(forem, "wrong-key-123").verify()
    assert "wrong-key-123" not in str(caught.value)
    assert _provider(forem).verify().user_login == "tester"


def test_422_and_429_and_404(forem: FakeForem) -> None:
    provider = _provider(forem)
    with pytest.raises(RequestRejectedError, match="Title can't be blank"):
        provider.create_post(PostPayload(title=" ", html="<p>x</p>"))
    forem.rate_limit_next = True
    with pytest.raises(RateLimitedError) as caught:
        provider.list_posts()
    assert caught.value.retry_after == 30.0
    with pytest.raises(NotFoundError):
        provider.get_post("424242")
    with pytest.raises(UnsupportedError, match="no 'future' articles"):
        provider.create_post(
            PostPayload(title="t", html="", status="future", date=datetime.now(UTC))
        )


def test_delete_unpublishes_and_images_are_refused_clearly(
    forem: FakeForem,
    account: Account,
    library: Library,
    credentials: LayeredStore,
    make_service: MakeService,
) -> None:
    provider = _provider(forem)
    made = provider.create_post(PostPayload(title="To remove", html="<p>x</p>", status="publish"))
    provider.delete_post(made.remote_id)
    assert provider.get_post(made.remote_id).status == "draft"

    post = library.create("With a picture", "![dot](dot.png)\n")
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    (post.path.parent / "dot.png").write_bytes(buffer.getvalue())
    with (
        make_service(library) as service,
        pytest.raises(UnsupportedError, match="no image upload"),
    ):
        service.publish(post.path, account, status="publish")


def test_discover_and_tag_rules(forem: FakeForem) -> None:
    found = ForemProvider.discover(make_session(), forem.url)
    assert found.api_url == forem.url + "/api"
    assert forem_tags(["C++", "Go", "go", "Rust Lang", "x", "y"]) == ["c", "go", "rustlang", "x"]


WRAPPED = """A paragraph written the way
editors wrap it, at a narrow
width.

Two trailing spaces end this line:{HARD}
and this one starts after a break.

- a list item that
  wraps
- another

```python
def keep(lines):
    return lines
```
""".replace("{HARD}", "  ")  # two trailing spaces: a hard break (kept out of the source's lines)
# What DEV must receive: paragraphs on one line each (Forem renders with hard_wrap, so every
# newline left inside a paragraph shows as a <br>), the hard break explicit, code untouched.
WRAPPED_SENT = """A paragraph written the way editors wrap it, at a narrow width.

Two trailing spaces end this line:<br>and this one starts after a break.

- a list item that wraps
- another

```python
def keep(lines):
    return lines
```
"""


def test_wrapped_paragraphs_are_sent_joined_on_create_and_update(
    forem: FakeForem,
    account: Account,
    library: Library,
    credentials: LayeredStore,
    make_service: MakeService,
) -> None:
    post = library.create("Wrapped", WRAPPED)
    with make_service(library) as service:
        first = service.publish(post.path, account, status="publish")
        assert forem.articles[int(first.remote_id)]["body_markdown"] == WRAPPED_SENT
        assert library.load(post.path).body == WRAPPED  # the author's file keeps its wraps

        # An update sends the joined text too, and the joined copy on DEV reads back as the same
        # post (no conflict, no "stored differently" notice).
        loaded = library.load(post.path)
        loaded.body = WRAPPED.replace("narrow\nwidth.", "narrow\nwidth, edited.")
        library.save(loaded)
        second = service.publish(post.path, account)
        assert second.remote_id == first.remote_id
        assert not [n for n in second.notices if "text differently" in n], second.notices
        sent = forem.articles[int(first.remote_id)]["body_markdown"]
        assert sent == WRAPPED_SENT.replace("narrow width.", "narrow width, edited.")


def test_html_only_payload_is_joined_too(forem: FakeForem) -> None:
    provider = _provider(forem)
    payload = PostPayload(title="From HTML", html="<p>One<br>two</p>\n<p>Three</p>", status="draft")
    made = provider.create_post(payload)
    sent = forem.articles[int(made.remote_id)]["body_markdown"]
    assert sent == "One<br>two\n\nThree\n"  # the converter's "  \n" break made explicit
