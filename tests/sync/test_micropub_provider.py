"""The Micropub provider against a real Micropub + IndieAuth server (django-indieweb on 127.0.0.1).

Sign-in goes through the server's real IndieAuth flow with PKCE: the test plays the author's
browser (signed in to the site, approving the consent form, following the redirect back to
BlogDesk's one-shot loopback listener).
"""

from __future__ import annotations

import io
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import requests
from PIL import Image
from tests.servers.micropub_fixture import MicropubServer
from tests.servers.proxy import FaultProxy
from tests.sync.conftest import MakeService, unique

from blogdesk.core.library.library import Library
from blogdesk.sync.accounts import indieauth
from blogdesk.sync.accounts.credentials import LayeredStore
from blogdesk.sync.accounts.store import Account, AccountStore
from blogdesk.sync.http import make_session
from blogdesk.sync.provider import (
    ApiUnavailableError,
    AuthenticationError,
    BlogProvider,
    NotFoundError,
    PermissionDeniedError,
    PostPayload,
    RemotePost,
)
from blogdesk.sync.providers.micropub.provider import MicropubProvider, slug_of_url
from blogdesk.sync.service import _default_factory


@pytest.fixture(scope="module")
def token(micropub_server: MicropubServer) -> str:
    return micropub_server.mint_token("create update delete media")


@pytest.fixture
def session() -> Iterator[requests.Session]:
    s = make_session()
    try:
        yield s
    finally:
        s.close()


def _account(server: MicropubServer, **options: str) -> Account:
    return Account.new(unique("mp"), "micropub", server.url, "", **options)


@pytest.fixture
def provider(
    micropub_server: MicropubServer, token: str, session: requests.Session
) -> MicropubProvider:
    return MicropubProvider(_account(micropub_server), session, token)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


# ------------------------------------------------------------------------------ discovery


def test_discovery_from_link_elements(
    micropub_server: MicropubServer, session: requests.Session
) -> None:
    found = MicropubProvider.discover(session, micropub_server.url + "/")
    assert found.api_url == micropub_server.micropub_url
    assert found.options["authorization_endpoint"] == micropub_server.url + "/indieweb/auth/"
    assert found.options["token_endpoint"] == micropub_server.url + "/indieweb/token/"
    assert found.site_name == "BlogDesk Micropub test site"


def test_discovery_from_link_header_and_indieauth_metadata(
    micropub_server: MicropubServer, session: requests.Session
) -> None:
    found = indieauth.discover(session, micropub_server.url + "/header-only/")
    assert found.micropub == micropub_server.micropub_url
    # Only the metadata document names these two here: it was fetched and read.
    assert found.authorization.endswith("/indieweb/auth/")
    assert found.token.endswith("/indieweb/token/")
    assert "S256" in found.pkce_methods


def test_site_without_micropub_is_refused_clearly(
    micropub_server: MicropubServer, session: requests.Session
) -> None:
    with pytest.raises(ApiUnavailableError, match="no Micropub endpoint"):
        indieauth.discover(session, micropub_server.url + "/login/")


# -------------------------------------------------------------------------------- sign-in


def _sign_in(server: MicropubServer, session: requests.Session) -> tuple[indieauth.SignIn, str]:
    sign_in = indieauth.SignIn(session, indieauth.discover(session, server.url + "/"))
    url = sign_in.start()
    assert "code_challenge_method=S256" in url
    return sign_in, server.approve(url)


def test_indieauth_sign_in_with_pkce_gives_a_working_token(
    micropub_server: MicropubServer, session: requests.Session
) -> None:
    sign_in, back = _sign_in(micropub_server, session)
    assert back.startswith(sign_in.redirect_uri + "?")
    # The author's browser follows the redirect to BlogDesk's loopback listener.
    page = requests.get(back, timeout=10)
    assert "signed in" in page.text
    grant = sign_in.wait(timeout=10)
    assert grant.access_token
    assert "create" in grant.scope.split()
    assert grant.access_token not in repr(grant)
    info = MicropubProvider(_account(micropub_server), session, grant.access_token).verify()
    assert info.user_id.startswith(micropub_server.url)


def test_sign_in_helper_opens_the_page_and_returns_the_token(
    micropub_server: MicropubServer,
) -> None:
    opened: list[str] = []

    def browser(url: str) -> None:  # the author approves in the browser, which comes back
        opened.append(url)

        def approve() -> None:
            requests.get(micropub_server.approve(url), timeout=10)

        threading.Thread(target=approve, daemon=True).start()

    grant = indieauth.sign_in(micropub_server.url + "/", open_url=browser, timeout=30)
    assert len(opened) == 1 and opened[0].startswith(micropub_server.url + "/indieweb/auth/?")
    assert grant.me.startswith(micropub_server.url)
    with make_session() as own:
        provider = MicropubProvider(_account(micropub_server), own, grant.access_token)
        assert provider.config()["media-endpoint"] == micropub_server.media_url


