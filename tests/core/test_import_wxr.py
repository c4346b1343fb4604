"""Importing WordPress exports: the files in tests/core/data/wxr/ were written for these tests."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from tests.servers.common import serve_folder

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.importers.media import urllib_fetcher
from blogdesk.core.importers.wxr import account_id_for, import_wxr
from blogdesk.core.importers.wxr_reader import WxrError
from blogdesk.core.library.library import Library
from blogdesk.core.post.post import Post
from blogdesk.core.progress import CancelToken, Progress
from blogdesk.core.render.rendering import RenderOptions, render

DATA = Path(__file__).parent / "data" / "wxr"
HARBOUR = "wxr:https://harbour.example"


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library.open(tmp_path / "library") as lib:
        yield lib


def snapshot(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".blogdesk" not in p.parts
    }


def test_classic_export_posts_and_fields(library: Library) -> None:
    report = import_wxr(library, DATA / "classic.xml")
    assert sorted(report.imported) == sorted(
        [
            "low-tide-at-dawn.md",
            "привет-гавань.md",
            "winter-plans-draft.md",
            "spring-regatta.md",
            "guest-post-knots.md",
            "boat-accounts.md",
            "members-only.md",
            "about.md",
        ]
    )
    post = library.load("low-tide-at-dawn.md")
    assert post.title == "Low tide at dawn"
    assert post.status == "published"
    assert post.date == datetime(2024, 1, 15, 7, 30, tzinfo=UTC)
    assert post.slug == "low-tide-at-dawn"
    assert post.get("author") == "Jane Harbour"
    assert post.categories == ["Boats & Sailing"]
    assert post.tags == ["Tides", "Early mornings"]
    assert post.excerpt == "Reading the mud & the tide."
    assert post.get("sticky") is True
    assert post.get("comments") == 2  # the spam comment is not counted
    # The attachment comes after the post in the file: the featured image is filled in at the end.
    assert post.featured_image == "https://harbour.example/wp-content/uploads/2024/01/mud.jpg"
    state = post.sync_state(HARBOUR)
    assert {k: state.pop(k) for k in ("imported_hash", "local_hash")}  # see the identity tests
    assert state == {
        "remote_id": 10,
        "link": "https://harbour.example/2024/01/low-tide-at-dawn/",
        "guid": "https://harbour.example/?p=10",
    }


def test_classic_content_becomes_markdown_that_renders_back(library: Library) -> None:
    import_wxr(library, DATA / "classic.xml")
    body = library.load("low-tide-at-dawn.md").body
    assert body.startswith("The harbour empties twice a day.  \nYou learn to read the mud.\n\n")
    assert "\n<!--more-->\n" in body
    assert "[link to about](https://harbour.example/about/)" in body
    assert '[gallery ids="11,12" columns="2"]' in body
    assert "```python\ndef tide(hour):\n    return hour % 12\n\n\nprint(tide(13))\n```" in body
    soup = BeautifulSoup(render(body, RenderOptions(highlight=False)).html, "html.parser")
    assert soup.figure is not None and soup.figure.figcaption is not None
    assert soup.figure.figcaption.get_text() == "The flats at 6am"
    assert [li.get_text() for li in soup.find_all("li")] == ["Boots", "Patience"]
    assert "https://www.youtube.com/watch?v=abc123" in soup.get_text()


def test_non_latin_post(library: Library) -> None:
    import_wxr(library, DATA / "classic.xml")
    post = library.load("привет-гавань.md")
    assert post.title == "Привет, гавань"
    assert post.slug == "привет-гавань"
    assert post.get("author") == "Иван Петров"
    assert post.categories == ["Лодки"]
    assert post.get("format") == "aside"
    assert post.date == datetime(2024, 2, 1, 9, 0, tzinfo=UTC)
    assert "日本語も少し。" in post.body
    assert post.featured_image == "https://harbour.example/wp-content/uploads/2024/02/ship.png"


def test_every_status_and_the_page(library: Library) -> None:
    report = import_wxr(library, DATA / "classic.xml")
    draft = library.load("winter-plans-draft.md")
    assert draft.status == "draft"
    assert draft.slug is None
    assert draft.date == datetime(2024, 2, 10, 18, 45)  # no GMT date for drafts: local time
    assert library.load("spring-regatta.md").status == "scheduled"
    assert library.load("guest-post-knots.md").status == "pending"
    assert library.load("boat-accounts.md").status == "private"
    protected = library.load("members-only.md")
    assert protected.status == "published"
    assert protected.get("password_protected") is True
    assert library.load("about.md").get("type") == "page"
    assert all("hunter2" not in (library.root / rel).read_text() for rel in report.imported)
    assert any("password" in str(w) for w in report.warnings)


def test_what_is_skipped_is_reported(library: Library) -> None:
    report = import_wxr(library, DATA / "classic.xml")
    reasons = dict(report.skipped_by_reason())
    assert reasons == {
        "not a post or page: a menu item": 1,
        "not a post or page: a revision": 1,
        "not a post or page: an attachment (used for featured images)": 2,
        "not imported: an empty automatic draft": 1,
        "not imported: in the WordPress trash": 1,
    }
    summary = report.summary()
    assert summary.startswith(
        "Imported 8 posts, 6 skipped.\n"
        "The export holds 14 items: 8 imported + 0 updated + 6 skipped + 0 failed.\n"
    )
    assert "Skipped 1: not a post or page: a menu item" in summary


def test_index_knows_the_imported_posts(library: Library) -> None:
    import_wxr(library, DATA / "classic.xml")
    assert len(library.posts()) == 8
    assert [hit.summary.path for hit in library.search("bowline")] == ["guest-post-knots.md"]


def test_importing_twice_changes_nothing(library: Library) -> None:
    first = import_wxr(library, DATA / "classic.xml")
    before = snapshot(library.root)
    second = import_wxr(library, DATA / "classic.xml")
    assert second.imported == []
    assert sorted(second.unchanged) == sorted(first.imported)
    assert snapshot(library.root) == before


def test_same_title_from_another_site_gets_its_own_file(library: Library) -> None:
    library.create("About", "My own about page.")
    import_wxr(library, DATA / "classic.xml")
    assert library.load("about.md").body == "My own about page."
    assert library.load("about-2.md").get("type") == "page"


def test_block_editor_content(library: Library) -> None:
    report = import_wxr(library, DATA / "blocks.xml")
    assert report.imported == ["bread.md"]
    post = library.load("bread.md")
    assert post.sync_state("wxr:https://kitchen.example/blog")["remote_id"] == 100
    assert "wp:" not in post.body
    assert "| Flour | Water |" in post.body
    soup = BeautifulSoup(render(post.body, RenderOptions(highlight=False)).html, "html.parser")
    assert soup.select_one("ol > li > ul > li") is not None
    quote = soup.blockquote
    assert quote is not None and quote.cite is not None
    assert quote.cite.get_text() == "Anonymous baker"
    # The Quote block's citation is the quote's closing dash line in the Markdown.
    assert "> Bread is the warmest, kindest of words.\n>\n> — Anonymous baker\n" in post.body
    assert soup.table is not None and soup.table.th is not None
    captions = [c.get_text() for c in soup.find_all("figcaption")]
    assert captions == ["Out of the oven"]
    assert "https://www.youtube.com/watch?v=bread" in soup.get_text()
    assert "<!--more-->" in post.body


def test_damaged_export_defects_are_repaired_and_reported(library: Library) -> None:
    report = import_wxr(library, DATA / "defects.xml")
    assert report.imported == ["control-characters.md"]
    post = library.load("control-characters.md")
    assert post.title == "Control characters here"
    assert post.excerpt == "The excerpt survives."  # `excerpt:` was never declared
    assert post.body.startswith("Line one  \nline two  \nline three\n\nBad byte:")
    messages = " ".join(str(w) for w in report.warnings)
    assert "excerpt:" in messages
    assert "control characters" in messages


def test_truncated_export_keeps_what_was_read(library: Library) -> None:
    report = import_wxr(library, DATA / "truncated.xml")
    assert sorted(report.imported) == sorted(
        ["low-tide-at-dawn.md", "привет-гавань.md", "winter-plans-draft.md"]
    )
    assert report.error is not None and "line" in report.error
    assert "stopped early" in report.summary()
    assert any("attachment #31" in str(w) for w in report.warnings)
    for rel in report.imported:
        Post.load(library.root / rel)  # complete, readable posts


@pytest.mark.parametrize(
    ("name", "words"),
    [("bomb.xml", "entities"), ("xxe.xml", "entities"), ("not-an-export.xml", "not a WordPress")],
)
def test_unsafe_or_foreign_files_are_refused_and_nothing_written(
    library: Library, name: str, words: str
) -> None:
    with pytest.raises(WxrError, match=words):
        import_wxr(library, DATA / name)
    assert snapshot(library.root) == {}
    assert library.posts() == []


def test_missing_file_is_a_clear_error(library: Library, tmp_path: Path) -> None:
    with pytest.raises(BlogDeskError, match="Cannot read"):
        import_wxr(library, tmp_path / "nope.xml")


def test_progress_and_cancel_leave_only_complete_posts(library: Library) -> None:
    cancel = CancelToken()
    seen: list[Progress] = []

    def on_progress(step: Progress) -> None:
        seen.append(step)
        if step.done == 4:
            cancel.cancel()

    report = import_wxr(library, DATA / "classic.xml", progress=on_progress, cancel=cancel)
    assert report.cancelled
    assert [s.done for s in seen] == [1, 2, 3, 4]
    assert {s.total for s in seen} == {14}
    assert seen[0].message == "Low tide at dawn"
    assert sorted(report.imported) == sorted(
        ["low-tide-at-dawn.md", "привет-гавань.md", "winter-plans-draft.md"]
    )
    assert sorted(p.name for p in library.root.glob("*.md")) == sorted(report.imported)
    assert "cancelled" in report.summary()
    # Importing again finishes the job without duplicates.
    again = import_wxr(library, DATA / "classic.xml")
    assert len(again.imported) == 5 and len(again.unchanged) == 3


@pytest.fixture
def upload_server(tmp_path: Path) -> Iterator[str]:
    site = tmp_path / "site"
    uploads = site / "wp-content" / "uploads"
    (uploads / "2024" / "01").mkdir(parents=True)
    (uploads / "2024" / "02").mkdir(parents=True)
    (uploads / "2024" / "01" / "mud.jpg").write_bytes(b"\xff\xd8 full-size mud")
    (uploads / "2024" / "02" / "ship.png").write_bytes(b"\x89PNG ship")
    with serve_folder(site) as url:
        yield url


def test_download_media_into_the_library(library: Library, upload_server: str) -> None:
    fetched: list[str] = []

    def fetch(url: str) -> bytes:  # the export's site, served from loopback
        fetched.append(url)
        return urllib_fetcher(upload_server + urlsplit(url).path, timeout=5)

    report = import_wxr(library, DATA / "classic.xml", download_media=True, fetcher=fetch)
    media = library.root / "media"
    assert (media / "2024" / "01" / "mud.jpg").read_bytes() == b"\xff\xd8 full-size mud"
    assert (media / "2024" / "02" / "ship.png").read_bytes() == b"\x89PNG ship"
    assert report.media_downloaded == 2
    post = library.load("low-tide-at-dawn.md")
    assert 'href="media/2024/01/mud.jpg"' in post.body
    assert post.featured_image == "media/2024/01/mud.jpg"
    # The resized copy is not on the server: it keeps its web address and becomes a warning.
    assert "https://harbour.example/wp-content/uploads/2024/01/mud-300x200.jpg" in post.body
    assert any("mud-300x200.jpg" in str(w) for w in report.warnings)
    assert library.load("привет-гавань.md").featured_image == "media/2024/02/ship.png"
    assert len(fetched) == len(set(fetched))  # each file fetched once
    assert library.posts()  # media/ holds no posts
    assert not any(p.path.startswith("media/") for p in library.posts())


def test_account_id_convention() -> None:
    assert account_id_for("https://Example.com/blog/") == "wxr:https://example.com/blog"
    assert account_id_for("http://old.example") == "wxr:http://old.example"
    assert account_id_for("") == "wxr:unknown-site"


def test_command_line_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from blogdesk.cli import main

    library_dir = str(tmp_path / "cli-library")
    assert main(["--library", library_dir, "import", "wxr", str(DATA / "classic.xml")]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Imported 8 posts, 6 skipped.")
    assert "Importing 14/14: ship" in err
    assert main(["--library", library_dir, "import", "wxr", str(DATA / "bomb.xml")]) == 1
    out, err = capsys.readouterr()
    assert "refuses this file" in err and "Traceback" not in err
    assert main(["--library", library_dir, "import", "wxr", str(DATA / "truncated.xml")]) == 1
    out, err = capsys.readouterr()
    assert "Skipped 3: already in the library, unchanged on the blog" in out
    assert "stopped early" in out and "Spring regatta" in out


def test_progress_line_rewrites_itself_on_a_terminal() -> None:
    import io

    from blogdesk.cli.importing import ProgressLine

    stream = io.StringIO()
    line = ProgressLine(stream, interactive=True)
    line(Progress(message="First", done=1, total=2))
    line(Progress(message="Second", done=2, total=2))
    line.finish()
    text = stream.getvalue()
    assert text.startswith("\rImporting 1/2: First")
    assert "\rImporting 2/2: Second" in text and text.endswith("\n")


def test_folder_names_never_hand_out_a_taken_name(tmp_path: Path) -> None:
    from blogdesk.core.importers.writing import FolderNames

    for name in ("post.md", "Post-2.md", "post-12.md", "notes.txt"):
        (tmp_path / name).write_text("x")
    names = FolderNames(tmp_path)
    assert names.reserve("post").name == "post-3.md"
    assert names.reserve("post").name == "post-4.md"
    assert names.reserve("post-12").name == "post-12-2.md"
    assert names.reserve("POST-12").name == "POST-12-3.md"
    assert names.reserve("notes").name == "notes.md"


def test_progress_shows_titles_unescaped_and_skips_name_their_item(
    library: Library, tmp_path: Path
) -> None:
    text = (DATA / "classic.xml").read_text(encoding="utf-8")
    text = text.replace(
        "<![CDATA[Low tide at dawn]]>", "<![CDATA[Low tide at dawn &amp; other things]]>", 1
    )
    export = tmp_path / "export.xml"
    export.write_text(text, encoding="utf-8")
    seen: list[str] = []
    report = import_wxr(library, export, progress=lambda step: seen.append(step.message))
    assert seen[0] == "Low tide at dawn & other things"
    assert all("&amp;" not in current for current in seen)
    assert all(w.item for w in report.skipped + report.warnings)
    summary = report.summary()
    lines = summary.splitlines()
    menu = lines.index("Skipped 1: not a post or page: a menu item")
    assert lines[menu + 1].startswith("  ") and "(#" in lines[menu + 1]
    for skipped in report.skipped:
        assert skipped.item in summary


def test_repairs_to_the_export_name_the_file(library: Library) -> None:
    report = import_wxr(library, DATA / "defects.xml")
    assert report.warnings
    assert all(w.item for w in report.warnings)
    assert any(w.item == "defects.xml" for w in report.warnings)


def test_pullquote_blocks_import_as_quotes_with_their_attribution(
    library: Library, tmp_path: Path
) -> None:
    text = (DATA / "blocks.xml").read_text(encoding="utf-8")
    pullquote = (
        '<!-- wp:pullquote -->\n<figure class="wp-block-pullquote"><blockquote><p>Knead '
        '<em>gently</em>.</p><cite>The <a href="https://bakery.example">bakery</a></cite>'
        "</blockquote></figure>\n<!-- /wp:pullquote -->\n\n<!-- wp:table -->"
    )
    assert text.count("<!-- wp:table -->") == 1  # after the Quote block and the more tag
    export = tmp_path / "export.xml"
    export.write_text(text.replace("<!-- wp:table -->", pullquote, 1), encoding="utf-8")
    import_wxr(library, export)
    body = library.load("bread.md").body
    assert "> Knead *gently*.\n>\n> — The [bakery](https://bakery.example)\n" in body
    soup = BeautifulSoup(render(body, RenderOptions(highlight=False)).html, "html.parser")
    cites = [q.cite.decode_contents() for q in soup.find_all("blockquote") if q.cite]
    assert cites == ["Anonymous baker", 'The <a href="https://bakery.example">bakery</a>']
