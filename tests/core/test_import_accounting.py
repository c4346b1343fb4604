"""The import's summary accounts for every item of a large export, exactly.

The import keeps only counts and the report's lines in memory and indexes each batch of posts as
it lands (benchmarks/bench_import.py measures the memory); this checks that nothing is lost on the
way: 3,000 items of every kind (posts, pages, attachments, menu items, revisions, trashed posts,
repeated post ids, broken XML, clashing titles), imported, imported again, then updated with local
edits kept. Correctness only; no timing.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from blogdesk.core.importers.report import ImportReport
from blogdesk.core.importers.wxr import CONFLICT, REPEATED, UNCHANGED, import_wxr
from blogdesk.core.library.library import Library
from blogdesk.core.progress import Progress

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Many</title><link>https://many.example</link>
<wp:base_blog_url>https://many.example</wp:base_blog_url>
"""
ITEMS = 3000
# What each item is, by its number modulo 10 (300 of each).
KINDS = {
    0: ("attachment", "publish"),
    1: ("nav_menu_item", "publish"),
    2: ("revision", "inherit"),
    3: ("post", "trash"),
    4: ("broken", ""),
    5: ("post", "publish"),  # carries the post id of the item after it
    6: ("post", "publish"),  # so this one repeats an id: skipped
    7: ("post", "publish"),  # all named "same-title": 300 clashing file names
    8: ("post", "draft"),  # its content changes in the second export
    9: ("page", "publish"),
}


def item(n: int, *, changed: bool) -> str:
    kind, status = KINDS[n % 10]
    post_id = n + 1 if n % 10 == 5 else n
    title = "Same title" if n % 10 == 7 else f"Item {n}"
    name = "same-title" if n % 10 == 7 else f"item-{n}"
    body = f"<p>Body of item {n}.</p>"
    if changed and n % 10 == 8:
        body = f"<p>Body of item {n}, rewritten on the blog.</p>"
    if kind == "broken":
        return (
            f"<item><title>{title}</title><wp:post_id>{post_id}</wp:post_id>"
            "<wp:post_type>post</wp:post_type><b></i></item>\n"
        )
    attachment = (
        f"<wp:attachment_url>https://many.example/wp-content/uploads/{n}.jpg</wp:attachment_url>"
        if kind == "attachment"
        else ""
    )
    return (
        f"<item><title>{title}</title><dc:creator>ann</dc:creator>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded>"
        f"<wp:post_id>{post_id}</wp:post_id><wp:post_name>{name}</wp:post_name>"
        "<wp:post_date_gmt>2024-01-02 03:04:05</wp:post_date_gmt>"
        f"<wp:status>{status}</wp:status><wp:post_type>{kind}</wp:post_type>"
        f"{attachment}</item>\n"
    )


def write_export(path: Path, *, changed: bool = False) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEAD)
        for n in range(ITEMS):
            out.write(item(n, changed=changed))
        out.write("</channel></rss>\n")
    return path


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library.open(tmp_path / "library") as lib:
        yield lib


def listed(summary: str) -> dict[str, list[str]]:
    """The summary's groups: each header line ("Skipped 300: reason") → the lines under it."""
    groups: dict[str, list[str]] = {}
    header = ""
    for line in summary.splitlines():
        if line.startswith("  "):
            groups[header].append(line.strip())
        else:
            header = line
            groups[header] = []
    return groups


def check_every_item_listed(report: ImportReport) -> dict[str, list[str]]:
    assert report.items == ITEMS
    assert report.accounted == ITEMS
    groups = listed(report.summary())
    for header, lines in groups.items():
        number = re.match(r"(?:Skipped|Failed|Updated) ([\d,]+)", header)
        if number:  # every item of every group is named, none twice, none shortened
            assert len(lines) == int(number[1].replace(",", "")), header
            assert len(set(lines)) == len(lines), header
            assert not any(line.startswith("…") for line in lines)
    return groups


