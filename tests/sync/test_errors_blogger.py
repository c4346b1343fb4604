"""Every error the Blogger provider gives that the author can meet, against the loopback fake of
Google's token endpoint and Blogger API v3 (tests/sync/test_blogger_provider.py: Blogger runs
only at Google)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from tests.servers.proxy import FaultProxy
from tests.sync.conftest import MakeService
from tests.sync.test_blogger_provider import (  # noqa: F401  (fixtures)
    FakeGoogle,
    _options,
    _sign_in,
    account,
    google,
)

from blogdesk.core.library.library import Library
from blogdesk.sync.accounts.store import Account
from blogdesk.sync.http import make_session
from blogdesk.sync.provider import ApiUnavailableError, ServerError, UnsupportedError
from blogdesk.sync.providers.blogger import BloggerProvider


@pytest.mark.parametrize("status", ["pending", "private"])
def test_a_status_blogger_does_not_have(
    google: FakeGoogle,  # noqa: F811
    account: Account,  # noqa: F811
    library: Library,
    make_service: MakeService,
    status: str,
) -> None:
    post = library.create("Waiting for review", "Text.\n")
    with make_service(library) as service, pytest.raises(UnsupportedError) as caught:
        service.publish(post.path, account, status=status)
    assert str(caught.value) == (
        f"Blogger has no {status!r} posts: publish the post, schedule it or keep it a draft."
    )
    assert google.posts == {}


def test_an_address_without_https(google: FakeGoogle) -> None:  # noqa: F811
    with pytest.raises(ApiUnavailableError) as caught:
        BloggerProvider.discover(make_session(), "myblog.blogspot.com")
    assert str(caught.value) == (
        "'myblog.blogspot.com' is not a web address: type the blog's address with https://, "
        "for example https://myblog.blogspot.com."
    )


@pytest.fixture
def proxy(google: FakeGoogle) -> Iterator[FaultProxy]:  # noqa: F811
    port = urlsplit(google.url).port
    assert port is not None
    with FaultProxy("127.0.0.1", port) as p:
        yield p


def test_a_web_page_instead_of_the_api(google: FakeGoogle, proxy: FaultProxy) -> None:  # noqa: F811
    # The sign-in is renewed at Google; the API answers come through a network that puts its
    # own sign-in page in the way (a hotel's, a captive portal).
    options = {**_options(google), "api_base": f"{proxy.url}/blogger/v3"}
    acc = Account.new("blogger", "blogger", google.blog_url(), "", **options)
    provider = BloggerProvider(acc, make_session(), _sign_in(google))
    proxy.respond(200, "<html><body><h1>Sign in to the hotel Wi-Fi</h1></body></html>")
    with pytest.raises(ServerError) as caught:
        provider.verify()
    assert str(caught.value) == (
        f"{proxy.url}/blogger/v3/blogs/byurl answered with something that is not Blogger's API "
        "(not JSON) while checking the sign-in. A proxy or a network's sign-in page may be in "
        "the way; try again later."
    )
