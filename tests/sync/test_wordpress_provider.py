"""The WordPress provider against a real WordPress on loopback (tests/servers/wordpress.sh)."""

from __future__ import annotations

import io
import logging
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import requests
from PIL import Image
from tests.servers.proxy import FaultProxy
from tests.servers.wordpress_fixture import WordPressServer

from blogdesk.sync.accounts.store import Account
from blogdesk.sync.http import make_session
from blogdesk.sync.provider import (
    ApiUnavailableError,
    AuthenticationError,
    BlogProvider,
    ForbiddenFileTypeError,
    NotFoundError,
    PermissionDeniedError,
    PostPayload,
    RateLimitedError,
    RequestTimeoutError,
    ResponseLostError,
    ServerError,
    SiteUnreachableError,
    SyncError,
)
from blogdesk.sync.providers.wordpress.provider import WordPressProvider

pytestmark = pytest.mark.wordpress


def unique(prefix: str = "bd") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def make_provider(
    url: str,
    user: str,
    secret: str,
    *,
    api_url: str | None = None,
    session: requests.Session | None = None,
) -> WordPressProvider:
    options = {"api_url": api_url} if api_url else {}
    account = Account.new("test", "wordpress", url, user, **options)
    return WordPressProvider(account, session or make_session(), secret)


@pytest.fixture
def wp(wordpress: WordPressServer) -> Iterator[WordPressProvider]:
    provider = make_provider(wordpress.url, wordpress.user, wordpress.app_password)
    yield provider
    provider._session.close()


@pytest.fixture
def trash_later(wordpress: WordPressServer) -> Iterator[list[str]]:
    """Post ids to delete for good after the test, through REST as the admin."""
    ids: list[str] = []
    yield ids
    with requests.Session() as s:
        s.auth = (wordpress.user, wordpress.app_password)
        for post_id in ids:
            s.delete(
                f"{wordpress.api_url}wp/v2/posts/{post_id}", params={"force": "true"}, timeout=30
            )


@pytest.fixture
def proxy(wordpress: WordPressServer) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", wordpress.port) as p:
        yield p


def proxied(
    wordpress: WordPressServer, proxy: FaultProxy, session: requests.Session | None = None
) -> WordPressProvider:
    return make_provider(
        proxy.url,
        wordpress.user,
        wordpress.app_password,
        api_url=proxy.url + "/wp-json/",
        session=session,
    )


