"""Every error the Forem (DEV) provider gives that the author can meet, against the loopback fake
of the Forem API v1 (tests/sync/test_forem_provider.py: Forem runs only as hosted communities)
and a plain web site on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from tests.servers.common import serve_folder
from tests.servers.proxy import FaultProxy
from tests.sync.test_forem_provider import KEY, FakeForem, forem  # noqa: F401  (fixture)

from blogdesk.sync.accounts.store import Account
from blogdesk.sync.http import make_session
from blogdesk.sync.provider import ApiUnavailableError, ServerError
from blogdesk.sync.providers.forem import ForemProvider


@pytest.fixture
def proxy(forem: FakeForem) -> Iterator[FaultProxy]:  # noqa: F811
    port = urlsplit(forem.url).port
    assert port is not None
    with FaultProxy("127.0.0.1", port) as p:
        yield p


def test_a_web_page_instead_of_the_forem_api(proxy: FaultProxy) -> None:
    provider = ForemProvider(Account.new("dev", "forem", proxy.url, "tester"), make_session(), KEY)
    assert provider.verify().user_login  # through the proxy, the API answers
    proxy.respond(200, "<html><body><h1>Down for maintenance</h1></body></html>")
    with pytest.raises(ServerError) as caught:
        provider.verify()
    assert str(caught.value) == (
        f"{proxy.url} answered with a web page instead of the Forem API while checking your "
        "API key."
    )


def test_a_site_that_is_not_a_forem_community(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<html><body><h1>My own blog</h1></body></html>")
    with serve_folder(tmp_path) as url, pytest.raises(ApiUnavailableError) as caught:
        ForemProvider.discover(make_session(), url + "/")
    assert str(caught.value) == (
        f"{url} does not answer like a Forem community (no /api/articles). Check the address."
    )
