"""Every error of the Micropub provider an author can meet that the other Micropub tests do not:
the real Micropub server (django-indieweb on 127.0.0.1) where it gives the answer, and a loopback
proxy in front of it for the answers of other Micropub servers (as the spec allows them,
micropub.spec.indieweb.org: 403 insufficient_scope, no q=source list, a 201 without Location) or
of something else at the address (a web page)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from tests.servers.micropub_fixture import MicropubServer
from tests.servers.proxy import FaultProxy
from tests.sync.conftest import unique

from blogdesk.sync.accounts.store import Account
from blogdesk.sync.http import make_session
from blogdesk.sync.provider import (
    ForbiddenFileTypeError,
    PermissionDeniedError,
    PostPayload,
    ServerError,
    SyncError,
    UnsupportedError,
)
from blogdesk.sync.providers.micropub.provider import MicropubProvider

JSON = {"Content-Type": "application/json"}
ENDPOINT = "/indieweb/micropub/"


@pytest.fixture(scope="module")
def token(micropub_server: MicropubServer) -> str:
    return micropub_server.mint_token("create update delete media")


@pytest.fixture
def proxy(micropub_server: MicropubServer) -> Iterator[FaultProxy]:
    port = urlsplit(micropub_server.url).port
    assert port is not None
    with FaultProxy("127.0.0.1", port) as p:
        yield p


def _provider(site: str, token: str) -> MicropubProvider:
    account = Account.new(unique("mp"), "micropub", site, "", micropub_endpoint=site + ENDPOINT)
    return MicropubProvider(account, make_session(), token)


def _post(**fields: object) -> PostPayload:
    return PostPayload(title="Hello", html="<p>Hi.</p>", **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("status", ["pending", "private"])
def test_a_status_micropub_does_not_have(
    micropub_server: MicropubServer, token: str, status: str
) -> None:
    with pytest.raises(UnsupportedError) as caught:
        _provider(micropub_server.url, token).create_post(_post(status=status))
    assert str(caught.value) == (
        f"Micropub has no {status!r} status: send the post as a draft or publish it."
    )


def test_a_file_too_large_for_the_server(micropub_server: MicropubServer, token: str) -> None:
    big = b"\x89PNG\r\n\x1a\n" + bytes(10 * 1024 * 1024)  # over django-indieweb's 10 MB limit
    with pytest.raises(ForbiddenFileTypeError) as caught:
        _provider(micropub_server.url, token).upload_media(big, "huge.png", "image/png")
    host = micropub_server.url.removeprefix("http://")
    assert str(caught.value) == (
        f"{host} refused the file as too large. The site said: invalid_request."
    )


def test_a_web_page_instead_of_micropub(proxy: FaultProxy, token: str) -> None:
    provider = _provider(proxy.url, token)
    proxy.respond(200, "<html><body><h1>Welcome to my blog</h1></body></html>")
    with pytest.raises(ServerError) as caught:
        provider.verify()
    assert str(caught.value) == (
        f"127.0.0.1:{proxy.port} answered with something that is not JSON while checking the "
        "token: it may not be a Micropub endpoint. Check the blog's address."
    )


def test_json_that_is_not_an_object(proxy: FaultProxy, token: str) -> None:
    provider = _provider(proxy.url, token)
    proxy.respond(200, '["not", "a", "config"]', JSON)
    with pytest.raises(ServerError) as caught:
        provider.verify()
    assert str(caught.value) == (
        f"127.0.0.1:{proxy.port} answered with JSON BlogDesk cannot read while checking the "
        "token (not an object, as Micropub answers)."
    )


def test_a_token_without_the_scope(proxy: FaultProxy, token: str) -> None:
    provider = _provider(proxy.url, token)
    refusal = {"error": "insufficient_scope", "error_description": "The token may not create."}
    proxy.respond(403, json.dumps(refusal), JSON)
    with pytest.raises(PermissionDeniedError) as caught:
        provider.create_post(_post(status="draft"))
    assert str(caught.value) == (
        f"The token for 127.0.0.1:{proxy.port} may not do this (creating the post): it lacks the "
        "needed scope. Sign in again and allow creating, updating, deleting and media. The site "
        "said: The token may not create."
    )
    assert token not in str(caught.value)


def test_created_without_saying_where(proxy: FaultProxy, token: str) -> None:
    provider = _provider(proxy.url, token)
    proxy.respond(201, b"", {"Content-Type": "text/plain"})  # 201 Created, no Location
    with pytest.raises(SyncError) as caught:
        provider.create_post(_post(status="draft"))
    assert str(caught.value) == (
        f"127.0.0.1:{proxy.port} created the post but did not say where (no Location). Check "
        "the blog before sending it again."
    )


def test_a_source_answer_that_is_not_json(proxy: FaultProxy, token: str) -> None:
    provider = _provider(proxy.url, token)
    proxy.respond(200, "<html><body>Post</body></html>")
    with pytest.raises(SyncError) as caught:
        provider.get_post(proxy.url + "/posts/hello/")
    assert str(caught.value) == (
        f"127.0.0.1:{proxy.port} answered q=source with something that is not JSON."
    )


def test_a_server_that_does_not_list_its_posts(proxy: FaultProxy, token: str) -> None:
    provider = _provider(proxy.url, token)
    # The spec makes q=source without a URL optional; a server without it refuses the query.
    proxy.respond(400, json.dumps({"error": "invalid_request"}), JSON)
    with pytest.raises(UnsupportedError) as caught:
        provider.list_posts()
    assert str(caught.value) == (
        f"127.0.0.1:{proxy.port} does not list its posts (Micropub q=source without a URL)."
    )


def test_a_server_without_a_media_endpoint(proxy: FaultProxy, token: str) -> None:
    provider = _provider(proxy.url, token)
    proxy.respond(200, json.dumps({"syndicate-to": []}), JSON)  # q=config names none
    with pytest.raises(UnsupportedError) as caught:
        provider.upload_media(b"\x89PNG", "photo.png", "image/png")
    assert str(caught.value) == (
        f"127.0.0.1:{proxy.port} has no media endpoint: images cannot be uploaded to it."
    )


def test_a_media_endpoint_that_does_not_say_where(proxy: FaultProxy, token: str) -> None:
    provider = _provider(proxy.url, token)
    # q=config names a media endpoint; the upload there answers 201 with neither a Location nor
    # a url in its body.
    proxy.respond(201, json.dumps({"media-endpoint": proxy.url + "/media/"}), JSON)
    with pytest.raises(SyncError) as caught:
        provider.upload_media(b"\x89PNG", "photo.png", "image/png")
    assert str(caught.value) == "The media endpoint did not say where it stored 'photo.png'."
