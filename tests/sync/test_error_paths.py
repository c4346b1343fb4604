"""Error messages a person can meet that no other test reached (scripts/check_error_messages.py
lists them): each is triggered the way it happens for real, and its words are checked."""

from __future__ import annotations

import getpass
import io
import os
import stat
import sys
from pathlib import Path

import pytest
from tests.sync.conftest import MakeService

from blogdesk.cli import main
from blogdesk.core.errors import BlogDeskError
from blogdesk.core.library.library import Library
from blogdesk.sync.accounts.store import Account, AccountStore
from blogdesk.sync.provider import RemotePost
from blogdesk.sync.providers.static import commands
from blogdesk.sync.publish.create_or_update import free_slug


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def forem_account(accounts: AccountStore) -> Account:
    account = Account.new("dev-errors", "forem", "https://dev.example", "me")
    accounts.add(account)
    return account


def test_a_password_prompt_whose_input_ends_says_so(
    forem_account: Account, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", _Terminal())

    def ended(prompt: str = "") -> str:
        raise EOFError  # Ctrl+D at the prompt, or a closed terminal

    monkeypatch.setattr(getpass, "getpass", ended)
    assert main(["account", "password", "dev-errors"]) == 1
    assert "No password was typed (input ended)." in capsys.readouterr().err


def test_an_empty_password_is_refused(
    forem_account: Account, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": "")
    assert main(["account", "password", "dev-errors"]) == 1
    assert "No password, API key or token was given." in capsys.readouterr().err


@pytest.mark.parametrize("action", ["unpublish", "delete_remote"])
def test_taking_down_a_post_never_published_there(
    action: str, library: Library, forem_account: Account, make_service: MakeService
) -> None:
    post = library.create("Only here", "Never sent anywhere.\n")
    service = make_service(library)
    with pytest.raises(
        BlogDeskError, match=r"only-here\.md has not been published to 'dev-errors'"
    ):
        getattr(service, action)(post.path, forem_account)


class _EverySlugTaken:
    """A blog where every address is taken (find_post_by_slug always finds a post)."""

    def find_post_by_slug(self, slug: str) -> RemotePost:
        return RemotePost("1", "", "", "", "publish", None, "", slug=slug)


def test_no_free_slug_after_a_hundred_tries() -> None:
    with pytest.raises(BlogDeskError, match=r"Could not find a free address \(slug\) for 'hello'"):
        free_slug(_EverySlugTaken(), "hello")  # type: ignore[arg-type]


def test_git_missing_for_a_static_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(BlogDeskError, match="git is not installed, so BlogDesk cannot commit"):
        commands.commit(tmp_path, ["post.md"], "Publish")


def test_git_that_hangs_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "bin"
    fake.mkdir()
    git = fake / "git"
    git.write_text("#!/bin/sh\nexec sleep 30\n")
    git.chmod(git.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(fake) + os.pathsep + os.environ.get("PATH", ""))
    with pytest.raises(BlogDeskError, match=r"git push did not finish within 0\.5 seconds"):
        commands.push(tmp_path, timeout=0.5)