def test_sign_in_answer_with_a_wrong_state_is_refused(
    micropub_server: MicropubServer, session: requests.Session
) -> None:
    sign_in, back = _sign_in(micropub_server, session)
    forged = back.replace("state=", "state=x")
    requests.get(forged, timeout=10)
    with pytest.raises(AuthenticationError, match="state"):
        sign_in.wait(timeout=10)


def test_a_me_on_another_site_must_use_the_same_sign_in_server(
    micropub_server: MicropubServer, session: requests.Session
) -> None:
    sign_in = indieauth.SignIn(session, indieauth.discover(session, micropub_server.url + "/"))
    sign_in._check_me(micropub_server.url + "/posts/anything/")  # same site: fine
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        elsewhere = f"http://127.0.0.1:{unused.getsockname()[1]}/"
    with pytest.raises(AuthenticationError, match="same sign-in server"):
        sign_in._check_me(elsewhere)


def test_a_code_is_useless_without_the_pkce_verifier(
    micropub_server: MicropubServer, session: requests.Session
) -> None:
    sign_in, back = _sign_in(micropub_server, session)
    sign_in.close()
    code = back.split("code=")[1].split("&")[0]
    sign_in._verifier = "x" * 50  # someone who intercepted the code lacks the verifier
    with pytest.raises(AuthenticationError, match="refused the sign-in"):
        sign_in.exchange(requests.utils.unquote(code))


# ---------------------------------------------------------------------------------- posts


def test_create_read_back_update_delete(
    provider: MicropubProvider, micropub_server: MicropubServer
) -> None:
    slug = unique("hello").replace(" ", "-")
    created = provider.create_post(
        PostPayload(
            title="Hello Micropub",
            html="<p>First <em>words</em>.</p>",
            status="draft",
            slug=slug,
            tags=("one", "two"),
            categories=("news",),
            excerpt="Short.",
        )
    )
    assert created.remote_id == f"{micropub_server.url}/posts/{slug}/"
    assert created.status == "draft"
    assert created.html == "<p>First <em>words</em>.</p>"
    assert set(created.tags) == {"one", "two", "news"}
    assert created.excerpt == "Short."
    stored = micropub_server.stored_posts()[slug]["properties"]
    assert stored["post-status"] == ["draft"]
    assert stored["content"] == [{"html": "<p>First <em>words</em>.</p>"}]
    assert stored["name"] == ["Hello Micropub"]

    updated = provider.update_post(
        created.remote_id,
        PostPayload(title="Hello again", html="<p>Changed.</p>", status="publish", slug=slug),
    )
    assert updated.remote_id == created.remote_id
    assert (updated.title, updated.html, updated.status) == (
        "Hello again",
        "<p>Changed.</p>",
        "publish",
    )
    assert updated.tags == ()  # replaced by nothing: removed
    assert "summary" not in micropub_server.stored_posts()[slug]["properties"]
    assert provider.get_post(created.remote_id).title == "Hello again"

    provider.delete_post(created.remote_id)
    assert slug in micropub_server.stored_posts(deleted=True)
    with pytest.raises(NotFoundError):
        provider.get_post(created.remote_id)


def test_published_date_and_future_date(provider: MicropubProvider) -> None:
    past = datetime(2024, 5, 1, 10, 30, tzinfo=UTC)
    post = provider.create_post(
        PostPayload(title=unique("dated"), html="<p>x</p>", status="publish", date=past)
    )
    assert post.date_gmt == past
    assert post.status == "publish"
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
    post = provider.update_post(
        post.remote_id, PostPayload(title="dated", html="<p>x</p>", status="future", date=later)
    )
    assert post.status == "future"
    assert post.date_gmt == later


def test_q_config_names_the_media_endpoint(
    provider: MicropubProvider, micropub_server: MicropubServer
) -> None:
    config = provider.config()
    assert config["media-endpoint"] == micropub_server.media_url
    assert "source" in config["q"]
    assert provider.destinations() == []  # a single-blog server has no destination list


def test_media_upload(provider: MicropubProvider, micropub_server: MicropubServer) -> None:
    media = provider.upload_media(_png(), "red dot.png", "image/png")
    assert media.url.startswith(micropub_server.url + "/media/")
    assert media.remote_id == media.url
    assert requests.get(media.url, timeout=10).content == _png()
    assert len(micropub_server.media_files()) >= 1


