"""The Ghost provider against a real Ghost 5.130 on 127.0.0.1 (tests/servers/ghost.sh)."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import jwt
import pytest
import requests
from PIL import Image
from tests.servers.ghost_fixture import GhostServer, delete_integration, new_integration_key
from tests.servers.proxy import FaultProxy
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
    RequestRejectedError,
    ServerError,
    UnsupportedError,
)
from blogdesk.sync.providers.ghost.admin_api import make_token, parse_admin_key
from blogdesk.sync.providers.ghost.provider import GhostProvider
from blogdesk.sync.service import _default_factory

# The first test of a session on a fresh machine also installs Ghost (several minutes; CI should
# run `tests/servers/ghost.sh install` as its own step first).
pytestmark = pytest.mark.timeout(1500)


@pytest.fixture
def session() -> Iterator[requests.Session]:
    s = make_session()
    try:
        yield s
    finally:
        s.close()


def _account(url: str, **options: str) -> Account:
    return Account.new(unique("ghost"), "ghost", url, "", **options)


@pytest.fixture
def provider(ghost: GhostServer, session: requests.Session) -> GhostProvider:
    return GhostProvider(_account(ghost.url), session, ghost.admin_key)


def _slug(word: str) -> str:
    return unique(word).replace(" ", "-")


def _png(color: tuple[int, int, int] = (20, 120, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), color).save(out, "PNG")
    return out.getvalue()


# ---------------------------------------------------------------------- discovery, the key


def test_discovery_finds_the_admin_api(ghost: GhostServer, session: requests.Session) -> None:
    found = GhostProvider.discover(session, ghost.url)
    assert found.api_url == ghost.api_url
    assert found.site_name == "BlogDesk Ghost tests"
    assert found.options["ghost_version"].startswith("5.")


def test_discovery_of_a_site_that_is_not_ghost(
    ghost: GhostServer, session: requests.Session
) -> None:
    port = int(ghost.url.rsplit(":", 1)[1])
    with FaultProxy("127.0.0.1", port) as proxy:
        proxy.respond(404, "<html>just a web page</html>")
        with pytest.raises(ApiUnavailableError, match="No Ghost Admin API"):
            GhostProvider.discover(session, proxy.url)


def test_token_is_short_lived_and_names_the_key(ghost: GhostServer) -> None:
    key_id, secret = parse_admin_key(ghost.admin_key)
    token = make_token(key_id, secret)
    assert jwt.get_unverified_header(token)["kid"] == key_id
    claims = jwt.decode(token, secret, algorithms=["HS256"], audience="/admin/")
    assert 0 < claims["exp"] - claims["iat"] <= 300


def test_verify_with_the_integration_key(provider: GhostProvider) -> None:
    info = provider.verify()
    assert info.site_name == "BlogDesk Ghost tests"
    assert info.roles == ("integration",)


def test_wrong_key_gives_a_clear_message(ghost: GhostServer, session: requests.Session) -> None:
    key_id, _ = ghost.admin_key.split(":")
    wrong = f"{key_id}:{'ab' * 32}"
    with pytest.raises(AuthenticationError) as caught:
        GhostProvider(_account(ghost.url), session, wrong).verify()
    message = str(caught.value)
    assert "refused the Admin API key" in message and "Integrations" in message
    assert "ab" * 32 not in message


def test_malformed_key_is_refused_before_any_request(ghost: GhostServer) -> None:
    # Port 9 (discard) is never asked: the key is checked before anything is sent.
    with make_session() as own:
        with pytest.raises(AuthenticationError, match="no colon"):
            GhostProvider(_account("http://127.0.0.1:9"), own, "nonsense").verify()
        with pytest.raises(AuthenticationError, match="Content API key"):
            GhostProvider(
                _account("http://127.0.0.1:9"), own, "22444f78447824223cefc48062"
            ).verify()


def test_key_of_a_deleted_integration(ghost: GhostServer, session: requests.Session) -> None:
    integration_id, key = new_integration_key(ghost, unique("doomed"))
    provider = GhostProvider(_account(ghost.url), session, key)
    provider.verify()
    delete_integration(ghost, integration_id)
    with pytest.raises(AuthenticationError, match="integration was deleted"):
        provider.verify()


# ------------------------------------------------------------------------------------ posts


def test_publish_draft_published_and_scheduled(provider: GhostProvider, ghost: GhostServer) -> None:
    draft = provider.create_post(
        PostPayload(
            title=unique("Draft"),
            html="<p>Draft <strong>text</strong>.</p>",
            status="draft",
            slug=_slug("draft"),
            tags=("ghost-tests", "drafts"),
            excerpt="A short excerpt.",
        )
    )
    assert draft.status == "draft"
    stored = ghost.get_post(draft.remote_id)
    assert stored["status"] == "draft"
    assert "<strong>text</strong>" in stored["html"]
    assert stored["custom_excerpt"] == "A short excerpt."
    assert draft.tags == ("ghost-tests", "drafts")

    when = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
    live = provider.create_post(
        PostPayload(
            title=unique("Live"),
            html="<p>Out now.</p>",
            status="publish",
            date=when,
            slug=_slug("live"),
        )
    )
    assert live.status == "publish"
    assert live.date_gmt == when
    assert requests.get(live.link, timeout=30).status_code == 200

    later = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    planned = provider.create_post(
        PostPayload(title=unique("Planned"), html="<p>Soon.</p>", status="future", date=later)
    )
    assert planned.status == "future"
    assert planned.date_gmt == later
    assert ghost.get_post(planned.remote_id)["status"] == "scheduled"


def test_update_replaces_fields_and_tags(provider: GhostProvider, ghost: GhostServer) -> None:
    slug = _slug("upd")
    made = provider.create_post(
        PostPayload(
            title="Before", html="<p>old</p>", slug=slug, tags=("one", "two"), excerpt="old excerpt"
        )
    )
    changed = provider.update_post(
        made.remote_id,
        PostPayload(
            title="After",
            html="<h2>New</h2><p>new text</p>",
            status="publish",
            slug=slug,
            tags=("two", "three"),
            excerpt="",
        ),
    )
    assert (changed.title, changed.status, changed.slug) == ("After", "publish", slug)
    assert changed.tags == ("two", "three")
    assert changed.excerpt == ""
    stored = ghost.get_post(made.remote_id)
    assert "new text" in stored["html"] and "old" not in stored["html"]
    assert provider.find_post_by_slug(slug) == provider.get_post(made.remote_id)
    assert provider.find_post_by_slug(slug + "-none") is None


def test_edit_on_the_server_gives_a_conflict_not_an_overwrite(
    provider: GhostProvider, ghost: GhostServer
) -> None:
    made = provider.create_post(PostPayload(title="Mine", html="<p>my text</p>"))
    time.sleep(1.1)  # Ghost's updated_at has whole seconds: an edit within the same one is unseen
    ghost.edit_post(made.remote_id, title="Edited in Ghost")
    with pytest.raises(ConflictError) as caught:
        provider.update_post(made.remote_id, PostPayload(title="Mine v2", html="<p>v2</p>"))
    conflict = caught.value
    assert conflict.remote.title == "Edited in Ghost"
    assert ("title", "Mine v2", "Edited in Ghost") in {
        (d.field, d.local, d.remote) for d in conflict.field_diffs
    }
    assert ghost.get_post(made.remote_id)["title"] == "Edited in Ghost"  # nothing overwritten
    # Having seen the server's version, the author may overwrite it.
    provider.update_post(made.remote_id, PostPayload(title="Mine v2", html="<p>v2</p>"))
    assert ghost.get_post(made.remote_id)["title"] == "Mine v2"


def test_delete_and_errors(provider: GhostProvider) -> None:
    made = provider.create_post(PostPayload(title=unique("Gone soon"), html="<p>x</p>"))
    provider.delete_post(made.remote_id)
    with pytest.raises(NotFoundError):
        provider.get_post(made.remote_id)
    with pytest.raises(RequestRejectedError, match="Ghost said"):
        provider.create_post(PostPayload(title="x" * 300, html="<p>too long a title</p>"))
    with pytest.raises(UnsupportedError, match="pending"):
        provider.create_post(PostPayload(title="p", html="<p>x</p>", status="pending"))


def test_server_error_is_reported(ghost: GhostServer, session: requests.Session) -> None:
    port = int(ghost.url.rsplit(":", 1)[1])
    with FaultProxy("127.0.0.1", port) as proxy:
        proxy.respond(
            503,
            '{"errors":[{"message":"Down for maintenance","type":"X"}]}',
            headers={"Content-Type": "application/json"},
        )
        provider = GhostProvider(_account(proxy.url), session, ghost.admin_key)
        with pytest.raises(ServerError, match="Down for maintenance"):
            provider.verify()


def test_list_posts_pages(provider: GhostProvider) -> None:
    for number in range(3):
        provider.create_post(PostPayload(title=unique(f"List {number}"), html="<p>x</p>"))
    first = provider.list_posts(per_page=2)
    assert len(first.posts) == 2 and first.has_more and first.total >= 3
    second = provider.list_posts(page=2, per_page=2)
    assert {p.remote_id for p in first.posts}.isdisjoint({p.remote_id for p in second.posts})


def test_feature_image_upload(provider: GhostProvider, ghost: GhostServer) -> None:
    media = provider.upload_media(_png(), "cover photo.png", "image/png")
    assert media.url.startswith(ghost.url + "/content/images/")
    assert requests.get(media.url, timeout=30).content == _png()
    made = provider.create_post(
        PostPayload(title=unique("With cover"), html="<p>x</p>", featured_media_id=media.remote_id)
    )
    assert made.featured_media_id == media.url
    assert ghost.get_post(made.remote_id)["feature_image"] == media.url
    cleared = provider.update_post(
        made.remote_id, PostPayload(title="With cover", html="<p>x</p>", featured_media_id="")
    )
    assert cleared.featured_media_id is None


# ----------------------------------------------------------------------- through the service


def _stored_account(
    accounts: AccountStore, url: str, key: str, credentials: LayeredStore, **options: str
) -> Account:
    account = _account(url, **options)
    accounts.add(account)
    credentials.set(account.id, key)
    return account


def test_publish_with_a_featured_image_through_the_service(
    ghost: GhostServer,
    library: Library,
    credentials: LayeredStore,
    make_service: MakeService,
    accounts: AccountStore,
) -> None:
    account = _stored_account(accounts, ghost.url, ghost.admin_key, credentials)
    post = library.create(unique("Service"), "Body with **bold**.\n", tags=["svc"])
    image = library.media_dir_for(post.path) / "cover.png"
    image.parent.mkdir(parents=True, exist_ok=True)
    image.write_bytes(_png((1, 2, 3)))
    post.featured_image = str(image.relative_to(post.path.parent)) if post.path else ""
    library.save(post)
    with make_service(library) as service:
        result = service.publish(post.path, account, status="publish")
        assert result.created and result.uploaded == 1 and result.status == "publish"
        stored = ghost.get_post(result.remote_id)
        assert stored["feature_image"].startswith(ghost.url + "/content/images/")
        assert [t["name"] for t in stored.get("tags") or []] in ([], ["svc"])
        ghost.edit_post(result.remote_id, html="<p>Someone else's words.</p>")
        with pytest.raises(ConflictError):
            service.publish(post.path, account, status="publish")


class EditBetweenReadAndWrite:
    """Someone saves the post in Ghost right after BlogDesk read it for its own check."""

    def __init__(self, inner: BlogProvider, ghost: GhostServer) -> None:
        self.inner, self.ghost, self.armed = inner, ghost, False

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    def get_post(self, remote_id: str) -> RemotePost:
        post = self.inner.get_post(remote_id)
        if self.armed:
            self.armed = False
            time.sleep(1.1)  # updated_at has whole seconds
            self.ghost.edit_post(remote_id, title="Saved in Ghost meanwhile")
        return post


def test_ghosts_own_collision_check_closes_the_race(
    ghost: GhostServer,
    library: Library,
    credentials: LayeredStore,
    make_service: MakeService,
    accounts: AccountStore,
) -> None:
    account = _stored_account(accounts, ghost.url, ghost.admin_key, credentials)
    post = library.create(unique("Race"), "First.\n")
    wrappers: list[EditBetweenReadAndWrite] = []

    def factory(acc: Account, session: requests.Session, secret: str) -> BlogProvider:
        wrappers.append(EditBetweenReadAndWrite(_default_factory(acc, session, secret), ghost))
        return wrappers[-1]  # type: ignore[return-value]

    with make_service(library, provider_factory=factory) as service:
        first = service.publish(post.path, account)
        fresh = library.load(post.path)
        fresh.body = "Second.\n"
        library.save(fresh)
        wrappers[-1].armed = True
        with pytest.raises(ConflictError) as caught:
            service.publish(post.path, account)
        assert caught.value.remote.title == "Saved in Ghost meanwhile"
        assert ghost.get_post(first.remote_id)["title"] == "Saved in Ghost meanwhile"
        # The author chooses to overwrite the blog's version: the error knows post and account.
        assert caught.value.post_path == first.post_path
        resolved = service.resolve_conflict(caught.value, "overwrite")
    assert resolved.publish is not None and resolved.publish.remote_id == first.remote_id
    stored = ghost.get_post(first.remote_id)
    assert stored["title"] == post.title and "Second." in stored["html"]


class DropCreateAnswer:
    def __init__(self, inner: BlogProvider, proxy: FaultProxy) -> None:
        self.inner, self.proxy = inner, proxy

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    def create_post(self, payload: PostPayload) -> RemotePost:
        self.proxy.drop_response()
        # Ghost keeps connections alive, and the proxy picks its mode per connection: start anew.
        self.inner._session.close()  # type: ignore[attr-defined]
        try:
            return self.inner.create_post(payload)
        finally:
            self.proxy.pass_through()


def test_lost_create_answer_is_adopted_not_duplicated(
    ghost: GhostServer,
    library: Library,
    credentials: LayeredStore,
    make_service: MakeService,
    accounts: AccountStore,
) -> None:
    port = int(ghost.url.rsplit(":", 1)[1])
    with FaultProxy("127.0.0.1", port) as proxy:
        account = _stored_account(
            accounts,
            proxy.url,
            ghost.admin_key,
            credentials,
            api_url=proxy.url + "/ghost/api/admin/",
        )
        title = unique("Exactly once")
        post = library.create(title, "Only one of me.\n")

        def factory(acc: Account, session: requests.Session, secret: str) -> BlogProvider:
            return DropCreateAnswer(_default_factory(acc, session, secret), proxy)  # type: ignore[return-value]

        with make_service(library, provider_factory=factory) as service:
            result = service.publish(post.path, account, status="publish")
    assert result.adopted and not result.queued
    same = ghost.posts_titled(title)
    assert [p["id"] for p in same] == [result.remote_id]


def test_unpublish_delete_and_pull_through_the_service(
    ghost: GhostServer,
    library: Library,
    credentials: LayeredStore,
    make_service: MakeService,
    accounts: AccountStore,
) -> None:
    account = _stored_account(accounts, ghost.url, ghost.admin_key, credentials)
    post = library.create(unique("Lifecycle"), "Some *text*.\n", tags=["life"])
    with make_service(library) as service:
        made = service.publish(post.path, account, status="publish")
        assert ghost.get_post(made.remote_id)["status"] == "published"
        assert service.unpublish(post.path, account).status == "draft"
        assert ghost.get_post(made.remote_id)["status"] == "draft"
        # A post written in Ghost's editor comes into the library.
        with make_session() as own:
            other = GhostProvider(account, own, ghost.admin_key).create_post(
                PostPayload(title=unique("Written in Ghost"), html="<p>From <em>Ghost</em>.</p>")
            )
        pulled = service.pull(account, limit=5)
        assert len(pulled.created) >= 1
        texts = [library.load(rel).body for rel in pulled.created]
        assert any("From *Ghost*." in text or "From _Ghost_." in text for text in texts)
        service.delete_remote(post.path, account)
    with pytest.raises(requests.HTTPError):
        ghost.get_post(made.remote_id)  # Ghost deletes for good: there is no trash
    assert other.remote_id
