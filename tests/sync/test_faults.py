"""Publishing through a fault proxy in front of the real WordPress: bad passwords, server errors,
lost answers, an unreachable site (outbox, delivered exactly once), a stalled upload."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
import requests
from PIL import Image
from tests.servers.proxy import FaultProxy
from tests.servers.wordpress_fixture import WordPressServer
from tests.sync.conftest import MakeService, unique

from blogdesk.core.library.library import Library
from blogdesk.core.progress import Cancelled, CancelToken, Progress
from blogdesk.sync.accounts.credentials import LayeredStore
from blogdesk.sync.accounts.store import Account, AccountStore
from blogdesk.sync.http import make_session
from blogdesk.sync.provider import (
    AuthenticationError,
    BlogProvider,
    PostPayload,
    RemotePost,
    ServerError,
)
from blogdesk.sync.service import _default_factory

pytestmark = pytest.mark.wordpress


@pytest.fixture
def proxy(wordpress: WordPressServer) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", wordpress.port) as p:
        yield p


def _account(
    accounts: AccountStore,
    proxy: FaultProxy,
    wordpress: WordPressServer,
    credentials: LayeredStore,
    secret: str | None = None,
) -> Account:
    account = Account.new(
        unique("proxied"), "wordpress", proxy.url, wordpress.user, api_url=proxy.url + "/wp-json/"
    )
    accounts.add(account)
    credentials.set(account.id, secret if secret is not None else wordpress.app_password)
    return account


def _posts_titled(wordpress: WordPressServer, title: str) -> list[dict[str, object]]:
    """Posts with this exact title, asked of the server directly (not through the proxy)."""
    answer = requests.get(
        f"{wordpress.url}/wp-json/wp/v2/posts",
        params={"search": title, "status": "any", "context": "edit", "per_page": 100},
        auth=(wordpress.user, wordpress.app_password),
        timeout=30,
    )
    answer.raise_for_status()
    return [p for p in answer.json() if p["title"]["raw"] == title]


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), "green").save(buffer, "PNG")
    return buffer.getvalue()


def test_wrong_app_password(
    library: Library,
    credentials: LayeredStore,
    proxy: FaultProxy,
    wordpress: WordPressServer,
    make_service: MakeService,
    accounts: AccountStore,
) -> None:
    wrong = "abcd efgh ijkl mnop qrst uvwx"
    account = _account(accounts, proxy, wordpress, credentials, secret=wrong)
    post = library.create(unique("Nope"), "x\n")
    with (
        make_service(library) as service,
        pytest.raises(AuthenticationError) as caught,
    ):
        service.publish(post.path, account)
    assert wrong not in str(caught.value) and "abcd" not in str(caught.value)
    assert service.outbox.jobs() == []  # a refused password is not "offline"


def test_revoked_app_password(
    library: Library,
    credentials: LayeredStore,
    proxy: FaultProxy,
    wordpress: WordPressServer,
    make_service: MakeService,
    accounts: AccountStore,
) -> None:
    secret, uuid = wordpress.create_app_password(unique("revoke-me"), user=wordpress.user)
    account = _account(accounts, proxy, wordpress, credentials, secret=secret)
    post = library.create(unique("Revoked"), "x\n")
    with make_service(library) as service:
        assert service.publish(post.path, account).remote_id
        wordpress.revoke_app_password(uuid, user=wordpress.user)
        with pytest.raises(AuthenticationError):
            service.publish(post.path, account)


def test_server_error_is_reported_not_queued(
    library: Library,
    credentials: LayeredStore,
    proxy: FaultProxy,
    wordpress: WordPressServer,
    make_service: MakeService,
    accounts: AccountStore,
) -> None:
    account = _account(accounts, proxy, wordpress, credentials)
    post = library.create(unique("Broken server"), "x\n")
    proxy.respond(500)
    with make_service(library) as service:
        with pytest.raises(ServerError):
            service.publish(post.path, account)
        assert service.pending_for(post.path) == []


class DropCreateAnswer:
    """Wraps the real provider: the create's answer is dropped after the server committed it;
    then the proxy does `after` (pass through, or refuse: the site goes away)."""

    def __init__(self, inner: BlogProvider, proxy: FaultProxy, after: str) -> None:
        self.inner, self.proxy, self.after = inner, proxy, after

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    def create_post(self, payload: PostPayload) -> RemotePost:
        self.proxy.drop_response()
        try:
            return self.inner.create_post(payload)
        finally:
            getattr(self.proxy, self.after)()


@pytest.mark.parametrize("after", ["pass_through", "refuse"])
def test_lost_create_answer_gives_exactly_one_post(
    library: Library,
    credentials: LayeredStore,
    proxy: FaultProxy,
    wordpress: WordPressServer,
    after: str,
    make_service: MakeService,
    accounts: AccountStore,
) -> None:
    account = _account(accounts, proxy, wordpress, credentials)
    title = unique("Exactly once")
    post = library.create(title, "Only one of me.\n")

    def factory(acc: Account, session: requests.Session, secret: str) -> BlogProvider:
        return DropCreateAnswer(_default_factory(acc, session, secret), proxy, after)  # type: ignore[return-value]

    with make_service(library, provider_factory=factory) as service:
        result = service.publish(post.path, account, status="publish")
        if after == "refuse":  # the lookup could not run: queued with the chosen slug
            assert result.queued
            assert len(service.pending_for(post.path)) == 1
            assert library.load(post.path).sync_state(account.id)["creating"] is True
            proxy.pass_through()
            flushed = service.flush_outbox(force=True)
            assert len(flushed.sent) == 1
            result = flushed.sent[0]
        assert result.adopted
        assert result.remote_id
    found = _posts_titled(wordpress, title)
    assert len(found) == 1
    assert str(found[0]["id"]) == result.remote_id
    state = library.load(post.path).sync_state(account.id)
    assert state["remote_id"] == result.remote_id and "creating" not in state


def test_unreachable_site_goes_to_the_outbox_and_is_delivered_once(
    library: Library,
    credentials: LayeredStore,
    proxy: FaultProxy,
    wordpress: WordPressServer,
    make_service: MakeService,
    accounts: AccountStore,
) -> None:
    account = _account(accounts, proxy, wordpress, credentials)
    title = unique("Offline")
    post = library.create(title, "Written on a train.\n")
    proxy.refuse()
    with make_service(library) as service:
        result = service.publish(post.path, account, status="publish")
        assert result.queued
        [job] = service.pending_for(post.path)
        assert job.action == "publish" and job.options["status"] == "publish"
        [info] = service.sync_info(post.path)
        assert info.account_name == account.name and info.pending == "publish"
        assert info.remote_id == "" and info.needs_attention == ""
        assert _posts_titled(wordpress, title) == []
        # Still offline: the flush backs off and keeps the job.
        still = service.flush_outbox(force=True)
        assert still.sent == () and still.still_waiting == 1
        assert service.outbox.jobs()[0].attempts == 2
    proxy.pass_through()
    with make_service(library) as restarted:  # "at next start"
        flushed = restarted.flush_outbox(force=True)
        assert [r.post_path for r in flushed.sent] == [restarted.rel_path(post.path)]
        assert restarted.pending_for(post.path) == []
        assert restarted.flush_outbox(force=True).sent == ()
        [info] = restarted.sync_info(post.path)
        assert info.pending == "" and info.status == "publish" and info.link
    assert len(_posts_titled(wordpress, title)) == 1
    assert library.load(post.path).status == "published"


def test_stalled_upload_times_out_then_goes_out_once(
    library: Library,
    credentials: LayeredStore,
    proxy: FaultProxy,
    wordpress: WordPressServer,
    make_service: MakeService,
    accounts: AccountStore,
) -> None:
    account = _account(accounts, proxy, wordpress, credentials)
    (library.root / "media").mkdir(exist_ok=True)
    (library.root / "media" / "big.png").write_bytes(_png())
    title = unique("Stalled")
    post = library.create(title, "![pic](media/big.png)\n")
    proxy.stall(after_bytes=100)
    with make_service(library, session_factory=lambda: make_session((2.0, 2.0))) as service:
        result = service.publish(post.path, account)
        assert result.queued
        assert service.ledger.entries(account.id) == []
        proxy.pass_through()
        flushed = service.flush_outbox(force=True)
        assert len(flushed.sent) == 1 and flushed.sent[0].uploaded == 1
    assert len(_posts_titled(wordpress, title)) == 1


def test_cancel_between_uploads(
    library: Library,
    credentials: LayeredStore,
    proxy: FaultProxy,
    wordpress: WordPressServer,
    make_service: MakeService,
    accounts: AccountStore,
) -> None:
    account = _account(accounts, proxy, wordpress, credentials)
    media = library.root / "media"
    media.mkdir(exist_ok=True)
    tag = unique("c")[-6:]
    for n in range(3):
        buffer = io.BytesIO()
        Image.new("RGB", (8, 8 + n), f"#{tag}").save(buffer, "PNG")
        (media / f"{tag}-{n}.png").write_bytes(buffer.getvalue())
    post = library.create(
        unique("Cancelled"), "".join(f"![p](media/{tag}-{n}.png)\n\n" for n in range(3))
    )
    token = CancelToken()
    seen: list[Progress] = []

    def progress(step: Progress) -> None:
        seen.append(step)
        if step.stage == "upload" and step.done == 1:
            token.cancel()  # the window's Cancel button, pressed during the second upload

    with make_service(library) as service:
        with pytest.raises(Cancelled):
            service.publish(post.path, account, progress=progress, cancel=token)
        assert len(service.ledger.entries(account.id)) == 2
        assert "remote_id" not in library.load(post.path).sync_state(account.id)


def test_a_queued_job_that_meets_a_conflict_waits_for_the_author(
    library: Library,
    credentials: LayeredStore,
    proxy: FaultProxy,
    wordpress: WordPressServer,
    make_service: MakeService,
    accounts: AccountStore,
) -> None:
    account = _account(accounts, proxy, wordpress, credentials)
    post = library.create(unique("Queued conflict"), "One.\n")
    with make_service(library) as service:
        first = service.publish(post.path, account)
        wordpress.edit_post(first.remote_id, content="<p>Changed on the blog.</p>")
        post = library.load(post.path)
        post.body = "Changed here.\n"
        library.save(post)
        proxy.refuse()
        assert service.publish(post.path, account).queued
        proxy.pass_through()
        flushed = service.flush_outbox(force=True)
        assert flushed.sent == () and len(flushed.failed) == 1
        assert "changed on the blog" in flushed.failed[0]
        [job] = service.pending_for(post.path)
        assert job.needs_attention
        assert service.flush_outbox(force=True).failed == ()  # not retried by itself
    assert "Changed on the blog." in wordpress.get_post(first.remote_id)["content"]