def test_list_and_find_by_slug(provider: MicropubProvider) -> None:
    slug = unique("findme").replace(" ", "-")
    made = provider.create_post(PostPayload(title="Find me", html="<p>x</p>", slug=slug))
    found = provider.find_post_by_slug(slug)
    assert found is not None and found.remote_id == made.remote_id
    assert provider.find_post_by_slug(slug + "-nothing") is None
    for number in range(2):
        provider.create_post(PostPayload(title=f"More {number}", html="<p>x</p>"))
    page = provider.list_posts(per_page=2)
    assert len(page.posts) == 2
    assert page.has_more
    rest = provider.list_posts(page=2, per_page=2)
    assert {p.remote_id for p in rest.posts}.isdisjoint({p.remote_id for p in page.posts})


def test_wrong_token_gives_a_clear_message(
    micropub_server: MicropubServer, session: requests.Session
) -> None:
    bad = "not-a-real-token-12345"
    provider = MicropubProvider(_account(micropub_server), session, bad)
    with pytest.raises(AuthenticationError) as caught:
        provider.verify()
    message = str(caught.value)
    assert "refused the token" in message and "App tokens" in message
    assert bad not in message


def test_token_without_the_scope_says_so(
    micropub_server: MicropubServer, session: requests.Session
) -> None:
    reader = MicropubProvider(
        _account(micropub_server), session, micropub_server.mint_token("update")
    )
    with pytest.raises((PermissionDeniedError, AuthenticationError)):
        reader.create_post(PostPayload(title="nope", html="<p>x</p>"))


def test_slug_of_url() -> None:
    assert slug_of_url("https://x.micro.blog/2024/05/01/hello.html") == "hello"
    assert slug_of_url("http://127.0.0.1:8000/posts/hello-2/") == "hello-2"


# ----------------------------------------------------------------- lost answer: no duplicate


class DropCreateAnswer:
    """The create reaches the server, but its answer never comes back (FaultProxy)."""

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


def test_lost_create_answer_is_found_not_sent_twice(
    micropub_server: MicropubServer,
    token: str,
    library: Library,
    credentials: LayeredStore,
    make_service: MakeService,
    accounts: AccountStore,
) -> None:
    port = int(micropub_server.url.rsplit(":", 1)[1])
    with FaultProxy("127.0.0.1", port) as proxy:
        account = Account.new(
            unique("mp"),
            "micropub",
            micropub_server.url,
            "",
            micropub_endpoint=proxy.url + "/indieweb/micropub/",
        )
        accounts.add(account)
        credentials.set(account.id, token)
        title = unique("Exactly once")
        post = library.create(title, "Only one of me.\n")

        def factory(acc: Account, session: requests.Session, secret: str) -> BlogProvider:
            return DropCreateAnswer(_default_factory(acc, session, secret), proxy)  # type: ignore[return-value]

        with make_service(library, provider_factory=factory) as service:
            result = service.publish(post.path, account, status="publish")
    assert result.adopted and not result.queued
    same = [
        e for e in micropub_server.stored_posts().values() if e["properties"]["name"] == [title]
    ]
    assert len(same) == 1
    assert result.remote_id == same[0]["properties"]["url"][0]


def test_publish_through_the_service(
    micropub_server: MicropubServer,
    token: str,
    library: Library,
    credentials: LayeredStore,
    make_service: MakeService,
    accounts: AccountStore,
) -> None:
    account = Account.new(unique("mp"), "micropub", micropub_server.url, "")
    accounts.add(account)
    credentials.set(account.id, token)
    post = library.create(unique("Service post"), "Some *text*.\n", tags=["a"])
    with make_service(library) as service:
        first = service.publish(post.path, account, status="draft")
        assert first.created and first.status == "draft"
        again = service.publish(post.path, account, status="publish")
    assert again.remote_id == first.remote_id and again.status == "publish"
    state = library.load(post.path).sync_state(account.id)
    assert state["remote_id"] == first.remote_id


def test_listener_only_accepts_its_callback_path(
    micropub_server: MicropubServer, session: requests.Session
) -> None:
    sign_in = indieauth.SignIn(session, indieauth.discover(session, micropub_server.url + "/"))
    sign_in.start()
    base = sign_in.redirect_uri.rsplit("/", 1)[0]
    assert requests.get(base + "/other", timeout=5).status_code == 404
    done = threading.Event()

    def cancel() -> bool:
        return done.is_set()

    done.set()
    with pytest.raises(AuthenticationError, match="not completed"):
        sign_in.wait(timeout=5, cancelled=cancel)
