"""What a person is told when the blog accounts, their list on disk or the keyring holding their
secrets go wrong: each case made for real (the account list file, two windows editing it, a
keyring backend that fails) and each message checked."""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Iterator

import keyring
import keyring.backends.fail
import keyring.errors
import pytest
from tests.cli_failure import failed
from tests.memory_keyring import MemoryKeyring
from tests.servers.wordpress_fixture import WordPressServer

from blogdesk.core.errors import BlogDeskError
from blogdesk.services import Folders
from blogdesk.sync.accounts import setup as account_setup
from blogdesk.sync.accounts.credentials import KeyringStore, LayeredStore
from blogdesk.sync.accounts.store import ACCOUNTS_FILE, Account, AccountStore


def test_an_account_entry_without_its_user_is_named(
    folders: Folders, capsys: pytest.CaptureFixture[str]
) -> None:
    folders.config.mkdir(parents=True, exist_ok=True)
    entry = {"id": "a1", "name": "travel", "provider": "wordpress", "site_url": "https://t.test"}
    (folders.config / ACCOUNTS_FILE).write_text(json.dumps({"accounts": [entry]}))
    err = failed(capsys, "account", "list")
    assert "An account entry is incomplete (missing 'user')." in err


def test_an_account_list_that_cannot_be_read(
    folders: Folders, capsys: pytest.CaptureFixture[str]
) -> None:
    (folders.config / ACCOUNTS_FILE).mkdir(parents=True)  # a folder where the file belongs
    err = failed(capsys, "account", "list")
    assert f"Cannot read the account list {folders.config / ACCOUNTS_FILE}: Is a directory." in err


def test_renaming_or_removing_an_account_another_window_removed(
    folders: Folders, memory_keyring: MemoryKeyring
) -> None:
    mine = AccountStore(folders.config, folders.cache)
    other_window = AccountStore(folders.config, folders.cache)
    account = mine.add(Account.new("travel", "forem", "https://dev.test", "me"))
    other_window.remove(account.id)
    with pytest.raises(BlogDeskError, match=r"^The account 'trips' no longer exists\.$"):
        mine.update(dataclasses.replace(account, name="trips"))
    with pytest.raises(BlogDeskError, match=r"^That account no longer exists\.$"):
        account_setup.remove_account(mine, LayeredStore(KeyringStore()), account)
    assert mine.all() == []


def test_an_empty_address_is_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    err = failed(capsys, "account", "add", "travel", "--url", "  ", "--user", "me")
    assert "Give the blog's address, e.g. https://blog.example.com" in err


def test_an_empty_site_folder_is_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    err = failed(capsys, "account", "add", "notes", "--type", "static", "--url", " ")
    assert "Give the site's folder, e.g. /home/me/my-site" in err


def test_adding_in_the_window_refuses_a_taken_name_and_an_empty_password(
    folders: Folders, memory_keyring: MemoryKeyring
) -> None:
    store = AccountStore(folders.config, folders.cache)
    store.add(Account.new("travel", "forem", "https://dev.test", "me"))
    credentials = LayeredStore(KeyringStore())
    with pytest.raises(BlogDeskError, match=r"^An account called 'Travel' exists already\.$"):
        account_setup.add_account(
            store, credentials, name="Travel", url="https://b.test", user="me", secret="pw"
        )
    with pytest.raises(BlogDeskError, match=r"^The application password is empty\.$"):
        account_setup.add_account(
            store, credentials, name="cooking", url="https://c.test", user="me", secret="   "
        )
    assert [a.name for a in store.all()] == ["travel"]
    assert memory_keyring.items == {}


class _BrokenKeyring(MemoryKeyring):
    """A keyring whose backend fails the way a damaged or unreachable one does (the Secret
    Service daemon crashing mid-call: keyring.errors.InitError, a KeyringError)."""

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.InitError("the secret service went away")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.InitError("the secret service went away")


@pytest.fixture
def broken_keyring() -> Iterator[_BrokenKeyring]:
    previous = keyring.get_keyring()
    backend = _BrokenKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def test_a_failing_keyring_is_named_when_reading_and_removing(
    folders: Folders, broken_keyring: _BrokenKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    store = AccountStore(folders.config, folders.cache)
    store.add(Account.new("dev", "forem", "https://dev.test", "me"))
    err = failed(capsys, "account", "test", "dev")
    assert "The keyring could not be read (InitError). If it is locked, unlock it" in err
    err = failed(capsys, "account", "remove", "dev")
    assert "The password could not be removed from the keyring (InitError)." in err
    assert [a.name for a in store.all()] == ["dev"]  # kept: its password may still be stored


@pytest.mark.wordpress
def test_a_new_password_that_works_but_cannot_be_kept(
    wp_account: Account,
    wordpress: WordPressServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The account was added while a keyring worked; now none does (the session has no Secret
    # Service any more): the new password is checked with the blog, then cannot be stored.
    keyring.set_keyring(keyring.backends.fail.Keyring())  # memory_keyring's teardown restores
    monkeypatch.setattr("sys.stdin", io.StringIO(wordpress.app_password + "\n"))
    err = failed(capsys, "account", "password", wp_account.name, "--password-stdin")
    assert "The password is correct, but no secure password storage (keyring) works" in err
    assert "will not write it to a plain file" in err
    assert wordpress.app_password not in err
