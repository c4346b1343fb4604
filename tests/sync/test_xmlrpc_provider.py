"""The XML-RPC provider against the real WordPress's xmlrpc.php (all four API flavours), plus a
tiny loopback server for what WordPress cannot be made to do (an XML bomb, XML-RPC switched off)."""

from __future__ import annotations

import io
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from PIL import Image
from tests.servers.proxy import FaultProxy
from tests.servers.wordpress_fixture import WordPressServer
from tests.sync.conftest import MakeService, unique

from blogdesk.core.library.library import Library
from blogdesk.sync.accounts.credentials import LayeredStore
from blogdesk.sync.accounts.store import Account, AccountStore
from blogdesk.sync.http import make_session
from blogdesk.sync.provider import (
    ApiUnavailableError,
    AuthenticationError,
    BlogProvider,
    ConflictError,
    NotFoundError,
    PostPayload,
    RemotePost,
    ServerError,
    UnsupportedError,
)
from blogdesk.sync.providers.xmlrpc.provider import XmlRpcProvider
from blogdesk.sync.service import _default_factory

FLAVOURS = ("wordpress", "movabletype", "metaweblog", "blogger")


def provider(url: str, user: str, secret: str, api: str = "auto", **options: str) -> XmlRpcProvider:
    account = Account.new("xr", "xmlrpc", url, user, api=api, **options)
    return XmlRpcProvider(account, make_session(), secret)


def _png(color: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 12), color).save(buffer, "PNG")
    return buffer.getvalue()


# ------------------------------------------------------------------------ real WordPress


@pytest.mark.wordpress
def test_rsd_discovery_finds_endpoint_and_best_api(wordpress: WordPressServer) -> None:
    found = XmlRpcProvider.discover(make_session(), wordpress.url)
    assert found.api_url == f"{wordpress.url}/xmlrpc.php"
    assert found.options["xmlrpc_url"] == found.api_url
    assert found.options["blog_id"] == "1"
    assert any("RSD" in n for n in found.notes)
    assert any("wordpress" in n for n in found.notes)
    # Without the stored address, the provider discovers it and picks wp.* on its own.
    auto = provider(wordpress.url, wordpress.user, wordpress.admin_password)
    assert auto.flavour == "wordpress"
    assert auto.verify().site_name


@pytest.mark.wordpress
@pytest.mark.parametrize("api", FLAVOURS)
def test_each_flavour_creates_updates_reads_and_deletes(
    wordpress: WordPressServer, api: str
) -> None:
    # The admin's login password for some, the application password for others: both work.
    secret = wordpress.admin_password if api in ("wordpress", "blogger") else wordpress.app_password
    xr = provider(wordpress.url, wordpress.user, secret, api)
    assert xr.flavour == api
    slug = unique(api).replace(" ", "-")
    title = slug.replace("-", " ").title()  # Blogger 1.0 has no slug: it is made from the title
    payload = PostPayload(
        title=title,
        html="<p>First <em>version</em></p>",
        status="draft",
        slug=slug,
        tags=("xr-one", "xr-two"),
        categories=("XR Notes",) if api != "blogger" else (),
    )
    # mt.* and metaWeblog only pick existing categories: make it first. (The wp.* case used to make
    # it for them by running first; in random order it may not have.)
    if api in ("movabletype", "metaweblog"):
        provider(wordpress.url, wordpress.user, secret, "wordpress").ensure_terms(
            "category", ["XR Notes"]
        )
    created = xr.create_post(payload)
    server = wordpress.get_post(created.remote_id)
    assert server["title"] == title and server["status"] == "draft"
    assert "First <em>version</em>" in server["content"]
    if api != "blogger":
        assert server["slug"] == slug
        assert set(created.tags) == {"xr-one", "xr-two"}
        assert created.categories == ("XR Notes",)
    assert xr.find_post_by_slug(slug) is not None

    when = (datetime.now(UTC) + timedelta(days=5)).replace(microsecond=0)
    updated = xr.update_post(
        created.remote_id,
        PostPayload(
            title=title,
            html="<p>Second</p>",
            status="future",
            slug=slug,
            date=when,
            categories=payload.categories,
        ),
    )
    server = wordpress.get_post(created.remote_id)
    assert server["content"] == "<p>Second</p>"
    if api == "blogger":  # Blogger 1.0 knows only "publish" or not, and no date
        assert server["status"] == "publish"
    else:  # reported as "publish" over XML-RPC; the provider tells it from the date
        assert server["status"] == "future" and updated.status == "future"
        assert server["date_gmt"] == when.strftime("%Y-%m-%d %H:%M:%S")
        assert updated.date_gmt == when
    assert xr.get_post(created.remote_id).html == "<p>Second</p>"

    xr.delete_post(created.remote_id)
    assert wordpress.get_post(created.remote_id)["status"] == "trash"


