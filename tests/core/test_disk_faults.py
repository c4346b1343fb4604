"""A library on a read-only disk and a disk that fills up during a save: real kernel failures
(tests/disk_faults.py), clear messages, nothing lost."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from tests.disk_faults import read_only, small_disk

from blogdesk.core import paths
from blogdesk.core.errors import LibraryError
from blogdesk.core.fsutil import atomic_write, write_failure
from blogdesk.core.library.library import ELSEWHERE_DIR, Library
from blogdesk.core.render.rendering import render


def _make_library(root: Path) -> None:
    with Library.open(root) as lib:
        lib.create("Hello", "The *first* words.")
        lib.create("Second post", "More words, about rivers.")


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _why_read_only(how: str) -> str:
    return "the disk is read-only" if how == "mount" else "there is no permission to write there"


@pytest.mark.parametrize("own_index", [True, False], ids=["with-its-index", "never-indexed"])
def test_a_read_only_library_lists_searches_renders_and_refuses_writes(
    tmp_path: Path, own_index: bool
) -> None:
    root = tmp_path / "blog"
    _make_library(root)
    if not own_index:  # copied from another machine: no .blogdesk/ at all
        shutil.rmtree(root / ".blogdesk")
    before = _tree(root)
    with read_only(root) as how, Library.open(root) as lib:
        assert lib.read_only
        assert sorted(s.title for s in lib.posts()) == ["Hello", "Second post"]
        assert [hit.summary.title for hit in lib.search("rivers")] == ["Second post"]
        post = lib.load("hello.md")
        assert render(post.body).html == "<p>The <em>first</em> words.</p>"

        post.body = "New words the author typed."
        reason = _why_read_only(how)
        with pytest.raises(LibraryError) as caught:
            lib.save(post)
        assert str(caught.value) == (
            f"Could not save hello.md: {reason}. "
            "Nothing was written: the file on disk is as it was."
        )
        with pytest.raises(LibraryError, match=rf"Could not save third\.md: {reason}"):
            lib.create("Third")
        with pytest.raises(LibraryError, match=rf"Could not rename hello\.md: {reason}"):
            lib.rename("hello.md", "greeting.md")
        with pytest.raises(LibraryError) as caught:
            lib.delete("hello.md")
        assert str(caught.value).startswith("Could not move hello.md to the trash: ")
        assert str(caught.value).endswith("The post was not deleted.")
        assert post.body == "New words the author typed."  # still in memory for the caller
    assert _tree(root) == before  # not one byte of the library changed
    assert (paths.cache_dir() / ELSEWHERE_DIR).is_dir()  # the index went to the cache


def test_a_read_only_library_sees_files_changed_by_whoever_can_write(tmp_path: Path) -> None:
    root = tmp_path / "blog"
    _make_library(root)
    with read_only(root), Library.open(root) as lib:
        assert lib.count() == 2
    (root / "third.md").write_text("---\ntitle: Third\n---\n\nAdded meanwhile.\n")
    with read_only(root), Library.open(root) as lib:  # the cached index is refreshed
        assert lib.read_only
        assert lib.count() == 3
        assert [hit.summary.title for hit in lib.search("meanwhile")] == ["Third"]


def test_a_writable_library_keeps_its_index_at_home(tmp_path: Path) -> None:
    with Library.open(tmp_path / "blog") as lib:
        assert not lib.read_only
    assert (tmp_path / "blog" / ".blogdesk" / "index.sqlite3").is_file()
    assert not (paths.cache_dir() / ELSEWHERE_DIR).exists()


@pytest.mark.parametrize("mount", [True, False], ids=["tmpfs-if-root", "os.write-fails"])
def test_a_full_disk_during_save_leaves_the_old_file_whole(tmp_path: Path, mount: bool) -> None:
    with small_disk(tmp_path / "disk", mount=mount) as disk:
        root = disk.root / "blog"
        with Library.open(root) as lib:
            post = lib.create("Hello", "The old words.\n" * 100)
            assert post.path is not None
            old = post.path.read_bytes()
            post.body = "The new words, much longer.\n" * 20_000  # 560 KB
            with disk.full():
                with pytest.raises(LibraryError) as caught:
                    lib.save(post)
                assert str(caught.value) == (
                    "Could not save hello.md: the disk is full. "
                    "Nothing was written: the file on disk is as it was."
                )
                assert post.path.read_bytes() == old
                assert not [p for p in root.iterdir() if p.name.endswith(".tmp")]
                full = r"Could not save second\.md: the disk is full"
                with pytest.raises(LibraryError, match=full):
                    lib.create("Second", "x" * 100_000)
                assert not (root / "second.md").exists()
            lib.save(post)  # space freed: the same post saves, nothing asked again
            assert post.path.read_text(encoding="utf-8").count("The new words") == 20_000
            assert lib.load("hello.md").body == post.body


def test_a_post_with_the_longest_name_linux_allows_can_be_saved(tmp_path: Path) -> None:
    # The temporary file's name used to be "." + the whole name + 14 characters: over 255 bytes.
    name = "ж" * 125 + ".md"  # 253 bytes
    target = tmp_path / name
    target.write_text("---\ntitle: Long\n---\n\nold\n", encoding="utf-8")
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    with Library.open(tmp_path) as lib:
        post = lib.load(name)
        post.body = "saved"
        lib.save(post)
        assert lib.load(name).body == "saved"
        assert sorted(os.listdir(tmp_path)) == [".blogdesk", name]  # no temp file left


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EDQUOT, "the disk quota is used up"),
        (errno.EROFS, "the disk is read-only"),
        (errno.EACCES, "there is no permission to write there"),
        (errno.EIO, os.strerror(errno.EIO)),
    ],
)
def test_write_failures_in_words(code: int, words: str) -> None:
    assert write_failure(OSError(code, os.strerror(code))) == words


def test_a_read_only_library_with_nowhere_to_keep_its_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "blog"
    _make_library(root)
    shutil.rmtree(root / ".blogdesk")
    monkeypatch.setenv("BLOGDESK_CACHE_DIR", str(root / "cache"))  # read-only as well
    with read_only(root), pytest.raises(LibraryError) as caught:
        Library.open(root)
    assert str(caught.value).startswith(
        f"The library {root} is read-only, and its index cannot be kept in {root / 'cache'}"
    )
