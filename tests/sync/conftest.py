"""Fixtures for the sync tests: an in-memory keyring BACKEND, a library, accounts and a service.

The keyring backend is a real `keyring.backend.KeyringBackend` installed with `keyring.set_keyring`
so the production KeyringStore code path runs; nothing touches the developer's keychain.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.memory_keyring import MemoryKeyring
from tests.servers.wordpress_fixture import WordPressServer

from blogdesk.core.library.library import Library
from blogdesk.sync.accounts.credentials import KeyringStore, LayeredStore
from blogdesk.sync.accounts.store import Account, AccountStore
from blogdesk.sync.service import SyncService


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "library")
    try:
        yield lib
    finally:
        lib.close()


@pytest.fixture
def credentials(memory_keyring: MemoryKeyring) -> LayeredStore:
    return LayeredStore(KeyringStore())


@pytest.fixture
def wp_account(wordpress: WordPressServer, credentials: LayeredStore) -> Account:
    """An account for the test WordPress, stored with its secret in the (memory) keyring."""
    account = Account.new(
        f"wp-{uuid.uuid4().hex[:6]}",
        "wordpress",
        wordpress.url,
        wordpress.user,
        api_url=wordpress.api_url,
    )
    AccountStore().add(account)
    credentials.set(account.id, wordpress.app_password)
    return account


@pytest.fixture
def service(library: Library, credentials: LayeredStore) -> Iterator[SyncService]:
    svc = SyncService(library, credentials=credentials)
    try:
        yield svc
    finally:
        svc.close()


def unique(word: str = "post") -> str:
    """A title nobody else on the shared test server uses."""
    return f"{word} {uuid.uuid4().hex[:8]}"