@pytest.mark.wordpress
def test_wp_edit_post_conflict_is_detected_by_the_server(wordpress: WordPressServer) -> None:
    xr = provider(wordpress.url, wordpress.user, wordpress.app_password, "wordpress")
    slug = unique("conflict").replace(" ", "-")
    created = xr.create_post(PostPayload(title="Mine", html="<p>mine</p>", slug=slug))
    time.sleep(1.1)  # post_modified_gmt has one-second resolution
    wordpress.edit_post(created.remote_id, content="<p>someone else</p>")
    with pytest.raises(ConflictError) as caught:
        xr.update_post(
            created.remote_id, PostPayload(title="Mine", html="<p>mine 2</p>", slug=slug)
        )
    assert caught.value.remote.html == "<p>someone else</p>"
    assert caught.value.local.html == "<p>mine 2</p>"
    assert wordpress.get_post(created.remote_id)["content"] == "<p>someone else</p>"
    # Having read the newer version, the update goes through.
    xr.update_post(created.remote_id, PostPayload(title="Mine", html="<p>mine 3</p>", slug=slug))
    assert wordpress.get_post(created.remote_id)["content"] == "<p>mine 3</p>"


@pytest.mark.wordpress
@pytest.mark.parametrize("api", ["wordpress", "metaweblog"])
def test_media_upload(wordpress: WordPressServer, api: str) -> None:
    xr = provider(wordpress.url, wordpress.user, wordpress.app_password, api)
    media = xr.upload_media(_png("blue"), f"xr-{uuid.uuid4().hex[:6]}.png", "image/png")
    assert wordpress.get_post(media.remote_id)["type"] == "attachment"
    assert media.remote_id and media.url.startswith(wordpress.url)
    fetched = requests.get(media.url, timeout=30)
    assert fetched.status_code == 200 and fetched.content.startswith(b"\x89PNG")


@pytest.mark.wordpress
def test_blogger_flavour_says_it_cannot_upload(wordpress: WordPressServer) -> None:
    xr = provider(wordpress.url, wordpress.user, wordpress.app_password, "blogger")
    xr._methods = set()  # a pure Blogger 1.0 server (WordPress also offers metaWeblog's)
    xr._flavour = "blogger"
    with pytest.raises(UnsupportedError, match="cannot upload images"):
        xr.upload_media(_png(), "x.png", "image/png")


@pytest.mark.wordpress
@pytest.mark.parametrize("api", ["wordpress", "metaweblog"])
def test_wrong_password_is_a_clear_authentication_error(
    wordpress: WordPressServer, api: str
) -> None:
    xr = provider(wordpress.url, wordpress.user, "not-the-password", api)
    with pytest.raises(AuthenticationError) as caught:
        xr.verify()
    message = str(caught.value)
    assert "not-the-password" not in message
    assert "user name or password" in message and repr(wordpress.user) in message


@pytest.mark.wordpress
def test_missing_post_is_not_found(wordpress: WordPressServer) -> None:
    xr = provider(wordpress.url, wordpress.user, wordpress.app_password, "wordpress")
    with pytest.raises(NotFoundError):
        xr.get_post("987654321")


