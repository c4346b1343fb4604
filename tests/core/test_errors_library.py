"""What a person is told when the library's folder, its index, its trash or its history cannot do
what was asked: each case made for real (files and folders in the way, over-long names, a
second SQLite connection holding the index's write lock, a git object gone from the history)."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from blogdesk.cli import main
from blogdesk.core.errors import BlogDeskError
from blogdesk.core.history.record import record_saves
from blogdesk.core.history.store import LibraryHistory
from blogdesk.core.library.library import INDEX_FILE, STATE_DIR, Library


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    library = Library.open(tmp_path / "library")
    yield library
    library.close()


def test_a_library_folder_that_cannot_be_made(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("a file, not a folder\n")
    root = tmp_path / "notes" / "library"
    with pytest.raises(BlogDeskError) as caught:
        Library.open(root)
    assert str(caught.value) == f"Cannot create the library folder {root}: Not a directory"


def test_an_index_that_cannot_be_opened(tmp_path: Path) -> None:
    root = tmp_path / "library"
    root.mkdir()
    (root / STATE_DIR).write_text("a file where BlogDesk keeps its index folder\n")
    with pytest.raises(BlogDeskError, match=r"^Cannot open the library index in .*\.blogdesk: "):
        Library.open(root)


def test_renaming_past_the_longest_path_the_system_takes(lib: Library) -> None:
    # Folders inside folders (an archive imported as it was): the post's path is just under
    # the system's limit of 4096 bytes, so a longer name takes it over.
    folder = lib.root
    while len(str(folder)) < 3700:
        folder = folder / ("archive-" + "z" * 190)
    folder = folder / ("y" * (3899 - len(str(folder))))  # exactly 3900 bytes
    folder.mkdir(parents=True)
    post = folder / "note.md"
    post.write_text("# Note\n\nKept deep down.\n", encoding="utf-8")
    rel = post.relative_to(lib.root).as_posix()
    with pytest.raises(BlogDeskError) as caught:
        lib.rename(rel, "n" * 250)  # 4154 bytes: over the limit
    assert str(caught.value) == f"Could not rename {rel}: File name too long"
    assert post.exists()  # nothing lost


def _other_drive(lib: Library) -> Path:
    """A folder on another file system than the library (/dev/shm), removed after the test."""
    elsewhere = Path("/dev/shm")
    if not elsewhere.is_dir() or elsewhere.stat().st_dev == lib.root.stat().st_dev:
        pytest.skip("needs a second file system (/dev/shm) to link a library folder to")
    target = elsewhere / f"blogdesk-test-{os.getpid()}-{lib.root.parent.name}"
    target.mkdir()
    return target


def test_deleting_and_restoring_across_drives(lib: Library) -> None:
    target = _other_drive(lib)
    try:
        (lib.root / "trips").symlink_to(target)  # a library folder kept on another drive
        (target / "lisbon.md").write_text("# Lisbon\n\nTrams.\n", encoding="utf-8")
        item = lib.delete("trips/lisbon.md")  # moved into the library's trash: copied over
        assert not (target / "lisbon.md").exists()
        assert [i.id for i in lib.trash()] == [item.id]
        back = lib.restore(item)
        assert back == lib.root / "trips" / "lisbon.md"
        assert (target / "lisbon.md").read_text(encoding="utf-8") == "# Lisbon\n\nTrams.\n"
        assert lib.trash() == []
    finally:
        shutil.rmtree(target)


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """A folder nothing may be added to or removed from: read-only for a user; immutable
    (`chattr +i`) for root, whom permissions do not stop."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    if shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: nothing can lock a folder")
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("this file system cannot make a folder immutable")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_deleting_a_post_in_a_locked_folder(lib: Library) -> None:
    (lib.root / "trips").mkdir()
    (lib.root / "trips" / "lisbon.md").write_text("# Lisbon\n\nTrams.\n", encoding="utf-8")
    lib.refresh()
    with locked(lib.root / "trips"), pytest.raises(BlogDeskError) as caught:
        lib.delete("trips/lisbon.md")
    message = str(caught.value)
    assert message.startswith("Could not move trips/lisbon.md to the trash: ")
    assert message.endswith(". The post was not deleted.")
    assert (lib.root / "trips" / "lisbon.md").exists()  # nothing lost
    assert lib.trash() == []  # and no copy left behind in the trash


