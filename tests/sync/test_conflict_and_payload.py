"""Pure pieces: HTML normalisation, fingerprints, conflict diffs, status/date rules, accounts."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blogdesk.core.post.post import Post
from blogdesk.sync.accounts.store import Account, AccountError, AccountStore
from blogdesk.sync.provider import PostPayload, RemotePost
from blogdesk.sync.publish import changes
from blogdesk.sync.publish import post_fields as pl


def _remote(**fields: object) -> RemotePost:
    base: dict[str, object] = dict(
        remote_id="7",
        link="http://b/?p=7",
        title="T",
        html="<p>Hello</p>",
        status="draft",
        date_gmt=None,
        modified_gmt="2026-01-01T00:00:00",
        slug="t",
    )
    base.update(fields)
    return RemotePost(**base)  # type: ignore[arg-type]


def test_normalize_html_ignores_insignificant_differences() -> None:
    a = '<p class="x" id="y">Hello   <b>world</b></p>\n<br>\n<img src="a.png" alt="">'
    b = '<p id=\'y\' class="x">Hello\n<b>world</b></p><br /><img alt="" src="a.png"/>'
    assert changes.normalize_html(a) == changes.normalize_html(b)
    amp = changes.normalize_html("<p>a &amp; b</p>")
    assert amp == changes.normalize_html("<p>a &#38; b</p>")
    assert changes.normalize_html("<p>Hello</p>") != changes.normalize_html("<p>Hallo</p>")
    # Whitespace inside <pre> matters.
    assert changes.normalize_html("<pre>a  b</pre>") != changes.normalize_html("<pre>a b</pre>")


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_normalize_html_is_idempotent(text: str) -> None:
    # Normalised HTML is already normal: comparing normalised forms would otherwise depend on
    # how many times a value went through it (the stored hash and the fresh one must agree).
    once = changes.normalize_html(text)
    assert changes.normalize_html(once) == once


@given(
    st.lists(
        st.sampled_from(
            ["<p>", "</p>", "<b>", "</b>", "<pre>", "</pre>", "<br>", "<br />", "&amp;"]
        )
        | st.sampled_from(['<img src="a.png" alt="">', "<p class='x' id=y>", "  ", "\n", "\r\n"])
        | st.text(alphabet="ab &;#\n", max_size=6),
        max_size=25,
    ).map("".join)
)
def test_normalize_html_is_idempotent_on_markup(text: str) -> None:
    # Arbitrary text rarely forms tags; this draws well-formed markup, the kind the normaliser
    # actually rewrites (tags, attributes, entities, whitespace, <pre>).
    once = changes.normalize_html(text)
    assert changes.normalize_html(once) == once


# Found by the property above when it drew free text inside tags: an attribute value holding
# a quote, and text decoding to markup, were written back unescaped.
def test_normalize_html_is_idempotent_on_a_malformed_attribute() -> None:
    for source in ('<a/;=;"<p>', "<p>&lt;p&gt;x&amp;amp;</p>", "<pre>&lt;b&gt;</pre>"):
        once = changes.normalize_html(source)
        assert changes.normalize_html(once) == once, source


def test_remote_hash_ignores_status_and_time_but_not_content() -> None:
    base = _remote()
    assert changes.remote_hash(base) == changes.remote_hash(
        _remote(status="publish", modified_gmt="2027-01-01T00:00:00", html="<p>Hello</p>\n")
    )
    assert changes.remote_hash(base) != changes.remote_hash(_remote(html="<p>Hi</p>"))
    assert changes.remote_hash(base) != changes.remote_hash(_remote(tags=("x",)))
    payload = PostPayload(title="T", html="<p>Hello</p>", slug="t")
    assert changes.expected_remote_hash(payload) == changes.remote_hash(base)


def test_text_diff_and_field_diffs() -> None:
    local = PostPayload(
        title="Mine", html="<p>Line one.</p>\n<p>Local line.</p>", slug="t", tags=("a",)
    )
    remote = _remote(title="Theirs", html="<p>Line one.</p>\n<p>Blog line.</p>", tags=("b",))
    diff = changes.text_diff(local.html, remote.html)
    assert "--- on the blog" in diff and "+++ on this computer" in diff
    assert "-Blog line." in diff and "+Local line." in diff
    fields = {d.field: d for d in changes.field_diffs(local, remote)}
    assert fields["title"].local == "Mine" and fields["title"].remote == "Theirs"
    assert fields["tags"].local == "a" and fields["tags"].remote == "b"
    assert "body" in fields
    assert "slug" not in fields


def test_readback_differences_are_reported() -> None:
    sent = PostPayload(
        title="T", html="<p>Hello <script>x()</script></p>", slug="t", tags=("keep", "lost")
    )
    stored = _remote(html="<p>Hello x()</p>", tags=("keep",), slug="t-2")
    notes = changes.readback_differences(sent, stored)
    assert any("stored the post's text differently" in n for n in notes)
    assert any("'t-2'" in n for n in notes)
    assert any("lost" in n for n in notes)
    assert changes.readback_differences(sent, _remote(html=sent.html, tags=sent.tags)) == []


def test_source_hash_ignores_sync_state() -> None:
    post = Post.new("Title", "Body\n", tags=["a"])
    before = changes.source_hash(post)
    post.set_sync_state("acc", {"remote_id": "1"})
    assert changes.source_hash(post) == before
    post.body = "Other\n"
    assert changes.source_hash(post) != before


# ---------------------------------------------------------------------------------- payload


@pytest.mark.parametrize(
    ("local", "requested", "expected"),
    [
        ("draft", None, "draft"),
        ("published", None, "publish"),
        ("scheduled", None, "future"),
        ("private", None, "private"),
        ("pending", None, "pending"),
        ("draft", "publish", "publish"),
        ("published", "draft", "draft"),
    ],
)
def test_remote_status(local: str, requested: str | None, expected: str) -> None:
    post = Post.new("T", "", status=local)
    assert pl.remote_status(post, requested) == expected


def test_unknown_requested_status_is_refused() -> None:
    with pytest.raises(ValueError, match="not a status"):
        pl.remote_status(Post.new("T"), "live-now")


def test_parse_timezone_and_schedule_info() -> None:
    assert pl.parse_timezone("Europe/Berlin") is not None
    assert pl.parse_timezone("+02:00") == timezone(timedelta(hours=2))
    assert pl.parse_timezone("UTC-5") == timezone(timedelta(hours=-5))
    assert pl.parse_timezone("Not/AZone") is None
    moment = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    info = pl.schedule_info(moment, "Europe/Berlin")
    assert info.utc == "2026-12-01 09:00 UTC"
    assert info.blog.startswith("2026-12-01 10:00 CET (Europe/Berlin")
    assert "your time zone" in info.author
    assert "unknown" in pl.schedule_info(moment, None).blog


def test_naive_dates_are_the_authors_local_time() -> None:
    aware = pl.make_aware(datetime(2026, 5, 1, 12, 0))
    assert aware.utcoffset() is not None
    tz = timezone(timedelta(hours=3))
    assert pl.make_aware(datetime(2026, 5, 1, 12, 0), tz).utcoffset() == timedelta(hours=3)


def test_schedule_notice() -> None:
    date = datetime(2026, 1, 1, tzinfo=UTC)
    assert pl.schedule_notice("future", "future", date) is None
    assert "at once" in (pl.schedule_notice("future", "publish", date) or "")
    assert "scheduled the post" in (pl.schedule_notice("publish", "future", date) or "")


def test_slugs() -> None:
    assert pl.choose_slug(Post.new("Hello, Wörld!")) == "hello-world"
    assert pl.choose_slug(Post.new("x", slug="My Slug")) == "my-slug"
    assert pl.numbered_slug("abc", 2) == "abc-2"


# --------------------------------------------------------------------------------- accounts


def test_account_store_round_trip_and_rules(tmp_path: Path) -> None:
    store = AccountStore(tmp_path, tmp_path / "cache")
    account = store.add(
        Account.new(
            "Travel", "wordpress", "https://b.example", "me", api_url="https://b.example/wp-json/"
        )
    )
    assert AccountStore(tmp_path, tmp_path / "cache").get("travel") == account  # names ignore case
    assert store.get(account.id) == account
    with pytest.raises(AccountError, match="exists already"):
        store.add(Account.new("TRAVEL", "wordpress", "https://c", "me"))
    with pytest.raises(AccountError, match="cannot be an account name"):
        store.add(Account.new("a/b", "wordpress", "https://c", "me"))
    data = json.loads((tmp_path / "accounts.json").read_text())
    assert data["accounts"][0]["options"]["api_url"] == "https://b.example/wp-json/"
    store.remove(account.id)
    with pytest.raises(AccountError, match="no blog account called"):
        store.get("travel")


def test_damaged_account_list_is_reported(tmp_path: Path) -> None:
    (tmp_path / "accounts.json").write_text("{not json")
    with pytest.raises(AccountError, match="damaged"):
        AccountStore(tmp_path, tmp_path / "cache").all()
