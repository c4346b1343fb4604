"""Fixtures for the sync tests: an in-memory keyring BACKEND, a library, accounts and a service.

Services are built as `blogdesk.services` builds them (the test's own folders, the account list
and the keyring passed in); `make_service(library, **options)` makes one with other options
(a provider factory, other credentials) and closes it after the test.

The keyring backend is a real `keyring.backend.KeyringBackend` installed with `keyring.set_keyring`
so the production KeyringStore code path runs; nothing touches the developer's keychain.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.memory_keyring import MemoryKeyring
from tests.servers.wordpress_fixture import WordPressServer

from blogdesk.core.library.library import Library
from blogdesk.services import Folders
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
def folders() -> Folders:
    """The test's own folders (tests/conftest.py points BLOGDESK_*_DIR at a temporary folder)."""
    return Folders.of_user()


@pytest.fixture
def accounts(folders: Folders) -> AccountStore:
    return AccountStore(folders.config, folders.cache)


MakeService = Callable[..., SyncService]


@pytest.fixture
def make_service(
    folders: Folders, accounts: AccountStore, credentials: LayeredStore
) -> Iterator[MakeService]:
    """`make_service(library, **options)`: a SyncService on the test's accounts and keyring
    (options as for SyncService, e.g. provider_factory or credentials), closed after the test."""
    made: list[SyncService] = []

    def make(library: Library, **options: Any) -> SyncService:
        options.setdefault("credentials", credentials)
        svc = SyncService(library, accounts=accounts, cache_dir=folders.cache, **options)
        made.append(svc)
        return svc

    yield make
    for svc in made:
        svc.close()


@pytest.fixture
def wp_account(
    wordpress: WordPressServer, accounts: AccountStore, credentials: LayeredStore
) -> Account:
    """An account for the test WordPress, stored with its secret in the (memory) keyring."""
    account = Account.new(
        f"wp-{uuid.uuid4().hex[:6]}",
        "wordpress",
        wordpress.url,
        wordpress.user,
        api_url=wordpress.api_url,
    )
    accounts.add(account)
    credentials.set(account.id, wordpress.app_password)
    return account


@pytest.fixture
def service(library: Library, make_service: MakeService) -> SyncService:
    return make_service(library)


def unique(word: str = "post") -> str:
    """A title nobody else on the shared test server uses."""
    return f"{word} {uuid.uuid4().hex[:8]}"