@pytest.mark.wordpress
def test_service_publish_update_and_conflict_over_xmlrpc(
    wordpress: WordPressServer,
    library: Library,
    credentials: LayeredStore,
    make_service: MakeService,
    accounts: AccountStore,
) -> None:
    account = Account.new(
        unique("xr"),
        "xmlrpc",
        wordpress.url,
        wordpress.user,
        xmlrpc_url=f"{wordpress.url}/xmlrpc.php",
        blog_id="1",
    )
    accounts.add(account)
    credentials.set(account.id, wordpress.app_password)
    title = unique("Over XML-RPC")
    post = library.create(title, "Hello *XML-RPC*.\n", tags=["xr"])
    with make_service(library) as service:
        first = service.publish(post.path, account, status="publish")
        assert first.created and first.status == "publish"
        assert "<em>XML-RPC</em>" in wordpress.get_post(first.remote_id)["content"]
        loaded = library.load(post.path)
        loaded.body = "Changed here.\n"
        library.save(loaded)
        second = service.publish(post.path, account)
        assert second.remote_id == first.remote_id and not second.created
        assert "Changed here." in wordpress.get_post(first.remote_id)["content"]
        time.sleep(1.1)
        wordpress.edit_post(first.remote_id, content="<p>edited on the blog</p>")
        loaded = library.load(post.path)
        loaded.body = "Changed again.\n"
        library.save(loaded)
        with pytest.raises(ConflictError):
            service.publish(post.path, account)
    assert wordpress.get_post(first.remote_id)["content"] == "<p>edited on the blog</p>"


class _DropCreateAnswer:
    """The real provider, but the create's answer is dropped after WordPress committed it."""

    def __init__(self, inner: BlogProvider, proxy: FaultProxy) -> None:
        self.inner, self.proxy = inner, proxy

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    def create_post(self, payload: PostPayload) -> RemotePost:
        self.proxy.drop_response()
        try:
            return self.inner.create_post(payload)
        finally:
            self.proxy.pass_through()


@pytest.mark.wordpress
def test_lost_create_answer_is_adopted_not_duplicated(
    wordpress: WordPressServer,
    library: Library,
    credentials: LayeredStore,
    make_service: MakeService,
    accounts: AccountStore,
) -> None:
    with FaultProxy("127.0.0.1", wordpress.port) as proxy:
        account = Account.new(
            unique("xr-lost"),
            "xmlrpc",
            proxy.url,
            wordpress.user,
            xmlrpc_url=f"{proxy.url}/xmlrpc.php",
            api="wordpress",
        )
        accounts.add(account)
        credentials.set(account.id, wordpress.app_password)
        title = unique("Exactly once over XML-RPC")
        post = library.create(title, "Only one of me.\n")

        def factory(acc: Account, session: requests.Session, secret: str) -> BlogProvider:
            return _DropCreateAnswer(_default_factory(acc, session, secret), proxy)

        with make_service(library, provider_factory=factory) as service:
            result = service.publish(post.path, account, status="publish")
    assert result.adopted and result.remote_id
    direct = provider(wordpress.url, wordpress.user, wordpress.app_password, "wordpress")
    same = [p for p in direct.list_posts(per_page=50).posts if p.title == title]
    assert [p.remote_id for p in same] == [result.remote_id]


# ------------------------------------------------------------------- a hostile fake server

