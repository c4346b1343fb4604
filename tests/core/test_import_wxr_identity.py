"""Identity on import: a post is its site plus its WordPress post id, whatever its GUID or name.

Re-importing changes no byte; an export of the same site with edits updates what changed on the
blog and was not edited here, and keeps (and reports) what was edited on both sides.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from blogdesk.core.importers.wxr import import_wxr
from blogdesk.core.importers.wxr_identity import content_hash
from blogdesk.core.library.library import Library
from blogdesk.core.post.post import Post

DATA = Path(__file__).parent / "data" / "wxr"
SEASIDE = "wxr:https://seaside.example"


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library.open(tmp_path / "library") as lib:
        yield lib


def hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".blogdesk" not in p.parts
    }


def name_of(post: Post) -> str:
    assert post.path is not None
    return post.path.name


def edited_export(tmp_path: Path, source: str, *changes: tuple[str, str]) -> Path:
    text = (DATA / source).read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / f"edited-{source}"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("source", ["wpcom.xml", "hostile.xml", "classic.xml", "blocks.xml"])
def test_reimporting_changes_no_byte(library: Library, source: str) -> None:
    first = import_wxr(library, DATA / source)
    before = hashes(library.root)
    second = import_wxr(library, DATA / source)
    assert hashes(library.root) == before
    assert second.imported == [] and second.updated == [] and second.conflicts == []
    assert sorted(second.unchanged) == sorted(first.imported)
    assert second.accounted == second.items == first.items
    assert len(second.failed) == len(first.failed)  # a broken item stays broken, and named


def test_updated_export_updates_untouched_posts_and_keeps_local_edits(
    library: Library, tmp_path: Path
) -> None:
    import_wxr(library, DATA / "wpcom.xml")
    edited = library.load("shells.md")
    edited.body = "My own words about shells.\n"
    library.save(edited)
    untouched_before = (library.root / "about.md").read_bytes()
    export = edited_export(
        tmp_path,
        "wpcom.xml",
        ("<p>Cockles and whelks.</p>", "<p>Cockles, whelks and limpets.</p>"),
        ("<p>A different post with the same GUID.</p>", "<p>Tide pools, rewritten.</p>"),
    )
    report = import_wxr(library, export)
    assert report.updated == ["tide-pools.md"]
    assert report.conflicts == ["shells.md"]
    assert report.imported == []
    assert library.load("tide-pools.md").body == "Tide pools, rewritten.\n"
    assert library.load("shells.md").body == "My own words about shells.\n"  # the local edit
    assert (library.root / "about.md").read_bytes() == untouched_before
    conflict = next(w for w in report.skipped if w.item.endswith("→ shells.md"))
    assert conflict.item == "Shells on the beach (#101) → shells.md"
    assert "edited in BlogDesk: your version was kept" in conflict.message
    summary = report.summary()
    assert "Updated 1 (changed on the blog):\n  tide-pools.md" in summary
    assert "Shells on the beach (#101) → shells.md" in summary
    assert report.accounted == report.items == 5
    # The updated post is again an untouched import: the same export a third time is a no-op.
    before = hashes(library.root)
    third = import_wxr(library, export)
    assert hashes(library.root) == before
    assert third.updated == [] and third.conflicts == ["shells.md"]


def test_an_update_keeps_what_other_accounts_recorded(library: Library, tmp_path: Path) -> None:
    import_wxr(library, DATA / "wpcom.xml")
    post = library.load("about.md")
    post.set_sync_state("a-blog-account", {"remote_id": 104, "status": "publish"})
    library.save(post)
    export = edited_export(tmp_path, "wpcom.xml", ("We write about the sea.", "Sea and sky."))
    report = import_wxr(library, export)
    assert report.updated == ["about.md"]  # the sync state is not a local edit
    about = library.load("about.md")
    assert about.body == "Sea and sky.\n"
    assert about.sync_state("a-blog-account") == {"remote_id": 104, "status": "publish"}


def test_late_featured_image_does_not_look_like_a_local_edit(
    library: Library, tmp_path: Path
) -> None:
    import_wxr(library, DATA / "classic.xml")
    post = library.load("low-tide-at-dawn.md")
    assert post.featured_image is not None  # filled in after its post was written
    state = post.sync_state("wxr:https://harbour.example")
    assert state["local_hash"] == content_hash(post.path.read_bytes() if post.path else b"")
    export = edited_export(tmp_path, "classic.xml", ("You learn to read the mud.", "Mud, read."))
    report = import_wxr(library, export)
    assert report.updated == ["low-tide-at-dawn.md"] and report.conflicts == []
    again = library.load("low-tide-at-dawn.md")
    assert "Mud, read." in again.body
    assert again.featured_image == post.featured_image


def test_a_pulled_post_of_the_same_site_is_the_same_post(library: Library) -> None:
    pulled = Post.new("Shells (pulled)", "Pulled from the blog.\n")
    pulled.set_sync_state(
        "3f2a9c", {"remote_id": 101, "link": "https://seaside.example/2024/03/shells/"}
    )
    library.save(pulled)
    other_site = Post.new("Another blog's 102", "Elsewhere.\n")
    other_site.set_sync_state("77aa00", {"remote_id": 102, "link": "https://other.example/?p=102"})
    library.save(other_site)
    report = import_wxr(library, DATA / "wpcom.xml")
    ids = {library.load(rel).sync_state(SEASIDE)["remote_id"] for rel in report.imported}
    assert ids == {102, 103, 104}  # not 101: the pulled post is that one
    assert "tide-pools.md" in report.imported  # the same id on another site is another post
    pulled_skip = next(w for w in report.skipped if w.item.startswith("Shells on the beach"))
    assert pulled_skip.item == f"Shells on the beach (#101) → {name_of(pulled)}"
    assert "linked to your blog account" in pulled_skip.message
    assert report.accounted == report.items


def test_a_pulled_post_is_matched_by_its_account_site(library: Library) -> None:
    pulled = Post.new("About (pulled)", "About us.\n")
    pulled.set_sync_state("acc-1", {"remote_id": 104})  # no permalink recorded
    library.save(pulled)
    without = import_wxr(library, DATA / "wpcom.xml", sites={})
    assert "about.md" in without.imported  # nothing says it is the same site
    for rel in without.imported:
        (library.root / rel).unlink()
    library.refresh()
    with_sites = import_wxr(library, DATA / "wpcom.xml", sites={"acc-1": "http://Seaside.example/"})
    assert "about.md" not in with_sites.imported
    assert any(w.item.startswith("About (#104) →") for w in with_sites.skipped)


def test_posts_imported_without_hashes_are_left_alone(library: Library, tmp_path: Path) -> None:
    old = Post.new("Shells", "Imported by an older BlogDesk.\n")
    old.set_sync_state(SEASIDE, {"remote_id": 101, "guid": "https://seaside.example/?p=101"})
    library.save(old)
    before = hashes(library.root)
    report = import_wxr(library, DATA / "wpcom.xml")
    assert hashes(library.root)[name_of(old)] == before[name_of(old)]
    reasons = {w.item: w.message for w in report.skipped}
    assert "not compared" in reasons[f"Shells on the beach (#101) → {name_of(old)}"]
    # The GUID it recorded is shared by post 102, which is another post: imported.
    assert "tide-pools.md" in report.imported


def test_the_same_post_id_twice_in_one_file_is_imported_once(
    library: Library, tmp_path: Path
) -> None:
    export = edited_export(
        tmp_path, "wpcom.xml", ("<wp:post_id>103</wp:post_id>", "<wp:post_id>101</wp:post_id>")
    )
    report = import_wxr(library, export)
    assert "shells-2.md" not in report.imported
    repeated = {w.item: w.message for w in report.skipped}
    assert repeated["Shells again (#101)"].startswith("the same post id as an earlier item")
    assert report.accounted == report.items == 5
