"""`blogdesk account …` for platforms other than WordPress: a Hugo site folder needs no password,
platform settings come from --option, and mistakes get a plain message and exit code 1."""

from __future__ import annotations

import argparse
import io
import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from tests.memory_keyring import MemoryKeyring
from tests.servers.common import serve_folder
from tests.servers.micropub_fixture import MicropubServer

from blogdesk.cli import main
from blogdesk.core.errors import BlogDeskError

if TYPE_CHECKING:
    from blogdesk.sync.accounts.store import AccountStore


def _hugo_site(root: Path) -> Path:
    (root / "content" / "posts").mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "http://example.org/"\ntitle = "Notes"\n')
    return root


def test_a_hugo_folder_is_added_without_a_password_and_published_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _hugo_site(tmp_path / "site")
    lib = str(tmp_path / "lib")
    assert (
        main(
            [
                "account",
                "add",
                "notes",
                "--type",
                "static",
                "--url",
                str(site),
                "--option",
                "git=off",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Added 'notes'." in out and "secret" not in out

    assert main(["account", "list", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["type"] == "static" and row["name"] == "notes"

    assert main(["account", "test", "notes"]) == 0
    assert "notes: OK" in capsys.readouterr().out

    assert main(["--library", lib, "new", "Train notes"]) == 0
    post = capsys.readouterr().out.strip()
    Path(post).write_text(Path(post).read_text() + "\nWritten between two stations.\n")
    assert (
        main(["--library", lib, "publish", post, "--account", "notes", "--status", "publish"]) == 0
    )
    written = site / "content" / "posts" / "train-notes.md"
    assert "Written between two stations." in written.read_text()


def test_option_without_equals_sign_is_refused_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _hugo_site(tmp_path / "site")
    code = main(["account", "add", "x", "--type", "static", "--url", str(site), "--option", "git"])
    err = capsys.readouterr().err
    assert code == 1 and "--option takes KEY=VALUE" in err and "Traceback" not in err


def test_unknown_platform_names_the_ones_there_are(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["account", "add", "x", "--type", "livejournal", "--url", "http://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 1 and "livejournal" in err and "wordpress" in err


# --- what `account add` says when the address is wrong ---------------------------------------


@pytest.fixture
def plain_web_server(tmp_path: Path) -> Iterator[str]:
    """An ordinary web server (not a blog) on loopback, as a mistyped address would reach."""
    folder = tmp_path / "www"
    folder.mkdir()
    (folder / "index.html").write_text("<html><body>Just a page</body></html>")
    with serve_folder(folder) as url:
        yield url


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_missing_site_folder_is_named_as_typed_not_as_a_url(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "x" / "nothere"
    code = main(["account", "add", "s", "--type", "static", "--url", str(missing)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"The site folder {missing} does not exist" in err
    assert "https:" not in err
    monkeypatch.setenv("HOME", str(tmp_path))
    code = main(["account", "add", "s", "--type", "static", "--url", "~/nothere"])
    err = capsys.readouterr().err
    assert code == 1 and f"The site folder {tmp_path / 'nothere'} does not exist" in err


def test_a_home_relative_site_folder_is_added(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _hugo_site(tmp_path / "mysite")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert (
        main(
            ["account", "add", "s", "--type", "static", "--url", "~/mysite", "--option", "git=off"]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["account", "list", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["url"] == str(tmp_path / "mysite")


def test_an_unreachable_blog_is_said_plainly_without_a_job(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("secret\n"))
    url = f"http://127.0.0.1:{_closed_port()}"
    code = main(["account", "add", "w", "--url", url, "--user", "me", "--password-stdin"])
    captured = capsys.readouterr()
    assert code == 1
    assert "Cannot reach 127.0.0.1" in captured.err
    assert "address" in captured.err and "network" in captured.err
    assert "job" not in captured.err and "Traceback" not in captured.err


def test_a_web_server_without_a_blog_is_no_blog(
    plain_web_server: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for provider in ("wordpress", "xmlrpc"):
        monkeypatch.setattr("sys.stdin", io.StringIO("secret\n"))
        code = main(
            [
                "account",
                "add",
                "w",
                "--type",
                provider,
                "--url",
                plain_web_server,
                "--user",
                "me",
                "--password-stdin",
            ]
        )
        captured = capsys.readouterr()
        assert code == 1, provider
        assert f"No blog was found at {plain_web_server}" in captured.err, provider
        assert "Found" not in captured.out and "will use" not in captured.out, provider
        assert "Try again later" not in captured.err, provider
    assert main(["account", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_add_account_itself_finds_no_blog_on_a_plain_server(
    plain_web_server: str, accounts: AccountStore
) -> None:
    from blogdesk.sync.accounts import setup as account_setup
    from blogdesk.sync.accounts.credentials import MemoryStore

    store, secrets = accounts, MemoryStore()
    with pytest.raises(account_setup.NoBlogFoundError, match="No blog was found"):
        account_setup.add_account(
            store, secrets, name="w", url=plain_web_server, user="me", secret="pw"
        )
    assert store.all() == []


def test_no_terminal_and_no_password_stdin_is_explained(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from blogdesk.cli.accounts import _read_secret

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    args = argparse.Namespace(
        password_stdin=False, provider="wordpress", user="me", url="https://blog.example"
    )
    with pytest.raises(BlogDeskError, match="--password-stdin"):
        _read_secret(args, {})


def test_a_micropub_site_is_added_by_signing_in_with_indieauth(
    micropub_server: MicropubServer,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading
    import webbrowser

    import requests

    opened: list[str] = []

    def browser(url: str) -> bool:  # the author approves in the browser, which comes back
        opened.append(url)
        threading.Thread(
            target=lambda: requests.get(micropub_server.approve(url), timeout=10), daemon=True
        ).start()
        return True

    monkeypatch.setattr(webbrowser, "open", browser)
    code = main(["account", "add", "notes", "--type", "micropub", "--url", micropub_server.url])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "IndieAuth" in out and "Added 'notes'" in out and len(opened) == 1
    [stored] = memory_keyring.items.values()
    assert stored and stored not in out + err


def test_a_lost_secret_is_stored_again_with_account_password(
    tmp_path: Path,
    micropub_server: MicropubServer,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The hints name `blogdesk account password` with the account's name quoted for the shell,
    and that command stores a checked secret under the same account (its posts stay linked)."""
    import shlex

    name = "Jo's notes"
    # Scopes no other test mints: the session's one server keeps one token per scope.
    monkeypatch.setattr("sys.stdin", io.StringIO(micropub_server.mint_token("create") + "\n"))
    argv = ["account", "add", name, "--type", "micropub", "--url", micropub_server.url]
    assert main([*argv, "--password-stdin"]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert main(["account", "list", "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    memory_keyring.items.clear()  # the keyring lost it (a new computer, a reset keychain)

    hint = f"`{shlex.join(['blogdesk', 'account', 'password', name])}`"
    assert main(["account", "test", name]) == 1
    assert hint in capsys.readouterr().err
    lib = str(tmp_path / "lib")
    assert main(["--library", lib, "new", "Lost and found"]) == 0
    post = capsys.readouterr().out.strip()
    assert main(["--library", lib, "publish", post, "--account", name]) == 1
    assert hint in capsys.readouterr().err

    monkeypatch.setattr("sys.stdin", io.StringIO("not-a-token\n"))
    assert main(["account", "password", name, "--password-stdin"]) == 1
    assert memory_keyring.items == {}  # a secret the blog refuses is not kept
    capsys.readouterr()

    token = micropub_server.mint_token("create update")
    monkeypatch.setattr("sys.stdin", io.StringIO(token + "\n"))
    assert main(["account", "password", name, "--password-stdin"]) == 0
    assert "works" in capsys.readouterr().out
    assert main(["account", "test", name]) == 0
    assert "OK" in capsys.readouterr().out
    assert main(["account", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == before  # the same account: same id
