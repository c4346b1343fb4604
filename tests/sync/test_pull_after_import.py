"""A post imported from a site's export and the same post pulled from the site are one post.

Against the real WordPress: posts are made on the server, an export of them is written from the
server's own REST data (what WordPress's exporter writes, for the fields BlogDesk reads: the raw
content, ids, dates, slug, status, terms), imported, and then the account is pulled.
"""

from __future__ import annotations

import base64
import json
import urllib.request
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from tests.servers.wordpress_fixture import WordPressServer
from tests.sync.conftest import unique

from blogdesk.core.importers.wxr import PULLED, import_wxr
from blogdesk.core.importers.wxr_identity import account_id_for
from blogdesk.core.library.library import Library
from blogdesk.sync.accounts.store import Account
from blogdesk.sync.provider import ConflictError
from blogdesk.sync.publish.pull_imported import IMPORTED_MARK, same_site
from blogdesk.sync.service import SyncService

pytestmark = pytest.mark.wordpress


def _rest(wordpress: WordPressServer, route: str) -> Any:
    auth = base64.b64encode(f"{wordpress.user}:{wordpress.app_password}".encode()).decode()
    request = urllib.request.Request(
        f"{wordpress.api_url}{route}", headers={"Authorization": f"Basic {auth}"}
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read().decode("utf-8"))


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def export_of(wordpress: WordPressServer, ids: list[int], path: Path) -> Path:
    """A WXR 1.2 file of these posts, built from the server's REST answers (context=edit)."""
    posts = _rest(
        wordpress,
        "wp/v2/posts?context=edit&status=any&per_page=100&include=" + ",".join(map(str, ids)),
    )
    assert sorted(p["id"] for p in posts) == sorted(ids)
    categories = {
        c["id"]: c for c in _rest(wordpress, "wp/v2/categories?per_page=100&context=edit")
    }
    items = []
    for post in posts:
        terms = "".join(
            f'<category domain="category" nicename="{escape(categories[c]["slug"])}">'
            f"{_cdata(categories[c]['name'])}</category>"
            for c in post["categories"]
            if c in categories
        )
        items.append(
            f"""<item>
<title>{_cdata(post["title"]["raw"])}</title>
<link>{escape(post["link"])}</link>
<dc:creator>{_cdata(wordpress.user)}</dc:creator>
<guid isPermaLink="false">{escape(post["guid"]["raw"])}</guid>
<content:encoded>{_cdata(post["content"]["raw"])}</content:encoded>
<excerpt:encoded>{_cdata(post["excerpt"]["raw"])}</excerpt:encoded>
<wp:post_id>{post["id"]}</wp:post_id>
<wp:post_date>{_cdata(post["date"].replace("T", " "))}</wp:post_date>
<wp:post_date_gmt>{_cdata(post["date_gmt"].replace("T", " "))}</wp:post_date_gmt>
<wp:post_modified_gmt>{_cdata(post["modified_gmt"].replace("T", " "))}</wp:post_modified_gmt>
<wp:post_name>{_cdata(post["slug"])}</wp:post_name>
<wp:status>{_cdata(post["status"])}</wp:status>
<wp:post_type>{_cdata("post")}</wp:post_type>
<wp:post_password>{_cdata("")}</wp:post_password>
<wp:is_sticky>{int(bool(post.get("sticky")))}</wp:is_sticky>
{terms}
</item>"""
        )
    path.write_text(
        f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Test blog</title>
<link>{escape(wordpress.url)}</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>{escape(wordpress.url)}</wp:base_site_url>
<wp:base_blog_url>{escape(wordpress.url)}</wp:base_blog_url>
{"".join(items)}
</channel>
</rss>
""",
        encoding="utf-8",
    )
    return path


def _paths(library: Library, title: str) -> list[str]:
    return [s.path for s in library.posts() if s.title == title]


def test_pull_after_import_links_the_imported_posts_and_keeps_local_edits(
    service: SyncService,
    library: Library,
    wp_account: Account,
    wordpress: WordPressServer,
    tmp_path: Path,
) -> None:
    titles = [unique("Exported"), unique("Exported then edited there"), unique("Edited here")]
    made = [
        wordpress.create_post(titles[0], "<p>As exported.</p>", status="publish"),
        wordpress.create_post(titles[1], "<p>Before the blog's edit.</p>", status="draft"),
        wordpress.create_post(titles[2], "<p>Imported text.</p>", status="publish"),
    ]
    ids = [int(m["id"]) for m in made]
    export = export_of(wordpress, ids, tmp_path / "export.xml")
    report = import_wxr(library, export)
    assert len(report.imported) == 3, report.failed
    rel = {t: _paths(library, t)[0] for t in titles}
    wxr = account_id_for(wordpress.url)
    assert library.load(rel[titles[0]]).sync_state(wxr)["remote_id"] == ids[0]

    # After the export: one post changes on the blog, another is edited in BlogDesk.
    wordpress.edit_post(ids[1], content="<p>Changed on the blog after the export.</p>")
    edited = library.load(rel[titles[2]])
    edited.body = "My own words, written after the import.\n"
    library.save(edited)

    result = service.pull(wp_account)

    # No duplicates: each post is still one file, the imported one.
    for title in titles:
        assert _paths(library, title) == [rel[title]], title
    assert not set(result.created) & set(rel.values())
    # Untouched imports are linked (and brought up to date); the edited one is kept, reported.
    assert rel[titles[0]] in result.updated and rel[titles[1]] in result.updated
    assert "Changed on the blog after the export." in library.load(rel[titles[1]]).body
    assert [s for s in result.skipped if s.startswith(rel[titles[2]] + ":")], result.skipped
    kept = library.load(rel[titles[2]])
    assert kept.body == "My own words, written after the import.\n"
    for title, remote_id in zip(titles, ids, strict=True):
        post = library.load(rel[title])
        state = post.sync_state(wp_account.id)
        assert state["remote_id"] == str(remote_id), title
        assert post.sync_state(wxr) == {}  # the account took the post over from the import
    assert kept.sync_state(wp_account.id)["source_hash"].startswith(IMPORTED_MARK)

    # A second pull changes nothing and still will not overwrite the local edit.
    again = service.pull(wp_account)
    assert not set(again.created) & set(rel.values()) and again.updated == ()
    assert [s for s in again.skipped if s.startswith(rel[titles[2]] + ":")]
    assert library.load(rel[titles[2]]).body == "My own words, written after the import.\n"

    # Re-importing the same export now finds the posts linked to the account: nothing new.
    reimport = import_wxr(library, export, sites={wp_account.id: wp_account.site_url})
    assert reimport.imported == [] and reimport.updated == []
    assert [w.message for w in reimport.skipped] == [PULLED] * 3
    for title in titles:
        assert len(_paths(library, title)) == 1

    # Publishing the edited one updates the blog's post (no second post there), after the
    # author has seen the conflict: what the blog held at the import is not known.
    before = wordpress.count_posts()
    with pytest.raises(ConflictError):
        service.publish(rel[titles[2]], wp_account)
    published = service.publish(rel[titles[2]], wp_account, overwrite=True)
    assert published.remote_id == str(ids[2]) and not published.created
    assert "My own words" in wordpress.get_post(ids[2])["content"]
    assert wordpress.count_posts() == before


@pytest.mark.parametrize(
    ("wxr_key", "link", "site", "same"),
    [
        ("wxr:https://blog.example", "", "https://blog.example/", True),
        ("wxr:http://www.blog.example", "", "https://blog.example", True),
        ("wxr:http://127.0.0.1:8080", "", "http://127.0.0.1:8081", False),
        ("wxr:https://blog.example/en", "", "https://blog.example", False),
        (
            "wxr:https://old.example",
            "https://blog.example/2020/post/",
            "https://blog.example",
            True,
        ),
        ("wxr:https://old.example", "https://blog.examples/post/", "https://blog.example", False),
        ("wxr:https://blog.example", "", "", False),
    ],
)
def test_same_site(wxr_key: str, link: str, site: str, same: bool) -> None:
    assert same_site(wxr_key, {"link": link}, site) is same
