"""Every error the static-site provider (Hugo, Jekyll) can give, met as an author meets it: real
site folders and real git repositories in tmp, the build command run for real."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.servers.common import require_tool
from tests.sync.test_static_provider import git, hugo_site, jekyll_site

from blogdesk.sync.accounts.store import Account
from blogdesk.sync.http import make_session
from blogdesk.sync.provider import (
    PermissionDeniedError,
    PostPayload,
    RequestRejectedError,
    UnsupportedError,
)
from blogdesk.sync.providers.static.commands import BuildError, GitError
from blogdesk.sync.providers.static.provider import StaticSiteProvider


def _provider(root: Path, **options: str) -> StaticSiteProvider:
    options.setdefault("git", "off")
    options.setdefault("build_command", "")
    return StaticSiteProvider(
        Account.new("site", "static", str(root), "", **options), make_session(), ""
    )


def _payload(slug: str = "hello", **fields: object) -> PostPayload:
    return PostPayload(title="Hello", html="<p>Hi.</p>", slug=slug, **fields)  # type: ignore[arg-type]


@contextlib.contextmanager
def _read_only(folder: Path) -> Iterator[None]:
    """The folder as the author's account may not write to it: no write permission, and for
    root (whom permissions do not stop) the immutable attribute, which stops even root."""
    folder.chmod(0o555)
    immutable = os.access(folder, os.W_OK) and shutil.which("chattr") is not None
    if immutable:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


def test_a_folder_blogdesk_may_not_write_to(tmp_path: Path) -> None:
    root = hugo_site(tmp_path / "site")
    posts = root / "content" / "posts"
    posts.mkdir()
    with _read_only(posts):
        assert not os.access(posts, os.W_OK), "the test could not make the folder read-only"
        with pytest.raises(PermissionDeniedError) as caught:
            _provider(root).verify()
    assert str(caught.value) == f"BlogDesk may not write to {posts}."


@pytest.mark.parametrize("status", ["pending", "private"])
def test_a_status_a_static_site_does_not_have(tmp_path: Path, status: str) -> None:
    root = hugo_site(tmp_path / "site")
    with pytest.raises(UnsupportedError) as caught:
        _provider(root).create_post(_payload(status=status))
    assert str(caught.value) == (
        f"A static site has no {status!r} posts: publish it or keep it a draft."
    )
    assert not (root / "content" / "posts" / "hello.md").exists()


def test_a_post_file_the_author_wrote_is_never_overwritten(tmp_path: Path) -> None:
    root = hugo_site(tmp_path / "site")
    own = root / "content" / "posts" / "hello.md"
    own.parent.mkdir()
    own.write_text("---\ntitle: Mine\n---\nWritten by hand.\n")
    with pytest.raises(RequestRejectedError) as caught:
        _provider(root).create_post(_payload())
    assert str(caught.value) == (
        "content/posts/hello.md exists already in the site; give the post another slug."
    )
    assert own.read_text().endswith("Written by hand.\n")


def test_a_jekyll_date_change_onto_another_post_file(tmp_path: Path) -> None:
    root = jekyll_site(tmp_path / "site")
    provider = _provider(root)
    first = datetime(2026, 3, 1, 9, tzinfo=UTC)
    made = provider.create_post(_payload(date=first, status="publish"))
    other = root / "_posts" / "2026-04-02-hello.md"
    other.write_text("---\ntitle: Another\n---\nAnother post.\n")
    moved = datetime(2026, 4, 2, 9, tzinfo=UTC)
    with pytest.raises(RequestRejectedError) as caught:
        provider.update_post(made.remote_id, _payload(date=moved, status="publish"))
    assert str(caught.value) == "_posts/2026-04-02-hello.md exists already in the site."
    assert other.read_text().endswith("Another post.\n")
    assert (root / made.remote_id).is_file()


def test_a_build_command_that_cannot_be_read(tmp_path: Path) -> None:
    root = hugo_site(tmp_path / "site")
    with pytest.raises(BuildError) as caught:
        _provider(root, build_command="hugo --minify 'public").create_post(_payload())
    assert str(caught.value) == (
        'The build command "hugo --minify \'public" cannot be read: No closing quotation.'
    )


def test_a_build_command_that_is_not_installed(tmp_path: Path) -> None:
    root = hugo_site(tmp_path / "site")
    with pytest.raises(BuildError) as caught:
        _provider(root, build_command="hugo-not-installed-here --minify").create_post(_payload())
    assert str(caught.value) == (
        "The build command 'hugo-not-installed-here' was not found. Install it or change the "
        "account's build command."
    )
    assert (root / "content" / "posts" / "hello.md").is_file()  # the post itself is kept


def _repository(root: Path) -> None:
    require_tool("git")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "site")


def test_git_add_fails_while_another_git_holds_the_index(tmp_path: Path) -> None:
    root = hugo_site(tmp_path / "site")
    _repository(root)
    (root / ".git" / "index.lock").write_text("")  # another git (an editor, a GUI) is running
    with pytest.raises(GitError) as caught:
        _provider(root, git="commit").create_post(_payload())
    message = str(caught.value)
    assert message.startswith("git add failed: fatal: Unable to create")
    assert "index.lock" in message


def test_git_commit_refused_by_the_sites_hook(tmp_path: Path) -> None:
    root = hugo_site(tmp_path / "site")
    _repository(root)
    hook = root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'front matter check: tags missing' >&2\nexit 1\n")
    hook.chmod(0o755)
    with pytest.raises(GitError) as caught:
        _provider(root, git="commit").create_post(_payload())
    assert str(caught.value) == "git commit failed: front matter check: tags missing"
    assert "Add post" not in git(root, "log", "--format=%s")
