"""Importing Jekyll and Hugo folders: files copied byte for byte, bundles kept together."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.importers.folder import import_folder
from blogdesk.core.library.library import Library
from blogdesk.core.progress import CancelToken, Progress

HELLO = b"---\ntitle: Hello\ntags: [intro]\n---\n\nFirst post, with *Markdown*.\n"
TOML = '+++\ntitle = "Straße & TOML"\ndate = 2024-02-02T10:00:00Z\n+++\n\nTOML body.\n'.encode()
CRLF = b"\xef\xbb\xbf---\r\ntitle: Windows line ends\r\n---\r\n\r\nBody\r\n"


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library.open(tmp_path / "library") as lib:
        yield lib


@pytest.fixture
def jekyll(tmp_path: Path) -> Path:
    site = tmp_path / "jekyll"
    posts = site / "_posts"
    (posts / "travel").mkdir(parents=True)
    (site / "_drafts").mkdir()
    (posts / "2024-01-01-hello.md").write_bytes(HELLO)
    (posts / "2024-02-02-toml.md").write_bytes(TOML)
    (posts / "2024-03-03-crlf.markdown").write_bytes(CRLF)
    (posts / "travel" / "2024-04-04-lisbon.md").write_bytes(b"---\ntitle: Lisbon\n---\nTrams.\n")
    (posts / "logo.png").write_bytes(b"\x89PNG")
    (posts / "broken.md").write_bytes(b"---\ntitle: [unclosed\n---\nx\n")
    (site / "_drafts" / "idea.md").write_bytes(b"---\ntitle: An idea\n---\nMaybe.\n")
    (site / "_config.yml").write_bytes(b"title: My site\n")
    return site


@pytest.fixture
def hugo(tmp_path: Path) -> Path:
    site = tmp_path / "hugo"
    trip = site / "content" / "posts" / "trip"
    (trip / "gallery").mkdir(parents=True)
    (trip / "index.md").write_bytes(b"---\ntitle: Trip\n---\n![Photo](photo.jpg)\n")
    (trip / "photo.jpg").write_bytes(b"\xff\xd8 photo bytes")
    (trip / "gallery" / "2.jpg").write_bytes(b"\xff\xd8 second")
    (site / "content" / "posts" / "plain.md").write_bytes(TOML)
    (site / "content" / "_index.md").write_bytes(b"---\ntitle: Home\n---\n")
    (site / "content" / "about.md").write_bytes(b"---\ntitle: About\n---\nMe.\n")
    return site


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".blogdesk" not in p.parts
    }


def test_jekyll_posts_copied_byte_for_byte(library: Library, jekyll: Path) -> None:
    report = import_folder(library, jekyll)
    assert sorted(report.imported) == [
        "2024-01-01-hello.md",
        "2024-02-02-toml.md",
        "2024-03-03-crlf.markdown",
        "drafts/idea.md",
        "travel/2024-04-04-lisbon.md",
    ]
    assert (library.root / "2024-01-01-hello.md").read_bytes() == HELLO
    assert (library.root / "2024-02-02-toml.md").read_bytes() == TOML
    assert (library.root / "2024-03-03-crlf.markdown").read_bytes() == CRLF
    assert library.load("2024-02-02-toml.md").title == "Straße & TOML"
    assert len(library.posts()) == 5
    skipped = {w.item: w.message for w in report.skipped}
    assert skipped["_posts/logo.png"].startswith("not a Markdown post")
    assert "line" in skipped["_posts/broken.md"]
    assert not (library.root / "broken.md").exists()


def test_jekyll_drafts_come_in_as_drafts(library: Library, jekyll: Path) -> None:
    drafts = jekyll / "_drafts"
    (drafts / "flagged.md").write_bytes(b"---\ntitle: Flagged\npublished: true\n---\nx\n")
    already = b"---\ntitle: Already\nstatus: draft\n---\nx\n"
    (drafts / "already.md").write_bytes(already)
    (drafts / "bare.md").write_bytes(b"# Bare\n\nNo front matter.\n")
    import_folder(library, jekyll)
    assert library.load("drafts/idea.md").status == "draft"
    # Only the status line is added; the rest of the file is as it was.
    assert (library.root / "drafts" / "idea.md").read_bytes() == (
        b"---\ntitle: An idea\nstatus: draft\n---\nMaybe.\n"
    )
    assert (library.root / "drafts" / "flagged.md").read_bytes() == (
        b"---\ntitle: Flagged\npublished: false\n---\nx\n"
    )
    assert (library.root / "drafts" / "already.md").read_bytes() == already
    assert (library.root / "drafts" / "bare.md").read_bytes() == b"# Bare\n\nNo front matter.\n"
    statuses = {p.path: p.status for p in library.posts()}
    assert {k: v for k, v in statuses.items() if k.startswith("drafts/")} == {
        "drafts/idea.md": "draft",
        "drafts/flagged.md": "draft",
        "drafts/already.md": "draft",
        "drafts/bare.md": "draft",
    }
    assert statuses["2024-01-01-hello.md"] == "published"  # _posts/ are left as they are
    assert (library.root / "2024-01-01-hello.md").read_bytes() == HELLO


def test_summary_names_every_skipped_file(library: Library, jekyll: Path) -> None:
    summary = import_folder(library, jekyll).summary()
    lines = summary.splitlines()
    broken = next(i for i, line in enumerate(lines) if "not imported:" in line)
    assert lines[broken + 1].strip() == "_posts/broken.md"
    assert "_posts/logo.png" in summary


def test_hugo_bundle_stays_together(library: Library, hugo: Path) -> None:
    report = import_folder(library, hugo)
    assert sorted(report.imported) == ["about.md", "posts/plain.md", "posts/trip/index.md"]
    assert tree(library.root / "posts" / "trip") == tree(hugo / "content" / "posts" / "trip")
    assert [w.item for w in report.skipped] == ["content/_index.md"]
    assert library.load("posts/trip/index.md").title == "Trip"


def test_importing_twice_changes_nothing(library: Library, jekyll: Path, hugo: Path) -> None:
    first = import_folder(library, jekyll).imported + import_folder(library, hugo).imported
    before = tree(library.root)
    again = import_folder(library, jekyll)
    again_hugo = import_folder(library, hugo)
    assert again.imported == [] and again_hugo.imported == []
    assert sorted(again.unchanged + again_hugo.unchanged) == sorted(first)
    assert tree(library.root) == before


def test_name_collisions_get_a_number_and_stay_idempotent(
    library: Library, jekyll: Path, hugo: Path
) -> None:
    (library.root / "2024-01-01-hello.md").write_bytes(b"---\ntitle: Mine\n---\nMine.\n")
    (library.root / "posts" / "trip").mkdir(parents=True)
    (library.root / "posts" / "trip" / "index.md").write_bytes(b"---\ntitle: My trip\n---\n")
    library.refresh()
    assert "2024-01-01-hello-2.md" in import_folder(library, jekyll).imported
    assert "posts/trip-2/index.md" in import_folder(library, hugo).imported
    assert (library.root / "2024-01-01-hello.md").read_bytes().endswith(b"Mine.\n")
    assert (library.root / "posts" / "trip-2" / "photo.jpg").read_bytes() == b"\xff\xd8 photo bytes"
    before = tree(library.root)
    assert import_folder(library, jekyll).imported == []
    assert import_folder(library, hugo).imported == []
    assert tree(library.root) == before


def test_cancel_leaves_only_complete_posts(library: Library, hugo: Path) -> None:
    cancel = CancelToken()
    steps: list[Progress] = []

    def on_progress(step: Progress) -> None:
        steps.append(step)
        if step.done == 2:
            cancel.cancel()

    report = import_folder(library, hugo, progress=on_progress, cancel=cancel)
    assert report.cancelled
    assert [(s.done, s.total) for s in steps] == [(1, 3), (2, 3)]
    assert len(report.imported) == 2
    leftovers = [p for p in library.root.rglob(".*importing*")]
    assert leftovers == []
    for rel in report.imported:
        library.load(rel)


def test_plain_folder_of_markdown(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.md").write_bytes(HELLO)
    assert import_folder(library, folder).imported == ["a.md"]


def test_bad_sources_are_clear_errors(library: Library, tmp_path: Path) -> None:
    with pytest.raises(BlogDeskError, match="no folder"):
        import_folder(library, tmp_path / "missing")
    with pytest.raises(BlogDeskError, match="inside the library"):
        import_folder(library, library.root)
