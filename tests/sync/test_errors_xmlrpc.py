"""Every error of the XML-RPC provider (WordPress, Movable Type, MetaWeblog, Blogger 1.0 APIs)
an author can meet that the other XML-RPC tests do not: the real WordPress on loopback where it
can give the answer, and for other engines a real XML-RPC server (the standard library's
SimpleXMLRPCServer on 127.0.0.1) offering the methods of the Movable Type API
(movabletype.org/documentation/developer/api: metaWeblog.*, mt.getCategoryList,
mt.setPostCategories, mt.publishPost; no way to create a category) or only pingbacks."""

from __future__ import annotations

import itertools
import threading
import uuid
import xmlrpc.client
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from xmlrpc.server import SimpleXMLRPCRequestHandler, SimpleXMLRPCServer

import pytest
from tests.servers.proxy import FaultProxy
from tests.servers.wordpress_fixture import WordPressServer
from tests.sync.conftest import MakeService
from tests.sync.test_xmlrpc_provider import provider

from blogdesk.core.library.library import Library
from blogdesk.sync.accounts.credentials import LayeredStore
from blogdesk.sync.accounts.store import Account, AccountStore
from blogdesk.sync.http import make_session
from blogdesk.sync.provider import (
    ApiUnavailableError,
    ForbiddenFileTypeError,
    PermissionDeniedError,
    PostPayload,
    ServerError,
    UnsupportedError,
)
from blogdesk.sync.providers.xmlrpc.provider import XmlRpcProvider


class _Quiet(SimpleXMLRPCRequestHandler):
    rpc_paths = ("/xmlrpc.php", "/mt-xmlrpc.cgi")

    def log_message(self, *args: object) -> None:
        pass


@dataclass
class Engine:
    url: str = ""  # the XML-RPC address
    posts: dict[str, dict[str, Any]] = field(default_factory=dict)
    categories: dict[str, list[str]] = field(default_factory=dict)  # post id → category ids
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    failing: bool = False  # the database is down: every write is a fault

    def new_post(self, blog_id: str, user: str, password: str, struct: dict, publish: bool) -> str:
        if self.failing:
            raise xmlrpc.client.Fault(500, "The entry could not be saved: database is locked")
        post_id = str(next(self.ids))
        self.posts[post_id] = {**struct, "postid": post_id, "publish": publish}
        return post_id

    def get_post(self, post_id: str, user: str, password: str) -> dict[str, Any]:
        post = self.posts[post_id]
        return {
            "postid": post_id,
            "title": post.get("title", ""),
            "description": post.get("description", ""),
            "dateCreated": xmlrpc.client.DateTime("20261201T10:00:00"),
            "mt_keywords": post.get("mt_keywords", ""),
            "categories": [],
            "post_status": "publish" if post["publish"] else "draft",
        }


def _start(server: SimpleXMLRPCServer) -> Iterator[str]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def movable_type() -> Iterator[Engine]:
    engine = Engine()
    server = SimpleXMLRPCServer(
        ("127.0.0.1", 0), requestHandler=_Quiet, allow_none=True, logRequests=False
    )
    server.register_introspection_functions()  # system.listMethods
    server.register_function(engine.new_post, "metaWeblog.newPost")
    server.register_function(lambda *a: True, "metaWeblog.editPost")
    server.register_function(engine.get_post, "metaWeblog.getPost")
    server.register_function(lambda *a: [], "metaWeblog.getRecentPosts")
    server.register_function(
        lambda *a: [{"categoryId": "1", "categoryName": "News"}], "mt.getCategoryList"
    )
    server.register_function(
        lambda post_id, u, p, cats: engine.categories.update({post_id: cats}) or True,
        "mt.setPostCategories",
    )
    server.register_function(lambda *a: True, "mt.publishPost")
    for site in _start(server):
        engine.url = site + "/mt-xmlrpc.cgi"
        yield engine


def _mt(engine: Engine) -> XmlRpcProvider:
    return provider(
        engine.url.rsplit("/", 1)[0], "melody", "secret", "movabletype", xmlrpc_url=engine.url
    )


def test_a_category_the_blog_does_not_have_and_cannot_make(movable_type: Engine) -> None:
    xr = _mt(movable_type)
    with pytest.raises(UnsupportedError) as caught:
        xr.create_post(
            PostPayload(title="Trip", html="<p>Far.</p>", status="publish", categories=("Travel",))
        )
    assert str(caught.value) == (
        "The blog has no category called 'Travel' and its API cannot create one; create it on "
        "the blog first."
    )
    assert movable_type.categories == {}  # nothing was filed under a wrong category