def test_every_item_of_a_large_export_is_accounted_for(library: Library, tmp_path: Path) -> None:
    export = write_export(tmp_path / "many.xml")
    report = import_wxr(library, export)

    assert (len(report.imported), len(report.updated)) == (1200, 0)
    assert (len(report.skipped), len(report.failed)) == (1500, 300)
    assert report.accounting() == (
        "The export holds 3,000 items: 1,200 imported + 0 updated + 1,500 skipped + 300 failed."
    )
    groups = check_every_item_listed(report)
    assert sorted(report.skipped_by_reason()) == sorted(
        [
            ("not a post or page: an attachment (used for featured images)", 300),
            ("not a post or page: a menu item", 300),
            ("not a post or page: a revision", 300),
            ("not imported: in the WordPress trash", 300),
            (REPEATED, 300),
        ]
    )
    repeated = groups[f"Skipped 300: {REPEATED}"]
    assert repeated[:2] == ["Item 6 (#6)", "Item 16 (#16)"]  # item 5 took #6 first
    failed = groups["Failed 300:"]
    assert failed[0].startswith("Item 4 (#4): its XML is broken at line")
    assert {line.split(" (#")[0] for line in failed} == {f"Item {n}" for n in range(4, ITEMS, 10)}

    # Every imported post is a file of its own, and the index (filled batch by batch) has each.
    on_disk = {p.name for p in library.root.glob("*.md")}
    assert on_disk == set(report.imported) and len(on_disk) == 1200
    assert {f"same-title-{k}.md" for k in range(2, 301)} | {"same-title.md"} <= on_disk
    assert library.count() == 1200
    assert {s.path for s in library.posts()} == on_disk
    assert library.refresh().changed is False  # nothing left for a refresh to find


def test_a_large_export_again_and_updated_keeps_the_accounting_exact(
    library: Library, tmp_path: Path
) -> None:
    first = import_wxr(library, write_export(tmp_path / "many.xml"))
    again = import_wxr(library, tmp_path / "many.xml")
    assert (len(again.imported), len(again.updated), len(again.failed)) == (0, 0, 300)
    assert dict(again.skipped_by_reason())[UNCHANGED] == 1200
    assert sorted(again.unchanged) == sorted(first.imported)
    check_every_item_listed(again)

    # Edit 20 of the 300 posts that then change on the blog: those are kept, the rest updated.
    drafts = sorted(
        (s for s in library.posts() if s.title.startswith("Item ") and int(s.title[5:]) % 10 == 8),
        key=lambda s: int(s.title[5:]),
    )
    assert len(drafts) == 300
    for summary in drafts[:20]:
        post = library.load(summary.path)
        post.body = "My own words.\n"
        library.save(post)
    updated = import_wxr(library, write_export(tmp_path / "changed.xml", changed=True))
    assert (len(updated.imported), len(updated.updated), len(updated.failed)) == (0, 280, 300)
    assert dict(updated.skipped_by_reason())[CONFLICT] == 20
    assert dict(updated.skipped_by_reason())[UNCHANGED] == 900
    assert sorted(updated.conflicts) == sorted(s.path for s in drafts[:20])
    check_every_item_listed(updated)
    assert library.count() == 1200
    rewritten = library.summary(drafts[20].path, with_body=True)
    assert rewritten is not None and "rewritten on the blog" in rewritten.body
    assert library.refresh().changed is False


class HeldIndex:
    """Another program writing to the library's index: holds its write lock until released."""

    def __init__(self, library: Library) -> None:
        self.conn = sqlite3.connect(library.root / ".blogdesk" / "index.sqlite3")
        self.conn.isolation_level = None
        self.conn.execute("BEGIN IMMEDIATE")

        self.held = True

    def release(self) -> None:
        if self.held:
            self.conn.execute("ROLLBACK")
            self.conn.close()
            self.held = False


def busy_at_once(library: Library) -> None:
    """The import's own connection gives up at once on a busy index (not after 15 s)."""
    library._index._conn().execute("PRAGMA busy_timeout = 0")


def test_a_batch_the_busy_index_refused_is_indexed_at_the_end(
    library: Library, tmp_path: Path
) -> None:
    export = write_export(tmp_path / "many.xml")
    busy_at_once(library)
    held = HeldIndex(library)

    def progress(p: Progress) -> None:
        if p.done == 1500:  # the first batches were refused; the rest go in as they land
            held.release()

    try:
        report = import_wxr(library, export, progress=progress)
    finally:
        held.release()
    assert len(report.imported) == 1200 and report.accounted == ITEMS
    assert not [w for w in report.warnings if "index" in w.message]
    assert library.count() == 1200
    assert library.refresh().changed is False


def test_an_index_busy_for_the_whole_import_loses_no_post(library: Library, tmp_path: Path) -> None:
    export = write_export(tmp_path / "many.xml")
    busy_at_once(library)
    held = HeldIndex(library)
    try:
        report = import_wxr(library, export)
        assert library.count() == 0
    finally:
        held.release()
    assert len(report.imported) == 1200 and report.accounted == ITEMS
    assert str(report.warnings[-1]).startswith(
        "many.xml: the posts are imported, but the library's index could not be updated"
    )
    assert "catches up the next time the library is opened or refreshed" in report.summary()
    assert library.refresh().added == tuple(sorted(report.imported))
    assert library.count() == 1200