_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<methodResponse><params><param><value><string>&lol3;</string></value></param></params>
</methodResponse>"""

_FAULT = """<?xml version="1.0"?><methodResponse><fault><value><struct>
<member><name>faultCode</name><value><int>{code}</int></value></member>
<member><name>faultString</name><value><string>{text}</string></value></member>
</struct></value></fault></methodResponse>"""


class _Fake(BaseHTTPRequestHandler):
    answer: bytes = b""
    status: int = 200
    extra_headers: dict[str, str] = {}

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(self.status)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(self.answer)))
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(self.answer)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fake() -> Iterator[tuple[str, type[_Fake]]]:
    handler = type("Handler", (_Fake,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/xmlrpc.php", handler
    finally:
        server.shutdown()
        server.server_close()


def _fake_provider(url: str, api: str = "wordpress") -> XmlRpcProvider:
    xr = provider(url.rsplit("/", 1)[0], "someone", "secret", api, xmlrpc_url=url)
    xr._flavour = api  # skip system.listMethods: the fake answers every call the same
    return xr


def test_xml_bomb_is_refused(fake: tuple[str, type[_Fake]]) -> None:
    url, handler = fake
    handler.answer = _BOMB
    with pytest.raises(ServerError, match="entity declarations"):
        _fake_provider(url).get_post("1")


def test_xmlrpc_disabled_fault_405_is_api_unavailable(fake: tuple[str, type[_Fake]]) -> None:
    url, handler = fake
    handler.answer = _FAULT.format(
        code=405, text="XML-RPC services are disabled on this site."
    ).encode()
    with pytest.raises(ApiUnavailableError, match="XML-RPC is turned off"):
        _fake_provider(url).verify()


def test_blocked_xmlrpc_php_is_api_unavailable(fake: tuple[str, type[_Fake]]) -> None:
    url, handler = fake
    handler.status, handler.answer = 403, b"<html>Forbidden</html>"
    with pytest.raises(ApiUnavailableError, match=r"block xmlrpc\.php"):
        _fake_provider(url, "metaweblog").get_post("1")


def test_html_instead_of_xmlrpc_is_a_server_error(fake: tuple[str, type[_Fake]]) -> None:
    url, handler = fake
    handler.answer = b"<html><body>Welcome to our hosting</body></html>"
    with pytest.raises(ServerError, match="did not answer with XML-RPC"):
        _fake_provider(url).get_post("1")


@pytest.mark.wordpress
def test_wordpress_with_rest_blocked_falls_back_to_xmlrpc_and_says_so(
    wordpress: WordPressServer,
    library: Library,
    credentials: LayeredStore,
    make_service: MakeService,
) -> None:
    def blocked_rest_session() -> requests.Session:
        session = make_session()
        session.headers.update(wordpress.switch_headers("rest-disabled"))
        return session

    with make_service(library, session_factory=blocked_rest_session) as service:
        added = service.add_account(
            unique("fallback"), wordpress.url, wordpress.user, wordpress.app_password
        )
        assert added.account.provider == "xmlrpc"
        assert added.account.options["xmlrpc_url"] == f"{wordpress.url}/xmlrpc.php"
        assert "XML-RPC interface instead" in added.discovery.notes[0]
        from blogdesk.sync.accounts import setup as account_setup

        found = account_setup.discover(wordpress.url, "wordpress", blocked_rest_session())
        assert found.api_url == f"{wordpress.url}/xmlrpc.php"
        assert "XML-RPC interface instead" in found.notes[0]
        post = library.create(unique("Fallback"), "Sent over *XML-RPC*.\n")
        result = service.publish(post.path, added.account, status="draft")
    assert "<em>XML-RPC</em>" in wordpress.get_post(result.remote_id)["content"]


@pytest.mark.wordpress
def test_rest_blocked_and_wrong_password_keeps_the_rest_explanation(
    wordpress: WordPressServer,
    library: Library,
    credentials: LayeredStore,
    make_service: MakeService,
    accounts: AccountStore,
) -> None:
    def blocked_rest_session() -> requests.Session:
        session = make_session()
        session.headers.update(wordpress.switch_headers("rest-disabled"))
        return session

    with (
        make_service(library, session_factory=blocked_rest_session) as service,
        pytest.raises(ApiUnavailableError, match="REST API"),
    ):
        service.add_account(unique("nope"), wordpress.url, wordpress.user, "wrong-pass")
    assert accounts.all() == []


def test_gzip_bomb_is_refused(
    fake: tuple[str, type[_Fake]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import gzip

    from blogdesk.sync.providers.xmlrpc import transport

    monkeypatch.setattr(transport, "MAX_RESPONSE_BYTES", 100_000)
    url, handler = fake
    handler.answer = gzip.compress(b"<methodResponse>" + b" " * 5_000_000)
    handler.extra_headers = {"Content-Encoding": "gzip"}
    with pytest.raises(ServerError, match="too large"):
        _fake_provider(url).get_post("1")


class _OldEngine(BaseHTTPRequestHandler):
    """A non-WordPress engine: no RSD link, /xmlrpc.php speaking MetaWeblog and Blogger only."""

    def do_GET(self) -> None:
        page = b"<html><head><title>Old blog</title></head><body>hi</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    def do_POST(self) -> None:
        import xmlrpc.client

        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        params, method = xmlrpc.client.loads(body)
        if self.path != "/xmlrpc.php":
            self.send_response(404)
            self.end_headers()
            return
        if method == "system.listMethods":
            result: object = [
                "metaWeblog.newPost",
                "metaWeblog.editPost",
                "metaWeblog.getPost",
                "metaWeblog.getRecentPosts",
                "blogger.newPost",
                "blogger.editPost",
                "blogger.getPost",
                "blogger.getRecentPosts",
                "blogger.deletePost",
            ]
        elif method == "metaWeblog.getPost":
            result = {
                "postid": params[0],
                "title": "Old post",
                "description": "<p>old</p>",
                "dateCreated": xmlrpc.client.DateTime("20200102T03:04:05"),
                "categories": ["misc"],
                "mt_keywords": "a, b",
            }
        else:
            result = xmlrpc.client.Fault(
                -32601, f"server error. requested method {method} does not exist."
            )
        data = xmlrpc.client.dumps(
            result if isinstance(result, xmlrpc.client.Fault) else (result,), methodresponse=True
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


def test_engine_without_rsd_gets_xmlrpc_php_and_its_best_api() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _OldEngine)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        site = f"http://127.0.0.1:{server.server_port}"
        found = XmlRpcProvider.discover(make_session(), site)
        assert found.api_url == f"{site}/xmlrpc.php"
        assert any("metaweblog" in n for n in found.notes)
        xr = provider(site, "someone", "secret")
        assert xr.flavour == "metaweblog"
        post = xr.get_post("12")
        assert (post.title, post.html, post.tags, post.categories) == (
            "Old post",
            "<p>old</p>",
            ("a", "b"),
            ("misc",),
        )
        assert post.slug == "old-post" and post.status == "publish"
        with pytest.raises(UnsupportedError, match="does not offer"):
            xr.upload_media(b"x", "x.png", "image/png")
        forced = provider(site, "someone", "secret", "wordpress")
        with pytest.raises(ApiUnavailableError, match="does not offer the wordpress API"):
            forced.get_post("1")
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.wordpress
def test_list_posts_pages_newest_first(wordpress: WordPressServer) -> None:
    xr = provider(wordpress.url, wordpress.user, wordpress.app_password, "wordpress")
    titles = [unique("list") for _ in range(3)]
    made = {
        int(xr.create_post(PostPayload(title=title, html="<p>x</p>")).remote_id): title
        for title in titles
    }
    page = xr.list_posts(per_page=2)
    assert page.has_more and len(page.posts) == 2
    # Walk the pages down to the oldest post made here: other sessions may add posts to the
    # shared server meanwhile, but the three made here must all be listed, with their titles.
    listed = list(page.posts)
    number = 1
    while page.has_more and min(int(p.remote_id) for p in listed) > min(made):
        number += 1
        page = xr.list_posts(page=number, per_page=2)
        listed.extend(page.posts)
    ids = [int(p.remote_id) for p in listed]
    assert ids == sorted(ids, reverse=True)
    assert len(set(ids)) == len(ids)  # pages do not overlap
    found = {int(p.remote_id): p.title for p in listed if int(p.remote_id) in made}
    assert found == made
