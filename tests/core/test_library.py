"""The library with real files in tmp_path and a real SQLite index."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from blogdesk.core.errors import LibraryError, PostFormatError
from blogdesk.core.library.library import ChangedOnDiskError, Library
from blogdesk.core.post.post import Post

INDEX = Path(".blogdesk") / "index.sqlite3"


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = Library.open(tmp_path / "blog")
    yield library
    library.close()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def age(path: Path, seconds: float = 3600) -> None:
    """Make a file look written long ago, so mtime and size alone say it is unchanged."""
    then = time.time_ns() - int(seconds * 1e9)
    os.utime(path, ns=(then, then))


def paths(library: Library, **filters: Any) -> list[str]:
    return [s.path for s in library.posts(**filters)]


# -- create, save, load ----------------------------------------------------------------------


def test_create_writes_a_readable_unique_file_and_indexes_it(lib: Library) -> None:
    first = lib.create("Hello, World!", "Some text.")
    second = lib.create("hello world")
    russian = lib.create("Привет, мир")
    japanese = lib.create("日本語のタイトル")
    assert [p.path.name for p in (first, second, russian, japanese) if p.path] == [
        "hello-world.md",
        "hello-world-2.md",
        "привет-мир.md",
        "日本語のタイトル.md",
    ]
    assert first.path is not None and first.path.read_text(encoding="utf-8").startswith("---\n")
    assert not first.modified
    assert sorted(paths(lib)) == sorted(
        ["hello-world.md", "hello-world-2.md", "привет-мир.md", "日本語のタイトル.md"]
    )
    assert lib.summary("hello-world.md") is not None


def test_save_is_atomic_and_keeps_the_index_in_step(lib: Library) -> None:
    post = lib.create("Draft", "old words")
    loaded = lib.load("draft.md")
    loaded.body = "brand new zebra words"
    loaded.status = "published"
    lib.save(loaded)
    assert "zebra" in (lib.root / "draft.md").read_text(encoding="utf-8")
    assert [h.summary.path for h in lib.search("zebra")] == ["draft.md"]
    assert lib.search("old words ") == []
    assert paths(lib, status="published") == ["draft.md"]
    assert post.path == loaded.path
    assert [p.name for p in lib.root.iterdir() if p.name.endswith(".tmp")] == []


def test_save_refuses_a_file_changed_on_disk_unless_forced(lib: Library) -> None:
    lib.create("Mine", "first")
    post = lib.load("mine.md")
    outside = "---\ntitle: Theirs\n---\nedited in another editor\n"
    write(lib.root / "mine.md", outside)
    post.body = "my edit"
    with pytest.raises(ChangedOnDiskError, match="changed by another program"):
        lib.save(post)
    assert (lib.root / "mine.md").read_text(encoding="utf-8") == outside
    lib.save(post, force=True)
    assert "my edit" in (lib.root / "mine.md").read_text(encoding="utf-8")
    post.body = "and again"
    lib.save(post)  # the forced save is the new baseline


def test_save_refuses_a_file_deleted_on_disk_and_a_foreign_post(lib: Library) -> None:
    lib.create("Gone")
    post = lib.load("gone.md")
    (lib.root / "gone.md").unlink()
    with pytest.raises(ChangedOnDiskError, match="was deleted"):
        lib.save(post)
    stranger = Post.new("Other")
    lib.create("Taken", "keep me")
    stranger.path = lib.root / "taken.md"
    with pytest.raises(ChangedOnDiskError, match="not loaded from it"):
        lib.save(stranger)
    assert "keep me" in (lib.root / "taken.md").read_text(encoding="utf-8")


def test_save_without_a_path_picks_a_name(lib: Library) -> None:
    post = Post.new("Imported post", "text")
    lib.save(post)
    assert post.path == lib.root / "imported-post.md"


def test_load_errors_are_clear(lib: Library) -> None:
    with pytest.raises(LibraryError, match="no post"):
        lib.load("missing.md")
    with pytest.raises(LibraryError, match="not inside the library"):
        lib.load(lib.root.parent / "elsewhere.md")
    with pytest.raises(LibraryError, match="not a post file"):
        lib.load(".blogdesk/index.sqlite3")
    for skipped in (".blogdesk/x.md", "media/x.md", ".git/x.md", "sub/.hidden.md"):
        with pytest.raises(LibraryError, match="does not index"):
            lib.load(skipped)
    stray = Post.new("Stray")
    stray.path = lib.root / "media" / "stray.md"
    with pytest.raises(LibraryError, match="does not index"):
        lib.save(stray)
    assert not (lib.root / "media").exists()
    write(lib.root / "broken.md", "---\ntitle: [unclosed\n---\n")
    with pytest.raises(PostFormatError, match=r"broken\.md:2: broken YAML front matter"):
        lib.load("broken.md")


def test_the_index_uses_wal_and_media_goes_to_media(lib: Library) -> None:
    with sqlite3.connect(lib.root / INDEX) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    assert lib.media_dir_for("any.md") == lib.root / "media"


def test_open_without_create_needs_an_existing_folder(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="no library folder"):
        Library.open(tmp_path / "nowhere", create=False)


# -- rename, delete, restore -----------------------------------------------------------------


def test_rename_moves_the_file_the_index_and_the_open_post(lib: Library) -> None:
    lib.create("Old name", "body")
    post = lib.load("old-name.md")
    new = lib.rename("old-name.md", "new name")
    assert new == lib.root / "new name.md"
    assert not (lib.root / "old-name.md").exists() and new.exists()
    assert paths(lib) == ["new name.md"]
    assert post.path == new
    post.body = "edited after the rename"
    lib.save(post)
    assert not (lib.root / "old-name.md").exists()
    assert lib.rename(new, "New Name.md") == lib.root / "New Name.md"  # case only


def test_rename_refuses_taken_and_invalid_names(lib: Library) -> None:
    lib.create("One")
    lib.create("Two")
    with pytest.raises(LibraryError, match="already exists"):
        lib.rename("one.md", "TWO.md")
    with pytest.raises(LibraryError, match="cannot be used as a file name"):
        lib.rename("one.md", "a/b")
    with pytest.raises(LibraryError, match="cannot be used as a file name"):
        lib.rename("one.md", "con")
    assert sorted(paths(lib)) == ["one.md", "two.md"]


def test_delete_and_restore_round_trip_even_after_a_restart(tmp_path: Path) -> None:
    root = tmp_path / "blog"
    with Library.open(root) as lib:
        lib.create("Doomed", "precious words")
        original = (root / "doomed.md").read_bytes()
        item = lib.delete("doomed.md")
        assert not (root / "doomed.md").exists()
        assert paths(lib) == [] and lib.search("precious") == []
        assert item.original_path == "doomed.md" and item.title == "Doomed"
    with Library.open(root) as lib:
        assert paths(lib) == []
        [listed] = lib.trash()
        assert listed.id == item.id
        restored = lib.restore(listed)
        assert restored == root / "doomed.md"
        assert restored.read_bytes() == original
        assert paths(lib) == ["doomed.md"]
        assert lib.trash() == []


def test_restore_never_overwrites_a_new_file_of_the_same_name(lib: Library) -> None:
    lib.create("Twice", "first")
    item = lib.delete("twice.md")
    lib.create("Twice", "second")
    restored = lib.restore(item)
    assert restored.name == "twice-2.md"
    assert "second" in (lib.root / "twice.md").read_text(encoding="utf-8")
    assert "first" in restored.read_text(encoding="utf-8")


def test_empty_trash(lib: Library) -> None:
    for title in ("a", "b"):
        lib.create(title)
        lib.delete(f"{title}.md")
    assert len(lib.trash()) == 2
    assert lib.empty_trash() == 2
    assert lib.trash() == []
    with pytest.raises(LibraryError, match="no longer in the trash"):
        lib.restore("nonexistent")


# -- refresh ---------------------------------------------------------------------------------


def test_outside_changes_are_picked_up(lib: Library) -> None:
    a = write(lib.root / "a.md", "---\ntitle: A\n---\nalpha\n")
    write(lib.root / "b.md", "---\ntitle: B\n---\nbeta\n")
    write(lib.root / "c.md", "---\ntitle: C\n---\ngamma\n")
    report = lib.refresh()
    assert report.added == ("a.md", "b.md", "c.md")
    for p in lib.root.glob("*.md"):
        age(p)
    assert not lib.refresh().changed  # untouched files are neither re-read nor reported
    write(a, "---\ntitle: A2\n---\nalpha changed\n")
    (lib.root / "b.md").unlink()
    os.rename(lib.root / "c.md", lib.root / "see.md")
    write(lib.root / "posts" / "d.md", "---\ntitle: D\n---\ndelta\n")
    report = lib.refresh()
    assert report.added == ("posts/d.md", "see.md")
    assert report.updated == ("a.md",)
    assert report.removed == ("b.md", "c.md")
    assert sorted(paths(lib)) == ["a.md", "posts/d.md", "see.md"]
    summary = lib.summary("a.md")
    assert summary is not None and summary.title == "A2"


def test_refresh_reads_only_the_files_that_changed(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from blogdesk.core.library import scan

    for n in range(20):
        age(write(lib.root / f"p{n}.md", f"---\ntitle: P{n}\n---\n"))
    lib.refresh()
    for n in range(20):
        age(lib.root / f"p{n}.md")
    lib.refresh()  # the stamps now look settled
    read: list[str] = []
    real = scan.read_into

    def counting(changes: scan.Changes, rel: str, *args: Any) -> None:
        read.append(rel)
        real(changes, rel, *args)

    monkeypatch.setattr(scan, "read_into", counting)
    write(lib.root / "p3.md", "---\ntitle: Three\n---\n")
    assert lib.refresh().updated == ("p3.md",)
    assert read == ["p3.md"]


def test_same_size_same_mtime_edit_is_caught_by_the_hash(lib: Library) -> None:
    path = write(lib.root / "racy.md", "---\ntitle: Racy\n---\naaaa\n")
    lib.refresh()
    stat = path.stat()
    write(path, "---\ntitle: Racy\n---\nbbbb\n")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert lib.refresh().updated == ("racy.md",)
    assert [h.summary.path for h in lib.search("bbbb")] == ["racy.md"]


def test_touch_without_change_is_not_an_update(lib: Library) -> None:
    path = write(lib.root / "t.md", "---\ntitle: T\n---\n")
    lib.refresh()
    age(path, 10)
    assert not lib.refresh().changed


def test_posts_another_process_indexed_are_reported_as_changed(lib: Library) -> None:
    # A CLI import in another process writes files and indexes them itself: this library's
    # refresh then finds the files already indexed, but what it listed before is out of date.
    lib.refresh()
    with Library.open(lib.root) as other:
        other.create("Imported elsewhere", "Body.\n", date="2099-01-01 10:00")
    report = lib.refresh()
    assert report.added == () and report.elsewhere and report.changed
    assert not lib.refresh().changed  # said once
    lib.create("Made here", "Body.\n")  # this library's own writes are not "elsewhere"
    assert not lib.refresh().changed
    assert "Imported elsewhere" in [s.title for s in lib.posts()]


def test_where_posts_are_looked_for(lib: Library) -> None:
    write(lib.root / "content" / "posts" / "hugo.md", "---\ntitle: Hugo\n---\n")
    write(lib.root / "_posts" / "2024-01-02-jekyll.markdown", "---\ntitle: J\n---\n")
    write(lib.root / "UPPER.MD", "# Upper\n")
    for skipped in (".git/x.md", ".blogdesk/y.md", "media/z.md", ".hidden.md", "notes.txt"):
        write(lib.root / skipped, "# nope\n")
    lib.refresh()
    assert sorted(paths(lib)) == [
        "UPPER.MD",
        "_posts/2024-01-02-jekyll.markdown",
        "content/posts/hugo.md",
    ]


def test_bad_files_are_problems_and_are_never_modified(lib: Library) -> None:
    bad_yaml = b"---\ntitle: ok\ntags: [unclosed\n---\nbody\n"
    binary = b"\x00\x01\x02 binary"
    latin1 = "---\ntitle: caf\xe9\n---\n".encode("latin-1")
    write(lib.root / "good.md", "---\ntitle: Good\n---\n")
    for name, data in (("bad.md", bad_yaml), ("bin.md", binary), ("latin.md", latin1)):
        (lib.root / name).write_bytes(data)
    report = lib.refresh()
    problems = {p.path: p for p in report.problems}
    assert sorted(problems) == ["bad.md", "bin.md", "latin.md"]
    assert problems["bad.md"].line is not None and problems["bad.md"].message
    assert "UTF-8" in problems["latin.md"].message
    assert paths(lib) == ["good.md"]
    assert (lib.root / "bad.md").read_bytes() == bad_yaml
    assert (lib.root / "bin.md").read_bytes() == binary
    assert [p.path for p in lib.problems()] == ["bad.md", "bin.md", "latin.md"]
    write(lib.root / "bad.md", "---\ntitle: Fixed\n---\n")
    report = lib.refresh()
    assert report.updated == ("bad.md",)
    assert [p.path for p in report.problems] == ["bin.md", "latin.md"]
    assert sorted(paths(lib)) == ["bad.md", "good.md"]


# -- the index is a cache --------------------------------------------------------------------


def _listing(lib: Library) -> list[object]:
    return [(s.path, s.title, s.status, s.date, s.tags) for s in lib.posts(sort="title")]


def _fill(lib: Library) -> None:
    lib.create("Zeta", "z", tags=["x"], date="2024-01-01")
    lib.create("Alpha", "a", status="published")
    write(lib.root / "sub" / "beta.md", "---\ntitle: Beta\ncategories: [Notes]\n---\nb\n")
    lib.refresh()


def test_deleting_the_index_loses_nothing(tmp_path: Path) -> None:
    root = tmp_path / "blog"
    with Library.open(root) as lib:
        _fill(lib)
        before = _listing(lib)
    (root / INDEX).unlink()
    with Library.open(root) as lib:
        assert _listing(lib) == before
        assert lib.rebuild_index().added == ("alpha.md", "sub/beta.md", "zeta.md")
        assert _listing(lib) == before


@pytest.mark.parametrize("damage", ["garbage", "truncate", "scribble"])
def test_a_corrupt_index_is_rebuilt(tmp_path: Path, damage: str) -> None:
    root = tmp_path / "blog"
    with Library.open(root) as lib:
        _fill(lib)
        before = _listing(lib)
    index = root / INDEX
    for extra in ("-wal", "-shm"):
        Path(f"{index}{extra}").unlink(missing_ok=True)
    data = index.read_bytes()
    if damage == "garbage":
        index.write_bytes(b"\xde\xad\xbe\xef" * 1000)
    elif damage == "truncate":
        index.write_bytes(data[:100])
    else:
        index.write_bytes(data[:4096] + b"\xff" * (len(data) - 4096))
    with Library.open(root) as lib:
        assert _listing(lib) == before


# -- lists -----------------------------------------------------------------------------------


@pytest.fixture
def blog(lib: Library) -> Library:
    lib.create("Old draft", tags=["Python"], categories=["Notes"], date="2023-01-10")
    lib.create("Summer trip", status="published", tags=["travel", "photos"], date="2024-07-01")
    lib.create("Python tips", status="published", tags=["python"], date="2024-02-03T10:00:00Z")
    lib.create("Undated idea", categories=["Notes"])
    lib.create("Next week", status="scheduled", tags=["python"], date="2030-01-01")
    return lib


def titles(lib: Library, **kwargs: Any) -> list[str]:
    return [s.title for s in lib.posts(**kwargs)]


def test_filters(blog: Library) -> None:
    assert titles(blog, status="draft") == ["Old draft", "Undated idea"]
    assert titles(blog, tag="PYTHON") == ["Next week", "Python tips", "Old draft"]
    assert titles(blog, category="notes") == ["Old draft", "Undated idea"]
    assert titles(blog, since="2024-01-01", until="2024-12-31") == ["Summer trip", "Python tips"]
    assert titles(blog, tag="python", status=["published", "scheduled"]) == [
        "Next week",
        "Python tips",
    ]


def test_sorts_and_paging(blog: Library) -> None:
    assert titles(blog) == ["Next week", "Summer trip", "Python tips", "Old draft", "Undated idea"]
    assert titles(blog, descending=False)[:2] == ["Old draft", "Python tips"]
    assert titles(blog, sort="title", descending=False) == sorted(titles(blog), key=str.lower)
    assert titles(blog, sort="status", descending=False)[0] == "Old draft"
    assert titles(blog, sort="title", descending=False, limit=2, offset=1) == [
        "Old draft",
        "Python tips",
    ]
    for name, seconds in (("summer-trip.md", 10), ("python-tips.md", 20)):
        age(blog.root / name, seconds)
    blog.refresh()
    assert titles(blog, sort="modified", descending=False)[:2] == ["Python tips", "Summer trip"]
    assert blog.posts(limit=1)[0].body == ""
    blog.create("Bodied", "東京 and words\n", date="2099-01-01")
    [first] = blog.posts(limit=1, with_body=True)
    assert (first.path, first.body) == ("bodied.md", "東京 and words\n")


def test_tags_and_categories_with_counts(blog: Library) -> None:
    # "Python" and "python" are one tag; the first spelling in sort order names it.
    assert blog.tags() == [("Python", 3), ("photos", 1), ("travel", 1)]
    assert blog.categories() == [("Notes", 2)]


# -- search ----------------------------------------------------------------------------------


def test_title_match_ranks_above_body_match(lib: Library) -> None:
    lib.create("Notes", "a long text that mentions gardening once among many other words " * 3)
    lib.create("Gardening", "nothing else here")
    lib.create("Tagged", "plain", tags=["gardening"])
    hits = lib.search("gardening")
    assert [h.summary.title for h in hits] == ["Gardening", "Tagged", "Notes"]
    assert hits[0].score > hits[1].score > hits[2].score


def test_snippets_mark_the_match_and_escape_html(lib: Library) -> None:
    lib.create("Tags", "Use <script>alert(1)</script> & the keyword sunflower here.")
    [hit] = lib.search("sunflower")
    assert "<mark>sunflower</mark>" in hit.snippet_html
    assert "&lt;script&gt;" in hit.snippet_html and "<script>" not in hit.snippet_html
    assert "&amp;" in hit.snippet_html
    assert "«sunflower»" in hit.snippet_text and "<script>" in hit.snippet_text


def test_prefix_search_while_typing(lib: Library) -> None:
    lib.create("Photography basics", "aperture and shutter")
    # Only the word being typed (the last) is a prefix; earlier words are whole words.
    assert lib.search("apert shutter") == []
    assert [h.summary.title for h in lib.search("photo")] == ["Photography basics"]
    assert lib.search("photo ") == []  # a finished word is matched whole
    assert [h.summary.title for h in lib.search("aperture shut")] == ["Photography basics"]


def test_russian_and_accents(lib: Library) -> None:
    lib.create("Ёлка в лесу", "Родилась ёлочка. Café crème.")
    assert [h.summary.title for h in lib.search("ёлка")] == ["Ёлка в лесу"]
    assert [h.summary.title for h in lib.search("ЛЕС")] == ["Ёлка в лесу"]
    assert [h.summary.title for h in lib.search("cafe creme")] == ["Ёлка в лесу"]
    [hit] = lib.search("родилась")
    assert "«Родилась»" in hit.snippet_text


def test_matches_through_folding_are_marked_in_snippets(lib: Library) -> None:
    lib.create("Paris", "## Section\n\nWe met at the café, then a crème brûlée. Ёж и еж.")
    [hit] = lib.search("cafe")
    assert "«café»" in hit.snippet_text and "<mark>café</mark>" in hit.snippet_html
    [hit] = lib.search("CREME brulee")
    assert "«crème» «brûlée»" in hit.snippet_text
    [hit] = lib.search("еж ")
    assert "«Ёж» и «еж»" in hit.snippet_text
    [hit] = lib.search("ёж ")
    assert "«Ёж» и «еж»" in hit.snippet_text


def test_a_first_build_cut_short_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a", "b", "c"):
        write(tmp_path / f"{name}.md", f"---\ntitle: {name}\n---\nbody\n")

    def crash(_self: object) -> None:
        raise KeyboardInterrupt  # stands for a crash after the rows, before the "complete" mark

    with monkeypatch.context() as patch:
        patch.setattr("blogdesk.core.index.index.Index.mark_complete", crash)
        with pytest.raises(KeyboardInterrupt):
            Library.open(tmp_path)
    (tmp_path / "c.md").unlink()
    with Library.open(tmp_path, refresh=False) as again:
        assert again.count() == 2
        assert [p.path for p in again.posts(sort="title", descending=False)] == ["a.md", "b.md"]
    with Library.open(tmp_path, refresh=False) as third:  # now complete: opened as it is
        assert third.count() == 2


def test_japanese_and_chinese_words_are_found(lib: Library) -> None:
    lib.create("東京の旅", "今日は東京で日本語を勉強しました。")
    lib.create("中文", "我喜欢学习中文和写博客。")
    assert [h.summary.title for h in lib.search("日本語")] == ["東京の旅"]
    assert [h.summary.title for h in lib.search("勉強")] == ["東京の旅"]
    assert [h.summary.title for h in lib.search("博客")] == ["中文"]
    assert lib.search("日本人") == []
    [hit] = lib.search("勉強")
    assert "<mark>勉</mark><mark>強</mark>" in hit.snippet_html or "<mark>勉強</mark>" in (
        hit.snippet_html
    )
    assert "\u200b" not in hit.snippet_text


@pytest.mark.parametrize(
    "query", ['"', "AND", "a OR", "NOT x", "-", "title:", "((", "x)", '"unbalanced', "*", "^"]
)
def test_hostile_queries_never_crash(lib: Library, query: str) -> None:
    lib.create("AND OR NOT", "title: (x) - y")
    assert isinstance(lib.search(query), list)


# -- threads ---------------------------------------------------------------------------------


def test_a_worker_writes_while_another_thread_reads(lib: Library) -> None:
    errors: list[BaseException] = []
    done = threading.Event()

    def worker() -> None:
        try:
            for n in range(40):
                lib.create(f"Post {n}", f"word{n} common")
                if n % 10 == 0:
                    lib.refresh()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            done.set()

    thread = threading.Thread(target=worker)
    thread.start()
    while not done.is_set():
        lib.search("common")
        lib.posts(limit=10)
    thread.join()
    assert errors == []
    assert len(lib.search("common", limit=100)) == 40
    assert lib.count() == 40


def test_readers_never_see_a_half_rebuilt_index(lib: Library) -> None:
    for n in range(30):
        write(lib.root / f"p{n}.md", f"---\ntitle: P{n}\n---\nshared words\n")
    lib.refresh()
    seen: list[int] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        try:
            while not stop.is_set():
                seen.append(len(lib.posts()))
                seen.append(len(lib.search("shared", limit=100)))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for _ in range(5):
            assert lib.rebuild_index().added == tuple(sorted(f"p{n}.md" for n in range(30)))
    finally:
        stop.set()
        thread.join()
    assert errors == []
    assert seen and set(seen) == {30}


def test_an_oversized_file_is_a_problem_and_is_not_read_whole(lib: Library) -> None:
    from blogdesk.core.post.frontmatter import MAX_POST_BYTES

    big = lib.root / "huge.md"
    with open(big, "wb") as handle:
        handle.truncate(MAX_POST_BYTES + 10)  # sparse: no real disk use
    [problem] = lib.refresh().problems
    assert problem.path == "huge.md" and "20 MB" in problem.message
    assert big.stat().st_size == MAX_POST_BYTES + 10


def test_a_new_draft_is_dated_only_provisionally(lib: Library) -> None:
    from datetime import datetime, timedelta

    from blogdesk.core.post import rules

    before = datetime.now().astimezone().replace(microsecond=0)
    post = lib.create("Begun today", new_draft=True)
    assert post.date is not None and before <= post.date <= datetime.now().astimezone()
    assert rules.date_is_provisional(post.metadata())
    # Listed among the newest by that stamp, as any dated post.
    lib.create("Older", date="2001-01-01")
    assert [s.title for s in lib.posts()] == ["Begun today", "Older"]
    # A date the author sets — in BlogDesk or in another editor — is theirs.
    post.date = post.date + timedelta(days=1)
    assert not rules.date_is_provisional(post.metadata())
    assert post.path is not None
    text = post.path.read_text(encoding="utf-8")
    stamp = text.split("date: ", 1)[1].split("\n", 1)[0]
    write(post.path, text.replace(f"date: {stamp}", "date: 2024-05-01 09:00:00+02:00", 1))
    assert not rules.date_is_provisional(lib.load(post.path).metadata())
    # Posts with a date and no creation stamp (every post before this rule) keep their date.
    dated = lib.create("Dated", date="2024-01-01")
    assert not rules.date_is_provisional(dated.metadata())


def test_the_library_knows_its_own_writes(lib: Library) -> None:
    post = lib.create("Mine")
    assert post.path is not None
    assert lib.wrote(post.path, post.path.read_bytes())
    post.set_sync_state("wp", {"remote_id": "7"})
    lib.save(post)  # as the sync service records a publish
    assert lib.wrote(post.path, post.path.read_bytes())
    renamed = lib.rename(post.path, "other.md")
    assert lib.wrote(renamed, renamed.read_bytes())  # a rename keeps the record
    write(renamed, renamed.read_text(encoding="utf-8") + "Edited elsewhere.\n")
    assert not lib.wrote(renamed, renamed.read_bytes())
    assert not lib.wrote(lib.root / "never.md", b"")
    assert not lib.wrote(lib.root / "notes.txt", b"")


def test_only_a_new_posts_name_follows_its_title(lib: Library) -> None:
    from blogdesk.core.library.title_names import follows_title, rename_for_title

    post = lib.create("Untitled post", new_draft=True)
    assert post.path is not None and post.path.name == "untitled-post.md"
    assert follows_title(post, post.path, "Untitled post")
    post.title = "2024-05-01 Trip"  # would read as a Jekyll date: the name stays
    assert rename_for_title(lib, post, post.path, "Untitled post") is None
    lib.create("Rome", new_draft=True)
    post.title = "Rome"
    lib.save(post)
    moved = rename_for_title(lib, post, post.path, "Untitled post")
    assert moved is not None and moved.name == "rome-2.md" and post.path == moved
    assert follows_title(post, moved, "Rome")  # numbered beside its namesake, still following
    assert not follows_title(post, moved.with_name("my-name.md"), "Rome")  # named by the author
    post.set_sync_state("wp", {"remote_id": "1"})
    assert not follows_title(post, moved, "Rome")  # published: the blog points at it
    other = lib.create("Hand written")  # not made by New Post: an imported site's own name
    assert other.path is not None and not follows_title(other, other.path, "Hand written")