def png_bytes(color: str = "red", size: tuple[int, int] = (32, 24), fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


# ------------------------------------------------------------------------------------ identity


def test_provider_fits_the_protocol_and_does_no_io_in_its_constructor() -> None:
    # An address nothing listens on: construction must still succeed (no I/O).
    provider = make_provider("http://127.0.0.1:9", "nobody", "secret")
    assert isinstance(provider, BlogProvider)
    assert provider.id == "wordpress"
    assert any(f.secret for f in provider.account_fields)
    assert "secret" not in repr(provider)


# ----------------------------------------------------------------------------------- discovery


def test_discover_with_pretty_permalinks(wordpress: WordPressServer) -> None:
    found = WordPressProvider.discover(make_session(), wordpress.url + "/")
    assert found.api_url == wordpress.url + "/wp-json/"
    assert found.site_url == wordpress.url
    assert found.site_name == "BlogDesk test site"
    assert found.app_passwords_available is True
    assert found.authorize_url == wordpress.url + "/wp-admin/authorize-application.php"
    assert found.options["profile_url"].startswith(wordpress.url + "/wp-admin/profile.php")
    assert found.timezone == "Europe/Paris"
    assert found.options["api_url"] == found.api_url


def test_discover_without_a_scheme_falls_back_to_http(wordpress: WordPressServer) -> None:
    found = WordPressProvider.discover(make_session(), wordpress.url.removeprefix("http://"))
    assert found.api_url == wordpress.url + "/wp-json/"
    assert any("plain http" in note for note in found.notes)


def switched(*switches: str, timeout: tuple[float, float] | None = None) -> requests.Session:
    """A session whose requests see the site configured otherwise (see wp-mu-plugin.php)."""
    session: requests.Session = make_session(timeout) if timeout else make_session()
    session.headers.update(WordPressServer.switch_headers(*switches))
    return session


def test_discover_with_plain_permalinks_uses_rest_route(
    wordpress: WordPressServer, trash_later: list[str]
) -> None:
    session = switched("plain-permalinks")
    gone = session.get(wordpress.api_url)  # /wp-json/ answers the front page now
    assert "namespaces" not in gone.text
    found = WordPressProvider.discover(session, wordpress.url)
    assert "rest_route=" in found.api_url
    assert any("rest_route" in note for note in found.notes)
    # The query-style root must work for real calls with their own parameters too.
    provider = make_provider(
        wordpress.url,
        wordpress.user,
        wordpress.app_password,
        api_url=found.api_url,
        session=session,
    )
    slug = unique("plain")
    made = provider.create_post(
        PostPayload(title="Plain", html="<p>p</p>", slug=slug, tags=("plain-permalinks",))
    )
    trash_later.append(made.remote_id)
    assert provider.find_post_by_slug(slug) is not None
    assert provider.get_post(made.remote_id).tags == ("plain-permalinks",)
    assert provider.list_posts(per_page=1).total >= 1


def test_discover_without_api_url_option_finds_it_lazily(wordpress: WordPressServer) -> None:
    provider = make_provider(
        wordpress.url, wordpress.user, wordpress.app_password, session=switched("plain-permalinks")
    )
    assert provider.verify().user_login == wordpress.user


def test_discover_an_html_site_that_is_not_wordpress(proxy: FaultProxy) -> None:
    proxy.respond(200, "<html><head><title>Shop</title></head><body>Hi</body></html>")
    with pytest.raises(ApiUnavailableError, match="no WordPress REST API"):
        WordPressProvider.discover(make_session(), proxy.url)


def test_discover_an_unreachable_site(proxy: FaultProxy) -> None:
    proxy.refuse()
    with pytest.raises(SiteUnreachableError, match="Cannot reach"):
        WordPressProvider.discover(make_session(), proxy.url)


def test_discover_when_the_rest_api_is_disabled(wordpress: WordPressServer) -> None:
    with pytest.raises(ApiUnavailableError, match="REST API is not available"):
        WordPressProvider.discover(switched("rest-disabled"), wordpress.url)


def test_no_application_passwords_is_reported_by_discover_and_verify(
    wordpress: WordPressServer,
) -> None:
    session = switched("no-app-passwords")
    found = WordPressProvider.discover(session, wordpress.url)
    assert found.app_passwords_available is False
    assert any("Application passwords are not available" in n for n in found.notes)
    provider = make_provider(
        wordpress.url,
        wordpress.user,
        wordpress.app_password,
        api_url=found.api_url,
        session=session,
    )
    with pytest.raises(ApiUnavailableError, match="does not accept application passwords"):
        provider.verify()


# -------------------------------------------------------------------------------------- verify


def test_verify_tells_who_we_are(wordpress: WordPressServer, wp: WordPressProvider) -> None:
    info = wp.verify()
    assert info.user_login == wordpress.user
    assert "administrator" in info.roles
    assert info.can_publish and info.can_upload
    assert info.timezone == "Europe/Paris"


def test_wrong_password_is_an_authentication_error(wordpress: WordPressServer) -> None:
    secret = "abcd EFGH ijkl MNOP qrst UVWX"
    provider = make_provider(wordpress.url, wordpress.user, secret)
    with pytest.raises(AuthenticationError, match="rejected the user name or application") as e:
        provider.verify()
    assert "abcd" not in str(e.value)
    with pytest.raises(AuthenticationError):
        provider.create_post(PostPayload(title="x", html="x"))


def test_revoked_app_password_is_an_authentication_error(wordpress: WordPressServer) -> None:
    password, app_uuid = wordpress.create_app_password(unique("revoke"))
    provider = make_provider(wordpress.url, wordpress.user, password)
    assert provider.verify().user_login == wordpress.user
    wordpress.revoke_app_password(app_uuid)
    with pytest.raises(AuthenticationError) as e:
        provider.verify()
    assert password not in str(e.value)


def test_a_subscriber_may_not_create_posts(wordpress: WordPressServer) -> None:
    login, password = wordpress.create_user("bd-subscriber", "subscriber")
    provider = make_provider(wordpress.url, login, password)
    info = provider.verify()
    assert not info.can_publish
    with pytest.raises(PermissionDeniedError, match="not allowed"):
        provider.create_post(PostPayload(title="x", html="x"))


# --------------------------------------------------------------------------------------- posts


def test_create_get_update_delete(
    wordpress: WordPressServer, wp: WordPressProvider, trash_later: list[str]
) -> None:
    slug = unique("crud")
    html = "<h2>Title</h2>\n<p>Body with <em>markup</em> &amp; “quotes”.</p>"
    made = wp.create_post(
        PostPayload(
            title="Crud post",
            html=html,
            slug=slug,
            tags=("crud", "Tag Two"),
            categories=("Notes",),
            excerpt="Short.",
            sticky=True,
            format="aside",
        )
    )
    trash_later.append(made.remote_id)
    assert made.status == "draft"
    assert made.html == html  # raw content round-trips byte for byte
    got = wp.get_post(made.remote_id)
    assert (got.title, got.slug, got.excerpt, got.sticky, got.format) == (
        "Crud post",
        slug,
        "Short.",
        True,
        "aside",
    )
    assert set(got.tags) == {"crud", "Tag Two"}
    assert got.categories == ("Notes",)
    assert got.modified_gmt == made.modified_gmt
    time.sleep(1.05)  # modified_gmt has a 1-second resolution
    updated = wp.update_post(
        made.remote_id,
        PostPayload(
            title="Crud post, edited",
            html="<p>new</p>",
            status="publish",
            slug=slug,
            tags=("crud",),
        ),
    )
    assert updated.status == "publish"
    assert updated.modified_gmt != made.modified_gmt
    assert updated.tags == ("crud",)
    assert updated.link.endswith(f"/{slug}/")
    assert wordpress.get_post(made.remote_id)["content"] == "<p>new</p>"
    wp.delete_post(made.remote_id)
    assert wp.get_post(made.remote_id).status == "trash"
    wp.delete_post(made.remote_id)  # already in the trash: no error
    with pytest.raises(NotFoundError):
        wp.get_post("987654321")


def test_server_side_edit_shows_in_modified_gmt(
    wordpress: WordPressServer, wp: WordPressProvider, trash_later: list[str]
) -> None:
    made = wp.create_post(PostPayload(title="Conflict", html="<p>mine</p>", slug=unique()))
    trash_later.append(made.remote_id)
    time.sleep(1.05)
    wordpress.edit_post(made.remote_id, content="<p>theirs</p>")
    now = wp.get_post(made.remote_id)
    assert now.html == "<p>theirs</p>"
    assert now.modified_gmt != made.modified_gmt


def test_schedule_in_the_future_sends_utc(wp: WordPressProvider, trash_later: list[str]) -> None:
    paris = ZoneInfo("Europe/Paris")
    when = (datetime.now(paris) + timedelta(days=3)).replace(microsecond=0)
    made = wp.create_post(
        PostPayload(title="Later", html="<p>l</p>", status="future", date=when, slug=unique())
    )
    trash_later.append(made.remote_id)
    assert made.status == "future"
    assert made.date_gmt == when.astimezone(UTC)


def test_near_future_schedule_becomes_publish(
    wp: WordPressProvider, trash_later: list[str]
) -> None:
    when = datetime.now(UTC) + timedelta(seconds=20)
    made = wp.create_post(
        PostPayload(title="Soon", html="<p>s</p>", status="future", date=when, slug=unique())
    )
    trash_later.append(made.remote_id)
    assert made.status == "publish"  # WordPress publishes what is due within ~60 s


def test_find_post_by_slug_in_any_status(wp: WordPressProvider, trash_later: list[str]) -> None:
    slug = unique("find")
    assert wp.find_post_by_slug(slug) is None
    made = wp.create_post(PostPayload(title="Find me", html="<p>f</p>", slug=slug))
    trash_later.append(made.remote_id)
    found = wp.find_post_by_slug(slug)
    assert found is not None and found.remote_id == made.remote_id and found.status == "draft"
    wp.delete_post(made.remote_id)
    trashed = wp.find_post_by_slug(slug)
    assert trashed is not None and trashed.status == "trash"


def test_list_posts_pages_through_everything(
    wordpress: WordPressServer, wp: WordPressProvider, trash_later: list[str]
) -> None:
    mine = set()
    for i in range(5):
        post = wordpress.create_post(title=f"List {i}", status="draft" if i % 2 else "publish")
        mine.add(str(post["id"]))
        trash_later.append(str(post["id"]))
    first = wp.list_posts(page=1, per_page=2)
    assert first.total_pages >= 3 and first.has_more
    seen = [p.remote_id for p in first.posts]
    page = first
    while page.has_more:
        page = wp.list_posts(page=page.page + 1, per_page=2)
        seen += [p.remote_id for p in page.posts]
    assert mine <= set(seen)
    assert len(seen) == len(set(seen)) == first.total
    beyond = wp.list_posts(page=first.total_pages + 1, per_page=2)
    assert beyond.posts == () and not beyond.has_more


# --------------------------------------------------------------------------------------- terms


def test_terms_are_found_or_created_by_name(
    wordpress: WordPressServer, wp: WordPressProvider
) -> None:
    name = unique("Tag")
    first = wp.ensure_terms("tag", [name, "  ", name])
    assert [t.name for t in first] == [name]
    again = make_provider(wordpress.url, wordpress.user, wordpress.app_password)
    assert again.ensure_terms("tag", [name.upper()])[0].remote_id == first[0].remote_id
    # Made behind our back after our list was loaded: the create answers term_exists.
    behind = unique("Behind")
    made = requests.post(
        f"{wordpress.api_url}wp/v2/categories",
        json={"name": behind},
        auth=(wordpress.user, wordpress.app_password),
        timeout=30,
    ).json()
    wp.list_terms("category")
    wp._terms_loaded.add("category")
    wp._terms["category"].pop(str(made["id"]), None)
    term = wp.ensure_terms("category", [behind])[0]
    assert term.remote_id == str(made["id"])
    assert any(t.name == "Uncategorized" for t in wp.list_terms("category"))


def test_term_names_with_html_characters(wp: WordPressProvider) -> None:
    name = f"Fish & Chips {uuid.uuid4().hex[:6]}"
    made = wp.ensure_terms("tag", [name])[0]
    assert made.name == name
    assert wp.ensure_terms("tag", [name])[0].remote_id == made.remote_id


# --------------------------------------------------------------------------------------- media


def test_upload_png_and_jpeg(wordpress: WordPressServer, wp: WordPressProvider) -> None:
    before = wordpress.count_media()
    data = png_bytes()
    png = wp.upload_media(data, "dot é.png", "image/png")
    assert png.mime == "image/png"
    assert requests.get(png.url, timeout=30).content == data
    jpeg = wp.upload_media(png_bytes("blue", fmt="JPEG"), "photo.jpg", "image/jpeg")
    assert jpeg.url.endswith(".jpg") and jpeg.mime == "image/jpeg"
    # >= rather than ==: other test sessions may share this server and upload meanwhile.
    assert wordpress.count_media() >= before + 2
    assert wordpress.get_post(png.remote_id)["type"] == "attachment"
    assert wordpress.get_post(jpeg.remote_id)["type"] == "attachment"
    post = wp.create_post(
        PostPayload(
            title="With image",
            html=f'<img src="{png.url}">',
            featured_media_id=png.remote_id,
            slug=unique(),
        )
    )
    assert post.featured_media_id == png.remote_id
    wp.delete_post(post.remote_id)


def test_forbidden_file_type(wp: WordPressProvider) -> None:
    with pytest.raises(ForbiddenFileTypeError, match="does not accept this type of file"):
        wp.upload_media(b"#!/bin/sh\necho hi\n", "script.sh", "application/x-sh")
    with pytest.raises(ForbiddenFileTypeError):
        wp.upload_media(b"not really a png", "fake.png", "image/png")


# ------------------------------------------------------------------------------ through a proxy


def test_server_error_500(wordpress: WordPressServer, proxy: FaultProxy) -> None:
    proxy.respond(500)
    with pytest.raises(ServerError, match="HTTP 500") as e:
        proxied(wordpress, proxy).create_post(PostPayload(title="x", html="x"))
    assert e.value.status == 500


def test_rate_limited_with_retry_after(wordpress: WordPressServer, proxy: FaultProxy) -> None:
    proxy.respond(429, "Too many", {"Retry-After": "7"})
    with pytest.raises(RateLimitedError) as e:
        proxied(wordpress, proxy).get_post("1")
    assert e.value.retry_after == 7


def test_html_page_instead_of_json(wordpress: WordPressServer, proxy: FaultProxy) -> None:
    proxy.respond(200, "<html><body>Please log in</body></html>")
    with pytest.raises(ServerError, match="web page instead of the WordPress API"):
        proxied(wordpress, proxy).get_post("1")


def test_refused_connection_is_unreachable(wordpress: WordPressServer, proxy: FaultProxy) -> None:
    proxy.refuse()
    with pytest.raises(SiteUnreachableError, match="Cannot reach"):
        proxied(wordpress, proxy).verify()


def test_stalled_upload_is_a_timeout(wordpress: WordPressServer, proxy: FaultProxy) -> None:
    proxy.stall(after_bytes=4096)
    provider = proxied(wordpress, proxy, session=make_session(timeout=(2.0, 1.5)))
    with pytest.raises(RequestTimeoutError, match=r"did not answer in time|too long"):
        provider.upload_media(b"\0" * (8 << 20), "big.png", "image/png")


def test_lost_answer_then_find_by_slug(
    wordpress: WordPressServer, proxy: FaultProxy, trash_later: list[str]
) -> None:
    proxy.drop_response()
    provider = proxied(wordpress, proxy)
    slug = unique("lost")
    with pytest.raises(ResponseLostError, match="may have done it"):
        provider.create_post(PostPayload(title="Lost", html="<p>l</p>", slug=slug))
    proxy.wait_idle()
    proxy.pass_through()
    found = provider.find_post_by_slug(slug)  # the server did create it: no second POST
    assert found is not None
    trash_later.append(found.remote_id)


def test_secret_never_in_errors_or_logs(
    wordpress: WordPressServer, proxy: FaultProxy, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secret = wordpress.app_password
    wrong = secret[::-1]
    errors: list[SyncError] = []
    attempts: list[Callable[[], object]] = [
        lambda: make_provider(wordpress.url, wordpress.user, wrong).verify(),
        lambda: proxied(wordpress, proxy).create_post(PostPayload(title="x", html="x")),
    ]
    proxy.respond(500)
    for attempt in attempts:
        with pytest.raises(SyncError) as e:
            attempt()
        errors.append(e.value)
    proxy.refuse()
    with pytest.raises(SyncError) as e:
        proxied(wordpress, proxy).upload_media(b"x", "a.png", "image/png")
    errors.append(e.value)
    assert caplog.records, "the provider and requests should have logged something"
    for err in errors:
        text = f"{err} {err!r} {err.__cause__!r} {err.__context__!r}"
        for s in (secret, wrong, "Authorization", "Basic "):
            assert s not in text
    for record in caplog.records:
        assert secret not in record.getMessage() and wrong not in record.getMessage()
