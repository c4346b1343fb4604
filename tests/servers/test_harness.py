"""The harness itself: the real WordPress answers, app passwords work, the proxy faults happen."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from tests.servers.proxy import FaultProxy
from tests.servers.wordpress_fixture import WordPressServer, WordPressToolError

pytestmark = pytest.mark.wordpress


def test_rest_root_answers_and_advertises_app_passwords(wordpress: WordPressServer) -> None:
    head = requests.head(wordpress.url + "/", timeout=10)
    assert 'rel="https://api.w.org/"' in head.headers["Link"]
    index = requests.get(wordpress.api_url, timeout=10).json()
    assert "wp/v2" in index["namespaces"]
    assert "application-passwords" in index["authentication"]


def test_app_password_authenticates_users_me(wordpress: WordPressServer) -> None:
    me = requests.get(
        wordpress.api_url + "wp/v2/users/me",
        params={"context": "edit"},
        auth=(wordpress.user, wordpress.app_password),
        timeout=10,
    )
    assert me.status_code == 200
    assert me.json()["username"] == wordpress.user
    wrong = requests.get(
        wordpress.api_url + "wp/v2/users/me", auth=(wordpress.user, "x" * 24), timeout=10
    )
    assert wrong.status_code == 401


def test_revoked_app_password_is_refused(wordpress: WordPressServer) -> None:
    password, uuid = wordpress.create_app_password("harness-revoke")
    url = wordpress.api_url + "wp/v2/users/me"
    assert requests.get(url, auth=(wordpress.user, password), timeout=10).status_code == 200
    wordpress.revoke_app_password(uuid)
    assert requests.get(url, auth=(wordpress.user, password), timeout=10).status_code == 401


def test_server_side_helpers_change_what_rest_sees(wordpress: WordPressServer) -> None:
    post = wordpress.create_post(title="Harness post", content="one", status="draft")
    assert wordpress.get_post(post["id"])["status"] == "draft"
    assert wordpress.count_posts("draft") >= 1
    time.sleep(1.05)  # modified_gmt has a 1-second resolution
    edited = wordpress.edit_post(post["id"], content="two")
    assert edited["modified_gmt"] != post["modified_gmt"]
    seen = requests.get(
        f"{wordpress.api_url}wp/v2/posts/{post['id']}",
        params={"context": "edit"},
        auth=(wordpress.user, wordpress.app_password),
        timeout=10,
    ).json()
    assert seen["content"]["raw"] == "two"
    wordpress.delete_post(post["id"], force=True)
    with pytest.raises(WordPressToolError, match="no post"):
        wordpress.get_post(post["id"])


@pytest.mark.parametrize("how", ["header", "site-wide"])
def test_plain_permalinks_only_answer_rest_route(wordpress: WordPressServer, how: str) -> None:
    headers = wordpress.switch_headers("plain-permalinks") if how == "header" else {}
    switch = wordpress.permalinks("plain") if how == "site-wide" else contextlib.nullcontext()
    with switch:
        link = requests.head(wordpress.url + "/", headers=headers, timeout=10).headers["Link"]
        assert "?rest_route=/" in link
        plain = requests.get(
            wordpress.url + "/wp-json/wp/v2/posts",
            headers=headers,
            timeout=10,
            allow_redirects=False,
        )
        assert plain.status_code == 301
        routed = requests.get(
            wordpress.url + "/?rest_route=/wp/v2/posts", headers=headers, timeout=10
        )
        assert routed.status_code == 200 and isinstance(routed.json(), list)
    link = requests.head(wordpress.url + "/", timeout=10).headers["Link"]
    assert "/wp-json/" in link


# --------------------------------------------------------------------------------- the proxy


@pytest.fixture
def proxy(wordpress: WordPressServer) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", wordpress.port) as p:
        yield p


def test_proxy_passes_through(wordpress: WordPressServer, proxy: FaultProxy) -> None:
    answer = requests.get(proxy.url + "/wp-json/", timeout=10)
    assert answer.status_code == 200
    assert "wp/v2" in answer.json()["namespaces"]


def test_proxy_refuses_then_listens_again(proxy: FaultProxy) -> None:
    proxy.refuse()
    with pytest.raises(requests.ConnectionError):
        requests.get(proxy.url + "/wp-json/", timeout=5)
    proxy.pass_through()
    assert requests.get(proxy.url + "/wp-json/", timeout=10).status_code == 200


def test_proxy_answers_500_without_reaching_the_server(
    wordpress: WordPressServer, proxy: FaultProxy
) -> None:
    proxy.respond(500)
    slug = f"harness-never-{time.time_ns()}"
    answer = requests.post(
        proxy.url + "/wp-json/wp/v2/posts",
        json={"title": "never", "slug": slug},
        auth=(wordpress.user, wordpress.app_password),
        timeout=10,
    )
    assert answer.status_code == 500
    assert "Internal Server Error" in answer.text
    assert _posts_with_slug(wordpress, slug) == []


def test_proxy_drops_the_response_after_the_server_commits(
    wordpress: WordPressServer, proxy: FaultProxy
) -> None:
    proxy.drop_response()
    slug = f"harness-dropped-{time.time_ns()}"
    with pytest.raises(requests.ConnectionError):
        requests.post(
            proxy.url + "/wp-json/wp/v2/posts",
            json={"title": "dropped answer", "slug": slug},
            auth=(wordpress.user, wordpress.app_password),
            timeout=10,
        )
    proxy.wait_idle()
    found = _posts_with_slug(wordpress, slug)  # the server did create it
    for post in found:
        wordpress.delete_post(post["id"], force=True)
    assert len(found) == 1


def _posts_with_slug(wordpress: WordPressServer, slug: str) -> list[dict[str, Any]]:
    answer = requests.get(
        wordpress.api_url + "wp/v2/posts",
        params={"slug": slug, "status": "any", "context": "edit"},
        auth=(wordpress.user, wordpress.app_password),
        timeout=10,
    )
    answer.raise_for_status()
    posts: list[dict[str, Any]] = answer.json()
    return posts


def test_proxy_stalls_an_upload_until_the_client_times_out(
    wordpress: WordPressServer, proxy: FaultProxy
) -> None:
    proxy.stall(after_bytes=1024)
    started = time.monotonic()
    with pytest.raises((requests.Timeout, requests.ConnectionError)):
        requests.post(
            proxy.url + "/wp-json/wp/v2/media",
            data=b"\0" * (8 << 20),
            headers={
                "Content-Type": "image/png",
                "Content-Disposition": 'attachment; filename="big.png"',
            },
            auth=(wordpress.user, wordpress.app_password),
            timeout=(2, 1.0),
        )
    assert time.monotonic() - started < 10


def test_proxy_refused_port_is_really_closed(proxy: FaultProxy) -> None:
    proxy.refuse()
    with (
        pytest.raises(ConnectionRefusedError),
        socket.create_connection(("127.0.0.1", proxy.port), timeout=2),
    ):
        pass


def test_unavailable_server_fails_with_or_without_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.servers.common import require_tool, unavailable

    # A person's run (no CI) must fail as CI's does: a skip would let make test pass untested.
    for ci in ("true", None):
        if ci is None:
            monkeypatch.delenv("CI", raising=False)
        else:
            monkeypatch.setenv("CI", ci)
        with pytest.raises(pytest.fail.Exception, match="WordPress test server is not available"):
            unavailable("WordPress", "no php")
    monkeypatch.setenv("PATH", "")
    with pytest.raises(pytest.fail.Exception, match="hugo is not installed"):
        require_tool("hugo")