def test_restoring_where_a_file_now_takes_the_folders_place(lib: Library) -> None:
    (lib.root / "trips").mkdir()
    (lib.root / "trips" / "lisbon.md").write_text("# Lisbon\n\nTrams.\n", encoding="utf-8")
    lib.refresh()
    item = lib.delete("trips/lisbon.md")
    (lib.root / "trips").rmdir()
    (lib.root / "trips").write_text("a note called trips\n")
    with pytest.raises(BlogDeskError) as caught:
        lib.restore(item)
    assert str(caught.value) == (
        "Could not restore trips/lisbon.md: File exists. It stays in the trash; clear the way "
        "(a file or folder of that name) and try again."
    )
    assert [i.id for i in lib.trash()] == [item.id]  # still there to try again


def test_an_index_another_process_keeps_locked(lib: Library) -> None:
    # The index waits 15 s for another writer before it gives up; 0.3 s here.
    lib._index._conn().execute("PRAGMA busy_timeout = 300")
    other = sqlite3.connect(lib.root / STATE_DIR / INDEX_FILE, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another BlogDesk writing the index
        (lib.root / "new.md").write_text("# New\n\nwords\n", encoding="utf-8")
        with pytest.raises(BlogDeskError, match=r"^Could not update the library index: .*locked"):
            lib.refresh()
    finally:
        other.execute("ROLLBACK")
        other.close()
    lib.refresh()  # the other writer is done: the same refresh works now
    assert lib.summary("new.md") is not None


def test_a_search_in_a_damaged_index(lib: Library) -> None:
    lib.create("Harbour walk", "The boats were red.\n")
    other = sqlite3.connect(lib.root / STATE_DIR / INDEX_FILE)
    other.execute("DROP TABLE posts_fts")
    other.commit()
    other.close()
    with pytest.raises(BlogDeskError) as caught:
        lib.search("boats")
    message = str(caught.value)
    assert message.startswith("Search failed for “boats”: no such table: posts_fts")
    assert "blogdesk reindex" in message


# ------------------------------------------------------------------------------ the history


def test_a_history_that_cannot_be_started(tmp_path: Path) -> None:
    root = tmp_path / "library"
    (root / ".gitignore").mkdir(parents=True)  # a folder where git's ignore file goes
    with pytest.raises(BlogDeskError, match=r"^Cannot start the history in .*library: "):
        LibraryHistory.open(root)


def test_versions_that_are_not_there(lib: Library) -> None:
    post = lib.create("Harbour walk", "The boats were red.\n")
    history = LibraryHistory.open(lib.root)
    try:
        record_saves(history, [post.path.name])
        with pytest.raises(BlogDeskError, match=r"^There is no version 0{40} in the history\.$"):
            history.read(post.path.name, "0" * 40)
        head = history.commit_object(history.head())
        blob = history.blob_id(head.tree, post.path.name)
        assert blob is not None
        with pytest.raises(BlogDeskError, match=r"^[0-9a-f]{40} is not a version of the library"):
            history.read(post.path.name, blob)
    finally:
        history.close()


def test_a_post_replaced_by_a_folder_cannot_be_recorded(lib: Library) -> None:
    post = lib.create("Harbour walk", "The boats were red.\n")
    history = LibraryHistory.open(lib.root)
    try:
        record_saves(history, [post.path.name])
        post.path.unlink()
        post.path.mkdir()  # a folder now has the post's name
        with pytest.raises(BlogDeskError) as caught:
            history.commit("Save", paths=[post.path.name])
        assert str(caught.value) == "Cannot read harbour-walk.md for the history: Is a directory"
    finally:
        history.close()


def test_a_history_with_a_lost_object(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = tmp_path / "library"
    assert main(["--library", str(lib), "new", "Harbour walk"]) == 0
    post = Path(capsys.readouterr().out.strip())
    history = LibraryHistory.open(lib)
    try:
        record_saves(history, [post.name])
        first = history.head()
        assert first is not None
        post.write_text(post.read_text() + "\nThe boats were red.\n")
        record_saves(history, [post.name])
    finally:
        history.close()
    # A disk error or a half-copied library lost one of git's files (the older version).
    lost = first.decode()
    obj = lib / ".git" / "objects" / lost[:2] / lost[2:]
    assert obj.exists()
    obj.unlink()
    assert main(["--library", str(lib), "history", post.name]) == 1
    err = capsys.readouterr().err
    assert f"The history of {post.name} cannot be read: {lost}" in err
    assert "`git fsck`" in err and "Traceback" not in err
    fsck = subprocess.run(["git", "-C", str(lib), "fsck"], capture_output=True, text=True)
    assert lost in fsck.stdout + fsck.stderr  # git agrees the object is gone