def test_tag_names_a_movable_type_blog_cannot_list(
    movable_type: Engine,
    library: Library,
    accounts: AccountStore,
    credentials: LayeredStore,
    make_service: MakeService,
) -> None:
    site = movable_type.url.rsplit("/", 1)[0]
    account = Account.new(
        "mt", "xmlrpc", site, "melody", api="movabletype", xmlrpc_url=movable_type.url
    )
    accounts.add(account)
    credentials.set(account.id, "secret")
    service = make_service(library)
    assert service.terms(account, "category", refresh=True) == ["News"]
    with pytest.raises(UnsupportedError) as caught:
        service.terms(account, "tag", refresh=True)
    assert str(caught.value) == "The movabletype API cannot list tag names."


def test_a_fault_the_blog_gives_no_meaning_to(movable_type: Engine) -> None:
    movable_type.failing = True
    with pytest.raises(ServerError) as caught:
        _mt(movable_type).create_post(PostPayload(title="T", html="<p>x</p>", status="draft"))
    assert str(caught.value) == (
        f"{movable_type.url} failed while creating the post (fault 500). The blog said: "
        '"The entry could not be saved: database is locked"'
    )


@pytest.fixture
def pingback_only() -> Iterator[str]:
    server = SimpleXMLRPCServer(
        ("127.0.0.1", 0), requestHandler=_Quiet, allow_none=True, logRequests=False
    )
    server.register_introspection_functions()
    server.register_function(lambda source, target: "Thanks", "pingback.ping")
    yield from _start(server)


def test_a_site_whose_xmlrpc_offers_no_blog_api(pingback_only: str) -> None:
    with pytest.raises(ApiUnavailableError) as caught:
        XmlRpcProvider.discover(make_session(), pingback_only)
    assert str(caught.value) == (
        "The blog answers XML-RPC but offers none of the APIs BlogDesk speaks (WordPress, "
        "Movable Type, MetaWeblog, Blogger)."
    )


@pytest.mark.wordpress
def test_an_api_name_blogdesk_does_not_know(wordpress: WordPressServer) -> None:
    xr = provider(wordpress.url, wordpress.user, wordpress.app_password, "livejournal")
    with pytest.raises(ApiUnavailableError) as caught:
        xr.verify()
    assert str(caught.value) == (
        "'livejournal' is not an XML-RPC API BlogDesk knows (use wordpress, movabletype, "
        "metaweblog, blogger)."
    )


@pytest.mark.wordpress
def test_a_subscriber_may_not_post(wordpress: WordPressServer) -> None:
    login, password = wordpress.create_user(f"sub{uuid.uuid4().hex[:6]}", "subscriber")
    xr = provider(wordpress.url, login, password, "wordpress")
    with pytest.raises(PermissionDeniedError) as caught:
        xr.create_post(PostPayload(title="Not mine to post", html="<p>x</p>", status="draft"))
    assert str(caught.value) == (
        f"Your account {login!r} on {wordpress.url}/xmlrpc.php may not do this while creating "
        'the post. The blog said: "Sorry, you are not allowed to post on this site." Ask the '
        "site's administrator for a role that may."
    )


@pytest.mark.wordpress
def test_a_file_type_wordpress_refuses(wordpress: WordPressServer) -> None:
    xr = provider(wordpress.url, wordpress.user, wordpress.app_password, "wordpress")
    with pytest.raises(ForbiddenFileTypeError) as caught:
        xr.upload_media(b"MZ\x90\x00not really a program", "setup.exe", "application/x-msdownload")
    # WordPress answers fault 500, as if it had failed: BlogDesk says what it means.
    assert str(caught.value) == (
        f'{wordpress.url}/xmlrpc.php does not accept this type of file. The blog said: "Could '
        'not write file setup.exe (Sorry, you are not allowed to upload this file type.)." '
        "Convert it (PNG, JPEG, GIF or WebP for images) or ask the site's administrator to "
        "allow the type."
    )


@pytest.mark.wordpress
def test_a_site_limiting_requests(wordpress: WordPressServer) -> None:
    with FaultProxy("127.0.0.1", wordpress.port) as proxy:
        xr = provider(
            proxy.url, wordpress.user, wordpress.app_password, xmlrpc_url=proxy.url + "/xmlrpc.php"
        )
        assert xr.flavour == "wordpress"  # through the proxy, WordPress answers
        proxy.respond(429, "<html><body>Too Many Requests</body></html>", {"Retry-After": "60"})
        with pytest.raises(ServerError) as caught:
            xr.get_post("1")
    assert str(caught.value) == (
        f"{proxy.url}/xmlrpc.php is limiting requests (HTTP 429); try again later."
    )
