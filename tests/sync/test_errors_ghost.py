"""Every error of the Ghost provider an author can meet that the other Ghost tests do not: the real
Ghost on loopback, with a proxy in front of it for answers Ghost itself never gives (a web page
from whatever else answers at the address, an upload answer without the image's address)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import requests
from tests.servers.ghost_fixture import GhostServer
from tests.servers.proxy import FaultProxy
from tests.sync.test_ghost_provider import _account, _png, session  # noqa: F401  (fixture)

from blogdesk.sync.provider import ServerError, SyncError
from blogdesk.sync.providers.ghost.provider import GhostProvider

pytestmark = pytest.mark.timeout(1500)  # the first Ghost test of a machine installs Ghost
JSON = {"Content-Type": "application/json; charset=utf-8"}


@pytest.fixture
def proxy(ghost: GhostServer) -> Iterator[FaultProxy]:
    port = urlsplit(ghost.url).port
    assert port is not None
    with FaultProxy("127.0.0.1", port) as p:
        yield p


@pytest.fixture
def proxied(
    ghost: GhostServer,
    proxy: FaultProxy,
    session: requests.Session,  # noqa: F811
) -> Iterator[GhostProvider]:
    provider = GhostProvider(_account(proxy.url), session, ghost.admin_key)
    assert provider.verify().site_name  # through the proxy, Ghost answers
    yield provider


def _answer(proxy: FaultProxy, client: requests.Session, *args: object) -> None:
    """From now on the proxy answers itself (new connections: the kept-alive one is closed)."""
    proxy.respond(*args)  # type: ignore[arg-type]
    client.close()


def test_a_web_page_instead_of_the_admin_api(
    proxied: GhostProvider,
    proxy: FaultProxy,
    session: requests.Session,  # noqa: F811
) -> None:
    _answer(proxy, session, 200, "<html><body><h1>Parked domain</h1></body></html>")
    with pytest.raises(ServerError) as caught:
        proxied.verify()
    assert str(caught.value) == (
        f"127.0.0.1:{proxy.port} answered with something that is not Ghost's Admin API (not "
        "JSON) while checking the Admin API key. Check the blog's address."
    )


def test_json_that_is_not_an_object(
    proxied: GhostProvider,
    proxy: FaultProxy,
    session: requests.Session,  # noqa: F811
) -> None:
    _answer(proxy, session, 200, "[]", JSON)
    with pytest.raises(ServerError) as caught:
        proxied.verify()
    assert str(caught.value) == (
        f"127.0.0.1:{proxy.port} answered with JSON BlogDesk cannot read while checking the "
        "Admin API key (not an object, as Ghost's Admin API answers)."
    )


def test_an_upload_answer_without_the_images_address(
    proxied: GhostProvider,
    proxy: FaultProxy,
    session: requests.Session,  # noqa: F811
) -> None:
    _answer(proxy, session, 201, json.dumps({"images": [{"ref": "cover.png"}]}), JSON)
    with pytest.raises(SyncError) as caught:
        proxied.upload_media(_png(), "cover.png", "image/png")
    assert str(caught.value) == "Ghost did not say where it stored 'cover.png'."
