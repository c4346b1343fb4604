"""The library's history in git: what is committed, what is never touched, versions, word diffs.

`git` (Debian's) reads what dulwich wrote, so the repositories are checked to be ordinary ones."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from blogdesk.core.history.record import record_publish, record_saves
from blogdesk.core.history.store import LibraryHistory, is_tracked
from blogdesk.core.history.trailers import PublishMark, parse_trailers
from blogdesk.core.history.versions import file_history, published_text
from blogdesk.core.history.worddiff import comparable, format_word_diff, word_diff

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs Debian's git")


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[tuple[Path, LibraryHistory]]:
    root = tmp_path / "lib"
    root.mkdir()
    (root / ".blogdesk").mkdir()
    (root / ".blogdesk" / "index.sqlite3").write_bytes(b"cache")
    history = LibraryHistory.open(root)
    try:
        yield root, history
    finally:
        history.close()


POST = "---\ntitle: Hello\nstatus: draft\n---\nThe quick brown fox.\n"


def test_tracked_files_are_posts_and_media_only() -> None:
    assert is_tracked("a.md") and is_tracked("2024/b.markdown") and is_tracked("media/x.png")
    assert not is_tracked(".blogdesk/index.sqlite3")
    assert not is_tracked("notes.txt") and not is_tracked(".hidden.md")
    assert not is_tracked("drafts/.git/x.md") and not is_tracked("node_modules/a.md")


@needs_git
def test_a_new_library_gets_a_repository_that_ignores_blogdesk(
    lib: tuple[Path, LibraryHistory],
) -> None:
    root, history = lib
    assert history.created
    assert (root / ".gitignore").read_text() == ".blogdesk/\n"
    (root / "hello.md").write_text(POST)
    (root / "notes.txt").write_text("not a post")
    commit = record_saves(history)
    assert commit is not None
    assert git(root, "ls-files").split() == [".gitignore", "hello.md"]
    assert record_saves(history) is None  # nothing changed: no empty commit
    assert "hello.md" not in git(root, "status", "--porcelain")


@needs_git
def test_an_authors_repository_is_used_but_never_rewritten(tmp_path: Path) -> None:
    site = tmp_path / "site"
    git(tmp_path, "init", "-q", str(site))
    git(site, "config", "user.email", "me@example.com")
    git(site, "config", "user.name", "Me")
    (site / ".gitignore").write_text("_site/\n")
    (site / "_config.yml").write_text("title: mine\n")
    git(site, "add", ".")
    git(site, "commit", "-qm", "my site")
    (site / "_posts").mkdir()
    (site / "_posts" / "hello.md").write_text(POST)
    (site / "_config.yml").write_text("title: staged, not ours\n")
    git(site, "add", "_config.yml")  # the author staged this for their own commit
    history = LibraryHistory.open(site / "_posts")
    try:
        assert not history.created and history.prefix == "_posts/"
        assert (site / ".gitignore").read_text() == "_site/\n"  # never touched
        assert "/_posts/.blogdesk/" in (site / ".git" / "info" / "exclude").read_text()
        record_saves(history)
        assert git(site, "show", "--stat", "--format=%an", "HEAD").split()[:2] == [
            "Me",
            "_posts/hello.md",
        ]
        assert "my site" in git(site, "log", "--format=%s")  # their commit is still there
        assert git(site, "diff", "--cached", "--name-only").split() == ["_config.yml"]
        # The author commits meanwhile: BlogDesk's next commit goes on top of theirs.
        git(site, "commit", "-qm", "config")
        (site / "_posts" / "hello.md").write_text(POST + "More.\n")
        record_saves(history, ["hello.md"])
        subjects = git(site, "log", "--format=%s").splitlines()
        assert subjects == ["Save hello.md", "config", "Save the library", "my site"]
    finally:
        history.close()


def test_publishes_are_marked_and_the_live_version_is_known(
    lib: tuple[Path, LibraryHistory],
) -> None:
    root, history = lib
    post = root / "hello.md"
    post.write_text(POST)
    record_saves(history)
    mark = PublishMark("acc1", "17", "publish", "hello.md")
    record_publish(history, mark, "Publish hello.md on blog", post.read_bytes())
    post.write_text(POST.replace("brown", "red"))
    record_saves(history, ["hello.md"])
    found = file_history(history, "hello.md")
    assert [v.message for v in found.versions] == [
        "Save hello.md",
        "Publish hello.md on blog",
        "Save the library",
    ]
    assert found.versions[1].live_on == ("acc1",) and not found.versions[1].changed
    assert found.live["acc1"].marks == (mark,)
    assert published_text(history, "hello.md", "acc1") == POST
    assert published_text(history, "hello.md", "other") is None


def test_a_publish_while_the_author_typed_records_what_was_sent(
    lib: tuple[Path, LibraryHistory],
) -> None:
    root, history = lib
    post = root / "hello.md"
    post.write_text(POST)
    sent = post.read_bytes()
    post.write_text(POST.replace("fox", "fox jumps"))  # saved while the blog was answering
    record_publish(history, PublishMark("acc1", "9", "draft", "hello.md"), "Publish", sent)
    assert published_text(history, "hello.md", "acc1") == POST
    assert history.read("hello.md") == post.read_bytes()  # and the newer text follows


def test_trailers_round_trip() -> None:
    from blogdesk.core.history.trailers import format_message

    text = format_message("Publish", [("BlogDesk-File", "a b.md"), ("X-Y", "1 2")])
    assert parse_trailers(text)[:2] == [("BlogDesk-File", "a b.md"), ("X-Y", "1 2")]
    assert parse_trailers("Just a subject\n") == []


def test_word_diff_marks_words_not_lines() -> None:
    pieces = word_diff("The quick brown fox.\n", "The quick red fox jumps.\n")
    assert format_word_diff(pieces) == "The quick [-brown -]{+red +}fox {+jumps+}.\n"


def test_word_diff_leaves_out_blogdesk_sync_state() -> None:
    synced = "---\ntitle: Hello\nblogdesk:\n  accounts:\n    a: {remote_id: '1'}\n---\nBody.\n"
    assert comparable(synced) == "---\ntitle: Hello\n---\nBody.\n"
    assert format_word_diff(word_diff(comparable(synced), "---\ntitle: Hello\n---\nBody.\n")) == (
        "---\ntitle: Hello\n---\nBody.\n"
    )


def test_word_diff_cuts_long_unchanged_stretches() -> None:
    old = "\n".join(f"line {n}" for n in range(40)) + "\nend old\n"
    new = old.replace("end old", "end new")
    text = format_word_diff(word_diff(old, new))
    assert "line 1\n" not in text and "…" in text and "[-old-]{+new+}" in text
